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
  private int size;

  /** Records a kept purchase of {@code customerId} at {@code epochSecond}. */
  void add(String customerId, long epochSecond) {
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
    }
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
}
