package org.clvkit.models.sbg;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.CovariateFitParts;
import org.clvkit.models.internal.CovariateGroups;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateLogLikelihood;
import org.clvkit.models.internal.MaximumLikelihood;

/**
 * Fits the sBG with covariates ({@link SbgCovariateModel}) to observed lifetimes by maximum
 * likelihood. Immutable and reusable.
 *
 * <p>The covariate settings' {@code purchase} covariates act on α and its {@code dropout}
 * covariates on β (the coefficients are named {@code alpha.X} and {@code beta.X}); penalties
 * λ_purchase and λ_dropout apply to them as CLVTools defines its penalty (−LL/n + λ_α ‖γ_α‖² + λ_β
 * ‖γ_β‖²). Procedure: the sBG without covariates is fitted first ({@link SbgFitter}, which also
 * validates the lifetimes); its log-likelihood is the restricted one of the likelihood-ratio test
 * and its (α, β), with coefficients 0, the start. The likelihood (Fader &amp; Hardie 2007, eq. 5)
 * is summed per covariate row over distinct lifetimes with the sBG kernel at (α_g, β_g) and its
 * analytic gradient, chained through ln α_g = ln α₀ + γ_αᵀz_g and ln β_g = ln β₀ + γ_βᵀz_g; BFGS
 * with a Newton polish gives the estimates and the standard errors.
 */
public final class SbgCovariateFitter implements Fitter<SbgCovariateModel> {
  /** The model's own parameters, θ's first two components (on the log scale). */
  private static final List<String> NAMES = List.of("alpha0", "beta0");

  private static final String MODEL = "sBG with covariates";
  private static final double BOUND = 23.0;

  private final FitSettings settings;
  private final CovariateSettings covariates;

  private SbgCovariateFitter(FitSettings settings, CovariateSettings covariates) {
    this.settings = settings;
    this.covariates = covariates;
  }

  /** A fitter with the default settings. */
  public static SbgCovariateFitter create() {
    return new SbgCovariateFitter(FitSettings.DEFAULT, CovariateSettings.DEFAULT);
  }

  /** {@link SbgCovariateModel#TYPE}. */
  @Override
  public ModelType<SbgCovariateModel> type() {
    return SbgCovariateModel.TYPE;
  }

  /** The fit settings (iteration cap, whether non-converged fits are returned). */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** The covariate settings (purchase = α, dropout = β). */
  public CovariateSettings covariateSettings() {
    return covariates;
  }

  /**
   * None: the likelihood sums one term per distinct lifetime and covariate row, too few to split.
   */
  @Override
  public Executor executor() {
    return null;
  }

  /** This fitter; the sBG likelihood is too small to split, so the executor is not used. */
  @Override
  public SbgCovariateFitter withExecutor(Executor value) {
    return this;
  }

  /** This fitter with other fit settings (their penalty and extra starts are not used). */
  @Override
  public SbgCovariateFitter withSettings(FitSettings value) {
    return new SbgCovariateFitter(Checks.notNull("settings", value), covariates);
  }

  /** This fitter with other covariate settings (purchase = α, dropout = β). */
  public SbgCovariateFitter withCovariateSettings(CovariateSettings value) {
    return new SbgCovariateFitter(settings, Checks.notNull("covariates", value));
  }

  /**
   * Fits the model to contract histories that carry their covariates ({@link
   * CustomerHistories#withCovariates}), read as {@link #fit(CustomerHistories, CovariateMatrix)}
   * reads them.
   *
   * @param data contract histories with one covariate row each
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates
   */
  @Override
  public SbgCovariateModel fit(CustomerHistories data) {
    CovariateMatrix matrix = CovariateFitParts.attached(data);
    return fit(data, matrix);
  }

  /**
   * Fits the model to contract histories in the shared customer columns, read as {@link
   * SbgFitter#fit(CustomerHistories)} reads them (x renewals in n opportunities: churned in period
   * x + 1 when x &lt; n, active after n renewals when x = n), with one covariate row per row.
   *
   * @param data contract histories: whole numbers, recency = frequency &lt;= age
   * @param matrix one covariate row per row of {@code data}
   */
  public SbgCovariateModel fit(CustomerHistories data, CovariateMatrix matrix) {
    Checks.notNull("data", data);
    double[] periods = new double[data.size()];
    boolean[] churned = new boolean[data.size()];
    ContractLifetimes.lifetimes(data, periods, churned);
    return fitLifetimes(periods, churned, data.weightColumn(), matrix);
  }

