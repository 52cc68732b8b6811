package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.bgnbd.BgNbdModel;
import org.junit.jupiter.api.Test;

/**
 * Runs the scoring benchmark's methods once, directly rather than through JMH, on 1,000 customers:
 * the batch columns must be the per-customer methods' values bit for bit (as {@code PurchaseModel}
 * promises), and two threads must give the one-thread columns bit for bit (as {@code
 * ParallelScorer} promises).
 */
class BgNbdScoringBenchmarkTest {

  private static BgNbdScoringBenchmark benchmark(int threads) {
    BgNbdScoringBenchmark benchmark = new BgNbdScoringBenchmark();
    benchmark.customers = 1000;
    benchmark.threads = threads;
    benchmark.setup();
    return benchmark;
  }

  @Test
  void batch_equalsPerCustomerMethodsBitForBit() {
    BgNbdScoringBenchmark b = benchmark(1);
    double[][] scores = b.batch();
    double[] expected = scores[0].clone();
    double[] alive = scores[1].clone();
    BgNbdModel model = BgNbdModel.of(BgNbdScoringBenchmark.CDNOW);
    SyntheticCdnow data = SyntheticCdnow.customers(1000);
    for (int i = 0; i < 1000; i++) {
      double x = data.frequency()[i];
      double tx = data.recency()[i];
      double t = data.age()[i];
      assertEquals(model.conditionalExpectedPurchases(52, x, tx, t), expected[i], "row " + i);
      assertEquals(model.probabilityAlive(x, tx, t), alive[i], "row " + i);
      assertTrue(alive[i] > 0 && alive[i] <= 1, "P(alive) row " + i);
    }
    double[][] baseline = b.perCustomer();
    assertArrayEquals(expected, baseline[0]);
    assertArrayEquals(alive, baseline[1]);
  }

  @Test
  void batchWithTwoThreads_equalsOneThreadBitForBit() {
    double[][] one = benchmark(1).batch();
    BgNbdScoringBenchmark two = benchmark(2);
    try {
      double[][] batch = two.batch();
      assertArrayEquals(one[0], batch[0]);
      assertArrayEquals(one[1], batch[1]);
      double[][] baseline = two.perCustomer();
      assertArrayEquals(one[0], baseline[0]);
      assertArrayEquals(one[1], baseline[1]);
    } finally {
      two.tearDown();
    }
  }
}
