package org.clvkit.core.data;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.stream.Collector;
import org.clvkit.core.Checks;

/**
 * Summarises a transaction log into one {@link CustomerSummary} per customer, one row at a time:
 * {@code accept} rows in any order, {@code combine} partial accumulators (in any split and order),
 * then take the {@code result}. Works as the mutable container of a parallel {@link
 * java.util.stream.Collector} ({@link #collector(SummaryOptions)}) and, being {@link Serializable}
 * with only primitive arrays and strings inside, as the buffer of a Spark {@code Aggregator} or
 * Flink state. Not thread-safe: give each thread its own accumulator and combine them.
 *
 * <p><b>What is computed</b> (Fader, Hardie and Lee 2005, "RFM and CLV", section 2; Fader and
 * Hardie, "Creating an RFM summary using Excel", 2008), per customer who bought in calibration, in
 * periods of {@link SummaryOptions#timeScale()}: {@code frequency} x = number of calibration
 * purchases less one; {@code recency} t_x = time from the first to the last calibration purchase;
 * {@code age} T = time from the first purchase to {@link SummaryOptions#calibrationEnd()}; {@code
 * monetaryValue} = mean value of the repeat (non-first) calibration purchases, 0 when x = 0; total
 * spend and purchase count including the first; and, when there is a holdout, the number and value
 * of the customer's purchases after the calibration end up to the observation end. With same-day
 * merging a "purchase" is a customer-day (see {@link SummaryOptions}). Without merging, purchases
 * at the very same first second are symmetric: the first purchase's value is taken as their mean.
 * Customers whose first purchase falls in the holdout have no calibration summary; they are counted
 * and named in {@link CustomerSummaries}.
 *
 * <p><b>Rows</b> are checked in this order, the first failing rule deciding: id not null; time
 * present and in range; amount finite; time not after the observation end ({@link
 * SummaryOptions#afterObservationEnd()}); amount not negative ({@link SummaryOptions#refunds()});
 * amount not zero ({@link SummaryOptions#zeroAmounts()}; kept zero amounts are purchases of value
 * 0). Rejected rows throw a {@link org.clvkit.core.ClvArgumentException} naming the field, the
 * value and the row ({@code amount[17] must be finite, was NaN}, where 17 counts this accumulator's
 * rows from 0); dropped rows are counted in {@link #policyCounts()}. A rejected row leaves the
 * accumulator as it was (apart from the row count). Times are kept to the second (sub-second parts
 * are truncated).
 *
 * <p><b>Memory and speed.</b> The state does not keep transactions: per customer it is 64 bytes in
 * one {@code long[]} (a cache line, so that a row in random customer order touches one place), 16
 * bytes of hash table and a reference to the id string, about 90 bytes with the table's headroom;
 * up to {@value #MAX_CUSTOMERS} customers per accumulator. The primitive overloads {@link
 * #acceptEpochDay(String, long, double)} and {@link #acceptEpochSecond(String, long, double)}
 * allocate nothing per row (a new customer may grow the arrays). The one exception is same-day
 * merging of unordered input: to count distinct days exactly whatever the order, a customer with
 * more than two distinct purchase days keeps those strictly between its first and last in a sorted
 * {@code long[]} (8 bytes a day plus a 16-byte array header, and 4 to 8 bytes a customer for the
 * array reference). That grows with distinct customer-days, not rows, is bounded by customers times
 * days observed, and is in practice small (CDNOW: 3,200 days kept by 736 of 2,357 customers for
 * 6,919 rows). With {@link SummaryOptions#orderedInput()} this store is not used and each customer
 * costs the same fixed size, at the price of rejecting a row earlier than its customer's last one.
 *
 * <p><b>Order of the result.</b> Customers appear in the order first accepted; {@code a.combine(b)}
 * puts a's customers first, then b's new ones, so a parallel collect over an ordered stream gives
 * the sequential order. Sums (spend) are floating-point and may differ in the last bits between
 * splits.
 */
