package org.clvkit.models.paretonbd;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.clvkit.models.Discount;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The cases where other implementations break: α ≈ β (Python lifetimes and BTYD divide by α − β or
 * lose all digits of the hypergeometric term; CLVTools special-cases only exact equality) and very
 * large frequencies (lifetimes evaluates (α+T)^{r+x} and 2F1(r+s+x, ...) directly and overflows to
 * ∞/NaN from a few hundred purchases on). Every public method must stay finite and continuous
 * there.
 */
class ParetoNbdRobustnessTest {

  private static void assertFinite(String what, double v) {
    assertTrue(Double.isFinite(v), () -> what + " = " + v);
  }

  /** Every per-customer quantity of one model and history, in a fixed order. */
  private static double[] quantities(ParetoNbdModel m, double x, double tx, double t) {
    return new double[] {
      m.logLikelihood(x, tx, t),
      m.probabilityAlive(x, tx, t),
      m.conditionalExpectedPurchases(26, x, tx, t),
      m.conditionalDiscountedResidualPurchases(Discount.continuous(0.01), x, tx, t),
      m.expectedPurchases(26),
      m.probabilityOfPurchases(0, 26),
      m.probabilityOfPurchases(3, 26)
    };
  }

  @Test
  void alphaNearBeta_isContinuousThroughAlphaEqualsBeta() {
    double r = 0.8;
    double s = 1.3;
    double alpha = 5.0;
    double[][] histories = {{4, 12, 30}, {0, 0, 30}, {40, 29, 30}, {2000, 25, 30}};
    for (double[] h : histories) {
      ParetoNbdModel equal = ParetoNbdModel.of(new ParetoNbdParameters(r, alpha, s, alpha));
      double[] at = quantities(equal, h[0], h[1], h[2]);
      for (int k = 1; k <= 16; k++) {
        for (double sign : new double[] {-1, 1}) {
          double beta = alpha * (1 + sign * Math.pow(10, -k));
          ParetoNbdModel near = ParetoNbdModel.of(new ParetoNbdParameters(r, alpha, s, beta));
          double[] v = quantities(near, h[0], h[1], h[2]);
          for (int q = 0; q < v.length; q++) {
            String what =
                "quantity "
                    + q
                    + " at beta = alpha(1 "
                    + (sign > 0 ? "+" : "-")
                    + " 1e-"
                    + k
                    + ") for "
                    + Arrays.toString(h);
            assertFinite(what, v[q]);
            // A relative change of 1e-k in beta moves every quantity by O(1e-k) (x for the
            // log-likelihood, whose derivative in ln beta is of order x).
            double scale = q == 0 ? Math.max(1, h[0]) : 1;
            Tolerance.relative(20 * scale * Math.pow(10, -k) + 1e-12)
                .or(Tolerance.absolute(1e-300))
                .check(what, at[q], v[q]);
          }
        }
      }
    }
  }

  @Test
  void largeFrequencies_giveFiniteValues() {
    double[][] parameters = {
      {0.5533, 10.5776, 0.6061, 11.6650}, {0.25, 4.0, 0.8, 4.0}, {0.4, 3.0, 2.5, 40.0}
    };
    for (double[] p : parameters) {
      ParetoNbdModel m = ParetoNbdModel.of(ParetoNbdParameters.of(p));
      for (double x : new double[] {1e3, 1e4, 1e5, 1e6}) {
        for (double t : new double[] {10, 100, 1e4}) {
          for (double share : new double[] {0.01, 0.5, 0.999, 1}) {
            double tx = share * t;
            String context = m + " x=" + x + " t_x=" + tx + " T=" + t;
            double[] v = quantities(m, x, tx, t);
            for (int q = 0; q < v.length; q++) {
              assertFinite("quantity " + q + " " + context, v[q]);
            }
            assertTrue(v[1] >= 0 && v[1] <= 1, context);
            assertTrue(v[2] >= 0 && v[3] >= 0, context);
          }
        }
      }
    }
  }

  @Test
  void largeFrequencies_recentBuyersAreAliveAndBuyAtTheirObservedRate() {
    // 10,000 purchases in 100 weeks, the last one just now: alive with certainty, and the posterior
    // mean rate (r+x)/(α+T) ≈ 90 a week carries on.
    ParetoNbdModel m = ParetoNbdModelTest.CDNOW;
    Tolerance.absolute(1e-12).check("P(alive)", 1.0, m.probabilityAlive(1e4, 100, 100));
    double rate = (0.5533 + 1e4) / (10.5776 + 100);
    double expected = m.conditionalExpectedPurchases(1, 1e4, 100, 100);
    assertTrue(Math.abs(expected - rate) < 0.01 * rate, () -> "E[Y(1)] = " + expected);
  }

  @Test
  void largeFrequencies_earlyLastPurchaseMeansDead() {
    assertEquals(0.0, ParetoNbdModelTest.CDNOW.probabilityAlive(1e4, 1, 100), 1e-300);
  }

  /** Parameters log-uniform in [1e-3, 1e3]. */
  private static Gen<double[]> parameters() {
    Gen<Double> e = doubles().between(-3, 3);
    return e.zip(
        e,
        e,
        e,
        (a, b, c, d) ->
            new double[] {Math.pow(10, a), Math.pow(10, b), Math.pow(10, c), Math.pow(10, d)});
  }

  @Test
  void logLikelihoodAndDiscountedResidualPurchases_areFiniteOverTheGrid() {
    Gen<Double> age = doubles().between(-1, 4).map(e -> Math.pow(10, e));
    Gen<Double> frequency =
        integers()
            .between(0, 4)
            .zip(
                doubles().between(0, 1),
                (d, u) -> d == 0 ? 0.0 : (double) Math.round(Math.pow(10, d - 1 + u)));
    qt().forAll(parameters(), frequency, age, doubles().between(0, 1))
        .checkAssert(
            (p, x, t, u) -> {
              ParetoNbdModel m = ParetoNbdModel.of(ParetoNbdParameters.of(p));
              double tx = x == 0 ? 0 : u * t;
              String context = Arrays.toString(p) + " x=" + x + " t_x=" + tx + " T=" + t;
              assertFinite("ln L " + context, m.logLikelihood(x, tx, t));
              for (double delta : new double[] {1e-4, 0.01, 10}) {
                double v =
                    m.conditionalDiscountedResidualPurchases(Discount.continuous(delta), x, tx, t);
                assertFinite("DERT(" + delta + ") " + context, v);
                assertTrue(v >= 0, () -> "DERT = " + v + " for " + context);
              }
            });
  }
}
