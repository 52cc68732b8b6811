package org.clvkit.examples.cli;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.TimeScale;

/**
 * The distinct purchase days of every customer, for the tracking chart (cumulative and weekly
 * repeat purchases), which needs the time of every repeat purchase and not only the summary. Used
 * by {@code report} only: it keeps one {@code long} per kept transaction (8 bytes a row), which
 * {@code summarize} avoids.
 */
final class PurchaseDays {
  private static final long SECONDS_PER_DAY = 86_400L;

  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private long[] keys = new long[1024];
  private double[] amounts = new double[1024];
  private int size;

  /** Records a kept purchase of {@code customerId} at {@code epochSecond} (amount unknown: 0). */
  void add(String customerId, long epochSecond) {
    add(customerId, epochSecond, 0);
  }

  /** Records a kept purchase of {@code customerId} at {@code epochSecond} of {@code amount}. */
  void add(String customerId, long epochSecond, double amount) {
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    if (day < Integer.MIN_VALUE || day > Integer.MAX_VALUE) {
      return; // beyond any observation window this tool accepts
    }
    Integer c = index.get(customerId);
    if (c == null) {
      c = ids.size();
      index.put(customerId, c);
      ids.add(customerId);
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, keys.length * 2);
      amounts = Arrays.copyOf(amounts, amounts.length * 2);
    }
    amounts[size] = amount;
    keys[size++] = ((long) c << 32) | ((day - Integer.MIN_VALUE) & 0xffffffffL);
  }

  /**
   * The times of the repeat purchases (every distinct purchase day after a customer's first) of the
   * customers that have a summary row, in periods of {@code scale} since {@code origin}.
   */
  double[] repeatPurchaseTimes(CustomerSummaries summaries, LocalDateTime origin, TimeScale scale) {
    long[] sorted = Arrays.copyOf(keys, size);
    Arrays.sort(sorted);
    long originSecond = origin.toEpochSecond(ZoneOffset.UTC);
    double period = scale.seconds();
    double[] out = new double[size];
    int n = 0;
    int i = 0;
    while (i < sorted.length) {
      int c = (int) (sorted[i] >>> 32);
      int j = i;
      while (j < sorted.length && (int) (sorted[j] >>> 32) == c) {
        j++;
      }
      if (summaries.indexOf(ids.get(c)) >= 0) {
        long previous = sorted[i];
        for (int k = i + 1; k < j; k++) {
          if (sorted[k] != previous) {
            long day = (sorted[k] & 0xffffffffL) + Integer.MIN_VALUE;
            out[n++] = (day * SECONDS_PER_DAY - originSecond) / period;
            previous = sorted[k];
          }
        }
      }
      i = j;
    }
    return Arrays.copyOf(out, n);
  }

  /** One customer's purchases as the cohort table needs them. */
  interface CustomerVisitor {
    /**
     * Called once per customer with a summary row.
     *
     * @param summaryIndex the customer's row in the summaries
     * @param days the distinct purchase days (epoch days), ascending
     * @param dayCount how many of {@code days} are used
     * @param revenue the customer's total amount
     */
    void customer(int summaryIndex, long[] days, int dayCount, double revenue);
  }

  /**
   * Visits every customer that has a summary row, with their distinct purchase days and revenue.
   */
  void forEachCustomer(CustomerSummaries summaries, CustomerVisitor visitor) {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
    long[] days = new long[16];
    int i = 0;
    while (i < size) {
      int c = (int) (keys[order[i]] >>> 32);
      int n = 0;
      double revenue = 0;
      long previous = Long.MIN_VALUE;
      int j = i;
      while (j < size && (int) (keys[order[j]] >>> 32) == c) {
        long key = keys[order[j]];
        revenue += amounts[order[j]];
        if (key != previous) {
          if (n == days.length) {
            days = Arrays.copyOf(days, 2 * n);
          }
          days[n++] = (key & 0xffffffffL) + Integer.MIN_VALUE;
          previous = key;
        }
        j++;
      }
      int row = summaries.indexOf(ids.get(c));
      if (row >= 0) {
        visitor.customer(row, days, n, revenue);
      }
      i = j;
    }
  }
}
