package org.clvkit.models.ggomnbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The GGompertz/NBD against mpmath and the published CDNOW values, and its limits. */
class GgompertzNbdModelTest {
  private static final GgompertzNbdModel EXAMPLE =
      GgompertzNbdModel.of(new GgompertzNbdParameters(0.55, 10.5, 0.02, 0.6, 0.4));

  /** ggomnbd_functions.csv (ggomnbd_reference.py, mpmath at 30 digits). */
  @Test
  void predictions_matchIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("ggomnbd_functions.csv");
    Tolerance tolerance = Tolerance.relative(1e-10);
    for (int i = 0; i < table.size(); i++) {
      GgompertzNbdModel m =
          GgompertzNbdModel.of(
              new GgompertzNbdParameters(
                  table.number(i, "r"),
                  table.number(i, "alpha"),
                  table.number(i, "b"),
                  table.number(i, "s"),
                  table.number(i, "beta")));
      double t = table.number(i, "t");
      double x = table.number(i, "x");
      double tx = table.number(i, "t_x");
      double age = table.number(i, "T");
      double expected = table.number(i, "value");
      String what = table.text(i, "quantity") + " row " + i;
      double actual =
          switch (table.text(i, "quantity")) {
            case "loglik" -> m.logLikelihood(x, tx, age);
            case "palive" -> m.probabilityAlive(x, tx, age);
            case "cet" -> m.conditionalExpectedPurchases(t, x, tx, age);
            case "expected" -> m.expectedPurchases(t);
            default -> m.probabilityOfPurchases((int) table.number(i, "n"), t);
          };
      tolerance.check(what, expected, actual);
    }
  }

  /**
   * ggomnbd_cdnow.csv: the CDNOW log-likelihood at CLVTools' and Bemmaor &amp; Glady's printed
   * parameters, against mpmath (1e-9) and, for CLVTools' 5-digit parameters, its printed value.
   */
  @Test
  void logLikelihood_cdnowAtPublishedParameters() {
    ReferenceTable table = ReferenceTable.load("ggomnbd_cdnow.csv");
    for (int i = 0; i < table.size(); i++) {
      GgompertzNbdModel m =
          GgompertzNbdModel.of(
              new GgompertzNbdParameters(
                  table.number(i, "r"),
                  table.number(i, "alpha"),
                  table.number(i, "b"),
                  table.number(i, "s"),
                  table.number(i, "beta")));
      double ll = m.logLikelihood(CdnowHistories.load());
      String source = table.text(i, "source");
      Tolerance.relative(1e-9)
          .check(source + " independent", table.number(i, "log_likelihood"), ll);
      if (source.equals("clvtools")) {
        Tolerance.absolute(0.01)
            .check(source + " published", table.number(i, "published_log_likelihood"), ll);
      }
    }
  }

  /** As b → 0 with β/b fixed the lifetime is Pareto (Gamma-exponential): the Pareto/NBD. */
  @Test
  void smallB_tendsToTheParetoNbd() {
    double b = 1e-7;
    GgompertzNbdModel g =
        GgompertzNbdModel.of(new GgompertzNbdParameters(0.55, 10.58, b, 0.61, 11.67 * b));
    ParetoNbdModel p = ParetoNbdModel.of(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67));
    Tolerance close = Tolerance.relative(1e-5);
    double[][] histories = {{0, 0, 38.86}, {2, 30.43, 38.86}, {7, 12, 52}, {20, 35, 36}};
    for (double[] h : histories) {
      close.check(
          "P(alive)", p.probabilityAlive(h[0], h[1], h[2]), g.probabilityAlive(h[0], h[1], h[2]));
      close.check(
          "E[Y(39)]",
          p.conditionalExpectedPurchases(39, h[0], h[1], h[2]),
          g.conditionalExpectedPurchases(39, h[0], h[1], h[2]));
      Tolerance.absolute(1e-5)
          .check("ln L", p.logLikelihood(h[0], h[1], h[2]), g.logLikelihood(h[0], h[1], h[2]));
    }
    close.check("E[X(52)]", p.expectedPurchases(52), g.expectedPurchases(52));
  }

  @Test
  void probabilityAliveInTheFuture_startsAtNowAndFalls() {
    double now = EXAMPLE.probabilityAlive(3, 20, 38);
    assertEquals(now, EXAMPLE.probabilityAlive(0, 3, 20, 38));
    double previous = now;
    for (int t = 1; t <= 100; t += 9) {
      double later = EXAMPLE.probabilityAlive(t, 3, 20, 38);
      assertTrue(later < previous, "P(alive) at +" + t + " did not fall");
      previous = later;
    }
    // The slope at 0 of E[Y(t)] is P(alive) times the posterior mean rate.
    double h = 1e-4;
    Tolerance.relative(1e-4)
        .check(
            "dE[Y]/dt at 0",
            now * (0.55 + 3) / (10.5 + 38),
            EXAMPLE.conditionalExpectedPurchases(h, 3, 20, 38) / h);
  }

  @Test
  void badInput_isRejectedWithItsRule() {
    assertRejects(
        "b must be finite and > 0, was 0.0", () -> new GgompertzNbdParameters(1, 1, 0, 1, 1));
    assertRejects(
        "values has length 4 but parameter names has length 5",
        () -> GgompertzNbdParameters.of(new double[] {1, 2, 3, 4}));
    assertRejects("recency = 5.0 must be <= age = 4.0", () -> EXAMPLE.probabilityAlive(1, 5, 4));
    assertRejects("t must be finite and >= 0, was -1.0", () -> EXAMPLE.expectedPurchases(-1));
  }
}
