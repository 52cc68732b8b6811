package org.clvkit.models.mbgnbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.bgnbd.ReferenceGrid;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * MBG/NBD predictions against independent high-precision values, its edge cases and input checks.
 */
class MbgNbdModelTest {
  static final MbgNbdModel CDNOW =
      MbgNbdModel.of(new MbgNbdParameters(0.5248, 6.1831, 0.8914, 1.614));

  static MbgNbdModel model(double[] p) {
    return MbgNbdModel.of(MbgNbdParameters.of(p));
  }

  @Test
  void logLikelihood_matchesMpmath() {
    assertEquals(63, ReferenceGrid.check("mbgnbd_functions.csv", "loglik", MbgNbdModelTest::model));
  }

  @Test
  void probabilityAlive_matchesMpmath() {
    assertEquals(72, ReferenceGrid.check("mbgnbd_functions.csv", "palive", MbgNbdModelTest::model));
  }

  @Test
  void expectedPurchases_matchesMpmath() {
    assertEquals(
        36, ReferenceGrid.check("mbgnbd_functions.csv", "expected", MbgNbdModelTest::model));
  }

  @Test
  void conditionalExpectedPurchases_matchesMpmath() {
    assertEquals(
        288, ReferenceGrid.check("mbgnbd_functions.csv", "conditional", MbgNbdModelTest::model));
  }

  @Test
  void probabilityOfPurchases_matchesMpmath() {
    assertEquals(180, ReferenceGrid.check("mbgnbd_functions.csv", "pmf", MbgNbdModelTest::model));
  }

  @Test
  void probabilityAlive_ofANewCustomerIsTheShareThatSurvivedTheFirstPurchase() {
    // At x = t_x = T = 0 the customer is alive with probability E[1 − p] = b / (a + b).
    Tolerance.relative(1e-15)
        .check("P(alive | 0, 0, 0)", 1.614 / (0.8914 + 1.614), CDNOW.probabilityAlive(0, 0, 0));
    assertTrue(CDNOW.probabilityAlive(0, 0, 39) < CDNOW.probabilityAlive(0, 0, 1));
  }

  @Test
  void expectedPurchases_isBelowTheBgNbdWithTheSameParameters() {
    // The MBG/NBD adds dropout at time 0: E[X(t)] = b/(a+b) · (BG/NBD E[X(t)] with b+1) and is
    // smaller.
    BgNbdModel bg = BgNbdModel.of(new BgNbdParameters(0.5248, 6.1831, 0.8914, 1.614));
    for (double t : new double[] {1, 10, 39, 100}) {
      assertTrue(CDNOW.expectedPurchases(t) < bg.expectedPurchases(t));
    }
  }

  @Test
  void probabilityOfPurchases_meanEqualsExpectedPurchases() {
    double mean = 0;
    for (int n = 1; n < 2000; n++) {
      mean += n * CDNOW.probabilityOfPurchases(n, 39);
    }
    Tolerance.relative(1e-9).check("Σ n P(X(39) = n)", CDNOW.expectedPurchases(39), mean);
  }

  @Test
  void model_describesItself() {
    assertEquals("MBG/NBD", CDNOW.name());
    assertEquals(List.of("r", "alpha", "a", "b"), CDNOW.parameterNames());
    assertEquals("MBG/NBD(r=0.5248, alpha=6.183, a=0.8914, b=1.614)", CDNOW.toString());
    assertEquals(CDNOW.parameters(), MbgNbdParameters.of(CDNOW.parameterValues()));
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
        "frequency must be a whole number >= 0, was 2.5", () -> CDNOW.logLikelihood(2.5, 3, 39));
  }

  @Test
  void probabilityAlive_rejectsNaN() {
    assertRejects(
        "age must be finite and >= 0, was NaN", () -> CDNOW.probabilityAlive(2, 3, Double.NaN));
    assertRejects(
        "recency[0] must be finite and >= 0, was NaN",
        () ->
            CDNOW.probabilityAlive(new double[] {1}, new double[] {Double.NaN}, new double[] {39}));
  }

  @Test
  void parameters_rejectNonPositive() {
    assertRejects("a must be finite and > 0, was 0.0", () -> new MbgNbdParameters(1, 1, 0, 1));
  }

  @Test
  void logLikelihood_ofAllCustomersIsTheWeightedSum() {
    CustomerHistories data =
        CustomerHistories.of(
            new double[] {0, 3}, new double[] {0, 20}, new double[] {39, 39}, new double[] {4, 2});
    Tolerance.relative(1e-14)
        .check(
            "weighted LL",
            4 * CDNOW.logLikelihood(0, 0, 39) + 2 * CDNOW.logLikelihood(3, 20, 39),
            CDNOW.logLikelihood(data));
  }
}
