package org.clvkit.models.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ParameterEstimate;

/**
 * The fitting procedure every maximum-likelihood fitter shares: optimisation over log-parameters in
 * rescaled time from several seeded starting points, an optional L2 penalty on the parameters in the
 * caller's time unit, standard errors by the delta method, and the decision whether the fit is
 * acceptable. Not API.
 *
 * <p>Time rescaling: the data's times are divided by {@code timeScale} for the optimisation. A parameter
 * with time exponent e satisfies {@code θ = θ' · timeScale^e}, where θ' is its value in rescaled time (a
 * Gamma rate α of purchase rates per period has e = 1). Covariances of the log-parameters are unchanged
 * by the shift. The reported log-likelihood is evaluated on the caller's time unit.
 */
public final class ModelFitting {
  /** Log-parameters beyond ±23 (about 1e±10) are treated as runaway estimates. */
  static final double BOUND = 23.0;

  /**
   * A non-converged fit with a log-parameter beyond ±13.8 (1e±6 in rescaled time, where sensible values
   * are within a few orders of magnitude of 1) has run off rather than merely stalled.
   */
  static final double RUNAWAY = 13.8;

  private ModelFitting() {}

  /** A model's maximum-likelihood problem. */
  public interface Problem {
    /** The model's name for reports, e.g. {@code "BG/NBD"}. */
    String model();

    /** Parameter names in the literature's order. */
    List<String> parameterNames();

    /**
     * Time exponents of the parameters (see the class comment); all 0 for models without a time unit.
     */
    double[] timeExponents();

    /**
     * The (unpenalised) log-likelihood over log-parameters, on the data with every time divided by {@code
     * timeScale} ({@code timeScale = 1} is the caller's unit). Must not be called concurrently.
     */
    MaximumLikelihood.Objective objective(double timeScale);

    /** Default starting log-parameters in rescaled time. */
    double[] start();

    /** Number of customers (sum of weights). */
    double customers();

    /** Number of distinct patterns the likelihood sums over. */
    int patterns();
  }

  /** Parameters in the caller's time unit and the report. */
  public static final class Outcome {
    private final double[] parameters;
    private final FitReport report;

    Outcome(double[] parameters, FitReport report) {
      this.parameters = parameters;
      this.report = report;
    }

    /** The fitted parameters in the caller's time unit (a copy). */
    public double[] parameters() {
      return parameters.clone();
    }

    /** Estimates, diagnostics and data size. */
    public FitReport report() {
      return report;
    }
  }

  /**
   * Fits a problem.
   *
   * @param problem the model's likelihood
   * @param timeScale the period length used for the optimisation, in the caller's periods (1 for none)
   * @param settings penalty, starts, seed, iteration cap, whether to return non-converged fits
   * @throws FitFailedException when the best fit did not converge and the settings do not allow that
   */
  public static Outcome fit(Problem problem, double timeScale, FitSettings settings) {
    List<String> names = problem.parameterNames();
    int n = names.size();
    double[] exponents = problem.timeExponents();
    double logScale = Math.log(timeScale);
    MaximumLikelihood.Objective base = problem.objective(timeScale);
    MaximumLikelihood.Objective objective =
        settings.penalty() == 0 ? base : penalised(base, exponents, logScale, settings.penalty());

    SplittableRandom random = new SplittableRandom(settings.seed());
    double[] start = problem.start();
    MaximumLikelihood.Result best = null;
    int iterations = 0;
    int evaluations = 0;
    for (int k = 0; k < settings.starts(); k++) {
      double[] x = start.clone();
      if (k > 0) {
        for (int i = 0; i < n; i++) {
          x[i] += gaussian(random);
        }
      }
      MaximumLikelihood.Result result =
          MaximumLikelihood.maximize(objective, x, settings.maxIterations(), BOUND);
      iterations += result.iterations();
      evaluations += result.evaluations();
      if (best == null || better(result, best)) {
        best = result;
      }
    }

    double[] theta = best.theta();
    double[] parameters = new double[n];
    for (int i = 0; i < n; i++) {
      parameters[i] = Math.exp(theta[i] + exponents[i] * logScale);
    }
    String message = best.message();
    if (!best.converged()) {
      int runaway = best.boundIndex();
      for (int i = 0; i < n && runaway < 0; i++) {
        if (Math.abs(theta[i]) > RUNAWAY) {
          runaway = i;
        }
      }
      if (runaway >= 0) {
        message =
            String.format(
                Locale.ROOT,
                "parameter %s ran to %.3g: the likelihood has no interior maximum on these data",
                names.get(runaway),
                parameters[runaway]);
      } else {
        StringBuilder values = new StringBuilder(message).append(" at ");
        for (int i = 0; i < n; i++) {
          values.append(i == 0 ? "" : ", ").append(names.get(i)).append(" = ");
          values.append(String.format(Locale.ROOT, "%.6g", parameters[i]));
        }
        message = values.toString();
      }
    }

    double logLikelihood;
    if (timeScale == 1 && settings.penalty() == 0) {
      logLikelihood = best.logLikelihood();
    } else {
      double[] original = new double[n];
      for (int i = 0; i < n; i++) {
        original[i] = Math.log(parameters[i]);
      }
      logLikelihood = problem.objective(1.0).value(original, null);
      evaluations++;
    }
    if (!Double.isFinite(logLikelihood)) {
      throw new IllegalStateException(
          problem.model() + " log-likelihood is not finite at the fitted parameters");
    }

    List<ParameterEstimate> estimates = new ArrayList<>();
    double[][] covariance = best.covariance();
    if (covariance != null) {
      for (int i = 0; i < n; i++) {
        estimates.add(
            ParameterEstimate.fromLogScale(
                names.get(i), parameters[i], Math.sqrt(Math.max(0, covariance[i][i]))));
      }
    }
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            best.converged(),
            iterations,
            evaluations,
            logLikelihood,
            best.gradientNorm(),
            message);
    if (!best.converged() && !settings.allowNonConverged()) {
      throw new FitFailedException(problem.model(), diagnostics);
    }
    FitReport report =
        new FitReport(
            problem.model(),
            best.converged() ? estimates : List.of(),
            diagnostics,
            problem.customers(),
            problem.patterns(),
            settings.penalty());
    return new Outcome(parameters, report);
  }

  /**
   * A time scale that puts the largest time at 10 periods, as the customer-base literature's software
   * does, or 1 when {@code maxTime} is 0.
   */
  public static double defaultTimeScale(double maxTime) {
    return maxTime > 0 ? maxTime / 10.0 : 1.0;
  }

  private static boolean better(MaximumLikelihood.Result a, MaximumLikelihood.Result b) {
    if (a.converged() != b.converged()) {
      return a.converged();
    }
    return a.logLikelihood() > b.logLikelihood();
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  private static MaximumLikelihood.Objective penalised(
      MaximumLikelihood.Objective base, double[] exponents, double logScale, double lambda) {
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return base.dimension();
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        double v = base.value(theta, gradient);
        for (int i = 0; i < theta.length; i++) {
          double p = Math.exp(theta[i] + exponents[i] * logScale);
          v -= lambda * p * p;
          if (gradient != null) {
            gradient[i] -= 2 * lambda * p * p;
          }
        }
        return v;
      }
    };
  }
}
