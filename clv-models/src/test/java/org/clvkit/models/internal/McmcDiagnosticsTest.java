package org.clvkit.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Split R-hat and effective sample size on chains with known answers: independent normal draws
 * (R-hat 1, ESS = the number of draws), AR(1) chains (ESS = N (1 − ρ)/(1 + ρ), the integrated
 * autocorrelation time of an AR(1) process), and chains with different means (R-hat far above 1).
 */
class McmcDiagnosticsTest {
  private static double[] ar1(int chains, int n, double rho, double[] shift, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[chains * n];
    for (int c = 0; c < chains; c++) {
      double state = random.nextGaussian();
      for (int k = 0; k < n; k++) {
        state = rho * state + Math.sqrt(1 - rho * rho) * random.nextGaussian();
        out[c * n + k] = state + shift[c];
      }
    }
    return out;
  }

  @Test
  void independentDraws_haveRhatOneAndFullSampleSize() {
    double[] draws = ar1(4, 2000, 0, new double[4], 1L);
    assertEquals(1.0, McmcDiagnostics.splitRhat(draws, 0, 4, 2000), 0.01);
    assertEquals(8000, McmcDiagnostics.effectiveSampleSize(draws, 0, 4, 2000), 800);
    assertEquals(1.0, McmcDiagnostics.rankSplitRhat(draws, 0, 4, 2000), 0.01);
    assertEquals(8000, McmcDiagnostics.rankEffectiveSampleSize(draws, 0, 4, 2000), 800);
  }

  @Test
  void autocorrelatedDraws_haveTheAr1SampleSize() {
    double rho = 0.8;
    double[] draws = ar1(4, 5000, rho, new double[4], 2L);
    double expected = 20000 * (1 - rho) / (1 + rho);
    assertEquals(expected, McmcDiagnostics.effectiveSampleSize(draws, 0, 4, 5000), 0.15 * expected);
    assertEquals(1.0, McmcDiagnostics.splitRhat(draws, 0, 4, 5000), 0.02);
  }

  @Test
  void chainsThatDisagree_haveALargeRhat() {
    double[] draws = ar1(4, 1000, 0.5, new double[] {0, 0, 0, 3}, 3L);
    assertTrue(McmcDiagnostics.splitRhat(draws, 0, 4, 1000) > 1.5);
    assertTrue(McmcDiagnostics.rankSplitRhat(draws, 0, 4, 1000) > 1.2);
  }

  @Test
  void rankNormalised_isTheSameForAnyIncreasingTransform() {
    double[] draws = ar1(2, 500, 0.3, new double[2], 4L);
    double[] exp = new double[draws.length];
    for (int i = 0; i < draws.length; i++) {
      exp[i] = Math.exp(3 * draws[i]);
    }
    assertEquals(
        McmcDiagnostics.rankSplitRhat(draws, 0, 2, 500),
        McmcDiagnostics.rankSplitRhat(exp, 0, 2, 500));
    assertEquals(
        McmcDiagnostics.rankEffectiveSampleSize(draws, 0, 2, 500),
        McmcDiagnostics.rankEffectiveSampleSize(exp, 0, 2, 500));
  }

  @Test
  void constantChains_haveRhatOneWhenEqualAndInfiniteWhenNot() {
    double[] same = new double[40];
    java.util.Arrays.fill(same, 2.0);
    assertEquals(1.0, McmcDiagnostics.splitRhat(same, 0, 2, 20));
    assertEquals(40, McmcDiagnostics.effectiveSampleSize(same, 0, 2, 20));
    double[] differ = same.clone();
    java.util.Arrays.fill(differ, 20, 40, 3.0);
    assertEquals(Double.POSITIVE_INFINITY, McmcDiagnostics.splitRhat(differ, 0, 2, 20));
  }
}
