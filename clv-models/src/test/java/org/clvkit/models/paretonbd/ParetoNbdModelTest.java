package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.clvkit.models.Discount;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Per-customer quantities of the Pareto/NBD against independent high-precision values (mpmath, 50
 * digits, by numerical integration of the defining integrals rather than the hypergeometric closed
 * forms; {@code src/test/python/paretonbd_reference.py}).
 */
class ParetoNbdModelTest {
  /** CDNOW estimates (Fader, Hardie &amp; Lee 2005), weeks. */
  static final ParetoNbdModel CDNOW =
      ParetoNbdModel.of(new ParetoNbdParameters(0.5533, 10.5776, 0.6061, 11.6650));

  private static ParetoNbdModel model(ReferenceTable table, int row) {
    return ParetoNbdModel.of(
        new ParetoNbdParameters(
            table.number(row, "r"),
            table.number(row, "alpha"),
            table.number(row, "s"),
            table.number(row, "beta")));
  }

  /**
   * The tolerance for a row of {@code paretonbd_single_customer.csv}: relative 1e-12, or relative
   * 1e-10 for frequencies of 1,000 and more, where the log-odds of death is a difference of terms
   * of size x · ln(α+T) ≈ 1e4–1e5 and so carries an absolute error of about 1e-16 · 1e5; values
   * below 1e-300 underflow to 0.
   */
  private static Tolerance tolerance(double x, double relative) {
    double bound = x >= 1000 ? Math.max(relative, 1e-10) : relative;
    return Tolerance.relative(bound).or(Tolerance.absolute(1e-300));
  }

