package org.clvkit.models.internal;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class ConfluentUTest {
  private static final Tolerance CLOSE = Tolerance.absolute(1e-13).or(Tolerance.relative(1e-14));

  @Test
  void logDiagonal_matchesMpmathHyperU() {
    // mpmath hyperu(s, s, z) at 40-320 digits, cross-checked by e^z Γ(1 − s, z); see the table
    ReferenceTable table = ReferenceTable.load("confluent_u_diagonal.csv");
    assertTrue(table.size() > 100);
    for (int row = 0; row < table.size(); row++) {
      double s = table.number(row, "s");
      double z = table.number(row, "z");
      CLOSE.check(
          "ln U(" + s + ", " + s + ", " + z + ")",
          table.number(row, "log_u"),
          ConfluentU.logDiagonal(s, z));
    }
  }

  @Test
  void logDiagonal_followsAsymptoticSeriesForLargeArgument() {
    // U(a, b, z) ~ z^(−a) Σ_n (a)_n (a−b+1)_n (−z)^(−n) / n! (DLMF 13.7.3); for b = a the terms are
    // (a)_n (−1/z)^n, and the error after the z^(−2) term is below the z^(−3) term.
    Seeded.qt()
        .forAll(doubles().between(1e-3, 10), doubles().between(1e5, 1e8))
        .checkAssert(
            (a, z) -> {
              double expected = -a * Math.log(z) + Math.log1p(-a / z + a * (a + 1) / (z * z));
              Tolerance.absolute(2 * a * (a + 1) * (a + 2) / (z * z * z) + 1e-14)
                  .or(Tolerance.relative(1e-15))
                  .check(
                      "U(" + a + ", " + a + ", " + z + ")", expected, ConfluentU.logDiagonal(a, z));
            });
  }

  @Test
  void logDiagonal_satisfiesRecurrenceInA() {
    // Γ(1−a, z) = −a Γ(−a, z) + z^(−a) e^(−z) (DLMF 8.8.2) times e^z: U(a, a, z) = z^(−a) − a
    // U(a+1,
    // a+1, z); checked as ln(z^a U(a, a, z)) = ln(1 − a z^a U(a+1, a+1, z)), with the tolerance
    // widened by the cancellation in 1 − x.
    Seeded.qt()
        .forAll(doubles().between(1e-3, 50), doubles().between(-6, 4))
        .checkAssert(
            (a, e) -> {
              double z = Math.pow(10, e);
              double x = a * Math.exp(ConfluentU.logDiagonal(a + 1, z) + a * Math.log(z));
              double left = ConfluentU.logDiagonal(a, z) + a * Math.log(z);
              Tolerance.absolute(1e-13 * (1 + x / (1 - x)))
                  .check("recurrence a=" + a + " z=" + z, left, Math.log1p(-x));
            });
  }

  @Test
  void logDiagonal_isFiniteOverParetoNbdDertGrid() {
    // DERT needs U(s, s, δ(β + T)) for s, β from 1e-3 to 1e3, T up to 1e4 and any discount rate
    double[] grid = {1e-3, 1e-2, 0.1, 1, 10, 100, 1e3};
    for (double s : grid) {
      for (double beta : grid) {
        for (double age : new double[] {0, 1, 39, 1e4}) {
          for (double delta : new double[] {1e-6, 1e-3, 0.0027, 0.1, 1, 10}) {
            double value = ConfluentU.logDiagonal(s, delta * (beta + age));
            assertTrue(
                Double.isFinite(value),
                () ->
                    "U not finite for s, beta, T, delta = "
                        + s
                        + ", "
                        + beta
                        + ", "
                        + age
                        + ", "
                        + delta);
          }
        }
      }
    }
  }

  @Test
  void logDiagonal_rejectsArgumentsOutsideDomain() {
    assertRejects("a must be finite and > 0, was 0.0", () -> ConfluentU.logDiagonal(0, 1));
    assertRejects("z must be finite and > 0, was -1.0", () -> ConfluentU.logDiagonal(1, -1));
    assertRejects("policy must not be null", () -> ConfluentU.logDiagonal(1, 1, null));
  }
}
