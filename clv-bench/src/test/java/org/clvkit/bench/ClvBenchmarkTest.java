package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.testing.Tolerance;
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
  void batchMonths_equalsTwelveMonthlyStepsOfTheWeeklyModel() {
    // Lifetimes' definition, computed independently from the weekly model and weekly data:
    // margin · E[spend] · Σ_k (E[Y(k months)] − E[Y((k−1) months)]) / 1.01^k, months in weeks.
    ClvBenchmark b = benchmark(1);
    double[] months = b.batchMonths().clone();
    BgNbdModel weekly = BgNbdModel.of(BgNbdScoringBenchmark.CDNOW);
    GammaGammaModel spend = GammaGammaModel.of(ClvBenchmark.CDNOW_SPEND);
    SyntheticCdnow data = SyntheticCdnow.customers(1000);
    for (int i = 0; i < 1000; i++) {
      double x = data.frequency()[i];
      double sum = 0;
      double previous = 0;
      for (int k = 1; k <= 12; k++) {
        double cumulative =
            weekly.conditionalExpectedPurchases(
                k * ClvBenchmark.WEEKS_PER_MONTH, x, data.recency()[i], data.age()[i]);
        sum += (cumulative - previous) / Math.pow(1.01, k);
        previous = cumulative;
      }
      double expected = spend.conditionalExpectedSpend(x, data.monetaryValue()[i]) * sum;
      Tolerance.relative(1e-10).check("row " + i, expected, months[i]);
    }
  }

  @Test
  void batchWithTwoThreads_equalsOneThreadBitForBit() {
    double[] one = benchmark(1).batch().clone();
    ClvBenchmark two = benchmark(2);
    try {
      assertArrayEquals(one, two.batch());
      assertArrayEquals(one, two.perCustomer());
      assertArrayEquals(benchmark(1).batchMonths(), two.batchMonths());
    } finally {
      two.tearDown();
    }
  }
}
