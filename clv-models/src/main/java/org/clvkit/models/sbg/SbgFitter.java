package org.clvkit.models.sbg;

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
 * Fits the shifted-beta-geometric model by maximum likelihood (Fader &amp; Hardie 2007, eq. 5),
 * either from a cohort's survivor counts or from customers' observed lifetimes with right
 * censoring, from the start α = β = 1 and seeded perturbations of it. Immutable and thread-safe;
 * {@code with…} methods return a new fitter.
 *
 * <p>Example, Fader &amp; Hardie's (2007) "regular" segment, years 0 to 7 of a cohort of 1,000:
 *
 * <pre>{@code
 * SbgModel model = SbgFitter.create().fitSurvivors(1000, 631, 468, 382, 326, 289, 262, 241);
 * model.parameters();   // alpha 0.704, beta 1.182
 * }</pre>
 */
public final class SbgFitter implements Fitter<SbgModel> {
  private final FitSettings settings;
  private final Executor executor;

  private SbgFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  @Override
  public ModelType<SbgModel> type() {
    return SbgModel.TYPE;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static SbgFitter create() {
    return new SbgFitter(FitSettings.DEFAULT, null);
  }

  /** The settings. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public SbgFitter withSettings(FitSettings value) {
    return new SbgFitter(value, executor);
  }

  /**
   * The executor given to {@link #withExecutor}, or null; the likelihood sums too few terms to
   * split.
   */
  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * This fitter with an executor, kept for the {@link Fitter} contract and unused: see {@link
   * #executor()}.
   */
  @Override
  public SbgFitter withExecutor(Executor value) {
    return new SbgFitter(settings, value);
  }

  /**
   * Fits the model to contract histories in the shared customer columns: row i is a customer who
   * made x = {@code frequency} renewals in n = {@code age} renewal opportunities (recency = x,
   * renewals being consecutive), so that x &lt; n means the customer churned in period x + 1 and x
   * = n that the customer is still active (right-censored after n renewals); weights count the
   * customers. This is the BG/BB's reading of the columns with a purchase probability of 1 (Fader
   * and Hardie 2007 note the sBG as that limit). Equivalent to {@link #fitLifetimes(double[],
   * boolean[], double[])} with lifetimes x + 1 (churned) or n (active).
   *
   * @param data contract histories: whole numbers, recency = frequency &lt;= age
   */
  @Override
  public SbgModel fit(CustomerHistories data) {
    Lifetimes lifetimes = lifetimes(data);
    return fitLifetimes(lifetimes.periods, lifetimes.churned, lifetimes.weights);
  }

  /**
   * The log-likelihood this fitter maximises on contract histories read as {@link
   * #fit(CustomerHistories)} reads them, as a function of (α, β).
   *
   * @param data contract histories
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    Lifetimes l = lifetimes(data);
    return ModelFitting.logLikelihood(likelihoodOfLifetimes(l.periods, l.churned, l.weights));
  }

  private record Lifetimes(double[] periods, boolean[] churned, double[] weights) {}

  private static Lifetimes lifetimes(CustomerHistories data) {
    Checks.notNull("data", data);
    int n = data.size();
    double[] periods = new double[n];
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      int renewals = renewals(data, i);
      churned[i] = renewals < data.age(i);
      periods[i] = churned[i] ? renewals + 1 : renewals;
    }
    return new Lifetimes(periods, churned, data.weightColumn());
  }

  /**
   * The renewals x of row {@code i} of contract histories, after checking the row: x and n whole
   * numbers, recency = x, x &lt;= n.
   */
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
  public SbgModel fitSurvivors(double... alive) {
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
    return fit(new SbgLikelihood(periods, churned, censored));
  }

  /**
   * Fits the model to one observed lifetime per customer.
   *
   * @param periods periods each customer was observed as a customer, whole numbers &gt;= 0
   * @param churned whether the customer left at the end of its last observed period (true) or was
   *     still a customer when observation ended (false, right-censored)
   * @return the fitted model
   */
  public SbgModel fitLifetimes(double[] periods, boolean[] churned) {
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
  public SbgModel fitLifetimes(double[] periods, boolean[] churned, double[] weights) {
    return fit(likelihoodOfLifetimes(periods, churned, weights));
  }

  private static SbgLikelihood likelihoodOfLifetimes(
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
    return new SbgLikelihood(values, churnWeights, censorWeights);
  }

  private SbgModel fit(SbgLikelihood likelihood) {
    ModelFitting.Outcome outcome = ModelFitting.fit(likelihood, 1.0, settings);
    return SbgModel.fitted(SbgParameters.of(outcome.parameters()), outcome.report());
  }
}