public final class SummaryAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;

  static final long SECONDS_PER_DAY = 86_400L;
  static final long MIN_EPOCH_DAY = LocalDate.MIN.toEpochDay();
  static final long MAX_EPOCH_DAY = LocalDate.MAX.toEpochDay();
  static final long MIN_EPOCH_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
  static final long MAX_EPOCH_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

  /** Names a field of a row in messages; only called when a row is rejected. */
  interface RowNames {
    String name(String field, long row);
  }

  private static final RowNames INDEXED = (field, row) -> field + "[" + row + "]";
  private static final RowNames LINES = (field, line) -> field + " (line " + line + ")";

  private final SummaryOptions options;
  private final long calibrationEnd;
  private final long observationEnd;
  private final boolean merge;
  private final boolean ordered;
  private final boolean keepDays;
  private final double period;

  private final CustomerIndex index;

  /**
   * Per customer, STRIDE longs at index * STRIDE (one cache line, so that a row touches one place):
   * times are "keys", epoch seconds or the start of the day when merging; spends are double bits.
   */
  private long[] state;

  // Unordered merging only: the distinct days strictly between first and last, sorted.
  private long[][] interior;

  // Bucketed column summaries only: each customer's first admitted row, or null.
  private long[] firstRows;

  private static final int STRIDE = 8;
  private static final int FIRST = 0; // earliest key, calibration or holdout
  private static final int LAST = 1; // latest key, calibration or holdout
  private static final int CALIBRATION_LAST = 2; // latest key <= calibrationEnd, MIN_VALUE if none
  private static final int FIRST_SPEND = 3; // sum of the amounts at key == FIRST
  private static final int CALIBRATION_SPEND = 4;
  private static final int HOLDOUT_SPEND = 5;
  private static final int COUNTS =
      6; // purchases: calibration (low 32 bits), holdout (high 32 bits)
  // Slot 7 serves one mode each: without merging, the number of rows at key == FIRST (tied first
  // purchases); with unordered merging, the number of days in interior[c]; with ordered merging,
  // the running sum (double bits) of the logs of the calibration inter-purchase times (litt).
  private static final int FIRST_ROWS = 7;
  private static final int INTERIOR_SIZE = 7;
  private static final int LITT = 7;
  private static final long ONE_HOLDOUT = 1L << 32;

  /** The most customers one accumulator holds (its state is one array); combine beyond. */
  static final int MAX_CUSTOMERS = (Integer.MAX_VALUE - 8) / STRIDE;

  private long rows;
  private long keptZeroAmounts;
  private long droppedZeroAmounts;
  private long droppedRefunds;
  private long droppedAfterEnd;

  /** An empty accumulator. */
  public SummaryAccumulator(SummaryOptions options) {
    this(options, 16);
  }

  /**
   * An empty accumulator sized for about {@code expectedCustomers} customers (it grows beyond).
   *
   * @param options how to summarise
   * @param expectedCustomers a capacity hint, &gt;= 0
   */
  public SummaryAccumulator(SummaryOptions options, int expectedCustomers) {
    this.options = Checks.notNull("options", options);
    Checks.nonNegative("expectedCustomers", expectedCustomers);
    this.calibrationEnd = options.calibrationEnd().toEpochSecond(ZoneOffset.UTC);
    this.observationEnd = options.observationEnd().toEpochSecond(ZoneOffset.UTC);
    this.merge = options.mergeSameDay();
    this.ordered = merge && options.orderedInput();
    this.keepDays = merge && !options.orderedInput();
    this.period = options.timeScale().seconds();
    int capacity = Math.max(16, Math.min(expectedCustomers, 1 << 24));
    this.index = new CustomerIndex(capacity);
    state = new long[capacity * STRIDE];
    if (keepDays) {
      interior = new long[capacity][];
    }
  }

  /**
   * A collector summarising a stream of transactions, sequential or parallel.
   *
   * @param options how to summarise
   * @return a collector whose result lists customers in encounter order of their first row
   */
  public static Collector<Transaction, SummaryAccumulator, CustomerSummaries> collector(
      SummaryOptions options) {
    Checks.notNull("options", options);
    return Collector.of(
        () -> new SummaryAccumulator(options),
        SummaryAccumulator::accept,
        SummaryAccumulator::combine,
        SummaryAccumulator::result);
  }

  /** The options this accumulator summarises with. */
  public SummaryOptions options() {
    return options;
  }

  /** The number of rows offered so far, accepted, dropped or rejected. */
  public long rows() {
    return rows;
  }

  /** The number of customers seen so far (with calibration purchases or only holdout ones). */
  public int customers() {
    return index.size();
  }

  /** What the row policies did so far: zero amounts kept, rows dropped by reason. */
  public PolicyCounts policyCounts() {
    return new PolicyCounts(keptZeroAmounts, droppedZeroAmounts, droppedRefunds, droppedAfterEnd);
  }

  /**
   * Adds one transaction.
   *
   * @param transaction the purchase; not null
   */
  public void accept(Transaction transaction) {
    if (transaction == null) {
      long row = rows++;
      Checks.notNull(INDEXED.name("transaction", row), transaction);
    }
    accept(transaction.customerId(), transaction.time(), transaction.amount());
  }

  /**
   * Adds a purchase at a time (kept to the second).
   *
   * @param customerId the customer; not null
   * @param time when; not null
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void accept(String customerId, LocalDateTime time, double amount) {
    if (time == null) {
      long row = rows++;
      Checks.notNull(INDEXED.name("time", row), time);
    }
    acceptRow(customerId, time.toEpochSecond(ZoneOffset.UTC), amount, rows, INDEXED);
  }

  /**
   * Adds a purchase on a date (at the start of the day).
   *
   * @param customerId the customer; not null
   * @param date the day; not null
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void accept(String customerId, LocalDate date, double amount) {
    if (date == null) {
      long row = rows++;
      Checks.notNull(INDEXED.name("date", row), date);
    }
    acceptRow(customerId, date.toEpochDay() * SECONDS_PER_DAY, amount, rows, INDEXED);
  }

  /**
   * Adds a purchase on a day given as {@link LocalDate#toEpochDay()}; allocates nothing.
   *
   * @param customerId the customer; not null
   * @param epochDay days since 1970-01-01, within the range of {@link LocalDate}
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void acceptEpochDay(String customerId, long epochDay, double amount) {
    checkEpochDay(epochDay, rows);
    acceptRow(customerId, epochDay * SECONDS_PER_DAY, amount, rows, INDEXED);
  }

  /**
   * Adds a purchase at a time given as seconds since 1970-01-01T00:00 on the same clock as the
   * options' ends ({@code LocalDateTime.toEpochSecond(ZoneOffset.UTC)}); allocates nothing.
   *
   * @param customerId the customer; not null
   * @param epochSecond seconds since 1970-01-01T00:00, within the range of {@link LocalDateTime}
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void acceptEpochSecond(String customerId, long epochSecond, double amount) {
    checkEpochSecond(epochSecond, rows);
    acceptRow(customerId, epochSecond, amount, rows, INDEXED);
  }

  /**
   * Adds a purchase of the customer whose id is {@code Long.toString(customerId)}, on a day given
   * as {@link LocalDate#toEpochDay()}; allocates nothing per row. An accumulator fed only {@code
   * long} ids keeps them as numbers (primitive-keyed, about twice as fast as string ids); {@code
   * 42L} and {@code "42"} are the same customer, and the results name customers by their strings.
   *
   * @param customerId the customer
   * @param epochDay days since 1970-01-01, within the range of {@link LocalDate}
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void acceptEpochDay(long customerId, long epochDay, double amount) {
    checkEpochDay(epochDay, rows);
    acceptRow(customerId, epochDay * SECONDS_PER_DAY, amount, rows, INDEXED);
  }

  /**
   * Adds a purchase of the customer whose id is {@code Long.toString(customerId)} at a time given
   * as seconds since 1970-01-01T00:00 (see {@link #acceptEpochSecond(String, long, double)});
   * allocates nothing per row and keeps {@code long} ids as numbers (see {@link
   * #acceptEpochDay(long, long, double)}).
   *
   * @param customerId the customer
   * @param epochSecond seconds since 1970-01-01T00:00, within the range of {@link LocalDateTime}
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void acceptEpochSecond(long customerId, long epochSecond, double amount) {
    checkEpochSecond(epochSecond, rows);
    acceptRow(customerId, epochSecond, amount, rows, INDEXED);
  }

  /**
   * As {@link #acceptEpochSecond(String, long, double)} for parsers: messages name the row by its
   * line in the caller's file ({@code amount (line 12) must be finite, was NaN}) instead of its
   * index here.
   *
   * @param line the line number to name in messages
   * @param customerId the customer; not null
   * @param epochSecond seconds since 1970-01-01T00:00, within the range of {@link LocalDateTime}
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void acceptAtLine(long line, String customerId, long epochSecond, double amount) {
    if (epochSecond < MIN_EPOCH_SECOND || epochSecond > MAX_EPOCH_SECOND) {
      rows++;
      Checks.integerInRange(
          LINES.name("epochSecond", line), epochSecond, MIN_EPOCH_SECOND, MAX_EPOCH_SECOND);
    }
    acceptRow(customerId, epochSecond, amount, line, LINES);
  }

  /** The kernel behind every {@code accept}: validates, applies the policies and adds the row. */
  void acceptRow(String id, long second, double amount, long row, RowNames names) {
    rows++;
    if (id == null) {
      Checks.notNull(names.name("customerId", row), id);
    }
    long key = admit(second, amount, row, names);
    if (key == DROPPED) {
      return;
    }
    int before = index.size();
    addPurchase(index.add(id), before, key, second, amount == 0 ? 0.0 : amount, row, names);
  }

  /** As {@link #acceptRow(String, long, double, long, RowNames)} for a {@code long} id. */
  void acceptRow(long id, long second, double amount, long row, RowNames names) {
    rows++;
    long key = admit(second, amount, row, names);
    if (key == DROPPED) {
      return;
    }
    int before = index.size();
    addPurchase(index.add(id), before, key, second, amount == 0 ? 0.0 : amount, row, names);
  }

  /** What {@link #admit} returns for a row that a policy drops. */
  private static final long DROPPED = Long.MIN_VALUE;

  /**
   * Checks a row's amount and time against the rules and policies, in the documented order (after
   * the id): returns its key (the time, or the start of its day when merging), or {@link #DROPPED}
   * after counting a dropped row; throws for a rejected one.
   */
  private long admit(long second, double amount, long row, RowNames names) {
    if (!Double.isFinite(amount)) {
      Checks.finite(names.name("amount", row), amount);
    }
    long key = merge ? Math.floorDiv(second, SECONDS_PER_DAY) * SECONDS_PER_DAY : second;
    if (key > observationEnd) {
      if (options.afterObservationEnd() == RowPolicy.REJECT) {
        Checks.notAfter(
            names.name("time", row), time(second), "observationEnd", options.observationEnd());
      }
      droppedAfterEnd++;
      return DROPPED;
    }
    if (amount < 0) {
      if (options.refunds() == RowPolicy.REJECT) {
        Checks.nonNegative(names.name("amount", row), amount);
      }
      droppedRefunds++;
      return DROPPED;
    }
    if (amount == 0) {
      RowPolicy zero = options.zeroAmounts();
      if (zero == RowPolicy.REJECT) {
        Checks.positive(names.name("amount", row), amount);
      } else if (zero == RowPolicy.DROP) {
        droppedZeroAmounts++;
        return DROPPED;
      }
      keptZeroAmounts++;
    }
    return key;
  }

  /**
   * Adds an admitted purchase (amount +0.0 rather than −0.0, so that sums stay +0.0) to customer c,
   * who is new when {@code c == before} (the index's size before adding the id).
   */
  private void addPurchase(
      int c, int before, long key, long second, double amount, long row, RowNames names) {
    int at = c * STRIDE;
    if (c == before) {
      ensureCapacity(c + 1);
      if (firstRows != null) {
        firstRows[c] = row;
      }
      state[at + FIRST] = key;
      state[at + LAST] = key;
      state[at + FIRST_SPEND] = bits(amount);
      state[at + FIRST_ROWS] = merge ? 0 : 1; // INTERIOR_SIZE = 0 when merging
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
      return;
    }
    boolean newPurchase;
    if (!merge) {
      newPurchase = true;
    } else if (ordered) {
      long last = state[at + LAST];
      if (key < last) {
        Checks.notBefore(
            names.name("time", row),
            time(second),
            "last purchase of customer \"" + index.id(c) + "\" so far",
            time(last));
      }
      newPurchase = key != last;
      if (newPurchase && key <= calibrationEnd) {
        // In order, the previous day is the customer's latest so far, a calibration day too.
        add(at + LITT, Math.log((key - last) / period));
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
        state[at + FIRST_ROWS] = 1;
      }
    } else if (key == first) {
      add(at + FIRST_SPEND, amount);
      if (!merge) {
        state[at + FIRST_ROWS]++;
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
   * Number of distinct purchases (days when merging) of the customer whose state starts at {@code
   * at}.
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
        insertInterior(c, (int) state[at + INTERIOR_SIZE], hi);
      }
      return true;
    }
    int size = (int) state[at + INTERIOR_SIZE];
    int found = size == 0 ? -1 : Arrays.binarySearch(interior[c], 0, size, day);
    if (found >= 0) {
      return false;
    }
    insertInterior(c, -found - 1, day);
    return true;
  }

  private void insertInterior(int c, int position, long day) {
    long[] days = interior[c];
    int size = (int) state[c * STRIDE + INTERIOR_SIZE];
    if (days == null) {
      days = new long[4];
    } else if (size == days.length) {
      days = Arrays.copyOf(days, size * 2);
    }
    System.arraycopy(days, position, days, position + 1, size - position);
    days[position] = day;
    interior[c] = days;
    state[c * STRIDE + INTERIOR_SIZE] = size + 1;
  }

  /**
   * Adds everything {@code other} has accumulated to this accumulator and returns this one; {@code
   * other} is left unchanged. The result equals that of one accumulator over both inputs, whatever
   * the split and the order (up to floating-point rounding of sums), except for the order of
   * customers (this one's first). With {@link SummaryOptions#orderedInput()}, a customer whose
   * purchase days in the two accumulators interleave (rather than one range following the other) is
   * rejected.
   *
   * @param other an accumulator with equal options, not this one
   * @return this accumulator
   */
  public SummaryAccumulator combine(SummaryAccumulator other) {
    Checks.notNull("other", other);
    Checks.same("other.options", other.options, "options", options);
    if (other == this) {
      throw Checks.fail("other must be a different accumulator than this one");
    }
    for (int j = 0; j < other.index.size(); j++) {
      int before = index.size();
      int c = index.addFrom(other.index, j);
      if (c == before) {
        ensureCapacity(c + 1);
        copyCustomer(other, j, c);
      } else {
        mergeCustomer(other, j, c);
      }
    }
    rows += other.rows;
    keptZeroAmounts += other.keptZeroAmounts;
    droppedZeroAmounts += other.droppedZeroAmounts;
    droppedRefunds += other.droppedRefunds;
    droppedAfterEnd += other.droppedAfterEnd;
    return this;
  }

  private void copyCustomer(SummaryAccumulator o, int j, int c) {
    System.arraycopy(o.state, j * STRIDE, state, c * STRIDE, STRIDE);
    if (keepDays) {
      int size = (int) o.state[j * STRIDE + INTERIOR_SIZE];
      interior[c] = size == 0 ? null : Arrays.copyOf(o.interior[j], size);
    }
  }

  private void mergeCustomer(SummaryAccumulator o, int j, int c) {
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
          time(oFirst),
          "last purchase of customer \"" + id + "\"",
          time(last));
    }
    if (oFirst < first) {
      state[at + FIRST_SPEND] = other[from + FIRST_SPEND];
      if (!merge) {
        state[at + FIRST_ROWS] = other[from + FIRST_ROWS];
      }
    } else if (oFirst == first) {
      add(at + FIRST_SPEND, o.value(from + FIRST_SPEND));
      if (!merge) {
        state[at + FIRST_ROWS] += other[from + FIRST_ROWS];
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
      double earlier = thisFirst ? value(at + LITT) : o.value(from + LITT);
      double later = thisFirst ? o.value(from + LITT) : value(at + LITT);
      double sum = earlier;
      if (laterFirst <= calibrationEnd && laterFirst != earlierLast) {
        sum += Math.log((laterFirst - earlierLast) / period);
      }
      state[at + LITT] = bits(sum + later);
    }
    if (keepDays) {
      addDay(c, oFirst);
      int size = (int) other[from + INTERIOR_SIZE];
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

  /**
   * The summaries of what was accepted so far. The accumulator stays usable; the result is an
   * independent snapshot.
   *
   * @return one row per customer with calibration purchases, in order of first acceptance
   */
  public CustomerSummaries result() {
    Columns out = new Columns(options, calibrationCustomers(), index.size(), index.hasLongKeys());
    int i = 0;
    int h = 0;
    for (int c = 0; c < index.size(); c++) {
      writeCustomer(c, out, isCalibrationCustomer(c) ? i++ : h++);
    }
    return out.summaries(rows, policyCounts());
  }

  /** The number of customers with a calibration purchase, the rows of the result. */
  int calibrationCustomers() {
    int n = 0;
    for (int c = 0; c < index.size(); c++) {
      if (isCalibrationCustomer(c)) {
        n++;
      }
    }
    return n;
  }

  /** Whether customer c has a calibration purchase (else only holdout ones). */
  boolean isCalibrationCustomer(int c) {
    return (int) state[c * STRIDE + COUNTS] > 0;
  }

  /** The result's columns, filled customer by customer at given positions. */
  static final class Columns {
    final SummaryOptions options;
    final double period;
    final long calibrationEnd;
    final String[] ids;
    final long[] longIds;
    final double[] frequency;
    final double[] recency;
    final double[] age;
    final double[] monetaryValue;
    final double[] totalSpend;
    final long[] firstTime;
    final long[] lastTime;
    final double[] holdoutPurchases;
    final double[] holdoutValue;
    final double[] litt;
    final String[] holdoutOnly;
    final long[] holdoutOnlyPurchases;
    final double[] holdoutOnlySpend;

    /** Columns for n rows and total customers; ids as longs when every id is a long. */
    Columns(SummaryOptions options, int n, int total, boolean longKeys) {
      this.options = options;
      period = options.timeScale().seconds();
      calibrationEnd = options.calibrationEnd().toEpochSecond(ZoneOffset.UTC);
      ids = longKeys ? null : new String[n];
      longIds = longKeys ? new long[n] : null;
      frequency = new double[n];
      recency = new double[n];
      age = new double[n];
      monetaryValue = new double[n];
      totalSpend = new double[n];
      firstTime = new long[n];
      lastTime = new long[n];
      holdoutPurchases = new double[n];
      holdoutValue = new double[n];
      litt = options.mergeSameDay() ? new double[n] : null;
      holdoutOnly = new String[total - n];
      holdoutOnlyPurchases = new long[total - n];
      holdoutOnlySpend = new double[total - n];
    }

    /** The summaries; the holdout-only totals are summed in customer order. */
    CustomerSummaries summaries(long rows, PolicyCounts counts) {
      long purchases = 0;
      double spend = 0;
      for (int h = 0; h < holdoutOnly.length; h++) {
        purchases += holdoutOnlyPurchases[h];
        spend += holdoutOnlySpend[h];
      }
      return new CustomerSummaries(
          options,
          ids,
          longIds,
          frequency,
          recency,
          age,
          monetaryValue,
          totalSpend,
          firstTime,
          lastTime,
          holdoutPurchases,
          holdoutValue,
          litt,
          holdoutOnly,
          purchases,
          spend,
          rows,
          counts);
    }
  }

  /**
   * Writes customer c at {@code position} of the result: of the summary rows when it has a
   * calibration purchase, of the holdout-only customers otherwise.
   */
  void writeCustomer(int c, Columns out, int position) {
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
        merge ? value(at + FIRST_SPEND) : value(at + FIRST_SPEND) / state[at + FIRST_ROWS];
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
      return value(at + LITT);
    }
    long calibrationLast = state[at + CALIBRATION_LAST];
    long previous = state[at + FIRST];
    double sum = 0.0;
    int size = (int) state[at + INTERIOR_SIZE];
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

  /** Whether every customer so far was given a {@code long} id. */
  boolean hasLongKeys() {
    return index.hasLongKeys();
  }

  /** Starts recording each new customer's row (for {@link BucketedSummaries}). */
  void recordFirstRows() {
    firstRows = new long[state.length / STRIDE];
  }

  /** The row at which customer c was first admitted; after {@link #recordFirstRows()}. */
  long firstRow(int c) {
    return firstRows[c];
  }

  /** The row counts and policy counts of this accumulator, for a merge. */
  long[] counters() {
    return new long[] {rows, keptZeroAmounts, droppedZeroAmounts, droppedRefunds, droppedAfterEnd};
  }

  // ---------------------------------------------------------------------------------------------
  // Whole logs in columns.

  /**
   * Summarises a transaction log given as columns: the same summaries, bit for bit, and the same
   * exception for a bad row, as {@link #acceptEpochSecond(long, long, double)} for every row in
   * order into a fresh accumulator, then {@link #result()}; but faster on large logs (see {@link
   * #summarize(SummaryOptions, long[], long[], double[], Executor, int)}, of which this is the
   * one-task form).
   *
   * @param options how to summarise
   * @param customerIds each row's customer, as a {@code long} (the customer whose id is {@code
   *     Long.toString(id)})
   * @param epochSeconds each row's time, seconds since 1970-01-01T00:00 on the clock of the
   *     options' ends ({@code LocalDateTime.toEpochSecond(ZoneOffset.UTC)})
   * @param amounts each row's value
   * @return the summaries, customers in order of their first admitted row
   * @throws org.clvkit.core.ClvArgumentException for the first rejected row, named by its index
   */
  public static CustomerSummaries summarize(
      SummaryOptions options, long[] customerIds, long[] epochSeconds, double[] amounts) {
    return summarize(options, customerIds, epochSeconds, amounts, null, 1);
  }

  /**
   * Summarises a transaction log given as columns with {@code tasks} tasks on {@code executor}: the
   * same summaries, bit for bit, and the same exception for a bad row, as {@link
   * #acceptEpochSecond(long, long, double)} for every row in order into one accumulator.
   *
   * <p>How: the rows are first grouped by a hash of their customer into buckets small enough that a
   * bucket's customers fit in a core's cache (a stable partition, so each customer's rows keep
   * their order); each bucket is then summarised by an accumulator of its own, the buckets shared
   * among the tasks; finally the customers are written out in order of their first row. Every
   * customer's rows are thus added in the same order as sequentially, sums included, no two tasks
   * touch the same customer, and nothing is combined. A log in time order, whose rows visit
   * customers at random, is summarised several times faster than row by row. When a bucket rejects
   * a row, the log is summarised again row by row, so that the exception is the sequential one (the
   * first bad row). Memory: a copy of the columns (28 bytes a row) besides what one accumulator
   * holds.
   *
   * @param options how to summarise
   * @param customerIds each row's customer, as a {@code long}
   * @param epochSeconds each row's time, seconds since 1970-01-01T00:00
   * @param amounts each row's value
   * @param executor the caller's executor; null runs every task in this thread
   * @param tasks number of tasks, in [1, 127]
   */
  public static CustomerSummaries summarize(
      SummaryOptions options,
      long[] customerIds,
      long[] epochSeconds,
      double[] amounts,
      Executor executor,
      int tasks) {
    Checks.notNull("customerIds", customerIds);
    checkColumns(options, customerIds.length, epochSeconds, amounts, tasks);
    if (customerIds.length < BucketedSummaries.MIN_ROWS) {
      SummaryAccumulator acc = new SummaryAccumulator(options, customerIds.length / 2);
      for (int i = 0; i < customerIds.length; i++) {
        acc.acceptEpochSecond(customerIds[i], epochSeconds[i], amounts[i]);
      }
      return acc.result();
    }
    return BucketedSummaries.of(options, customerIds, epochSeconds, amounts, executor, tasks);
  }

  /**
   * As {@link #summarize(SummaryOptions, long[], long[], double[], Executor, int)} for string ids:
   * the same summaries and exceptions as {@link #acceptEpochSecond(String, long, double)} row by
   * row into one accumulator.
   *
   * @param options how to summarise
   * @param customerIds each row's customer, not null
   * @param epochSeconds each row's time, seconds since 1970-01-01T00:00
   * @param amounts each row's value
   * @param executor the caller's executor; null runs every task in this thread
   * @param tasks number of tasks, in [1, 127]
   */
  public static CustomerSummaries summarize(
      SummaryOptions options,
      String[] customerIds,
      long[] epochSeconds,
      double[] amounts,
      Executor executor,
      int tasks) {
    Checks.notNull("customerIds", customerIds);
    checkColumns(options, customerIds.length, epochSeconds, amounts, tasks);
    if (customerIds.length < BucketedSummaries.MIN_ROWS) {
      SummaryAccumulator acc = new SummaryAccumulator(options, customerIds.length / 2);
      for (int i = 0; i < customerIds.length; i++) {
        acc.acceptEpochSecond(customerIds[i], epochSeconds[i], amounts[i]);
      }
      return acc.result();
    }
    return BucketedSummaries.of(options, customerIds, epochSeconds, amounts, executor, tasks);
  }

  /** The most tasks of {@link #summarize}. */
  static final int MAX_TASKS = 127;

  private static void checkColumns(
      SummaryOptions options, int n, long[] epochSeconds, double[] amounts, int tasks) {
    Checks.notNull("options", options);
    Checks.notNull("epochSeconds", epochSeconds);
    Checks.notNull("amounts", amounts);
    Checks.sameLength("epochSeconds", epochSeconds.length, "customerIds", n);
    Checks.sameLength("amounts", amounts.length, "customerIds", n);
    Checks.integerInRange("tasks", tasks, 1, MAX_TASKS);
  }

  /** {@link #acceptEpochSecond(long, long, double)} naming the row by {@code row}. */
  void acceptSecondAt(long id, long epochSecond, double amount, long row) {
    checkEpochSecond(epochSecond, row);
    acceptRow(id, epochSecond, amount, row, INDEXED);
  }

  /** {@link #acceptEpochSecond(String, long, double)} naming the row by {@code row}. */
  void acceptSecondAt(String id, long epochSecond, double amount, long row) {
    checkEpochSecond(epochSecond, row);
    acceptRow(id, epochSecond, amount, row, INDEXED);
  }

  /** Rejects a time outside the range of {@link LocalDateTime}, counting the row as read. */
  private void checkEpochSecond(long epochSecond, long row) {
    if (epochSecond < MIN_EPOCH_SECOND || epochSecond > MAX_EPOCH_SECOND) {
      rows++;
      Checks.integerInRange(
          INDEXED.name("epochSecond", row), epochSecond, MIN_EPOCH_SECOND, MAX_EPOCH_SECOND);
    }
  }

  /** Rejects a day outside the range of {@link LocalDate}, counting the row as read. */
  private void checkEpochDay(long epochDay, long row) {
    if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
      rows++;
      Checks.integerInRange(INDEXED.name("epochDay", row), epochDay, MIN_EPOCH_DAY, MAX_EPOCH_DAY);
    }
  }

  static LocalDateTime time(long epochSecond) {
    return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
  }
}
