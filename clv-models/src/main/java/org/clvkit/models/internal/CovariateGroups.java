package org.clvkit.models.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Customers grouped by covariate row (compared bit for bit, −0 as 0), each group's histories
 * compressed to distinct (frequency, recency, age) patterns with weights: the patterns of a
 * covariate model's likelihood are the distinct (frequency, recency, age, covariate row). Groups
 * whose customers all have weight 0 are left out. Not API.
 */
public final class CovariateGroups {
  private final int columns;
  private final double[] rows;
  private final CustomerHistories[] histories;
  private final int patterns;

  private CovariateGroups(int columns, double[] rows, CustomerHistories[] histories) {
    this.columns = columns;
    this.rows = rows;
    this.histories = histories;
    int total = 0;
    for (CustomerHistories h : histories) {
      total += h.size();
    }
    this.patterns = total;
  }

  /**
   * Groups the customers.
   *
   * @param data the customers' histories
   * @param covariates row-major covariate rows aligned with {@code data}'s rows
   * @param columns the length of a row, &gt; 0
   */
  public static CovariateGroups of(CustomerHistories data, double[] covariates, int columns) {
    Checks.notNull("data", data);
    Checks.positive("columns", columns);
    int n = data.size();
    Checks.sameLength("covariates", covariates.length, "rows * columns", n * columns);
    Map<CovariateRowKey, Integer> index = new HashMap<>();
    int[] rowGroup = new int[n];
    int[] firstRow = new int[n];
    for (int i = 0; i < n; i++) {
      CovariateRowKey key = new CovariateRowKey(covariates, i * columns, columns);
      Integer g = index.get(key);
      if (g == null) {
        g = index.size();
        index.put(key, g);
        firstRow[g] = i;
      }
      rowGroup[i] = g;
    }
    int groups = index.size();
    int[] start = new int[groups + 1];
    for (int i = 0; i < n; i++) {
      start[rowGroup[i] + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      start[g + 1] += start[g];
    }
    int[] order = new int[n];
    int[] fill = Arrays.copyOf(start, groups);
    for (int i = 0; i < n; i++) {
      order[fill[rowGroup[i]]++] = i;
    }
    double[] f = data.frequencyColumn();
    double[] r = data.recencyColumn();
    double[] a = data.ageColumn();
    double[] w = data.weightColumn();
    double[] kept = new double[groups * columns];
    CustomerHistories[] out = new CustomerHistories[groups];
    int count = 0;
    for (int g = 0; g < groups; g++) {
      int size = start[g + 1] - start[g];
      double[] gf = new double[size];
      double[] gr = new double[size];
      double[] ga = new double[size];
      double[] gw = new double[size];
      boolean anyWeight = false;
      for (int k = 0; k < size; k++) {
        int i = order[start[g] + k];
        gf[k] = f[i];
        gr[k] = r[i];
        ga[k] = a[i];
        gw[k] = w[i];
        anyWeight |= w[i] > 0;
      }
      if (!anyWeight) {
        continue;
      }
      for (int j = 0; j < columns; j++) {
        kept[count * columns + j] = covariates[firstRow[g] * columns + j] + 0.0;
      }
      out[count++] = CustomerHistories.of(gf, gr, ga, gw).compressed();
    }
    return new CovariateGroups(
        columns, Arrays.copyOf(kept, count * columns), Arrays.copyOf(out, count));
  }

  /**
   * The group of each row by covariate row alone: {@code group()[i]} is row i's group, numbered in
   * order of first appearance, and {@code rows()} holds group g's covariate row at {@code g *
   * columns}.
   *
   * @param group each row's group
   * @param rows the groups' rows, row-major (−0 stored as 0)
   * @param count number of groups
   */
  public record Assignment(int[] group, double[] rows, int count) {}

  /**
   * Assigns each of {@code n} rows to the group of its covariate row.
   *
   * @param covariates row-major rows, {@code n * columns} values
   * @param columns the length of a row, &gt; 0
   * @param n number of rows
   */
  public static Assignment assign(double[] covariates, int columns, int n) {
    Checks.positive("columns", columns);
    Checks.sameLength("covariates", covariates.length, "rows * columns", n * columns);
    Map<CovariateRowKey, Integer> index = new HashMap<>();
    int[] group = new int[n];
    double[] rows = new double[Math.max(1, n) * columns];
    for (int i = 0; i < n; i++) {
      CovariateRowKey key = new CovariateRowKey(covariates, i * columns, columns);
      Integer g = index.get(key);
      if (g == null) {
        g = index.size();
        index.put(key, g);
        for (int j = 0; j < columns; j++) {
          rows[g * columns + j] = covariates[i * columns + j] + 0.0;
        }
      }
      group[i] = g;
    }
    int count = index.size();
    return new Assignment(group, Arrays.copyOf(rows, count * columns), count);
  }

  /** Number of groups (distinct covariate rows with customers of positive weight). */
  public int size() {
    return histories.length;
  }

  /** The length of a covariate row. */
  public int columns() {
    return columns;
  }

  /** The groups' covariate rows, row-major: group g's at {@code g * columns()}. Not a copy. */
  public double[] rows() {
    return rows;
  }

  /** Group g's compressed histories. */
  public CustomerHistories histories(int g) {
    return histories[g];
  }

  /** Total distinct (frequency, recency, age, covariate row) patterns. */
  public int patterns() {
    return patterns;
  }
}
