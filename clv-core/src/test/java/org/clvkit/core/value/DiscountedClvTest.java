package org.clvkit.core.value;

import static org.clvkit.core.value.CashFlowTiming.END_OF_PERIOD;
import static org.clvkit.core.value.CashFlowTiming.START_OF_PERIOD;
import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class DiscountedClvTest {

  /**
   * The margin multiples r / (1 + d - r) tabulated (to two decimals) in Gupta and Lehmann (2003),
   * "Customers as assets", Journal of Interactive Marketing 17(1), and Gupta and Lehmann (2005),
   * Managing Customers as Investments, chapter 2. Tolerance: absolute 0.005, the published
   * rounding.
   */
  @Test
  void marginMultiple_matchesGuptaLehmannTable() {
    Tolerance published = Tolerance.absolute(0.005);
    published.check("r = 0.9, d = 0.12", 4.09, DiscountedClv.marginMultiple(0.9, 0.12));
    published.check("r = 0.8, d = 0.10", 2.67, DiscountedClv.marginMultiple(0.8, 0.10));
    published.check("r = 0.6, d = 0.10", 1.20, DiscountedClv.marginMultiple(0.6, 0.10));
  }

  @Test
  void infiniteHorizonValue_endOfPeriodIsMarginTimesMultiple() {
    Tolerance tight = Tolerance.relative(1e-15);
    DiscountedClv clv = DiscountedClv.of(250, 0.8, 0.1, END_OF_PERIOD);
    tight.check("m r / (1 + d - r)", 250 * 0.8 / (1.1 - 0.8), clv.infiniteHorizonValue());
    tight.check("multiple", 0.8 / (1.1 - 0.8), DiscountedClv.marginMultiple(0.8, 0.1));
    tight.check(
        "start of period m (1 + d) / (1 + d - r)",
        250 * 1.1 / (1.1 - 0.8),
        DiscountedClv.of(250, 0.8, 0.1, START_OF_PERIOD).infiniteHorizonValue());
  }

  /**
   * Reference: discounted_clv.csv, brute-force sums in 50-digit mpmath; relative tolerance 1e-13.
   */
  @Test
  void value_matchesIndependentReference() {
    ReferenceTable table = ReferenceTable.load("discounted_clv.csv");
    Tolerance tolerance = Tolerance.relative(1e-13);
    for (int i = 0; i < table.size(); i++) {
      DiscountedClv clv =
          new DiscountedClv(
              table.number(i, "margin"),
              table.number(i, "retention"),
              table.number(i, "discount"),
              table.number(i, "growth"),
              CashFlowTiming.valueOf(table.text(i, "timing")));
      String periods = table.text(i, "periods");
      double actual =
          periods.equals("inf") ? clv.infiniteHorizonValue() : clv.value(Integer.parseInt(periods));
      tolerance.check("row " + i + " " + clv + " N = " + periods, table.number(i, "value"), actual);
    }
    assertEquals(84, table.size());
  }

  @Test
  void value_convergesToInfiniteHorizonAsPeriodsGrow() {
    Seeded.qt()
        .forAll(
            doubles().between(1, 1000),
            doubles().between(0, 0.95),
            doubles().between(0.01, 0.3),
            arbitrary().enumValues(CashFlowTiming.class))
        .checkAssert(
            (m, r, d, timing) -> {
              DiscountedClv clv = DiscountedClv.of(m, r, d, timing);
              double infinite = clv.infiniteHorizonValue();
              double previousGap = Double.POSITIVE_INFINITY;
              for (int n : new int[] {1, 2, 5, 10, 20, 50, 100, 200}) {
                double gap = infinite - clv.value(n);
                assertTrue(gap >= -1e-12 * infinite, "finite <= infinite at N = " + n);
                assertTrue(gap <= previousGap, "the gap shrinks at N = " + n);
                previousGap = gap;
              }
              Tolerance.relative(1e-12).check("N = 5000", infinite, clv.value(5000));
            });
  }

  @Test
  void value_endOfPeriodIsStartOfPeriodTimesRetentionOverOnePlusDiscount() {
    Seeded.qt()
        .forAll(
            Five.of(
                doubles().between(-500, 500),
                doubles().between(0, 1),
                doubles().between(0, 0.5),
                doubles().between(-0.5, 0.5),
                integers().between(0, 60)))
        .checkAssert(
            five -> {
              var m = five.a();
              var r = five.b();
              var d = five.c();
              var g = five.d();
              var n = five.e();
              DiscountedClv start = new DiscountedClv(m, r, d, g, START_OF_PERIOD);
              DiscountedClv end = new DiscountedClv(m, r, d, g, END_OF_PERIOD);
              Tolerance tolerance = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-12));
              tolerance.check("finite", start.value(n) * r / (1 + d), end.value(n));
              if (r * (1 + g) < 1 + d && 1 + d - r * (1 + g) > 1e-3) {
                tolerance.check(
                    "infinite",
                    start.infiniteHorizonValue() * r / (1 + d),
                    end.infiniteHorizonValue());
              }
            });
  }

  @Test
  void value_risesWithMarginAndRetentionAndFallsWithDiscount() {
    Seeded.qt()
        .forAll(
            Five.of(
                doubles().between(1, 1000),
                doubles().between(0.05, 0.9),
                doubles().between(0.01, 0.3),
                integers().between(2, 40),
                arbitrary().enumValues(CashFlowTiming.class)))
        .checkAssert(
            five -> {
              var m = five.a();
              var r = five.b();
              var d = five.c();
              var n = five.d();
              var timing = five.e();
              DiscountedClv base = DiscountedClv.of(m, r, d, timing);
              double finite = base.value(n);
              double infinite = base.infiniteHorizonValue();
              assertTrue(DiscountedClv.of(m * 1.01, r, d, timing).value(n) > finite);
              assertTrue(DiscountedClv.of(m, r + 0.05, d, timing).value(n) > finite);
              assertTrue(DiscountedClv.of(m, r, d + 0.01, timing).value(n) < finite);
              assertTrue(
                  DiscountedClv.of(m * 1.01, r, d, timing).infiniteHorizonValue() > infinite);
              assertTrue(
                  DiscountedClv.of(m, r + 0.05, d, timing).infiniteHorizonValue() > infinite);
              assertTrue(
                  DiscountedClv.of(m, r, d + 0.01, timing).infiniteHorizonValue() < infinite);
              // Up to rounding once the finite sum has converged to double precision.
              assertTrue(
                  finite <= infinite * (1 + 1e-14), "finite <= infinite for a non-negative margin");
            });
  }

  @Test
  void value_isZeroForZeroPeriodsAndOneMarginForOnePeriod() {
    assertEquals(0.0, DiscountedClv.of(80, 0.7, 0.1, START_OF_PERIOD).value(0));
    assertEquals(80.0, DiscountedClv.of(80, 0.7, 0.1, START_OF_PERIOD).value(1));
    Tolerance.relative(1e-15)
        .check(
            "one end-of-period margin",
            80 * 0.7 / 1.1,
            DiscountedClv.of(80, 0.7, 0.1, END_OF_PERIOD).value(1));
  }

  @Test
  void marginMultiple_withGrowthMatchesGuptaLehmannFormula() {
    // Gupta and Lehmann (2005), chapter 2: margin multiple with growth, r / (1 + d - r (1 + g)).
    Tolerance.relative(1e-15)
        .check(
            "r = 0.9, d = 0.12, g = 0.05",
            0.9 / (1.12 - 0.9 * 1.05),
            DiscountedClv.marginMultiple(0.9, 0.12, 0.05));
  }

  @Test
  void toCurve_givesTheSameValue() {
    Seeded.qt()
        .forAll(
            Five.of(
                doubles().between(-300, 300),
                doubles().between(0, 1),
                doubles().between(0, 0.4),
                doubles().between(-0.3, 0.3),
                integers().between(1, 40)))
        .checkAssert(
            five -> {
              var m = five.a();
              var r = five.b();
              var d = five.c();
              var g = five.d();
              var n = five.e();
              for (CashFlowTiming timing : CashFlowTiming.values()) {
                DiscountedClv clv = new DiscountedClv(m, r, d, g, timing);
                Tolerance.relative(1e-11)
                    .or(Tolerance.absolute(1e-9))
                    .check("curve of " + clv, clv.value(n), clv.toCurve(n).value());
              }
            });
  }

  @Test
  void values_equalPerCustomerBitForBit() {
    Seeded.qt()
        .forAll(
            Five.of(
                integers().between(0, 100),
                doubles().between(0, 0.3),
                doubles().between(-0.1, 0.05),
                integers().between(0, 30),
                arbitrary().enumValues(CashFlowTiming.class)))
        .checkAssert(
            five -> {
              var size = five.a();
              var d = five.b();
              var g = five.c();
              var n = five.d();
              var timing = five.e();
              SplittableRandom random = new SplittableRandom(size * 31L + n);
              double[] margin = new double[size];
              double[] retention = new double[size];
              for (int i = 0; i < size; i++) {
                margin[i] = random.nextDouble(-100, 400);
                retention[i] = random.nextDouble(0, 0.95);
              }
              double[] finite = new double[size];
              double[] infinite = new double[size];
              DiscountedClv.values(margin, retention, d, g, timing, n, finite);
              DiscountedClv.infiniteHorizonValues(margin, retention, d, g, timing, infinite);
              for (int i = 0; i < size; i++) {
                DiscountedClv clv = new DiscountedClv(margin[i], retention[i], d, g, timing);
                assertEquals(
                    Double.doubleToLongBits(clv.value(n)), Double.doubleToLongBits(finite[i]));
                assertEquals(
                    Double.doubleToLongBits(clv.infiniteHorizonValue()),
                    Double.doubleToLongBits(infinite[i]));
              }
            });
  }

  @Test
  void values_rangeWritesOnlyTheRange() {
    double[] margin = {10, 20, 30};
    double[] retention = {0.5, 0.5, 0.5};
    double[] out = {-1, -1, -1};
    DiscountedClv.infiniteHorizonValues(margin, retention, 0, 0, END_OF_PERIOD, out, 2, 3);
    assertArrayEquals(new double[] {-1, -1, 30}, out);
    DiscountedClv.values(margin, retention, 0, 0, START_OF_PERIOD, 2, out, 0, 1);
    assertArrayEquals(new double[] {15, -1, 30}, out);
  }

  @Test
  void constructor_rejectsInvalidFields() {
    assertRejects(
        "margin must be finite, was NaN",
        () -> DiscountedClv.of(Double.NaN, 0.5, 0.1, END_OF_PERIOD));
    assertRejects(
        "retention must be in [0, 1], was 1.2", () -> DiscountedClv.of(1, 1.2, 0.1, END_OF_PERIOD));
    assertRejects(
        "discount must be finite and >= 0, was -0.1",
        () -> DiscountedClv.of(1, 0.5, -0.1, END_OF_PERIOD));
    assertRejects(
        "growth must be finite and > -1.0, was -1.0",
        () -> DiscountedClv.of(1, 0.5, 0.1, END_OF_PERIOD).withGrowth(-1));
    assertRejects("timing must not be null", () -> DiscountedClv.of(1, 0.5, 0.1, null));
  }

  @Test
  void value_rejectsNegativePeriodsAndOverflow() {
    DiscountedClv clv = DiscountedClv.of(1, 0.5, 0.1, END_OF_PERIOD);
    assertRejects("periods must be >= 0, was -1", () -> clv.value(-1));
    assertRejects(
        "value must be finite, was Infinity",
        () -> new DiscountedClv(1e300, 1, 0, 1, START_OF_PERIOD).value(2000));
  }

  @Test
  void infiniteHorizonValue_rejectsGrowthThatOutpacesDiscounting() {
    assertRejects(
        "infinite horizon diverges: retention * (1 + growth) = 1.125 must be < 1 + discount ="
            + " 1.0625",
        () -> new DiscountedClv(100, 0.75, 0.0625, 0.5, END_OF_PERIOD).infiniteHorizonValue());
    assertRejects(
        "infinite horizon diverges: retention * (1 + growth) = 1.0 must be < 1 + discount = 1.0",
        () -> DiscountedClv.marginMultiple(1.0, 0.0));
    // The finite horizon is still defined.
    assertTrue(new DiscountedClv(100, 0.75, 0.0625, 0.5, END_OF_PERIOD).value(10) > 0);
  }

  @Test
  void values_rejectInvalidColumnsNamingTheRow() {
    double[] ok = {1, 0.5};
    double[] out = new double[2];
    assertRejects(
        "margin must not be null",
        () -> DiscountedClv.values(null, ok, 0, 0, END_OF_PERIOD, 1, out));
    assertRejects(
        "retention must not be null",
        () -> DiscountedClv.infiniteHorizonValues(ok, null, 0.1, 0, END_OF_PERIOD, out));
    assertRejects(
        "out must not be null", () -> DiscountedClv.values(ok, ok, 0, 0, END_OF_PERIOD, 1, null));
    assertRejects(
        "retention has length 3 but margin has length 2",
        () -> DiscountedClv.values(ok, new double[3], 0, 0, END_OF_PERIOD, 1, out));
    assertRejects(
        "out has length 1 but margin has length 2",
        () -> DiscountedClv.values(ok, ok, 0, 0, END_OF_PERIOD, 1, new double[1]));
    assertRejects(
        "range [from, to) = [-1, 1) must lie within [0, 2]",
        () -> DiscountedClv.values(ok, ok, 0, 0, END_OF_PERIOD, 1, out, -1, 1));
    assertRejects(
        "discount must be finite and >= 0, was NaN",
        () -> DiscountedClv.values(ok, ok, Double.NaN, 0, END_OF_PERIOD, 1, out));
    assertRejects(
        "periods must be >= 0, was -2",
        () -> DiscountedClv.values(ok, ok, 0, 0, END_OF_PERIOD, -2, out));
    assertRejects(
        "margin[1] must be finite, was Infinity",
        () ->
            DiscountedClv.values(
                new double[] {1, Double.POSITIVE_INFINITY}, ok, 0, 0, END_OF_PERIOD, 1, out));
    assertRejects(
        "retention[0] must be in [0, 1], was -0.5",
        () ->
            DiscountedClv.infiniteHorizonValues(
                ok, new double[] {-0.5, 0.5}, 0.1, 0, END_OF_PERIOD, out));
    assertRejects(
        "infinite horizon diverges: retention[1] * (1 + growth) = 1.0 must be < 1 + discount = 1.0",
        () ->
            DiscountedClv.infiniteHorizonValues(
                ok, new double[] {0.5, 1.0}, 0.0, 0, END_OF_PERIOD, out));
    assertRejects(
        "value[0] must be finite, was Infinity",
        () ->
            DiscountedClv.values(
                new double[] {1e300},
                new double[] {1},
                0,
                1,
                START_OF_PERIOD,
                2000,
                new double[1]));
  }
}
