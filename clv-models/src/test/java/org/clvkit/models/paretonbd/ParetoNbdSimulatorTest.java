package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clvkit.models.CustomerHistories;
import org.junit.jupiter.api.Test;

/** The simulator against the model's own distribution of purchases, and its reproducibility. */
class ParetoNbdSimulatorTest {
  private static final ParetoNbdParameters CDNOW = ParetoNbdModelTest.CDNOW.parameters();

  @Test
  void histories_sameSeedGivesSameCustomers() {
    CustomerHistories a = ParetoNbdSimulator.of(CDNOW, 5).histories(500, 39);
    CustomerHistories b = ParetoNbdSimulator.of(CDNOW, 5).histories(500, 39);
    CustomerHistories c = ParetoNbdSimulator.of(CDNOW, 6).histories(500, 39);
    assertArrayEquals(a.frequencyColumn(), b.frequencyColumn());
    assertArrayEquals(a.recencyColumn(), b.recencyColumn());
    assertFalse(Arrays.equals(a.recencyColumn(), c.recencyColumn()));
  }

  /**
   * Mean frequency and the share of customers without repeat purchases over 40,000 simulated
   * customers against E[X(39)] and P(X(39) = 0) of the model, within 4 standard errors of the
   * sample mean.
   */
  @Test
  void histories_matchTheModelsDistributionOfPurchases() {
    int n = 40_000;
    CustomerHistories data = ParetoNbdSimulator.of(CDNOW, 11).histories(n, 39);
    double sum = 0;
    double squares = 0;
    double zeros = 0;
    for (int i = 0; i < n; i++) {
      double x = data.frequency(i);
      sum += x;
      squares += x * x;
      zeros += x == 0 ? 1 : 0;
    }
    double mean = sum / n;
    double sd = Math.sqrt((squares / n - mean * mean) / n);
    double expected = ParetoNbdModelTest.CDNOW.expectedPurchases(39);
    assertTrue(Math.abs(mean - expected) < 4 * sd, () -> "mean " + mean + " vs " + expected);
    double p0 = ParetoNbdModelTest.CDNOW.probabilityOfPurchases(0, 39);
    double share = zeros / n;
    double sdShare = Math.sqrt(p0 * (1 - p0) / n);
    assertTrue(Math.abs(share - p0) < 4 * sdShare, () -> "share " + share + " vs " + p0);
  }

  @Test
  void purchaseTimes_describeTheSameCustomersAsHistories() {
    double[] ages = new double[300];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = 1 + i % 50;
    }
    ParetoNbdSimulator simulator = ParetoNbdSimulator.of(new ParetoNbdParameters(2, 4, 0.5, 10), 3);
    CustomerHistories histories = simulator.histories(ages);
    double[][] times = simulator.purchaseTimes(ages);
    int buyers = 0;
    for (int i = 0; i < ages.length; i++) {
      double[] row = times[i];
      assertEquals(histories.frequency(i), row.length, "frequency of customer " + i);
      if (row.length > 0) {
        buyers++;
        assertEquals(histories.recency(i), row[row.length - 1], "recency of customer " + i);
        assertTrue(row[0] > 0 && row[row.length - 1] <= ages[i]);
        for (int k = 1; k < row.length; k++) {
          assertTrue(row[k - 1] <= row[k], "ascending times of customer " + i);
        }
      }
    }
    assertTrue(buyers > 100);
  }

  @Test
  void histories_handleHugePurchaseRates() {
    // λ has mean r/α = 1e6 a week: about 1e7 purchases in 10 weeks for the customers who stay.
    CustomerHistories data =
        ParetoNbdSimulator.of(new ParetoNbdParameters(1e3, 1e-3, 1, 1e3), 1).histories(200, 10);
    double max = 0;
    for (int i = 0; i < data.size(); i++) {
      max = Math.max(max, data.frequency(i));
    }
    double largest = max;
    assertTrue(largest > 1e6, () -> "largest frequency " + largest);
  }

  /** Gamma(shape, 1) draws have mean and variance shape, also for shapes below 1. */
  @Test
  void gamma_hasTheRightMeanAndVariance() {
    SplittableRandom random = new SplittableRandom(9);
    for (double shape : new double[] {0.05, 0.6, 1, 3.5, 200}) {
      int n = 100_000;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double g = ParetoNbdSimulator.gamma(random, shape);
        sum += g;
        squares += g * g;
      }
      double mean = sum / n;
      double variance = squares / n - mean * mean;
      // the sample mean has standard error sqrt(shape / n)
      double tolerance = 4 * Math.sqrt(shape / n);
      assertEquals(shape, mean, tolerance, "mean of Gamma(" + shape + ")");
      assertEquals(shape, variance, 0.05 * shape, "variance of Gamma(" + shape + ")");
    }
  }

  /**
   * Poisson draws have mean and variance equal to the mean, on both sides of the PTRS threshold.
   */
  @Test
  void poisson_hasTheRightMeanAndVariance() {
    SplittableRandom random = new SplittableRandom(13);
    for (double lambda : new double[] {0.3, 9.5, 10.5, 150, 1e7}) {
      int n = 100_000;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double k = ParetoNbdSimulator.poisson(random, lambda);
        assertEquals(Math.rint(k), k);
        sum += k;
        squares += k * k;
      }
      double mean = sum / n;
      double variance = squares / n - mean * mean;
      assertEquals(lambda, mean, 4 * Math.sqrt(lambda / n), "mean of Poisson(" + lambda + ")");
      assertEquals(lambda, variance, 0.05 * lambda, "variance of Poisson(" + lambda + ")");
    }
  }
}
