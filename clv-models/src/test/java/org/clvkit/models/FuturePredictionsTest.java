package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.models.bgnbd.BgNbdFamilyModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * P(alive) at a future time and a new customer's expected purchases (issue 18) for the BG/NBD,
 * MBG/NBD and Pareto/NBD, against future_alive_new_customer.csv (an independent mpmath computation
 * by quadrature over the mixing distributions, future_alive_reference.py; tolerance in the table)
 * and their limits: at t = 0 P(alive), and the new customer's expectation is the conditional one of
 * a customer with no history yet.
 */
class FuturePredictionsTest {
  private static final ReferenceTable TABLE = ReferenceTable.load("future_alive_new_customer.csv");

  /** The CDNOW parameters of the table, by model id. */
  private static final List<String> IDS = List.of("bgnbd", "mbgnbd", "pnbd");

  private static final double[][] HISTORIES = {
    {0, 0, 38.86}, {2, 30.43, 38.86}, {7, 35.71, 38.86}, {2, 5, 38.86}, {15, 30, 32}, {1, 0.5, 1}
  };

  private static ContinuousPurchaseModel model(int row) {
    double[] p = new double[4];
    for (int k = 0; k < 4; k++) {
      p[k] = TABLE.number(row, "p" + (k + 1));
    }
    return (ContinuousPurchaseModel) ModelTypes.get(TABLE.text(row, "model")).model(p);
  }

  private static ContinuousPurchaseModel model(String id) {
    for (int i = 0; i < TABLE.size(); i++) {
      if (TABLE.text(i, "model").equals(id)) {
        return model(i);
      }
    }
    throw new IllegalArgumentException(id);
  }

  /** The model's P(alive) t periods after the end of observation. */
  private static double futureAlive(
      ContinuousPurchaseModel m, double t, double x, double recency, double age) {
    if (m instanceof BgNbdFamilyModel<?> family) {
      return family.probabilityAlive(t, x, recency, age);
    }
    return ((ParetoNbdModel) m).probabilityAlive(t, x, recency, age);
  }

  @Test
  void probabilityAliveInTheFuture_matchesTheIndependentComputation() {
    int checked = 0;
    for (int i = 0; i < TABLE.size(); i++) {
      if (TABLE.text(i, "quantity").equals("future_alive")) {
        double t = TABLE.number(i, "t");
        double x = TABLE.number(i, "x");
        double recency = TABLE.number(i, "t_x");
        double age = TABLE.number(i, "T");
        TABLE
            .tolerance()
            .check(
                TABLE.text(i, "model") + " P(alive at T+" + t + ") row " + i,
                TABLE.number(i, "value"),
                futureAlive(model(i), t, x, recency, age));
        checked++;
      }
    }
    assertEquals(75, checked);
  }

  @Test
  void expectedPurchases_ofANewCustomerMatchesTheIndependentComputation() {
    int checked = 0;
    for (int i = 0; i < TABLE.size(); i++) {
      if (TABLE.text(i, "quantity").equals("new_customer")) {
        double t = TABLE.number(i, "t");
        TABLE
            .tolerance()
            .check(
                TABLE.text(i, "model") + " E[X(" + t + ")] row " + i,
                TABLE.number(i, "value"),
                model(i).expectedPurchases(t));
        checked++;
      }
    }
    assertEquals(12, checked);
  }

  @Test
  void probabilityAliveInTheFuture_atZeroIsProbabilityAliveAndFallsWithTheHorizon() {
    for (String id : IDS) {
      ContinuousPurchaseModel m = model(id);
      for (double[] h : HISTORIES) {
        double now = m.probabilityAlive(h[0], h[1], h[2]);
        assertEquals(now, futureAlive(m, 0, h[0], h[1], h[2]), id);
        double previous = now;
        for (double t = 0.5; t < 1e4; t *= 3) {
          double later = futureAlive(m, t, h[0], h[1], h[2]);
          double before = previous;
          assertTrue(
              later > 0 && later <= before,
              () -> id + " P(alive at +" + " t) = " + later + " after " + before);
          previous = later;
        }
      }
    }
  }

  @Test
  void expectedPurchases_isTheConditionalExpectationOfACustomerWithNoHistory() {
    for (String id : IDS) {
      ContinuousPurchaseModel m = model(id);
      for (double t : new double[] {0.5, 13, 52, 520}) {
        Tolerance.relative(1e-12)
            .check(
                id + " E[X(" + t + ")]",
                m.conditionalExpectedPurchases(t, 0, 0, 0),
                m.expectedPurchases(t));
      }
    }
  }

  @Test
  void probabilityAliveInTheFuture_rejectsANegativeHorizonAndABadHistory() {
    for (String id : IDS) {
      ContinuousPurchaseModel m = model(id);
      assertRejects("t must be finite and >= 0, was -1.0", () -> futureAlive(m, -1, 2, 30, 38));
      assertRejects("recency = 40.0 must be <= age = 38.0", () -> futureAlive(m, 1, 2, 40, 38));
    }
  }
}
