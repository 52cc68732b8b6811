package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link GammaGammaFitBenchmark#fit()} once, directly rather than through JMH, and checks that
 * it fits the repeat customers as a direct fit on all customers does (the fitter leaves out the
 * others), on one thread and on two: bit for bit, as {@link GammaGammaFitter#withExecutor}
 * promises.
 */
class GammaGammaFitBenchmarkTest {

  static GammaGammaFitBenchmark benchmark(int customers, int threads) {
    GammaGammaFitBenchmark benchmark = new GammaGammaFitBenchmark();
    benchmark.customers = customers;
    benchmark.threads = threads;
    benchmark.setup();
    return benchmark;
  }

  static GammaGammaModel fit(int customers, int threads) {
    GammaGammaFitBenchmark benchmark = benchmark(customers, threads);
    try {
      return benchmark.fit();
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void setup_keepsExactlyTheRepeatCustomers() {
    SyntheticCdnow data = SyntheticCdnow.customers(1000);
    GammaGammaFitBenchmark b = benchmark(1000, 1);
    int k = 0;
    for (int i = 0; i < 1000; i++) {
      if (data.frequency()[i] > 0) {
        assertEquals(data.frequency()[i], b.repeatFrequency[k]);
        assertEquals(data.monetaryValue()[i], b.repeatMonetaryValue[k]);
        k++;
      }
    }
    assertEquals(k, b.repeatFrequency.length);
    assertTrue(k > 300 && k < 500, "about 40% repeaters: " + k);
  }

  @Test
  void fit_equalsDirectFitOnAllCustomers() {
    SyntheticCdnow data = SyntheticCdnow.customers(1000);
    GammaGammaModel direct = GammaGammaFitter.create().fit(data.frequency(), data.monetaryValue());
    GammaGammaModel benchmarked = fit(1000, 1);
    assertTrue(benchmarked.fitReport().orElseThrow().converged());
    assertEquals(direct.parameters(), benchmarked.parameters());
    assertEquals(
        direct.fitReport().orElseThrow().customers(),
        benchmarked.fitReport().orElseThrow().customers());
    assertEquals(0.0, benchmarked.customersLeftOut());
  }

  /**
   * 300,000 customers make about 40,000 distinct spend patterns: two chunks of the pattern sums.
   */
  @Test
  void fit_twoThreadsEqualOneThreadBitForBit() {
    GammaGammaModel one = fit(300_000, 1);
    GammaGammaModel two = fit(300_000, 2);
    assertTrue(one.fitReport().orElseThrow().patterns() >= 2 * 16_384);
    assertEquals(one.parameters(), two.parameters());
    assertEquals(
        one.fitReport().orElseThrow().diagnostics().logLikelihood(),
        two.fitReport().orElseThrow().diagnostics().logLikelihood());
  }
}
