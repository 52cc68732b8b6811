package org.clvkit.models.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ParameterEstimate;

/**
 * The fitting procedure every maximum-likelihood fitter shares: optimisation over log-parameters in
 * rescaled time from several seeded starting points, an optional L2 penalty on the parameters in
 * the caller's time unit, standard errors by the delta method, and the decision whether the fit is
 * acceptable. Not API.
 *
 * <p>Time rescaling: the data's times are divided by {@code timeScale} for the optimisation. A
 * parameter with time exponent e satisfies {@code θ = θ' · timeScale^e}, where θ' is its value in
 * rescaled time (a Gamma rate α of purchase rates per period has e = 1). Covariances of the
 * log-parameters are unchanged by the shift. The reported log-likelihood is evaluated on the
 * caller's time unit.
 *
 * <p>Large data ({@link Sampling}): when a problem has at least {@link Sampling#from()} patterns
 * and can be sampled ({@link Problem#sample}), the starting points are searched (BFGS without the
 * Newton polish, {@link MaximumLikelihood#search}) on a seeded probability-proportional-to-weight
 * sample of about {@link Sampling#size()} patterns whose weights are scaled to stand for all the
 * customers ({@link PatternSample}). The best of them is then refined on all the patterns by {@link
 * MaximumLikelihood#refine}: BFGS whose starting matrix is the inverse of the sample's information
 * at its optimum (close to the data's), run to the tight gradient criterion of the full search's
 * Newton polish, then a finite-difference Hessian for the covariance, with the same convergence
 * test. The answer is the maximum that the full search finds whenever the starting points lead to
 * one maximum (the usual case), to the last digits the gradient criterion leaves; the cost is the
 * sample search plus 12 to 20 evaluations on all the patterns instead of 30 to 60 per starting
 * point. If the sample search or the refinement does not converge, the full search runs as if there
 * had been no sample, so failures and their messages are those of the full search. The diagnostics
 * count the iterations and evaluations of every phase (sample and full).
 */
public final class ModelFitting {
  /** Log-parameters beyond ±23 (about 1e±10) are treated as runaway estimates. */
  static final double BOUND = 23.0;

  /**
   * A non-converged fit with a log-parameter beyond ±13.8 (1e±6 in rescaled time, where sensible
   * values are within a few orders of magnitude of 1) has run off rather than merely stalled.
   */
  static final double RUNAWAY = 13.8;

  /**
   * Relative gradient criterion of the search on a sample (‖g‖∞ &lt;= 1e-4 |LL|, which leaves the
   * log-parameters about 1e-3 from the sample's optimum): that optimum is itself only within
   * sampling error, about 1e-2, of the data's, so more digits would be wasted.
   */
  static final double SEARCH_TOLERANCE = 1e-4;

  /** Cap on the quasi-Newton steps on all patterns after a sample search. */
  static final int REFINE_STEPS = 30;

  /** Mixed into the settings' seed for the sample, so that it is not the starts' stream. */
  static final long SAMPLE_SEED = 0x5DEECE66DL;

  private ModelFitting() {}

  /**
   * The public view of a problem's log-likelihood in the caller's units: parameters on their
   * natural scale, a fresh objective at time scale 1 for each evaluation (so no evaluation is
   * served from the previous one's cache).
   *
   * @param problem the problem on the data
   */
  public static LogLikelihood logLikelihood(Problem problem) {
    Checks.notNull("problem", problem);
    List<String> names = problem.parameterNames();
    return new LogLikelihood() {
      @Override
      public String model() {
        return problem.model();
      }

      @Override
      public List<String> parameterNames() {
        return names;
      }

      @Override
      public double customers() {
        return problem.customers();
      }

      @Override
      public int patterns() {
        return problem.patterns();
      }

      @Override
      public double value(double[] parameters, double[] gradient) {
        Checks.notNull("parameters", parameters);
        Checks.sameLength("parameters", parameters.length, "parameterNames", names.size());
        double[] theta = new double[parameters.length];
        for (int k = 0; k < theta.length; k++) {
          theta[k] = Math.log(Checks.positive(names.get(k), parameters[k]));
        }
        if (gradient != null && gradient.length < theta.length) {
          throw Checks.fail(
              "gradient has length %d but needs at least %d", gradient.length, theta.length);
        }
        return problem.objective(1.0).value(theta, gradient);
      }

      @Override
      public String toString() {
        return problem.model() + " log-likelihood on " + problem.patterns() + " patterns";
      }
    };
  }

