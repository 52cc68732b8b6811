package org.clvkit.models;

import java.io.Serializable;
import org.clvkit.core.Checks;
import org.clvkit.models.internal.DiscountRates;

/**
 * A model of how many purchases customers make and for how long they stay: BG/NBD, MBG/NBD,
 * Pareto/NBD ({@link ContinuousPurchaseModel}s) and BG/BB ({@link DiscretePurchaseModel}).
 * Implementations are immutable, thread-safe and {@link Serializable}.
 *
 * <p>Customer histories are {@code frequency, recency, age} — Fader and Hardie's x (repeat
 * purchases), t_x (time from the first to the last purchase) and T (time from the first purchase to
 * the end of observation) — in the caller's period, the one the model was fitted in. Horizons come
 * first and are in the same period.
 *
 * <p>The domain of times is the model's, written into the two sub-interfaces: a {@link
 * ContinuousPurchaseModel} takes any finite time &gt;= 0 and P(alive) at the end of observation T;
 * a {@link DiscretePurchaseModel} counts purchase opportunities, takes whole numbers only, and
 * gives P(alive) at the next opportunity n + 1. Methods below say "in the model's domain" for this.
 *
 * <p>Every batch method validates its inputs once, shares its kernel with the per-customer method,
 * writes into {@code out[from..to)} and gives the per-customer results bit for bit.
 */
public interface PurchaseModel extends Model {

  /**
   * The weighted sum of {@link #logLikelihood(double, double, double)} over the rows of {@code
   * data}.
   */
  @Override
  default double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    double total = 0;
    for (int i = 0; i < data.size(); i++) {
      if (data.weight(i) > 0) {
        total += data.weight(i) * logLikelihood(data.frequency(i), data.recency(i), data.age(i));
      }
    }
    return total;
  }

  /**
   * Expected number of repeat purchases of a new customer in {@code (0, t]}, E[X(t)].
   *
   * @param t horizon, finite and &gt;= 0
   */
  double expectedPurchases(double t);

  /**
   * Probability that a new customer makes exactly {@code n} repeat purchases in {@code (0, t]}.
   *
   * @param n number of purchases, &gt;= 0
   * @param t horizon, finite and &gt;= 0
   */
  double probabilityOfPurchases(int n, double t);

  /**
   * Expected number of purchases in the next {@code t} periods of a customer with the given
   * history, E[Y(t) | x, t_x, T].
   *
   * @param t horizon, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  double conditionalExpectedPurchases(double t, double frequency, double recency, double age);

  /**
   * Probability that a customer with the given history is still alive: at the end of observation
   * for a {@link ContinuousPurchaseModel}, at the next opportunity n + 1 for a {@link
   * DiscretePurchaseModel}.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  double probabilityAlive(double frequency, double recency, double age);

  /**
   * The log-likelihood of one customer's history under the model (the density of the purchase times
   * in the caller's period, as the fitting maximises).
   */
  double logLikelihood(double frequency, double recency, double age);

  /**
   * Batch form of {@link #conditionalExpectedPurchases(double, double, double, double)} over rows
   * {@code [from, to)}, written into {@code out} at the same indices.
   */
  void conditionalExpectedPurchases(
      double t, double[] frequency, double[] recency, double[] age, double[] out, int from, int to);

  /**
   * Batch form of {@link #probabilityAlive(double, double, double)} over rows {@code [from, to)}.
   */
  void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to);

  /** Batch form over all rows, returning a new array. */
  default double[] conditionalExpectedPurchases(
      double t, double[] frequency, double[] recency, double[] age) {
    Checks.notNull("frequency", frequency);
    double[] out = new double[frequency.length];
    conditionalExpectedPurchases(t, frequency, recency, age, out, 0, frequency.length);
    return out;
  }

  /** Batch form over all rows, returning a new array. */
  default double[] probabilityAlive(double[] frequency, double[] recency, double[] age) {
    Checks.notNull("frequency", frequency);
    double[] out = new double[frequency.length];
    probabilityAlive(frequency, recency, age, out, 0, frequency.length);
    return out;
  }

  /**
   * {@link #conditionalExpectedPurchases(double, double, double, double)} for every row of {@code
   * customers}, in row order (the customer columns as one argument).
   *
   * @param t horizon, in the model's domain
   * @param customers the histories
   */
  default double[] conditionalExpectedPurchases(double t, CustomerHistories customers) {
    Checks.notNull("customers", customers);
    return conditionalExpectedPurchases(
        t, customers.frequencyColumn(), customers.recencyColumn(), customers.ageColumn());
  }

  /**
   * {@link #probabilityAlive(double, double, double)} for every row of {@code customers}, in row
   * order.
   *
   * @param customers the histories
   */
  default double[] probabilityAlive(CustomerHistories customers) {
    Checks.notNull("customers", customers);
    return probabilityAlive(
        customers.frequencyColumn(), customers.recencyColumn(), customers.ageColumn());
  }

  /**
   * Expected purchases in each of the next {@code periods} periods, discounted to the end of
   * observation: {@code Σ_{k=1..periods} (E[Y(k)] − E[Y(k−1)]) / (1 + discountRate)^k}. Multiplied
   * by a margin and the expected spend per purchase this is a customer's CLV over that horizon.
   *
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period, finite and &gt; -1, with (1 +
   *     discountRate)^-periods finite (0 for none)
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  default double discountedExpectedPurchases(
      int periods, double discountRate, double frequency, double recency, double age) {
    DiscountRates.check(periods, discountRate);
    double total = 0;
    double previous = 0;
    double factor = 1;
    for (int k = 1; k <= periods; k++) {
      factor /= 1 + discountRate;
      double cumulative = conditionalExpectedPurchases(k, frequency, recency, age);
      total += (cumulative - previous) * factor;
      previous = cumulative;
    }
    return DiscountRates.finiteResult(total, periods, discountRate);
  }

  /**
   * Batch form of {@link #discountedExpectedPurchases(int, double, double, double, double)} over
   * rows {@code [from, to)}.
   */
  default void discountedExpectedPurchases(
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    Checks.notNull("out", out);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      out[i] = discountedExpectedPurchases(periods, discountRate, frequency[i], recency[i], age[i]);
    }
  }

  /**
   * Expected cumulative repeat purchases of a cohort, the data behind the "tracking" chart: for
   * each time in {@code times}, {@code Σ_i E[X(times − joined_i)]} over the customers with {@code
   * joined_i < time}.
   *
   * @param joined each customer's first-purchase time, in periods from a common origin
   * @param times the times at which to evaluate, in periods from the same origin
   * @return expected cumulative repeat purchases of the whole cohort at each time
   */
  default double[] cohortExpectedPurchases(double[] joined, double[] times) {
    Checks.finite("joined", joined);
    Checks.finite("times", times);
    double[] out = new double[times.length];
    java.util.TreeMap<Double, Integer> counts = new java.util.TreeMap<>();
    for (double j : joined) {
      counts.merge(j, 1, Integer::sum);
    }
    for (int k = 0; k < times.length; k++) {
      double sum = 0;
      for (var e : counts.entrySet()) {
        double exposure = times[k] - e.getKey();
        if (exposure > 0) {
          sum += e.getValue() * expectedPurchases(exposure);
        }
      }
      out[k] = sum;
    }
    return out;
  }
}
