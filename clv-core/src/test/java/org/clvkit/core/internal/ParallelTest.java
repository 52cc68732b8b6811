package org.clvkit.core.internal;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.clvkit.core.ClvArgumentException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

  @AfterAll
  static void shutDown() {
    POOL.shutdownNow();
  }

  @Test
  void run_visitsEveryRowExactlyOnce() {
    qt(100)
        .forAll(integers().between(0, 5_000), integers().between(1, 16))
        .checkAssert(
            (n, chunks) -> {
              AtomicIntegerArray visits = new AtomicIntegerArray(n + 2);
              Parallel.run(
                  POOL,
                  1,
                  n + 1,
                  chunks,
                  (from, to) -> {
                    for (int i = from; i < to; i++) {
                      visits.incrementAndGet(i);
                    }
                  });
              assertEquals(0, visits.get(0));
              for (int i = 1; i <= n; i++) {
                assertEquals(1, visits.get(i), "row " + i);
              }
              assertEquals(0, visits.get(n + 1));
            });
  }

  @Test
  void sum_isReproducibleAndEqualsTheChunkedSequentialSum() {
    double[] values = new double[10_001];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1.0 / (i + 1) * (i % 2 == 0 ? 1 : -1e3);
    }
    Parallel.RangeSum f =
        (chunk, from, to) -> {
          double s = 0;
          for (int i = from; i < to; i++) {
            s += values[i];
          }
          return s;
        };
    double sequential = Parallel.sum(null, 0, values.length, 7, f);
    for (int repeat = 0; repeat < 20; repeat++) {
      assertEquals(
          Double.doubleToLongBits(sequential),
          Double.doubleToLongBits(Parallel.sum(POOL, 0, values.length, 7, f)));
    }
    double plain = 0;
    for (double v : values) {
      plain += v;
    }
    assertEquals(plain, Parallel.sum(POOL, 0, values.length, 1, f));
  }

  @Test
  void run_rethrowsTheTasksException() {
    ClvArgumentException thrown = new ClvArgumentException("x[3] must be finite, was NaN");
    ClvArgumentException e =
        assertThrows(
            ClvArgumentException.class,
            () ->
                Parallel.run(
                    POOL,
                    0,
                    100,
                    4,
                    (from, to) -> {
                      if (from > 0) {
                        throw thrown;
                      }
                    }));
    assertSame(thrown, e);
  }
}
