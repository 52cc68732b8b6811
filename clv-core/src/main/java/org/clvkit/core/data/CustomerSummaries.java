package org.clvkit.core.data;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.Checks;

/**
 * The per-customer summaries of a transaction log, as columns for the models' batch methods and as
 * {@link CustomerSummary} rows, with the holdout purchases when the options define a holdout and
 * everything that was left out. Made by {@link SummaryAccumulator#result()}. Immutable and
 * thread-safe; column accessors return copies, the per-row accessors ({@link #frequency(int)}, ...)
 * read without copying.
 *
 * <p>Row {@code i} is customer {@link #customerId(int)}; times are in periods of {@link
 * SummaryOptions#timeScale()}. In Fader and Hardie's notation {@link #frequency()} is x, {@link
 * #recency()} is t_x (first to last purchase, not time since the last one) and {@link #age()} is T.
 */
public final class CustomerSummaries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SummaryOptions options;

  /** The ids as strings, or null when they are kept as longs ({@link #longIds}). */
  private final String[] ids;

  /**
   * The ids as numbers when every customer was given a {@code long} id, or null; their strings
   * ({@link Long#toString(long)}) are made on demand.
   */
  private final long[] longIds;

  private final int size;
  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] monetaryValue;
  private final double[] totalSpend;
  private final long[] firstPurchase;
  private final long[] lastPurchase;
  private final double[] holdoutPurchases;
  private final double[] holdoutSpend;

  /** The sum of log inter-purchase times per row, or null without same-day merging. */
  private final double[] litt;

  private final String[] holdoutOnlyIds;
  private final long holdoutOnlyPurchases;
  private final double holdoutOnlySpend;
  private final long rows;
  private final PolicyCounts policyCounts;

  /** Built on first use by {@link #indexOf(String)}; a benign race builds equal copies. */
  private transient volatile CustomerIndex lookup;

  /** The strings of {@link #longIds}, made on first use by {@link #customerIds()}. */
  private transient volatile List<String> idList;

  CustomerSummaries(
      SummaryOptions options,
      String[] ids,
      long[] longIds,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] monetaryValue,
      double[] totalSpend,
      long[] firstPurchase,
      long[] lastPurchase,
      double[] holdoutPurchases,
      double[] holdoutSpend,
      double[] litt,
      String[] holdoutOnlyIds,
      long holdoutOnlyPurchases,
      double holdoutOnlySpend,
      long rows,
      PolicyCounts policyCounts) {
    this.options = options;
    this.ids = ids;
    this.longIds = longIds;
    this.size = ids != null ? ids.length : longIds.length;
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.monetaryValue = monetaryValue;
    this.totalSpend = totalSpend;
    this.firstPurchase = firstPurchase;
    this.lastPurchase = lastPurchase;
    this.holdoutPurchases = holdoutPurchases;
    this.holdoutSpend = holdoutSpend;
    this.litt = litt;
    this.holdoutOnlyIds = holdoutOnlyIds;
    this.holdoutOnlyPurchases = holdoutOnlyPurchases;
    this.holdoutOnlySpend = holdoutOnlySpend;
    this.rows = rows;
    this.policyCounts = policyCounts;
  }

  /** The options the summaries were made with. */
  public SummaryOptions options() {
    return options;
  }

  /** The number of customers with calibration purchases, that is of rows. */
  public int size() {
    return size;
  }

  /** The id of row {@code i}. */
  public String customerId(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return id(i);
  }

  private String id(int i) {
    return ids != null ? ids[i] : Long.toString(longIds[i]);
  }

  /** The ids of all rows, in row order (an unmodifiable list). */
  public List<String> customerIds() {
    if (ids != null) {
      return List.of(ids);
    }
    List<String> list = idList;
    if (list == null) {
      String[] strings = new String[size];
      for (int i = 0; i < size; i++) {
        strings[i] = Long.toString(longIds[i]);
      }
      list = List.of(strings);
      idList = list;
    }
    return list;
  }

  /** The row of customer {@code id}, or -1 when the customer has no calibration purchase. */
  public int indexOf(String id) {
    Checks.notNull("id", id);
    CustomerIndex table = lookup;
    if (table == null) {
      table = new CustomerIndex(size);
      for (int i = 0; i < size; i++) {
        if (ids != null) {
          table.add(ids[i]);
        } else {
          table.add(longIds[i]);
        }
      }
      lookup = table;
    }
    return table.find(id);
  }

  /** Repeat purchases x per row: calibration purchases less the first. */
  public double[] frequency() {
    return frequency.clone();
  }

  /** Recency t_x per row: periods from the first to the last calibration purchase; 0 when x = 0. */
  public double[] recency() {
    return recency.clone();
  }

  /** Age T per row: periods from the first purchase to the calibration end. */
  public double[] age() {
    return age.clone();
  }

  /** Mean value of the repeat calibration purchases per row; 0 when x = 0. */
  public double[] monetaryValue() {
    return monetaryValue.clone();
  }

  /** Value of all calibration purchases per row, the first included. */
  public double[] totalSpend() {
    return totalSpend.clone();
  }

  /** Calibration purchases per row, the first included (x + 1). */
  public int[] purchaseCount() {
    int[] out = new int[frequency.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) frequency[i] + 1;
    }
    return out;
  }

  /**
   * Time of row {@code i}'s first purchase (the start of the day when merging same-day purchases).
   */
  public LocalDateTime firstPurchase(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return SummaryAccumulator.time(firstPurchase[i]);
  }

  /** Time of row {@code i}'s last calibration purchase. */
  public LocalDateTime lastPurchase(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return SummaryAccumulator.time(lastPurchase[i]);
  }

  /**
   * {@link #firstPurchase(int)} as seconds since 1970-01-01T00:00 ({@code
   * LocalDateTime.toEpochSecond(ZoneOffset.UTC)}); allocates nothing.
   */
  public long firstPurchaseEpochSecond(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return firstPurchase[i];
  }

  /** {@link #lastPurchase(int)} as seconds since 1970-01-01T00:00; allocates nothing. */
  public long lastPurchaseEpochSecond(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return lastPurchase[i];
  }

  /**
   * Periods from each row's last calibration purchase to {@code asOf}, the "recency" of RFM
   * analysis (not the t_x of {@link #recency()}).
   *
   * @param asOf the reference time, not before the calibration end
   * @return one value &gt;= 0 per row
   */
  public double[] timeSinceLastPurchase(LocalDateTime asOf) {
    Checks.notNull("asOf", asOf);
    Checks.notBefore("asOf", asOf, "calibrationEnd", options.calibrationEnd());
    long end = asOf.toEpochSecond(ZoneOffset.UTC);
    double period = options.timeScale().seconds();
    double[] out = new double[size];
    for (int i = 0; i < out.length; i++) {
      out[i] = (end - lastPurchase[i]) / period;
    }
    return out;
  }

  /** Whether the options define a holdout period. */
  public boolean hasHoldout() {
    return options.hasHoldout();
  }

  /** The holdout length in periods; 0 without holdout. */
  public double holdoutLength() {
    return options.holdoutLength();
  }

  /**
   * Purchases per row after the calibration end, up to the observation end; all 0 without holdout.
   */
  public double[] holdoutPurchases() {
    return holdoutPurchases.clone();
  }

  /** Value of those holdout purchases per row. */
  public double[] holdoutSpend() {
    return holdoutSpend.clone();
  }

  /**
   * Whether the summaries carry {@link #litt()}: they do when made with same-day merging ({@link
   * SummaryOptions#mergeSameDay()}, the default).
   */
  public boolean hasLitt() {
    return litt != null;
  }

  /**
   * The sum of the logs of the inter-purchase times per row, BTYDplus's {@code litt} (Platzer and
   * Reutterer 2016, the MBG/CNBD-k and BG/CNBD-k likelihoods; BTYDplus {@code elog2cbs}): for a
   * customer with distinct calibration purchase days t_0 &lt; t_1 &lt; ... &lt; t_x (same-day
   * purchases merged), the sum over j = 1..x of ln(t_j - t_{j-1}), the times in periods of {@link
   * SummaryOptions#timeScale()}; 0 when x = 0. It can be negative (gaps shorter than a period) and
   * is at most x ln(t_x / x) (the logs' mean is at most the log of the gaps' mean).
   *
   * @throws org.clvkit.core.ClvArgumentException when the summaries were made without same-day
   *     merging, where tied purchases would have gaps of 0 ({@link #hasLitt()} is then false)
   */
  public double[] litt() {
    if (litt == null) {
      throw Checks.fail(
          "litt needs same-day merging (SummaryOptions.mergeSameDay), these summaries were made"
              + " without it");
    }
    return litt.clone();
  }

  /** Repeat purchases x of row {@code i} (as {@link #frequency()}, without copying a column). */
  public double frequency(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return frequency[i];
  }

  /** Recency t_x of row {@code i} (as {@link #recency()}, without copying a column). */
  public double recency(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return recency[i];
  }

  /** Age T of row {@code i} (as {@link #age()}, without copying a column). */
  public double age(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return age[i];
  }

  /** Mean repeat value of row {@code i} (as {@link #monetaryValue()}, without copying). */
  public double monetaryValue(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return monetaryValue[i];
  }

  /** Calibration spend of row {@code i} (as {@link #totalSpend()}, without copying). */
  public double totalSpend(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return totalSpend[i];
  }

  /** Holdout purchases of row {@code i} (as {@link #holdoutPurchases()}, without copying). */
  public double holdoutPurchases(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return holdoutPurchases[i];
  }

  /** Holdout spend of row {@code i} (as {@link #holdoutSpend()}, without copying). */
  public double holdoutSpend(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    return holdoutSpend[i];
  }

  /**
   * The litt of row {@code i} (as {@link #litt()}, without copying).
   *
   * @throws org.clvkit.core.ClvArgumentException without same-day merging (see {@link #litt()})
   */
  public double litt(int i) {
    if (litt == null) {
      litt();
    }
    Checks.integerInRange("i", i, 0, size - 1);
    return litt[i];
  }

  /** Row {@code i} as a record. */
  public CustomerSummary summary(int i) {
    Checks.integerInRange("i", i, 0, size - 1);
    int x = (int) frequency[i];
    return new CustomerSummary(
        id(i),
        x,
        recency[i],
        age[i],
        monetaryValue[i],
        totalSpend[i],
        x + 1,
        SummaryAccumulator.time(firstPurchase[i]),
        SummaryAccumulator.time(lastPurchase[i]));
  }

  /** All rows as records (an unmodifiable view that makes each record on access). */
  public List<CustomerSummary> toList() {
    return new AbstractList<>() {
      @Override
      public CustomerSummary get(int index) {
        return summary(index);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Total repeat purchases in calibration, the sum of x (2,457 for the CDNOW sample). */
  public long repeatPurchases() {
    long sum = 0;
    for (double x : frequency) {
      sum += (long) x;
    }
    return sum;
  }

  /** Customers with at least one repeat purchase in calibration (946 for the CDNOW sample). */
  public int repeatCustomers() {
    int n = 0;
    for (double x : frequency) {
      if (x > 0) {
        n++;
      }
    }
    return n;
  }

  /** Total holdout purchases of the customers with a calibration summary (1,882 for CDNOW). */
  public long totalHoldoutPurchases() {
    long sum = 0;
    for (double p : holdoutPurchases) {
      sum += (long) p;
    }
    return sum;
  }

  /** Ids of the customers whose first purchase was in the holdout, who have no summary row. */
  public List<String> holdoutOnlyCustomerIds() {
    return List.of(holdoutOnlyIds);
  }

  /** Holdout purchases of those holdout-only customers. */
  public long holdoutOnlyPurchases() {
    return holdoutOnlyPurchases;
  }

  /** Value of the holdout-only customers' purchases. */
  public double holdoutOnlySpend() {
    return holdoutOnlySpend;
  }

  /** Rows offered to the accumulator(s), including dropped and rejected ones. */
  public long rows() {
    return rows;
  }

  /** What the row policies did: zero amounts kept, rows dropped by reason. */
  public PolicyCounts policyCounts() {
    return policyCounts;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "CustomerSummaries[customers=%d, repeatPurchases=%d, holdoutOnlyCustomers=%d, rows=%d, %s]",
        size,
        repeatPurchases(),
        holdoutOnlyIds.length,
        rows,
        policyCounts);
  }
}
