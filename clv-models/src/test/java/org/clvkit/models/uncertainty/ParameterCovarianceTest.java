package org.clvkit.models.uncertainty;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.bgnbd.BgNbdSimulator;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The covariance of the log-parameters on CDNOW (BG/NBD, Fader, Hardie and Lee 2005): standard
 * errors against the independent mpmath reference, the delta method against sampling from the
 * asymptotic normal, seeded draws, and intervals that shrink with more data.
 */
class ParameterCovarianceTest {
  static CustomerHistories cdnow;
  static CustomerHistories patterns;
  static BgNbdModel model;
  static ParameterCovariance covariance;

  @BeforeAll
  static void fit() {
    cdnow = CdnowHistories.load();
    patterns = cdnow.compressed();
    model = BgNbdFitter.create().fit(cdnow);
    covariance = ParameterCovariance.of(model, cdnow);
  }

  /** Expected repeat purchases of the whole cohort over the next 39 weeks. */
  static double cohortPurchases(PurchaseModel m) {
    CustomerHistories c = patterns;
    double[] out =
        m.conditionalExpectedPurchases(39, c.frequencyColumn(), c.recencyColumn(), c.ageColumn());
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      sum += c.weight(i) * out[i];
    }
    return sum;
  }

  @Test
  void standardError_cdnowBgNbd_matchesTheIndependentReference() {
    // reference: mpmath inverse Hessian (clv-models/src/test/python/cdnow_standard_errors.py), 1 %
    ReferenceTable reference = ReferenceTable.load("bgnbd_cdnow_standard_errors.csv");
    List<String> names = covariance.names();
    assertEquals(List.of("r", "alpha", "a", "b"), names);
    for (int i = 0; i < names.size(); i++) {
      int row = reference.find("parameter", names.get(i));
      Tolerance.relative(reference.number(row, "tolerance"))
          .check(names.get(i), reference.number(row, "value"), covariance.standardError(i));
    }
  }

  @Test
  void deltaVariance_cdnowCohortPurchases_agreesWithSamplingWithinEightPercent() {
    ToDoubleFunction<double[]> statistic =
        v -> cohortPurchases(BgNbdModel.of(BgNbdParameters.of(v)));
    double delta = covariance.deltaVariance(statistic);
    double[][] draws = covariance.sample(2000, Seeded.SEED);
    double mean = 0;
    double[] values = new double[draws.length];
    for (int d = 0; d < draws.length; d++) {
      values[d] = statistic.applyAsDouble(draws[d]);
      mean += values[d] / draws.length;
    }
    double sampled = 0;
    for (double v : values) {
      sampled += (v - mean) * (v - mean) / (draws.length - 1);
    }
    // sampling error of a variance from 2,000 draws is about sqrt(2/2000) = 3.2 %: 2.5 of them
    Tolerance.relative(0.08).check("variance of cohort purchases", delta, sampled);
  }

  @Test
  void percentile_cdnowCohortPurchases_containsTheEstimate() {
    double estimate = cohortPurchases(model);
    List<PurchaseModel> draws = covariance.sampleModels(model, 200, Seeded.SEED);
    double[] values =
        draws.stream().mapToDouble(ParameterCovarianceTest::cohortPurchases).toArray();
    Interval interval = Intervals.percentile(estimate, values, 0.9);
    assertTrue(interval.contains(estimate), interval::toString);
    assertTrue(interval.width() > 0, interval::toString);
    Interval delta =
        Intervals.logNormal(
            estimate,
            covariance.deltaVariance(v -> cohortPurchases(BgNbdModel.of(BgNbdParameters.of(v)))),
            0.9);
    Tolerance.relative(0.25)
        .check("90 % width, delta vs sampling", delta.width(), interval.width());
  }

  @Test
  void sample_sameSeed_sameDrawsAndOtherSeedOtherDraws() {
    double[][] a = covariance.sample(50, 7L);
    double[][] b = covariance.sample(50, 7L);
    double[][] c = covariance.sample(50, 8L);
    for (int d = 0; d < a.length; d++) {
      assertArrayEquals(a[d], b[d]);
    }
    assertFalse(java.util.Arrays.equals(a[0], c[0]));
  }

  @Test
  void deltaVariance_moreCustomers_narrowerInterval() {
    BgNbdParameters truth = new BgNbdParameters(0.25, 4.0, 0.8, 2.5);
    double[] widths = new double[2];
    int[] sizes = {1_000, 10_000};
    for (int k = 0; k < 2; k++) {
      CustomerHistories data = BgNbdSimulator.of(truth, Seeded.SEED + k).histories(sizes[k], 39);
      BgNbdModel fitted = BgNbdFitter.create().fit(data);
      ParameterCovariance cov = ParameterCovariance.of(fitted, data);
      double estimate = fitted.expectedPurchases(52);
      double variance =
          cov.deltaVariance(v -> BgNbdModel.of(BgNbdParameters.of(v)).expectedPurchases(52));
      widths[k] = Intervals.logNormal(estimate, variance, 0.9).width();
    }
    // 10 times the customers: about sqrt(10) = 3.2 times narrower; at least twice
    assertTrue(widths[1] < widths[0] / 2, () -> widths[0] + " vs " + widths[1]);
  }

  @Test
  void of_flatLikelihood_isRejectedNamingThePivot() {
    // one customer: the information of four parameters from one history is singular
    CustomerHistories one =
        CustomerHistories.of(new double[] {0}, new double[] {0}, new double[] {10});
    BgNbdModel m = BgNbdModel.of(new BgNbdParameters(0.25, 4.0, 0.8, 2.5));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.clvkit.core.ClvArgumentException.class, () -> ParameterCovariance.of(m, one));
    assertTrue(
        e.getMessage().startsWith("the observed information must be positive definite, was not"),
        e.getMessage());
  }

  @Test
  void interval_lowerAboveUpper_isRejected() {
    assertRejects("lower = 2.0 must be <= upper = 1.0", () -> new Interval(1.5, 2, 1, 0.9));
  }
}
