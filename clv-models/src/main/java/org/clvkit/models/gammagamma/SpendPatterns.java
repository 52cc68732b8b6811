package org.clvkit.models.gammagamma;

import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.models.internal.PatternSample;

/**
 * The fitting data of the Gamma-Gamma model: the repeat customers' distinct (frequency, mean spend)
 * patterns with their weights, grouped by frequency so that the likelihood evaluates the log-gamma
 * terms once per distinct frequency and needs one logarithm per pattern. Immutable once built.
 */
final class SpendPatterns {
  /** Distinct frequencies x_g, ascending. */
  final double[] groupFrequency;

  /** Patterns of group g are {@code [groupStart[g], groupStart[g + 1])}. */
  final int[] groupStart;

  /** Σ w over the patterns of each group. */
  final double[] groupWeight;

  /** Σ w log m̄ over the patterns of each group. */
  final double[] groupLogSpend;

  /** x m̄ per pattern (the customer's total repeat spend). */
  final double[] totalSpend;

  /** Weight per pattern. */
  final double[] weight;

  /** log m̄ per pattern. */
  final double[] logSpend;

  /** Σ w over the repeat customers. */
  final double customers;

  /** Σ w over the rows left out (no repeat transaction with a positive value). */
  final double leftOut;

  /**
   * The weighted geometric mean of m̄ over the repeat customers (finite for any finite spends), the
   * money scale of the optimisation.
   */
  final double meanSpend;

  private SpendPatterns(
      double[] groupFrequency,
      int[] groupStart,
      double[] groupWeight,
      double[] groupLogSpend,
      double[] totalSpend,
      double[] weight,
      double[] logSpend,
      double customers,
      double leftOut,
      double meanSpend) {
    this.groupFrequency = groupFrequency;
    this.groupStart = groupStart;
    this.groupWeight = groupWeight;
    this.groupLogSpend = groupLogSpend;
    this.totalSpend = totalSpend;
    this.weight = weight;
    this.logSpend = logSpend;
    this.customers = customers;
    this.leftOut = leftOut;
    this.meanSpend = meanSpend;
  }

  /** Number of distinct (x, m̄) patterns. */
  int patterns() {
    return weight.length;
  }

