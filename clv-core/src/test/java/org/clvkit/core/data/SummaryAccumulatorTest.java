package org.clvkit.core.data;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class SummaryAccumulatorTest {
  static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);

  /** Calibration to the start of 2024-01-31, holdout to the start of 2024-02-29 (29 days). */
  static final SummaryOptions DAILY =
      SummaryOptions.of(TimeScale.DAYS, LocalDate.of(2024, 1, 31))
          .withHoldoutUntil(LocalDate.of(2024, 2, 29));

  /** A purchase row of a test log. */
  record Row(String id, long second, double amount) {
    static Row on(String id, String date, double amount) {
      return new Row(id, LocalDate.parse(date).toEpochDay() * 86_400L, amount);
    }

    Transaction transaction() {
      return new Transaction(id, LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC), amount);
    }
  }

  /**
   * A hand-made log: customer a buys twice on Jan 1, on Jan 11, on Jan 31 (the calibration end
   * date) and twice on Feb 10 (holdout); b once on Jan 20; c only in the holdout.
   */
  static final List<Row> HAND_MADE =
      List.of(
          Row.on("a", "2024-01-11", 20.0),
          Row.on("b", "2024-01-20", 12.0),
          Row.on("a", "2024-02-10", 7.0),
          Row.on("a", "2024-01-01", 10.0),
          Row.on("c", "2024-02-05", 9.0),
          Row.on("a", "2024-01-31", 30.0),
          Row.on("a", "2024-01-01", 5.0),
          Row.on("a", "2024-02-10", 3.0));

  static SummaryAccumulator accumulate(SummaryOptions options, List<Row> rows) {
    SummaryAccumulator acc = new SummaryAccumulator(options);
    for (Row row : rows) {
      acc.acceptEpochSecond(row.id(), row.second(), row.amount());
    }
    return acc;
  }

  @Test
  void result_handMadeLogWithSameDayMerging() {
    CustomerSummaries s = accumulate(DAILY, HAND_MADE).result();
    assertEquals(List.of("a", "b"), s.customerIds());
    // a: calibration days Jan 1 (10 + 5), Jan 11 (20), Jan 31 (30): x = 2, t_x = T = 30 days,
    // mean repeat spend (20 + 30) / 2 = 25, total 65; holdout: one merged purchase of 10 on Feb 10.
    assertEquals(
        new CustomerSummary("a", 2, 30, 30, 25, 65, 3, at(JAN_1), at(JAN_1.plusDays(30))),
        s.summary(0));
    // b: one purchase 11 days before the calibration end.
    LocalDateTime jan20 = at(JAN_1.plusDays(19));
    assertEquals(new CustomerSummary("b", 0, 0, 11, 0, 12, 1, jan20, jan20), s.summary(1));
    assertArrayEquals(new double[] {1, 0}, s.holdoutPurchases());
    assertArrayEquals(new double[] {10, 0}, s.holdoutSpend());
    assertEquals(29.0, s.holdoutLength());
    assertEquals(List.of("c"), s.holdoutOnlyCustomerIds());
    assertEquals(1, s.holdoutOnlyPurchases());
    assertEquals(9.0, s.holdoutOnlySpend());
    assertEquals(8, s.rows());
    assertEquals(2, s.repeatPurchases());
    assertEquals(1, s.repeatCustomers());
    assertEquals(1, s.totalHoldoutPurchases());
    assertArrayEquals(new double[] {0, 11}, s.timeSinceLastPurchase(at(LocalDate.of(2024, 1, 31))));
  }

  @Test
  void result_handMadeLogWithoutMergingTreatsFirstInstantTiesSymmetrically() {
    CustomerSummaries s = accumulate(DAILY.withMergeSameDay(false), HAND_MADE).result();
    // a: four calibration rows, x = 3; the two first-day rows (10 and 5) are tied as first
    // purchase,
    // whose value is taken as their mean 7.5: repeat spend (65 - 7.5) / 3.
    CustomerSummary a = s.summary(s.indexOf("a"));
    assertEquals(3, a.frequency());
    assertEquals(30.0, a.recency());
    assertEquals((65 - 7.5) / 3, a.monetaryValue());
    assertEquals(65.0, a.totalSpend());
    assertArrayEquals(new double[] {2, 0}, s.holdoutPurchases());
  }

  @Test
  void result_weeksDivideDaysBySeven() {
    SummaryOptions weekly =
        new SummaryOptions(
            TimeScale.WEEKS,
            DAILY.calibrationEnd(),
            DAILY.observationEnd(),
            true,
            false,
            RowPolicy.REJECT,
            RowPolicy.REJECT,
            RowPolicy.REJECT);
    CustomerSummaries s = accumulate(weekly, HAND_MADE).result();
    assertArrayEquals(new double[] {30.0 / 7, 0}, s.recency());
    assertArrayEquals(new double[] {30.0 / 7, 11.0 / 7}, s.age());
    assertEquals(29.0 / 7, s.holdoutLength());
  }

  @Test
  void accept_timesOfDayMergeIntoTheStartOfTheDay() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    acc.accept("a", LocalDateTime.of(2024, 1, 1, 9, 30), 4.0);
    acc.accept("a", LocalDateTime.of(2024, 1, 1, 18, 0), 6.0);
    acc.accept("a", LocalDateTime.of(2024, 1, 3, 12, 0), 1.0);
    // On the observation end date, at noon: at the start of its day, so not after the end.
    acc.accept("a", LocalDateTime.of(2024, 2, 29, 12, 0), 2.0);
    CustomerSummaries s = acc.result();
    assertEquals(
        new CustomerSummary("a", 1, 2, 30, 1, 11, 2, at(JAN_1), at(JAN_1.plusDays(2))),
        s.summary(0));
    assertArrayEquals(new double[] {1}, s.holdoutPurchases());
  }

  @Test
  void accept_allOverloadsAgree() {
    SummaryAccumulator a = new SummaryAccumulator(DAILY);
    SummaryAccumulator b = new SummaryAccumulator(DAILY);
    SummaryAccumulator c = new SummaryAccumulator(DAILY);
    SummaryAccumulator d = new SummaryAccumulator(DAILY);
    for (Row row : HAND_MADE) {
      LocalDateTime time = LocalDateTime.ofEpochSecond(row.second(), 0, ZoneOffset.UTC);
      a.accept(row.transaction());
      b.accept(row.id(), time, row.amount());
      c.accept(row.id(), time.toLocalDate(), row.amount());
      d.acceptEpochDay(row.id(), time.toLocalDate().toEpochDay(), row.amount());
    }
    CustomerSummaries expected = accumulate(DAILY, HAND_MADE).result();
    for (SummaryAccumulator acc : List.of(a, b, c, d)) {
      assertSameSummaries(expected, acc.result());
    }
  }

  // ---- one test per validation rule, exact messages ----

  @Test
  void accept_rejectsNullId() {
    assertRejects(
        "customerId[0] must not be null",
        () -> new SummaryAccumulator(DAILY).acceptEpochDay(null, 19_723, 1.0));
  }

  @Test
  void accept_rejectsNonFiniteAmounts() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    assertRejects(
        "amount[0] must be finite, was NaN", () -> acc.acceptEpochDay("a", 19_723, Double.NaN));
    assertRejects(
        "amount[1] must be finite, was Infinity",
        () -> acc.acceptEpochDay("a", 19_723, Double.POSITIVE_INFINITY));
    assertRejects(
        "amount[2] must be finite, was -Infinity",
        () -> acc.accept("a", JAN_1, Double.NEGATIVE_INFINITY));
  }

  @Test
  void accept_rejectsRefundsByDefault() {
    assertRejects(
        "amount[0] must be finite and >= 0, was -5.0",
        () -> new SummaryAccumulator(DAILY).accept("a", JAN_1, -5.0));
  }

  @Test
  void accept_rejectsZeroAmountsByDefault() {
    assertRejects(
        "amount[0] must be finite and > 0, was 0.0",
        () -> new SummaryAccumulator(DAILY).accept("a", JAN_1, 0.0));
    assertRejects(
        "amount[0] must be finite and > 0, was -0.0",
        () -> new SummaryAccumulator(DAILY).accept("a", JAN_1, -0.0));
  }

  @Test
  void accept_rejectsTimesAfterTheObservationEnd() {
    assertRejects(
        "time[0] = 2024-03-01T00:00 must not be after observationEnd = 2024-02-29T00:00",
        () -> new SummaryAccumulator(DAILY).accept("a", LocalDate.of(2024, 3, 1), 1.0));
    // Without merging a time of day on the end date is after the end (an instant).
    assertRejects(
        "time[0] = 2024-02-29T12:00 must not be after observationEnd = 2024-02-29T00:00",
        () ->
            new SummaryAccumulator(DAILY.withMergeSameDay(false))
                .accept("a", LocalDateTime.of(2024, 2, 29, 12, 0), 1.0));
  }

  @Test
  void accept_rejectsMissingTimesAndTransactions() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    assertRejects("transaction[0] must not be null", () -> acc.accept((Transaction) null));
    assertRejects("time[1] must not be null", () -> acc.accept("a", (LocalDateTime) null, 1.0));
    assertRejects("date[2] must not be null", () -> acc.accept("a", (LocalDate) null, 1.0));
    assertEquals(3, acc.rows());
  }

  @Test
  void accept_rejectsEpochValuesOutsideTheCalendar() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    assertRejects(
        "epochDay[0] must be in [-365243219162, 365241780471], was 9223372036854775807",
        () -> acc.acceptEpochDay("a", Long.MAX_VALUE, 1.0));
    assertRejects(
        "epochSecond[1] must be in [-31557014135596800, 31556889832780799], was"
            + " -9223372036854775808",
        () -> acc.acceptEpochSecond("a", Long.MIN_VALUE, 1.0));
  }

  @Test
  void acceptAtLine_namesTheLine() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    assertRejects(
        "amount (line 12) must be finite, was NaN",
        () -> acc.acceptAtLine(12, "a", 19_723 * 86_400L, Double.NaN));
    assertRejects(
        "customerId (line 13) must not be null",
        () -> acc.acceptAtLine(13, null, 19_723 * 86_400L, 1.0));
  }

  @Test
  void accept_orderedInputRejectsAnEarlierDay() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY.withOrderedInput(true));
    acc.accept("a", JAN_1.plusDays(4), 1.0);
    acc.accept("a", JAN_1.plusDays(4), 1.0);
    assertRejects(
        "time[2] = 2024-01-01T00:00 must not be before last purchase of customer \"a\" so far"
            + " = 2024-01-05T00:00",
        () -> acc.accept("a", JAN_1, 1.0));
  }

  @Test
  void accept_rejectedRowLeavesTheSummaryUnchanged() {
    SummaryAccumulator acc = accumulate(DAILY, HAND_MADE);
    CustomerSummaries before = acc.result();
    assertRejects(
        "amount[8] must be finite and >= 0, was -1.0",
        () -> acc.accept("a", JAN_1.plusDays(3), -1));
    assertRejects("amount[9] must be finite and > 0, was 0.0", () -> acc.accept("d", JAN_1, 0));
    assertSameSummaries(before, acc.result());
    assertEquals(10, acc.rows());
  }

  @Test
  void constructor_rejectsNegativeCapacityAndNullOptions() {
    assertRejects(
        "expectedCustomers must be >= 0, was -1", () -> new SummaryAccumulator(DAILY, -1));
    assertRejects("options must not be null", () -> new SummaryAccumulator(null));
    assertRejects("options must not be null", () -> SummaryAccumulator.collector(null));
  }

  @Test
  void options_rejectCalibrationAfterObservationEnd() {
    assertRejects(
        "calibrationEnd = 2024-03-01T00:00 must not be after observationEnd = 2024-02-29T00:00",
        () ->
            new SummaryOptions(
                TimeScale.DAYS,
                LocalDateTime.of(2024, 3, 1, 0, 0),
                LocalDateTime.of(2024, 2, 29, 0, 0),
                true,
                false,
                RowPolicy.REJECT,
                RowPolicy.REJECT,
                RowPolicy.REJECT));
  }

  @Test
  void options_keepOnlyForZeroAmounts() {
    assertRejects(
        "refunds must be REJECT or DROP, was \"KEEP\"", () -> DAILY.withRefunds(RowPolicy.KEEP));
    assertRejects(
        "afterObservationEnd must be REJECT or DROP, was \"KEEP\"",
        () -> DAILY.withAfterObservationEnd(RowPolicy.KEEP));
  }

  @Test
  void options_rejectNulls() {
    assertRejects("timeScale must not be null", () -> SummaryOptions.of(null, JAN_1));
    assertRejects(
        "end must not be null", () -> SummaryOptions.of(TimeScale.DAYS, (LocalDate) null));
    assertRejects("zeroAmounts must not be null", () -> DAILY.withZeroAmounts(null));
    assertRejects("end must not be null", () -> DAILY.withHoldoutUntil((LocalDate) null));
  }

  @Test
  void combine_rejectsDifferentOptionsAndItself() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    SummaryOptions other = DAILY.withMergeSameDay(false);
    assertRejects(
        "other.options = " + other + " must equal options = " + DAILY,
        () -> acc.combine(new SummaryAccumulator(other)));
    assertRejects("other must be a different accumulator than this one", () -> acc.combine(acc));
    assertRejects("other must not be null", () -> acc.combine(null));
  }

  @Test
  void combine_orderedInputRejectsInterleavedDays() {
    SummaryOptions ordered = DAILY.withOrderedInput(true);
    SummaryAccumulator left =
        accumulate(ordered, List.of(Row.on("a", "2024-01-01", 1), Row.on("a", "2024-01-05", 1)));
    SummaryAccumulator right = accumulate(ordered, List.of(Row.on("a", "2024-01-03", 1)));
    assertRejects(
        "first purchase of customer \"a\" in other = 2024-01-03T00:00 must not be before last"
            + " purchase of customer \"a\" = 2024-01-05T00:00",
        () -> left.combine(right));
  }

  // ---- policies ----

  @Test
  void accept_dropPoliciesCountEveryDroppedRow() {
    SummaryOptions dropping =
        DAILY
            .withZeroAmounts(RowPolicy.DROP)
            .withRefunds(RowPolicy.DROP)
            .withAfterObservationEnd(RowPolicy.DROP);
    List<Row> log = new ArrayList<>(HAND_MADE);
    log.add(Row.on("a", "2024-01-02", 0.0));
    log.add(Row.on("d", "2024-01-02", -4.0));
    log.add(Row.on("a", "2024-01-05", -4.0));
    log.add(Row.on("b", "2024-03-01", 8.0));
    log.add(Row.on("b", "2024-03-02", -8.0)); // after the end is checked before the sign
    SummaryAccumulator acc = accumulate(dropping, log);
    assertEquals(new PolicyCounts(0, 1, 2, 2), acc.policyCounts());
    CustomerSummaries s = acc.result();
    assertEquals(13, s.rows());
    assertSameSummaries(accumulate(DAILY, HAND_MADE).result(), s);
    assertEquals(-1, s.indexOf("d"));
  }

  @Test
  void accept_keptZeroAmountsArePurchasesOfValueZero() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY.withZeroAmounts(RowPolicy.KEEP));
    acc.accept("z", JAN_1, 0.0);
    acc.accept("z", JAN_1.plusDays(10), -0.0);
    acc.accept("z", JAN_1.plusDays(20), 6.0);
    CustomerSummaries s = acc.result();
    assertEquals(new PolicyCounts(2, 0, 0, 0), s.policyCounts());
    LocalDateTime last = at(JAN_1.plusDays(20));
    assertEquals(new CustomerSummary("z", 2, 20, 30, 3, 6, 3, at(JAN_1), last), s.summary(0));
    assertEquals(0, Double.doubleToRawLongBits(s.totalSpend()[0] - 6.0));
  }

  // ---- properties ----

  /** A random log over 1 to 20 customers in January to March 2024, with many same-day rows. */
  static List<Row> randomLog(Random random, boolean dyadic) {
    int customers = 1 + random.nextInt(20);
    int size = random.nextInt(150);
    long base = LocalDate.of(2024, 1, 1).toEpochDay() * 86_400L;
    List<Row> rows = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String id = "c" + random.nextInt(customers);
      long second =
          base + random.nextInt(70) * 86_400L + (random.nextBoolean() ? 0 : random.nextInt(86_400));
      double amount =
          switch (random.nextInt(12)) {
            case 0 -> 0.0;
            case 1 -> -1.0 - random.nextInt(50);
            default ->
                dyadic ? 0.25 * (1 + random.nextInt(4_000)) : (1 + random.nextInt(99_999)) / 100.0;
          };
      rows.add(new Row(id, second, amount));
    }
    return rows;
  }

  /** Zero amounts kept, refunds and rows after Feb 29 dropped: every kind of row occurs. */
  static SummaryOptions lenient(boolean merge) {
    return DAILY
        .withMergeSameDay(merge)
        .withZeroAmounts(RowPolicy.KEEP)
        .withRefunds(RowPolicy.DROP)
        .withAfterObservationEnd(RowPolicy.DROP);
  }

  /** Splits the rows (shuffled) into 1 to 6 accumulators, combined pairwise in random order. */
  static SummaryAccumulator splitAndCombine(SummaryOptions options, List<Row> rows, Random random) {
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, random);
    int parts = 1 + random.nextInt(6);
    List<SummaryAccumulator> accs = new ArrayList<>();
    int from = 0;
    for (int p = 0; p < parts; p++) {
      int to = p == parts - 1 ? shuffled.size() : from + random.nextInt(shuffled.size() - from + 1);
      accs.add(accumulate(options, shuffled.subList(from, to)));
      from = to;
    }
    while (accs.size() > 1) {
      SummaryAccumulator a = accs.remove(random.nextInt(accs.size()));
      SummaryAccumulator b = accs.remove(random.nextInt(accs.size()));
      accs.add(a.combine(b));
    }
    return accs.get(0);
  }

  @Test
  void hasCustomer_namesOnlyCustomersWithAnAdmittedRow() {
    SummaryAccumulator acc =
        new SummaryAccumulator(
            SummaryOptions.of(TimeScale.DAYS, LocalDate.of(2024, 1, 31))
                .withZeroAmounts(RowPolicy.DROP));
    acc.acceptEpochDay("a", LocalDate.of(2024, 1, 2).toEpochDay(), 5);
    acc.acceptEpochDay("b", LocalDate.of(2024, 1, 3).toEpochDay(), 0);
    acc.acceptEpochDay(42L, LocalDate.of(2024, 1, 4).toEpochDay(), 3);
    assertEquals(true, acc.hasCustomer("a"));
    assertEquals(false, acc.hasCustomer("b"), "its only row was dropped");
    assertEquals(true, acc.hasCustomer("42"));
    assertEquals(false, acc.hasCustomer("c"));
  }

  @Test
  void combine_anySplitAndOrderEqualsOneAccumulator() {
    for (boolean merge : new boolean[] {true, false}) {
      SummaryOptions options = lenient(merge);
      Seeded.qt()
          .forAll(longs().all())
          .checkAssert(
              seed -> {
                Random random = new Random(seed);
                List<Row> log = randomLog(random, true);
                CustomerSummaries one = accumulate(options, log).result();
                assertSameContent(one, splitAndCombine(options, log, random).result());
              });
    }
  }

  @Test
  void combine_orderedInputSplitInTimeOrderEqualsUnorderedAccumulator() {
    Seeded.qt()
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random random = new Random(seed);
              List<Row> log = new ArrayList<>(randomLog(random, true));
              CustomerSummaries expected = accumulate(lenient(true), log).result();
              log.sort(Comparator.comparingLong(Row::second));
              SummaryOptions ordered = lenient(true).withOrderedInput(true);
              int cut = random.nextInt(log.size() + 1);
              SummaryAccumulator early = accumulate(ordered, log.subList(0, cut));
              SummaryAccumulator late = accumulate(ordered, log.subList(cut, log.size()));
              // Either way round: the day ranges only touch, so the order of combining is free.
              SummaryAccumulator combined =
                  random.nextBoolean() ? early.combine(late) : late.combine(early);
              assertSameContent(expected, combined.result());
            });
  }

  @Test
  void result_matchesTheDefinitionComputedDirectly() {
    for (boolean merge : new boolean[] {true, false}) {
      SummaryOptions options = lenient(merge);
      Seeded.qt()
          .forAll(longs().all())
          .checkAssert(
              seed -> {
                List<Row> log = randomLog(new Random(seed), false);
                assertMatchesDefinition(options, log, accumulate(options, log).result());
              });
    }
  }

  @Test
  void collector_parallelStreamEqualsSequentialLoop() {
    Seeded.qt(50)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              List<Row> log = randomLog(new Random(seed), true);
              List<Transaction> transactions = log.stream().map(Row::transaction).toList();
              CustomerSummaries parallel =
                  transactions.parallelStream()
                      .collect(SummaryAccumulator.collector(lenient(true)));
              CustomerSummaries sequential = accumulate(lenient(true), log).result();
              assertEquals(sequential.customerIds(), parallel.customerIds());
              assertSameContent(sequential, parallel);
            });
  }

  @Test
  void serialization_stateSurvivesARoundTripMidStream() {
    List<Row> log = randomLog(new Random(Seeded.SEED), true);
    int half = log.size() / 2;
    SummaryAccumulator acc = accumulate(lenient(true), log.subList(0, half));
    SummaryAccumulator copy = roundTrip(acc);
    for (Row row : log.subList(half, log.size())) {
      copy.acceptEpochSecond(row.id(), row.second(), row.amount());
    }
    CustomerSummaries expected = accumulate(lenient(true), log).result();
    assertSameContent(expected, copy.result());
    assertSameContent(expected, roundTrip(copy.result()));
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  // ---- helpers ----

  static LocalDateTime at(LocalDate date) {
    return date.atStartOfDay();
  }

  static void assertArrayEquals(double[] expected, double[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
  }

  /** Same customers with bit-identical columns (customer order may differ), same counts. */
  static void assertSameContent(CustomerSummaries expected, CustomerSummaries actual) {
    assertSameSummaries(expected, actual);
    assertEquals(expected.rows(), actual.rows(), "rows");
    assertEquals(expected.policyCounts(), actual.policyCounts(), "policy counts");
  }

  /** Same customers with bit-identical columns (customer order may differ). */
  static void assertSameSummaries(CustomerSummaries expected, CustomerSummaries actual) {
    assertEquals(expected.size(), actual.size(), "customers");
    assertEquals(
        new HashSet<>(expected.holdoutOnlyCustomerIds()),
        new HashSet<>(actual.holdoutOnlyCustomerIds()),
        "holdout-only customers");
    assertEquals(expected.holdoutOnlyPurchases(), actual.holdoutOnlyPurchases());
    assertEquals(expected.holdoutOnlySpend(), actual.holdoutOnlySpend());
    double[] eh = expected.holdoutPurchases();
    double[] ah = actual.holdoutPurchases();
    double[] es = expected.holdoutSpend();
    double[] as = actual.holdoutSpend();
    assertEquals(expected.hasLitt(), actual.hasLitt(), "has litt");
    double[] el = expected.hasLitt() ? expected.litt() : null;
    double[] al = actual.hasLitt() ? actual.litt() : null;
    // litt is a sum of logs: combining ordered halves adds the same terms in another order.
    Tolerance sum = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-12));
    for (int i = 0; i < expected.size(); i++) {
      String id = expected.customerId(i);
      int j = actual.indexOf(id);
      assertEquals(expected.summary(i), actual.summary(j), id);
      assertEquals(eh[i], ah[j], id + " holdout purchases");
      assertEquals(es[i], as[j], id + " holdout spend");
      if (el != null) {
        sum.check(id + " litt", el[i], al[j]);
      }
    }
  }

  /**
   * Recomputes the summary of each customer straight from the definition: group the kept rows by
   * customer and purchase (day or row), sort, and count; compares within 1e-12 relative (sums are
   * added in another order).
   */
  static void assertMatchesDefinition(SummaryOptions options, List<Row> log, CustomerSummaries s) {
    long calEnd = options.calibrationEnd().toEpochSecond(ZoneOffset.UTC);
    long obsEnd = options.observationEnd().toEpochSecond(ZoneOffset.UTC);
    TreeMap<String, List<double[]>> purchases = new TreeMap<>(); // {time, amount, rows}
    for (Row row : log) {
      long t =
          options.mergeSameDay() ? Math.floorDiv(row.second(), 86_400L) * 86_400L : row.second();
      if (t > obsEnd || row.amount() < 0) {
        continue;
      }
      List<double[]> list = purchases.computeIfAbsent(row.id(), k -> new ArrayList<>());
      double[] same = null;
      if (options.mergeSameDay()) {
        for (double[] p : list) {
          if (p[0] == t) {
            same = p;
          }
        }
      }
      if (same == null) {
        list.add(new double[] {t, row.amount(), 1});
      } else {
        same[1] += row.amount();
      }
    }
    Tolerance close = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-12));
    int calibrationCustomers = 0;
    for (var entry : purchases.entrySet()) {
      List<double[]> list = entry.getValue();
      list.sort(Comparator.comparingDouble(p -> p[0]));
      double first = list.get(0)[0];
      if (first > calEnd) {
        assertEquals(-1, s.indexOf(entry.getKey()));
        continue;
      }
      calibrationCustomers++;
      // Without merging, rows at the first instant share the first-purchase role: mean value.
      double firstValue = 0;
      int ties = 0;
      double total = 0;
      double last = first;
      int count = 0;
      int holdout = 0;
      double holdoutSpend = 0;
      for (double[] p : list) {
        if (p[0] == first) {
          firstValue += p[1];
          ties++;
        }
        if (p[0] <= calEnd) {
          total += p[1];
          last = p[0];
          count++;
        } else {
          holdout++;
          holdoutSpend += p[1];
        }
      }
      firstValue /= ties;
      int x = count - 1;
      int i = s.indexOf(entry.getKey());
      String who = entry.getKey();
      assertEquals(x, (int) s.frequency()[i], who + " x");
      double day = options.timeScale().seconds();
      assertEquals((last - first) / day, s.recency()[i], who + " t_x");
      assertEquals((calEnd - first) / day, s.age()[i], who + " T");
      close.check(who + " total", total, s.totalSpend()[i]);
      close.check(who + " zbar", x == 0 ? 0 : (total - firstValue) / x, s.monetaryValue()[i]);
      assertEquals(holdout, (int) s.holdoutPurchases()[i], who + " holdout");
      close.check(who + " holdout spend", holdoutSpend, s.holdoutSpend()[i]);
      if (options.mergeSameDay()) {
        // litt: the logs of the gaps between consecutive distinct calibration days, in periods.
        double litt = 0;
        double previous = first;
        for (double[] p : list) {
          if (p[0] > first && p[0] <= calEnd) {
            litt += Math.log((p[0] - previous) / day);
            previous = p[0];
          }
        }
        close.check(who + " litt", litt, s.litt()[i]);
      } else {
        assertFalse(s.hasLitt(), who + " has litt without merging");
      }
    }
    assertEquals(calibrationCustomers, s.size());
  }
}
