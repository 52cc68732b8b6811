package org.clvkit.models.internal;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The discounted expected purchases of the BG/NBD and MBG/NBD as one power series for all periods
 * ({@link BgNbdDiscountSeries}) against mpmath and against the per-period path it replaces.
 */
class BgNbdDiscountSeriesTest {

  private static BgNbdFunctions functions(int shift, double r, double alpha, double a, double b) {
    return shift == 0
        ? BgNbdFunctions.bgNbd(r, alpha, a, b)
        : BgNbdFunctions.mbgNbd(r, alpha, a, b);
  }

  @Test
  void discountedExpectedPurchases_matchesMpmath() {
    ReferenceTable table = ReferenceTable.load("bgnbd_discounted.csv");
    int series = 0;
    for (int row = 0; row < table.size(); row++) {
      BgNbdFunctions f =
          functions(
              (int) table.number(row, "shift"),
              table.number(row, "r"),
              table.number(row, "alpha"),
              table.number(row, "a"),
              table.number(row, "b"));
      int periods = (int) table.number(row, "periods");
      double age = table.number(row, "age");
      double value =
          f.discountedExpectedPurchases(
              periods,
              table.number(row, "discount"),
              table.number(row, "frequency"),
              table.number(row, "recency"),
              age);
      Tolerance.relative(table.number(row, "tolerance"))
          .check("row " + (row + 1), table.number(row, "value"), value);
      if (periods / (table.number(row, "alpha") + age) <= BgNbdDiscountSeries.MAX_U) {
        series++;
      }
    }
    assertEquals(490, table.size());
    assertTrue(series > 250, "the series serves most rows: " + series);
  }

  @Test
  void discountedExpectedPurchases_agreesWithThePerPeriodPath() {
    // Fitted-model territory (r 0.1..10, α 1..100, a 0.2..5 at least 0.01 from 1, b 0.2..10),
    // histories with T up to 500 and horizons up to 60 periods: the series and the per-period
    // default agree to 1e-12 relative.
    checkAgreement(
        doubles().between(-1, 1).map(e -> Math.pow(10, e)),
        doubles().between(0, 2).map(e -> Math.pow(10, e)),
        doubles().between(0.2, 5).assuming(a -> Math.abs(a - 1) > 1e-2),
        doubles().between(0.2, 10),
        1e-12);
  }

  @Test
  void discountedExpectedPurchases_agreesWithThePerPeriodPathOnWideParameters() {
    // Every parameter from 0.01 to 100 (a 1e-3 from 1): the per-period closed form itself loses
    // digits here (for r = α = a = b = 0.01, x = 0, T = 14.72 and one period it is 1e-12 off
    // mpmath's 6.6752892081508413e-4, which the series matches to 1e-16), so 1e-9.
    Gen<Double> wide = doubles().between(-2, 2).map(e -> Math.pow(10, e));
    checkAgreement(wide, wide, wide.assuming(a -> Math.abs(a - 1) > 1e-3), wide, 1e-9);
  }

  private static void checkAgreement(
      Gen<Double> r, Gen<Double> alpha, Gen<Double> a, Gen<Double> b, double tolerance) {
    Gen<double[]> parameters =
        r.zip(alpha, a, b, (r1, al, a1, b1) -> new double[] {r1, al, a1, b1});
    Gen<double[]> histories =
        integers()
            .between(0, 60)
            .zip(
                doubles().between(0, 1),
                doubles().between(0, 500),
                (x, share, age) -> new double[] {x, x == 0 ? 0 : share * age, age});
    Gen<double[]> horizons =
        integers()
            .between(1, 60)
            .zip(
                doubles().between(0, 0.3),
                integers().between(0, 1),
                (n, d, s) -> new double[] {n, d, s});
    qt(300)
        .forAll(parameters, histories, horizons)
        .checkAssert(
            (p, h, n) -> {
              BgNbdFunctions f = functions((int) n[2], p[0], p[1], p[2], p[3]);
              int periods = (int) n[0];
              double fast = f.discountedExpectedPurchases(periods, n[1], h[0], h[1], h[2]);
              double slow = f.discountedPerPeriod(periods, n[1], h[0], h[1], h[2]);
              Tolerance.relative(tolerance)
                  .or(Tolerance.absolute(1e-300))
                  .check(Arrays.toString(p) + Arrays.toString(h) + Arrays.toString(n), slow, fast);
            });
  }