  /**
   * Validates the columns, leaves out the rows without a positive repeat spend (counting their
   * weight), compresses identical (x, m̄) rows and groups them by x.
   *
   * @param weights the number of customers per row, or null for one each
   */
  static SpendPatterns of(double[] frequency, double[] monetaryValue, double[] weights) {
    validate(frequency, monetaryValue, weights);
    int n = frequency.length;

    // Compress identical (x, m̄) rows of repeat customers; count the rest. The hash table grows
    // with the number of distinct patterns (kept at most half full), not with the number of rows,
    // so that it stays in cache when many customers share few patterns.
    int capacity = 1 << 10;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    int room = Math.min(n, 1 << 9);
    double[] x = new double[room];
    double[] m = new double[room];
    double[] w = new double[room];
    int k = 0;
    double leftOut = 0;
    for (int i = 0; i < n; i++) {
      double wi = weights == null ? 1 : weights[i];
      if (wi == 0) {
        continue;
      }
      double xi = frequency[i];
      double mi = monetaryValue[i];
      if (xi == 0 || mi == 0) {
        leftOut += wi;
        continue;
      }
      int mask = capacity - 1;
      int slot = hash(xi, mi) & mask;
      while (true) {
        int j = slots[slot];
        if (j < 0) {
          if (k == room) {
            room = (int) Math.min(n, 2L * room);
            x = Arrays.copyOf(x, room);
            m = Arrays.copyOf(m, room);
            w = Arrays.copyOf(w, room);
          }
          slots[slot] = k;
          x[k] = xi;
          m[k] = mi;
          w[k] = wi;
          k++;
          if (2 * k > capacity) {
            capacity *= 2;
            slots = rehash(x, m, k, capacity);
          }
          break;
        }
        if (x[j] == xi && m[j] == mi) {
          w[j] += wi;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    if (k == 0) {
      throw Checks.fail(
          "no repeat customers to fit: every row has frequency = 0, monetaryValue = 0 or weight 0");
    }

    // Group the patterns by frequency, groups in ascending order of x.
    double[] distinct = Arrays.copyOf(x, k);
    Arrays.sort(distinct);
    int groups = 0;
    for (int i = 0; i < k; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        distinct[groups++] = distinct[i];
      }
    }
    double[] groupFrequency = Arrays.copyOf(distinct, groups);
    int[] group = new int[k];
    int[] groupStart = new int[groups + 1];
    for (int i = 0; i < k; i++) {
      group[i] = Arrays.binarySearch(groupFrequency, x[i]);
      groupStart[group[i] + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      groupStart[g + 1] += groupStart[g];
    }
    int[] next = Arrays.copyOf(groupStart, groups);
    double[] totalSpend = new double[k];
    double[] weight = new double[k];
    double[] logSpend = new double[k];
    double[] groupWeight = new double[groups];
    double[] groupLogSpend = new double[groups];
    double customers = 0;
    for (int i = 0; i < k; i++) {
      int g = group[i];
      int at = next[g]++;
      totalSpend[at] = x[i] * m[i];
      weight[at] = w[i];
      logSpend[at] = Math.log(m[i]);
      groupWeight[g] += w[i];
      groupLogSpend[g] += w[i] * logSpend[at];
      customers += w[i];
    }
    return new SpendPatterns(
        groupFrequency,
        groupStart,
        groupWeight,
        groupLogSpend,
        totalSpend,
        weight,
        logSpend,
        customers,
        leftOut,
        Math.exp(sumOf(groupLogSpend) / customers));
  }

  /**
   * These patterns' seeded sample of about {@code size} patterns, with weights scaled to stand for
   * all the customers ({@link PatternSample}); the money scale is this data's.
   */
  SpendPatterns sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(weight, size, seed);
    int k = sample.size();
    double[] sampledSpend = sample.select(totalSpend);
    double[] sampledLogSpend = sample.select(logSpend);
    double[] sampledWeight = sample.weights();
    int groups = groupFrequency.length;
    int[] start = new int[groups + 1];
    double[] groupW = new double[groups];
    double[] groupLog = new double[groups];
    double total = 0;
    int g = 0;
    for (int j = 0; j < k; j++) {
      int row = sample.row(j); // ascending, so the groups stay in order
      while (row >= groupStart[g + 1]) {
        g++;
      }
      start[g + 1]++;
      groupW[g] += sampledWeight[j];
      groupLog[g] += sampledWeight[j] * sampledLogSpend[j];
      total += sampledWeight[j];
    }
    for (int h = 0; h < groups; h++) {
      start[h + 1] += start[h];
    }
    return new SpendPatterns(
        groupFrequency,
        start,
        groupW,
        groupLog,
        sampledSpend,
        sampledWeight,
        sampledLogSpend,
        total,
        0,
        meanSpend);
  }

  /**
   * Checks the spend columns: frequency whole numbers &gt;= 0, monetary values finite and &gt;= 0,
   * weights (when not null) finite and &gt;= 0, all of one length.
   */
  static void validate(double[] frequency, double[] monetaryValue, double[] weights) {
    Checks.notEmpty("frequency", frequency);
    Checks.notNull("monetaryValue", monetaryValue);
    int n = frequency.length;
    Checks.sameLength("monetaryValue", monetaryValue.length, "frequency", n);
    if (weights != null) {
      Checks.sameLength("weights", weights.length, "frequency", n);
    }
    for (int i = 0; i < n; i++) {
      double f = frequency[i];
      double m = monetaryValue[i];
      double w = weights == null ? 1 : weights[i];
      // Fast acceptance; the messages are built only for a row that fails.
      if (!(f >= 0
          && f < Double.POSITIVE_INFINITY
          && f == Math.rint(f)
          && m >= 0
          && m < Double.POSITIVE_INFINITY
          && w >= 0
          && w < Double.POSITIVE_INFINITY)) {
        Checks.count(Checks.indexed("frequency", i), f);
        Checks.nonNegative(Checks.indexed("monetaryValue", i), m);
        Checks.nonNegative(Checks.indexed("weights", i), w);
      }
    }
  }

  /** Mixes both keys into every bit (MurmurHash3's 64-bit finaliser). */
  private static int hash(double x, double m) {
    long h = Double.doubleToLongBits(x) * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(m);
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h;
  }

  private static int[] rehash(double[] x, double[] m, int k, int capacity) {
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    for (int j = 0; j < k; j++) {
      int slot = hash(x[j], m[j]) & mask;
      while (slots[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = j;
    }
    return slots;
  }

  private static double sumOf(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }
}
