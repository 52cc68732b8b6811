package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clvkit.models.bgnbd.BgNbdFamilyModel;
import org.clvkit.models.cnbd.BgCnbdModel;
import org.clvkit.models.cnbd.MbgCnbdModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * P(alive) at a future time and a new customer's expected purchases (issue 18) for the BG/NBD,
 * MBG/NBD, Pareto/NBD, MBG/CNBD-k and BG/CNBD-k (k = 1, 2, 3), against
 * future_alive_new_customer.csv and future_alive_cnbd.csv (an independent mpmath computation by
 * quadrature over the mixing distributions, future_alive_reference.py; for the CNBD-k models with
 * the Erlang phases summed by a roots-of-unity filter, not by the library's series; tolerance in
 * the tables) and their limits: at t = 0 P(alive), and the new customer's expectation is the
 * conditional one of a customer with no history yet.
 */
class FuturePredictionsTest {
  private static final ReferenceTable TABLE = ReferenceTable.load("future_alive_new_customer.csv");

  private static final ReferenceTable CNBD_TABLE = ReferenceTable.load("future_alive_cnbd.csv");

  /** The parameter columns of each table, in the model type's order. */
  private static final List<String> PARAMETERS = List.of("p1", "p2", "p3", "p4");

  private static final List<String> CNBD_PARAMETERS = List.of("k", "r", "alpha", "a", "b");

  private static final double[][] HISTORIES = {
    {0, 0, 38.86}, {2, 30.43, 38.86}, {7, 35.71, 38.86}, {2, 5, 38.86}, {15, 30, 32}, {1, 0.5, 1}
  };

  private static ContinuousPurchaseModel model(
      ReferenceTable table, List<String> columns, int row) {
    double[] p = new double[columns.size()];
    for (int k = 0; k < p.length; k++) {
      p[k] = table.number(row, columns.get(k));
    }
    return (ContinuousPurchaseModel) ModelTypes.get(table.text(row, "model")).model(p);
  }

  /** One model per parameter set of both tables (the first row of each). */
  private static List<ContinuousPurchaseModel> models() {
    List<ContinuousPurchaseModel> models = new ArrayList<>();
    addModels(models, TABLE, PARAMETERS);
    addModels(models, CNBD_TABLE, CNBD_PARAMETERS);
    assertEquals(9, models.size());
    return models;
  }

  private static void addModels(
      List<ContinuousPurchaseModel> models, ReferenceTable table, List<String> columns) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < table.size(); i++) {
      StringBuilder key = new StringBuilder(table.text(i, "model"));
      for (String column : columns) {
        key.append(',').append(table.text(i, column));
      }
      if (seen.add(key.toString())) {
        models.add(model(table, columns, i));
      }
    }
  }

  /** The model's P(alive) t periods after the end of observation. */
  private static double futureAlive(
      ContinuousPurchaseModel m, double t, double x, double recency, double age) {
    if (m instanceof BgNbdFamilyModel<?> family) {
      return family.probabilityAlive(t, x, recency, age);
    }
    if (m instanceof MbgCnbdModel cnbd) {
      return cnbd.probabilityAlive(t, x, recency, age);
    }
    if (m instanceof BgCnbdModel cnbd) {
      return cnbd.probabilityAlive(t, x, recency, age);
    }
    return ((ParetoNbdModel) m).probabilityAlive(t, x, recency, age);
  }

  /**
   * Checks every row of the table whose quantity is {@code future_alive} or {@code new_customer}
   * against the library; returns how many it checked.
   */
  private static int check(ReferenceTable table, List<String> columns, String quantity) {
    int checked = 0;
    for (int i = 0; i < table.size(); i++) {
      if (table.text(i, "quantity").equals(quantity)) {
        ContinuousPurchaseModel m = model(table, columns, i);
        double t = table.number(i, "t");
        double actual =
            quantity.equals("future_alive")
                ? futureAlive(
                    m, t, table.number(i, "x"), table.number(i, "t_x"), table.number(i, "T"))
                : m.expectedPurchases(t);
        table
            .tolerance()
            .check(
                m.name() + " " + quantity + " t = " + t + " row " + i,
                table.number(i, "value"),
                actual);
        checked++;
      }
    }
    return checked;
  }

  @Test
  void probabilityAliveInTheFuture_matchesTheIndependentComputation() {
    assertEquals(75, check(TABLE, PARAMETERS, "future_alive"));
  }

  @Test
  void expectedPurchases_ofANewCustomerMatchesTheIndependentComputation() {
    assertEquals(12, check(TABLE, PARAMETERS, "new_customer"));
  }

  /** 2 models × k = 1, 2, 3 × 6 histories (x = 0, x &gt; 0, t_x = T) × 5 horizons. */
  @Test
  void probabilityAliveInTheFuture_ofTheCnbdModelsMatchesTheIndependentComputation() {
    assertEquals(180, check(CNBD_TABLE, CNBD_PARAMETERS, "future_alive"));
  }

  @Test
  void expectedPurchases_ofANewCustomerOfTheCnbdModelsMatchesTheIndependentComputation() {
    assertEquals(24, check(CNBD_TABLE, CNBD_PARAMETERS, "new_customer"));
  }

  @Test
  void probabilityAliveInTheFuture_atZeroIsProbabilityAliveAndFallsWithTheHorizon() {
    for (ContinuousPurchaseModel m : models()) {
      String id = m.name() + " " + Arrays.toString(m.parameterValues());
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
    for (ContinuousPurchaseModel m : models()) {
      String id = m.name() + " " + Arrays.toString(m.parameterValues());
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
    for (ContinuousPurchaseModel m : models()) {
      String id = m.name() + " " + Arrays.toString(m.parameterValues());
      assertRejects("t must be finite and >= 0, was -1.0", () -> futureAlive(m, -1, 2, 30, 38));
      assertRejects("recency = 40.0 must be <= age = 38.0", () -> futureAlive(m, 1, 2, 40, 38));
    }
  }
}
