package org.clvkit.core.data;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collector;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.Parallel;

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
 *
 * <p><b>Parts.</b> This class is the entry point (rows in, summaries out, combining); the row
 * checks are {@code RowRules}, the packed per-customer storage {@code CustomerStates}, the ids'
 * dense index {@code CustomerIndex}, and the column entry points' engine {@code BucketedSummaries}
 * (all package-private).
 */
public final class SummaryAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;

  static final long SECONDS_PER_DAY = RowRules.SECONDS_PER_DAY;

  private static final RowRules.RowNames INDEXED = RowRules.INDEXED;

  /** The most customers one accumulator holds (its state is one array); combine beyond. */
  static final int MAX_CUSTOMERS = CustomerStates.MAX_CUSTOMERS;

  private final SummaryOptions options;
  private final CustomerIndex index;
  private final RowRules rules;
  private final CustomerStates states;
  private long rows;

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
    int capacity = Math.max(16, Math.min(expectedCustomers, 1 << 24));
    this.index = new CustomerIndex(capacity);
    this.rules = new RowRules(options);
    this.states = new CustomerStates(options, capacity);
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

  /**
   * Whether a row of customer {@code customerId} was admitted so far (dropped rows do not count).
   *
   * @param customerId the customer; not null
   */
  public boolean hasCustomer(String customerId) {
    Checks.notNull("customerId", customerId);
    return index.find(customerId) >= 0;
  }

  /** What the row policies did so far: zero amounts kept, rows dropped by reason. */
  public PolicyCounts policyCounts() {
    return rules.counts();
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
    checkEpochSecond(epochSecond, rows, INDEXED);
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
    checkEpochSecond(epochSecond, rows, INDEXED);
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
    checkEpochSecond(epochSecond, line, RowRules.LINES);
    acceptRow(customerId, epochSecond, amount, line, RowRules.LINES);
  }

  /**
   * As {@link #acceptAtLine(long, String, long, double)} for the customer whose id is {@code
   * Long.toString(customerId)}, kept as a number (see {@link #acceptEpochDay(long, long, double)}).
   *
   * @param line the line number to name in messages
   * @param customerId the customer
   * @param epochSecond seconds since 1970-01-01T00:00, within the range of {@link LocalDateTime}
   * @param amount the value; finite; zero and negative values follow the options' policies
   */
  public void acceptAtLine(long line, long customerId, long epochSecond, double amount) {
    checkEpochSecond(epochSecond, line, RowRules.LINES);
    acceptRow(customerId, epochSecond, amount, line, RowRules.LINES);
  }

  /** The kernel behind every {@code accept}: validates, applies the policies and adds the row. */
  void acceptRow(String id, long second, double amount, long row, RowRules.RowNames names) {
    rows++;
    if (id == null) {
      Checks.notNull(names.name("customerId", row), id);
    }
    long key = rules.admit(second, amount, row, names);
    if (key == RowRules.DROPPED) {
      return;
    }
    int before = index.size();
    add(index.add(id), before, key, second, amount == 0 ? 0.0 : amount, row, names);
  }

  /** As {@link #acceptRow(String, long, double, long, RowRules.RowNames)} for a {@code long} id. */
  void acceptRow(long id, long second, double amount, long row, RowRules.RowNames names) {
    rows++;
    long key = rules.admit(second, amount, row, names);
    if (key == RowRules.DROPPED) {
      return;
    }
    int before = index.size();
    add(index.add(id), before, key, second, amount == 0 ? 0.0 : amount, row, names);
  }

  /** Adds an admitted purchase to customer c, who is new when {@code c == before}. */
  private void add(
      int c, int before, long key, long second, double amount, long row, RowRules.RowNames names) {
    if (c == before) {
      states.start(c, key, amount, row);
    } else {
      states.add(c, key, second, amount, row, names, index);
    }
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
        states.copy(other.states, j, c);
      } else {
        states.merge(other.states, j, c, index);
      }
    }
    rows += other.rows;
    rules.add(other.rules);
    return this;
  }

  /**
   * The summaries of what was accepted so far. The accumulator stays usable; the result is an
   * independent snapshot.
   *
   * @return one row per customer with calibration purchases, in order of first acceptance
   */
  public CustomerSummaries result() {
    SummaryColumns out =
        new SummaryColumns(options, calibrationCustomers(), index.size(), index.hasLongKeys());
    int i = 0;
    int h = 0;
    for (int c = 0; c < index.size(); c++) {
      states.write(c, index, out, states.isCalibrationCustomer(c) ? i++ : h++);
    }
    return out.summaries(rows, policyCounts());
  }

  /**
   * The summaries of accumulators whose customers are disjoint, part after part: the same
   * summaries, bit for bit and in the same order, as one accumulator fed the first part's rows,
   * then the second's, and so on, would give ({@link #result()}); nothing is combined, so a log
   * grouped by customer into parts can be summarised part by part on several threads, each part by
   * an accumulator of its own (small enough that its customers stay in a core's cache). Row counts
   * and {@link #policyCounts()} are summed. The parts stay usable.
   *
   * @param parts accumulators with equal options and no customer in common (not checked: a customer
   *     in two parts would be listed twice); not empty
   * @param executor the caller's executor for writing the parts' customers out; null writes in this
   *     thread
   * @param tasks number of tasks, in [1, 127]
   * @return one row per customer with calibration purchases: the first part's customers in their
   *     order, then the second's, ...
   */
  public static CustomerSummaries resultOfDisjoint(
      List<SummaryAccumulator> parts, Executor executor, int tasks) {
    Checks.notNull("parts", parts);
    Checks.integerInRange("tasks", tasks, 1, MAX_TASKS);
    if (parts.isEmpty()) {
      throw Checks.fail("parts must not be empty");
    }
    SummaryAccumulator[] accumulators = parts.toArray(new SummaryAccumulator[0]);
    SummaryOptions options = Checks.notNull("parts[0]", accumulators[0]).options;
    int k = accumulators.length;
    int[] calibrationAt = new int[k + 1];
    int[] holdoutAt = new int[k + 1];
    boolean longKeys = true;
    long rows = 0;
    PolicyCounts counts = PolicyCounts.NONE;
    for (int j = 0; j < k; j++) {
      SummaryAccumulator acc = Checks.notNull("parts[" + j + "]", accumulators[j]);
      Checks.same("parts[" + j + "].options", acc.options, "parts[0].options", options);
      int calibration = acc.calibrationCustomers();
      calibrationAt[j + 1] = calibrationAt[j] + calibration;
      holdoutAt[j + 1] = holdoutAt[j] + acc.customers() - calibration;
      longKeys &= acc.hasLongKeys();
      rows += acc.rows;
      counts = counts.plus(acc.policyCounts());
    }
    SummaryColumns out =
        new SummaryColumns(options, calibrationAt[k], calibrationAt[k] + holdoutAt[k], longKeys);
    Parallel.run(
        executor,
        0,
        k,
        Math.min(tasks, k),
        (from, to) -> {
          for (int j = from; j < to; j++) {
            SummaryAccumulator acc = accumulators[j];
            int i = calibrationAt[j];
            int h = holdoutAt[j];
            for (int c = 0; c < acc.customers(); c++) {
              acc.writeCustomer(c, out, acc.isCalibrationCustomer(c) ? i++ : h++);
            }
          }
        });
    return out.summaries(rows, counts);
  }

  /** The number of customers with a calibration purchase, the rows of the result. */
  int calibrationCustomers() {
    int n = 0;
    for (int c = 0; c < index.size(); c++) {
      if (states.isCalibrationCustomer(c)) {
        n++;
      }
    }
    return n;
  }

  /** Whether customer c has a calibration purchase (else only holdout ones). */
  boolean isCalibrationCustomer(int c) {
    return states.isCalibrationCustomer(c);
  }

  /** Writes customer c at {@code position} of the result (see {@link CustomerStates#write}). */
  void writeCustomer(int c, SummaryColumns out, int position) {
    states.write(c, index, out, position);
  }

  /** Whether every customer so far was given a {@code long} id. */
  boolean hasLongKeys() {
    return index.hasLongKeys();
  }

  /** Starts recording each new customer's row (for {@link BucketedSummaries}). */
  void recordFirstRows() {
    states.recordFirstRows();
  }

  /** The row at which customer c was first admitted; after {@link #recordFirstRows()}. */
  long firstRow(int c) {
    return states.firstRow(c);
  }

  /** The rows offered to this accumulator, for a merge of buckets. */
  long rowCount() {
    return rows;
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
    checkEpochSecond(epochSecond, row, INDEXED);
    acceptRow(id, epochSecond, amount, row, INDEXED);
  }

  /** {@link #acceptEpochSecond(String, long, double)} naming the row by {@code row}. */
  void acceptSecondAt(String id, long epochSecond, double amount, long row) {
    checkEpochSecond(epochSecond, row, INDEXED);
    acceptRow(id, epochSecond, amount, row, INDEXED);
  }

  /** Rejects a time outside the range of {@link LocalDateTime}, counting the row as read. */
  private void checkEpochSecond(long epochSecond, long row, RowRules.RowNames names) {
    if (epochSecond < RowRules.MIN_EPOCH_SECOND || epochSecond > RowRules.MAX_EPOCH_SECOND) {
      rows++;
      RowRules.checkEpochSecond(epochSecond, row, names);
    }
  }

  /** Rejects a day outside the range of {@link LocalDate}, counting the row as read. */
  private void checkEpochDay(long epochDay, long row) {
    if (epochDay < RowRules.MIN_EPOCH_DAY || epochDay > RowRules.MAX_EPOCH_DAY) {
      rows++;
      RowRules.checkEpochDay(epochDay, row);
    }
  }

  static LocalDateTime time(long epochSecond) {
    return RowRules.time(epochSecond);
  }
}
