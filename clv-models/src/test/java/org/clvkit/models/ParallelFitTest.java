package org.clvkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdFitter;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.simulation.SimulatedCustomers;
import org.clvkit.models.simulation.SyntheticCustomerBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fitters given an executor (their likelihood sums split into chunks that run on it) give the same
 * model, bit for bit, as without one: the chunks and their order of summation do not depend on the
 * executor. The data are large enough for several chunks (more than 2 × 16,384 distinct patterns).
 * Pareto/NBD has the same test in {@code ParetoNbdLikelihoodTest}.
 */
class ParallelFitTest {
  private static ForkJoinPool pool;
  private static SimulatedCustomers customers;

  @BeforeAll
  static void setUp() {
    pool = new ForkJoinPool(2);
    // CDNOW-like customers (Fader, Hardie and Lee 2005 estimates) acquired over 12 weeks, so that
    // ages differ and almost every customer is a pattern of its own.
    customers =
        SyntheticCustomerBase.bgNbd(
                new BgNbdParameters(0.243, 4.414, 0.793, 2.426),
                new GammaGammaParameters(6.25, 3.74, 15.44),
                11)
            .withAcquisitionPeriod(12)
            .customers(100_000, 39);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdown();
  }

  @Test
  void bgNbdFit_onAnExecutorEqualsTheCallingThread() {
    CustomerHistories data = customers.histories();
    assertTrue(data.compressed().size() > 2 * 16_384, "patterns " + data.compressed().size());
    BgNbdModel alone = BgNbdFitter.create().fit(data);
    BgNbdFitter fitter = BgNbdFitter.create().withExecutor(pool);
    assertSame(pool, fitter.executor());
    BgNbdModel parallel = fitter.fit(data);
    assertEquals(alone.parameters(), parallel.parameters());
    assertEquals(
        alone.fitReport().orElseThrow().diagnostics(),
        parallel.fitReport().orElseThrow().diagnostics());
  }

  @Test
  void mbgNbdFit_onAnExecutorEqualsTheCallingThread() {
    CustomerHistories data = customers.histories();
    MbgNbdModel alone = MbgNbdFitter.create().fit(data);
    MbgNbdModel parallel = MbgNbdFitter.create().withExecutor(pool).fit(data);
    assertEquals(alone.parameters(), parallel.parameters());
    assertEquals(
        alone.fitReport().orElseThrow().diagnostics(),
        parallel.fitReport().orElseThrow().diagnostics());
  }

  @Test
  void gammaGammaFit_onAnExecutorEqualsTheCallingThread() {
    double[] frequency = customers.frequency();
    double[] spend = customers.monetaryValue();
    int repeaters = 0;
    for (double x : frequency) {
      repeaters += x > 0 ? 1 : 0;
    }
    assertTrue(repeaters > 2 * 16_384, "repeat customers " + repeaters);
    GammaGammaModel alone = GammaGammaFitter.create().fit(frequency, spend);
    GammaGammaFitter fitter = GammaGammaFitter.create().withExecutor(pool);
    assertSame(pool, fitter.executor());
    GammaGammaModel parallel = fitter.fit(frequency, spend);
    assertEquals(alone.parameters(), parallel.parameters());
    assertEquals(
        alone.fitReport().orElseThrow().diagnostics(),
        parallel.fitReport().orElseThrow().diagnostics());
  }
}
