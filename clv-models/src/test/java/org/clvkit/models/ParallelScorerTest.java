package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.simulation.SimulatedCustomers;
import org.clvkit.models.simulation.SyntheticCustomerBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parallel batch scoring gives the sequential results bit for bit, and the same errors. */
class ParallelScorerTest {
  private static final GammaGammaParameters SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);
  private static final List<PurchaseModel> MODELS =
      List.of(
          BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426)),
          MbgNbdModel.of(new MbgNbdParameters(0.525, 6.183, 0.891, 1.614)),
          ParetoNbdModel.of(new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67)));

  private static ForkJoinPool pool;
  private static SimulatedCustomers customers;

  @BeforeAll
  static void start() {
    pool = new ForkJoinPool(3);
    customers =
        SyntheticCustomerBase.bgNbd(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), SPEND, 11)
            .withAcquisitionPeriod(12)
            .customers(20_000, 39);
  }

  @AfterAll
  static void stop() {
    pool.shutdown();
  }

  @Test
  void scoring_inParallelEqualsSequentialBitForBit() {
    double[] f = customers.frequency();
    double[] r = customers.recency();
    double[] t = customers.age();
    int n = f.length;
    qt(6)
        .forAll(integers().between(2, 9))
        .checkAssert(
            tasks -> {
              ParallelScorer scorer = ParallelScorer.of(pool, tasks);
              for (PurchaseModel model : MODELS) {
                double[] parallel = new double[n];
                scorer.conditionalExpectedPurchases(model, 52, f, r, t, parallel);
                assertArrayEquals(
                    model.conditionalExpectedPurchases(52, f, r, t), parallel, model.name());
                scorer.probabilityAlive(model, f, r, t, parallel);
                assertArrayEquals(model.probabilityAlive(f, r, t), parallel, model.name());
                scorer.discountedExpectedPurchases(model, 12, 0.01, f, r, t, parallel);
                double[] sequential = new double[n];
                model.discountedExpectedPurchases(12, 0.01, f, r, t, sequential, 0, n);
                assertArrayEquals(sequential, parallel, model.name());
              }
            });
  }

  @Test
  void run_splitsAnyBatchMethodSuchAsClv() {
    double[] f = customers.frequency();
    double[] r = customers.recency();
    double[] t = customers.age();
    double[] m = customers.monetaryValue();
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(MODELS.get(0), GammaGammaModel.of(SPEND), 0.3);
    double[] parallel = new double[f.length];
    ParallelScorer.of(pool, 4)
        .run(
            f.length, (from, to) -> clv.conditionalValue(12, 0.01, f, r, t, m, parallel, from, to));
    assertArrayEquals(clv.conditionalValue(12, 0.01, f, r, t, m), parallel);
  }

  @Test
  void run_withFewerRowsThanTasksAndWithNone() {
    int[] calls = new int[1];
    ParallelScorer scorer = ParallelScorer.of(pool, 8);
    scorer.run(0, (from, to) -> calls[0] += to - from + 1);
    assertEquals(1, calls[0]);
    double[] f = {0, 1, 2};
    double[] r = {0, 1, 2};
    double[] t = {3, 3, 3};
    double[] out = new double[3];
    scorer.probabilityAlive(MODELS.get(0), f, r, t, out);
    assertArrayEquals(MODELS.get(0).probabilityAlive(f, r, t), out);
  }

  @Test
  void run_reportsTheFirstBadRowAsASequentialCallDoes() {
    double[] f = customers.frequency();
    double[] r = customers.recency();
    double[] t = customers.age();
    r[15_000] = t[15_000] + 1; // in a later range
    f[700] = 1.5; // in the first range
    PurchaseModel model = MODELS.get(0);
    ClvArgumentException sequential =
        assertThrows(ClvArgumentException.class, () -> model.probabilityAlive(f, r, t));
    for (int tasks : new int[] {2, 3, 7}) {
      ClvArgumentException parallel =
          assertThrows(
              ClvArgumentException.class,
              () ->
                  ParallelScorer.of(pool, tasks)
                      .probabilityAlive(model, f, r, t, new double[f.length]));
      assertEquals(sequential.getMessage(), parallel.getMessage());
    }
    assertEquals("frequency[700] must be a whole number >= 0, was 1.5", sequential.getMessage());
  }

  @Test
  void of_rejectsBadArguments() {
    assertRejects("tasks must be > 0, was 0", () -> ParallelScorer.of(pool, 0));
    assertRejects("executor must not be null", () -> ParallelScorer.of(null, 2));
    ParallelScorer scorer = ParallelScorer.of(pool, 2);
    assertRejects("rows must be >= 0, was -1", () -> scorer.run(-1, (from, to) -> {}));
    assertRejects(
        "out has length 2 but frequency has length 3",
        () ->
            scorer.probabilityAlive(
                MODELS.get(0), new double[3], new double[3], new double[3], new double[2]));
  }
}
