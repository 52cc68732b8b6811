package org.clvkit.models.cnbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The (M)BG/CNBD-k fitters on an executor: the likelihood's chunks at a fixed k and the fits at the
 * several k of the grid, with the same bits as in the calling thread.
 */
class CnbdExecutorTest {
  private static final CnbdParameters TRUTH = new CnbdParameters(2, 0.55, 3.0, 0.9, 1.6);
  private static final double[] AGES = new double[40_000];

  static {
    for (int i = 0; i < AGES.length; i++) {
      AGES[i] = 27 + 12 * ((i * 0.618034) % 1.0);
    }
  }

  private static ExecutorService pool;
  private static CustomerHistories histories;
  private static double[] litt;

  @BeforeAll
  static void simulate() {
    pool = Executors.newFixedThreadPool(3);
    // 40,000 customers with continuous times: about 30,000 patterns, so several chunks.
    double[] ages = AGES;
    CnbdSimulator simulator = CnbdSimulator.mbgCnbd(TRUTH, 7);
    histories = simulator.histories(ages);
    litt = simulator.litt(ages);
    assertTrue(CnbdLikelihood.chunks(histories.compressed().size()) > 1);
  }

  @AfterAll
  static void close() {
    pool.shutdownNow();
  }

  private static void assertSameFit(FitReport expected, FitReport actual) {
    assertEquals(expected.diagnostics().logLikelihood(), actual.diagnostics().logLikelihood(), 0);
    assertEquals(expected.estimates(), actual.estimates());
    assertEquals(expected.diagnostics().evaluations(), actual.diagnostics().evaluations());
  }

  @Test
  void fixedK_isBitIdenticalWithAndWithoutTheExecutor() {
    MbgCnbdFitter fitter = MbgCnbdFitter.create().withK(2);
    MbgCnbdModel alone = fitter.fit(histories, litt);
    MbgCnbdModel onPool = fitter.withExecutor(pool).fit(histories, litt);
    assertArrayEquals(alone.parameterValues(), onPool.parameterValues(), 0);
    assertSameFit(alone.fitReport().orElseThrow(), onPool.fitReport().orElseThrow());
  }

  @Test
  void kGrid_isBitIdenticalWithAndWithoutTheExecutor() {
    double[] ages = java.util.Arrays.copyOf(AGES, 8_000);
    CnbdSimulator simulator = CnbdSimulator.mbgCnbd(TRUTH, 11);
    CustomerHistories few = simulator.histories(ages);
    double[] fewLitt = simulator.litt(ages);
    for (int dropout = 0; dropout <= 1; dropout++) {
      double[] alone;
      double[] onPool;
      FitReport a;
      FitReport b;
      if (dropout == 1) {
        MbgCnbdModel m = MbgCnbdFitter.create().withMaxK(6).fit(few, fewLitt);
        MbgCnbdModel p = MbgCnbdFitter.create().withMaxK(6).withExecutor(pool).fit(few, fewLitt);
        alone = m.parameterValues();
        onPool = p.parameterValues();
        a = m.fitReport().orElseThrow();
        b = p.fitReport().orElseThrow();
      } else {
        BgCnbdModel m = BgCnbdFitter.create().withMaxK(6).fit(few, fewLitt);
        BgCnbdModel p = BgCnbdFitter.create().withMaxK(6).withExecutor(pool).fit(few, fewLitt);
        alone = m.parameterValues();
        onPool = p.parameterValues();
        a = m.fitReport().orElseThrow();
        b = p.fitReport().orElseThrow();
      }
      assertEquals(2, alone[0], a.summaryTable());
      assertArrayEquals(alone, onPool, 0);
      assertSameFit(a, b);
    }
  }
}
