package org.clvkit.models.paretonbd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.covariates.LikelihoodRatioTest;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateLogLikelihood;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the Pareto/NBD with time-varying covariates ({@link ParetoNbdTimeVaryingModel}) by maximum
 * likelihood. Immutable and reusable.
 *
 * <p>Procedure, as {@link ParetoNbdCovariateFitter}'s: the model without covariates is fitted first
 * (its log-likelihood is the restricted one of the likelihood-ratio test, its parameters with all
 * coefficients 0 the starting point); then BFGS over (ln r, ln α₀, ln s, ln β₀, coefficients) with
 * the analytic gradient (the kernel's derivatives with respect to each period's ln a_k and ln c_k,
 * chained through ln a_k = γ_purchaseᵀx_k) and a Newton polish whose inverse Hessian gives the
 * standard errors, in a time unit that puts the largest age at 10 periods. Penalties and
 * constraints as CLVTools defines them ({@link CovariateSettings}); the report gives the
 * unpenalised log-likelihood beside the objective. Customers are evaluated one by one (their
 * periods differ), in chunks on the executor, summed in chunk order: bit-identical with and without
 * an executor. There is no sampling phase and no pattern compression.
 */
public final class ParetoNbdTimeVaryingFitter implements Fitter<ParetoNbdTimeVaryingModel> {
  private static final String MODEL = "Pareto/NBD with time-varying covariates";
  private static final double BOUND = 23.0;
  private static final int CHUNK = 256;
  private static final int MAX_CHUNKS = 64;

  /**
   * A variance of a log-parameter or coefficient above this (a standard error above 10) means a
   * flat direction: the fit is reported as singular, not with standard errors.
   */
  private static final double MAX_VARIANCE = 100.0;

  private final FitSettings settings;
  private final CovariateSettings covariates;
  private final Executor executor;

  private ParetoNbdTimeVaryingFitter(
      FitSettings settings, CovariateSettings covariates, Executor executor) {
    this.settings = settings;
    this.covariates = covariates;
    this.executor = executor;
  }

  /** A fitter with default settings: every covariate acts on both processes, no penalty. */
  public static ParetoNbdTimeVaryingFitter create() {
    return new ParetoNbdTimeVaryingFitter(FitSettings.DEFAULT, CovariateSettings.DEFAULT, null);
  }

  /** The fit settings. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** The covariate settings. */
  public CovariateSettings covariateSettings() {
    return covariates;
  }

  /** This fitter with other fit settings (their penalty and extra starts are not used). */
  @Override
  public ParetoNbdTimeVaryingFitter withSettings(FitSettings value) {
    return new ParetoNbdTimeVaryingFitter(Checks.notNull("settings", value), covariates, executor);
  }

  /** This fitter with other covariate settings. */
  public ParetoNbdTimeVaryingFitter withCovariateSettings(CovariateSettings value) {
    return new ParetoNbdTimeVaryingFitter(settings, Checks.notNull("covariates", value), executor);
  }

  /** This fitter evaluating the likelihood on {@code value}; the caller owns the executor. */
  @Override
  public ParetoNbdTimeVaryingFitter withExecutor(Executor value) {
    return new ParetoNbdTimeVaryingFitter(settings, covariates, value);
  }