  @Test
  void singleCustomer_matchesIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("paretonbd_single_customer.csv");
    double horizon = 39.0;
    double delta = 0.15 / 52;
    for (int i = 0; i < table.size(); i++) {
      ParetoNbdModel m = model(table, i);
      String name = table.text(i, "name");
      double x = table.number(i, "x");
      double tx = table.number(i, "t_x");
      double t = table.number(i, "T");
      Tolerance tight = tolerance(x, 1e-12);
      tight.check(
          name + " logLikelihood", table.number(i, "logLikelihood"), m.logLikelihood(x, tx, t));
      tight.check(
          name + " P(alive)", table.number(i, "probabilityAlive"), m.probabilityAlive(x, tx, t));
      tight.check(
          name + " E[Y(39)]",
          table.number(i, "conditionalExpectedPurchases"),
          m.conditionalExpectedPurchases(horizon, x, tx, t));
      tolerance(x, 1e-10)
          .check(
              name + " DERT",
              table.number(i, "dert"),
              m.conditionalDiscountedResidualPurchases(Discount.continuous(delta), x, tx, t));
    }
  }

  @Test
  void probabilityOfPurchases_matchesIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("paretonbd_pmf.csv");
    for (int i = 0; i < table.size(); i++) {
      ParetoNbdModel m = model(table, i);
      int n = Integer.parseInt(table.text(i, "n"));
      double t = table.number(i, "t");
      String what = table.text(i, "name") + " n=" + n + " t=" + t;
      if (n < 0) {
        Tolerance.relative(1e-12)
            .check("E[X(t)] " + what, table.number(i, "probability"), m.expectedPurchases(t));
      } else {
        Tolerance.absolute(1e-12)
            .check(
                "P(X(t)=n) " + what,
                table.number(i, "probability"),
                m.probabilityOfPurchases(n, t));
      }
    }
  }

  @Test
  void conditionalDiscountedResidualPurchases_matchesIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("paretonbd_dert.csv");
    for (int i = 0; i < table.size(); i++) {
      ParetoNbdModel m = model(table, i);
      double delta = table.number(i, "delta");
      Tolerance.relative(1e-10)
          .check(
              table.text(i, "name") + " delta=" + delta,
              table.number(i, "dert"),
              m.conditionalDiscountedResidualPurchases(
                  Discount.continuous(delta),
                  table.number(i, "x"),
                  table.number(i, "t_x"),
                  table.number(i, "T")));
    }
  }

  /**
   * DERT against a second, independent route computed here: the midpoint sum Σ_k e^{−δ (k−½) h}
   * (E[Y(k h)] − E[Y((k−1) h)]) of the model's own conditional expectations over 40,000 steps of h
   * = 0.25 weeks (10,000 weeks, where e^{−δ t} &lt; 1e-12). The midpoint rule's relative error is
   * about (δh)²/24, below 1e-6 here.
   */
  @Test
  void conditionalDiscountedResidualPurchases_equalsDiscountedSumOfConditionalExpectations() {
    double delta = 0.01;
    double h = 0.25;
    double[][] customers = {{2, 30.43, 38.86}, {0, 0, 38.86}, {10, 35, 38.86}, {1, 1.71, 38.86}};
    for (double[] c : customers) {
      double sum = 0;
      double previous = 0;
      for (int k = 1; k <= 40_000; k++) {
        double cumulative = CDNOW.conditionalExpectedPurchases(k * h, c[0], c[1], c[2]);
        sum += Math.exp(-delta * (k - 0.5) * h) * (cumulative - previous);
        previous = cumulative;
      }
      Tolerance.relative(1e-6)
          .check(
              "DERT x=" + c[0],
              sum,
              CDNOW.conditionalDiscountedResidualPurchases(
                  Discount.continuous(delta), c[0], c[1], c[2]));
    }
  }

  @Test
  void probabilityOfPurchases_atZeroHorizonIsAPointMassAtZero() {
    assertEquals(1.0, CDNOW.probabilityOfPurchases(0, 0));
    assertEquals(0.0, CDNOW.probabilityOfPurchases(3, 0));
  }

  @Test
  void probabilityAlive_isOneWhenTheLastPurchaseIsNow() {
    assertEquals(1.0, CDNOW.probabilityAlive(4, 20, 20));
    assertEquals(1.0, CDNOW.probabilityAlive(0, 0, 0));
  }

  @Test
  void logLikelihood_isZeroForANewCustomer() {
    // At T = 0 nothing has been observed: the likelihood of "no repeat purchase in (0, 0]" is 1.
    assertEquals(0.0, CDNOW.logLikelihood(0, 0, 0), 1e-15);
  }

  @Test
  void expectedPurchases_atSEqualToOneIsTheLogarithmicLimit() {
    ParetoNbdModel one = ParetoNbdModel.of(new ParetoNbdParameters(0.6, 8, 1.0, 9));
    ParetoNbdModel near = ParetoNbdModel.of(new ParetoNbdParameters(0.6, 8, 1.0 + 1e-9, 9));
    Tolerance.relative(1e-12)
        .check("E[X(50)] at s = 1", 0.6 / 8 * 9 * Math.log1p(50 / 9.0), one.expectedPurchases(50));
    Tolerance.relative(1e-8)
        .check("E[X(50)] near s = 1", one.expectedPurchases(50), near.expectedPurchases(50));
  }

  @Test
  void conditionalExpectedPurchases_agreesWithTheDefaultDiscountedSumAtZeroDiscount() {
    // The interface's discounted expected purchases with rate 0 telescopes to E[Y(periods)].
    Tolerance.relative(1e-12)
        .check(
            "undiscounted 52 periods",
            CDNOW.conditionalExpectedPurchases(52, 2, 30.43, 38.86),
            CDNOW.discountedExpectedPurchases(52, 0.0, 2, 30.43, 38.86));
  }

  @Test
  void conditionalDiscountedResidualPurchases_batchEqualsPerCustomerBitForBit() {
    double[] f = {0, 1, 2, 10, 1000};
    double[] r = {0, 1.71, 30.43, 35, 38};
    double[] a = {38.86, 38.86, 38.86, 38.86, 38.86};
    double[] out = new double[7];
    CDNOW.conditionalDiscountedResidualPurchases(Discount.continuous(0.003), f, r, a, out, 1, 5);
    double[] all =
        CDNOW.conditionalDiscountedResidualPurchases(Discount.continuous(0.003), f, r, a);
    assertEquals(0.0, out[0]);
    assertEquals(0.0, out[5]);
    for (int i = 0; i < f.length; i++) {
      double single =
          CDNOW.conditionalDiscountedResidualPurchases(
              Discount.continuous(0.003), f[i], r[i], a[i]);
      Tolerance.ulps(0).check("DERT row " + i, single, all[i]);
      if (i >= 1 && i < 5) {
        Tolerance.ulps(0).check("DERT range row " + i, single, out[i]);
      }
    }
  }

  @Test
  void conditionalDiscountedResidualPurchases_decreasesWithTheDiscountRate() {
    double previous = Double.POSITIVE_INFINITY;
    for (double delta : new double[] {1e-6, 1e-4, 1e-2, 1, 100}) {
      double v =
          CDNOW.conditionalDiscountedResidualPurchases(Discount.continuous(delta), 2, 30.43, 38.86);
      assertTrue(Double.isFinite(v) && v > 0 && v < previous, () -> "DERT at " + delta + " = " + v);
      previous = v;
    }
  }

  @Test
  void serialization_roundTripKeepsParametersAndPredictions() throws Exception {
    ParetoNbdModel copy = roundTrip(CDNOW);
    assertEquals(CDNOW.parameters(), copy.parameters());
    assertFalse(copy.fitReport().isPresent());
    Tolerance.ulps(0)
        .check(
            "P(alive)",
            CDNOW.probabilityAlive(2, 30.43, 38.86),
            copy.probabilityAlive(2, 30.43, 38.86));
  }

  @Test
  void toString_namesTheModelAndParameters() {
    assertEquals("Pareto/NBD(r=0.5533, alpha=10.58, s=0.6061, beta=11.67)", CDNOW.toString());
    assertEquals("Pareto/NBD", CDNOW.name());
    assertEquals(java.util.List.of("r", "alpha", "s", "beta"), CDNOW.parameterNames());
  }

  static ParetoNbdModel roundTrip(ParetoNbdModel model) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ParetoNbdModel) in.readObject();
    }
  }
}
