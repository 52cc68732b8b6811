package org.clvkit.models;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;

/**
 * The input of the continuous-time customer-base models: per customer (or per distinct pattern, with a
 * weight) the number of repeat purchases, the recency and the age. Immutable.
 *
 * <p>In Fader and Hardie's notation {@code frequency} is x (repeat purchases, the first purchase not
 * counted), {@code recency} is t_x (time from the first to the last purchase, 0 when x = 0) and {@code age}
 * is T (time from the first purchase to the end of observation), all in the caller's period. A {@code
 * weight} is the number of customers sharing that pattern (1 by default); the likelihood is a weighted sum
 * over patterns, so {@link #compressed()} data give the same fit as the raw rows, faster.
 *
 * <p>Rules, each checked with a message naming the row: frequency a whole number &gt;= 0; recency and age
 * finite and &gt;= 0; recency &lt;= age; recency = 0 when frequency = 0; weight finite and &gt;= 0; at
 * least one row with a positive weight.
 */
public final class CustomerHistories implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final double totalWeight;
  private final boolean compressed;

  private CustomerHistories(
      double[] frequency, double[] recency, double[] age, double[] weight, boolean compressed) {
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.weight = weight;
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    this.totalWeight = total;
    this.compressed = compressed;
  }

  /**
   * One row per customer, each with weight 1. The arrays are copied.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  public static CustomerHistories of(double[] frequency, double[] recency, double[] age) {
    Checks.notEmpty("frequency", frequency);
    double[] weights = new double[frequency.length];
    Arrays.fill(weights, 1.0);
    return of(frequency, recency, age, weights);
  }

  /**
   * One row per customer pattern with the number of customers sharing it. The arrays are copied.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @param weights number of customers with that pattern
   */
  public static CustomerHistories of(
      double[] frequency, double[] recency, double[] age, double[] weights) {
    Checks.notEmpty("frequency", frequency);
    Checks.notNull("recency", recency);
    Checks.notNull("age", age);
    Checks.notNull("weights", weights);
    int n = frequency.length;
    Checks.sameLength("recency", recency.length, "frequency", n);
    Checks.sameLength("age", age.length, "frequency", n);
    Checks.sameLength("weights", weights.length, "frequency", n);
    boolean anyWeight = false;
    for (int i = 0; i < n; i++) {
      validateRow(frequency[i], recency[i], age[i], i);
      Checks.nonNegative(Checks.indexed("weights", i), weights[i]);
      anyWeight |= weights[i] > 0;
    }
    if (!anyWeight) {
      throw Checks.fail("weights must not all be 0");
    }
    return new CustomerHistories(
        frequency.clone(), recency.clone(), age.clone(), weights.clone(), false);
  }

  /**
   * Checks one customer's history with the messages of this class; the batch prediction methods of the
   * models use it so that their errors read the same.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @param row the row index for the message, or -1 for a single customer (no index in the message)
   */
  public static void validateRow(double frequency, double recency, double age, int row) {
    boolean valid =
        frequency >= 0
            && frequency == Math.rint(frequency)
            && frequency != Double.POSITIVE_INFINITY
            && recency >= 0
            && recency <= age
            && age != Double.POSITIVE_INFINITY
            && (frequency != 0 || recency == 0);
    if (!valid) {
      // Names are built only on failure: the batch methods call this once per row.
      String f = row < 0 ? "frequency" : Checks.indexed("frequency", row);
      String r = row < 0 ? "recency" : Checks.indexed("recency", row);
      String a = row < 0 ? "age" : Checks.indexed("age", row);
      Checks.count(f, frequency);
      Checks.nonNegative(r, recency);
      Checks.nonNegative(a, age);
      Checks.atMost(r, recency, a, age);
      throw Checks.fail("%s = %s must be 0 when %s = 0", r, recency, f);
    }
  }

  /**
   * The distinct (frequency, recency, age) patterns with their weights summed, in order of first
   * appearance. Rows with weight 0 are left out. Returns this object when it is already compressed.
   */
  public CustomerHistories compressed() {
    if (compressed) {
      return this;
    }
    int n = frequency.length;
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    double[] w = new double[n];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (weight[i] == 0) {
        continue;
      }
      long h = Double.doubleToLongBits(frequency[i]) * 0x9E3779B97F4A7C15L;
      h = (h ^ Double.doubleToLongBits(recency[i] + 0.0)) * 0xC2B2AE3D27D4EB4FL;
      h = (h ^ Double.doubleToLongBits(age[i] + 0.0)) * 0x165667B19E3779F9L;
      int slot = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int j = slots[slot];
        if (j < 0) {
          slots[slot] = distinct;
          f[distinct] = frequency[i];
          r[distinct] = recency[i];
          a[distinct] = age[i];
          w[distinct] = weight[i];
          distinct++;
          break;
        }
        if (f[j] == frequency[i] && r[j] == recency[i] && a[j] == age[i]) {
          w[j] += weight[i];
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return new CustomerHistories(
        Arrays.copyOf(f, distinct),
        Arrays.copyOf(r, distinct),
        Arrays.copyOf(a, distinct),
        Arrays.copyOf(w, distinct),
        true);
  }

  /**
   * These histories with every time divided by {@code factor} (recency and age in periods of {@code factor}
   * old periods). Models fit on rescaled time for numerical conditioning and map the parameters back.
   *
   * @param factor the new period length in old periods, finite and &gt; 0
   */
  public CustomerHistories rescaled(double factor) {
    Checks.positive("factor", factor);
    double[] r = recency.clone();
    double[] a = age.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] /= factor;
      a[i] /= factor;
    }
    return new CustomerHistories(frequency, r, a, weight, compressed);
  }

  /** Number of rows (patterns when compressed). */
  public int size() {
    return frequency.length;
  }

  /** Whether the rows are distinct patterns (the result of {@link #compressed()}). */
  public boolean isCompressed() {
    return compressed;
  }

  /** Sum of the weights: the number of customers. */
  public double totalWeight() {
    return totalWeight;
  }

  /** Repeat purchases x of row {@code i}. */
  public double frequency(int i) {
    return frequency[i];
  }

  /** Recency t_x of row {@code i}. */
  public double recency(int i) {
    return recency[i];
  }

  /** Age T of row {@code i}. */
  public double age(int i) {
    return age[i];
  }

  /** Weight (number of customers) of row {@code i}. */
  public double weight(int i) {
    return weight[i];
  }

  /** The largest age. */
  public double maxAge() {
    double max = 0;
    for (double v : age) {
      max = Math.max(max, v);
    }
    return max;
  }

  /** A copy of the frequency column. */
  public double[] frequencyColumn() {
    return frequency.clone();
  }

  /** A copy of the recency column. */
  public double[] recencyColumn() {
    return recency.clone();
  }

  /** A copy of the age column. */
  public double[] ageColumn() {
    return age.clone();
  }

  /** A copy of the weight column. */
  public double[] weightColumn() {
    return weight.clone();
  }
}