  /**
   * The unpenalised log-likelihood this fitter maximises on contract histories that carry their
   * covariates (read as {@link #fit(CustomerHistories, CovariateMatrix)} reads them), over α₀, β₀
   * (&gt; 0) and the free coefficients ({@code alpha.X}, {@code beta.X}, {@code constrained.X}) as
   * the covariate settings choose them (d LL / d ln θ for α₀ and β₀, d LL / d γ for the
   * coefficients).
   *
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates, the
   *     settings name a covariate they lack, or a row is not a contract history
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    CovariateMatrix matrix = CovariateFitParts.attached(data);
    int n = data.size();
    Checks.sameLength("covariates rows", matrix.rows(), "customers", n);
    double[] periods = new double[n];
    boolean[] churned = new boolean[n];
    ContractLifetimes.lifetimes(data, periods, churned);
    Grouped grouped = grouped(periods, churned, data.weightColumn(), matrix);
    return new CovariateLogLikelihood(
        MODEL,
        NAMES,
        grouped.layout().coefficientNames(),
        grouped.customers(),
        distinctPatterns(grouped.likelihoods()),
        grouped.objective(false));
  }

  /**
   * Fits the model to one observed lifetime per customer.
   *
   * @param periods periods each customer was observed, whole numbers &gt;= 0
   * @param churned whether the customer left at the end of its last observed period
   * @param matrix one covariate row per customer
   */
  public SbgCovariateModel fitLifetimes(
      double[] periods, boolean[] churned, CovariateMatrix matrix) {
    Checks.notEmpty("periods", periods);
    double[] weights = new double[periods.length];
    Arrays.fill(weights, 1.0);
    return fitLifetimes(periods, churned, weights, matrix);
  }

