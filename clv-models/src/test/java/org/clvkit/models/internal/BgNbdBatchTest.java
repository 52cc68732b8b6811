package org.clvkit.models.internal;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The batch paths of {@link BgNbdFunctions}: the per-pattern memo of the conditional expectation,
 * the per-frequency P(alive) constants, and the series in t/α for short horizons.
 */
class BgNbdBatchTest {

  /** Customers on a weekly calendar: ages and recencies in whole weeks, so patterns repeat. */
  private static double[][] weekly(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] columns = new double[3][n];
    for (int i = 0; i < n; i++) {
      double age = random.nextInt(0, 80);
      double x = random.nextInt(0, 15);
      columns[0][i] = x;
      columns[1][i] = x == 0 ? 0 : random.nextInt(0, (int) age + 1);
      columns[2][i] = age;
    }
    return columns;
  }

  /** Customers with continuous ages: (almost) every pattern distinct. */
  private static double[][] continuous(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] columns = new double[3][n];
    for (int i = 0; i < n; i++) {
      double age = random.nextDouble(0, 80);
      double x = random.nextInt(0, 15);
      columns[0][i] = x;
      columns[1][i] = x == 0 ? 0 : random.nextDouble(0, age);
      columns[2][i] = age;
    }
    return columns;
  }

  private static void checkBatchEqualsPerCustomer(BgNbdFunctions f, double t, double[][] c) {
    int n = c[0].length;
    double[] expected = new double[n];
    double[] alive = new double[n];
    f.conditionalExpectedPurchases(t, c[0], c[1], c[2], expected, 0, n);
    f.probabilityAlive(c[0], c[1], c[2], alive, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(
          f.conditionalExpectedPurchases(t, c[0][i], c[1][i], c[2][i]), expected[i], "row " + i);
      assertEquals(f.probabilityAlive(c[0][i], c[1][i], c[2][i]), alive[i], "row " + i);
    }
  }

  @Test
  void conditionalExpectedPurchases_batchWithRepeatedPatternsEqualsPerCustomer() {
    checkBatchEqualsPerCustomer(
        BgNbdFunctions.bgNbd(0.243, 4.414, 0.793, 2.426), 52, weekly(20_000, 1));
    checkBatchEqualsPerCustomer(
        BgNbdFunctions.mbgNbd(0.525, 6.183, 0.891, 1.614), 3.5, weekly(20_000, 2));
  }

  @Test
  void conditionalExpectedPurchases_batchBeyondTheMemoEqualsPerCustomer() {
    // More distinct patterns than the memo keeps: it fills up, then stops looking up.
    int n = 2 * PatternCache.MAX_PATTERNS + 1000;
    checkBatchEqualsPerCustomer(
        BgNbdFunctions.bgNbd(0.243, 4.414, 0.793, 2.426), 10, continuous(n, 3));
  }

  @Test
  void conditionalExpectedPurchases_batchWithTimeZeroIsZero() {
    double[][] c = weekly(100, 4);
    double[] out = new double[100];
    java.util.Arrays.fill(out, 7);
    BgNbdFunctions.bgNbd(0.243, 4.414, 0.793, 2.426)
        .conditionalExpectedPurchases(0, c[0], c[1], c[2], out, 0, 100);
    for (double v : out) {
      assertEquals(0.0, v);
    }
  }

  @Test
  void patternCache_memoisesUntilHalfFullThenGivesUpOnMisses() {
    PatternCache cache = new PatternCache(16); // 32 slots, 16 patterns
    assertTrue(Double.isNaN(cache.get(1, 2.5)));
    cache.put(1, 2.5, 0.75);
    assertEquals(0.75, cache.get(1, 2.5));
    assertTrue(Double.isNaN(cache.get(2, 2.5)));
    assertTrue(Double.isNaN(cache.get(1, 2.25)));
    for (int i = 0; i < 40; i++) {
      cache.put(3, i, i);
    }
    assertEquals(14.0, cache.get(3, 14)); // patterns 2..16 in: 1 + 15 puts
    assertTrue(Double.isNaN(cache.get(3, 15)), "full: no more patterns taken");
    for (int i = 0; i < 2000; i++) {
      cache.get(4, i); // misses
    }
    assertTrue(Double.isNaN(cache.get(1, 2.5)), "after many misses the memo is off");
  }

  @Test
  void patternCache_growsToItsLimitAndKeepsEveryValue() {
    // Limits that are not powers of two, and more patterns than the initial table holds.
    for (int rows : new int[] {20, 300, 1_000, 5_000}) {
      PatternCache cache = new PatternCache(rows);
      for (int i = 0; i < rows + 10; i++) {
        cache.put(i % 7, 0.25 * i, i);
      }
      for (int i = 0; i < rows; i++) {
        assertEquals(i, cache.get(i % 7, 0.25 * i), "rows " + rows + ", pattern " + i);
      }
      for (int i = rows; i < rows + 10; i++) {
        assertTrue(Double.isNaN(cache.get(i % 7, 0.25 * i)), "beyond the limit: " + i);
      }
    }
  }

  @Test
  void pfaffSeries_matchesMpmath() {
    // The E[X(t)] rows of bgnbd_functions.csv with t <= α/2 (the series' domain) to 1e-14, where
    // the closed form is held to 1e-8.
    ReferenceTable table = ReferenceTable.load("bgnbd_functions.csv");
    int checked = 0;
    for (int row = 0; row < table.size(); row++) {
      if (!table.text(row, "function").equals("expected")) {
        continue;
      }
      double r = table.number(row, "r");
      double alpha = table.number(row, "alpha");
      double t = table.number(row, "t");
      if (t / alpha > BgNbdFunctions.PFAFF_MAX_U) {
        continue;
      }
      double value =
          BgNbdFunctions.pfaffSeries(r, table.number(row, "a"), table.number(row, "b"), t / alpha);
      if (Double.isNaN(value)) {
        continue; // heavy cancellation: left to the closed form
      }
      Tolerance.relative(1e-14).check("row " + (row + 1), table.number(row, "value"), value);
      checked++;
    }
    assertTrue(checked >= 8, "rows checked: " + checked);
  }

  @Test
  void pfaffSeries_equalsTheClosedFormWhereBothAreAccurate() {
    // Moderate parameters (a at least 0.05 from 1) and u = t/α up to 1/2.
    qt(300)
        .forAll(
            doubles().between(-1, 1).zip(integers().between(0, 30), (e, x) -> new double[] {e, x}),
            doubles().between(0.1, 5).assuming(a -> Math.abs(a - 1) > 0.05),
            doubles().between(0.1, 10),
            doubles().between(1e-3, 0.5))
        .checkAssert(
            (rx, a, b, u) -> {
              double x = rx[1];
              double r = Math.pow(10, rx[0]) + x;
              double series = BgNbdFunctions.pfaffSeries(r, a, b + x, u);
              if (Double.isNaN(series)) {
                return;
              }
              double closed = BgNbdFunctions.byQuadrature(r, u, a, b + x);
              Tolerance.relative(1e-9)
                  .check(
                      "r, a, b, u = " + r + ", " + a + ", " + (b + x) + ", " + u, closed, series);
            });
  }
}
