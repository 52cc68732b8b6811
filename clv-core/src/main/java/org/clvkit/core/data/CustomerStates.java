package org.clvkit.core.data;

import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.clvkit.core.Checks;

/**
 * The per-customer state of {@link SummaryAccumulator}, one job: packed storage of what each
 * customer's admitted purchases add up to, and merging two customers' states. Customer c (the dense
 * index of {@link CustomerIndex}) owns {@value #STRIDE} longs at {@code c * STRIDE}, 64 bytes, one
 * cache line, so that a row in random customer order touches one place. Times are "keys": epoch
 * seconds, or the start of the day when merging same-day purchases; spends are double bits.
 *
 * <p>Three modes, fixed by the options: without merging every row is a purchase; with ordered
 * merging ({@link SummaryOptions#orderedInput()}) a purchase is a day later than the customer's
 * last; with unordered merging the distinct days strictly between a customer's first and last are
 * kept in a sorted {@code long[]} per customer (the only storage that grows beyond a fixed size).
 * Not API.
 */
final class CustomerStates implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int STRIDE = 8;
  private static final int FIRST = 0; // earliest key, calibration or holdout
  private static final int LAST = 1; // latest key, calibration or holdout
  private static final int CALIBRATION_LAST = 2; // latest key <= calibrationEnd, MIN_VALUE if none
  private static final int FIRST_SPEND = 3; // sum of the amounts at key == FIRST
  private static final int CALIBRATION_SPEND = 4;
  private static final int HOLDOUT_SPEND = 5;
  // Purchases: calibration (low 32 bits), holdout (high 32 bits).
  private static final int COUNTS = 6;
  // The mode's own slot: without merging, the number of rows at key == FIRST (tied first
  // purchases);
  // with ordered merging, the running sum (double bits) of the logs of the calibration gaps (litt);
  // with unordered merging, the number of days in interior[c].
  private static final int MODE_SLOT = 7;
  private static final long ONE_HOLDOUT = 1L << 32;

  /** The most customers one state array holds. */
  static final int MAX_CUSTOMERS = (Integer.MAX_VALUE - 8) / STRIDE;

  private final boolean merge;
  private final boolean ordered;
  private final boolean keepDays;
  private final long calibrationEnd;
  private final double period;

  private long[] state;

  // Unordered merging only: the distinct days strictly between first and last, sorted.
  private long[][] interior;

  // Bucketed column summaries only: each customer's first admitted row, or null.
  private long[] firstRows;

  CustomerStates(SummaryOptions options, int capacity) {
    this.merge = options.mergeSameDay();
    this.ordered = merge && options.orderedInput();
    this.keepDays = merge && !options.orderedInput();
    this.calibrationEnd = options.calibrationEnd().toEpochSecond(ZoneOffset.UTC);
    this.period = options.timeScale().seconds();
    state = new long[capacity * STRIDE];
    if (keepDays) {
      interior = new long[capacity][];
    }
  }

  /** Starts the state of new customer c with its first admitted purchase. */
  void start(int c, long key, double amount, long row) {
    ensureCapacity(c + 1);
    int at = c * STRIDE;
    if (firstRows != null) {
      firstRows[c] = row;
    }
    state[at + FIRST] = key;
    state[at + LAST] = key;
    state[at + FIRST_SPEND] = bits(amount);
    // One tied first row; or a litt of +0.0, or no interior day (both the bits 0).
    state[at + MODE_SLOT] = merge ? 0 : 1;
    if (key <= calibrationEnd) {
      state[at + CALIBRATION_LAST] = key;
      state[at + CALIBRATION_SPEND] = bits(amount);
      state[at + HOLDOUT_SPEND] = bits(0.0);
      state[at + COUNTS] = 1;
    } else {
      state[at + CALIBRATION_LAST] = Long.MIN_VALUE;
      state[at + CALIBRATION_SPEND] = bits(0.0);
      state[at + HOLDOUT_SPEND] = bits(amount);
      state[at + COUNTS] = ONE_HOLDOUT;
    }
  }

  /**
   * Adds an admitted purchase (amount +0.0 rather than −0.0, so that sums stay +0.0) to existing
   * customer c; with ordered merging rejects a day before the customer's last, naming the row.
   */
  void add(
      int c,
      long key,
      long second,
      double amount,
      long row,
      RowRules.RowNames names,
      CustomerIndex index) {
    int at = c * STRIDE;
    boolean newPurchase;
    if (!merge) {
      newPurchase = true;
    } else if (ordered) {
      long last = state[at + LAST];
      if (key < last) {
        Checks.notBefore(
            names.name("time", row),
            RowRules.time(second),
            "last purchase of customer \"" + index.id(c) + "\" so far",
            RowRules.time(last));
      }
      newPurchase = key != last;
      if (newPurchase && key <= calibrationEnd) {
        // In order, the previous day is the customer's latest so far, a calibration day too.
        add(at + MODE_SLOT, Math.log((key - last) / period));
      }
    } else {
      newPurchase = insertDay(c, key);
    }
    if (key <= calibrationEnd) {
      add(at + CALIBRATION_SPEND, amount);
      if (newPurchase) {
        state[at + COUNTS]++;
      }
      if (key > state[at + CALIBRATION_LAST]) {
        state[at + CALIBRATION_LAST] = key;
      }
    } else {
      add(at + HOLDOUT_SPEND, amount);
      if (newPurchase) {
        state[at + COUNTS] += ONE_HOLDOUT;
      }
    }
    long first = state[at + FIRST];
    if (key < first) {
      state[at + FIRST] = key;
      state[at + FIRST_SPEND] = bits(amount);
      if (!merge) {
        state[at + MODE_SLOT] = 1;
      }
    } else if (key == first) {
      add(at + FIRST_SPEND, amount);
      if (!merge) {
        state[at + MODE_SLOT]++;
      }
    }
    if (key > state[at + LAST]) {
      state[at + LAST] = key;
    }
  }

  private static long bits(double value) {
    return Double.doubleToRawLongBits(value);
  }

  private double value(int at) {
    return Double.longBitsToDouble(state[at]);
  }

  private void add(int at, double amount) {
    state[at] = bits(Double.longBitsToDouble(state[at]) + amount);
  }

  /**
   * Number of distinct purchases (days when merging) of the customer whose state is at {@code at}.
   */
  private int purchases(int at) {
    long counts = state[at + COUNTS];
    return (int) counts + (int) (counts >>> 32);
  }

  /**
   * Records {@code day} in customer c's set of distinct days {first, interior..., last} unless it
   * is there; returns whether it was new. Reads first and last before the caller updates them.
   */
  private boolean insertDay(int c, long day) {
    int at = c * STRIDE;
    long lo = state[at + FIRST];
    long hi = state[at + LAST];
    if (day == lo || day == hi) {
      return false;
    }
    int distinct = purchases(at);
    if (day < lo) {
      if (distinct >= 2) {
        insertInterior(c, 0, lo);
      }
      return true;
    }
    if (day > hi) {
      if (distinct >= 2) {
        insertInterior(c, (int) state[at + MODE_SLOT], hi);
      }
      return true;
    }
    int size = (int) state[at + MODE_SLOT];
    int found = size == 0 ? -1 : Arrays.binarySearch(interior[c], 0, size, day);
    if (found >= 0) {
      return false;
    }
    insertInterior(c, -found - 1, day);
    return true;
  }

  private void insertInterior(int c, int position, long day) {
    long[] days = interior[c];
    int size = (int) state[c * STRIDE + MODE_SLOT];
    if (days == null) {
      days = new long[4];
    } else if (size == days.length) {
      days = Arrays.copyOf(days, size * 2);
    }
    System.arraycopy(days, position, days, position + 1, size - position);
    days[position] = day;
    interior[c] = days;
    state[c * STRIDE + MODE_SLOT] = size + 1;
  }

  /** Copies customer j of {@code o} as new customer c. */
  void copy(CustomerStates o, int j, int c) {
    ensureCapacity(c + 1);
    System.arraycopy(o.state, j * STRIDE, state, c * STRIDE, STRIDE);
    if (keepDays) {
      int size = (int) o.state[j * STRIDE + MODE_SLOT];
      interior[c] = size == 0 ? null : Arrays.copyOf(o.interior[j], size);
    }
  }

  /**
   * Merges customer j of {@code o} into existing customer c; with ordered merging rejects a
   * customer whose day ranges in the two interleave.
   */
  void merge(CustomerStates o, int j, int c, CustomerIndex index) {
    int at = c * STRIDE;
    int from = j * STRIDE;
    long[] other = o.state;
    long oFirst = other[from + FIRST];
    long oLast = other[from + LAST];
    long first = state[at + FIRST];
    long last = state[at + LAST];
    if (ordered && !(last <= oFirst || oLast <= first)) {
      String id = index.id(c);
      Checks.notBefore(
          "first purchase of customer \"" + id + "\" in other",
          RowRules.time(oFirst),
          "last purchase of customer \"" + id + "\"",
          RowRules.time(last));
    }
    if (oFirst < first) {
      state[at + FIRST_SPEND] = other[from + FIRST_SPEND];
      if (!merge) {
        state[at + MODE_SLOT] = other[from + MODE_SLOT];
      }
    } else if (oFirst == first) {
      add(at + FIRST_SPEND, o.value(from + FIRST_SPEND));
      if (!merge) {
        state[at + MODE_SLOT] += other[from + MODE_SLOT];
      }
    }
    add(at + CALIBRATION_SPEND, o.value(from + CALIBRATION_SPEND));
    add(at + HOLDOUT_SPEND, o.value(from + HOLDOUT_SPEND));
    state[at + CALIBRATION_LAST] =
        Math.max(state[at + CALIBRATION_LAST], other[from + CALIBRATION_LAST]);
    if (ordered) {
      // One range follows the other: the logs of both, and of the gap between them when the later
      // range starts in calibration on a day of its own.
      boolean thisFirst = last <= oFirst;
      long earlierLast = thisFirst ? last : oLast;
      long laterFirst = thisFirst ? oFirst : first;
      double earlier = thisFirst ? value(at + MODE_SLOT) : o.value(from + MODE_SLOT);
      double later = thisFirst ? o.value(from + MODE_SLOT) : value(at + MODE_SLOT);
      double sum = earlier;
      if (laterFirst <= calibrationEnd && laterFirst != earlierLast) {
        sum += Math.log((laterFirst - earlierLast) / period);
      }
      state[at + MODE_SLOT] = bits(sum + later);
    }
    if (keepDays) {
      addDay(c, oFirst);
      int size = (int) other[from + MODE_SLOT];
      for (int k = 0; k < size; k++) {
        addDay(c, o.interior[j][k]);
      }
      if (o.purchases(from) >= 2) {
        addDay(c, oLast);
      }
      return;
    }
    // Both counts at once: neither half can carry into the other.
    state[at + COUNTS] += other[from + COUNTS];
    if (ordered) {
      // The day where one range ends and the other begins was counted on both sides.
      long shared = last == oFirst ? oFirst : oLast == first ? oLast : Long.MIN_VALUE;
      if (shared != Long.MIN_VALUE) {
        state[at + COUNTS] -= shared <= calibrationEnd ? 1 : ONE_HOLDOUT;
      }
    }
    state[at + FIRST] = Math.min(first, oFirst);
    state[at + LAST] = Math.max(last, oLast);
  }

  /** Adds one distinct day of another accumulator's customer to customer c (unordered merging). */
  private void addDay(int c, long day) {
    int at = c * STRIDE;
    if (insertDay(c, day)) {
      state[at + COUNTS] += day <= calibrationEnd ? 1 : ONE_HOLDOUT;
    }
    if (day < state[at + FIRST]) {
      state[at + FIRST] = day;
    }
    if (day > state[at + LAST]) {
      state[at + LAST] = day;
    }
  }

  private void ensureCapacity(int customers) {
    if (customers * STRIDE <= state.length) {
      return;
    }
    Checks.integerInRange("customers", customers, 0, MAX_CUSTOMERS);
    int capacity = Math.min(MAX_CUSTOMERS, Math.max(customers, state.length / STRIDE * 2));
    state = Arrays.copyOf(state, capacity * STRIDE);
    if (keepDays) {
      interior = Arrays.copyOf(interior, capacity);
    }
    if (firstRows != null) {
      firstRows = Arrays.copyOf(firstRows, capacity);
    }
  }

  /** Whether customer c has a calibration purchase (else only holdout ones). */
  boolean isCalibrationCustomer(int c) {
    return (int) state[c * STRIDE + COUNTS] > 0;
  }

  /** Starts recording each new customer's row (for {@link BucketedSummaries}). */
  void recordFirstRows() {
    firstRows = new long[state.length / STRIDE];
  }

  /** The row at which customer c was first admitted; after {@link #recordFirstRows()}. */
  long firstRow(int c) {
    return firstRows[c];
  }

  /**
   * Writes customer c, whose id is in {@code index}, at {@code position} of the result: of the
   * summary rows when it has a calibration purchase, of the holdout-only customers otherwise.
   */
  void write(int c, CustomerIndex index, SummaryColumns out, int position) {
    int at = c * STRIDE;
    long counts = state[at + COUNTS];
    int calibrationPurchases = (int) counts;
    if (calibrationPurchases == 0) {
      out.holdoutOnly[position] = index.id(c);
      out.holdoutOnlyPurchases[position] = (int) (counts >>> 32);
      out.holdoutOnlySpend[position] = value(at + HOLDOUT_SPEND);
      return;
    }
    int i = position;
    int x = calibrationPurchases - 1;
    long first = state[at + FIRST];
    double spend = value(at + CALIBRATION_SPEND);
    double firstValue =
        merge ? value(at + FIRST_SPEND) : value(at + FIRST_SPEND) / state[at + MODE_SLOT];
    if (out.longIds != null) {
      out.longIds[i] = index.longId(c);
    } else {
      out.ids[i] = index.id(c);
    }
    out.frequency[i] = x;
    out.recency[i] = (state[at + CALIBRATION_LAST] - first) / out.period;
    out.age[i] = (out.calibrationEnd - first) / out.period;
    // Repeat spend is positive in exact arithmetic; max() only absorbs rounding of the difference.
    out.monetaryValue[i] = x == 0 ? 0 : Math.max(0, (spend - firstValue) / x);
    out.totalSpend[i] = spend;
    out.firstTime[i] = first;
    out.lastTime[i] = state[at + CALIBRATION_LAST];
    out.holdoutPurchases[i] = (int) (counts >>> 32);
    out.holdoutValue[i] = value(at + HOLDOUT_SPEND);
    if (out.litt != null) {
      out.litt[i] = x == 0 ? 0.0 : litt(c);
    }
  }

  /**
   * The sum of the logs of customer c's calibration inter-purchase times in periods (merging only):
   * the running sum when ordered, else summed over its sorted distinct days {first, interior...,
   * calibration last}, in the same ascending order, so that both modes agree bit for bit on the
   * same rows.
   */
  private double litt(int c) {
    int at = c * STRIDE;
    if (ordered) {
      return value(at + MODE_SLOT);
    }
    long calibrationLast = state[at + CALIBRATION_LAST];
    long previous = state[at + FIRST];
    double sum = 0.0;
    int size = (int) state[at + MODE_SLOT];
    long[] days = interior[c];
    for (int k = 0; k < size && days[k] <= calibrationLast; k++) {
      sum += Math.log((days[k] - previous) / period);
      previous = days[k];
    }
    if (calibrationLast > previous) {
      sum += Math.log((calibrationLast - previous) / period);
    }
    return sum;
  }
}
