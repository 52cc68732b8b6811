package org.clvkit.models.cnbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The (M)BG/CNBD-k's formulas against independent computations and their k = 1 special cases. */
class CnbdModelTest {

  private static CnbdModelBase model(String id, CnbdParameters p) {
    return id.equals("mbgcnbd") ? MbgCnbdModel.of(p) : BgCnbdModel.of(p);
  }

  /**
   * cnbd_functions.csv: log-likelihood, P(alive) and E[Y(t)] as integrals over the phase rate,
   * E[X(t)] as Σ n pmf(n), pmf by BTYDplus's formula, all in mpmath (cnbd_reference.py).
   */
  @Test
  void functions_matchTheIndependentReference() {
    ReferenceTable table = ReferenceTable.load("cnbd_functions.csv");
    Tolerance tolerance = table.tolerance();
    for (int i = 0; i < table.size(); i++) {
      CnbdParameters p =
          new CnbdParameters(
              (int) table.number(i, "k"),
              table.number(i, "r"),
              table.number(i, "alpha"),
              table.number(i, "a"),
              table.number(i, "b"));
      CnbdModelBase m = model(table.text(i, "model"), p);
      double x = table.number(i, "x");
      double tx = table.number(i, "tx");
      double age = table.number(i, "T");
      double t = table.number(i, "t");
      String quantity = table.text(i, "quantity");
      double actual =
          switch (quantity) {
            case "ll" -> m.logLikelihood(x, tx, age, table.number(i, "litt"));
            case "palive" -> m.probabilityAlive(x, tx, age);
            case "cet" -> m.conditionalExpectedPurchases(t, x, tx, age);
            case "pmf" -> m.probabilityOfPurchases((int) table.number(i, "n"), t);
            case "expected" -> m.expectedPurchases(t);
            default -> throw new IllegalStateException(quantity);
          };
      tolerance.check(
          table.text(i, "model") + " " + p + " " + quantity + " row " + i,
          table.number(i, "value"),
          actual);
    }
  }

  /**
   * BTYDplus's own self-test (src/slice-sampling.cpp): with k = 3, r = 0.5, α = 2, a = 0.3, b = 0.6
   * the BG/CNBD-k log-likelihood of x = 3 and 4, t_x = 12, T = 14, litt = 3 is -10.42500 and
   * -12.22396, and P(X(10) = 2) is 0.05669 (BG/CNBD-k) and 0.04548 (MBG/CNBD-k), printed to 5
   * decimals.
   */
  @Test
  void btydplusSelfTest_isReproduced() {
    CnbdParameters p = new CnbdParameters(3, 0.5, 2, 0.3, 0.6);
    Tolerance printed = Tolerance.absolute(5e-6);
    printed.check("ll x=3", -10.42500, BgCnbdModel.of(p).logLikelihood(3, 12, 14, 3));
    printed.check("ll x=4", -12.22396, BgCnbdModel.of(p).logLikelihood(4, 12, 14, 3));
    printed.check("BG pmf", 0.05669, BgCnbdModel.of(p).probabilityOfPurchases(2, 10));
    printed.check("MBG pmf", 0.04548, MbgCnbdModel.of(p).probabilityOfPurchases(2, 10));
  }

