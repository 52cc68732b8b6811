package org.clvkit.models.bgnbd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
import org.clvkit.models.internal.BgNbdLikelihood;
import org.clvkit.models.internal.CovariateFitParts;
import org.clvkit.models.internal.CovariateGroups;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateLogLikelihood;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the BG/NBD with static covariates ({@link BgNbdCovariateModel}, CLVTools' parameterisation)
 * by maximum likelihood, and says so when the likelihood has no interior maximum. Immutable and
 * reusable.
 *
 * <p>Procedure: the BG/NBD without covariates is fitted first ({@link BgNbdFitter}); its
 * log-likelihood is the restricted one of the likelihood-ratio test and its parameters, with all
 * coefficients 0, the starting point. The likelihood (FHL 2005 section 7) is summed per covariate
 * row by the BG/NBD kernel with (r, α_g, a_g, b_g) and its analytic gradient chained through ln α_g
 * = ln α₀ − γ_purchaseᵀz_g and ln a_g − ln a₀ = ln b_g − ln b₀ = γ_dropoutᵀz_g; BFGS and a Newton
 * polish give the estimates and the standard errors. Penalty and constraints as in {@link
 * CovariateSettings} (CLVTools' definitions). One kernel is built per covariate row, which suits
 * categorical covariates (continuous covariates make one per customer).
 *
 * <p>The ridge: because a covariate scales a and b together, a covariate row whose customers show
 * no heterogeneity in drop-out can push a_g and b_g to infinity along a/(a+b) fixed, with ever
 * larger |γ_dropout| (or a₀ and b₀ themselves to infinity): the likelihood then rises towards a
 * boundary and has no interior maximum. The fit detects this — a log-parameter beyond ±13.8 (1e±6),
 * a drop-out index γ_dropoutᵀz beyond ±13.8 for some row, or a standard error of a drop-out
 * coefficient or of ln a₀, ln b₀ above 10 (a flat ridge) — and reports it as not converged, with a
 * message naming the non-identified coefficients, instead of standard errors that mean nothing; it
 * throws {@link FitFailedException} unless non-converged fits are allowed.
 */
public final class BgNbdCovariateFitter implements Fitter<BgNbdCovariateModel> {
  /** The model's own parameters, θ's first four components (on the log scale). */
  private static final List<String> NAMES = List.of("r", "alpha0", "a0", "b0");

  private static final String MODEL = "BG/NBD with static covariates";
  private static final double BOUND = 23.0;

  /** |log-parameter| or |drop-out index| beyond which the fit has run along the ridge. */
  static final double RUNAWAY = 13.8;

  /** A standard error of a log-scale quantity above this means a flat ridge. */
  static final double FLAT = 10.0;

  private final FitSettings settings;
  private final CovariateSettings covariates;
  private final Executor executor;

  private BgNbdCovariateFitter(
      FitSettings settings, CovariateSettings covariates, Executor executor) {
    this.settings = settings;
    this.covariates = covariates;
    this.executor = executor;
  }

  /** A fitter with the default settings. */
  public static BgNbdCovariateFitter create() {
    return new BgNbdCovariateFitter(FitSettings.DEFAULT, CovariateSettings.DEFAULT, null);
  }

  /** This fitter with other fit settings (their penalty and extra starts are not used). */
  @Override
  public BgNbdCovariateFitter withSettings(FitSettings value) {
    return new BgNbdCovariateFitter(Checks.notNull("settings", value), covariates, executor);
  }

  /** This fitter with other covariate settings. */
  public BgNbdCovariateFitter withCovariateSettings(CovariateSettings value) {
    return new BgNbdCovariateFitter(settings, Checks.notNull("covariates", value), executor);
  }

  /** This fitter returning (true) or throwing on (false) fits that did not converge. */
  public BgNbdCovariateFitter withAllowNonConverged(boolean value) {
    return withSettings(settings.withAllowNonConverged(value));
  }

  /** This fitter evaluating the likelihood on {@code value}; the caller owns the executor. */
  @Override
  public BgNbdCovariateFitter withExecutor(Executor value) {
    return new BgNbdCovariateFitter(settings, covariates, value);
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

  /** {@link BgNbdCovariateModel#TYPE}. */
  @Override
  public ModelType<BgNbdCovariateModel> type() {
    return BgNbdCovariateModel.TYPE;
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
  public BgNbdCovariateModel fit(CustomerHistories data) {
    CovariateMatrix matrix = CovariateFitParts.attached(data);
    return fit(data, matrix);
  }

  /**
   * The unpenalised log-likelihood this fitter maximises on histories that carry their covariates,
   * over the model's own parameters (r, α₀, a₀, b₀, &gt; 0) and the free coefficients ({@code
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
    Grouped grouped = grouped(data, matrix);
    int patterns = 0;
    for (BgNbdLikelihood likelihood : grouped.likelihoods()) {
      patterns += likelihood.patterns();
    }
    return new CovariateLogLikelihood(
        MODEL,
        NAMES,
        grouped.layout().coefficientNames(),
        grouped.customers(),
        patterns,
        grouped.objective(1.0, false));
  }

  /**
   * Fits the model.
   *
   * @param data the customers' histories
   * @param matrix one covariate row per row of {@code data}
   * @throws FitFailedException when the fit fails (including the ridge) and the settings do not
   *     allow that
   */
  public BgNbdCovariateModel fit(CustomerHistories data, CovariateMatrix matrix) {
    Checks.notNull("data", data);
    Checks.notNull("covariates", matrix);
    Grouped grouped = grouped(data, matrix);
    CovariateLayout layout = grouped.layout();
    CovariateGroups groups = grouped.groups();
    double customers = grouped.customers();
    BgNbdModel restricted =
        CovariateFitParts.restricted(BgNbdFitter.create(), settings, executor)
            .fit(withoutCovariates(data));
    FitDiagnostics restrictedDiagnostics = restricted.fitReport().orElseThrow().diagnostics();

    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    double logScale = Math.log(timeScale);
    int k = layout.coefficients();
    double[] start = new double[4 + k];
    BgNbdParameters p0 = restricted.parameters();
    start[0] = Math.log(p0.r());
    start[1] = Math.log(p0.alpha()) - logScale;
    start[2] = Math.log(p0.a());
    start[3] = Math.log(p0.b());
    Objective penalised = grouped.objective(timeScale, true);
    MaximumLikelihood.Result best =
        MaximumLikelihood.maximize(penalised, start, settings.maxIterations(), BOUND);

    double[] theta = best.theta();
    double[] values = {
      Math.exp(theta[0]), Math.exp(theta[1] + logScale), Math.exp(theta[2]), Math.exp(theta[3])
    };
    double[] original = theta.clone();
    original[1] += logScale;
    double ll = grouped.objective(1.0, false).value(original, null);
    if (!Double.isFinite(ll)) {
      throw new IllegalStateException(MODEL + " log-likelihood is not finite at the estimates");
    }
    double[][] covariance = best.covariance();
    Ridge ridge = ridge(theta, covariance, groups, layout);
    boolean converged = best.converged() && ridge == null;
    String message =
        converged
            ? "converged"
            : ridge != null
                ? ridge.message()
                : CovariateFitParts.describe(best, NAMES, layout, theta, values);
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            converged,
            best.iterations(),
            best.evaluations() + restrictedDiagnostics.evaluations() + 1,
            ll,
            best.gradientNorm(),
            message,
            converged
                ? FitStatus.CONVERGED
                : ridge != null ? FitStatus.NO_INTERIOR_MAXIMUM : FitStatus.NOT_CONVERGED,
            ridge != null ? ridge.parameter() : "");
    if (!converged && !settings.allowNonConverged()) {
      throw new FitFailedException(MODEL, diagnostics);
    }
    CovariateFitReport report =
        CovariateFitParts.report(
            MODEL,
            NAMES,
            values,
            theta,
            converged ? covariance : null,
            layout,
            diagnostics,
            -ll / customers + layout.penalty(theta, 4),
            customers,
            groups.patterns(),
            groups.size(),
            covariates,
            restrictedDiagnostics.logLikelihood());
    return CovariateFitParts.model(
        BgNbdCovariateModel::fitted,
        new BgNbdParameters(values[0], values[1], values[2], values[3]),
        theta,
        4,
        layout,
        report);
  }

  /**
   * The customers grouped by covariate row: the layout, the groups, each group's BG/NBD likelihood
   * and the number of customers.
   */
  private record Grouped(
      CovariateLayout layout,
      CovariateGroups groups,
      BgNbdLikelihood[] likelihoods,
      double customers) {
    /** The log-likelihood over θ with times divided by {@code scale}, penalised or not. */
    Objective objective(double scale, boolean penalised) {
      return new Objective(likelihoods, groups, layout, scale, customers, penalised);
    }
  }

  private Grouped grouped(CustomerHistories data, CovariateMatrix matrix) {
    Checks.sameLength("covariates rows", matrix.rows(), "customers", data.size());
    CovariateLayout layout = CovariateLayout.resolve(matrix.names(), covariates);
    CovariateMatrix used = matrix.select(layout.names());
    CovariateGroups groups = CovariateGroups.of(data, used.values(), layout.columns());
    BgNbdLikelihood[] likelihoods = new BgNbdLikelihood[groups.size()];
    double customers = 0;
    for (int g = 0; g < likelihoods.length; g++) {
      likelihoods[g] = BgNbdLikelihood.bgNbd(groups.histories(g), executor);
      customers += likelihoods[g].customers();
    }
    return new Grouped(layout, groups, likelihoods, customers);
  }

  /**
   * A ridge diagnosis.
   *
   * @param message what happened, naming the non-identified coefficients
   * @param parameter the first of them (or {@code a0})
   */
  record Ridge(String message, String parameter) {}

  /**
   * The ridge diagnosis (see the class comment), or null when the optimum is interior and
   * identified.
   */
  static Ridge ridge(
      double[] theta, double[][] covariance, CovariateGroups groups, CovariateLayout layout) {
    int k = layout.coefficients();
    double[] coefficients = Arrays.copyOfRange(theta, 4, 4 + k);
    double[] rows = groups.rows();
    double largestIndex = 0;
    for (int g = 0; g < groups.size(); g++) {
      double index = layout.dropoutIndex(coefficients, rows, g * groups.columns());
      largestIndex = Math.max(largestIndex, Math.abs(index));
    }
    List<String> suspects = new ArrayList<>();
    boolean scalesRan = Math.abs(theta[2]) > RUNAWAY || Math.abs(theta[3]) > RUNAWAY;
    boolean indexRan = largestIndex > RUNAWAY;
    boolean flat = false;
    if (covariance != null) {
      flat = Math.sqrt(covariance[2][2]) > FLAT || Math.sqrt(covariance[3][3]) > FLAT;
    }
    for (int j = 0; j < k; j++) {
      String name = layout.coefficientNames().get(j);
      if (name.startsWith("purchase.")) {
        continue;
      }
      boolean runaway = Math.abs(coefficients[j]) > RUNAWAY;
      boolean unidentified = covariance != null && Math.sqrt(covariance[4 + j][4 + j]) > FLAT;
      if (runaway || unidentified || indexRan) {
        suspects.add(name);
      }
      flat |= unidentified;
    }
    if (!scalesRan && !indexRan && !flat) {
      return null;
    }
    String message =
        String.format(
            Locale.ROOT,
            "no interior maximum: the likelihood rises along a ridge towards the boundary where"
                + " the drop-out Beta's a and b grow together (a0 = %.3g, b0 = %.3g, largest"
                + " |dropout index| %.3g); coefficients %s are not identified",
            Math.exp(theta[2]),
            Math.exp(theta[3]),
            largestIndex,
            suspects.isEmpty() ? "[a0, b0]" : suspects.toString());
    return new Ridge(message, suspects.isEmpty() ? "a0" : suspects.get(0));
  }

  /**
   * The histories without attached covariates, so that the model without covariates is fitted on
   * the (frequency, recency, age) patterns alone, whichever way the covariates were given.
   */
  private static CustomerHistories withoutCovariates(CustomerHistories data) {
    return data.covariates().isEmpty()
        ? data
        : CustomerHistories.of(
            data.frequencyColumn(), data.recencyColumn(), data.ageColumn(), data.weightColumn());
  }

  /**
   * LL over θ = (ln r, ln α₀, ln a₀, ln b₀, γ) with times divided by {@code scale}, minus n ·
   * penalty when {@code penalised}.
   */
  static final class Objective implements MaximumLikelihood.Objective {
    private final BgNbdLikelihood[] likelihoods;
    private final CovariateGroups groups;
    private final CovariateLayout layout;
    private final double scale;
    private final double customers;
    private final boolean penalised;
    private final double[] g4 = new double[4];

    Objective(
        BgNbdLikelihood[] likelihoods,
        CovariateGroups groups,
        CovariateLayout layout,
        double scale,
        double customers,
        boolean penalised) {
      this.likelihoods = likelihoods;
      this.groups = groups;
      this.layout = layout;
      this.scale = scale;
      this.customers = customers;
      this.penalised = penalised && layout.penalised();
    }

    @Override
    public int dimension() {
      return 4 + layout.coefficients();
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double[] coefficients = Arrays.copyOfRange(theta, 4, theta.length);
      double r = Math.exp(theta[0]);
      double alpha0 = Math.exp(theta[1]);
      double a0 = Math.exp(theta[2]);
      double b0 = Math.exp(theta[3]);
      double[] rows = groups.rows();
      int k = groups.columns();
      boolean wantGradient = gradient != null;
      if (wantGradient) {
        Arrays.fill(gradient, 0.0);
      }
      double ll = 0;
      for (int g = 0; g < likelihoods.length; g++) {
        double alpha = alpha0 * Math.exp(-layout.purchaseIndex(coefficients, rows, g * k));
        double spread = Math.exp(layout.dropoutIndex(coefficients, rows, g * k));
        double value =
            likelihoods[g].value(
                r, alpha, a0 * spread, b0 * spread, scale, wantGradient ? g4 : null);
        if (!Double.isFinite(value)) {
          return Double.NEGATIVE_INFINITY;
        }
        ll += value;
        if (wantGradient) {
          gradient[0] += g4[0];
          gradient[1] += g4[1];
          gradient[2] += g4[2];
          gradient[3] += g4[3];
          layout.addGradient(-g4[1], g4[2] + g4[3], rows, g * k, gradient, 4);
        }
      }
      if (penalised) {
        ll -= customers * layout.penalty(theta, 4);
        if (wantGradient) {
          layout.addPenaltyGradient(theta, -customers, gradient, 4);
        }
      }
      return ll;
    }
  }
}
