package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.junit.jupiter.api.Test;

/**
 * Runs the CLV benchmark's methods once, directly rather than through JMH, on 1,000 customers: the
 * batch column must be the per-customer values bit for bit (as {@link CustomerLifetimeValue}
 * promises), and two threads must give the one-thread column bit for bit.
 */
class ClvBenchmarkTest {

  private static ClvBenchmark benchmark(int threads) {
    ClvBenchmark benchmark = new ClvBenchmark();
    benchmark.customers = 1000;
    benchmark.threads = threads;
    benchmark.setup();
    return benchmark;
  }

  @Test
  void batch_equalsPerCustomerValuesBitForBit() {
    ClvBenchmark b = benchmark(1);
    double[] batch = b.batch().clone();
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(
            BgNbdModel.of(BgNbdScoringBenchmark.CDNOW),
            GammaGammaModel.of(ClvBenchmark.CDNOW_SPEND),
            1);
    SyntheticCdnow data = SyntheticCdnow.customers(1000);
    for (int i = 0; i < 1000; i++) {
      double expected =
          clv.conditionalValue(
              12,
              0.01,
              data.frequency()[i],
              data.recency()[i],
              data.age()[i],
              data.monetaryValue()[i]);
      assertEquals(expected, batch[i], "row " + i);
      assertTrue(batch[i] > 0, "row " + i);
    }
    assertArrayEquals(batch, b.perCustomer());
  }

  @Test
  void batchWithTwoThreads_equalsOneThreadBitForBit() {
    double[] one = benchmark(1).batch().clone();
    ClvBenchmark two = benchmark(2);
    try {
      assertArrayEquals(one, two.batch());
      assertArrayEquals(one, two.perCustomer());
    } finally {
      two.tearDown();
    }
  }
}