  /**
   * With k = 1 the MBG/CNBD-k is the MBG/NBD and the BG/CNBD-k the BG/NBD: every quantity agrees
   * with those models' own (closed-form, 2F1-based) implementations to 1e-12 relative.
   */
  @Test
  void kOne_equalsMbgNbdAndBgNbd() {
    double[][] parameters = {{0.243, 4.414, 0.793, 2.426}, {0.5248, 6.1831, 0.8914, 1.614}};
    double[][] histories = {
      {0, 0, 38.86}, {1, 1.71, 38.86}, {2, 30.43, 38.86}, {7, 29.57, 31.57}, {40, 70, 75}
    };
    Tolerance close = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-300));
    for (double[] q : parameters) {
      CnbdParameters p = new CnbdParameters(1, q[0], q[1], q[2], q[3]);
      ContinuousPurchaseModel[][] pairs = {
        {MbgCnbdModel.of(p), MbgNbdModel.of(new MbgNbdParameters(q[0], q[1], q[2], q[3]))},
        {BgCnbdModel.of(p), BgNbdModel.of(new BgNbdParameters(q[0], q[1], q[2], q[3]))}
      };
      for (ContinuousPurchaseModel[] pair : pairs) {
        ContinuousPurchaseModel cnbd = pair[0];
        ContinuousPurchaseModel nbd = pair[1];
        String name = cnbd.name() + " " + p;
        for (double t : new double[] {0.5, 10, 39, 200}) {
          close.check(
              name + " E[X(" + t + ")]", nbd.expectedPurchases(t), cnbd.expectedPurchases(t));
          for (int n = 0; n <= 6; n++) {
            close.check(
                name + " P(X(" + t + ") = " + n + ")",
                nbd.probabilityOfPurchases(n, t),
                cnbd.probabilityOfPurchases(n, t));
          }
        }
        for (double[] h : histories) {
          String who = name + " history " + java.util.Arrays.toString(h);
          close.check(
              who + " ll",
              nbd.logLikelihood(h[0], h[1], h[2]),
              cnbd.logLikelihood(h[0], h[1], h[2]));
          close.check(
              who + " P(alive)",
              nbd.probabilityAlive(h[0], h[1], h[2]),
              cnbd.probabilityAlive(h[0], h[1], h[2]));
          for (double t : new double[] {1, 39, 200}) {
            close.check(
                who + " E[Y(" + t + ")]",
                nbd.conditionalExpectedPurchases(t, h[0], h[1], h[2]),
                cnbd.conditionalExpectedPurchases(t, h[0], h[1], h[2]));
          }
        }
      }
    }
  }

  /**
   * P(alive) at a future time: with k = 1 the BG/NBD's and MBG/NBD's own closed forms (2F1) to
   * 1e-12 relative; at t = 0 the P(alive) at T; for k = 2, 3 a probability that falls with t.
   */
  @Test
  void probabilityAliveAtFutureTime_kOneEqualsTheNbdFamilyAndFallsWithT() {
    double[][] parameters = {{0.243, 4.414, 0.793, 2.426}, {0.5248, 6.1831, 0.8914, 1.614}};
    double[][] histories = {
      {0, 0, 38.86}, {1, 1.71, 38.86}, {2, 30.43, 38.86}, {7, 29.57, 31.57}, {40, 70, 75}
    };
    Tolerance close = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-300));
    for (double[] q : parameters) {
      CnbdParameters one = new CnbdParameters(1, q[0], q[1], q[2], q[3]);
      MbgNbdModel mbg = MbgNbdModel.of(new MbgNbdParameters(q[0], q[1], q[2], q[3]));
      BgNbdModel bg = BgNbdModel.of(new BgNbdParameters(q[0], q[1], q[2], q[3]));
      for (double[] h : histories) {
        String who = java.util.Arrays.toString(q) + " history " + java.util.Arrays.toString(h);
        for (double t : new double[] {0, 1, 39, 200}) {
          close.check(
              "MBG/CNBD-1 " + who + " t " + t,
              mbg.probabilityAlive(t, h[0], h[1], h[2]),
              MbgCnbdModel.of(one).probabilityAlive(t, h[0], h[1], h[2]));
          close.check(
              "BG/CNBD-1 " + who + " t " + t,
              bg.probabilityAlive(t, h[0], h[1], h[2]),
              BgCnbdModel.of(one).probabilityAlive(t, h[0], h[1], h[2]));
        }
        for (int k = 2; k <= 3; k++) {
          CnbdParameters p = new CnbdParameters(k, q[0], q[1], q[2], q[3]);
          for (CnbdModelBase m : new CnbdModelBase[] {MbgCnbdModel.of(p), BgCnbdModel.of(p)}) {
            double now = m.probabilityAlive(h[0], h[1], h[2]);
            close.check(
                m.name() + " k " + k + " " + who + " t 0",
                now,
                m.probabilityAlive(0, h[0], h[1], h[2]));
            double previous = now;
            for (double t : new double[] {0.5, 5, 39, 200, 2000}) {
              double later = m.probabilityAlive(t, h[0], h[1], h[2]);
              assertTrue(
                  later >= 0 && later <= previous * (1 + 1e-12),
                  m.name() + " k " + k + " " + who + " t " + t + ": " + later + " > " + previous);
              previous = later;
            }
          }
        }
      }
    }
  }

  @Test
  void logLikelihood_rejectsBadLitt() {
    MbgCnbdModel m = MbgCnbdModel.of(new CnbdParameters(2, 0.5, 2, 0.3, 0.6));
    assertRejects("litt = 1.5 must be 0 when frequency = 0", () -> m.logLikelihood(0, 0, 10, 1.5));
    assertRejects("litt must be finite, was NaN", () -> m.logLikelihood(2, 5, 10, Double.NaN));
    CustomerHistories data =
        CustomerHistories.of(new double[] {1, 0}, new double[] {3, 0}, new double[] {9, 9});
    assertRejects(
        "litt[1] = 0.5 must be 0 when frequency[1] = 0",
        () -> m.logLikelihood(data, new double[] {1.0, 0.5}));
    assertRejects(
        "litt has length 1 but frequency has length 2",
        () -> m.logLikelihood(data, new double[] {1.0}));
  }

  @Test
  void parameters_rejectFractionalOrOutOfRangeK() {
    assertRejects(
        "k must be a whole number in [1, 100], was 1.5",
        () -> CnbdParameters.of(new double[] {1.5, 1, 1, 1, 1}));
    assertRejects(
        "k must be a whole number in [1, 100], was 0", () -> new CnbdParameters(0, 1, 1, 1, 1));
    assertRejects(
        "alpha must be finite and > 0, was -1.0", () -> new CnbdParameters(2, 1, -1, 1, 1));
  }

  @Test
  void logLikelihood_withoutLittIsTheFullOneMinusTheRegularityTerm() {
    CnbdParameters p = new CnbdParameters(3, 0.5, 2, 0.3, 0.6);
    BgCnbdModel m = BgCnbdModel.of(p);
    Tolerance.relative(1e-14)
        .check("litt term", m.logLikelihood(3, 12, 14, 3) - 2 * 3, m.logLikelihood(3, 12, 14));
    assertEquals(MbgCnbdModel.TYPE, MbgCnbdModel.of(p).type());
  }
}
