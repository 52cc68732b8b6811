package org.clvkit.models.paretonbd;

import java.util.List;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.internal.CovariateFitParts;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateLogLikelihood;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the Pareto/NBD with static covariates ({@link ParetoNbdCovariateModel}, CLVTools'
 * parameterisation) by maximum likelihood. Immutable and reusable.
 *
 * <p>Procedure: customers are compressed once to distinct (frequency, recency, age, covariate row)
 * patterns; the model without covariates is fitted first to those patterns ({@link
 * ParetoNbdFitter}, same settings without penalty); its log-likelihood is the restricted one of the
 * likelihood-ratio test and its parameters, with all coefficients 0, the starting point. The
 * covariate model is then maximised over (ln r, ln α₀, ln s, ln β₀, coefficients) by BFGS with the
 * analytic gradient (the Pareto/NBD gradient with respect to ln α_i and ln β_i, chained through ln
 * α_i = ln α₀ − γ_purchaseᵀz_i) and a Newton polish whose inverse Hessian gives the standard
 * errors, in a time unit that puts the largest age at 10 periods (coefficients do not depend on the
 * unit). From {@value #SAMPLE_FROM} rows on, the search first runs (BFGS to a loose criterion) on a
 * seeded probability-proportional-to-weight sample of about {@value #SAMPLE_SIZE} of the distinct
 * (frequency, recency, age, covariate row) patterns with Horvitz–Thompson weights, and is then
 * refined on all customers by quasi-Newton steps started from the sample's inverse information,
 * ending with the same convergence test and standard errors; if either phase fails the full search
 * runs from the start (as {@code ModelFitting} does for the models without covariates).
 *
 * <p>Penalty (CLVTools): the fit minimises −LL/n + λ_purchase ‖γ_purchase‖² + λ_dropout
 * ‖γ_dropout‖² (n the number of customers; equivalently it maximises LL − n · penalty); r, α₀, s
 * and β₀ are not penalised. The report gives the unpenalised LL beside that objective. Constraints
 * (CLVTools' {@code names.cov.constr}): a constrained covariate has one coefficient acting on both
 * processes. A fit that does not converge or ends on the bound of ±23 throws {@link
 * FitFailedException} (or is returned flagged with {@code withAllowNonConverged(true)}).
 *
 * <pre>{@code
 * ParetoNbdCovariateModel model =
 *     ParetoNbdCovariateFitter.create().fit(histories, covariates);
 * System.out.println(model.fitReport().orElseThrow().summaryTable());
 * }</pre>
 */
public final class ParetoNbdCovariateFitter implements Fitter<ParetoNbdCovariateModel> {
  private static final String MODEL = "Pareto/NBD with static covariates";
  private static final double BOUND = CovariateFits.BOUND;

  /** From this many rows the search runs on a sample first (see {@link #fit}). */
  static final int SAMPLE_FROM = 50_000;

  /** Expected customers in the sample. */
  static final int SAMPLE_SIZE = 20_000;

  /** Relative gradient criterion of the sample search (as {@link ModelFitting}'s). */
  private static final double SEARCH_TOLERANCE = 1e-4;

  /** Cap on the quasi-Newton steps on all customers after the sample search. */
  private static final int REFINE_STEPS = 30;

  /** Mixed into the seed for the sample. */
  private static final long SAMPLE_SEED = 0x5DEECE66DL;

  private final FitSettings settings;
  private final CovariateSettings covariates;
  private final Executor executor;

  private ParetoNbdCovariateFitter(
      FitSettings settings, CovariateSettings covariates, Executor executor) {
    this.settings = settings;
    this.covariates = covariates;
    this.executor = executor;
  }

  /** A fitter with {@link FitSettings#DEFAULT} and {@link CovariateSettings#DEFAULT}. */
  public static ParetoNbdCovariateFitter create() {
    return new ParetoNbdCovariateFitter(FitSettings.DEFAULT, CovariateSettings.DEFAULT, null);
  }

  /** The fit settings (iteration cap, whether non-converged fits are returned). */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** The covariate settings. */
  public CovariateSettings covariateSettings() {
    return covariates;
  }

  /**
   * This fitter with other fit settings. Their {@code penalty} is not used (the model's parameters
   * are not penalised; see {@link #withPenalties}), nor are the extra starts: the fit starts from
   * the model without covariates.
   */
  @Override
  public ParetoNbdCovariateFitter withSettings(FitSettings value) {
    return new ParetoNbdCovariateFitter(Checks.notNull("settings", value), covariates, executor);
  }

  /** This fitter with other covariate settings. */
  public ParetoNbdCovariateFitter withCovariateSettings(CovariateSettings value) {
    return new ParetoNbdCovariateFitter(settings, Checks.notNull("covariates", value), executor);
  }

  /** This fitter with these purchase covariates (null for every column). */
  public ParetoNbdCovariateFitter withPurchaseCovariates(List<String> value) {
    return withCovariateSettings(covariates.withPurchase(value));
  }

  /** This fitter with these drop-out covariates (null for every column). */
  public ParetoNbdCovariateFitter withDropoutCovariates(List<String> value) {
    return withCovariateSettings(covariates.withDropout(value));
  }

  /** This fitter with one coefficient shared by both processes for each of these covariates. */
  public ParetoNbdCovariateFitter withConstrained(List<String> value) {
    return withCovariateSettings(covariates.withConstrained(value));
  }

  /** This fitter with the L2 penalties λ_purchase and λ_dropout. */
  public ParetoNbdCovariateFitter withPenalties(double purchase, double dropout) {
    return withCovariateSettings(covariates.withPenalties(purchase, dropout));
  }

  /** This fitter returning (true) or throwing on (false) fits that did not converge. */
  public ParetoNbdCovariateFitter withAllowNonConverged(boolean value) {
    return withSettings(settings.withAllowNonConverged(value));
  }

  /**
   * This fitter evaluating the likelihood on {@code value} (bit-identical results with and
   * without); the caller owns the executor.
   */
  @Override
  public ParetoNbdCovariateFitter withExecutor(Executor value) {
    return new ParetoNbdCovariateFitter(settings, covariates, value);
  }

  /** {@link ParetoNbdCovariateModel#TYPE}. */
  @Override
  public ModelType<ParetoNbdCovariateModel> type() {
    return ParetoNbdCovariateModel.TYPE;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * Fits the model to histories that carry their covariates ({@link
   * CustomerHistories#withCovariates}).
   *
   * @param data the customers' histories with one covariate row each
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates
   */
  @Override
  public ParetoNbdCovariateModel fit(CustomerHistories data) {
    CovariateMatrix matrix = CovariateFitParts.attached(data);
    return fit(data, matrix);
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
    CovariateMatrix matrix = CovariateFitParts.attached(data);
    Checks.sameLength("covariates rows", matrix.rows(), "customers", data.size());
    CovariateLayout layout = CovariateLayout.resolve(matrix.names(), covariates);
    CovariateMatrix used = matrix.select(layout.names());
    ParetoNbdCovariateLikelihood likelihood =
        new ParetoNbdCovariateLikelihood(data, used.values(), layout.columns(), executor);
    return new CovariateLogLikelihood(
        MODEL,
        List.of("r", "alpha0", "s", "beta0"),
        layout.coefficientNames(),
        likelihood.customers(),
        likelihood.patterns(),
        new Objective(likelihood, layout, 1.0, false));
  }

  /**
   * Fits the model.
   *
   * @param data the customers' histories (raw or weighted rows)
   * @param matrix one covariate row per row of {@code data}
   * @throws FitFailedException when a fit fails and the settings do not allow that
   */
  public ParetoNbdCovariateModel fit(CustomerHistories data, CovariateMatrix matrix) {
    Checks.notNull("data", data);
    Checks.notNull("covariates", matrix);
    Checks.sameLength("covariates rows", matrix.rows(), "customers", data.size());
    CovariateLayout layout = CovariateLayout.resolve(matrix.names(), covariates);
    CovariateMatrix used = matrix.select(layout.names());
    ParetoNbdCovariateLikelihood likelihood =
        new ParetoNbdCovariateLikelihood(data, used.values(), layout.columns(), executor);

    ParetoNbdModel restricted =
        CovariateFits.restricted(likelihood.histories(), settings, executor);
    double restrictedLl = restricted.fitReport().orElseThrow().diagnostics().logLikelihood();
    int restrictedEvaluations = restricted.fitReport().orElseThrow().diagnostics().evaluations();

    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    double logScale = Math.log(timeScale);
    int k = layout.coefficients();
    double[] start = CovariateFits.start(restricted, logScale, k);
    Objective penalised = new Objective(likelihood, layout, timeScale, true);
    MaximumLikelihood.Result best = null;
    int sampleEvaluations = 0;
    int sampleIterations = 0;
    if (data.size() >= SAMPLE_FROM) {
      // Large data: search on a seeded sample of the customers, refine on all of them (as
      // ModelFitting does for the models without covariates).
      Objective sampled =
          new Objective(
              likelihood.sample(SAMPLE_SIZE, settings.seed() ^ SAMPLE_SEED),
              layout,
              timeScale,
              true);
      MaximumLikelihood.Result search =
          MaximumLikelihood.search(
              sampled, start, settings.maxIterations(), BOUND, SEARCH_TOLERANCE);
      sampleIterations += search.iterations();
      sampleEvaluations += search.evaluations();
      if (search.converged()) {
        double[][] inverse = MaximumLikelihood.covariance(sampled, search.theta(), BOUND);
        sampleEvaluations += 2 * start.length;
        if (inverse != null) {
          MaximumLikelihood.Result refined =
              MaximumLikelihood.refine(penalised, search.theta(), inverse, REFINE_STEPS, BOUND);
          sampleIterations += refined.iterations();
          sampleEvaluations += refined.evaluations();
          if (refined.converged()) {
            best = refined;
          }
        }
      }
    }
    if (best == null) {
      best = MaximumLikelihood.maximize(penalised, start, settings.maxIterations(), BOUND);
      sampleIterations += best.iterations();
      sampleEvaluations += best.evaluations();
    }

    double[] theta = best.theta();
    double[] values = CovariateFits.values(theta, logScale);
    double[] original = theta.clone();
    original[1] += logScale;
    original[3] += logScale;
    double ll = new Objective(likelihood, layout, 1.0, false).value(original, null);
    if (!Double.isFinite(ll)) {
      throw new IllegalStateException(MODEL + " log-likelihood is not finite at the estimates");
    }
    double n = likelihood.customers();
    double objective = -ll / n + layout.penalty(theta, 4);
    String message =
        best.converged() ? "converged" : CovariateFits.describe(best, layout, theta, values);
    int bound = best.boundIndex();
    String offending = bound < 0 ? "" : CovariateFits.name(layout, bound);
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            best.converged(),
            sampleIterations,
            sampleEvaluations + restrictedEvaluations + 1,
            ll,
            best.gradientNorm(),
            message,
            best.converged()
                ? FitStatus.CONVERGED
                : bound >= 0 ? FitStatus.NO_INTERIOR_MAXIMUM : FitStatus.NOT_CONVERGED,
            offending);
    if (!best.converged() && !settings.allowNonConverged()) {
      throw new FitFailedException(MODEL, diagnostics);
    }
    CovariateFitReport report =
        CovariateFitParts.report(
            MODEL,
            CovariateFits.NAMES,
            values,
            theta,
            best.converged() ? best.covariance() : null,
            layout,
            diagnostics,
            objective,
            n,
            likelihood.patterns(),
            likelihood.groups(),
            covariates,
            restrictedLl);
    return CovariateFits.model(ParetoNbdCovariateModel::fitted, values, theta, layout, report);
  }

  /**
   * LL (in the caller's unit) over θ = (ln r, ln α₀, ln s, ln β₀, γ) with times divided by {@code
   * scale} (α₀, β₀ in that unit), minus n · penalty when {@code penalised}.
   */
  static final class Objective implements MaximumLikelihood.Objective {
    private final ParetoNbdCovariateLikelihood likelihood;
    private final CovariateLayout layout;
    private final double scale;
    private final boolean penalised;
    private final double constant;
    private final double[] alpha;
    private final double[] beta;
    private final double[] alphaGradient;
    private final double[] betaGradient;
    private final double[] shape = new double[2];

    Objective(
        ParetoNbdCovariateLikelihood likelihood,
        CovariateLayout layout,
        double scale,
        boolean penalised) {
      this.likelihood = likelihood;
      this.layout = layout;
      this.scale = scale;
      this.penalised = penalised && layout.penalised();
      this.constant = likelihood.purchases() * Math.log(scale);
      int groups = likelihood.groups();
      this.alpha = new double[groups];
      this.beta = new double[groups];
      this.alphaGradient = new double[groups];
      this.betaGradient = new double[groups];
    }

    @Override
    public int dimension() {
      return 4 + layout.coefficients();
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double[] coefficients = java.util.Arrays.copyOfRange(theta, 4, theta.length);
      double alpha0 = Math.exp(theta[1]);
      double beta0 = Math.exp(theta[3]);
      double[] rows = likelihood.groupRows();
      int k = likelihood.columns();
      for (int g = 0; g < alpha.length; g++) {
        alpha[g] = alpha0 * Math.exp(-layout.purchaseIndex(coefficients, rows, g * k));
        beta[g] = beta0 * Math.exp(-layout.dropoutIndex(coefficients, rows, g * k));
      }
      boolean wantGradient = gradient != null;
      double ll;
      try {
        ll =
            likelihood.value(
                Math.exp(theta[0]),
                Math.exp(theta[2]),
                alpha,
                beta,
                scale,
                wantGradient ? shape : null,
                alphaGradient,
                betaGradient);
      } catch (ArithmeticException e) {
        return Double.NEGATIVE_INFINITY; // a special function gave up far from any optimum
      }
      ll -= constant;
      if (wantGradient) {
        java.util.Arrays.fill(gradient, 0.0);
        gradient[0] = shape[0];
        gradient[2] = shape[1];
        double ga = 0;
        double gb = 0;
        for (int g = 0; g < alpha.length; g++) {
          ga += alphaGradient[g];
          gb += betaGradient[g];
          // ln α_g = ln α₀ − η_purchase: d LL / d η = −d LL / d ln α_g.
          layout.addGradient(-alphaGradient[g], -betaGradient[g], rows, g * k, gradient, 4);
        }
        gradient[1] = ga;
        gradient[3] = gb;
      }
      if (penalised) {
        double n = likelihood.customers();
        ll -= n * layout.penalty(theta, 4);
        if (wantGradient) {
          layout.addPenaltyGradient(theta, -n, gradient, 4);
        }
      }
      return ll;
    }
  }
}
