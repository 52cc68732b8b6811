package org.clvkit.models;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.models.covariates.CovariateMatrix;

/**
 * The customer columns every model reads: per customer (or per distinct pattern, with a weight) the
 * number of repeat purchases, the recency and the age; optionally the mean repeat spend (for the
 * Gamma-Gamma) and a row of a {@link CovariateMatrix} (for covariate models). Immutable. The one
 * container of model input: {@link org.clvkit.core.data.CustomerSummaries} (clv-core, which cannot
 * depend on the models) is what a transaction log summarises to, with ids, dates and holdout
 * counts, and {@link #of(CustomerSummaries)} turns it into this.
 *
 * <p>Optionally a {@code litt} column (for the MBG/CNBD-k and BG/CNBD-k of Platzer and Reutterer
 * 2016; BTYDplus's {@code litt}): each row's sum of the logs of its x inter-purchase times,
 * same-day purchases merged, in the same period as recency and age; 0 when x = 0. Attached with
 * {@link #withLitt(double[])}, or by {@link #of(CustomerSummaries)} when the summaries carry it;
 * shifted by {@link #rescaled(double)}; dropped by {@link #compressed()} (so that models which do
 * not read it fit exactly as without it) and kept, as part of the pattern, by {@link
 * #compressedWithLitt()}.
 *
 * <p>In Fader and Hardie's notation {@code frequency} is x (repeat purchases, the first purchase
 * not counted), {@code recency} is t_x (time from the first to the last purchase, 0 when x = 0) and
 * {@code age} is T (time from the first purchase to the end of observation), all in the caller's
 * period. A {@code weight} is the number of customers sharing that pattern (1 by default); the
 * likelihood is a weighted sum over patterns, so {@link #compressed()} data give the same fit as
 * the raw rows, faster.
 *
 * <p>Discrete-time models read the same columns as opportunities (see {@link
 * DiscretePurchaseModel}); the sBG reads x as renewals made in n = age renewal opportunities, with
 * recency = x (see {@link org.clvkit.models.sbg.SbgFitter}).
 *
 * <p>Rules, each checked with a message naming the row: frequency a whole number &gt;= 0; recency
 * and age finite and &gt;= 0; recency &lt;= age; recency = 0 when frequency = 0; weight finite and
 * &gt;= 0; at least one row with a positive weight. The rule on recency is one-sided on purpose: x
 * = 0 with t_x &gt; 0 is a contradiction (with no repeat purchase the last purchase is the first,
 * at time 0) and is rejected; x &gt; 0 with t_x = 0 is accepted as the limit of repeat purchases
 * made at the first-purchase time, where every model's formulas are defined. clvkit's own summaries
 * never produce it (purchases on the same day are merged, so a repeat purchase is at least a day
 * after the first), but the frequency–recency matrices of {@code org.clvkit.models.diagnostics}
 * evaluate that column and data rounded to coarse periods can hold it. Every model checks a history
 * by {@link #validateRow}.
 */
