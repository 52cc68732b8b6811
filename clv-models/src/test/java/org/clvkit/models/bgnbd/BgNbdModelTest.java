package org.clvkit.models.bgnbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * BG/NBD predictions against independent high-precision values, its edge cases and its input
 * checks.
 */
class BgNbdModelTest {
  static final BgNbdModel CDNOW =
      BgNbdModel.of(new BgNbdParameters(0.2426, 4.4136, 0.7929, 2.4259));

  static BgNbdModel model(double[] p) {
    return BgNbdModel.of(new BgNbdParameters(p[0], p[1], p[2], p[3]));
  }

  @Test
  void logLikelihood_matchesMpmath() {
    assertEquals(63, ReferenceGrid.check("bgnbd_functions.csv", "loglik", BgNbdModelTest::model));
  }

  @Test
  void probabilityAlive_matchesMpmath() {
    assertEquals(72, ReferenceGrid.check("bgnbd_functions.csv", "palive", BgNbdModelTest::model));
  }

  @Test
  void expectedPurchases_matchesMpmath() {
    assertEquals(36, ReferenceGrid.check("bgnbd_functions.csv", "expected", BgNbdModelTest::model));
  }

  @Test
  void conditionalExpectedPurchases_matchesMpmath() {
    assertEquals(
        288, ReferenceGrid.check("bgnbd_functions.csv", "conditional", BgNbdModelTest::model));
  }

  @Test
  void probabilityOfPurchases_matchesMpmath() {
    assertEquals(180, ReferenceGrid.check("bgnbd_functions.csv", "pmf", BgNbdModelTest::model));
  }

  @Test
  void probabilityAlive_isOneForFrequencyZero() {
    Gen<Double> logUniform = doubles().between(-3, 3).map(e -> Math.pow(10, e));
    Gen<double[]> parameters =
        logUniform.zip(
            logUniform, logUniform, logUniform, (r, al, a, b) -> new double[] {r, al, a, b});
    qt().forAll(parameters, doubles().between(-1, 4))
        .checkAssert(
            (p, logAge) ->
                assertEquals(1.0, model(p).probabilityAlive(0, 0, Math.pow(10, logAge))));
  }

  @Test
  void conditionalExpectedPurchases_ofAFrequencyZeroCustomerIsTheNewCustomersAtAgeZero() {
    Tolerance.ulps(0)
        .check(
            "E[Y(t) | 0, 0, 0] = E[X(t)]",
            CDNOW.expectedPurchases(10),
            CDNOW.conditionalExpectedPurchases(10, 0, 0, 0));
    assertEquals(0.0, CDNOW.conditionalExpectedPurchases(0, 3, 10, 20));
    assertEquals(0.0, CDNOW.expectedPurchases(0));
  }

  @Test
  void discountedExpectedPurchases_withoutDiscountingIsTheConditionalExpectation() {
    // Σ_k (E[Y(k)] − E[Y(k−1)]) telescopes to E[Y(periods)] when nothing is discounted.
    Tolerance.relative(1e-12)
        .check(
            "undiscounted",
            CDNOW.conditionalExpectedPurchases(52, 2, 30.43, 38.86),
            CDNOW.discountedExpectedPurchases(52, 0.0, 2, 30.43, 38.86));
    double discounted = CDNOW.discountedExpectedPurchases(52, 0.01, 2, 30.43, 38.86);
    assertTrue(discounted < CDNOW.conditionalExpectedPurchases(52, 2, 30.43, 38.86));
  }

  @Test
  void probabilityOfPurchases_atTimeZeroIsAPointMassAtZero() {
    assertEquals(1.0, CDNOW.probabilityOfPurchases(0, 0));
    assertEquals(0.0, CDNOW.probabilityOfPurchases(3, 0));
  }

  @Test
  void parameters_areExposedInTheLiteraturesOrder() {
    assertEquals(List.of("r", "alpha", "a", "b"), CDNOW.parameterNames());
    assertEquals(0.7929, CDNOW.parameterValues()[2]);
    assertEquals("BG/NBD", CDNOW.name());
    assertFalse(CDNOW.fitReport().isPresent());
    assertEquals("BG/NBD(r=0.2426, alpha=4.414, a=0.7929, b=2.426)", CDNOW.toString());
    assertEquals(CDNOW.parameters(), BgNbdParameters.of(CDNOW.parameterValues()));
  }

