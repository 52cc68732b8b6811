package org.clvkit.models.sbg;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import org.clvkit.core.value.CashFlowTiming;
import org.clvkit.core.value.RetentionCurveClv;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The sBG model's curves, lifetimes and DERL against the literature and independent sums. */
class SbgModelTest {
  /** Fader &amp; Hardie (2010), the DERL example: α = 3.80, β = 15.20. */
  private static final SbgModel EXAMPLE = SbgModel.of(new SbgParameters(3.80, 15.20));

  /** Parameters log-uniform in [1e-3, 1e3]. */
  private static Gen<Double> shape() {
    return doubles().between(-3, 3).map(e -> Math.pow(10, e));
  }

  @Test
  void discountedExpectedResidualLifetime_matchesFaderHardie2010() {
    ReferenceTable table = ReferenceTable.load("sbg_derl_fader_hardie_2010.csv");
    for (int r = 0; r < table.size(); r++) {
      int n = (int) table.number(r, "n");
      Tolerance.absolute(0.005)
          .check(
              "DERL(0.10, n = " + n + ")",
              table.number(r, "derl"),
              EXAMPLE.discountedExpectedResidualLifetime(0.10, n));
    }
  }

  @Test
  void lifetimesAndSurvival_matchTheIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("sbg_independent.csv");
    for (int r = 0; r < table.size(); r++) {
      SbgModel model =
          SbgModel.of(new SbgParameters(table.number(r, "alpha"), table.number(r, "beta")));
      double d = table.number(r, "discount");
      int n = (int) table.number(r, "n");
      String quantity = table.text(r, "quantity");
      double actual =
          switch (quantity) {
            case "del" -> model.discountedExpectedLifetime(d);
            case "derl" -> model.discountedExpectedResidualLifetime(d, n);
            case "expected_lifetime" -> model.expectedLifetime();
            case "survival" -> model.survival(n);
            default -> throw new IllegalStateException(quantity);
          };
      Tolerance.relative(1e-12)
          .check(quantity + " row " + r + " " + model, table.number(r, "value"), actual);
    }
  }

  @Test
  void discountedExpectedResidualLifetime_equalsALongDiscountedSumOfSurvivalRatios() {
    // DERL(d, n) = Σ_{k>=0} S(n+k)/S(n−1) (1+d)^−k, summed here to k = 5000 with survival(t).
    qt(60)
        .forAll(shape(), shape(), doubles().between(0.02, 0.5), integers().between(1, 30))
        .checkAssert(
            (a, b, d, n) -> {
              SbgModel model = SbgModel.of(new SbgParameters(a, b));
              double base = model.survival(n - 1);
              double sum = 0;
              double factor = 1;
              for (int k = 0; k <= 5000; k++) {
                sum += model.survival(n + k) / base * factor;
                factor /= 1 + d;
              }
              Tolerance.relative(1e-10)
                  .or(Tolerance.absolute(1e-300))
                  .check(
                      "DERL(" + d + ", " + n + ") " + model,
                      sum,
                      model.discountedExpectedResidualLifetime(d, n));
            });
  }

  @Test
  void discountedLifetimes_atATinyRateApproachTheUndiscountedOnes() {
    // α > 1: as d → 0, DERL(d, n) → Σ_{t>=n} S(t)/S(n−1) = E[(1−θ)/θ] = (β+n−1)/(α−1), θ ~ Beta(α,
    // B = β+n−1), and DEL(d) → E[T] = (α+β−1)/(α−1). DERL(0) − DERL(d) = d E[(1−θ)²/(θ(d+θ))] <= d
    // E[(1−θ)²/θ²], relative to DERL(0) at most d (B+1)/(α−2); likewise DEL's gap is at most d
    // β/(α−2) relative. With d = 1e-9, α >= 3, B < 150 both are below 2e-7, so 1e-6 can only fail
    // on error.
    qt(200)
        .forAll(doubles().between(3, 20), doubles().between(0.1, 50), integers().between(1, 100))
        .checkAssert(
            (a, b, n) -> {
              SbgModel model = SbgModel.of(new SbgParameters(a, b));
              Tolerance.relative(1e-6)
                  .check(
                      "DERL(1e-9, " + n + ") " + model,
                      (b + n - 1) / (a - 1),
                      model.discountedExpectedResidualLifetime(1e-9, n));
              Tolerance.relative(1e-6)
                  .check(
                      "DEL(1e-9) " + model,
                      model.expectedLifetime(),
                      model.discountedExpectedLifetime(1e-9));
            });
    // The paper's example, where the bound is 1e-9 · 16.2 / 1.8 < 1e-8.
    Tolerance.relative(1e-8)
        .check("DERL(1e-9, 1)", 15.2 / 2.8, EXAMPLE.discountedExpectedResidualLifetime(1e-9, 1));
  }

  @Test
  void discountedExpectedResidualLifetime_decreasesAsTheRateGrows() {
    // Each term S(t)/S(n−1) (1+d)^−(t−n) with t > n strictly decreases in d, and the first, r(n),
    // does not depend on it; also for α <= 1, where DERL grows without bound as d → 0.
    qt(200)
        .forAll(shape(), shape(), integers().between(1, 200))
        .checkAssert(
            (a, b, n) -> {
              SbgModel model = SbgModel.of(new SbgParameters(a, b));
              double previous = Double.POSITIVE_INFINITY;
              double first = model.retention(n) * (1 - 1e-14);
              for (double d : new double[] {1e-12, 1e-9, 1e-6, 1e-3, 0.1, 10}) {
                double derl = model.discountedExpectedResidualLifetime(d, n);
                assertTrue(
                    derl < previous && derl >= first,
                    "DERL(" + d + ", " + n + ") = " + derl + " after " + previous + " " + model);
                previous = derl;
              }
            });
  }

  @Test
  void discountedExpectedLifetime_isOnePlusTheDiscountedResidualOfANewCustomer() {
    // DEL(d) = S(0) + Σ_{t>=1} S(t) z^t = 1 + z · DERL(d, 1).
    qt(100)
        .forAll(shape(), shape(), doubles().between(0.01, 1))
        .checkAssert(
            (a, b, d) -> {
              SbgModel model = SbgModel.of(new SbgParameters(a, b));
              Tolerance.relative(1e-13)
                  .check(
                      "DEL",
                      1 + model.discountedExpectedResidualLifetime(d, 1) / (1 + d),
                      model.discountedExpectedLifetime(d));
            });
  }

  @Test
  void survival_isNonIncreasingAndRetentionNonDecreasing() {
    qt().forAll(shape(), shape(), integers().between(1, 5000))
        .checkAssert(
            (a, b, t) -> {
              SbgModel model = SbgModel.of(new SbgParameters(a, b));
              String context = model + " t=" + t;
              double before = model.survival(t - 1);
              double after = model.survival(t);
              assertTrue(
                  after <= before && after >= 0, () -> before + " -> " + after + " " + context);
              double r = model.retention(t);
              double next = model.retention(t + 1);
              assertTrue(r <= next && r > 0 && next < 1, () -> r + " -> " + next + " " + context);
            });
  }

  @Test
  void curves_agreeWithThePointwiseFunctions() {
    qt(50)
        .forAll(shape(), shape())
        .checkAssert(
            (a, b) -> {
              SbgModel model = SbgModel.of(new SbgParameters(a, b));
              double[] survival = model.survivalCurve(40);
              double[] retention = model.retentionCurve(40);
              double previous = 1;
              for (int t = 1; t <= 40; t++) {
                Tolerance.relative(1e-12)
                    .or(Tolerance.absolute(1e-300))
                    .check("S(" + t + ") " + model, model.survival(t), survival[t - 1]);
                Tolerance.ulps(0).check("r(" + t + ")", model.retention(t), retention[t - 1]);
                Tolerance.relative(1e-10)
                    .or(Tolerance.absolute(1e-300))
                    .check(
                        "P(T = " + t + ") " + model,
                        previous - survival[t - 1],
                        model.probabilityOfChurn(t));
                previous = survival[t - 1];
              }
            });
  }

  @Test
  void conditionalSurvivalCurve_isTheRatioOfSurvivals() {
    double[] curve = EXAMPLE.conditionalSurvivalCurve(4, 10);
    for (int t = 1; t <= 10; t++) {
      Tolerance.relative(1e-13)
          .check(
              "S(3+" + t + ")/S(3)", EXAMPLE.survival(3 + t) / EXAMPLE.survival(3), curve[t - 1]);
    }
    assertArrayEquals(EXAMPLE.survivalCurve(10), EXAMPLE.conditionalSurvivalCurve(1, 10));
  }

  @Test
  void expectedSurvivors_projectTheCohort() {
    double[] projected = EXAMPLE.expectedSurvivors(1000, 12);
    assertEquals(13, projected.length);
    assertEquals(1000.0, projected[0]);
    for (int t = 1; t <= 12; t++) {
      Tolerance.relative(1e-12).check("survivors " + t, 1000 * EXAMPLE.survival(t), projected[t]);
    }
  }

  @Test
  void expectedLifetime_isInfiniteUnlessAlphaExceedsOne() {
    assertEquals(
        Double.POSITIVE_INFINITY, SbgModel.of(new SbgParameters(0.668, 3.806)).expectedLifetime());
    assertEquals(
        Double.POSITIVE_INFINITY, SbgModel.of(new SbgParameters(1.0, 2.0)).expectedLifetime());
    Tolerance.ulps(0).check("E[T]", 18.0 / 2.8, EXAMPLE.expectedLifetime());
  }

  @Test
  void retentionCurveClv_ofTheSurvivalCurveIsTheDiscountedExpectedLifetime() {
    // A unit margin paid at the start of each active period: Σ_{t=0}^{N−1} S(t)/(1+d)^t → DEL(d).
    RetentionCurveClv clv =
        RetentionCurveClv.builder()
            .margins(ones(3000))
            .survival(EXAMPLE.survivalCurve(3000))
            .discount(0.10)
            .timing(CashFlowTiming.START_OF_PERIOD)
            .build();
    Tolerance.relative(1e-12)
        .check(
            "DEL(0.10)",
            EXAMPLE.discountedExpectedLifetime(0.10),
            clv.expectedDiscountedLifetime());
  }

  @Test
  void retentionCurveClv_ofAConditionalCurveIsTheDiscountedResidualValue() {
    // Margin 50 at the end of each future period of a customer with n − 1 renewals, acquisition
    // cost
    // 0: Σ_{k>=1} 50 S(n−1+k)/S(n−1) (1+d)^−k = 50 · DERL(d, n) / (1 + d).
    for (int n = 1; n <= 5; n++) {
      double[] margins = new double[3000];
      Arrays.fill(margins, 50);
      RetentionCurveClv clv =
          RetentionCurveClv.builder()
              .margins(margins)
              .survival(EXAMPLE.conditionalSurvivalCurve(n, 3000))
              .discount(0.10)
              .timing(CashFlowTiming.END_OF_PERIOD)
              .build();
      Tolerance.relative(1e-12)
          .check(
              "residual value, n = " + n,
              50 * EXAMPLE.discountedExpectedResidualLifetime(0.10, n) / 1.10,
              clv.value());
    }
  }

  @Test
  void retentionCurveClv_acceptsTheRetentionRatesToo() {
    RetentionCurveClv fromRates =
        RetentionCurveClv.builder()
            .margins(ones(20))
            .retentionRates(EXAMPLE.retentionCurve(20))
            .discount(0.10)
            .timing(CashFlowTiming.START_OF_PERIOD)
            .build();
    double expected = 0;
    for (int t = 0; t < 20; t++) {
      expected += EXAMPLE.survival(t) / Math.pow(1.10, t);
    }
    Tolerance.relative(1e-13)
        .check("20-period DEL", expected, fromRates.expectedDiscountedLifetime());
  }

  @Test
  void batch_discountedExpectedResidualLifetimeEqualsPerCustomerBitForBit() {
    double[] n = {1, 2, 7, 30, 3};
    double[] out = new double[6];
    EXAMPLE.discountedExpectedResidualLifetime(0.08, n, out, 1, 5);
    assertEquals(0.0, out[0]);
    assertEquals(0.0, out[5]);
    for (int i = 1; i < 5; i++) {
      Tolerance.ulps(0)
          .check("row " + i, EXAMPLE.discountedExpectedResidualLifetime(0.08, (int) n[i]), out[i]);
    }
  }

  @Test
  void serialization_roundTripGivesAnEqualModel() throws IOException, ClassNotFoundException {
    SbgModel fitted = SbgFitter.create().fitSurvivors(SbgFitterTest.survivors("regular_pct_alive"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(fitted);
    }
    SbgModel copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SbgModel) in.readObject();
    }
    assertEquals(fitted.parameters(), copy.parameters());
    assertEquals(fitted.fitReport(), copy.fitReport());
    Tolerance.ulps(0).check("S(5)", fitted.survival(5), copy.survival(5));
  }

  @Test
  void accessors_describeTheModel() {
    assertEquals("sBG", EXAMPLE.name());
    assertEquals(List.of("alpha", "beta"), EXAMPLE.parameterNames());
    assertArrayEquals(new double[] {3.8, 15.2}, EXAMPLE.parameterValues());
    assertTrue(EXAMPLE.fitReport().isEmpty());
    assertEquals("sBG(alpha=3.8, beta=15.2)", EXAMPLE.toString());
    Tolerance.ulps(0).check("E[theta]", 3.8 / 19.0, EXAMPLE.parameters().meanChurnProbability());
    assertEquals(1.0, EXAMPLE.survival(0));
  }

  @Test
  void methods_rejectBadArguments() {
    assertRejects("alpha must be finite and > 0, was 0.0", () -> new SbgParameters(0, 1));
    assertRejects("beta must be finite and > 0, was NaN", () -> new SbgParameters(1, Double.NaN));
    assertRejects(
        "values has length 3 but parameter names has length 2",
        () -> SbgParameters.of(new double[] {1, 2, 3}));
    assertRejects("parameters must not be null", () -> SbgModel.of(null));
    assertRejects("t must be >= 0, was -1", () -> EXAMPLE.survival(-1));
    assertRejects("t must be > 0, was 0", () -> EXAMPLE.retention(0));
    assertRejects("t must be > 0, was 0", () -> EXAMPLE.probabilityOfChurn(0));
    assertRejects("periods must be >= 0, was -2", () -> EXAMPLE.survivalCurve(-2));
    assertRejects("periods must be >= 0, was -2", () -> EXAMPLE.retentionCurve(-2));
    assertRejects("n must be > 0, was 0", () -> EXAMPLE.conditionalSurvivalCurve(0, 5));
    assertRejects(
        "cohort must be finite and >= 0, was -5.0", () -> EXAMPLE.expectedSurvivors(-5, 3));
    assertRejects(
        "discountRate must be finite and > 0, was 0.0",
        () -> EXAMPLE.discountedExpectedLifetime(0));
    assertRejects(
        "discountRate must be finite and > 0, was -0.1",
        () -> EXAMPLE.discountedExpectedResidualLifetime(-0.1, 1));
    assertRejects("n must be > 0, was 0", () -> EXAMPLE.discountedExpectedResidualLifetime(0.1, 0));
    double[] out = new double[3];
    assertRejects(
        "n[1] must be a whole number >= 0, was 1.5",
        () -> EXAMPLE.discountedExpectedResidualLifetime(0.1, new double[] {1, 1.5, 2}, out, 0, 3));
    assertRejects(
        "n[2] must be finite and > 0, was 0.0",
        () -> EXAMPLE.discountedExpectedResidualLifetime(0.1, new double[] {1, 1, 0}, out, 0, 3));
    assertRejects(
        "range [from, to) = [0, 4) must lie within [0, 3]",
        () -> EXAMPLE.discountedExpectedResidualLifetime(0.1, new double[] {1, 1, 1}, out, 0, 4));
  }

  private static double[] ones(int n) {
    double[] out = new double[n];
    Arrays.fill(out, 1);
    return out;
  }
}
