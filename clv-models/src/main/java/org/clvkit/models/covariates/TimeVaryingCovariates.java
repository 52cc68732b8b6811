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
 */
public final class TimeVaryingCovariates implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final int[] offsets;
  private final double[] starts;
  private final double[] values;

  private TimeVaryingCovariates(
      List<String> names, int[] offsets, double[] starts, double[] values) {
    this.names = names;
    this.offsets = offsets;
    this.starts = starts;
    this.values = values;
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
        List.copyOf(names), offsets.clone(), starts.clone(), rowMajor.clone());
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
    return new TimeVaryingCovariates(matrix.names(), offsets, new double[n], matrix.values());
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
    return of(columns, offsets, starts, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeVaryingCovariates
        && names.equals(((TimeVaryingCovariates) o).names)
        && Arrays.equals(offsets, ((TimeVaryingCovariates) o).offsets)
        && Arrays.equals(starts, ((TimeVaryingCovariates) o).starts)
        && Arrays.equals(values, ((TimeVaryingCovariates) o).values);
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
