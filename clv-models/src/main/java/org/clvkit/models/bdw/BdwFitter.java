package org.clvkit.models.bdw;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the beta-discrete-Weibull model by maximum likelihood (Fader, Hardie, Liu, Davin &amp;
 * Steenburgh 2018), from a cohort's survivor counts or from customers' observed lifetimes with
 * right censoring, over log-parameters with an analytic gradient, from the start α = β = c = 1 (the
 * sBG with a uniform churn parameter) and seeded perturbations of it. Standard errors come from the
 * observed information. Immutable and thread-safe; {@code with…} methods return a new fitter.
 *
 * <p>Example, Fader &amp; Hardie's (2007) "regular" segment, years 0 to 7 of a cohort of 1,000:
 *
 * <pre>{@code
 * BdwModel model = BdwFitter.create().fitSurvivors(1000, 631, 468, 382, 326, 289, 262, 241);
 * model.parameters();   // alpha 0.456, beta 0.779, c 1.283
 * }</pre>
 */
public final class BdwFitter implements Fitter<BdwModel> {
  private final FitSettings settings;
  private final Executor executor;

  private BdwFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static BdwFitter create() {
    return new BdwFitter(FitSettings.DEFAULT, null);
  }

  /** {@code BdwModel.TYPE}. */
  @Override
  public ModelType<BdwModel> type() {
    return BdwModel.TYPE;
  }

  /**
   * The executor given to {@link #withExecutor}, or null. This model's likelihood is small enough
   * (distinct patterns of one cohort) that it is always evaluated in the calling thread.
   */
  @Override
  public Executor executor() {
    return executor;
  }

  /** This fitter remembering {@code value}; the likelihood still runs in the calling thread. */
  @Override
  public BdwFitter withExecutor(Executor value) {
    return new BdwFitter(settings, value);
  }

  /**
   * Fits the model to contract histories in the shared customer columns, as {@link
   * org.clvkit.models.sbg.SbgFitter#fit(CustomerHistories)} reads them: row i made x = {@code
   * frequency} renewals in n = {@code age} opportunities (recency = x); x &lt; n means it churned
   * after x + 1 periods, x = n that it is still active after n.
   *
   * @param data contract histories: whole numbers, recency = frequency &lt;= age
   */
  @Override
  public BdwModel fit(CustomerHistories data) {
    return fit(lifetimes(data));
  }

  /**
   * The log-likelihood this fitter maximises on contract histories read as {@link
   * #fit(CustomerHistories)} reads them, as a function of (α, β, c).
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ModelFitting.logLikelihood(lifetimes(data));
  }

  private BdwLikelihood lifetimes(CustomerHistories data) {
    Checks.notNull("data", data);
    int n = data.size();
    double[] periods = new double[n];
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      int renewals = renewals(data, i);
      churned[i] = renewals < data.age(i);
      periods[i] = churned[i] ? renewals + 1 : renewals;
    }
    return lifetimeLikelihood(periods, churned, data.weightColumn());
  }

  /** The renewals x of row i of contract histories, after checking the row (as the sBG's). */
  static int renewals(CustomerHistories data, int i) {
    double x = data.frequency(i);
    double n = data.age(i);
    Checks.count(Checks.indexed("frequency", i), x);
    Checks.count(Checks.indexed("age", i), n);
    Checks.atMost(Checks.indexed("frequency", i), x, Checks.indexed("age", i), n);
    if (data.recency(i) != x) {
      throw Checks.fail(
          "%s = %s must equal %s = %s for contract histories (renewals are consecutive)",
          Checks.indexed("recency", i), data.recency(i), Checks.indexed("frequency", i), x);
    }
    return (int) x;
  }

  /** The settings. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public BdwFitter withSettings(FitSettings value) {
    return new BdwFitter(value, executor);
  }

  /**
   * Fits the model to a cohort's survivor counts: {@code alive[t]} customers are still active at
   * the start of period t + 1 (after t renewals), {@code alive[0]} being the cohort at acquisition.
   * Then {@code alive[t−1] − alive[t]} customers lasted exactly t periods and {@code alive[T]} were
   * still active when observation ended. Counts need not be whole (percentages work: the estimates
   * do not depend on the scale, only the standard errors do).
   *
   * @param alive at least two counts, each finite and &gt;= 0, non-increasing, the first &gt; 0
   * @return the fitted model with its {@link org.clvkit.models.FitReport}
   * @throws FitFailedException when the fit did not converge and the settings do not allow that
   */
  public BdwModel fitSurvivors(double... alive) {
    return fit(survivorLikelihood(alive));
  }