  @Test
  void discountedExpectedPurchases_isThePerPeriodPathBeyondTheSeries() {
    // Beyond n / (α + T) = 1/2 the per-period path is used as it is, bit for bit.
    BgNbdFunctions f = BgNbdFunctions.bgNbd(0.243, 4.414, 0.793, 2.426);
    for (int periods : new int[] {22, 40, 104}) {
      double expected = f.discountedPerPeriod(periods, 0.01, 3, 20, 36);
      assertEquals(expected, f.discountedExpectedPurchases(periods, 0.01, 3, 20, 36));
    }
  }

  @Test
  void discountedExpectedPurchases_batchEqualsPerCustomerBitForBit() {
    BgNbdFunctions f = BgNbdFunctions.mbgNbd(0.525, 6.183, 0.891, 1.614);
    int n = 5000;
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < n; i++) {
      age[i] = random.nextDouble(0, 80);
      x[i] = random.nextInt(0, i % 100 == 0 ? 5000 : 20); // a few beyond the tables
      tx[i] = x[i] == 0 ? 0 : random.nextDouble(0, age[i]);
    }
    double[] out = new double[n + 2];
    f.discountedExpectedPurchases(12, 0.02, x, tx, age, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(f.discountedExpectedPurchases(12, 0.02, x[i], tx[i], age[i]), out[i]);
    }
  }

  @Test
  void
      discountedExpectedPurchases_perPeriodBatchWithRepeatedPatternsEqualsPerCustomerAndDefinition() {
    // Months (α ≈ 1, T up to 9): n / (α + T) > 1/2 for every customer, so every value comes from
    // the per-period path, memoised by (x, T) in the batch. Ages on a weekly calendar repeat.
    BgNbdFunctions[] models = {
      BgNbdFunctions.bgNbd(0.243, 4.414 / 4.345, 0.793, 2.426),
      BgNbdFunctions.mbgNbd(0.525, 6.183 / 4.345, 0.891, 1.614)
    };
    int n = 4000;
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    java.util.SplittableRandom random = new java.util.SplittableRandom(8);
    for (int i = 0; i < n; i++) {
      age[i] = random.nextInt(1, 40) / 4.345;
      x[i] = random.nextInt(0, 6);
      tx[i] = x[i] == 0 ? 0 : random.nextInt(0, 40) / 4.345 * age[i] / (40 / 4.345);
    }
    for (BgNbdFunctions f : models) {
      double[] out = new double[n];
      f.discountedExpectedPurchases(12, 0.01, x, tx, age, out, 0, n);
      for (int i = 0; i < n; i++) {
        double one = f.discountedExpectedPurchases(12, 0.01, x[i], tx[i], age[i]);
        assertEquals(one, out[i], "row " + i);
        // The definition (PurchaseModel's default): Σ (E[Y(k)] − E[Y(k−1)]) / (1 + d)^k.
        double definition = 0;
        double previous = 0;
        for (int k = 1; k <= 12; k++) {
          double cumulative = f.conditionalExpectedPurchases(k, x[i], tx[i], age[i]);
          definition += (cumulative - previous) / Math.pow(1.01, k);
          previous = cumulative;
        }
        Tolerance.relative(1e-13).check("row " + i, definition, one);
      }
    }
  }

  @Test
  void coefficients_areLeftToThePerPeriodPathWhenTheSeriesCannotServe() {
    BgNbdDiscountSeries series = new BgNbdDiscountSeries(0.243, 0.793, 2.426, 0, 12, 0.01);
    assertTrue(series.coefficients(3).length > 0);
    assertEquals(0, series.coefficients(BgNbdDiscountSeries.MAX_FREQUENCY).length);
    // A discount rate near −1 makes the weights overflow.
    BgNbdDiscountSeries overflow = new BgNbdDiscountSeries(0.243, 0.793, 2.426, 0, 400, -1 + 1e-10);
    assertEquals(0, overflow.coefficients(0).length);
  }
}