  /** {@link ParetoNbdTimeVaryingModel#TYPE}. */
  @Override
  public ModelType<ParetoNbdTimeVaryingModel> type() {
    return ParetoNbdTimeVaryingModel.TYPE;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * Fits the model to histories that carry time-invariant covariates ({@link
   * CustomerHistories#withCovariates}), each customer's row held constant over time ({@link
   * TimeVaryingCovariates#constant}); the estimates are then those of {@link
   * ParetoNbdCovariateFitter}'s model.
   *
   * @param data the customers' histories with one covariate row each
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates
   */
  @Override
  public ParetoNbdTimeVaryingModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    CovariateMatrix matrix =
        data.covariates()
            .orElseThrow(
                () -> Checks.fail("data must carry covariates (CustomerHistories.withCovariates)"));
    return fit(data, TimeVaryingCovariates.constant(matrix));
  }

  /**
   * The unpenalised log-likelihood this fitter maximises on histories that carry their covariates,
   * over the model's own parameters (r, α₀, s, β₀, &gt; 0) and the free coefficients ({@code
   * purchase.X}, {@code dropout.X}, {@code constrained.X}) as this fitter's covariate settings
   * choose them from the data's columns, in the data's time unit (see {@link
   * org.clvkit.models.internal.CovariateLogLikelihood}'s gradient convention: d LL / d ln θ for the
   * model's parameters, d LL / d γ for the coefficients).
   *
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates or the
   *     settings name a covariate they lack
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    CovariateMatrix matrix =
        data.covariates()
            .orElseThrow(
                () -> Checks.fail("data must carry covariates (CustomerHistories.withCovariates)"));
    return logLikelihood(data, TimeVaryingCovariates.constant(matrix));
  }

  /**
   * The unpenalised log-likelihood this fitter maximises on histories with their time-varying
   * covariates, as {@link #logLikelihood(CustomerHistories)}.
   *
   * @param data the customers' histories (raw or weighted rows)
   * @param tv one customer's covariate periods per row of {@code data}
   */
  public LogLikelihood logLikelihood(CustomerHistories data, TimeVaryingCovariates tv) {
    Checks.notNull("data", data);
    Checks.notNull("covariates", tv);
    Checks.sameLength("covariates customers", tv.customers(), "customers", data.size());
    CovariateLayout layout = CovariateLayout.resolve(tv.names(), covariates);
    Likelihood likelihood = new Likelihood(data, tv.select(layout.names()), layout, 1.0, executor);
    return new CovariateLogLikelihood(
        MODEL,
        List.of("r", "alpha0", "s", "beta0"),
        layout.coefficientNames(),
        likelihood.customers,
        data.size(),
        new Objective(likelihood, layout, false));
  }

  /**
   * Fits the model.
   *
   * @param data the customers' histories (raw or weighted rows)
   * @param tv one customer's covariate periods per row of {@code data}
   * @throws FitFailedException when the fit fails and the settings do not allow that
   * @throws org.clvkit.core.ClvArgumentException if the covariates do not match the histories
   */
  public ParetoNbdTimeVaryingModel fit(CustomerHistories data, TimeVaryingCovariates tv) {
    Checks.notNull("data", data);
    Checks.notNull("covariates", tv);
    Checks.sameLength("covariates customers", tv.customers(), "customers", data.size());
    CovariateLayout layout = CovariateLayout.resolve(tv.names(), covariates);
    TimeVaryingCovariates used = tv.select(layout.names());
    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    double logScale = Math.log(timeScale);
    Likelihood likelihood = new Likelihood(data, used, layout, timeScale, executor);

    ParetoNbdModel restricted =
        ParetoNbdFitter.create()
            .withSettings(settings.withPenalty(0))
            .withExecutor(executor)
            .fit(
                CustomerHistories.of(
                    data.frequencyColumn(),
                    data.recencyColumn(),
                    data.ageColumn(),
                    data.weightColumn()));
    double restrictedLl = restricted.fitReport().orElseThrow().diagnostics().logLikelihood();
    int restrictedEvaluations = restricted.fitReport().orElseThrow().diagnostics().evaluations();

    int k = layout.coefficients();
    double[] start = new double[4 + k];
    ParetoNbdParameters p0 = restricted.parameters();
    start[0] = Math.log(p0.r());
    start[1] = Math.log(p0.alpha()) - logScale;
    start[2] = Math.log(p0.s());
    start[3] = Math.log(p0.beta()) - logScale;
    Objective penalised = new Objective(likelihood, layout, true);
    MaximumLikelihood.Result best =
        MaximumLikelihood.maximize(penalised, start, settings.maxIterations(), BOUND);

    double[] theta = best.theta();
    double[] values = {
      Math.exp(theta[0]),
      Math.exp(theta[1] + logScale),
      Math.exp(theta[2]),
      Math.exp(theta[3] + logScale)
    };
    double ll = new Objective(likelihood, layout, false).value(theta, null);
    if (!Double.isFinite(ll)) {
      throw new IllegalStateException(MODEL + " log-likelihood is not finite at the estimates");
    }
    double n = likelihood.customers;
    double objective = -ll / n + layout.penalty(theta, 4);
    String[] names = {"r", "alpha0", "s", "beta0"};
    int bound = best.boundIndex();
    String offending =
        bound < 0 ? "" : bound < 4 ? names[bound] : layout.coefficientNames().get(bound - 4);
    double[][] covariance = best.covariance();
    String singular = null;
    if (best.converged()) {
      for (int i = 0; i < 4 + k && singular == null; i++) {
        double variance = covariance == null ? Double.NaN : covariance[i][i];
        if (!(variance < MAX_VARIANCE)) {
          offending = i < 4 ? names[i] : layout.coefficientNames().get(i - 4);
          singular =
              String.format(
                  Locale.ROOT,
                  "the information is singular: the standard error of %s is %.3g (a covariate"
                      + " constant over all periods and customers, or collinear covariates, cannot"
                      + " be told apart from alpha0 and beta0)",
                  offending,
                  Math.sqrt(variance));
        }
      }
    }
    if (!best.converged()
        && bound < 0
        && covariance == null
        && best.message().contains("singular")) {
      singular = describe(best, layout, theta, values); // the optimiser found the flat direction
    }
    boolean converged = best.converged() && singular == null;
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            converged,
            best.iterations(),
            best.evaluations() + restrictedEvaluations + 1,
            ll,
            best.gradientNorm(),
            converged
                ? "converged"
                : singular != null ? singular : describe(best, layout, theta, values),
            converged
                ? FitStatus.CONVERGED
                : singular != null
                    ? FitStatus.SINGULAR_INFORMATION
                    : bound >= 0 ? FitStatus.NO_INTERIOR_MAXIMUM : FitStatus.NOT_CONVERGED,
            offending);
    if (!converged && !settings.allowNonConverged()) {
      throw new FitFailedException(MODEL, diagnostics);
    }
    List<ParameterEstimate> estimates = new ArrayList<>();
    List<CoefficientEstimate> coefficientEstimates = new ArrayList<>();
    LikelihoodRatioTest test = null;
    if (converged) {
      for (int i = 0; i < 4; i++) {
        estimates.add(
            ParameterEstimate.fromLogScale(
                names[i], values[i], Math.sqrt(Math.max(0, covariance[i][i]))));
      }
      for (int j = 0; j < k; j++) {
        coefficientEstimates.add(
            CoefficientEstimate.wald(
                layout.coefficientNames().get(j),
                theta[4 + j],
                Math.sqrt(Math.max(0, covariance[4 + j][4 + j]))));
      }
      test = LikelihoodRatioTest.of(ll, restrictedLl, k);
    }
    CovariateFitReport report =
        new CovariateFitReport(
            MODEL,
            estimates,
            coefficientEstimates,
            diagnostics,
            objective,
            n,
            likelihood.customerCount(),
            likelihood.customerCount(),
            covariates.purchasePenalty(),
            covariates.dropoutPenalty(),
            test);
    double[] coefficients = Arrays.copyOfRange(theta, 4, 4 + k);
    List<String> purchase = layout.purchaseNames();
    List<String> dropout = layout.dropoutNames();
    double[] row = new double[layout.columns()];
    double[] gp = new double[purchase.size()];
    for (int j = 0; j < gp.length; j++) {
      row[layout.names().indexOf(purchase.get(j))] = 1;
      gp[j] = layout.purchaseIndex(coefficients, row, 0);
      Arrays.fill(row, 0);
    }
    double[] gd = new double[dropout.size()];
    for (int j = 0; j < gd.length; j++) {
      row[layout.names().indexOf(dropout.get(j))] = 1;
      gd[j] = layout.dropoutIndex(coefficients, row, 0);
      Arrays.fill(row, 0);
    }
    return ParetoNbdTimeVaryingModel.fitted(
        new ParetoNbdParameters(values[0], values[1], values[2], values[3]),
        purchase,
        gp,
        dropout,
        gd,
        report);
  }

