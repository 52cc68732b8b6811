package org.clvkit.core.value;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class SimpleClvTest {
  private static final Tolerance EXACT_ENOUGH =
      Tolerance.relative(1e-14).or(Tolerance.absolute(1e-12));

  @Test
  void value_matchesHandComputation() {
    // By hand: profit per period = 50 * 4 * 0.3 - 5 = 55; over 3 periods 165; minus CAC 40 = 125.
    SimpleClv clv =
        SimpleClv.of(50, 4, 3).withGrossMargin(0.3).withCostToServe(5).withAcquisitionCost(40);
    EXACT_ENOUGH.check("revenue per period", 200, clv.revenuePerPeriod());
    EXACT_ENOUGH.check("profit per period", 55, clv.profitPerPeriod());
    EXACT_ENOUGH.check("lifetime profit", 165, clv.lifetimeProfit());
    EXACT_ENOUGH.check("value", 125, clv.value());
    EXACT_ENOUGH.check("break-even CAC", 165, clv.breakEvenAcquisitionCost());
    EXACT_ENOUGH.check("LTV:CAC", 165.0 / 40, clv.ltvToCacRatio().getAsDouble());
    EXACT_ENOUGH.check("payback", 40.0 / 55, clv.cacPaybackPeriods().getAsDouble());
  }

  @Test
  void of_isRevenueOnly() {
    SimpleClv clv = SimpleClv.of(20, 2.5, 4);
    assertEquals(new SimpleClv(20, 2.5, 4, 1.0, 0.0, 0.0), clv);
    EXACT_ENOUGH.check("revenue CLV", 200, clv.value());
  }

  @Test
  void ltvToCacRatio_emptyWithoutAcquisitionCost() {
    assertEquals(OptionalDouble.empty(), SimpleClv.of(20, 2, 3).ltvToCacRatio());
  }

  @Test
  void cacPaybackPeriods_zeroWithoutAcquisitionCost() {
    assertEquals(OptionalDouble.of(0.0), SimpleClv.of(20, 2, 3).cacPaybackPeriods());
  }

  @Test
  void cacPaybackPeriods_neverWhenProfitNotPositive() {
    SimpleClv loss = SimpleClv.of(10, 1, 5).withCostToServe(10).withAcquisitionCost(5);
    assertEquals(0.0, loss.profitPerPeriod());
    assertFalse(loss.cacPaybackPeriods().isPresent());
  }

  @Test
  void cacPaybackPeriods_neverWhenAfterLifespan() {
    // Profit 10 per period, CAC 35: payback after 3.5 periods, but the customer stays 3.
    SimpleClv shortLived = SimpleClv.of(10, 1, 3).withAcquisitionCost(35);
    assertFalse(shortLived.cacPaybackPeriods().isPresent());
    EXACT_ENOUGH.check(
        "payback at lifespan 3.5",
        3.5,
        SimpleClv.of(10, 1, 3.5).withAcquisitionCost(35).cacPaybackPeriods().getAsDouble());
  }

  @Test
  void breakEvenAcquisitionCost_givesZeroValue() {
    Seeded.qt()
        .forAll(
            Five.of(
                doubles().between(0, 500),
                doubles().between(0, 12),
                doubles().between(0, 10),
                doubles().between(0, 1),
                doubles().between(0, 50)))
        .checkAssert(
            five -> {
              var aov = five.a();
              var freq = five.b();
              var life = five.c();
              var margin = five.d();
              var cost = five.e();
              SimpleClv clv =
                  SimpleClv.of(aov, freq, life).withGrossMargin(margin).withCostToServe(cost);
              double breakEven = clv.breakEvenAcquisitionCost();
              if (breakEven >= 0) {
                Tolerance.absolute(1e-9 * Math.max(1, breakEven))
                    .check("value at break-even", 0, clv.withAcquisitionCost(breakEven).value());
              } else {
                assertTrue(clv.value() < 0);
              }
            });
  }

  @Test
  void value_risesWithOrderValueMarginAndLifespanAndFallsWithCosts() {
    Seeded.qt()
        .forAll(
            Five.of(
                doubles().between(0, 500),
                doubles().between(0.1, 12),
                doubles().between(0.1, 10),
                doubles().between(0.05, 0.9),
                doubles().between(0, 50)))
        .checkAssert(
            five -> {
              var aov = five.a();
              var freq = five.b();
              var life = five.c();
              var margin = five.d();
              var cac = five.e();
              SimpleClv clv =
                  SimpleClv.of(aov, freq, life).withGrossMargin(margin).withAcquisitionCost(cac);
              double v = clv.value();
              assertTrue(
                  SimpleClv.of(aov + 1, freq, life)
                          .withGrossMargin(margin)
                          .withAcquisitionCost(cac)
                          .value()
                      > v);
              assertTrue(clv.withGrossMargin(margin + 0.1).value() >= v);
              assertTrue(clv.withAcquisitionCost(cac + 1).value() < v);
              assertTrue(clv.withCostToServe(1).value() < v);
              if (clv.profitPerPeriod() > 0) {
                assertTrue(
                    SimpleClv.of(aov, freq, life + 1)
                            .withGrossMargin(margin)
                            .withAcquisitionCost(cac)
                            .value()
                        > v);
              }
            });
  }

  @Test
  void values_equalPerCustomerBitForBit() {
    Seeded.qt()
        .forAll(integers().between(0, 200), doubles().between(0, 1), doubles().between(0, 20))
        .checkAssert(
            (n, margin, cac) -> {
              SplittableRandom random = new SplittableRandom(n);
              double[] aov = new double[n];
              double[] freq = new double[n];
              double[] life = new double[n];
              for (int i = 0; i < n; i++) {
                aov[i] = random.nextDouble(0, 300);
                freq[i] = random.nextDouble(0, 10);
                life[i] = random.nextDouble(0, 8);
              }
              double[] out = new double[n];
              SimpleClv.values(aov, freq, life, margin, 2.0, cac, out);
              for (int i = 0; i < n; i++) {
                double expected = new SimpleClv(aov[i], freq[i], life[i], margin, 2.0, cac).value();
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[i]));
              }
            });
  }

  @Test
  void values_rangeWritesOnlyTheRange() {
    double[] aov = {10, 20, 30, 40};
    double[] freq = {1, 1, 1, 1};
    double[] life = {2, 2, 2, 2};
    double[] out = {-7, -7, -7, -7};
    SimpleClv.values(aov, freq, life, 0.5, 0, 1, out, 1, 3);
    assertArrayEquals(new double[] {-7, 19, 29, -7}, out);
  }

  @Test
  void constructor_rejectsInvalidFields() {
    assertRejects(
        "averageOrderValue must be finite and >= 0, was -1.0", () -> SimpleClv.of(-1, 1, 1));
    assertRejects(
        "purchasesPerPeriod must be finite and >= 0, was NaN",
        () -> SimpleClv.of(1, Double.NaN, 1));
    assertRejects(
        "lifespanPeriods must be finite and >= 0, was Infinity",
        () -> SimpleClv.of(1, 1, Double.POSITIVE_INFINITY));
    assertRejects(
        "grossMargin must be in [0, 1], was 1.5", () -> SimpleClv.of(1, 1, 1).withGrossMargin(1.5));
    assertRejects(
        "costToServePerPeriod must be finite and >= 0, was -2.0",
        () -> SimpleClv.of(1, 1, 1).withCostToServe(-2));
    assertRejects(
        "acquisitionCost must be finite and >= 0, was -3.0",
        () -> SimpleClv.of(1, 1, 1).withAcquisitionCost(-3));
  }

  @Test
  void constructor_rejectsOverflowingValue() {
    assertRejects("value must be finite, was Infinity", () -> SimpleClv.of(1e200, 1e200, 1));
  }

  @Test
  void values_rejectInvalidColumnsNamingTheRow() {
    double[] ok = {1, 2, 3};
    double[] out = new double[3];
    assertRejects(
        "averageOrderValue must not be null", () -> SimpleClv.values(null, ok, ok, 1, 0, 0, out));
    assertRejects(
        "purchasesPerPeriod must not be null",
        () -> SimpleClv.values(ok, null, ok, 1, 0, 0, out, 0, 3));
    assertRejects(
        "lifespanPeriods must not be null",
        () -> SimpleClv.values(ok, ok, null, 1, 0, 0, out, 0, 3));
    assertRejects("out must not be null", () -> SimpleClv.values(ok, ok, ok, 1, 0, 0, null));
    assertRejects(
        "purchasesPerPeriod has length 2 but averageOrderValue has length 3",
        () -> SimpleClv.values(ok, new double[2], ok, 1, 0, 0, out));
    assertRejects(
        "lifespanPeriods has length 4 but averageOrderValue has length 3",
        () -> SimpleClv.values(ok, ok, new double[4], 1, 0, 0, out));
    assertRejects(
        "out has length 1 but averageOrderValue has length 3",
        () -> SimpleClv.values(ok, ok, ok, 1, 0, 0, new double[1]));
    assertRejects(
        "range [from, to) = [2, 4) must lie within [0, 3]",
        () -> SimpleClv.values(ok, ok, ok, 1, 0, 0, out, 2, 4));
    assertRejects(
        "grossMargin must be in [0, 1], was -0.1",
        () -> SimpleClv.values(ok, ok, ok, -0.1, 0, 0, out));
    assertRejects(
        "averageOrderValue[1] must be finite and >= 0, was -2.0",
        () -> SimpleClv.values(new double[] {1, -2, 3}, ok, ok, 1, 0, 0, out));
    assertRejects(
        "purchasesPerPeriod[2] must be finite and >= 0, was NaN",
        () -> SimpleClv.values(ok, new double[] {1, 2, Double.NaN}, ok, 1, 0, 0, out));
    assertRejects(
        "lifespanPeriods[0] must be finite and >= 0, was -1.0",
        () -> SimpleClv.values(ok, ok, new double[] {-1, 2, 3}, 1, 0, 0, out));
    assertRejects(
        "value[0] must be finite, was Infinity",
        () ->
            SimpleClv.values(
                new double[] {1e200},
                new double[] {1e200},
                new double[] {1},
                1,
                0,
                0,
                new double[1]));
  }
}