  /** A model's maximum-likelihood problem. */
  public interface Problem {
    /** The model's name for reports, e.g. {@code "BG/NBD"}. */
    String model();

    /** Parameter names in the literature's order. */
    List<String> parameterNames();

    /**
     * Time exponents of the parameters (see the class comment); all 0 for models without a time
     * unit.
     */
    double[] timeExponents();

    /**
     * The (unpenalised) log-likelihood over log-parameters, on the data with every time divided by
     * {@code timeScale} ({@code timeScale = 1} is the caller's unit). Must not be called
     * concurrently.
     */
    MaximumLikelihood.Objective objective(double timeScale);

    /** Default starting log-parameters in rescaled time. */
    double[] start();

    /** Number of customers (sum of weights). */
    double customers();

    /** Number of distinct patterns the likelihood sums over. */
    int patterns();

    /**
     * This problem on a seeded sample of about {@code size} of its patterns, with weights scaled so
     * that the sample stands for all the customers (draw it with {@link PatternSample#draw}); null
     * when the problem cannot be sampled (the default), in which case fits always use all the
     * patterns.
     *
     * @param size the expected number of sampled patterns, &gt; 0
     * @param seed the seed of the sample
     */
    default Problem sample(int size, long seed) {
      return null;
    }
  }

  /**
   * When a fit searches its starting points on a sample of the patterns (see the class comment).
   *
   * @param from the least number of patterns for which a sample is used
   * @param size the expected number of patterns in the sample
   */
  public record Sampling(int from, int size) {
    /**
     * Samples of 5,000 patterns from 50,000 patterns on: the sample search then costs about as much
     * as 5 to 10 evaluations on all the patterns.
     */
    public static final Sampling DEFAULT = new Sampling(50_000, 5_000);

    /** Every evaluation on all the patterns. */
    public static final Sampling NEVER = new Sampling(Integer.MAX_VALUE, 1);

