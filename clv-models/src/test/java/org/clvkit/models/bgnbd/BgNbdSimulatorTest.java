package org.clvkit.models.bgnbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.clvkit.models.CustomerHistories;
import org.junit.jupiter.api.Test;

/** The BG/NBD simulator against the model's own distribution of counts. */
class BgNbdSimulatorTest {
  static final BgNbdParameters CDNOW = new BgNbdParameters(0.2426, 4.4136, 0.7929, 2.4259);

  @Test
  void histories_summariseThePurchaseTimesOfTheSameCustomers() {
    double[] ages = {39, 10, 0, 25.5, 39};
    BgNbdSimulator simulator = BgNbdSimulator.of(new BgNbdParameters(2, 4, 0.5, 3), 11);
    double[][] times = simulator.purchaseTimes(ages);
    CustomerHistories histories = simulator.histories(ages);
    for (int i = 0; i < ages.length; i++) {
      assertEquals(times[i].length, histories.frequency(i));
      assertEquals(times[i].length == 0 ? 0 : times[i][times[i].length - 1], histories.recency(i));
      assertEquals(ages[i], histories.age(i));
      for (int k = 0; k < times[i].length; k++) {
        assertTrue(times[i][k] > (k == 0 ? 0 : times[i][k - 1]) && times[i][k] <= ages[i]);
      }
    }
    assertEquals(0, times[2].length);
  }

  @Test
  void histories_areReproducibleFromTheSeed() {
    CustomerHistories a = BgNbdSimulator.of(CDNOW, 3).histories(500, 39);
    CustomerHistories b = BgNbdSimulator.of(CDNOW, 3).histories(500, 39);
    CustomerHistories c = BgNbdSimulator.of(CDNOW, 4).histories(500, 39);
    assertArrayEquals(a.frequencyColumn(), b.frequencyColumn());
    assertArrayEquals(a.recencyColumn(), b.recencyColumn());
    assertFalse(Arrays.equals(a.recencyColumn(), c.recencyColumn()));
  }

  @Test
  void histories_meanAndZeroShareMatchTheModel() {
    // 40,000 customers of age 39: the sample mean of x and the share of x = 0 lie within four
    // standard
    // errors of E[X(39)] and P(X(39) = 0) of the model.
    int n = 40_000;
    CustomerHistories data = BgNbdSimulator.of(CDNOW, 8).histories(n, 39);
    BgNbdModel model = BgNbdModel.of(CDNOW);
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
    double expected = model.expectedPurchases(39);
    assertTrue(Math.abs(mean - expected) < 4 * sd, mean + " vs " + expected + " ± " + sd);
    double p0 = model.probabilityOfPurchases(0, 39);
    double share = zeros / n;
    double sd0 = Math.sqrt(p0 * (1 - p0) / n);
    assertTrue(Math.abs(share - p0) < 4 * sd0, share + " vs " + p0 + " ± " + sd0);
  }

  @Test
  void histories_rejectsNegativeAgesAndNoCustomers() {
    BgNbdSimulator simulator = BgNbdSimulator.of(CDNOW, 1);
    assertRejects(
        "ages[1] must be finite and >= 0, was -1.0",
        () -> simulator.histories(new double[] {3, -1}));
    assertRejects("ages must not be empty", () -> simulator.histories(new double[0]));
    assertRejects("customers must be > 0, was 0", () -> simulator.histories(0, 39));
    assertRejects("age must be finite and >= 0, was NaN", () -> simulator.histories(5, Double.NaN));
    assertRejects("parameters must not be null", () -> BgNbdSimulator.of(null, 1));
  }
}
