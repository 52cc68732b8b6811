package org.clvkit.core.kpi;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed KPIs. Reference values of the discounted sums were computed independently in exact
 * rational arithmetic (Python {@code fractions}: e.g. {@code sum(F(c) / F(11, 10)**t ...)}) and are
 * checked to 1e-12 relative.
 */
class KpisTest {
  static final Tolerance CLOSE = Tolerance.relative(1e-12);

  @Test
  void formulas_handComputed() {
    assertEquals(43.0, Kpis.averageRevenuePerUser(215, 5));
    assertEquals(215.0 / 11, Kpis.averageOrderValue(215, 11));
    assertEquals(2.2, Kpis.purchaseFrequency(11, 5));
    assertEquals(0.6, Kpis.repeatPurchaseRate(3, 5));
    // 2,000 customers at the start, 2,200 at the end of whom 500 new: (2200 - 500) / 2000.
    assertEquals(0.85, Kpis.retentionRate(2000, 2200, 500));
    assertEquals(0.15, Kpis.churnRate(2000, 2200, 500));
    assertEquals(1.0, Kpis.retentionRate(10, 10, 0));
    assertEquals(0.0, Kpis.churnRate(10, 10, 0));
    assertEquals(1.0, Kpis.churnRate(10, 0, 0));
  }

  @Test
  void netPresentValue_handComputed() {
    // 300 / 1.1 + 400 / 1.1^2 + 500 / 1.1^3 - 1000 in exact fractions (3000/11 + 40000/121 +
    // 500000/1331 - 1000 = -28000/1331), each rounded once; 1e-12 relative covers the method's
    // own rounding.
    double npv = -28000.0 / 1331;
    CLOSE.check("npv", npv, Kpis.netPresentValue(1000, new double[] {300, 400, 500}, 0.1));
    CLOSE.check(
        "roi", npv / 1000, Kpis.returnOnInvestment(1000, new double[] {300, 400, 500}, 0.1));
    assertEquals(-5.0, Kpis.netPresentValue(5, new double[0], 0.1));
    assertEquals(10.0, Kpis.netPresentValue(0, new double[] {5, 5}, 0.0));
  }

  @Test
  void retentionProgramme_handComputed() {
    // 1,000 customers, retention 0.6 -> 0.7, margin 50 a period, 5,000 upfront, 1,000 a period, 3
    // periods at 10 %: extra retained 100, 130, 127 customers; cash 4000, 5500, 5350.
    RetentionProgramme p = new RetentionProgramme(1000, 0.6, 0.7, 50, 5000, 1000, 3, 0.1);
    double[] cash = p.cashFlows();
    assertEquals(3, cash.length);
    for (int t = 0; t < 3; t++) {
      CLOSE.check("cash " + t, new double[] {4000, 5500, 5350}[t], cash[t]);
    }
    // NPV = 4000/1.1 + 5500/1.1^2 + 5350/1.1^3 - 5000 = 9585000/1331 in exact fractions (7201.35);
    // ROI = NPV / (5000 + 1000 (1/1.1 + 1/1.1^2 + 1/1.1^3)) = 1917/1993 (0.96187).
    CLOSE.check("npv", 9585000.0 / 1331, p.netPresentValue());
    CLOSE.check("roi", 1917.0 / 1993, p.returnOnInvestment());
  }

  @Test
  void netPromoterScore_handComputed() {
    NetPromoterScore nps = NetPromoterScore.of(new int[] {10, 9, 9, 8, 7, 6, 0, 10, 3, 9});
    assertEquals(new NetPromoterScore(5, 2, 3), nps);
    assertEquals(10, nps.answers());
    assertEquals(20.0, nps.score());
    assertEquals(-100.0, NetPromoterScore.of(new int[] {0, 6}).score());
    assertEquals(100.0, NetPromoterScore.of(new int[] {9}).score());
    assertEquals(0.0, NetPromoterScore.of(new int[] {7, 8}).score());
  }