  private static String describe(
      MaximumLikelihood.Result best, CovariateLayout layout, double[] theta, double[] values) {
    StringBuilder out = new StringBuilder(best.message()).append(" at ");
    String[] names = {"r", "alpha0", "s", "beta0"};
    for (int i = 0; i < 4; i++) {
      out.append(i == 0 ? "" : ", ")
          .append(names[i])
          .append(" = ")
          .append(String.format(Locale.ROOT, "%.6g", values[i]));
    }
    for (int j = 0; j < layout.coefficients(); j++) {
      out.append(", ")
          .append(layout.coefficientNames().get(j))
          .append(" = ")
          .append(String.format(Locale.ROOT, "%.6g", theta[4 + j]));
    }
    return out.toString();
  }

  /**
   * The weighted log-likelihood of the customers with positive weight, times divided by the time
   * scale, with its gradient over θ = (ln r, ln α₀, ln s, ln β₀, coefficients). Holds work arrays:
   * one evaluation at a time.
   */
  static final class Likelihood {
    private final Executor executor;
    private final CovariateLayout layout;
    private final double[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] weight;
    private final int[] offsets;
    private final double[] starts;
    private final double[] rows;
    private final double[] la;
    private final double[] lc;
    private final double[] ga;
    private final double[] gc;
    private final int[] chunkStart;
    private final double[][] chunkWork;
    private final double[][] chunkGradient;
    final double customers;
    final double purchases;

