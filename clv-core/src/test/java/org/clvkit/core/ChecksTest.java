package org.clvkit.core;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void positive_rejectsNegativeNaNAndInfinity() {
    assertRejects("alpha must be finite and > 0, was -1.0", () -> Checks.positive("alpha", -1.0));
    assertRejects("alpha must be finite and > 0, was 0.0", () -> Checks.positive("alpha", 0.0));
    assertRejects(
        "alpha must be finite and > 0, was NaN", () -> Checks.positive("alpha", Double.NaN));
    assertRejects(
        "alpha must be finite and > 0, was Infinity",
        () -> Checks.positive("alpha", Double.POSITIVE_INFINITY));
    assertEquals(2.5, Checks.positive("alpha", 2.5));
  }

  @Test
  void nonNegative_acceptsZeroRejectsNegative() {
    assertEquals(0.0, Checks.nonNegative("cost", 0.0));
    assertRejects("cost must be finite and >= 0, was -0.5", () -> Checks.nonNegative("cost", -0.5));
  }

  @Test
  void probability_rejectsOutsideUnitInterval() {
    assertRejects(
        "retention must be in [0, 1], was 1.2", () -> Checks.probability("retention", 1.2));
    assertRejects(
        "retention must be in [0, 1], was NaN", () -> Checks.probability("retention", Double.NaN));
    assertEquals(1.0, Checks.probability("retention", 1.0));
  }

  @Test
  void atMost_namesBothSides() {
    assertRejects(
        "recency[17] = 40.0 must be <= age[17] = 39.0",
        () -> Checks.atMost(Checks.indexed("recency", 17), 40.0, Checks.indexed("age", 17), 39.0));
  }

  @Test
  void count_rejectsFractionsAndNegatives() {
    assertRejects(
        "frequency[2] must be a whole number >= 0, was 1.5",
        () -> Checks.count("frequency[2]", 1.5));
    assertRejects(
        "frequency must be a whole number >= 0, was -1.0", () -> Checks.count("frequency", -1));
    assertEquals(3.0, Checks.count("frequency", 3));
  }

  @Test
  void columns_nameTheIndex() {
    assertRejects(
        "x[1] must be finite, was NaN", () -> Checks.finite("x", new double[] {1, Double.NaN}));
    assertRejects("x must not be empty", () -> Checks.notEmpty("x", new double[0]));
    assertRejects("x must not be null", () -> Checks.notEmpty("x", null));
    assertRejects(
        "age has length 3 but frequency has length 4",
        () -> Checks.sameLength("age", 3, "frequency", 4));
    assertRejects("range [from, to) = [2, 9) must lie within [0, 5]", () -> Checks.range(2, 9, 5));
  }

  @Test
  void ranges_andBounds() {
    assertRejects(
        "growth must be finite and < 0.1, was 0.2", () -> Checks.lessThan("growth", 0.2, 0.1));
    assertRejects(
        "discount must be finite and > -1.0, was -1.0",
        () -> Checks.greaterThan("discount", -1, -1));
    assertRejects("margin must be in [0.0, 1.0], was 2.0", () -> Checks.inRange("margin", 2, 0, 1));
    assertRejects("periods must be > 0, was 0", () -> Checks.positive("periods", 0));
    assertRejects("generations must be >= 0, was -1", () -> Checks.nonNegative("generations", -1));
  }

  @Test
  void notEmptyText_rejectsNullAndEmptyText() {
    assertRejects("customerId must not be null", () -> Checks.notEmptyText("customerId", null));
    assertRejects("customerId must not be empty", () -> Checks.notEmptyText("customerId", ""));
    assertEquals(" ", Checks.notEmptyText("customerId", " "));
  }

  @Test
  void integerInRange_printsWithoutDecimals() {
    assertRejects(
        "levels must be in [2, 9], was 12", () -> Checks.integerInRange("levels", 12, 2, 9));
    assertRejects(
        "day must be in [-5, 5], was -6", () -> Checks.integerInRange("day", -6L, -5L, 5L));
    assertEquals(9L, Checks.integerInRange("levels", 9, 2, 9));
    assertEquals(-5L, Checks.integerInRange("day", -5L, -5L, 5L));
  }

  @Test
  void notAfterAndNotBefore_nameBothSides() {
    LocalDate end = LocalDate.of(1998, 6, 30);
    assertRejects(
        "time[4] = 1998-07-01 must not be after observationEnd = 1998-06-30",
        () -> Checks.notAfter("time[4]", end.plusDays(1), "observationEnd", end));
    assertEquals(end, Checks.notAfter("time[4]", end, "observationEnd", end));
    assertRejects(
        "time[5] = 1998-06-29 must not be before last = 1998-06-30",
        () -> Checks.notBefore("time[5]", end.minusDays(1), "last", end));
    assertEquals(end, Checks.notBefore("time[5]", end, "last", end));
  }

  @Test
  void within_isHalfOpen() {
    assertRejects("t = 5 must be in [1, 5)", () -> Checks.within("t", 5, 1, 5));
    assertRejects("t = 0 must be in [1, 5)", () -> Checks.within("t", 0, 1, 5));
    assertEquals(1, Checks.within("t", 1, 1, 5));
  }

  @Test
  void same_namesBothValues() {
    assertRejects(
        "other.scale = 7 must equal scale = 1", () -> Checks.same("other.scale", 7, "scale", 1));
    Checks.same("other.scale", 1, "scale", 1);
  }

  @Test
  void malformed_quotesTheText() {
    assertEquals(
        "amount (line 3, column 5) must be a number, was \"1,5x\"",
        Checks.malformed("amount (line 3, column 5)", "1,5x", "a number").getMessage());
  }

  @Test
  void index_rejectsOutsideZeroToSize() {
    assertRejects("sequence[3] must be in [0, 4], was 7", () -> Checks.index("sequence[3]", 7, 5));
    assertRejects(
        "sequence[0] must be in [0, 4], was -1", () -> Checks.index("sequence[0]", -1, 5));
    assertRejects("sequence[0] must be in [0, 4], was 5", () -> Checks.index("sequence[0]", 5, 5));
    assertEquals(4, Checks.index("stage", 4, 5));
  }

  @Test
  void sumsToOne_rejectsSumOutsideTolerance() {
    assertRejects(
        "transitionMatrix[2] must sum to 1 within 1.0E-9, was 0.875",
        () -> Checks.sumsToOne("transitionMatrix[2]", 0.875, 1e-9));
    assertRejects(
        "p must sum to 1 within 1.0E-9, was NaN", () -> Checks.sumsToOne("p", Double.NaN, 1e-9));
    assertEquals(1.0 + 5e-10, Checks.sumsToOne("p", 1.0 + 5e-10, 1e-9));
  }

  @Test
  void notBlank_rejectsNullEmptyAndWhitespace() {
    assertRejects("names[2] must not be null", () -> Checks.notBlank("names[2]", null));
    assertRejects("names[2] must not be blank, was \" \"", () -> Checks.notBlank("names[2]", " "));
    assertRejects("names[0] must not be blank, was \"\"", () -> Checks.notBlank("names[0]", ""));
    assertEquals("NEW", Checks.notBlank("names[0]", "NEW"));
  }

  @Test
  void atMost_rejectsIntegersAboveTheLimit() {
    assertRejects("size must be <= 10, was 11", () -> Checks.atMost("size", 11L, 10L));
    assertEquals(10L, Checks.atMost("size", 10L, 10L));
  }

  @Test
  void converges_namesTheSeriesAndBothSides() {
    assertRejects(
        "infinite horizon diverges: retention * (1 + growth) = 1.05 must be < 1 + discount = 1.04",
        () ->
            Checks.converges(
                "infinite horizon", "retention * (1 + growth)", 1.05, "1 + discount", 1.04));
    assertRejects(
        "infinite referral chain diverges: expected referrals per customer = 1.0 must be < 1.0",
        () ->
            Checks.converges(
                "infinite referral chain", "expected referrals per customer", 1.0, 1.0));
    assertRejects(
        "chain diverges: x = NaN must be < 1.0",
        () -> Checks.converges("chain", "x", Double.NaN, 1.0));
    Checks.converges("chain", "x", 0.99, 1.0);
  }
}