    /** Validates: both &gt; 0. */
    public Sampling {
      Checks.positive("from", from);
      Checks.positive("size", size);
    }
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
   * Fits a problem, searching the starting points on a sample of the patterns when there are many
   * ({@link FitSettings#sampleFrom()}, {@link FitSettings#sampleSize()}).
   *
   * @param problem the model's likelihood
   * @param timeScale the period length used for the optimisation, in the caller's periods (1 for
   *     none)
   * @param settings penalty, starts, seed, iteration cap, whether to return non-converged fits
   * @throws FitFailedException when the best fit did not converge and the settings do not allow
   *     that
   */
  public static Outcome fit(Problem problem, double timeScale, FitSettings settings) {
    return fit(
        problem, timeScale, settings, new Sampling(settings.sampleFrom(), settings.sampleSize()));
  }

  /**
   * Fits a problem with the given sampling rule.
   *
   * @param problem the model's likelihood
   * @param timeScale the period length used for the optimisation, in the caller's periods (1 for
   *     none)
   * @param settings penalty, starts, seed, iteration cap, whether to return non-converged fits
   * @param sampling when to search the starting points on a sample ({@link Sampling#NEVER} for
   *     never)
   * @throws FitFailedException when the best fit did not converge and the settings do not allow
   *     that
   */
  public static Outcome fit(
      Problem problem, double timeScale, FitSettings settings, Sampling sampling) {
    List<String> names = problem.parameterNames();
    int n = names.size();
    double[] exponents = problem.timeExponents();
    double logScale = Math.log(timeScale);
    MaximumLikelihood.Objective base = problem.objective(timeScale);
    MaximumLikelihood.Objective objective =
        settings.penalty() == 0 ? base : penalised(base, exponents, logScale, settings.penalty());

    MaximumLikelihood.Result best = null;
    int sampled = 0;
    int iterations = 0;
    int evaluations = 0;
    Problem sample =
        problem.patterns() >= sampling.from()
            ? problem.sample(sampling.size(), settings.seed() ^ SAMPLE_SEED)
            : null;
    if (sample != null) {
      MaximumLikelihood.Objective sampleBase = sample.objective(timeScale);
      MaximumLikelihood.Objective sampleObjective =
          settings.penalty() == 0
              ? sampleBase
              : penalised(sampleBase, exponents, logScale, settings.penalty());
      Starts starts = multiStart(sampleObjective, problem.start(), settings, true);
      iterations += starts.iterations;
      evaluations += starts.evaluations;
      if (starts.best.converged()) {
        // The sample's information is close to the data's: BFGS on all patterns starts from it.
        double[][] inverse =
            MaximumLikelihood.inverseInformation(sampleObjective, starts.best.theta(), BOUND);
        evaluations += 2 * n;
        MaximumLikelihood.Result refined =
            MaximumLikelihood.refine(objective, starts.best.theta(), inverse, REFINE_STEPS, BOUND);
        iterations += refined.iterations();
        evaluations += refined.evaluations();
        if (refined.converged()) {
          best = refined;
          sampled = sample.patterns();
        }
      }
    }
    if (best == null) {
      Starts starts = multiStart(objective, problem.start(), settings, false);
      iterations += starts.iterations;
      evaluations += starts.evaluations;
      best = starts.best;
    }

    double[] theta = best.theta();
    double[] parameters = new double[n];
    for (int i = 0; i < n; i++) {
      parameters[i] = Math.exp(theta[i] + exponents[i] * logScale);
    }
    String message = best.message();
    FitStatus status = FitStatus.CONVERGED;
    String offending = "";
    if (!best.converged()) {
      status =
          message.equals(MaximumLikelihood.SINGULAR)
              ? FitStatus.SINGULAR_INFORMATION
              : FitStatus.NOT_CONVERGED;
      int runaway = best.boundIndex();
      for (int i = 0; i < n && runaway < 0; i++) {
        if (Math.abs(theta[i]) > RUNAWAY) {
          runaway = i;
        }
      }
      if (runaway >= 0) {
        status = FitStatus.NO_INTERIOR_MAXIMUM;
        offending = names.get(runaway);
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
            message,
            status,
            offending);
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
            settings.penalty(),
            sampled);
    return new Outcome(parameters, report);
  }

  /**
   * A time scale that puts the largest time at 10 periods, as the customer-base literature's
   * software does, or 1 when {@code maxTime} is 0.
   */
  public static double defaultTimeScale(double maxTime) {
    return maxTime > 0 ? maxTime / 10.0 : 1.0;
  }

  /** The best of the starting points with the work it took. */
  private static final class Starts {
    MaximumLikelihood.Result best;
    int iterations;
    int evaluations;
  }

  /**
   * Maximises from the problem's start and {@code settings.starts() − 1} seeded perturbations of
   * it, with the full {@link MaximumLikelihood#maximize} or only its BFGS phase ({@code
   * searchOnly}).
   */
  private static Starts multiStart(
      MaximumLikelihood.Objective objective,
      double[] start,
      FitSettings settings,
      boolean searchOnly) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    Starts out = new Starts();
    for (int k = 0; k < settings.starts(); k++) {
      double[] x = start.clone();
      if (k > 0) {
        for (int i = 0; i < x.length; i++) {
          x[i] += gaussian(random);
        }
      }
      MaximumLikelihood.Result result =
          searchOnly
              ? MaximumLikelihood.search(
                  objective, x, settings.maxIterations(), BOUND, SEARCH_TOLERANCE)
              : MaximumLikelihood.maximize(objective, x, settings.maxIterations(), BOUND);
      out.iterations += result.iterations();
      out.evaluations += result.evaluations();
      if (out.best == null || better(result, out.best)) {
        out.best = result;
      }
    }
    return out;
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