  /**
   * Fits the model to observed lifetimes with weights.
   *
   * @param periods periods observed as a customer, whole numbers &gt;= 0, &gt; 0 where churned
   * @param churned whether the customer left at the end of its last observed period
   * @param weights number of customers with that lifetime and covariate row, finite, &gt;= 0
   * @param matrix one covariate row per row
   * @throws FitFailedException when the fit fails and the settings do not allow that
   */
  public SbgCovariateModel fitLifetimes(
      double[] periods, boolean[] churned, double[] weights, CovariateMatrix matrix) {
    Checks.notNull("covariates", matrix);
    SbgModel restricted =
        SbgFitter.create()
            .withSettings(settings.withPenalty(0))
            .fitLifetimes(periods, churned, weights);
    int n = periods.length;
    Checks.sameLength("covariates rows", matrix.rows(), "periods", n);
    Grouped grouped = grouped(periods, churned, weights, matrix);
    CovariateLayout layout = grouped.layout();
    SbgLikelihood[] likelihoods = grouped.likelihoods();
    double customers = grouped.customers();
    FitDiagnostics restrictedDiagnostics = restricted.fitReport().orElseThrow().diagnostics();
    int c = layout.coefficients();
    double[] start = new double[2 + c];
    start[0] = Math.log(restricted.parameters().alpha());
    start[1] = Math.log(restricted.parameters().beta());
    Objective penalised = grouped.objective(true);
    MaximumLikelihood.Result best =
        MaximumLikelihood.maximize(penalised, start, settings.maxIterations(), BOUND);
    double[] theta = best.theta();
    double ll = grouped.objective(false).value(theta, null);
    if (!Double.isFinite(ll)) {
      throw new IllegalStateException(MODEL + " log-likelihood is not finite at the estimates");
    }
    double[][] covariance = best.covariance();
    boolean converged = best.converged() && covariance != null;
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            converged,
            best.iterations(),
            best.evaluations() + restrictedDiagnostics.evaluations() + 1,
            ll,
            best.gradientNorm(),
            converged ? "converged" : best.message());
    if (!converged && !settings.allowNonConverged()) {
      throw new FitFailedException(MODEL, diagnostics);
    }
    double[] values = {Math.exp(theta[0]), Math.exp(theta[1])};
    CovariateFitReport report =
        CovariateFitParts.report(
            MODEL,
            NAMES,
            values,
            theta,
            converged ? covariance : null,
            layout,
            diagnostics,
            -ll / customers + layout.penalty(theta, 2),
            customers,
            distinctPatterns(likelihoods),
            grouped.groups().count(),
            covariates,
            restrictedDiagnostics.logLikelihood());
    return CovariateFitParts.model(
        SbgCovariateModel::fitted,
        new SbgParameters(values[0], values[1]),
        theta,
        2,
        layout,
        report);
  }

  /**
   * The customers grouped by covariate row: the layout, the groups, each group's likelihood of its
   * weighted lifetimes and the number of customers (the summed weight).
   */
  private record Grouped(
      CovariateLayout layout,
      CovariateGroups.Assignment groups,
      SbgLikelihood[] likelihoods,
      double customers) {
    /** The log-likelihood over θ = (ln α₀, ln β₀, γ), penalised or not. */
    Objective objective(boolean penalised) {
      return new Objective(likelihoods, groups, layout, customers, penalised);
    }
  }

  private Grouped grouped(
      double[] periods, boolean[] churned, double[] weights, CovariateMatrix matrix) {
    CovariateLayout layout = CovariateLayout.resolve(matrix.names(), covariates, "alpha", "beta");
    CovariateMatrix used = matrix.select(layout.names());
    CovariateGroups.Assignment groups =
        CovariateGroups.assign(used.values(), layout.columns(), periods.length);
    SbgLikelihood[] likelihoods = new SbgLikelihood[groups.count()];
    for (int g = 0; g < groups.count(); g++) {
      likelihoods[g] = groupLikelihood(periods, churned, weights, groups.group(), g);
    }
    double customers = 0;
    for (double w : weights) {
      customers += w;
    }
    return new Grouped(layout, groups, likelihoods, customers);
  }

  private static int distinctPatterns(SbgLikelihood[] likelihoods) {
    int total = 0;
    for (SbgLikelihood l : likelihoods) {
      total += l.patterns();
    }
    return total;
  }

  /** The sufficient statistics of group g: per distinct lifetime, churned and censored weight. */
  private static SbgLikelihood groupLikelihood(
      double[] periods, boolean[] churned, double[] weights, int[] group, int g) {
    int count = 0;
    for (int i = 0; i < periods.length; i++) {
      count += group[i] == g ? 1 : 0;
    }
    double[] values = new double[count];
    int m = 0;
    for (int i = 0; i < periods.length; i++) {
      if (group[i] == g) {
        values[m++] = periods[i];
      }
    }
    Arrays.sort(values);
    int distinct = 0;
    for (int i = 0; i < values.length; i++) {
      if (i == 0 || values[i] != values[i - 1]) {
        values[distinct++] = values[i];
      }
    }
    values = Arrays.copyOf(values, distinct);
    double[] churnWeights = new double[distinct];
    double[] censorWeights = new double[distinct];
    for (int i = 0; i < periods.length; i++) {
      if (group[i] != g) {
        continue;
      }
      int at = Arrays.binarySearch(values, periods[i]);
      if (churned[i]) {
        churnWeights[at] += weights[i];
      } else {
        censorWeights[at] += weights[i];
      }
    }
    return new SbgLikelihood(ContractLifetimes.of(values, churnWeights, censorWeights));
  }

  /** LL over θ = (ln α₀, ln β₀, γ), minus n · penalty when {@code penalised}. */
  static final class Objective implements MaximumLikelihood.Objective {
    private final SbgLikelihood[] likelihoods;
    private final CovariateGroups.Assignment groups;
    private final CovariateLayout layout;
    private final double customers;
    private final boolean penalised;
    private final double[] point = new double[2];
    private final double[] g2 = new double[2];

    Objective(
        SbgLikelihood[] likelihoods,
        CovariateGroups.Assignment groups,
        CovariateLayout layout,
        double customers,
        boolean penalised) {
      this.likelihoods = likelihoods;
      this.groups = groups;
      this.layout = layout;
      this.customers = customers;
      this.penalised = penalised && layout.penalised();
    }

    @Override
    public int dimension() {
      return 2 + layout.coefficients();
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double[] coefficients = Arrays.copyOfRange(theta, 2, theta.length);
      double[] rows = groups.rows();
      int k = layout.columns();
      boolean wantGradient = gradient != null;
      if (wantGradient) {
        Arrays.fill(gradient, 0.0);
      }
      double ll = 0;
      for (int g = 0; g < likelihoods.length; g++) {
        point[0] = theta[0] + layout.purchaseIndex(coefficients, rows, g * k);
        point[1] = theta[1] + layout.dropoutIndex(coefficients, rows, g * k);
        double value = likelihoods[g].logLikelihood(point, wantGradient ? g2 : null);
        if (!Double.isFinite(value)) {
          return Double.NEGATIVE_INFINITY;
        }
        ll += value;
        if (wantGradient) {
          gradient[0] += g2[0];
          gradient[1] += g2[1];
          layout.addGradient(g2[0], g2[1], rows, g * k, gradient, 2);
        }
      }
      if (penalised) {
        ll -= customers * layout.penalty(theta, 2);
        if (wantGradient) {
          layout.addPenaltyGradient(theta, -customers, gradient, 2);
        }
      }
      return ll;
    }
  }
}
