package org.clvkit.models.mbgnbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.junit.jupiter.api.Test;

/** The MBG/NBD simulator against the model's own distribution of counts. */
class MbgNbdSimulatorTest {
  static final MbgNbdParameters CDNOW = new MbgNbdParameters(0.5248, 6.1831, 0.8914, 1.614);

  @Test
  void histories_meanAndZeroShareMatchTheModel() {
    int n = 40_000;
    CustomerHistories data = MbgNbdSimulator.of(CDNOW, 9).histories(n, 39);
    MbgNbdModel model = MbgNbdModel.of(CDNOW);
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
  void purchaseTimes_matchTheHistoriesOfTheSameSeed() {
    double[] ages = {39, 39, 20, 5};
    MbgNbdSimulator simulator = MbgNbdSimulator.of(CDNOW, 12);
    double[][] times = simulator.purchaseTimes(ages);
    CustomerHistories histories = simulator.histories(ages);
    for (int i = 0; i < ages.length; i++) {
      assertEquals(times[i].length, histories.frequency(i));
    }
  }
}
