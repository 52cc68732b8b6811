package org.clvkit.models.cnbd;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.DistinctValues;

/**
 * The data of the (M)BG/CNBD-k likelihood, built once and shared by the fits at every k of the
 * grid: the distinct (x, t_x, T) patterns (litt enters the likelihood only through Σ w litt, so the
 * patterns do not carry it and data rounded to days compress as for the other models), sorted by
 * (x, T, t_x) for the memory's sake, with indices into the distinct frequencies and the distinct
 * times (recencies and ages together), whose terms an evaluation computes once each. Immutable.
 */
final class CnbdPatterns {
  final int size;
  final double[] frequency;
  final double[] recency;
  final double[] age;
  final double[] weight;
  final double customers;
  final double purchases;
  final double maxAge;

  /** Distinct frequencies, ascending. */
  final double[] frequencies;

  /** Distinct recencies and ages together, ascending. */
  final double[] times;

  final int[] frequencyIndex;
  final int[] recencyIndex;
  final int[] ageIndex;

  private CnbdPatterns(CustomerHistories data) {
    CustomerHistories patterns = data.compressed();
    int n = patterns.size();
    this.size = n;
    double[] f = patterns.frequencyColumn();
    double[] r = patterns.recencyColumn();
    double[] a = patterns.ageColumn();
    double[] w = patterns.weightColumn();
    int[] frequencyRank = new int[n];
    this.frequencies = DistinctValues.sorted(f, frequencyRank);
    double[] both = new double[2 * n];
    System.arraycopy(r, 0, both, 0, n);
    System.arraycopy(a, 0, both, n, n);
    int[] timeRank = new int[2 * n];
    this.times = DistinctValues.sorted(both, timeRank);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] recencyRank = java.util.Arrays.copyOfRange(timeRank, 0, n);
    int[] ageRank = java.util.Arrays.copyOfRange(timeRank, n, 2 * n);
    order = DistinctValues.sortStably(order, recencyRank, times.length);
    order = DistinctValues.sortStably(order, ageRank, times.length);
    order = DistinctValues.sortStably(order, frequencyRank, frequencies.length);
    this.frequency = new double[n];
    this.recency = new double[n];
    this.age = new double[n];
    this.weight = new double[n];
    this.frequencyIndex = new int[n];
    this.recencyIndex = new int[n];
    this.ageIndex = new int[n];
    double total = 0;
    double bought = 0;
    double oldest = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      frequency[k] = f[i];
      recency[k] = r[i];
      age[k] = a[i];
      weight[k] = w[i];
      frequencyIndex[k] = frequencyRank[i];
      recencyIndex[k] = recencyRank[i];
      ageIndex[k] = ageRank[i];
      total += w[i];
      bought += w[i] * f[i];
      oldest = Math.max(oldest, a[i]);
    }
    this.customers = total;
    this.purchases = bought;
    this.maxAge = oldest;
  }

  /** The patterns of {@code data} (compressed here; litt is not part of a pattern). */
  static CnbdPatterns of(CustomerHistories data) {
    return new CnbdPatterns(data);
  }
}
