package org.clvkit.core.lifecycle;

import static org.clvkit.core.lifecycle.LifecycleStage.AT_RISK;
import static org.clvkit.core.lifecycle.LifecycleStage.CHURNED;
import static org.clvkit.core.lifecycle.LifecycleStage.DEVELOPING;
import static org.clvkit.core.lifecycle.LifecycleStage.ESTABLISHED;
import static org.clvkit.core.lifecycle.LifecycleStage.NEW;
import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.SplittableRandom;
import org.clvkit.core.data.CustomerSummary;
import org.clvkit.core.data.TimeScale;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class StageRulesTest {
  /** Weeks: established at 4 purchases, at risk after 8 quiet weeks, churned after 26. */
  private static final StageRules RULES = StageRules.of(4, 8, 26);

  private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 1, 0, 0);

  @Test
  void stage_followsTheDocumentedRulesInOrder() {
    assertEquals(NEW, RULES.stage(1, 0, 0));
    assertEquals(NEW, RULES.stage(1, 7.99, 7.99));
    assertEquals(DEVELOPING, RULES.stage(2, 5, 1));
    assertEquals(DEVELOPING, RULES.stage(3, 50, 7.9));
    assertEquals(ESTABLISHED, RULES.stage(4, 10, 0));
    assertEquals(ESTABLISHED, RULES.stage(40, 100, 7.999));
    assertEquals(AT_RISK, RULES.stage(10, 100, 25.99));
    assertEquals(AT_RISK, RULES.stage(1, 9, 9));
    assertEquals(CHURNED, RULES.stage(1, 30, 30));
    assertEquals(CHURNED, RULES.stage(10, 100, 60));
    assertEquals(RULES.stage(2, 5, 1).index(), RULES.assign(2, 5, 1));
  }

  @Test
  void stage_thresholdsAreInclusive() {
    assertEquals(AT_RISK, RULES.stage(4, 8, 8));
    assertEquals(CHURNED, RULES.stage(4, 26, 26));
    StageRules noAtRisk = StageRules.of(3, 10, 10);
    assertEquals(DEVELOPING, noAtRisk.stage(2, 20, 9.9));
    assertEquals(CHURNED, noAtRisk.stage(2, 20, 10));
  }

  @Test
  void stage_newPeriodKeepsRepeatBuyersNewUntilEstablished() {
    StageRules rules = RULES.withNewPeriod(12);
    assertEquals(NEW, rules.stage(2, 11.9, 1));
    assertEquals(DEVELOPING, rules.stage(2, 12, 1));
    assertEquals(ESTABLISHED, rules.stage(4, 5, 0));
    assertEquals(AT_RISK, rules.stage(2, 11, 9));
  }

  @Test
  void stage_winBackReturnsChurnedBuyerToActiveStage() {
    assertEquals(CHURNED, RULES.stage(5, 60, 30));
    assertEquals(ESTABLISHED, RULES.stage(6, 60, 0));
    assertEquals(CHURNED, RULES.stage(2, 40, 30));
    assertEquals(DEVELOPING, RULES.stage(3, 40, 0));
  }

  @Test
  void periodsUntilNextChange_handChecked() {
    Tolerance exact = Tolerance.ulps(0);
    exact.check("new customer", 8, RULES.periodsUntilNextChange(1, 0, 0));
    exact.check("developing", 7, RULES.periodsUntilNextChange(2, 5, 1));
    exact.check("at risk", 16, RULES.periodsUntilNextChange(5, 50, 10));
    assertEquals(Double.POSITIVE_INFINITY, RULES.periodsUntilNextChange(5, 50, 26));
    StageRules window = RULES.withNewPeriod(12);
    exact.check("new by window", 2, window.periodsUntilNextChange(2, 10, 1));
    exact.check("at risk first", 1, window.periodsUntilNextChange(2, 10, 7));
    exact.check("one purchase ignores window", 5, window.periodsUntilNextChange(1, 3, 3));
  }

  @Test
  void periodsUntilNextChange_isWhenTheStageChanges() {
    Seeded.qt()
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              StageRules rules = randomRules(random);
              int n = 1 + random.nextInt(8);
              double f = random.nextDouble(0, 40);
              double l = n == 1 ? f : random.nextDouble(0, f);
              LifecycleStage now = rules.stage(n, f, l);
              double d = rules.periodsUntilNextChange(n, f, l);
              if (d == Double.POSITIVE_INFINITY) {
                assertEquals(CHURNED, now);
                assertEquals(CHURNED, rules.stage(n, f + 1e6, l + 1e6));
                return;
              }
              assertTrue(d > 0);
              assertEquals(now, rules.stage(n, f + d * (1 - 1e-9), l + d * (1 - 1e-9)));
              assertNotEquals(now, rules.stage(n, f + d * (1 + 1e-9), l + d * (1 + 1e-9)));
            });
  }

  @Test
  void nextChange_timersWalkAQuietCustomerToChurn() {
    // Five purchases, the last on 2024-03-01: ESTABLISHED, then AT_RISK 8 weeks later (2024-04-26),
    // CHURNED 26 weeks later (2024-08-30), then no further change.
    LocalDateTime first = LocalDateTime.of(2023, 6, 1, 0, 0);
    TimeScale weeks = TimeScale.WEEKS;
    assertEquals(ESTABLISHED.index(), RULES.assign(5, first, T0, T0, weeks));
    Optional<LocalDateTime> atRisk = RULES.nextChange(5, first, T0, T0, weeks);
    assertEquals(Optional.of(LocalDateTime.of(2024, 4, 26, 0, 0)), atRisk);
    assertEquals(AT_RISK.index(), RULES.assign(5, first, T0, atRisk.get(), weeks));
    assertEquals(
        ESTABLISHED.index(), RULES.assign(5, first, T0, atRisk.get().minusNanos(1), weeks));
    Optional<LocalDateTime> churned = RULES.nextChange(5, first, T0, atRisk.get(), weeks);
    assertEquals(Optional.of(LocalDateTime.of(2024, 8, 30, 0, 0)), churned);
    assertEquals(CHURNED.index(), RULES.assign(5, first, T0, churned.get(), weeks));
    assertEquals(Optional.empty(), RULES.nextChange(5, first, T0, churned.get(), weeks));
  }

  @Test
  void nextChange_isTheExactNanosecondOfTheChange() {
    TimeScale[] scales = {
      TimeScale.DAYS,
      TimeScale.WEEKS,
      TimeScale.of(Duration.ofDays(30)),
      TimeScale.of(Duration.ofHours(730)),
      TimeScale.of(Duration.ofSeconds(12_345, 678_901))
    };
    Seeded.qt()
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              StageRules rules = randomRules(random);
              TimeScale scale = scales[random.nextInt(scales.length)];
              long periodNanos = scale.period().toNanos();
              int n = 1 + random.nextInt(8);
              LocalDateTime first = T0.plusNanos(random.nextLong(0, 1_000_000_000_000L));
              LocalDateTime last =
                  n == 1 ? first : first.plusNanos(random.nextLong(0, 30 * periodNanos));
              LocalDateTime asOf = last.plusNanos(random.nextLong(0, 40 * periodNanos));
              int now = rules.assign(n, first, last, asOf, scale);
              Optional<LocalDateTime> change = rules.nextChange(n, first, last, asOf, scale);
              if (change.isEmpty()) {
                assertEquals(CHURNED.index(), now);
                return;
              }
              LocalDateTime t = change.get();
              assertTrue(t.isAfter(asOf));
              assertNotEquals(now, rules.assign(n, first, last, t, scale));
              assertEquals(now, rules.assign(n, first, last, t.minusNanos(1), scale));
            });
  }

  @Test
  void assign_fromCustomerSummary() {
    LocalDateTime first = LocalDateTime.of(2024, 1, 1, 0, 0);
    LocalDateTime last = first.plusWeeks(10);
    CustomerSummary summary = new CustomerSummary("c1", 2, 10, 20, 5, 15, 3, first, last);
    // As of the end of observation: f = age = 20, l = age - recency = 10 quiet weeks.
    assertEquals(AT_RISK.index(), RULES.assign(summary));
    // As of one week after the last purchase: f = 11, l = 1.
    assertEquals(DEVELOPING.index(), RULES.assign(summary, last.plusWeeks(1), TimeScale.WEEKS));
    assertEquals(
        Optional.of(last.plusWeeks(8)),
        RULES.nextChange(summary, last.plusWeeks(1), TimeScale.WEEKS));
  }

  @Test
  void assign_columnsEqualPerCustomer() {
    Seeded.qt(50)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              StageRules rules = randomRules(random);
              int size = 1 + random.nextInt(40);
              double[] n = new double[size];
              double[] f = new double[size];
              double[] l = new double[size];
              for (int i = 0; i < size; i++) {
                n[i] = 1 + random.nextInt(8);
                f[i] = random.nextDouble(0, 40);
                l[i] = n[i] == 1 ? f[i] : random.nextDouble(0, f[i]);
              }
              int from = random.nextInt(size + 1);
              int to = from + random.nextInt(size - from + 1);
              int[] stages = new int[size];
              double[] periods = new double[size];
              java.util.Arrays.fill(stages, -1);
              java.util.Arrays.fill(periods, -1);
              rules.assign(n, f, l, from, to, stages);
              rules.periodsUntilNextChange(n, f, l, from, to, periods);
              for (int i = 0; i < size; i++) {
                boolean inRange = i >= from && i < to;
                assertEquals(inRange ? rules.assign((int) n[i], f[i], l[i]) : -1, stages[i]);
                assertEquals(
                    inRange ? rules.periodsUntilNextChange((int) n[i], f[i], l[i]) : -1.0,
                    periods[i]);
              }
            });
    int[] all = new int[2];
    RULES.assign(new double[] {1, 5}, new double[] {0, 30}, new double[] {0, 10}, all);
    assertArrayEquals(new int[] {NEW.index(), AT_RISK.index()}, all);
  }

  @Test
  void constructor_rejectsInvalidThresholds() {
    assertRejects("establishedPurchases must be > 0, was 0", () -> StageRules.of(0, 8, 26));
    assertRejects("newPeriod must be finite and >= 0, was -1.0", () -> RULES.withNewPeriod(-1));
    assertRejects("atRiskAfter must be finite and > 0, was 0.0", () -> StageRules.of(4, 0, 26));
    assertRejects(
        "churnedAfter must be finite and > 0, was Infinity",
        () -> StageRules.of(4, 8, Double.POSITIVE_INFINITY));
    assertRejects(
        "atRiskAfter = 10.0 must be <= churnedAfter = 5.0", () -> StageRules.of(4, 10, 5));
  }

  @Test
  void assign_rejectsInputsOutsideTheDomain() {
    assertRejects("purchaseCount must be > 0, was 0", () -> RULES.assign(0, 1, 1));
    assertRejects(
        "timeSinceFirst must be finite and >= 0, was NaN", () -> RULES.assign(2, Double.NaN, 1));
    assertRejects(
        "timeSinceLast must be finite and >= 0, was -1.0",
        () -> RULES.periodsUntilNextChange(2, 3, -1));
    assertRejects(
        "timeSinceLast = 5.0 must be <= timeSinceFirst = 3.0", () -> RULES.assign(2, 3, 5));
  }

  @Test
  void assign_columnsRejectBadRowsNamingTheRow() {
    double[] f = {3, 3, 2};
    double[] l = {1, 1, 5};
    int[] out = new int[3];
    assertRejects(
        "purchaseCount[1] must be a whole number >= 0, was 1.5",
        () -> RULES.assign(new double[] {1, 1.5, 2}, f, l, out));
    assertRejects(
        "purchaseCount[0] must be > 0, was 0",
        () -> RULES.assign(new double[] {0, 1, 2}, f, l, out));
    assertRejects(
        "timeSinceLast[2] = 5.0 must be <= timeSinceFirst[2] = 2.0",
        () -> RULES.assign(new double[] {1, 2, 2}, f, l, out));
    assertRejects(
        "timeSinceFirst has length 2 but purchaseCount has length 3",
        () -> RULES.assign(new double[] {1, 2, 2}, new double[] {3, 3}, l, out));
    assertRejects(
        "out has length 2 but purchaseCount has length 3",
        () -> RULES.assign(new double[] {1, 2, 2}, f, new double[] {1, 1, 1}, new int[2]));
    assertRejects(
        "range [from, to) = [2, 4) must lie within [0, 3]",
        () -> RULES.periodsUntilNextChange(new double[] {1, 2, 2}, f, l, 2, 4, new double[3]));
  }

  @Test
  void assign_rejectsDatesOutOfOrder() {
    LocalDateTime first = LocalDateTime.of(2024, 1, 1, 0, 0);
    LocalDateTime last = LocalDateTime.of(2024, 2, 1, 0, 0);
    assertRejects(
        "asOf = 2024-01-15T00:00 must not be before lastPurchase = 2024-02-01T00:00",
        () -> RULES.assign(2, first, last, first.plusDays(14), TimeScale.WEEKS));
    assertRejects(
        "lastPurchase = 2024-01-01T00:00 must not be before firstPurchase = 2024-02-01T00:00",
        () -> RULES.nextChange(2, last, first, last, TimeScale.WEEKS));
    assertRejects(
        "asOf must not be null", () -> RULES.nextChange(2, first, last, null, TimeScale.WEEKS));
    assertRejects("summary must not be null", () -> RULES.assign((CustomerSummary) null));
  }

  @Test
  void serialization_roundTrip() {
    StageRules rules = RULES.withNewPeriod(3.5);
    StageRules copy = Chains.roundTrip(rules);
    assertEquals(rules, copy);
    assertEquals(rules.stage(2, 3, 1), copy.stage(2, 3, 1));
  }

  private static StageRules randomRules(SplittableRandom random) {
    double atRisk = random.nextDouble(0.1, 20);
    double churned = atRisk + (random.nextInt(5) == 0 ? 0 : random.nextDouble(0, 20));
    double newPeriod = random.nextBoolean() ? 0 : random.nextDouble(0, 10);
    return new StageRules(1 + random.nextInt(6), newPeriod, atRisk, churned);
  }
}
