package org.clvkit.models.covariates;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clvkit.core.Checks;

/**
 * Customer attributes for the covariate models: one row per customer (aligned with the rows of the
 * customer histories it is used with), one named numeric column per covariate, stored row-major in
 * one {@code double[]}. Immutable and {@link Serializable}.
 *
 * <p>Values are used raw, as CLVTools uses them (no centring or scaling): with all coefficients 0
 * every covariate model is its model without covariates. Categorical attributes enter as 0/1
 * indicator columns with one level left out as reference (see the CSV reader of the CLI).
 *
 * <p>A matrix travels with the customer columns in {@link
 * org.clvkit.models.CustomerHistories#withCovariates}, so that a covariate fitter's {@code
 * fit(CustomerHistories)} finds it there; compressing such histories groups only rows whose
 * covariate rows are equal. Models without covariates ignore it. Time-varying covariates are {@link
 * TimeVaryingCovariates}.
 *
 * <p>Rules, each checked with a message naming the place: at least one column; names not blank and
 * distinct; {@code values.length} a multiple of the column count; every value finite.
 */
public final class CovariateMatrix implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final double[] values;
  private final int columns;
  private final int rows;

  private CovariateMatrix(List<String> names, double[] values) {
    this.names = names;
    this.values = values;
    this.columns = names.size();
    this.rows = values.length / columns;
  }

  /**
   * A matrix from its column names and its values row by row. The array is copied.
   *
   * @param names the covariates' names, one per column
   * @param rowMajor {@code rowMajor[i * names.size() + j]} is customer i's value of covariate j
   * @throws org.clvkit.core.ClvArgumentException if a rule of the class comment is broken
   */
  public static CovariateMatrix of(List<String> names, double[] rowMajor) {
    Checks.notNull("names", names);
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
    if (rowMajor.length % k != 0) {
      throw Checks.fail(
          "covariates length %d must be a multiple of the number of columns %d",
          rowMajor.length, k);
    }
    for (int i = 0; i < rowMajor.length; i++) {
      if (!Double.isFinite(rowMajor[i])) {
        throw Checks.fail(
            "covariates[%d, %s] must be finite, was %s", i / k, names.get(i % k), rowMajor[i]);
      }
    }
    return new CovariateMatrix(List.copyOf(names), rowMajor.clone());
  }

  /**
   * A matrix from columns.
   *
   * @param names the covariates' names
   * @param columns {@code columns[j][i]} is customer i's value of covariate j; equal lengths
   */
  public static CovariateMatrix ofColumns(List<String> names, double[]... columns) {
    Checks.notNull("names", names);
    Checks.notNull("columns", columns);
    Checks.sameLength("columns", columns.length, "names", names.size());
    if (columns.length == 0) {
      throw Checks.fail("names must not be empty");
    }
    int n = Checks.notNull(Checks.indexed("columns", 0), columns[0]).length;
    int k = columns.length;
    double[] values = new double[n * k];
    for (int j = 0; j < k; j++) {
      Checks.notNull(Checks.indexed("columns", j), columns[j]);
      Checks.sameLength(Checks.indexed("columns", j), columns[j].length, "columns[0]", n);
      for (int i = 0; i < n; i++) {
        values[i * k + j] = columns[j][i];
      }
    }
    return of(names, values);
  }

  /** The covariates' names, in column order. */
  public List<String> names() {
    return names;
  }

  /** Number of columns. */
  public int columns() {
    return columns;
  }

  /** Number of rows (customers). */
  public int rows() {
    return rows;
  }

  /** Customer {@code row}'s value of covariate {@code column}. */
  public double value(int row, int column) {
    Checks.index("row", row, rows);
    Checks.index("column", column, columns);
    return values[row * columns + column];
  }

  /** The values row by row (a copy). */
  public double[] rowMajor() {
    return values.clone();
  }

  /** The values without a copy, for the kernels of this library; callers must not write. */
  public double[] values() {
    return values;
  }

  /**
   * The column of a covariate.
   *
   * @throws org.clvkit.core.ClvArgumentException naming the covariate and the columns there are
   */
  public int indexOf(String name) {
    int j = names.indexOf(name);
    if (j < 0) {
      throw Checks.fail("covariate %s is not among the columns %s", name, names);
    }
    return j;
  }

  /** The columns of the named covariates, in the order given. */
  public int[] indicesOf(List<String> selected) {
    int[] out = new int[selected.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = indexOf(selected.get(j));
    }
    return out;
  }

  /** A matrix of the named columns only, in the order given. */
  public CovariateMatrix select(List<String> selected) {
    int[] index = indicesOf(Checks.notNull("selected", selected));
    List<String> kept = new ArrayList<>(selected);
    double[] out = new double[rows * index.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < index.length; j++) {
        out[i * index.length + j] = values[i * columns + index[j]];
      }
    }
    return of(kept, out);
  }

  /** Rows {@code [from, to)}. */
  public CovariateMatrix rows(int from, int to) {
    Checks.range(from, to, rows);
    double[] out = new double[(to - from) * columns];
    System.arraycopy(values, from * columns, out, 0, out.length);
    return new CovariateMatrix(names, out);
  }

  /** Equal when the names and every value are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CovariateMatrix m
        && m.names.equals(names)
        && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return names.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "CovariateMatrix(" + names + ", " + rows + " rows)";
  }
}
