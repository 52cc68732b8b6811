package org.clvkit.models.paretonbd;

import org.clvkit.models.CustomerHistories;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, part 4: the Pareto/NBD at r = s = 0.001, α = 1e4, β = 0.1, T = 0.01 and x from 1e5 to
 * 3e6, where 2F1(a, s+1; a+1; z) with a near x and 1 − z near 1e-5 exhausted every series and the
 * calls threw a raw ArithmeticException. Reference: src/test/python/paretonbd_corner_reference.py,
 * an mpmath computation of note 009's likelihood with the integral J by quadrature (no 2F1);
 * tolerances as stated in the table.
 */
class ParetoNbdCornerTest {
  private static final ParetoNbdModel MODEL =
      ParetoNbdModel.of(new ParetoNbdParameters(0.001, 1e4, 0.001, 0.1));
  private static final double AGE = 0.01;

  @Test
  void perCustomerQuantities_atTheCorner_matchMpmath() {
    ReferenceTable table = ReferenceTable.load("paretonbd_corner.csv");
    for (int i = 0; i < table.size(); i++) {
      double x = table.number(i, "frequency");
      double tx = table.number(i, "recency");
      String row = "(x = " + x + ", t_x = " + tx + ")";
      Tolerance.relative(1e-12)
          .check("ln L " + row, table.number(i, "logLikelihood"), MODEL.logLikelihood(x, tx, AGE));
      Tolerance.absolute(1e-12)
          .check("P(alive) " + row, table.number(i, "pAlive"), MODEL.probabilityAlive(x, tx, AGE));
      Tolerance.relative(1e-10)
          .check(
              "E[Y(1)] " + row,
              table.number(i, "expected"),
              MODEL.conditionalExpectedPurchases(1, x, tx, AGE));
    }
  }

  @Test
  void batchQuantities_atTheCorner_matchThePerCustomerValues() {
    ReferenceTable table = ReferenceTable.load("paretonbd_corner.csv");
    int n = table.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double expectedLogLikelihood = 0;
    for (int i = 0; i < n; i++) {
      x[i] = table.number(i, "frequency");
      tx[i] = table.number(i, "recency");
      age[i] = AGE;
      expectedLogLikelihood += table.number(i, "logLikelihood");
    }
    double[] alive = new double[n];
    double[] expected = new double[n];
    MODEL.probabilityAlive(x, tx, age, alive, 0, n);
    MODEL.conditionalExpectedPurchases(1, x, tx, age, expected, 0, n);
    for (int i = 0; i < n; i++) {
      Tolerance.ulps(0)
          .check("P(alive)[" + i + "]", MODEL.probabilityAlive(x[i], tx[i], AGE), alive[i]);
      Tolerance.ulps(0)
          .check(
              "E[Y(1)][" + i + "]",
              MODEL.conditionalExpectedPurchases(1, x[i], tx[i], AGE),
              expected[i]);
    }
    Tolerance.relative(1e-12)
        .check(
            "ln L of the table",
            expectedLogLikelihood,
            MODEL.logLikelihood(CustomerHistories.of(x, tx, age)));
  }
}
