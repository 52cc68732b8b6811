package org.clvkit.models.gammagamma;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class GammaGammaSimulatorTest {

  private static final GammaGammaParameters CDNOW = new GammaGammaParameters(6.25, 3.74, 15.44);

  @Test
  void sample_followsTheGammaDistribution() {
    // Kolmogorov-Smirnov against commons-math's Gamma CDF; with the fixed seed the p-value is
    // fixed, and a wrong sampler (shape or rate mixed up, the boost below 1 wrong) gives p far
    // below 1e-3.
    SplittableRandom random = new SplittableRandom(11);
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    for (double shape : new double[] {0.01, 0.3, 1, 3.74, 150}) {
      for (double rate : new double[] {0.05, 2}) {
        double[] draws = new double[5_000];
        for (int i = 0; i < draws.length; i++) {
          draws[i] = RandomGamma.sample(random, shape, rate);
        }
        double pValue = ks.kolmogorovSmirnovTest(new GammaDistribution(shape, 1 / rate), draws);
        assertTrue(pValue > 1e-3, () -> "shape " + shape + " rate " + rate + " p-value " + pValue);
      }
    }
  }

  @Test
  void simulateMonetaryValue_isTheMeanOfTheSimulatedTransactions() {
    double[] f = {0, 1, 2, 7, 0, 30};
    GammaGammaSimulator simulator = GammaGammaSimulator.of(CDNOW);
    double[][] transactions = simulator.simulateTransactionValues(f, 99);
    double[] m = simulator.simulateMonetaryValue(f, 99);
    for (int i = 0; i < f.length; i++) {
      assertEquals((int) f[i], transactions[i].length);
      double sum = 0;
      for (double z : transactions[i]) {
        assertTrue(z > 0);
        sum += z;
      }
      assertEquals(f[i] == 0 ? 0 : sum / f[i], m[i]);
    }
  }

  @Test
  void simulateMonetaryValue_isReproducibleFromTheSeed() {
    double[] f = new double[100];
    Arrays.fill(f, 3);
    GammaGammaSimulator simulator = GammaGammaSimulator.of(CDNOW);
    assertArrayEquals(simulator.simulateMonetaryValue(f, 1), simulator.simulateMonetaryValue(f, 1));
    double[] other = simulator.simulateMonetaryValue(f, 2);
    assertFalse(Arrays.equals(simulator.simulateMonetaryValue(f, 1), other));
    assertEquals(CDNOW, simulator.parameters());
  }

  @Test
  void simulateMonetaryValue_hasThePopulationMean() {
    // E[m] = p gamma / (q - 1) whatever x; Var(m | x) = (p/x) g^2/((q-1)(q-2)) + p^2
    // g^2/((q-1)^2(q-2)).
    GammaGammaParameters p = new GammaGammaParameters(2, 6, 10);
    int n = 100_000;
    double[] f = new double[n];
    Arrays.fill(f, 4);
    double[] m = GammaGammaSimulator.of(p).simulateMonetaryValue(f, 5);
    double mean = Arrays.stream(m).average().orElseThrow();
    double expected = 2 * 10 / 5.0;
    double variance = (2 / 4.0) * 100 / (5 * 4) + 4 * 100 / (25.0 * 4);
    assertTrue(
        Math.abs(mean - expected) < 4 * Math.sqrt(variance / n),
        () -> "mean " + mean + " vs " + expected);
  }

  @Test
  void conditionalExpectedSpend_isThePosteriorMeanOfSimulatedCustomers() {
    // Customers drawn with commons-math (independently of the simulator): nu ~ Gamma(q, rate
    // gamma), m | nu ~ Gamma(p x, rate x nu). The posterior mean E[p / nu | x, m] makes p / nu -
    // E[M | x, m] average to 0 within sampling error.
    GammaGammaParameters p = new GammaGammaParameters(3, 5, 40);
    GammaGammaModel model = GammaGammaModel.of(p);
    MersenneTwister rng = new MersenneTwister(17);
    GammaDistribution rates = new GammaDistribution(rng, p.q(), 1 / p.gamma());
    int n = 100_000;
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      int x = 1 + (i % 6);
      double nu = rates.sample();
      double m = new GammaDistribution(rng, p.p() * x, 1 / (x * nu)).sample();
      double error = p.p() / nu - model.conditionalExpectedSpend(x, m);
      sum += error;
      sumSquares += error * error;
    }
    double mean = sum / n;
    double standardError = Math.sqrt((sumSquares / n - mean * mean) / n);
    assertTrue(Math.abs(mean) < 4 * standardError, () -> mean + " +- " + standardError);
  }

  @Test
  void simulate_rejectsBadFrequencies() {
    GammaGammaSimulator simulator = GammaGammaSimulator.of(CDNOW);
    assertRejects("frequency must not be null", () -> simulator.simulateMonetaryValue(null, 1));
    assertRejects(
        "frequency[1] must be a whole number >= 0, was 0.5",
        () -> simulator.simulateMonetaryValue(new double[] {1, 0.5}, 1));
    assertRejects(
        "frequency[0] must be at most 2147483639 to simulate, was 1.0E10",
        () -> simulator.simulateTransactionValues(new double[] {1e10}, 1));
    assertRejects("parameters must not be null", () -> GammaGammaSimulator.of(null));
  }
}