  @Test
  void serialization_roundTripGivesTheSamePredictions() throws Exception {
    BgNbdModel fitted =
        BgNbdFitter.create().fit(BgNbdSimulator.of(CDNOW.parameters(), 5).histories(500, 39));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(fitted);
    }
    BgNbdModel copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (BgNbdModel) in.readObject();
    }
    assertEquals(fitted.parameters(), copy.parameters());
    assertEquals(fitted.fitReport(), copy.fitReport());
    Tolerance.ulps(0)
        .check(
            "E[Y]",
            fitted.conditionalExpectedPurchases(5, 2, 8, 10),
            copy.conditionalExpectedPurchases(5, 2, 8, 10));
  }

  @Test
  void parameters_rejectNonPositive() {
    assertRejects(
        "alpha must be finite and > 0, was -1.0", () -> new BgNbdParameters(0.2, -1, 0.8, 2.4));
    assertRejects(
        "r must be finite and > 0, was NaN", () -> new BgNbdParameters(Double.NaN, 4, 0.8, 2.4));
    assertRejects(
        "b must be finite and > 0, was Infinity",
        () -> new BgNbdParameters(0.2, 4, 0.8, Double.POSITIVE_INFINITY));
    assertRejects(
        "values has length 3 but parameter names [r, alpha, a, b] has length 4",
        () -> BgNbdParameters.of(new double[] {1, 2, 3}));
  }

  @Test
  void probabilityAlive_rejectsRecencyAboveAge() {
    assertRejects("recency = 40.0 must be <= age = 39.0", () -> CDNOW.probabilityAlive(2, 40, 39));
  }

  @Test
  void conditionalExpectedPurchases_rejectsNegativeFrequency() {
    assertRejects(
        "frequency must be a whole number >= 0, was -1.0",
        () -> CDNOW.conditionalExpectedPurchases(10, -1, 0, 39));
  }

  @Test
  void logLikelihood_rejectsNonIntegerFrequency() {
    assertRejects(
        "frequency must be a whole number >= 0, was 1.5", () -> CDNOW.logLikelihood(1.5, 3, 39));
  }

  @Test
  void probabilityAlive_rejectsNaN() {
    assertRejects(
        "recency must be finite and >= 0, was NaN",
        () -> CDNOW.probabilityAlive(2, Double.NaN, 39));
    assertRejects(
        "age must be finite and >= 0, was NaN", () -> CDNOW.probabilityAlive(2, 3, Double.NaN));
    assertRejects(
        "frequency must be a whole number >= 0, was NaN",
        () -> CDNOW.probabilityAlive(Double.NaN, 3, 39));
  }

  @Test
  void conditionalExpectedPurchases_rejectsRecencyForFrequencyZero() {
    assertRejects(
        "recency = 3.0 must be 0 when frequency = 0",
        () -> CDNOW.conditionalExpectedPurchases(5, 0, 3, 39));
  }

  @Test
  void conditionalExpectedPurchases_rejectsNegativeOrNaNHorizon() {
    assertRejects(
        "t must be finite and >= 0, was -1.0",
        () -> CDNOW.conditionalExpectedPurchases(-1, 2, 3, 39));
    assertRejects("t must be finite and >= 0, was NaN", () -> CDNOW.expectedPurchases(Double.NaN));
    assertRejects(
        "t must be finite and >= 0, was Infinity",
        () -> CDNOW.probabilityOfPurchases(1, Double.POSITIVE_INFINITY));
  }

  @Test
  void probabilityOfPurchases_rejectsNegativeCount() {
    assertRejects("n must be >= 0, was -1", () -> CDNOW.probabilityOfPurchases(-1, 5));
  }

  @Test
  void batch_rejectsABadRowByIndexBeforeWritingAnything() {
    double[] out = new double[3];
    assertRejects(
        "recency[2] = 40.0 must be <= age[2] = 39.0",
        () ->
            CDNOW.probabilityAlive(
                new double[] {1, 2, 3},
                new double[] {5, 6, 40},
                new double[] {39, 39, 39},
                out,
                0,
                3));
    assertEquals(0.0, out[0]);
    assertRejects(
        "frequency[1] must be a whole number >= 0, was -2.0",
        () ->
            CDNOW.conditionalExpectedPurchases(
                4, new double[] {1, -2}, new double[] {5, 6}, new double[] {39, 39}, out, 0, 2));
    assertRejects(
        "frequency[0] must be a whole number >= 0, was NaN",
        () ->
            CDNOW.conditionalExpectedPurchases(
                4, new double[] {Double.NaN}, new double[] {5}, new double[] {39}));
  }

  @Test
  void batch_rejectsMismatchedColumnsAndRanges() {
    double[] three = {1, 2, 3};
    assertRejects(
        "age has length 2 but frequency has length 3",
        () -> CDNOW.probabilityAlive(three, three, new double[] {9, 9}, new double[3], 0, 3));
    assertRejects(
        "range [from, to) = [2, 5) must lie within [0, 3]",
        () -> CDNOW.probabilityAlive(three, three, three, new double[9], 2, 5));
    assertRejects(
        "range [from, to) = [0, 3) must lie within [0, 2]",
        () -> CDNOW.probabilityAlive(three, three, three, new double[2], 0, 3));
    assertRejects(
        "out must not be null", () -> CDNOW.probabilityAlive(three, three, three, null, 0, 3));
  }

  @Test
  void batch_rowsOutsideTheRangeAreNeitherCheckedNorWritten() {
    double[] out = {-1, -1, -1};
    CDNOW.probabilityAlive(
        new double[] {-5, 2, 3}, new double[] {0, 6, 7}, new double[] {39, 39, 39}, out, 1, 3);
    assertEquals(-1.0, out[0]);
    assertTrue(out[1] > 0 && out[1] < 1);
  }
}
