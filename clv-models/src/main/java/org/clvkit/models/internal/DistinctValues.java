package org.clvkit.models.internal;

import java.util.Arrays;

/**
 * The distinct values of a column, and the distinct pairs of two index columns, by open addressing:
 * what the likelihood kernels use to compute the terms that depend on one value (or one pair) once
 * per evaluation instead of once per pattern. Not API.
 */
public final class DistinctValues {
  private DistinctValues() {}

  /**
   * The distinct values of {@code column} in order of first appearance ({@code -0.0} counted as
   * {@code 0.0}), with each row's index into them written to {@code index}.
   *
   * @param column the values
   * @param index receives, for each row, the position of its value in the result; length &gt;= the
   *     column's
   */
  public static double[] of(double[] column, int[] index) {
    int n = column.length;
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    double[] values = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      double v = column[i] + 0.0;
      long h = Double.doubleToLongBits(v) * 0x9E3779B97F4A7C15L;
      int slot = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int j = slots[slot];
        if (j < 0) {
          slots[slot] = count;
          values[count] = v;
          index[i] = count;
          count++;
          break;
        }
        if (values[j] == v) {
          index[i] = j;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return Arrays.copyOf(values, count);
  }

  /**
   * The distinct values of {@code column} in ascending order, with each row's index into them
   * written to {@code index} (so that indices compare as the values do).
   *
   * @param column the values, not NaN
   * @param index receives, for each row, the position of its value in the result
   */
  public static double[] sorted(double[] column, int[] index) {
    double[] values = of(column, index);
    double[] ascending = values.clone();
    Arrays.sort(ascending);
    int[] rank = new int[values.length];
    for (int k = 0; k < values.length; k++) {
      rank[k] = Arrays.binarySearch(ascending, values[k]);
    }
    for (int i = 0; i < column.length; i++) {
      index[i] = rank[index[i]];
    }
    return ascending;
  }

  /**
   * {@code order} stably sorted by {@code key[order[k]]} (a counting sort): applied for the least
   * significant key first and the most significant last, it sorts rows by several keys.
   *
   * @param order a permutation of row numbers
   * @param key each row's key, in {@code [0, keys)}
   * @param keys the number of distinct keys
   * @return the sorted permutation (a new array)
   */
  public static int[] sortStably(int[] order, int[] key, int keys) {
    int[] start = new int[keys + 1];
    for (int row : order) {
      start[key[row] + 1]++;
    }
    for (int k = 0; k < keys; k++) {
      start[k + 1] += start[k];
    }
    int[] out = new int[order.length];
    for (int row : order) {
      out[start[key[row]]++] = row;
    }
    return out;
  }

  /**
   * The distinct pairs {@code (first[i], second[i])} of two non-negative index columns, in order of
   * first appearance, as codes {@code first · 2^32 + second}; rows where {@code include[i]} is
   * false get index -1 and add no pair.
   *
   * @param first first indices, &gt;= 0
   * @param second second indices, &gt;= 0
   * @param include which rows take part, or null for all
   * @param index receives each row's position in the result, or -1
   */
  public static long[] pairs(int[] first, int[] second, boolean[] include, int[] index) {
    int n = first.length;
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    long[] codes = new long[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (include != null && !include[i]) {
        index[i] = -1;
        continue;
      }
      long code = ((long) first[i] << 32) | second[i];
      long h = code * 0x9E3779B97F4A7C15L;
      int slot = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int j = slots[slot];
        if (j < 0) {
          slots[slot] = count;
          codes[count] = code;
          index[i] = count;
          count++;
          break;
        }
        if (codes[j] == code) {
          index[i] = j;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return Arrays.copyOf(codes, count);
  }
}