  private static BdwLikelihood survivorLikelihood(double... alive) {
    Checks.notEmpty("alive", alive);
    if (alive.length < 2) {
      throw Checks.fail(
          "alive has length %d but needs at least 2 (the cohort and one later count)",
          alive.length);
    }
    Checks.nonNegative("alive", alive);
    Checks.positive(Checks.indexed("alive", 0), alive[0]);
    for (int t = 1; t < alive.length; t++) {
      Checks.atMost(
          Checks.indexed("alive", t), alive[t], Checks.indexed("alive", t - 1), alive[t - 1]);
    }
    int last = alive.length - 1;
    double[] periods = new double[alive.length];
    double[] churned = new double[alive.length];
    double[] censored = new double[alive.length];
    for (int t = 0; t <= last; t++) {
      periods[t] = t;
      churned[t] = t == 0 ? 0 : alive[t - 1] - alive[t];
    }
    censored[last] = alive[last];
    return new BdwLikelihood(periods, churned, censored);
  }

  /**
   * Fits the model to one observed lifetime per customer.
   *
   * @param periods periods each customer was observed as a customer, whole numbers &gt;= 0
   * @param churned whether the customer left at the end of its last observed period (true) or was
   *     still a customer when observation ended (false, right-censored)
   * @return the fitted model
   */
  public BdwModel fitLifetimes(double[] periods, boolean[] churned) {
    Checks.notEmpty("periods", periods);
    double[] weights = new double[periods.length];
    Arrays.fill(weights, 1.0);
    return fitLifetimes(periods, churned, weights);
  }

  /**
   * Fits the model to observed lifetimes, each shared by {@code weights[i]} customers. A customer
   * who churned after t periods contributes P(T = t); one still active after t periods contributes
   * S(t).
   *
   * @param periods periods observed as a customer, whole numbers &gt;= 0, and &gt; 0 where churned
   * @param churned whether the customer left at the end of its last observed period
   * @param weights number of customers with that lifetime, finite and &gt;= 0, not all 0
   * @return the fitted model
   * @throws FitFailedException when the fit did not converge and the settings do not allow that
   */
  public BdwModel fitLifetimes(double[] periods, boolean[] churned, double[] weights) {
    return fit(lifetimeLikelihood(periods, churned, weights));
  }

  private static BdwLikelihood lifetimeLikelihood(
      double[] periods, boolean[] churned, double[] weights) {
    Checks.notEmpty("periods", periods);
    Checks.notNull("churned", churned);
    Checks.notNull("weights", weights);
    int n = periods.length;
    Checks.sameLength("churned", churned.length, "periods", n);
    Checks.sameLength("weights", weights.length, "periods", n);
    boolean anyWeight = false;
    for (int i = 0; i < n; i++) {
      String name = Checks.indexed("periods", i);
      Checks.count(name, periods[i]);
      if (churned[i] && periods[i] == 0) {
        throw Checks.fail(
            "%s = %s must be >= 1 when %s = true", name, periods[i], Checks.indexed("churned", i));
      }
      Checks.nonNegative(Checks.indexed("weights", i), weights[i]);
      anyWeight |= weights[i] > 0;
    }
    if (!anyWeight) {
      throw Checks.fail("weights must not all be 0");
    }
    // Sufficient statistics: per distinct lifetime, the churned and the censored weight.
    double[] sorted = periods.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    double[] values = Arrays.copyOf(sorted, distinct);
    double[] churnWeights = new double[distinct];
    double[] censorWeights = new double[distinct];
    for (int i = 0; i < n; i++) {
      int k = Arrays.binarySearch(values, periods[i]);
      if (churned[i]) {
        churnWeights[k] += weights[i];
      } else {
        censorWeights[k] += weights[i];
      }
    }
    return new BdwLikelihood(values, churnWeights, censorWeights);
  }

  /**
   * The log-likelihood this fitter maximises on a cohort's survivor counts (see {@link
   * #fitSurvivors}), as a function of {@code alpha, beta, c}.
   *
   * @param alive the survivor counts, as {@link #fitSurvivors} takes them
   */
  public LogLikelihood logLikelihoodOfSurvivors(double... alive) {
    return ModelFitting.logLikelihood(survivorLikelihood(alive));
  }

  private BdwModel fit(BdwLikelihood likelihood) {
    ModelFitting.Outcome outcome = ModelFitting.fit(likelihood, 1.0, settings);
    return BdwModel.fitted(BdwParameters.of(outcome.parameters()), outcome.report());
  }
}
