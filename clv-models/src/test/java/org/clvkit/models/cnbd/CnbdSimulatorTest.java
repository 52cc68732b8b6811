package org.clvkit.models.cnbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.junit.jupiter.api.Test;

/** The simulator against the model, and parameter recovery including k. */
class CnbdSimulatorTest {
  /** BTYDplus's test parameters (tests/testthat/test-mbg-cnbd-k.R). */
  private static final CnbdParameters TRUTH = new CnbdParameters(3, 0.85, 1.45, 0.79, 2.42);

  /** Ages as in BTYDplus's test: uniform on 36..96 weeks, rounded to whole 12-week blocks. */
  private static double[] ages(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = Math.round((36 + 60 * random.nextDouble()) / 12) * 12;
    }
    return ages;
  }

  @Test
  void fit_recoversKAndTheParametersWithinThreeStandardErrors() {
    double[] ages = ages(8_000, 1);
    for (int dropout = 0; dropout <= 1; dropout++) {
      CnbdSimulator simulator =
          dropout == 1 ? CnbdSimulator.mbgCnbd(TRUTH, 11) : CnbdSimulator.bgCnbd(TRUTH, 11);
      CustomerHistories data = simulator.histories(ages);
      double[] litt = simulator.litt(ages);
      CnbdModelBase fitted =
          dropout == 1
              ? MbgCnbdFitter.create().fit(data, litt)
              : BgCnbdFitter.create().fit(data, litt);
      FitReport report = fitted.fitReport().orElseThrow();
      assertEquals(3, fitted.k(), report.summaryTable());
      double[] truth = TRUTH.toArray();
      for (int i = 1; i < truth.length; i++) {
        ParameterEstimate e = report.estimates().get(i);
        double expected = truth[i];
        assertTrue(
            Math.abs(e.value() - expected) <= 3 * e.standardError(),
            () -> e.name() + " = " + e.value() + " vs " + expected + "\n" + report.summaryTable());
      }
    }
  }

  /**
   * The simulated mean number of repeat purchases by age 20 agrees with E[X(20)] within 4 standard
   * errors of the mean, for both models; and the share with no repeat purchase with P(X(20) = 0).
   */
  @Test
  void simulatedCounts_agreeWithExpectedPurchasesAndThePmf() {
    int n = 40_000;
    double[] ages = new double[n];
    java.util.Arrays.fill(ages, 20);
    for (int dropout = 0; dropout <= 1; dropout++) {
      CnbdSimulator simulator =
          dropout == 1 ? CnbdSimulator.mbgCnbd(TRUTH, 5) : CnbdSimulator.bgCnbd(TRUTH, 5);
      CnbdModelBase model = dropout == 1 ? MbgCnbdModel.of(TRUTH) : BgCnbdModel.of(TRUTH);
      CustomerHistories h = simulator.histories(ages);
      double sum = 0;
      double squares = 0;
      double zeros = 0;
      for (int i = 0; i < n; i++) {
        double x = h.frequency(i);
        sum += x;
        squares += x * x;
        zeros += x == 0 ? 1 : 0;
      }
      double mean = sum / n;
      double se = Math.sqrt((squares / n - mean * mean) / n);
      double expected = model.expectedPurchases(20);
      assertTrue(Math.abs(mean - expected) <= 4 * se, mean + " vs " + expected + " ± " + se);
      double p0 = model.probabilityOfPurchases(0, 20);
      double share = zeros / n;
      double seShare = Math.sqrt(p0 * (1 - p0) / n);
      assertTrue(Math.abs(share - p0) <= 4 * seShare, share + " vs " + p0);
    }
  }

  @Test
  void litt_isTheSumOfLogInterPurchaseTimes() {
    double[] litt = CnbdSimulator.litt(new double[][] {{}, {2.0, 5.0}, {0.5}});
    assertEquals(0.0, litt[0]);
    assertEquals(Math.log(2) + Math.log(3), litt[1], 1e-15);
    assertEquals(Math.log(0.5), litt[2], 1e-15);
  }
}
