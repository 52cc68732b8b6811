package org.clvkit.core.data;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.clvkit.core.ClvArgumentException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of the summaries: {@code long} customer ids and whole logs in columns, bucketed
 * and spread over tasks, give exactly what one accumulator fed row by row with string ids gives.
 */
class SummaryColumnsTest {
  private static final long DAY = 86_400L;
  private static final LocalDate START = LocalDate.of(2024, 1, 1);
  private static final SummaryOptions OPTIONS =
      SummaryOptions.of(TimeScale.WEEKS, START.plusDays(90)).withHoldoutUntil(START.plusDays(180));

  private static ForkJoinPool pool;

  @BeforeAll
  static void start() {
    pool = new ForkJoinPool(3);
  }

  @AfterAll
  static void stop() {
    pool.shutdown();
  }

  /** A log in columns. */
  record Log(long[] ids, long[] seconds, double[] amounts) {
    String[] stringIds() {
      String[] out = new String[ids.length];
      for (int i = 0; i < ids.length; i++) {
        out[i] = Long.toString(ids[i]);
      }
      return out;
    }

    int size() {
      return ids.length;
    }
  }

  /**
   * A random log: ids among {@code customers} (some negative, some large), times over 200 days (so
   * some after the observation end at day 180) with several rows on some days, amounts with zeros
   * and refunds; in time order when {@code timeOrdered}.
   */
  static Log randomLog(long seed, int rows, int customers, boolean timeOrdered) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] ids = new long[rows];
    long[] seconds = new long[rows];
    double[] amounts = new double[rows];
    long start = START.toEpochDay() * DAY;
    for (int i = 0; i < rows; i++) {
      long c = random.nextInt(customers);
      ids[i] = c % 7 == 0 ? -c : c % 11 == 0 ? Long.MAX_VALUE - c : c;
      seconds[i] = start + random.nextLong(200 * DAY);
      int kind = random.nextInt(40);
      amounts[i] =
          kind == 0 ? 0.0 : kind == 1 ? -5.0 : Math.round(random.nextDouble(1, 100) * 100) / 100.0;
    }
    if (timeOrdered) {
      java.util.Arrays.sort(seconds);
    }
    return new Log(ids, seconds, amounts);
  }

  /** Row by row, string ids, one accumulator: the reference. */
  static CustomerSummaries rowByRow(SummaryOptions options, Log log) {
    SummaryAccumulator acc = new SummaryAccumulator(options);
    for (int i = 0; i < log.size(); i++) {
      acc.acceptEpochSecond(Long.toString(log.ids()[i]), log.seconds()[i], log.amounts()[i]);
    }
    return acc.result();
  }

  /** Every column, every id in order, and every count, exactly (doubles bit for bit). */
  static void assertIdentical(CustomerSummaries expected, CustomerSummaries actual) {
    assertEquals(expected.customerIds(), actual.customerIds());
    assertArrayEquals(expected.frequency(), actual.frequency());
    assertArrayEquals(expected.recency(), actual.recency());
    assertArrayEquals(expected.age(), actual.age());
    assertArrayEquals(expected.monetaryValue(), actual.monetaryValue());
    assertArrayEquals(expected.totalSpend(), actual.totalSpend());
    assertArrayEquals(expected.holdoutPurchases(), actual.holdoutPurchases());
    assertArrayEquals(expected.holdoutSpend(), actual.holdoutSpend());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.summary(i), actual.summary(i));
    }
    assertEquals(expected.holdoutOnlyCustomerIds(), actual.holdoutOnlyCustomerIds());
    assertEquals(expected.holdoutOnlyPurchases(), actual.holdoutOnlyPurchases());
    assertEquals(expected.holdoutOnlySpend(), actual.holdoutOnlySpend());
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.policyCounts(), actual.policyCounts());
  }

  private static SummaryOptions options(boolean merge, boolean ordered) {
    return OPTIONS
        .withMergeSameDay(merge)
        .withOrderedInput(ordered)
        .withZeroAmounts(RowPolicy.KEEP)
        .withRefunds(RowPolicy.DROP)
        .withAfterObservationEnd(RowPolicy.DROP);
  }

  @Test
  void summarize_longIdsEqualRowByRowStringIdsBitForBit() {
    qt(8)
        .forAll(longs().all(), integers().between(1, 5), booleans().all(), booleans().all())
        .checkAssert(
            (seed, tasks, merge, timeOrdered) -> {
              Log log = randomLog(seed, 40_000, 12_000, timeOrdered);
              SummaryOptions options = options(merge, merge && timeOrdered);
              CustomerSummaries expected = rowByRow(options, log);
              assertIdentical(
                  expected,
                  SummaryAccumulator.summarize(options, log.ids(), log.seconds(), log.amounts()));
              assertIdentical(
                  expected,
                  SummaryAccumulator.summarize(
                      options, log.ids(), log.seconds(), log.amounts(), pool, tasks));
              assertIdentical(
                  expected,
                  SummaryAccumulator.summarize(
                      options, log.stringIds(), log.seconds(), log.amounts(), pool, tasks));
            });
  }

  @Test
  void summarize_smallLogsRowByRow() {
    Log log = randomLog(3, 500, 100, false);
    SummaryOptions options = options(true, false);
    assertIdentical(
        rowByRow(options, log),
        SummaryAccumulator.summarize(options, log.ids(), log.seconds(), log.amounts(), pool, 4));
  }

  @Test
  void summarize_throwsTheSequentialExceptionForTheFirstBadRow() {
    Log log = randomLog(5, 30_000, 5_000, false);
    for (int i = 0; i < log.size(); i++) {
      log.amounts()[i] = Math.max(1, log.amounts()[i]);
    }
    log.amounts()[25_000] = Double.NaN;
    log.amounts()[20_000] = -1; // refunds rejected by the plain options
    log.amounts()[20_001] = 0; // zero amounts too
    for (int tasks : new int[] {1, 2, 3}) {
      ClvArgumentException e =
          assertThrows(
              ClvArgumentException.class,
              () ->
                  SummaryAccumulator.summarize(
                      OPTIONS.withAfterObservationEnd(RowPolicy.DROP),
                      log.ids(),
                      log.seconds(),
                      log.amounts(),
                      pool,
                      tasks));
      assertEquals("amount[20000] must be finite and >= 0, was -1.0", e.getMessage());
    }
    String[] ids = log.stringIds();
    ids[100] = null;
    assertRejects(
        "customerId[100] must not be null",
        () ->
            SummaryAccumulator.summarize(
                OPTIONS.withAfterObservationEnd(RowPolicy.DROP),
                ids,
                log.seconds(),
                log.amounts(),
                pool,
                2));
  }

  @Test
  void summarize_rejectsBadColumns() {
    long[] ids = new long[3];
    long[] seconds = new long[3];
    assertRejects(
        "amounts has length 2 but customerIds has length 3",
        () -> SummaryAccumulator.summarize(OPTIONS, ids, seconds, new double[2]));
    assertRejects(
        "epochSeconds has length 4 but customerIds has length 3",
        () -> SummaryAccumulator.summarize(OPTIONS, ids, new long[4], new double[3]));
    assertRejects(
        "tasks must be in [1, 127], was 0",
        () -> SummaryAccumulator.summarize(OPTIONS, ids, seconds, new double[3], pool, 0));
    assertRejects(
        "customerIds must not be null",
        () -> SummaryAccumulator.summarize(OPTIONS, (long[]) null, seconds, new double[3]));
  }

  @Test
  void accept_longIdIsTheCustomerOfItsString() {
    long day = START.toEpochDay();
    SummaryAccumulator acc = new SummaryAccumulator(OPTIONS);
    acc.acceptEpochDay(42L, day, 10);
    acc.acceptEpochDay("42", day + 7, 20);
    acc.acceptEpochDay("042", day + 1, 5); // not the canonical string of 42
    acc.acceptEpochDay(Long.MIN_VALUE, day, 1);
    acc.acceptEpochDay(Long.toString(Long.MIN_VALUE), day + 14, 2);
    acc.acceptEpochSecond(-7L, day * DAY + 3600, 3);
    CustomerSummaries s = acc.result();
    assertEquals(List.of("42", "042", "-9223372036854775808", "-7"), s.customerIds());
    assertEquals(1, s.summary(0).frequency());
    assertEquals(1, s.summary(2).frequency());
    assertEquals(1, s.indexOf("042"));
    assertEquals(0, s.indexOf("42"));
  }

  @Test
  void result_withLongIdsNamesCustomersByTheirStrings() {
    long day = START.toEpochDay();
    SummaryAccumulator acc = new SummaryAccumulator(OPTIONS);
    acc.acceptEpochDay(7L, day, 10);
    acc.acceptEpochDay(123_456_789_012L, day + 3, 20);
    acc.acceptEpochDay(7L, day + 10, 30);
    acc.acceptEpochDay(0L, day + 100, 5); // holdout only
    CustomerSummaries s = acc.result();
    assertEquals(List.of("7", "123456789012"), s.customerIds());
    assertEquals("123456789012", s.customerId(1));
    assertEquals("123456789012", s.summary(1).customerId());
    assertEquals(1, s.indexOf("123456789012"));
    assertEquals(-1, s.indexOf("0123456789012"));
    assertEquals(-1, s.indexOf("x"));
    assertEquals(List.of("0"), s.holdoutOnlyCustomerIds());
    SummaryAccumulator strings = new SummaryAccumulator(OPTIONS);
    strings.acceptEpochDay("7", day, 10);
    strings.acceptEpochDay("123456789012", day + 3, 20);
    strings.acceptEpochDay("7", day + 10, 30);
    strings.acceptEpochDay("0", day + 100, 5);
    assertIdentical(strings.result(), s);
  }

  @Test
  void combine_longAndStringAccumulators() {
    Log log = randomLog(9, 4000, 300, false);
    for (int i = 0; i < log.size(); i++) {
      log.amounts()[i] = Math.rint(log.amounts()[i]); // exact sums in any order
    }
    SummaryOptions options = options(true, false);
    CustomerSummaries expected = rowByRow(options, log);
    for (int split : new int[] {0, 1000, 4000}) {
      SummaryAccumulator longs = new SummaryAccumulator(options);
      SummaryAccumulator strings = new SummaryAccumulator(options);
      for (int i = 0; i < log.size(); i++) {
        if (i < split) {
          strings.acceptEpochSecond(
              Long.toString(log.ids()[i]), log.seconds()[i], log.amounts()[i]);
        } else {
          longs.acceptEpochSecond(log.ids()[i], log.seconds()[i], log.amounts()[i]);
        }
      }
      SummaryAccumulatorTest.assertSameSummaries(expected, strings.combine(longs).result());
    }
    SummaryAccumulator first = new SummaryAccumulator(options);
    SummaryAccumulator second = new SummaryAccumulator(options);
    for (int i = 0; i < log.size(); i++) {
      (i % 2 == 0 ? first : second)
          .acceptEpochSecond(log.ids()[i], log.seconds()[i], log.amounts()[i]);
    }
    SummaryAccumulatorTest.assertSameSummaries(expected, first.combine(second).result());
  }

  @Test
  void serialization_longKeyedAccumulatorSurvivesARoundTrip() throws Exception {
    Log log = randomLog(11, 3000, 400, false);
    SummaryOptions options = options(true, false);
    SummaryAccumulator acc = new SummaryAccumulator(options);
    for (int i = 0; i < 1500; i++) {
      acc.acceptEpochSecond(log.ids()[i], log.seconds()[i], log.amounts()[i]);
    }
    SummaryAccumulator copy = roundTrip(acc);
    for (int i = 1500; i < log.size(); i++) {
      copy.acceptEpochSecond(log.ids()[i], log.seconds()[i], log.amounts()[i]);
    }
    assertIdentical(rowByRow(options, log), copy.result());
  }

  private static SummaryAccumulator roundTrip(SummaryAccumulator acc)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(acc);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SummaryAccumulator) in.readObject();
    }
  }

  @Test
  void parseCanonical_acceptsExactlyTheStringsOfLongs() {
    for (long v : new long[] {0, 7, -7, 42, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1_000_000}) {
      assertEquals(v, CustomerIndex.parseCanonical(Long.toString(v)));
    }
    long none = Long.MIN_VALUE;
    for (String s :
        new String[] {
          "",
          "-",
          "+1",
          "01",
          "-0",
          "00",
          "1a",
          " 1",
          "9223372036854775808",
          "-9223372036854775808",
          "123456789012345678901"
        }) {
      assertEquals(none, CustomerIndex.parseCanonical(s), s);
    }
  }
}
