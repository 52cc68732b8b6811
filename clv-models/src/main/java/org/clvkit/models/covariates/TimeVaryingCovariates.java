package org.clvkit.models.covariates;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clvkit.core.Checks;

/**
 * Time-varying covariates for the Pareto/NBD with time-varying covariates (Bachmann, Meierer &amp;
 * Näf 2021): for each customer a sequence of periods, each with one row of named numeric values
 * that hold from the period's start to the next period's start (piecewise constant); the last
 * period holds indefinitely (predictions beyond the data use its row). Times are in the customer's
 * own clock and unit, the one of the histories they go with: 0 is the customer's first purchase and
 * the age T the end of the calibration window, so that a period starting at a calendar date D
 * starts at T − (end − D) / unit. Immutable and {@link Serializable}.
 *
 * <p>Storage (compressed rows): customer i's periods are {@code offsets[i] .. offsets[i+1] − 1};
 * period k starts at {@code starts[k]} and its row is {@code values[k * columns ..]}.
 *
 * <p>Rules, each checked with a message naming the place: names as for {@link CovariateMatrix};
 * offsets start at 0, never decrease and end at the number of periods; every customer has at least
 * one period; the first period of a customer starts at or before 0 (its first purchase); starts
 * strictly increase within a customer (a gap cannot arise, since a period lasts until the next; an
 * overlap would be a repeated start); every start and value finite.
 *
 * <p>Repeat purchases (optional, {@link #withRepeatPurchases}): the number of each customer's
 * repeat purchases (all but the first) in each of its periods, a period holding the purchases from
 * its start (inclusive) to the next start (exclusive). With them the likelihood of the Pareto/NBD
 * with time-varying covariates is the full likelihood of the purchase times (Bachmann, Meierer
 * &amp; Näf 2021, eq. for the transaction process; CLVTools' "A1sum"), which multiplies the
 * purchase rate's factor exp(γᵀx(t_j)) at every repeat purchase; without them it is the likelihood
 * of the summary (x, t_x, T) alone, the purchase times before the last integrated out. Predictions
 * (P(alive), expectations, DERT) are the same either way.
 */
