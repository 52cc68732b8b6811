package org.clvkit.core.kpi;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.Transaction;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

class ActivityTableTest {
  static final LocalDateTime MONDAY = LocalDateTime.of(2024, 1, 1, 0, 0);

  /**
   * A hand-made log over four weeks from Monday 2024-01-01. Week 0: a twice (10, 20), b (40). Week
   * 1: a (15), c (8), d (30). Week 2: b (40), c (12). Week 3: a (5), c (10), e (25).
   */
  static final List<Transaction> LOG =
      List.of(
          order("a", "2024-01-01", 10),
          order("a", "2024-01-03", 20),
          order("b", "2024-01-02", 40),
          order("a", "2024-01-09", 15),
          order("c", "2024-01-10", 8),
          order("d", "2024-01-12", 30),
          order("b", "2024-01-16", 40),
          order("c", "2024-01-17", 12),
          order("a", "2024-01-23", 5),
          order("c", "2024-01-25", 10),
          order("e", "2024-01-28", 25));

  static Transaction order(String id, String date, double amount) {
    return Transaction.of(id, LocalDate.parse(date), amount);
  }

  static ActivityTable table(List<Transaction> log) {
    ActivityTable.Accumulator acc = ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 4);
    log.forEach(acc::accept);
    return acc.result();
  }

  @Test
  void periods_handComputed() {
    ActivityTable t = table(LOG);
    // active {a,b}, {a,c,d}, {b,c}, {a,c,e}; new {a,b}, {c,d}, {}, {e}
    int[] active = {2, 3, 2, 3};
    int[] acquired = {2, 2, 0, 1};
    long[] orders = {3, 3, 2, 3};
    double[] revenue = {70, 53, 52, 40};
    for (int w = 0; w < 4; w++) {
      assertEquals(active[w], t.activeCustomers(w), "active " + w);
      assertEquals(acquired[w], t.newCustomers(w), "new " + w);
      assertEquals(orders[w], t.orders(w), "orders " + w);
      assertEquals(revenue[w], t.revenue(w), "revenue " + w);
      assertEquals(revenue[w] / active[w], t.averageRevenuePerUser(w), "ARPU " + w);
      assertEquals(revenue[w] / orders[w], t.averageOrderValue(w), "AOV " + w);
    }
    // retained: week 1 {a} of {a,b}; week 2 {c} of {a,c,d}; week 3 {c} of {b,c}
    assertEquals(1, t.retainedCustomers(1));
    assertEquals(0.5, t.retentionRate(1));
    assertEquals(1.0 / 3, t.retentionRate(2));
    assertEquals(0.5, t.retentionRate(3));
    assertEquals(0.5, t.churnRate(1));
    assertEquals(2.0 / 3, t.churnRate(2));
    assertEquals(0.5, t.churnRate(3));
  }

  @Test
  void totals_handComputed() {
    ActivityTable t = table(LOG);
    assertEquals(5, t.customers());
    assertEquals(11, t.orders());
    assertEquals(215.0, t.revenue());
    assertEquals(43.0, t.averageRevenuePerUser());
    assertEquals(215.0 / 11, t.averageOrderValue());
    assertEquals(2.2, t.purchaseFrequency());
    assertEquals(3, t.repeatCustomers()); // a (4 orders), b (2), c (3)
    assertEquals(0.6, t.repeatPurchaseRate());
  }

  @Test
  void cohorts_handComputed() {
    ActivityTable t = table(LOG);
    // cohort 0 {a,b}: week 0 both, week 1 a, week 2 b, week 3 a
    int[][] counts = {{2, 1, 1, 1}, {2, 1, 1}, {0, 0}, {1}};
    double[][] rates = {{1, 0.5, 0.5, 0.5}, {1, 0.5, 0.5}, null, {1}};
    for (int c = 0; c < 4; c++) {
      for (int k = 0; k < 4 - c; k++) {
        assertEquals(counts[c][k], t.cohortActive(c, k), "cohort " + c + " k " + k);
        if (rates[c] != null) {
          assertEquals(rates[c][k], t.cohortRetention(c, k), "rate " + c + " k " + k);
        }
      }
    }
    assertRejects("newCustomers(2) must be > 0 to divide by, was 0", () -> t.cohortRetention(2, 1));
  }

  @Test
  void retentionRate_differsFromTheCountFormulaByReactivations() {
    // Week 1: 2 active before, 3 after of whom 2 new: both definitions give 1/2. Week 2: b returns
    // after skipping week 1; the count formula (2 - 0) / 3 counts b as retained, the table does
    // not.
    ActivityTable t = table(LOG);
    assertEquals(Kpis.retentionRate(2, 3, 2), t.retentionRate(1));
    assertEquals(2.0 / 3, Kpis.retentionRate(3, 2, 0));
    assertEquals(1.0 / 3, t.retentionRate(2));
  }

  @Test
  void accept_periodBoundariesAreExact() {
    ActivityTable.Accumulator acc = ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 2);
    acc.accept("a", MONDAY.plusDays(7).minusNanos(1), 1);
    acc.accept("b", MONDAY.plusDays(7), 1);
    ActivityTable t = acc.result();
    assertEquals(1, t.activeCustomers(0));
    assertEquals(1, t.activeCustomers(1));
    assertEquals(1, t.newCustomers(1));
  }

  @Test
  void combine_anySplitEqualsOneAccumulator() {
    Seeded.qt(100)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random random = new Random(seed);
              List<Transaction> log = new ArrayList<>();
              int n = random.nextInt(60);
              for (int i = 0; i < n; i++) {
                log.add(
                    Transaction.of(
                        "c" + random.nextInt(8),
                        MONDAY.toLocalDate().plusDays(random.nextInt(28)),
                        random.nextInt(100)));
              }
              ActivityTable one = table(log);
              List<Transaction> shuffled = new ArrayList<>(log);
              Collections.shuffle(shuffled, random);
              int cut = random.nextInt(n + 1);
              ActivityTable.Accumulator left =
                  ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 4);
              ActivityTable.Accumulator right =
                  ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 4);
              shuffled.subList(0, cut).forEach(left::accept);
              shuffled.subList(cut, n).forEach(right::accept);
              ActivityTable two =
                  (random.nextBoolean() ? left.combine(right) : right.combine(left)).result();
              assertEquals(one.customers(), two.customers());
              assertEquals(one.repeatCustomers(), two.repeatCustomers());
              for (int w = 0; w < 4; w++) {
                assertEquals(one.activeCustomers(w), two.activeCustomers(w));
                assertEquals(one.newCustomers(w), two.newCustomers(w));
                assertEquals(one.orders(w), two.orders(w));
                assertEquals(one.revenue(w), two.revenue(w)); // whole amounts: exact sums
                for (int k = 0; k < 4 - w; k++) {
                  assertEquals(one.cohortActive(w, k), two.cohortActive(w, k));
                }
                if (w > 0) {
                  assertEquals(one.retainedCustomers(w), two.retainedCustomers(w));
                }
              }
            });
  }

  // ---- one test per rule, exact messages ----

  @Test
  void accept_rejectsBadRows() {
    ActivityTable.Accumulator acc = ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 4);
    assertRejects("customerId[0] must not be null", () -> acc.accept(null, MONDAY, 1));
    assertRejects(
        "time[1] = 2023-12-31T00:00 must be in [2024-01-01T00:00, 2024-01-29T00:00)",
        () -> acc.accept("a", LocalDate.of(2023, 12, 31), 1));
    assertRejects(
        "time[2] = 2024-01-29T00:00 must be in [2024-01-01T00:00, 2024-01-29T00:00)",
        () -> acc.accept("a", LocalDate.of(2024, 1, 29), 1));
    assertRejects("amount[3] must be finite, was NaN", () -> acc.accept("a", MONDAY, Double.NaN));
    assertRejects("amount[4] must be finite and >= 0, was -2.0", () -> acc.accept("a", MONDAY, -2));
    assertRejects("time[5] must not be null", () -> acc.accept("a", (LocalDateTime) null, 1));
    assertRejects("date[6] must not be null", () -> acc.accept("a", (LocalDate) null, 1));
    assertRejects("transaction[7] must not be null", () -> acc.accept((Transaction) null));
    assertEquals(0, acc.result().customers());
  }

  @Test
  void accumulator_rejectsBadSettings() {
    assertRejects(
        "periods must be > 0, was 0", () -> ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 0));
    assertRejects(
        "start must not be null", () -> ActivityTable.accumulator(null, TimeScale.WEEKS, 1));
    ActivityTable.Accumulator acc = ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 4);
    assertRejects(
        "other.periods = 3 must equal periods = 4",
        () -> acc.combine(ActivityTable.accumulator(MONDAY, TimeScale.WEEKS, 3)));
    assertRejects("other must be a different accumulator than this one", () -> acc.combine(acc));
  }

  @Test
  void rates_rejectEmptyBasesAndOutOfRangePeriods() {
    ActivityTable t = table(LOG.subList(0, 3)); // only week 0
    assertRejects("activeCustomers(1) must be > 0 to divide by, was 0", () -> t.retentionRate(2));
    assertRejects(
        "activeCustomers(2) must be > 0 to divide by, was 0", () -> t.averageRevenuePerUser(2));
    assertRejects("orders must be > 0, was 0", () -> t.averageOrderValue(3));
    assertRejects("t must be in [1, 3], was 0", () -> t.retentionRate(0));
    assertRejects("t must be in [0, 3], was 4", () -> t.activeCustomers(4));
    assertRejects("k must be in [0, 1], was 2", () -> t.cohortActive(2, 2));
  }
}