    /** Σ w x ln(time scale): the scaled unit's log-likelihood minus the caller's. */
    final double constant;

    Likelihood(
        CustomerHistories data,
        TimeVaryingCovariates tv,
        CovariateLayout layout,
        double timeScale,
        Executor executor) {
      this.executor = executor;
      this.layout = layout;
      int n = data.size();
      int[] allOffsets = tv.offsets();
      double[] allStarts = tv.starts();
      double[] allRows = tv.values();
      int kept = 0;
      int periods = 0;
      for (int i = 0; i < n; i++) {
        if (data.weight(i) > 0) {
          kept++;
          periods += allOffsets[i + 1] - allOffsets[i];
        }
      }
      int k = layout.columns();
      frequency = new double[kept];
      recency = new double[kept];
      age = new double[kept];
      weight = new double[kept];
      offsets = new int[kept + 1];
      starts = new double[periods];
      rows = new double[periods * k];
      int m = 0;
      int p = 0;
      int maxPeriods = 1;
      double totalWeight = 0;
      double totalPurchases = 0;
      for (int i = 0; i < n; i++) {
        double w = data.weight(i);
        if (!(w > 0)) {
          continue;
        }
        frequency[m] = data.frequency(i);
        recency[m] = data.recency(i) / timeScale;
        age[m] = data.age(i) / timeScale;
        weight[m] = w;
        totalWeight += w;
        totalPurchases += w * data.frequency(i);
        int count = allOffsets[i + 1] - allOffsets[i];
        maxPeriods = Math.max(maxPeriods, count);
        for (int q = 0; q < count; q++) {
          starts[p + q] = allStarts[allOffsets[i] + q] / timeScale;
        }
        System.arraycopy(allRows, allOffsets[i] * k, rows, p * k, count * k);
        p += count;
        m++;
        offsets[m] = p;
      }
      customers = totalWeight;
      purchases = totalPurchases;
      constant = totalPurchases * Math.log(timeScale);
      la = new double[periods];
      lc = new double[periods];
      ga = new double[periods];
      gc = new double[periods];
      int chunks = Math.max(1, Math.min(MAX_CHUNKS, kept / CHUNK));
      chunkStart = new int[chunks + 1];
      for (int c = 0; c <= chunks; c++) {
        chunkStart[c] = Parallel.boundary(0, kept, chunks, c);
      }
      chunkWork = new double[chunks][ParetoNbdTimeVaryingKernel.workLength(maxPeriods)];
      chunkGradient = new double[chunks][4 + layout.coefficients()];
    }

