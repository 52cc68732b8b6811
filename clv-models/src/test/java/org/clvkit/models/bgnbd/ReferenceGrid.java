package org.clvkit.models.bgnbd;

import java.util.function.Function;
import org.clvkit.models.PurchaseModel;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;

/**
 * Checks a model against a table written by {@code clv-models/src/test/python/bgnbd_reference.py}:
 * columns function, r, alpha, a, b, n, recency, age, t, value, kind, tolerance, one row per value
 * of {@code loglik}, {@code palive}, {@code expected}, {@code conditional} or {@code pmf}.
 */
public final class ReferenceGrid {
  private ReferenceGrid() {}

  /**
   * Checks every row of {@code file} whose function is {@code function}; returns the number
   * checked.
   *
   * @param model builds the model from {r, alpha, a, b}
   */
  public static int check(String file, String function, Function<double[], PurchaseModel> model) {
    ReferenceTable table = ReferenceTable.load(file);
    int checked = 0;
    for (int row = 0; row < table.size(); row++) {
      if (!table.text(row, "function").equals(function)) {
        continue;
      }
      double[] p = {
        table.number(row, "r"),
        table.number(row, "alpha"),
        table.number(row, "a"),
        table.number(row, "b")
      };
      PurchaseModel m = model.apply(p);
      double actual =
          switch (function) {
            case "loglik" ->
                m.logLikelihood(
                    x(table, row), table.number(row, "recency"), table.number(row, "age"));
            case "palive" ->
                m.probabilityAlive(
                    x(table, row), table.number(row, "recency"), table.number(row, "age"));
            case "expected" -> m.expectedPurchases(table.number(row, "t"));
            case "conditional" ->
                m.conditionalExpectedPurchases(
                    table.number(row, "t"),
                    x(table, row),
                    table.number(row, "recency"),
                    table.number(row, "age"));
            case "pmf" -> m.probabilityOfPurchases((int) x(table, row), table.number(row, "t"));
            default -> throw new IllegalStateException(function);
          };
      double bound = table.number(row, "tolerance");
      Tolerance tolerance =
          (table.text(row, "kind").equals("relative")
                  ? Tolerance.relative(bound)
                  : Tolerance.absolute(bound))
              .or(Tolerance.absolute(table.number(row, "absolute")));
      tolerance.check(
          file
              + " row "
              + (row + 1)
              + " "
              + function
              + " "
              + String.join(
                  " ",
                  table.text(row, "r"),
                  table.text(row, "alpha"),
                  table.text(row, "a"),
                  table.text(row, "b"),
                  "n/x=" + table.text(row, "n"),
                  "tx=" + table.text(row, "recency"),
                  "T=" + table.text(row, "age"),
                  "t=" + table.text(row, "t")),
          table.number(row, "value"),
          actual);
      checked++;
    }
    return checked;
  }

  private static double x(ReferenceTable table, int row) {
    return table.number(row, "n");
  }
}