public final class TimeVaryingCovariates implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final int[] offsets;
  private final double[] starts;
  private final double[] values;
  private final double[] purchases; // null when not known

  private TimeVaryingCovariates(
      List<String> names, int[] offsets, double[] starts, double[] values, double[] purchases) {
    this.names = names;
    this.offsets = offsets;
    this.starts = starts;
    this.values = values;
    this.purchases = purchases;
  }

  /**
   * Time-varying covariates from their compressed rows. The arrays are copied.
   *
   * @param names the covariates' names, one per column
   * @param offsets customer i's periods are {@code offsets[i] .. offsets[i+1] − 1}
   * @param starts each period's start in the customer's clock (0 = first purchase)
   * @param rowMajor each period's row, {@code rowMajor[k * names.size() + j]}
   * @throws org.clvkit.core.ClvArgumentException if a rule of the class comment is broken
   */
  public static TimeVaryingCovariates of(
      List<String> names, int[] offsets, double[] starts, double[] rowMajor) {
    Checks.notNull("names", names);
    Checks.notNull("offsets", offsets);
    Checks.notNull("starts", starts);
    Checks.notNull("covariates", rowMajor);
    if (names.isEmpty()) {
      throw Checks.fail("names must not be empty");
    }
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < names.size(); j++) {
      String name = Checks.notBlank(Checks.indexed("names", j), names.get(j));
      if (!seen.add(name)) {
        throw Checks.fail("names[%d] = %s is a duplicate", j, name);
      }
    }
    int k = names.size();
    if (offsets.length == 0 || offsets[0] != 0) {
      throw Checks.fail("offsets must start with 0");
    }
    Checks.sameLength("starts", starts.length, "offsets[last]", offsets[offsets.length - 1]);
    Checks.sameLength("covariates", rowMajor.length, "periods * columns", starts.length * k);
    Checks.finite("starts", starts);
    Checks.finite("covariates", rowMajor);
    for (int i = 0; i + 1 < offsets.length; i++) {
      if (offsets[i + 1] <= offsets[i]) {
        throw Checks.fail("customer %d has no period (offsets[%d] = %d)", i, i + 1, offsets[i + 1]);
      }
      if (starts[offsets[i]] > 0) {
        throw Checks.fail(
            "customer %d: the first period starts at %s, after the first purchase at 0",
            i, starts[offsets[i]]);
      }
      for (int p = offsets[i] + 1; p < offsets[i + 1]; p++) {
        if (!(starts[p] > starts[p - 1])) {
          throw Checks.fail(
              "customer %d: period %d starts at %s, not after the previous start %s",
              i, p - offsets[i], starts[p], starts[p - 1]);
        }
      }
    }
    return new TimeVaryingCovariates(
        List.copyOf(names), offsets.clone(), starts.clone(), rowMajor.clone(), null);
  }

  /**
   * These covariates with each customer's repeat purchases counted into its periods: customer i's
   * repeat purchases (every purchase after the first, in the customer's clock and unit, so each
   * &gt; 0 and at most the age) are {@code times[purchaseOffsets[i] .. purchaseOffsets[i+1] − 1]},
   * in any order; a purchase at time t falls in the period with start &lt;= t &lt; next start, one
   * exactly on a start in the period that starts there (as CLVTools' closed covariate intervals
   * [start, next start − ε]). Purchases on the same day count once each as given: aggregate them
   * beforehand where the summary does (CLVTools aggregates purchases at the same time point).
   *
   * @param purchaseOffsets customer i's repeat purchases are {@code purchaseOffsets[i] ..
   *     purchaseOffsets[i+1] − 1}; one more entry than customers, starting at 0
   * @param times the repeat purchase times in the customers' clocks
   * @throws org.clvkit.core.ClvArgumentException on offsets of the wrong length or decreasing, or a
   *     time not finite or &lt; 0
   */
  public TimeVaryingCovariates withRepeatPurchases(int[] purchaseOffsets, double[] times) {
    Checks.notNull("purchaseOffsets", purchaseOffsets);
    Checks.notNull("times", times);
    Checks.sameLength("purchaseOffsets", purchaseOffsets.length, "customers + 1", customers() + 1);
    if (purchaseOffsets[0] != 0) {
      throw Checks.fail("purchaseOffsets must start with 0");
    }
    Checks.sameLength("times", times.length, "purchaseOffsets[last]", purchaseOffsets[customers()]);
    Checks.finite("times", times);
    for (int i = 0; i < customers(); i++) {
      if (purchaseOffsets[i + 1] < purchaseOffsets[i]) {
        throw Checks.fail(
            "purchaseOffsets[%d] = %d is below purchaseOffsets[%d] = %d",
            i + 1, purchaseOffsets[i + 1], i, purchaseOffsets[i]);
      }
    }
    double[] counts = new double[starts.length];
    for (int i = 0; i < customers(); i++) {
      for (int j = purchaseOffsets[i]; j < purchaseOffsets[i + 1]; j++) {
        double t = times[j];
        if (t < 0) {
          throw Checks.fail("times[%d] = %s must be >= 0 (customer %d)", j, t, i);
        }
        int p = offsets[i];
        while (p + 1 < offsets[i + 1] && starts[p + 1] <= t) {
          p++;
        }
        counts[p]++;
      }
    }
    return new TimeVaryingCovariates(names, offsets, starts, values, counts);
  }

  /** Whether the repeat purchases per period are known ({@link #withRepeatPurchases}). */
  public boolean hasRepeatPurchases() {
    return purchases != null;
  }

  /**
   * The number of repeat purchases in period k (an index over all customers' periods).
   *
   * @throws org.clvkit.core.ClvArgumentException when they are not known
   */
  public double repeatPurchases(int period) {
    Checks.index("period", period, starts.length);
    if (purchases == null) {
      throw Checks.fail("the repeat purchases per period are not known (withRepeatPurchases)");
    }
    return purchases[period];
  }

  /** A copy of the repeat purchases per period, or null when they are not known. */
  public double[] repeatPurchases() {
    return purchases == null ? null : purchases.clone();
  }

  /**
   * Covariates constant over time: one period per customer starting at 0, with the matrix's row;
   * the time-varying model on them is the static covariate model.
   */
  public static TimeVaryingCovariates constant(CovariateMatrix matrix) {
    Checks.notNull("covariates", matrix);
    int n = matrix.rows();
    int[] offsets = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      offsets[i] = i;
    }
    return new TimeVaryingCovariates(matrix.names(), offsets, new double[n], matrix.values(), null);
  }

  /** The covariates' names, in column order. */
  public List<String> names() {
    return names;
  }

  /** The number of columns. */
  public int columns() {
    return names.size();
  }

  /** The number of customers. */
  public int customers() {
    return offsets.length - 1;
  }

  /** The number of periods of all customers. */
  public int periods() {
    return starts.length;
  }

  /** The index of customer i's first period. */
  public int firstPeriod(int customer) {
    Checks.index("customer", customer, customers());
    return offsets[customer];
  }

  /** The index after customer i's last period. */
  public int endPeriod(int customer) {
    Checks.index("customer", customer, customers());
    return offsets[customer + 1];
  }

  /** The start of period k (an index over all customers' periods). */
  public double start(int period) {
    Checks.index("period", period, starts.length);
    return starts[period];
  }

  /** The value of covariate j in period k. */
  public double value(int period, int column) {
    Checks.index("period", period, starts.length);
    Checks.index("column", column, names.size());
    return values[period * names.size() + column];
  }

  /** A copy of the offsets. */
  public int[] offsets() {
    return offsets.clone();
  }

  /** A copy of the period starts. */
  public double[] starts() {
    return starts.clone();
  }

  /** A copy of the rows, row-major. */
  public double[] values() {
    return values.clone();
  }

  /**
   * These covariates restricted to the named columns, in that order.
   *
   * @throws org.clvkit.core.ClvArgumentException if a name is not a column
   */
  public TimeVaryingCovariates select(List<String> columns) {
    Checks.notNull("columns", columns);
    if (columns.equals(names)) {
      return this;
    }
    int k = names.size();
    int[] index = new int[columns.size()];
    for (int j = 0; j < index.length; j++) {
      index[j] = names.indexOf(columns.get(j));
      if (index[j] < 0) {
        throw Checks.fail("covariate %s is not among %s", columns.get(j), names);
      }
    }
    double[] out = new double[starts.length * index.length];
    for (int p = 0; p < starts.length; p++) {
      for (int j = 0; j < index.length; j++) {
        out[p * index.length + j] = values[p * k + index[j]];
      }
    }
    TimeVaryingCovariates selected = of(columns, offsets, starts, out);
    return purchases == null
        ? selected
        : new TimeVaryingCovariates(
            selected.names, selected.offsets, selected.starts, selected.values, purchases);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeVaryingCovariates
        && names.equals(((TimeVaryingCovariates) o).names)
        && Arrays.equals(offsets, ((TimeVaryingCovariates) o).offsets)
        && Arrays.equals(starts, ((TimeVaryingCovariates) o).starts)
        && Arrays.equals(values, ((TimeVaryingCovariates) o).values)
        && Arrays.equals(purchases, ((TimeVaryingCovariates) o).purchases);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * names.hashCode() + Arrays.hashCode(starts)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TimeVaryingCovariates["
        + customers()
        + " customers, "
        + periods()
        + " periods, "
        + names
        + "]";
  }
}
