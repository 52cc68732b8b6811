package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link BgNbdFitBenchmark#fit()} once, directly rather than through JMH, and checks that it
 * fits what a direct fit gives, on one thread and on two: bit for bit, as {@link
 * BgNbdFitter#withExecutor} promises.
 */
class BgNbdFitBenchmarkTest {

  static BgNbdModel fit(int customers, int threads) {
    BgNbdFitBenchmark benchmark = new BgNbdFitBenchmark();
    benchmark.customers = customers;
    benchmark.threads = threads;
    benchmark.setup();
    try {
      return benchmark.fit();
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void fit_equalsDirectFitOnTheRawColumns() {
    SyntheticCdnow data = SyntheticCdnow.customers(1000);
    BgNbdModel direct = BgNbdFitter.create().fit(data.frequency(), data.recency(), data.age());
    BgNbdModel benchmarked = fit(1000, 1);
    assertTrue(benchmarked.fitReport().orElseThrow().converged());
    assertEquals(direct.parameters(), benchmarked.parameters());
    assertEquals(1000, benchmarked.fitReport().orElseThrow().customers());
  }

  /** 100,000 customers make about 41,000 patterns: two chunks, so the pool does take part. */
  @Test
  void fit_twoThreadsEqualOneThreadBitForBit() {
    BgNbdModel one = fit(100_000, 1);
    BgNbdModel two = fit(100_000, 2);
    assertTrue(one.fitReport().orElseThrow().patterns() >= 2 * 16_384);
    assertEquals(one.parameters(), two.parameters());
    assertEquals(
        one.fitReport().orElseThrow().diagnostics().logLikelihood(),
        two.fitReport().orElseThrow().diagnostics().logLikelihood());
  }
}
