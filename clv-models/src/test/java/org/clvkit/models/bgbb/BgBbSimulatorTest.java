package org.clvkit.models.bgbb;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.clvkit.models.CustomerHistories;
import org.junit.jupiter.api.Test;

/**
 * The BG/BB simulator: reproducibility, consistency between its outputs, and the model's moments.
 */
class BgBbSimulatorTest {
  private static final BgBbParameters PAPER = new BgBbParameters(1.204, 0.750, 0.657, 2.783);
  private static final BgBbSimulator SIMULATOR = BgBbSimulator.of(PAPER);

  @Test
  void simulate_isReproducibleFromItsSeed() {
    CustomerHistories a = SIMULATOR.simulate(500, 6, 1);
    CustomerHistories b = SIMULATOR.simulate(500, 6, 1);
    CustomerHistories c = SIMULATOR.simulate(500, 6, 2);
    assertArrayEquals(a.frequencyColumn(), b.frequencyColumn());
    assertArrayEquals(a.recencyColumn(), b.recencyColumn());
    assertFalse(Arrays.equals(a.frequencyColumn(), c.frequencyColumn()));
  }

  @Test
  void purchaseOpportunities_summariseToTheSimulatedHistories() {
    CustomerHistories histories = SIMULATOR.simulate(2_000, 9, 5);
    int[][] purchases = SIMULATOR.purchaseOpportunities(2_000, 9, 5);
    for (int i = 0; i < purchases.length; i++) {
      int[] times = purchases[i];
      assertEquals(histories.frequency(i), times.length, "frequency of customer " + i);
      assertEquals(histories.recency(i), times.length == 0 ? 0 : times[times.length - 1]);
      assertEquals(9.0, histories.age(i));
      for (int k = 1; k < times.length; k++) {
        assertTrue(times[k - 1] < times[k] && times[k] <= 9, "increasing times of customer " + i);
      }
    }
  }

  @Test
  void simulate_frequenciesFollowTheModelsDistribution() {
    // 40,000 customers, 6 opportunities: each count within 4 binomial standard deviations of
    // customers · P(X(6) = k) (Fader, Hardie & Shang 2010, eq. 7), and the mean within 4 standard
    // errors.
    int customers = 40_000;
    CustomerHistories data = SIMULATOR.simulate(customers, 6, 11);
    BgBbModel model = BgBbModel.of(PAPER);
    double[] counts = new double[7];
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < customers; i++) {
      double x = data.frequency(i);
      counts[(int) x]++;
      sum += x;
      sumSquares += x * x;
    }
    for (int k = 0; k <= 6; k++) {
      double p = model.probabilityOfPurchases(k, 6);
      double expected = customers * p;
      double sd = Math.sqrt(customers * p * (1 - p));
      double actual = counts[k];
      int purchases = k;
      assertTrue(
          Math.abs(actual - expected) <= 4 * sd,
          () -> "customers with " + purchases + " purchases: " + actual + " vs " + expected);
    }
    double mean = sum / customers;
    double se = Math.sqrt((sumSquares / customers - mean * mean) / customers);
    assertTrue(
        Math.abs(mean - model.expectedPurchases(6)) <= 4 * se,
        () -> "mean " + mean + " vs " + model.expectedPurchases(6));
  }

  @Test
  void simulate_withDifferentOpportunitiesKeepsEachCustomersAge() {
    double[] opportunities = {0, 3, 10, 1};
    CustomerHistories data = SIMULATOR.simulate(opportunities, 3);
    assertArrayEquals(opportunities, data.ageColumn());
    assertEquals(0.0, data.frequency(0));
  }

  @Test
  void simulate_rejectsBadArguments() {
    assertRejects("customers must be > 0, was 0", () -> SIMULATOR.simulate(0, 6, 1));
    assertRejects("opportunities must be >= 0, was -1", () -> SIMULATOR.simulate(10, -1, 1));
    assertRejects(
        "opportunities[1] must be a whole number >= 0, was 2.5",
        () -> SIMULATOR.simulate(new double[] {1, 2.5}, 1));
    assertRejects("opportunities must not be empty", () -> SIMULATOR.simulate(new double[0], 1));
    assertRejects("customers must be > 0, was -3", () -> SIMULATOR.purchaseOpportunities(-3, 6, 1));
    assertRejects("parameters must not be null", () -> BgBbSimulator.of(null));
  }
}
