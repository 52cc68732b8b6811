package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ParetoNbdCovariateFitBenchmark#fit()} once directly: it converges, with four
 * covariate rows, and two threads give the one-thread fit bit for bit.
 */
class ParetoNbdCovariateFitBenchmarkTest {

  static ParetoNbdCovariateModel fit(int customers, int threads) {
    ParetoNbdCovariateFitBenchmark benchmark = new ParetoNbdCovariateFitBenchmark();
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
  void fit_twoThreadsEqualOneThreadBitForBit() {
    ParetoNbdCovariateModel one = fit(100_000, 1);
    ParetoNbdCovariateModel two = fit(100_000, 2);
    CovariateFitReport report = one.covariateFitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    assertEquals(4, report.groups());
    assertEquals(one.parameters(), two.parameters());
    assertArrayEquals(one.purchaseCoefficients(), two.purchaseCoefficients(), 0.0);
    assertArrayEquals(one.dropoutCoefficients(), two.dropoutCoefficients(), 0.0);
  }
}