  // ---- one test per rule, exact messages ----

  @Test
  void formulas_rejectZeroDenominators() {
    assertRejects("customers must be > 0, was 0", () -> Kpis.averageRevenuePerUser(10, 0));
    assertRejects("orders must be > 0, was 0", () -> Kpis.averageOrderValue(10, 0));
    assertRejects("customers must be > 0, was 0", () -> Kpis.purchaseFrequency(3, 0));
    assertRejects("start must be > 0, was 0", () -> Kpis.retentionRate(0, 5, 5));
  }

  @Test
  void formulas_rejectInconsistentCounts() {
    assertRejects("repeatCustomers must be in [0, 5], was 6", () -> Kpis.repeatPurchaseRate(6, 5));
    assertRejects(
        "end must be in [500, 2500], was 2600", () -> Kpis.retentionRate(2000, 2600, 500));
    assertRejects("end must be in [500, 2500], was 400", () -> Kpis.churnRate(2000, 400, 500));
    assertRejects(
        "orders must be in [0, 9223372036854775807], was -1", () -> Kpis.purchaseFrequency(-1, 5));
  }

  @Test
  void formulas_rejectNonFiniteMoney() {
    assertRejects(
        "revenue must be finite, was NaN", () -> Kpis.averageRevenuePerUser(Double.NaN, 5));
    assertRejects(
        "cashFlows[1] must be finite, was Infinity",
        () -> Kpis.netPresentValue(1, new double[] {1, Double.POSITIVE_INFINITY}, 0.1));
    assertRejects(
        "discountRate must be finite and > -1.0, was -1.0",
        () -> Kpis.netPresentValue(1, new double[] {1}, -1));
    assertRejects(
        "investment must be finite and > 0, was 0.0",
        () -> Kpis.returnOnInvestment(0, new double[] {1}, 0.1));
    assertRejects("cashFlows must not be null", () -> Kpis.netPresentValue(1, null, 0.1));
  }

  @Test
  void retentionProgramme_rejectsBadFields() {
    assertRejects(
        "improvedRetention must be in [0, 1], was 1.5",
        () -> new RetentionProgramme(10, 0.5, 1.5, 1, 1, 1, 3, 0.1));
    assertRejects(
        "periods must be > 0, was 0", () -> new RetentionProgramme(10, 0.5, 0.6, 1, 1, 1, 0, 0.1));
    assertRejects(
        "upfrontCost must be finite and >= 0, was -1.0",
        () -> new RetentionProgramme(10, 0.5, 0.6, 1, -1, 1, 3, 0.1));
    assertRejects(
        "present value of the programme's costs must be finite and > 0, was 0.0",
        () -> new RetentionProgramme(10, 0.5, 0.6, 1, 0, 0, 3, 0.1).returnOnInvestment());
  }

  @Test
  void netPromoterScore_rejectsAnswersOutsideTheScale() {
    assertRejects(
        "answers[2] must be in [0, 10], was 11", () -> NetPromoterScore.of(new int[] {1, 2, 11}));
    assertRejects(
        "answers[0] must be in [0, 10], was -1", () -> NetPromoterScore.of(new int[] {-1}));
    assertRejects("answers must not be empty", () -> NetPromoterScore.of(new int[0]));
    assertRejects("answers must not be null", () -> NetPromoterScore.of(null));
    assertRejects(
        "promoters + passives + detractors must be > 0, was 0",
        () -> new NetPromoterScore(0, 0, 0));
    assertRejects(
        "passives must be in [0, 9223372036854775807], was -1",
        () -> new NetPromoterScore(1, -1, 0));
  }

  @Test
  void cashFlows_areCopies() {
    RetentionProgramme p = new RetentionProgramme(1, 0.5, 0.5, 1, 0, 0, 2, 0);
    assertArrayEquals(new double[] {0, 0}, p.cashFlows());
  }
}
