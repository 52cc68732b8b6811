package org.clvkit.models.internal;

import java.util.Arrays;
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
    Patterns p = patterns(data, covariates, columns);
    double[] kept = new double[p.groups() * columns];
    CustomerHistories[] out = new CustomerHistories[p.groups()];
    int count = 0;
    for (int g = 0; g < p.groups(); g++) {
      int from = p.start()[g];
      int to = p.start()[g + 1];
      if (from == to) {
        continue; // every customer of the row has weight 0
      }
      System.arraycopy(p.rows(), g * columns, kept, count * columns, columns);
      out[count++] =
          CustomerHistories.of(
                  Arrays.copyOfRange(p.frequency(), from, to),
                  Arrays.copyOfRange(p.recency(), from, to),
                  Arrays.copyOfRange(p.age(), from, to),
                  Arrays.copyOfRange(p.weight(), from, to))
              .compressed();
    }
    return new CovariateGroups(
        columns, Arrays.copyOf(kept, count * columns), Arrays.copyOf(out, count));
  }

  /**
   * The distinct (frequency, recency, age, covariate row) patterns of customers with positive
   * weight, with their summed weights, ordered by group (groups numbered in order of first
   * appearance of their covariate row over all rows) and within a group in order of first
   * appearance: group g's patterns are {@code start[g] .. start[g+1] − 1} (empty when all its
   * customers have weight 0). Weights are summed in row order, so the patterns and weights equal,
   * bit for bit, those of compressing each group's rows separately.
   *
   * @param frequency pattern frequencies
   * @param recency pattern recencies
   * @param age pattern ages
   * @param weight summed weights
   * @param start group g's patterns start at {@code start[g]}; length groups + 1
   * @param rows the groups' covariate rows, row-major (−0 stored as 0)
   * @param groups number of distinct covariate rows
   */
  public record Patterns(
      double[] frequency,
      double[] recency,
      double[] age,
      double[] weight,
      int[] start,
      double[] rows,
      int groups) {}

  /**
   * Groups the customers by covariate row and compresses each group, with open-addressing tables of
   * primitive arrays: no allocation per customer.
   *
   * @param data the customers' histories
   * @param covariates row-major covariate rows aligned with {@code data}'s rows
   * @param columns the length of a row, &gt; 0
   */
  public static Patterns patterns(CustomerHistories data, double[] covariates, int columns) {
    Checks.notNull("data", data);
    int n = data.size();
    Assignment assignment = assign(covariates, columns, n);
    int[] rowGroup = assignment.group();
    int groups = assignment.count();
    double[] f = data.frequencyColumn();
    double[] r = data.recencyColumn();
    double[] a = data.ageColumn();
    double[] w = data.weightColumn();
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    double[] pf = new double[n];
    double[] pr = new double[n];
    double[] pa = new double[n];
    double[] pw = new double[n];
    int[] pg = new int[n];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (w[i] == 0) {
        continue;
      }
      int g = rowGroup[i];
      long h = Double.doubleToLongBits(f[i]) * 0x9E3779B97F4A7C15L;
      h = (h ^ Double.doubleToLongBits(r[i] + 0.0)) * 0xC2B2AE3D27D4EB4FL;
      h = (h ^ Double.doubleToLongBits(a[i] + 0.0)) * 0x165667B19E3779F9L;
      h = (h ^ g) * 0xC2B2AE3D27D4EB4FL;
      int slot = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int j = slots[slot];
        if (j < 0) {
          slots[slot] = distinct;
          pf[distinct] = f[i];
          pr[distinct] = r[i];
          pa[distinct] = a[i];
          pw[distinct] = w[i];
          pg[distinct] = g;
          distinct++;
          break;
        }
        if (pg[j] == g && pf[j] == f[i] && pr[j] == r[i] && pa[j] == a[i]) {
          pw[j] += w[i];
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    int[] start = new int[groups + 1];
    for (int k = 0; k < distinct; k++) {
      start[pg[k] + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      start[g + 1] += start[g];
    }
    int[] fill = Arrays.copyOf(start, groups);
    double[] sf = new double[distinct];
    double[] sr = new double[distinct];
    double[] sa = new double[distinct];
    double[] sw = new double[distinct];
    for (int k = 0; k < distinct; k++) {
      int at = fill[pg[k]]++;
      sf[at] = pf[k];
      sr[at] = pr[k];
      sa[at] = pa[k];
      sw[at] = pw[k];
    }
    return new Patterns(sf, sr, sa, sw, start, assignment.rows(), groups);
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
    Checks.notNull("covariates", covariates);
    Checks.positive("columns", columns);
    Checks.sameLength("covariates", covariates.length, "rows * columns", n * columns);
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    int[] group = new int[n];
    int[] first = new int[Math.max(1, n)];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int offset = i * columns;
      long h = 1;
      for (int j = 0; j < columns; j++) {
        h = (h ^ Double.doubleToLongBits(covariates[offset + j] + 0.0)) * 0x9E3779B97F4A7C15L;
      }
      int slot = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int g = slots[slot];
        if (g < 0) {
          slots[slot] = count;
          first[count] = i;
          group[i] = count++;
          break;
        }
        if (sameRow(covariates, first[g] * columns, offset, columns)) {
          group[i] = g;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    double[] rows = new double[count * columns];
    for (int g = 0; g < count; g++) {
      for (int j = 0; j < columns; j++) {
        rows[g * columns + j] = covariates[first[g] * columns + j] + 0.0;
      }
    }
    return new Assignment(group, rows, count);
  }

  /** Whether two rows are equal bit for bit, −0 taken as 0. */
  private static boolean sameRow(double[] values, int a, int b, int columns) {
    for (int j = 0; j < columns; j++) {
      if (Double.doubleToLongBits(values[a + j] + 0.0)
          != Double.doubleToLongBits(values[b + j] + 0.0)) {
        return false;
      }
    }
    return true;
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
