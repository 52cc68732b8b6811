package org.clvkit.models.paretonbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.clvkit.models.Discount;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with the exact message of each rule. */
class ParetoNbdValidationTest {
  private static final ParetoNbdModel MODEL = ParetoNbdModelTest.CDNOW;

  @Test
  void parameters_rejectNonPositiveAndNonFiniteValues() {
    assertRejects("r must be finite and > 0, was -1.0", () -> new ParetoNbdParameters(-1, 1, 1, 1));
    assertRejects(
        "alpha must be finite and > 0, was NaN",
        () -> new ParetoNbdParameters(1, Double.NaN, 1, 1));
    assertRejects("s must be finite and > 0, was 0.0", () -> new ParetoNbdParameters(1, 1, 0, 1));
    assertRejects(
        "beta must be finite and > 0, was Infinity",
        () -> new ParetoNbdParameters(1, 1, 1, Double.POSITIVE_INFINITY));
  }

  @Test
  void parametersOf_rejectsWrongLengthAndNull() {
    assertRejects(
        "values has length 3 but parameter names [r, alpha, s, beta] has length 4",
        () -> ParetoNbdParameters.of(new double[] {1, 2, 3}));
    assertRejects("values must not be null", () -> ParetoNbdParameters.of(null));
  }

  @Test
  void perCustomer_rejectsNegativeFrequency() {
    assertRejects(
        "frequency must be a whole number >= 0, was -1.0", () -> MODEL.probabilityAlive(-1, 0, 10));
  }

  @Test
  void perCustomer_rejectsNonIntegerFrequency() {
    assertRejects(
        "frequency must be a whole number >= 0, was 1.5",
        () -> MODEL.conditionalExpectedPurchases(5, 1.5, 2, 10));
  }

  @Test
  void perCustomer_rejectsNaNRecency() {
    assertRejects(
        "recency must be finite and >= 0, was NaN", () -> MODEL.logLikelihood(1, Double.NaN, 10));
  }

  @Test
  void perCustomer_rejectsInfiniteAge() {
    assertRejects(
        "age must be finite and >= 0, was Infinity",
        () ->
            MODEL.conditionalDiscountedResidualPurchases(
                Discount.continuous(0.01), 1, 2, Double.POSITIVE_INFINITY));
  }

  @Test
  void perCustomer_rejectsRecencyAfterAge() {
    assertRejects("recency = 40.0 must be <= age = 39.0", () -> MODEL.probabilityAlive(2, 40, 39));
  }

  @Test
  void perCustomer_rejectsRecencyWithoutRepeatPurchases() {
    assertRejects(
        "recency = 3.0 must be 0 when frequency = 0", () -> MODEL.probabilityAlive(0, 3, 39));
  }

  @Test
  void horizons_rejectNegativeAndNaN() {
    assertRejects("t must be finite and >= 0, was -1.0", () -> MODEL.expectedPurchases(-1));
    assertRejects(
        "t must be finite and >= 0, was NaN",
        () -> MODEL.conditionalExpectedPurchases(Double.NaN, 1, 2, 10));
    assertRejects("t must be finite and >= 0, was -2.0", () -> MODEL.probabilityOfPurchases(1, -2));
    assertRejects("n must be >= 0, was -1", () -> MODEL.probabilityOfPurchases(-1, 2));
  }

  @Test
  void discountRate_mustBePositive() {
    assertRejects(
        "continuousRate must be finite and > 0, was 0.0",
        () -> MODEL.conditionalDiscountedResidualPurchases(Discount.continuous(0), 1, 2, 10));
    assertRejects(
        "continuousRate must be finite and > 0, was NaN",
        () ->
            MODEL.conditionalDiscountedResidualPurchases(
                Discount.continuous(Double.NaN),
                new double[] {1},
                new double[] {2},
                new double[] {10}));
  }

  @Test
  void batch_namesTheRowAndWritesNothingWhenARowIsInvalid() {
    double[] f = {1, 2, 1.5, 0};
    double[] r = {1, 2, 3, 0};
    double[] a = {10, 10, 10, 10};
    double[] out = {-7, -7, -7, -7};
    assertRejects(
        "frequency[2] must be a whole number >= 0, was 1.5",
        () -> MODEL.probabilityAlive(f, r, a, out, 0, 4));
    assertRejects(
        "frequency[2] must be a whole number >= 0, was 1.5",
        () -> MODEL.conditionalExpectedPurchases(3, f, r, a, out, 0, 4));
    assertRejects(
        "frequency[2] must be a whole number >= 0, was 1.5",
        () ->
            MODEL.conditionalDiscountedResidualPurchases(
                Discount.continuous(0.01), f, r, a, out, 0, 4));
    assertArrayEquals(new double[] {-7, -7, -7, -7}, out);
  }

  @Test
  void batch_rejectsBadRangesLengthsAndNulls() {
    double[] f = {1, 2};
    double[] r = {1, 2};
    double[] a = {10, 10};
    assertRejects(
        "range [from, to) = [1, 3) must lie within [0, 2]",
        () -> MODEL.probabilityAlive(f, r, a, new double[2], 1, 3));
    assertRejects(
        "range [from, to) = [0, 2) must lie within [0, 1]",
        () -> MODEL.probabilityAlive(f, r, a, new double[1], 0, 2));
    assertRejects(
        "age has length 1 but frequency has length 2",
        () -> MODEL.probabilityAlive(f, r, new double[] {10}));
    assertRejects(
        "recency must not be null", () -> MODEL.conditionalExpectedPurchases(1, f, null, a));
    assertRejects(
        "out must not be null",
        () ->
            MODEL.conditionalDiscountedResidualPurchases(
                Discount.continuous(0.01), f, r, a, null, 0, 2));
  }

  @Test
  void model_rejectsNullParameters() {
    assertRejects("parameters must not be null", () -> ParetoNbdModel.of(null));
    assertRejects(
        "data must not be null",
        () -> MODEL.logLikelihood((org.clvkit.models.CustomerHistories) null));
  }

  @Test
  void fitter_rejectsNullDataAndSettings() {
    assertRejects(
        "data must not be null",
        () -> ParetoNbdFitter.create().fit((org.clvkit.models.CustomerHistories) null));
    assertRejects("settings must not be null", () -> ParetoNbdFitter.create().withSettings(null));
    assertRejects(
        "recency[1] = 12.0 must be <= age[1] = 11.0",
        () ->
            ParetoNbdFitter.create()
                .fit(new double[] {0, 1}, new double[] {0, 12}, new double[] {10, 11}));
  }

  @Test
  void simulator_rejectsBadAgesAndCounts() {
    ParetoNbdSimulator simulator = ParetoNbdSimulator.of(MODEL.parameters(), 1);
    assertRejects(
        "ages[1] must be finite and >= 0, was -1.0",
        () -> simulator.histories(new double[] {3, -1}));
    assertRejects("ages must not be empty", () -> simulator.purchaseTimes(new double[0]));
    assertRejects("customers must be > 0, was 0", () -> simulator.histories(0, 39));
    assertRejects("age must be finite and >= 0, was NaN", () -> simulator.histories(5, Double.NaN));
    assertRejects("parameters must not be null", () -> ParetoNbdSimulator.of(null, 1));
  }
}
