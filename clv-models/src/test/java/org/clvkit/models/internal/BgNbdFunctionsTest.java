package org.clvkit.models.internal;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The two routes to the expected purchases of an alive customer: the closed form through log 2F1
 * and the quadrature over the dropout probability that replaces it where the series cannot
 * converge.
 */
class BgNbdFunctionsTest {

  @Test
  void byQuadrature_matchesMpmathForNewCustomers() {
    // The BG/NBD's E[X(t)] is the alive customer's expectation with the prior parameters.
    ReferenceTable table = ReferenceTable.load("bgnbd_functions.csv");
    int checked = 0;
    for (int row = 0; row < table.size(); row++) {
      if (!table.text(row, "function").equals("expected")) {
        continue;
      }
      double r = table.number(row, "r");
      double alpha = table.number(row, "alpha");
      double t = table.number(row, "t");
      double value =
          BgNbdFunctions.byQuadrature(r, t / alpha, table.number(row, "a"), table.number(row, "b"));
      Tolerance.relative(1e-9).check("row " + (row + 1), table.number(row, "value"), value);
      checked++;
    }
    assertEquals(36, checked);
  }

  @Test
  void byQuadrature_equalsTheClosedForm() {
    Gen<Double> moderate = doubles().between(-2, 2).map(e -> Math.pow(10, e));
    Gen<double[]> parameters =
        moderate.zip(moderate, moderate, moderate, (r, u, a, b) -> new double[] {r, u, a, b});
    qt(100)
        .forAll(parameters)
        .checkAssert(
            p -> {
              double closed = BgNbdFunctions.aliveExpectation(p[0], 1.0, p[2], p[3], p[1]);
              double integral = BgNbdFunctions.byQuadrature(p[0], p[1], p[2], p[3]);
              Tolerance.relative(1e-9)
                  .check("r, u, a, b = " + java.util.Arrays.toString(p), closed, integral);
            });
  }
}
