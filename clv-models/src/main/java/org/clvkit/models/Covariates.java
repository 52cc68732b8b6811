package org.clvkit.models;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.clvkit.core.Checks;

/**
 * Time-invariant covariates: one row of named numbers per customer (or per pattern), such as a
 * channel dummy or a log-income, that a covariate model lets scale its purchase and drop-out rates
 * (as CLVTools' static covariates do). Stored row-major in one {@code double[]} with a column
 * count, so that a row is a contiguous slice and kernels read it without allocating. Immutable.
 *
 * <p>Covariates travel with the customer columns in {@link CustomerHistories#withCovariates}; a
 * compressed history groups only rows whose covariate rows are equal. Models without covariates
 * ignore them. Per-period (time-varying) covariates will come as a separate type attached the same
 * way, so neither the model nor the fitter interfaces change.
 */
public final class Covariates implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final double[] values;
  private final int rows;

  private Covariates(List<String> names, double[] values) {
    this.names = names;
    this.values = values;
    this.rows = values.length / names.size();
  }

  /**
   * Covariates from row-major values: row i holds {@code values[i * names.size() .. (i + 1) *
   * names.size())}. The array is copied.
   *
   * @param names the covariate names, distinct and not blank, at least one
   * @param values finite values, a whole number of rows
   */
  public static Covariates of(List<String> names, double[] values) {
    List<String> copy = List.copyOf(Checks.notNull("names", names));
    if (copy.isEmpty()) {
      throw Checks.fail("names must not be empty");
    }
    for (String name : copy) {
      Checks.notEmptyText("names", name);
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw Checks.fail("names must be distinct, was %s", copy);
    }
    Checks.notNull("values", values);
    if (values.length % copy.size() != 0) {
      throw Checks.fail(
          "values has length %d, not a multiple of the %d covariates", values.length, copy.size());
    }
    Checks.finite("values", values);
    return new Covariates(copy, values.clone());
  }

  /** The covariate names, in column order. */
  public List<String> names() {
    return names;
  }

  /** Number of covariates (columns). */
  public int columns() {
    return names.size();
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Covariate {@code column} of row {@code row}. */
  public double value(int row, int column) {
    Checks.index("row", row, rows);
    Checks.index("column", column, names.size());
    return values[row * names.size() + column];
  }

  /**
   * Copies row {@code row} into {@code out[offset..offset + columns())}.
   *
   * @param out receives the row; modified
   */
  public void copyRow(int row, double[] out, int offset) {
    Checks.index("row", row, rows);
    System.arraycopy(values, row * names.size(), out, offset, names.size());
  }

  /** A copy of the row-major values. */
  public double[] values() {
    return values.clone();
  }

  /** Whether rows {@code i} and {@code j} are equal in every column. */
  boolean sameRow(int i, int j) {
    int k = names.size();
    return Arrays.equals(values, i * k, i * k + k, values, j * k, j * k + k);
  }

  /** A hash of row {@code i}, for compression. */
  long hashRow(int i) {
    int k = names.size();
    long h = 0;
    for (int c = i * k; c < i * k + k; c++) {
      h = (h ^ Double.doubleToLongBits(values[c] + 0.0)) * 0x9E3779B97F4A7C15L;
    }
    return h;
  }

  /** The rows listed in {@code rowsToKeep}, in that order. */
  Covariates select(int[] rowsToKeep, int count) {
    int k = names.size();
    double[] out = new double[count * k];
    for (int r = 0; r < count; r++) {
      System.arraycopy(values, rowsToKeep[r] * k, out, r * k, k);
    }
    return new Covariates(names, out);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Covariates c
        && c.names.equals(names)
        && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return names.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Covariates(" + names + ", " + rows + " rows)";
  }
}
