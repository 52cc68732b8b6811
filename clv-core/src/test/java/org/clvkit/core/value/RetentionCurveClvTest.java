package org.clvkit.core.value;

import static org.clvkit.core.value.CashFlowTiming.END_OF_PERIOD;
import static org.clvkit.core.value.CashFlowTiming.START_OF_PERIOD;
import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class RetentionCurveClvTest {

  private static double[] cells(String text) {
    return Arrays.stream(text.split(";")).mapToDouble(Double::parseDouble).toArray();
  }

  /**
   * Reference: retention_curve_clv.csv, explicit sums in 50-digit mpmath over the "regular"
   * survival curve of Fader and Hardie (2007), Table 1; relative tolerance 1e-13, payback period
   * exact.
   */
  @Test
  void value_matchesIndependentReference() {
    ReferenceTable table = ReferenceTable.load("retention_curve_clv.csv");
    Tolerance tolerance = Tolerance.relative(1e-13);
    for (int i = 0; i < table.size(); i++) {
      RetentionCurveClv clv =
          RetentionCurveClv.builder()
              .margins(cells(table.text(i, "margins")))
              .survival(cells(table.text(i, "survival")))
              .retentionSpending(cells(table.text(i, "spending")))
              .discount(table.number(i, "discount"))
              .timing(CashFlowTiming.valueOf(table.text(i, "timing")))
              .acquisitionCost(table.number(i, "acquisition_cost"))
              .build();
      String what = table.text(i, "case") + " " + clv.timing();
      tolerance.check(what + " value", table.number(i, "value"), clv.value());
      tolerance.check(
          what + " lifetime", table.number(i, "lifetime"), clv.expectedDiscountedLifetime());
      String payback = table.text(i, "payback");
      assertEquals(
          payback.equals("never") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(payback)),
          clv.paybackPeriod(),
          what + " payback");
    }
    assertEquals(8, table.size());
  }

  @Test
  void value_constantArraysGiveConstantParameterResults() {
    Seeded.qt()
        .forAll(
            Five.of(
                doubles().between(-200, 500),
                doubles().between(0, 1),
                doubles().between(0, 0.4),
                integers().between(1, 60),
                arbitrary().enumValues(CashFlowTiming.class)))
        .checkAssert(
            five -> {
              double m = five.a();
              double r = five.b();
              double d = five.c();
              int n = five.d();
              double[] margins = new double[n];
              double[] rates = new double[n];
              Arrays.fill(margins, m);
              Arrays.fill(rates, r);
              RetentionCurveClv curve =
                  RetentionCurveClv.builder()
                      .margins(margins)
                      .retentionRates(rates)
                      .discount(d)
                      .timing(five.e())
                      .build();
              DiscountedClv constant = DiscountedClv.of(m, r, d, five.e());
              Tolerance tolerance = Tolerance.relative(1e-11).or(Tolerance.absolute(1e-9));
              tolerance.check("value", constant.value(n), curve.value());
              tolerance.check(
                  "expected discounted lifetime",
                  DiscountedClv.of(1, r, d, five.e()).value(n),
                  curve.expectedDiscountedLifetime());
            });
  }

  @Test
  void expectedDiscountedLifetime_startOfPeriodApproachesOnePlusDOverOnePlusDMinusR() {
    // Fader and Hardie (2010), DEL for constant retention: (1 + d) / (1 + d - r).
    double[] ones = new double[400];
    double[] rates = new double[400];
    Arrays.fill(ones, 1);
    Arrays.fill(rates, 0.8);
    RetentionCurveClv clv =
        RetentionCurveClv.builder()
            .margins(ones)
            .retentionRates(rates)
            .discount(0.1)
            .timing(START_OF_PERIOD)
            .build();
    Tolerance.relative(1e-12).check("DEL", 1.1 / 0.3, clv.expectedDiscountedLifetime());
  }

  @Test
  void value_fallsWithAcquisitionCostAndRetentionSpending() {
    Seeded.qt()
        .forAll(
            integers().between(1, 30),
            doubles().between(0, 100),
            doubles().between(0.01, 50),
            arbitrary().enumValues(CashFlowTiming.class))
        .checkAssert(
            (n, cac, spend, timing) -> {
              SplittableRandom random = new SplittableRandom(n);
              double[] margins = random.doubles(n, 0, 200).toArray();
              double[] rates = random.doubles(n, 0.01, 1).toArray();
              double[] spending = new double[n];
              Arrays.fill(spending, spend);
              RetentionCurveClv.Builder builder =
                  RetentionCurveClv.builder()
                      .margins(margins)
                      .retentionRates(rates)
                      .discount(0.1)
                      .timing(timing);
              double base = builder.build().value();
              Tolerance.relative(1e-12)
                  .or(Tolerance.absolute(1e-9))
                  .check(
                      "acquisition cost is subtracted undiscounted",
                      base - cac,
                      builder.acquisitionCost(cac).build().value());
              assertTrue(builder.retentionSpending(spending).build().value() < base - cac);
            });
  }

  @Test
  void cumulativeValues_endAtValueAndMarkPayback() {
    RetentionCurveClv clv =
        RetentionCurveClv.builder()
            .margins(100, 100, 100)
            .survival(0.5, 0.25, 0.125)
            .discount(0)
            .timing(END_OF_PERIOD)
            .acquisitionCost(60)
            .retentionSpending(10, 10, 10)
            .build();
    // By hand: period values 100 * 0.5 - 10 * 1 = 40, 100 * 0.25 - 10 * 0.5 = 20,
    // 100 * 0.125 - 10 * 0.25 = 10; cumulative -20, 0, 10; paid back in period 2.
    assertArrayEquals(new double[] {40, 20, 10}, clv.periodValues());
    assertArrayEquals(new double[] {-20, 0, 10}, clv.cumulativeValues());
    assertEquals(10.0, clv.value());
    assertEquals(OptionalInt.of(2), clv.paybackPeriod());
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, clv.retentionRates());
    assertEquals(0.875, clv.expectedDiscountedLifetime());
  }

  @Test
  void paybackPeriod_zeroWithoutAcquisitionCostAndEmptyWhenNever() {
    RetentionCurveClv.Builder builder =
        RetentionCurveClv.builder().margins(10, 10).survival(0.5, 0.2).timing(START_OF_PERIOD);
    assertEquals(OptionalInt.of(0), builder.build().paybackPeriod());
    assertEquals(OptionalInt.empty(), builder.acquisitionCost(100).build().paybackPeriod());
  }

  @Test
  void retentionRates_andSurvivalDescribeTheSameCustomer() {
    RetentionCurveClv fromRates =
        RetentionCurveClv.builder()
            .margins(30, 40, 50, 60)
            .retentionRates(0.5, 0.5, 0.0, 1.0)
            .timing(END_OF_PERIOD)
            .discount(0.05)
            .build();
    RetentionCurveClv fromSurvival =
        RetentionCurveClv.builder()
            .margins(30, 40, 50, 60)
            .survival(0.5, 0.25, 0.0, 0.0)
            .timing(END_OF_PERIOD)
            .discount(0.05)
            .build();
    assertArrayEquals(fromSurvival.survival(), fromRates.survival());
    assertEquals(fromSurvival.value(), fromRates.value());
    assertArrayEquals(new double[] {0.5, 0.5, 0.0, 0.0}, fromSurvival.retentionRates());
  }

  @Test
  void accessors_returnCopies() throws Exception {
    double[] margins = {1, 2};
    RetentionCurveClv clv =
        RetentionCurveClv.builder().margins(margins).survival(1, 1).timing(END_OF_PERIOD).build();
    margins[0] = 99;
    assertEquals(1.0, clv.margins()[0]);
    clv.margins()[1] = 99;
    clv.periodValues()[1] = 99;
    assertEquals(2.0, clv.margins()[1]);
    assertEquals(2.0, clv.periodValues()[1]);
    assertNotSame(clv.survival(), clv.survival());
  }

  @Test
  void serialization_roundTripsAndRevalidates() throws Exception {
    RetentionCurveClv clv =
        RetentionCurveClv.builder()
            .margins(10, 20)
            .survival(0.9, 0.8)
            .retentionSpending(1, 2)
            .discount(0.1)
            .timing(START_OF_PERIOD)
            .acquisitionCost(5)
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(clv);
    }
    RetentionCurveClv copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (RetentionCurveClv) in.readObject();
    }
    assertEquals(clv.value(), copy.value());
    assertArrayEquals(clv.cumulativeValues(), copy.cumulativeValues());
    assertEquals(clv.timing(), copy.timing());
  }

  @Test
  void build_rejectsInvalidInputs() {
    assertRejects("margins must not be null", () -> RetentionCurveClv.builder().build());
    assertRejects("margins must not be null", () -> RetentionCurveClv.builder().margins(null));
    assertRejects(
        "margins must not be empty",
        () -> RetentionCurveClv.builder().margins().survival().timing(END_OF_PERIOD).build());
    assertRejects(
        "margins[1] must be finite, was NaN",
        () ->
            RetentionCurveClv.builder()
                .margins(1, Double.NaN)
                .survival(1, 1)
                .timing(END_OF_PERIOD)
                .build());
    assertRejects(
        "survival must not be null",
        () -> RetentionCurveClv.builder().margins(1).timing(END_OF_PERIOD).build());
    assertRejects("survival must not be null", () -> RetentionCurveClv.builder().survival(null));
    assertRejects(
        "survival has length 1 but margins has length 2",
        () -> RetentionCurveClv.builder().margins(1, 2).survival(1).timing(END_OF_PERIOD).build());
    assertRejects(
        "survival[0] must be in [0, 1], was 1.1",
        () -> RetentionCurveClv.builder().margins(1).survival(1.1).timing(END_OF_PERIOD).build());
    assertRejects(
        "survival[2] = 0.6 must be <= survival[1] = 0.5",
        () ->
            RetentionCurveClv.builder()
                .margins(1, 1, 1)
                .survival(0.9, 0.5, 0.6)
                .timing(END_OF_PERIOD)
                .build());
    assertRejects(
        "retentionRates must not be null", () -> RetentionCurveClv.builder().retentionRates(null));
    assertRejects(
        "retentionRates[1] must be in [0, 1], was -0.2",
        () -> RetentionCurveClv.builder().retentionRates(0.5, -0.2));
    assertRejects(
        "retentionSpending must not be null",
        () -> RetentionCurveClv.builder().retentionSpending(null));
    assertRejects(
        "retentionSpending has length 3 but margins has length 1",
        () ->
            RetentionCurveClv.builder()
                .margins(1)
                .survival(1)
                .retentionSpending(1, 2, 3)
                .timing(END_OF_PERIOD)
                .build());
    assertRejects(
        "retentionSpending[0] must be finite and >= 0, was -1.0",
        () ->
            RetentionCurveClv.builder()
                .margins(1)
                .survival(1)
                .retentionSpending(-1)
                .timing(END_OF_PERIOD)
                .build());
    assertRejects(
        "discount must be finite and >= 0, was -0.5",
        () ->
            RetentionCurveClv.builder()
                .margins(1)
                .survival(1)
                .discount(-0.5)
                .timing(END_OF_PERIOD)
                .build());
    assertRejects(
        "timing must not be null",
        () -> RetentionCurveClv.builder().margins(1).survival(1).build());
    assertRejects(
        "acquisitionCost must be finite and >= 0, was Infinity",
        () ->
            RetentionCurveClv.builder()
                .margins(1)
                .survival(1)
                .acquisitionCost(Double.POSITIVE_INFINITY)
                .timing(END_OF_PERIOD)
                .build());
    assertRejects(
        "value must be finite, was Infinity",
        () ->
            RetentionCurveClv.builder()
                .margins(Double.MAX_VALUE, Double.MAX_VALUE)
                .survival(1, 1)
                .timing(START_OF_PERIOD)
                .build());
  }

  @Test
  void toCurve_rejectsNonPositivePeriods() {
    assertRejects(
        "periods must be > 0, was 0", () -> DiscountedClv.of(1, 0.5, 0, END_OF_PERIOD).toCurve(0));
  }
}
