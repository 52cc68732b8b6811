package org.clvkit.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampler's exact conditional draws and closed forms, against direct computations. */
class ParetoNbdGibbsTest {

  /**
   * The mean of τ under (a+τ)^-p (b+τ)^-q on (lo, hi] by Simpson's rule with 20,000 panels in u =
   * ln(τ − lo + c), c = min(a, b) + lo, where the integrand is smooth even when a or b is tiny
   * (agrees with mpmath's quad, 0.534676, 34.23695, 0.0861614, 9.033155, 0.0102785 for the five
   * cases below, to 2e-4 relative).
   */
  private static double deadTimeMean(double p, double a, double q, double b, double lo, double hi) {
    int m = 20_000;
    double c = Math.min(a, b) + lo;
    double u0 = Math.log(c);
    double u1 = Math.log(hi - lo + c);
    double h = (u1 - u0) / m;
    double mass = 0;
    double first = 0;
    for (int k = 0; k <= m; k++) {
      double w = Math.exp(u0 + k * h);
      double t = w - c + lo;
      double weight = (k == 0 || k == m) ? 1 : (k % 2 == 1 ? 4 : 2);
      double density = Math.exp(-p * Math.log(a + t) - q * Math.log(b + t)) * w;
      mass += weight * density;
      first += weight * t * density;
    }
    return first / mass;
  }

  @Test
  void deadTime_hasTheTruncatedDensitysMean() {
    double[][] cases = {
      {27.55, 10.5, 1.6, 12, 0.14, 39.0}, // a heavy buyer, strongly curved log-density
      {1.55, 10.5, 1.6, 12, 30.4, 38.9}, // a short gap, nearly uniform
      {0.55, 0.01, 5, 0.5, 0, 52}, // sharp peak at the start
      {0.7, 3e-7, 2.1, 3e6, 0, 39}, // extreme parameters, one factor flat
      {40, 1e-3, 1.5, 1e-3, 0.01, 39} // both factors steep
    };
    for (double[] c : cases) {
      SplittableRandom random = new SplittableRandom(8L);
      int n = 40_000;
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < n; i++) {
        double t = ParetoNbdGibbs.deadTime(random, c[0], c[1], c[2], c[3], c[4], c[5]);
        assertTrue(t > c[4] && t <= c[5]);
        sum += t;
        sumSq += t * t;
      }
      double mean = sum / n;
      double se = Math.sqrt((sumSq / n - mean * mean) / n);
      assertEquals(deadTimeMean(c[0], c[1], c[2], c[3], c[4], c[5]), mean, 4 * se);
    }
  }

  @Test
  void probabilityAlive_isTheClosedFormAndStaysFinite() {
    double lambda = 0.3;
    double mu = 0.05;
    double gap = 12;
    double c = lambda + mu;
    assertEquals(
        1 / (1 + mu / c * (Math.exp(c * gap) - 1)),
        ParetoNbdGibbs.probabilityAlive(lambda, mu, gap),
        1e-15);
    assertEquals(1.0, ParetoNbdGibbs.probabilityAlive(lambda, mu, 0));
    double far = ParetoNbdGibbs.probabilityAlive(5, 1, 1000); // e^{6000} overflows
    assertTrue(far >= 0 && far < 1e-300);
    assertEquals(
        ParetoNbdGibbs.probabilityAlive(lambda, mu, gap) * lambda / mu * (1 - Math.exp(-mu * 10)),
        ParetoNbdGibbs.expectedPurchases(10, lambda, mu, gap),
        1e-14);
  }

  @Test
  void gammaVariates_haveTheirMeanAndVariance() {
    SplittableRandom random = new SplittableRandom(9L);
    for (double[] c : new double[][] {{0.3, 2}, {1, 1}, {7.5, 0.5}}) {
      int n = 200_000;
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < n; i++) {
        double g = RandomVariates.gamma(random, c[0], c[1]);
        sum += g;
        sumSq += g * g;
      }
      double mean = sum / n;
      double variance = sumSq / n - mean * mean;
      double wantMean = c[0] / c[1];
      double wantVariance = c[0] / (c[1] * c[1]);
      assertEquals(wantMean, mean, 4 * Math.sqrt(wantVariance / n));
      assertEquals(wantVariance, variance, 0.05 * wantVariance);
    }
  }
}
