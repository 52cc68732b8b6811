package org.clvkit.models.bdw;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.clvkit.models.sbg.SbgModel;
import org.clvkit.models.sbg.SbgParameters;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The BdW's curves and lifetimes against mpmath, the sBG at c = 1, and its invariants. */
class BdwModelTest {
  private static final BdwModel RISING = BdwModel.of(new BdwParameters(0.456, 0.779, 1.283));

  /** bdw_functions.csv: S(t) as an integral over θ, DEL and DERL as sums (bdw_reference.py). */
  @Test
  void curvesAndLifetimes_matchIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("bdw_functions.csv");
    Tolerance tolerance = Tolerance.relative(1e-12);
    for (int i = 0; i < table.size(); i++) {
      BdwModel model =
          BdwModel.of(
              new BdwParameters(
                  table.number(i, "alpha"), table.number(i, "beta"), table.number(i, "c")));
      int t = (int) table.number(i, "t");
      double d = table.number(i, "discount");
      double expected = table.number(i, "value");
      String what = table.text(i, "quantity") + " row " + i;
      switch (table.text(i, "quantity")) {
        case "survival" -> tolerance.check(what, expected, model.survival(t));
        case "del" -> tolerance.check(what, expected, model.discountedExpectedLifetime(d));
        default -> tolerance.check(what, expected, model.discountedExpectedResidualLifetime(d, t));
      }
    }
  }

  /** At c = 1 the BdW is the sBG (Fader et al. 2018, section 2): every quantity agrees. */
  @Test
  void cEqualToOne_isTheShiftedBetaGeometricModel() {
    qt(50)
        .forAll(
            doubles().between(-2, 2),
            doubles().between(-2, 2),
            integers().between(1, 200),
            doubles().between(0.01, 1))
        .checkAssert(
            (logA, logB, t, d) -> {
              double a = Math.pow(10, logA);
              double b = Math.pow(10, logB);
              BdwModel bdw = BdwModel.of(new BdwParameters(a, b, 1));
              SbgModel sbg = SbgModel.of(new SbgParameters(a, b));
              Tolerance close = Tolerance.relative(1e-12);
              String at = " at a=" + a + " b=" + b + " t=" + t + " d=" + d;
              close.check("S" + at, sbg.survival(t), bdw.survival(t));
              // A difference of survivals: relative accuracy is lost where P(T = t) << S(t−1).
              Tolerance.relative(1e-9)
                  .check("P(T=t)" + at, sbg.probabilityOfChurn(t), bdw.probabilityOfChurn(t));
              close.check("r(t)" + at, sbg.retention(t), bdw.retention(t));
              close.check(
                  "DERL" + at,
                  sbg.discountedExpectedResidualLifetime(d, t),
                  bdw.discountedExpectedResidualLifetime(d, t));
              close.check(
                  "DEL" + at, sbg.discountedExpectedLifetime(d), bdw.discountedExpectedLifetime(d));
            });
  }

  @Test
  void survival_isNonIncreasingAndChurnSumsToItsComplement() {
    qt(50)
        .forAll(doubles().between(-2, 2), doubles().between(-2, 2), doubles().between(-1, 1))
        .checkAssert(
            (logA, logB, logC) -> {
              BdwModel m =
                  BdwModel.of(
                      new BdwParameters(
                          Math.pow(10, logA), Math.pow(10, logB), Math.pow(10, logC)));
              double churned = 0;
              double previous = 1;
              for (int t = 1; t <= 60; t++) {
                double s = m.survival(t);
                assertTrue(s <= previous, () -> "S rose at t for " + m);
                churned += m.probabilityOfChurn(t);
                Tolerance.absolute(1e-13).check("1 - S(" + t + ")", 1 - s, churned);
                Tolerance.absolute(1e-15)
                    .check("r(t) = 1 - churn", m.retention(t), 1 - m.churnProbability(t));
                previous = s;
              }
            });
  }

  @Test
  void curves_agreeWithThePointwiseMethods() {
    double[] curve = RISING.survivalCurve(10);
    double[] conditional = RISING.conditionalSurvivalCurve(4, 6);
    double[] survivors = RISING.expectedSurvivors(1000, 10);
    assertEquals(1000.0, survivors[0]);
    for (int t = 1; t <= 10; t++) {
      Tolerance.relative(1e-15).check("S(" + t + ")", RISING.survival(t), curve[t - 1]);
      Tolerance.relative(1e-15).check("survivors " + t, 1000 * RISING.survival(t), survivors[t]);
    }
    for (int t = 1; t <= 6; t++) {
      Tolerance.relative(1e-14)
          .check(
              "S(3+t)/S(3) " + t, RISING.survival(3 + t) / RISING.survival(3), conditional[t - 1]);
    }
  }

  @Test
  void derlBatch_equalsPerCustomerBitForBit() {
    double[] n = {1, 2, 5, 12, 40};
    double[] out = new double[7];
    RISING.discountedExpectedResidualLifetime(0.1, n, out, 1, 4);
    assertEquals(0.0, out[0]);
    for (int i = 1; i < 4; i++) {
      assertEquals(RISING.discountedExpectedResidualLifetime(0.1, (int) n[i]), out[i]);
    }
  }

  @Test
  void badInput_isRejectedWithItsRule() {
    assertRejects("c must be finite and > 0, was 0.0", () -> new BdwParameters(1, 1, 0));
    assertRejects(
        "values has length 2 but parameter names has length 3",
        () -> BdwParameters.of(new double[] {1, 2}));
    assertRejects("t must be >= 0, was -1", () -> RISING.survival(-1));
    assertRejects("t must be > 0, was 0", () -> RISING.churnProbability(0));
    assertRejects(
        "discountRate must be finite and > 0, was 0.0", () -> RISING.discountedExpectedLifetime(0));
    assertRejects(
        "n[1] must be a whole number >= 0, was 0.5",
        () ->
            RISING.discountedExpectedResidualLifetime(
                0.1, new double[] {1, 0.5}, new double[2], 0, 2));
  }
}
