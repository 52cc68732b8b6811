package org.clvkit.models.diagnostics;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.models.PurchaseModel;

/**
 * Tracking: the cohort's cumulative and incremental repeat purchases per period, actual against the
 * model's expectation (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way",
 * figures 2 and 3 for the BG/NBD on CDNOW, weekly over calibration and holdout). Immutable and
 * thread-safe; accessors return copies.
 *
 * <p>Times are in the model's period, counted from a common origin (for CDNOW, weeks since
 * 1997-01-01); each customer joins the cohort at the first purchase. The expected cumulative repeat
 * purchases at time t are {@link PurchaseModel#cohortExpectedPurchases(double[], double[])}: {@code
 * Σ_i E[X(t − joined_i)]} over the customers with {@code joined_i < t}. Incremental values are the
 * differences of consecutive cumulative values, the first one measured from 0 (so with {@code times
 * = 1, 2, …} they are the purchases in each period).
 *
 * <pre>{@code
 * double[] weeks = new double[78];
 * for (int k = 0; k < 78; k++) weeks[k] = k + 1;
 * RepeatPurchaseTracking tracking =
 *     RepeatPurchaseTracking.fromPurchaseTimes(model, joined, repeatPurchaseTimes, weeks);
 * double total = tracking.expectedCumulative(77); // expected repeat purchases by week 78
 * }</pre>
 */