public final class CustomerHistories implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final double[] monetaryValue;
  private final CovariateMatrix covariates;
  private final double[] litt;
  private final double totalWeight;
  private final boolean compressed;

  private CustomerHistories(
      double[] frequency, double[] recency, double[] age, double[] weight, boolean compressed) {
    this(frequency, recency, age, weight, null, null, null, compressed);
  }

  private CustomerHistories(
      double[] frequency,
      double[] recency,
      double[] age,
      double[] weight,
      double[] monetaryValue,
      CovariateMatrix covariates,
      double[] litt,
      boolean compressed) {
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.weight = weight;
    this.monetaryValue = monetaryValue;
    this.covariates = covariates;
    this.litt = litt;
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
      if (!(weights[i] >= 0 && weights[i] < Double.POSITIVE_INFINITY)) {
        // The name is built only for a value to check further: this runs once per row.
        Checks.nonNegative(Checks.indexed("weights", i), weights[i]);
      }
      anyWeight |= weights[i] > 0;
    }
    if (!anyWeight) {
      throw Checks.fail("weights must not all be 0");
    }
    return new CustomerHistories(
        frequency.clone(), recency.clone(), age.clone(), weights.clone(), false);
  }

  /**
   * One row per summarised customer, each with weight 1: frequency, recency, age, the mean repeat
   * spend as monetary value and, when the summaries carry it ({@link CustomerSummaries#hasLitt()}),
   * the litt column.
   *
   * @param summaries customer summaries of a transaction log, at least one customer
   */
  public static CustomerHistories of(CustomerSummaries summaries) {
    Checks.notNull("summaries", summaries);
    CustomerHistories histories =
        of(summaries.frequency(), summaries.recency(), summaries.age())
            .withMonetaryValue(summaries.monetaryValue());
    return summaries.hasLitt() ? histories.withLitt(summaries.litt()) : histories;
  }

  /**
   * These histories with a monetary-value column: the mean value m̄ of each row's repeat purchases
   * (0 without repeat purchases), as the Gamma-Gamma reads it. The array is copied. Not for
   * compressed histories, whose rows stand for customers with different spend.
   *
   * @param values one finite value &gt;= 0 per row
   */
  public CustomerHistories withMonetaryValue(double[] values) {
    if (compressed) {
      throw Checks.fail("monetary values must be attached before compression");
    }
    Checks.notNull("monetaryValue", values);
    Checks.sameLength("monetaryValue", values.length, "frequency", frequency.length);
    Checks.nonNegative("monetaryValue", values);
    return new CustomerHistories(
        frequency, recency, age, weight, values.clone(), covariates, litt, compressed);
  }

  /**
   * These histories with a row of time-invariant covariates per row.
   *
   * @param values one covariate row per row of these histories
   */
  public CustomerHistories withCovariates(CovariateMatrix values) {
    Checks.notNull("covariates", values);
    Checks.sameLength("covariates rows", values.rows(), "frequency", frequency.length);
    return new CustomerHistories(
        frequency, recency, age, weight, monetaryValue, values, litt, compressed);
  }

  /**
   * These histories with a litt column: per row the sum of the logs of its x inter-purchase times
   * (BTYDplus's {@code litt}; see the class comment), in the period of recency and age. The array
   * is copied. Not for compressed histories (attach it before compressing).
   *
   * <p>Rules, each with a message naming the row: finite; 0 when frequency = 0; and, when frequency
   * &gt; 0, recency &gt; 0 and litt &lt;= x ln(t_x / x) (the mean of the logs of x gaps summing to
   * t_x is at most the log of their mean), with a relative allowance of 1e-9 for rounding.
   *
   * @param values one value per row
   */
  public CustomerHistories withLitt(double[] values) {
    if (compressed) {
      throw Checks.fail("litt must be attached before compression");
    }
    Checks.notNull("litt", values);
    Checks.sameLength("litt", values.length, "frequency", frequency.length);
    for (int i = 0; i < values.length; i++) {
      validateLitt(frequency[i], recency[i], values[i], i);
    }
    return new CustomerHistories(
        frequency, recency, age, weight, monetaryValue, covariates, values.clone(), compressed);
  }

  /**
   * Checks one row's litt against its frequency and recency (the rules of {@link
   * #withLitt(double[])}).
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param litt the sum of the logs of the inter-purchase times
   * @param row the row index for the message, or -1 for a single customer
   */
  public static void validateLitt(double frequency, double recency, double litt, int row) {
    String name = row < 0 ? "litt" : Checks.indexed("litt", row);
    Checks.finite(name, litt);
    if (frequency == 0) {
      if (litt != 0) {
        String f = row < 0 ? "frequency" : Checks.indexed("frequency", row);
        throw Checks.fail("%s = %s must be 0 when %s = 0", name, litt, f);
      }
      return;
    }
    String r = row < 0 ? "recency" : Checks.indexed("recency", row);
    if (!(recency > 0)) {
      throw Checks.fail(
          "%s = %s must be > 0 when %s is given (a gap of 0 has no log)", r, recency, name);
    }
    double bound = frequency * Math.log(recency / frequency);
    if (litt > bound + 1e-9 * Math.max(1, Math.abs(bound))) {
      throw Checks.fail(
          "%s = %s must be <= x ln(t_x / x) = %s (x = %s, t_x = %s): gaps summing to t_x cannot"
              + " have a larger sum of logs",
          name, litt, bound, frequency, recency);
    }
  }

  /** Whether a litt column is attached. */
  public boolean hasLitt() {
    return litt != null;
  }

  /**
   * The litt of row {@code i}.
   *
   * @throws org.clvkit.core.ClvArgumentException when no litt column is attached
   */
  public double litt(int i) {
    return requireLitt()[i];
  }

  /**
   * A copy of the litt column.
   *
   * @throws org.clvkit.core.ClvArgumentException when no litt column is attached
   */
  public double[] littColumn() {
    return requireLitt().clone();
  }

  private double[] requireLitt() {
    if (litt == null) {
      throw Checks.fail(
          "litt is required (attach it with withLitt, or summarise with same-day" + " merging)");
    }
    return litt;
  }

  /** Whether a monetary-value column is attached. */
  public boolean hasMonetaryValue() {
    return monetaryValue != null;
  }

  /**
   * Mean repeat spend m̄ of row {@code i}.
   *
   * @throws org.clvkit.core.ClvArgumentException when no monetary-value column is attached
   */
  public double monetaryValue(int i) {
    return requireMonetaryValue()[i];
  }

  /**
   * A copy of the monetary-value column.
   *
   * @throws org.clvkit.core.ClvArgumentException when no monetary-value column is attached
   */
  public double[] monetaryValueColumn() {
    return requireMonetaryValue().clone();
  }

  private double[] requireMonetaryValue() {
    if (monetaryValue == null) {
      throw Checks.fail("monetaryValue is required (attach it with withMonetaryValue)");
    }
    return monetaryValue;
  }

  /** The covariates, if attached. */
  public java.util.Optional<CovariateMatrix> covariates() {
    return java.util.Optional.ofNullable(covariates);
  }

  /**
   * Checks one customer's history with the messages of this class; the batch prediction methods of
   * the models use it so that their errors read the same.
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
   * The distinct (frequency, recency, age, litt) patterns, as {@link #compressed()} but keeping the
   * litt column as part of the pattern (for the models that read it). Without a litt column, the
   * same as {@link #compressed()}.
   */
  public CustomerHistories compressedWithLitt() {
    return compress(litt);
  }

  /**
   * The distinct (frequency, recency, age) patterns, with their covariate rows when covariates are
   * attached, their weights summed, in order of first appearance. Rows with weight 0 are left out.
   * The monetary-value column is not carried over (it would make nearly every row distinct; the
   * Gamma-Gamma compresses (x, m̄) itself), nor is litt (see {@link #compressedWithLitt()}).
   * Returns this object when it is already compressed.
   */
  public CustomerHistories compressed() {
    return compress(null);
  }

  private CustomerHistories compress(double[] litt) {
    if (compressed && (litt == null) == (this.litt == null)) {
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
    double[] l = litt == null ? null : new double[n];
    int[] firstRow = covariates == null ? null : new int[n];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (weight[i] == 0) {
        continue;
      }
      long h = Double.doubleToLongBits(frequency[i]) * 0x9E3779B97F4A7C15L;
      h = (h ^ Double.doubleToLongBits(recency[i] + 0.0)) * 0xC2B2AE3D27D4EB4FL;
      h = (h ^ Double.doubleToLongBits(age[i] + 0.0)) * 0x165667B19E3779F9L;
      if (covariates != null) {
        h = (h ^ hashRow(covariates, i)) * 0xC2B2AE3D27D4EB4FL;
      }
      if (litt != null) {
        h = (h ^ Double.doubleToLongBits(litt[i] + 0.0)) * 0x9E3779B97F4A7C15L;
      }
      int slot = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int j = slots[slot];
        if (j < 0) {
          slots[slot] = distinct;
          f[distinct] = frequency[i];
          r[distinct] = recency[i];
          a[distinct] = age[i];
          w[distinct] = weight[i];
          if (l != null) {
            l[distinct] = litt[i];
          }
          if (firstRow != null) {
            firstRow[distinct] = i;
          }
          distinct++;
          break;
        }
        if (f[j] == frequency[i]
            && r[j] == recency[i]
            && a[j] == age[i]
            && (l == null || l[j] == litt[i])
            && (firstRow == null || sameRow(covariates, firstRow[j], i))) {
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
        null,
        firstRow == null ? null : selectRows(covariates, firstRow, distinct),
        l == null ? null : Arrays.copyOf(l, distinct),
        true);
  }

  /** Whether rows {@code i} and {@code j} of {@code m} are equal in every column. */
  private static boolean sameRow(CovariateMatrix m, int i, int j) {
    int k = m.columns();
    double[] v = m.values();
    return Arrays.equals(v, i * k, i * k + k, v, j * k, j * k + k);
  }

  /** A hash of row {@code i} of {@code m} (-0.0 and 0.0 hash alike, as they compare equal). */
  private static long hashRow(CovariateMatrix m, int i) {
    int k = m.columns();
    double[] v = m.values();
    long h = 0;
    for (int c = i * k; c < i * k + k; c++) {
      h = (h ^ Double.doubleToLongBits(v[c] + 0.0)) * 0x9E3779B97F4A7C15L;
    }
    return h;
  }

  /** The rows {@code rows[0..count)} of {@code m}, in that order. */
  private static CovariateMatrix selectRows(CovariateMatrix m, int[] rows, int count) {
    int k = m.columns();
    double[] v = m.values();
    double[] out = new double[count * k];
    for (int r = 0; r < count; r++) {
      System.arraycopy(v, rows[r] * k, out, r * k, k);
    }
    return CovariateMatrix.of(m.names(), out);
  }

  /**
   * These histories with every time divided by {@code factor} (recency and age in periods of {@code
   * factor} old periods; litt, a sum of x logs of times, becomes litt - x ln(factor)). Models fit
   * on rescaled time for numerical conditioning and map the parameters back.
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
    double[] l = null;
    if (litt != null) {
      double shift = Math.log(factor);
      l = litt.clone();
      for (int i = 0; i < l.length; i++) {
        l[i] -= frequency[i] * shift;
      }
    }
    return new CustomerHistories(frequency, r, a, weight, monetaryValue, covariates, l, compressed);
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
