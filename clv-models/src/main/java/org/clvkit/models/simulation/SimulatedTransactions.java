package org.clvkit.models.simulation;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.core.data.TimeScale;

/**
 * The transaction log of a synthetic customer base ({@link SyntheticCustomerBase#transactions(int,
 * double)}) in primitive columns: per row the customer (0, 1, ... in order of acquisition), the
 * time in periods from the origin 0 and the amount. Every customer has at least one row, the first
 * purchase. Rows come ordered by customer and then time; {@link #sortedByTime()} gives the order of
 * an event log. Immutable and thread-safe; column accessors return copies.
 *
 * <p>Summarised with {@code org.clvkit.core.data.SummaryAccumulator} (times converted by {@link
 * #epochSeconds(LocalDateTime, TimeScale)}, calibration ending at the observation end, same-day
 * merging off) the log gives back the generator's {@link SimulatedCustomers}, up to the rounding of
 * times to the second.
 */
public final class SimulatedTransactions {
  private static final long MIN_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
  private static final long MAX_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

  private final int[] customer;
  private final double[] time;
  private final double[] amount;
  private final int customers;
  private final double observationEnd;

  SimulatedTransactions(
      int[] customer, double[] time, double[] amount, int customers, double observationEnd) {
    this.customer = customer;
    this.time = time;
    this.amount = amount;
    this.customers = customers;
    this.observationEnd = observationEnd;
  }

  /** Number of rows (transactions). */
  public int size() {
    return customer.length;
  }

  /** Number of customers; their ids are 0 to {@code customers() - 1}. */
  public int customers() {
    return customers;
  }

  /** The end of observation: no transaction is later. */
  public double observationEnd() {
    return observationEnd;
  }

  /** The customer of each row, as a {@code long} id (0, 1, ... in order of acquisition). */
  public long[] customerIds() {
    long[] out = new long[customer.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = customer[i];
    }
    return out;
  }

  /** The time of each row, in periods from the origin 0. */
  public double[] times() {
    return time.clone();
  }

  /** The amount of each row, &gt; 0. */
  public double[] amounts() {
    return amount.clone();
  }

  /** The customer of row {@code row}. */
  public long customerId(int row) {
    return customer[Checks.index("row", row, customer.length)];
  }

  /** The time of row {@code row}. */
  public double time(int row) {
    return time[Checks.index("row", row, time.length)];
  }

  /** The amount of row {@code row}. */
  public double amount(int row) {
    return amount[Checks.index("row", row, amount.length)];
  }

  /**
   * Each row's time as seconds since 1970-01-01T00:00 ({@code LocalDateTime.toEpochSecond(
   * ZoneOffset.UTC)}), the input of {@code SummaryAccumulator.acceptEpochSecond}: {@code origin}
   * plus the time in periods of {@code timeScale}, rounded to the nearest second.
   *
   * @param origin the calendar time of time 0
   * @param timeScale the length of one period
   * @throws org.clvkit.core.ClvArgumentException if the observation end falls outside the range of
   *     {@link LocalDateTime}
   */
  public long[] epochSeconds(LocalDateTime origin, TimeScale timeScale) {
    Checks.notNull("origin", origin);
    Checks.notNull("timeScale", timeScale);
    long start = origin.toEpochSecond(ZoneOffset.UTC);
    double seconds = timeScale.seconds();
    double end = start + observationEnd * seconds;
    Checks.inRange("epochSecond of observationEnd", end, MIN_SECOND, MAX_SECOND);
    long[] out = new long[time.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = start + Math.round(time[i] * seconds);
    }
    return out;
  }

  /**
   * The same rows ordered by time, ties in their current order (a stable sort), as an event log
   * would list them.
   */
  public SimulatedTransactions sortedByTime() {
    int n = customer.length;
    int[] order = new int[n];
    int[] buffer = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    mergeSort(order, buffer, 0, n);
    int[] c = new int[n];
    double[] t = new double[n];
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      int j = order[i];
      c[i] = customer[j];
      t[i] = time[j];
      a[i] = amount[j];
    }
    return new SimulatedTransactions(c, t, a, customers, observationEnd);
  }

  /** Stable merge sort of row indexes by time over {@code [from, to)}, insertion sort below 32. */
  private void mergeSort(int[] order, int[] buffer, int from, int to) {
    if (to - from <= 32) {
      for (int i = from + 1; i < to; i++) {
        int row = order[i];
        double key = time[row];
        int j = i - 1;
        while (j >= from && time[order[j]] > key) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = row;
      }
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(order, buffer, from, middle);
    mergeSort(order, buffer, middle, to);
    if (time[order[middle - 1]] <= time[order[middle]]) {
      return;
    }
    System.arraycopy(order, from, buffer, from, to - from);
    int i = from;
    int j = middle;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < middle && time[buffer[i]] <= time[buffer[j]])) {
        order[k] = buffer[i++];
      } else {
        order[k] = buffer[j++];
      }
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SimulatedTransactions[rows=%d, customers=%d, observationEnd=%s]",
        size(),
        customers,
        observationEnd);
  }
}