public final class RepeatPurchaseTracking implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] times;
  private final double[] actualCumulative;
  private final double[] expectedCumulative;

  private RepeatPurchaseTracking(
      double[] times, double[] actualCumulative, double[] expectedCumulative) {
    this.times = times;
    this.actualCumulative = actualCumulative;
    this.expectedCumulative = expectedCumulative;
  }

  /**
   * Tracking from the actual cumulative repeat purchases the caller counted at each time (for
   * example by summarising a transaction log at each period end).
   *
   * @param model the fitted model
   * @param joined each customer's first-purchase time, finite
   * @param times the times to report, finite and strictly increasing, at least one
   * @param actualCumulative the cohort's repeat purchases up to each time, finite, &gt;= 0 and
   *     non-decreasing, one per time
   * @return actual and expected repeat purchases at each time
   */
  public static RepeatPurchaseTracking of(
      PurchaseModel model, double[] joined, double[] times, double[] actualCumulative) {
    Checks.notNull("model", model);
    checkTimes(times);
    Checks.notNull("actualCumulative", actualCumulative);
    Checks.sameLength("actualCumulative", actualCumulative.length, "times", times.length);
    Checks.nonNegative("actualCumulative", actualCumulative);
    for (int k = 1; k < actualCumulative.length; k++) {
      Checks.atMost(
          Checks.indexed("actualCumulative", k - 1),
          actualCumulative[k - 1],
          Checks.indexed("actualCumulative", k),
          actualCumulative[k]);
    }
    Checks.notNull("joined", joined);
    double[] expected = model.cohortExpectedPurchases(joined, times);
    return new RepeatPurchaseTracking(times.clone(), actualCumulative.clone(), expected);
  }

  /**
   * Tracking from the times of the cohort's repeat purchases (every purchase after each customer's
   * first, same-day purchases merged as in the model's data): the actual cumulative count at time t
   * is the number of repeat purchases at or before t.
   *
   * @param model the fitted model
   * @param joined each customer's first-purchase time, finite
   * @param repeatPurchaseTimes the time of every repeat purchase, finite, in any order
   * @param times the times to report, finite and strictly increasing, at least one
   * @return actual and expected repeat purchases at each time
   */
  public static RepeatPurchaseTracking fromPurchaseTimes(
      PurchaseModel model, double[] joined, double[] repeatPurchaseTimes, double[] times) {
    Checks.notNull("model", model);
    checkTimes(times);
    Checks.finite("repeatPurchaseTimes", repeatPurchaseTimes);
    double[] sorted = repeatPurchaseTimes.clone();
    Arrays.sort(sorted);
    double[] actual = new double[times.length];
    int count = 0;
    for (int k = 0; k < times.length; k++) {
      while (count < sorted.length && sorted[count] <= times[k]) {
        count++;
      }
      actual[k] = count;
    }
    return of(model, joined, times, actual);
  }

  private static void checkTimes(double[] times) {
    Checks.notEmpty("times", times);
    Checks.finite("times", times);
    for (int k = 1; k < times.length; k++) {
      Checks.greaterThan(Checks.indexed("times", k), times[k], times[k - 1]);
    }
  }

  /** The number of times reported. */
  public int size() {
    return times.length;
  }

  /**
   * The {@code k}-th time.
   *
   * @param k in [0, size − 1]
   */
  public double time(int k) {
    return times[Checks.index("k", k, times.length)];
  }

  /**
   * Actual repeat purchases of the cohort up to the {@code k}-th time.
   *
   * @param k in [0, size − 1]
   */
  public double actualCumulative(int k) {
    return actualCumulative[Checks.index("k", k, times.length)];
  }

  /**
   * Expected repeat purchases of the cohort up to the {@code k}-th time.
   *
   * @param k in [0, size − 1]
   */
  public double expectedCumulative(int k) {
    return expectedCumulative[Checks.index("k", k, times.length)];
  }

  /**
   * Actual repeat purchases after the previous time (after 0 for k = 0), up to the {@code k}-th.
   *
   * @param k in [0, size − 1]
   */
  public double actualIncremental(int k) {
    Checks.index("k", k, times.length);
    return k == 0 ? actualCumulative[0] : actualCumulative[k] - actualCumulative[k - 1];
  }

  /**
   * Expected repeat purchases after the previous time (after 0 for k = 0), up to the {@code k}-th.
   *
   * @param k in [0, size − 1]
   */
  public double expectedIncremental(int k) {
    Checks.index("k", k, times.length);
    return k == 0 ? expectedCumulative[0] : expectedCumulative[k] - expectedCumulative[k - 1];
  }

  /** The times, as a copy. */
  public double[] times() {
    return times.clone();
  }

  /** Actual cumulative repeat purchases at each time, as a copy. */
  public double[] actualCumulative() {
    return actualCumulative.clone();
  }

  /** Expected cumulative repeat purchases at each time, as a copy. */
  public double[] expectedCumulative() {
    return expectedCumulative.clone();
  }

  /** Actual incremental repeat purchases at each time, as a new array. */
  public double[] actualIncremental() {
    double[] out = new double[times.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = actualIncremental(k);
    }
    return out;
  }

  /** Expected incremental repeat purchases at each time, as a new array. */
  public double[] expectedIncremental() {
    double[] out = new double[times.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = expectedIncremental(k);
    }
    return out;
  }

  /**
   * The table as CSV: a header {@code
   * time,actual_cumulative,expected_cumulative,actual_incremental,expected_incremental}, then one
   * line per time; lines end in {@code \n}.
   */
  public String toCsv() {
    StringBuilder out =
        new StringBuilder(
            "time,actual_cumulative,expected_cumulative,actual_incremental,expected_incremental\n");
    for (int k = 0; k < times.length; k++) {
      Csv.number(out, times[k]).append(',');
      Csv.number(out, actualCumulative[k]).append(',');
      Csv.number(out, expectedCumulative[k]).append(',');
      Csv.number(out, actualIncremental(k)).append(',');
      Csv.number(out, expectedIncremental(k)).append('\n');
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepeatPurchaseTracking other
        && Arrays.equals(times, other.times)
        && Arrays.equals(actualCumulative, other.actualCumulative)
        && Arrays.equals(expectedCumulative, other.expectedCumulative);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(times) * 31 + Arrays.hashCode(actualCumulative)) * 31
        + Arrays.hashCode(expectedCumulative);
  }

  @Override
  public String toString() {
    return "RepeatPurchaseTracking[times="
        + Arrays.toString(times)
        + ", actualCumulative="
        + Arrays.toString(actualCumulative)
        + ", expectedCumulative="
        + Arrays.toString(expectedCumulative)
        + "]";
  }
}