    int customerCount() {
      return frequency.length;
    }

    /**
     * Σ w ln L at θ (α₀, β₀ in the scaled unit) and, when {@code gradient} is not null, its
     * gradient.
     */
    double value(double[] theta, double[] gradient) {
      double[] coefficients = Arrays.copyOfRange(theta, 4, theta.length);
      ParetoNbdTimeVaryingKernel kernel =
          new ParetoNbdTimeVaryingKernel(
              Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
      int k = layout.columns();
      int chunks = chunkWork.length;
      boolean wantGradient = gradient != null;
      double ll =
          Parallel.sum(
              executor,
              0,
              chunks,
              chunks,
              (first, from, to) -> {
                double sum = 0;
                for (int c = from; c < to; c++) {
                  sum += chunk(kernel, coefficients, k, c, wantGradient);
                }
                return sum;
              });
      if (wantGradient) {
        Arrays.fill(gradient, 0.0);
        for (double[] partial : chunkGradient) {
          for (int j = 0; j < gradient.length; j++) {
            gradient[j] += partial[j];
          }
        }
      }
      return ll;
    }

    private double chunk(
        ParetoNbdTimeVaryingKernel kernel,
        double[] coefficients,
        int k,
        int c,
        boolean wantGradient) {
      double[] work = chunkWork[c];
      double[] g = chunkGradient[c];
      Arrays.fill(g, 0.0);
      double[] g4 = new double[4];
      double sum = 0;
      for (int i = chunkStart[c]; i < chunkStart[c + 1]; i++) {
        int from = offsets[i];
        int to = offsets[i + 1];
        for (int q = from; q < to; q++) {
          la[q] = layout.purchaseIndex(coefficients, rows, q * k);
          lc[q] = layout.dropoutIndex(coefficients, rows, q * k);
        }
        double w = weight[i];
        sum +=
            w
                * kernel.logLikelihood(
                    frequency[i],
                    recency[i],
                    age[i],
                    starts,
                    from,
                    to,
                    la,
                    lc,
                    wantGradient ? g4 : null,
                    ga,
                    gc,
                    work,
                    null);
        if (wantGradient) {
          for (int j = 0; j < 4; j++) {
            g[j] += w * g4[j];
          }
          for (int q = from; q < to; q++) {
            layout.addGradient(w * ga[q], w * gc[q], rows, q * k, g, 4);
          }
        }
      }
      return sum;
    }
  }

  /** LL over θ, in the scaled unit's parameters but the caller's LL, minus n · penalty. */
  static final class Objective implements MaximumLikelihood.Objective {
    private final Likelihood likelihood;
    private final CovariateLayout layout;
    private final boolean penalised;

    Objective(Likelihood likelihood, CovariateLayout layout, boolean penalised) {
      this.likelihood = likelihood;
      this.layout = layout;
      this.penalised = penalised && layout.penalised();
    }

    @Override
    public int dimension() {
      return 4 + layout.coefficients();
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double ll;
      try {
        ll = likelihood.value(theta, gradient);
      } catch (ArithmeticException e) {
        return Double.NEGATIVE_INFINITY;
      }
      ll -= likelihood.constant;
      if (penalised) {
        double n = likelihood.customers;
        ll -= n * layout.penalty(theta, 4);
        if (gradient != null) {
          layout.addPenaltyGradient(theta, -n, gradient, 4);
        }
      }
      return ll;
    }
  }
}
