package org.clvkit.models.internal;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.apache.commons.math3.special.Erf;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class IncompleteGammaTest {
  private static final Tolerance CLOSE = Tolerance.absolute(1e-13).or(Tolerance.relative(1e-14));

  @Test
  void logUpper_matchesMpmathTable() {
    // mpmath gammainc at 40-320 digits, cross-checked by x^a E_(1−a)(x); tolerance stated in the
    // table
    ReferenceTable table = ReferenceTable.load("incomplete_gamma_upper.csv");
    assertTrue(table.size() > 300);
    for (int row = 0; row < table.size(); row++) {
      double a = table.number(row, "a");
      double x = table.number(row, "x");
      CLOSE.check(
          "ln Gamma(" + a + ", " + x + ")",
          table.number(row, "log_upper_gamma"),
          IncompleteGamma.logUpper(a, x));
    }
  }

  @Test
  void logUpper_equalsExponentialForAOne() {
    // Γ(1, x) = e^(−x), DLMF 8.4.5
    Seeded.qt()
        .forAll(doubles().between(-10, 6))
        .checkAssert(
            e -> {
              double x = Math.pow(10, e);
              CLOSE.check("Gamma(1, " + x + ")", -x, IncompleteGamma.logUpper(1, x));
            });
  }

  @Test
  void logUpper_equalsErfcForAOneHalf() {
    // Γ(1/2, x) = √π erfc(√x), DLMF 8.4.6; commons-math's erfc is an independent implementation
    Seeded.qt()
        .forAll(doubles().between(1e-8, 20))
        .checkAssert(
            x ->
                Tolerance.absolute(1e-13)
                    .or(Tolerance.relative(1e-13))
                    .check(
                        "Gamma(1/2, " + x + ")",
                        0.5 * Math.log(Math.PI) + Math.log(Erf.erfc(Math.sqrt(x))),
                        IncompleteGamma.logUpper(0.5, x)));
  }

  @Test
  void logUpper_matchesExponentialIntegralAtZero() {
    // Γ(0, 1) = E1(1) = 0.21938393439552027368 (Abramowitz and Stegun, Table 5.1)
    CLOSE.check("E1(1)", Math.log(0.21938393439552027368), IncompleteGamma.logUpper(0, 1));
  }

  @Test
  void logScaledUpper_satisfiesRecurrence() {
    // Γ(a+1, x) = a Γ(a, x) + x^a e^(−x) (DLMF 8.8.2), in the scaled form R(a, x) = e^x x^(−a) Γ(a,
    // x):
    // x R(a+1, x) = a R(a, x) + 1, across every branch of the implementation
    Seeded.qt()
        .forAll(doubles().between(-60, 30), doubles().between(-6, 3))
        .checkAssert(
            (a, e) -> {
              double x = Math.pow(10, e);
              SeriesPolicy policy = SeriesPolicy.DEFAULT;
              double left = x * Math.exp(IncompleteGamma.logScaledUpper(a + 1, x, policy));
              double part = a * Math.exp(IncompleteGamma.logScaledUpper(a, x, policy));
              // R itself is accurate to about 1e-15 of ln R (plus 1e-14 relative after ~100
              // iterations of
              // the continued fraction), and a R(a) + 1 may cancel
              Tolerance.absolute(2e-15 * (Math.abs(part) + 1) * (10 + Math.abs(Math.log(left))))
                  .check("recurrence a=" + a + " x=" + x, left, part + 1);
            });
  }

  @Test
  void logUpper_isContinuousAcrossBranchBoundaries() {
    for (double a : new double[] {-0.5, -10, 1}) {
      for (double x : new double[] {0.3, 1}) {
        double left = IncompleteGamma.logUpper(Math.nextDown(a), Math.nextDown(x));
        double right = IncompleteGamma.logUpper(Math.nextUp(a), Math.nextUp(x));
        Tolerance.absolute(1e-13).check("boundary a=" + a + " x=" + x, left, right);
      }
    }
    double a = 3.5;
    Tolerance.absolute(1e-13)
        .check(
            "boundary x = a + 1",
            IncompleteGamma.logUpper(a, Math.nextDown(a + 1)),
            IncompleteGamma.logUpper(a, a + 1));
  }

  @Test
  void logUpper_rejectsArgumentsOutsideDomain() {
    assertRejects("a must be finite, was NaN", () -> IncompleteGamma.logUpper(Double.NaN, 1));
    assertRejects("x must be finite and > 0, was 0.0", () -> IncompleteGamma.logUpper(1, 0));
    assertRejects(
        "x must be finite and > 0, was Infinity",
        () -> IncompleteGamma.logUpper(1, Double.POSITIVE_INFINITY));
    assertRejects("policy must not be null", () -> IncompleteGamma.logScaledUpper(1, 1, null));
  }
}
