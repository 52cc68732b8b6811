package org.clvkit.models.internal;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Locale;
import org.clvkit.core.ClvConvergenceException;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class HypergeometricTest {

  /** Parameters spread over 1e-3..1e3 on a log scale. */
  private static Gen<Double> parameter() {
    return doubles().between(-3, 3).map(e -> Math.pow(10, e));
  }

  private static double evaluate(ReferenceTable table, int row) {
    double a = table.number(row, "a");
    double b = table.number(row, "b");
    double c = table.number(row, "c");
    double value = table.number(row, "value");
    return table.text(row, "argument").equals("z")
        ? Hypergeometric.log2F1(a, b, c, value)
        : Hypergeometric.log2F1OneMinus(a, b, c, value);
  }

  private static void checkTable(String file) {
    ReferenceTable table = ReferenceTable.load(file);
    Tolerance tolerance = table.tolerance();
    assertTrue(table.size() > 50, file + " has only " + table.size() + " rows");
    for (int row = 0; row < table.size(); row++) {
      String what =
          String.format(
              Locale.ROOT,
              "%s row %d: ln|2F1(%s, %s; %s; %s = %s)|",
              file,
              row,
              table.text(row, "a"),
              table.text(row, "b"),
              table.text(row, "c"),
              table.text(row, "argument"),
              table.text(row, "value"));
      tolerance.check(what, table.number(row, "log_abs"), evaluate(table, row));
      if (table.text(row, "argument").equals("z")) {
        assertEquals(
            table.number(row, "sign"),
            Hypergeometric.sign2F1(
                table.number(row, "a"),
                table.number(row, "b"),
                table.number(row, "c"),
                table.number(row, "value")),
            what + " sign");
      }
    }
  }

  // Reference tables: mpmath at 40-320 digits with an independent series cross-check, see
  // src/test/python/special_functions_reference.py; each table states its tolerance, read from it.

  @Test
  void log2F1_matchesMpmathInEasyRegion() {
    checkTable("hypergeometric_2f1_easy.csv");
  }

  @Test
  void log2F1_matchesMpmathNearOneIncludingIntegerGaps() {
    checkTable("hypergeometric_2f1_near_one.csv");
  }

  @Test
  void log2F1_matchesMpmathForLargeParametersAndModelArguments() {
    checkTable("hypergeometric_2f1_hard.csv");
  }

  // Closed forms (DLMF 15.4.1, 15.4.6)

  @Test
  void log2F1_equalsClosedFormForOneOneTwo() {
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z
    Seeded.qt()
        .forAll(doubles().between(-50, 0.999))
        .checkAssert(
            z -> {
              if (z != 0) {
                double expected = Math.log(-Math.log1p(-z) / z);
                Tolerance.absolute(5e-14)
                    .check("2F1(1,1;2;" + z + ")", expected, Hypergeometric.log2F1(1, 1, 2, z));
              }
            });
  }

  @Test
  void log2F1_equalsPowerWhenCEqualsA() {
    // 2F1(a, b; a; z) = (1 − z)^(−b), DLMF 15.4.6
    Seeded.qt()
        .forAll(parameter(), parameter(), doubles().between(-100, 0.99))
        .checkAssert(
            (a, b, z) ->
                Tolerance.absolute(1e-12)
                    .or(Tolerance.relative(1e-13))
                    .check("c = a", -b * Math.log1p(-z), Hypergeometric.log2F1(a, b, a, z)));
  }

  @Test
  void log2F1_isNearPowerWhenCIsOneUlpAboveA() {
    // The general path (no shortcut) at c = a + ulp stays within the sensitivity to c of the power:
    // for 0 <= z < 1 every term of the series moves by at most a relative (c − a)/c per factor.
    Seeded.qt()
        .forAll(parameter(), parameter(), doubles().between(0, 0.99))
        .checkAssert(
            (a, b, z) -> {
              double c = Math.nextUp(a);
              Tolerance.absolute(1e-12 + 1e-12 * b * Math.abs(Math.log1p(-z)))
                  .check(
                      "c = a + ulp, a=" + a + " b=" + b + " z=" + z,
                      -b * Math.log1p(-z),
                      Hypergeometric.log2F1(a, b, c, z));
            });
  }

  // Identities on random arguments

  @Test
  void log2F1_satisfiesEulerTransformation() {
    // 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c−a, c−b; c; z), DLMF 15.8.1, for c > max(a, b)
    Seeded.qt()
        .forAll(parameter(), parameter(), parameter(), doubles().between(-20, 0.999))
        .checkAssert(
            (a, b, extra, z) -> {
              double c = Math.max(a, b) + extra;
              double left = Hypergeometric.log2F1(a, b, c, z);
              double right =
                  (c - a - b) * Math.log1p(-z) + Hypergeometric.log2F1(c - a, c - b, c, z);
              Tolerance.absolute(1e-10)
                  .or(Tolerance.relative(1e-12))
                  .check("Euler " + a + " " + b + " " + c + " " + z, left, right);
            });
  }

  @Test
  void log2F1_satisfiesPfaffTransformation() {
    // 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c−b; c; z/(z−1)) for z in (0, 1), c > b
    Seeded.qt()
        .forAll(parameter(), parameter(), parameter(), doubles().between(0.001, 0.99))
        .checkAssert(
            (a, b, extra, z) -> {
              double c = b + extra;
              double left = Hypergeometric.log2F1(a, b, c, z);
              double right = -a * Math.log1p(-z) + Hypergeometric.log2F1(a, c - b, c, z / (z - 1));
              Tolerance.absolute(1e-10)
                  .or(Tolerance.relative(1e-12))
                  .check("Pfaff " + a + " " + b + " " + c + " " + z, left, right);
            });
  }

  @Test
  void log2F1_satisfiesContiguousRelationInC() {
    // c(c−1)(z−1) F(c−1) + c[c−1−(2c−a−b−1)z] F(c) + (c−a)(c−b) z F(c+1) = 0, DLMF 15.5.18
    Seeded.qt()
        .forAll(parameter(), parameter(), parameter(), doubles().between(0.01, 0.95))
        .checkAssert(
            (a, b, extra, z) -> {
              double c = Math.max(a, b) + 1 + extra;
              double fm = Hypergeometric.log2F1(a, b, c - 1, z);
              double f0 = Hypergeometric.log2F1(a, b, c, z);
              double fp = Hypergeometric.log2F1(a, b, c + 1, z);
              double t1 = c * (c - 1) * (z - 1) * Math.exp(fm - f0);
              double t2 = c * (c - 1 - (2 * c - a - b - 1) * z);
              double t3 = (c - a) * (c - b) * z * Math.exp(fp - f0);
              double scale = Math.abs(t1) + Math.abs(t2) + Math.abs(t3);
              Tolerance.absolute(1e-11 * scale)
                  .check("contiguous " + a + " " + b + " " + c + " " + z, 0.0, t1 + t2 + t3);
            });
  }

  @Test
  void log2F1OneMinus_agreesWithLog2F1() {
    Seeded.qt()
        .forAll(parameter(), parameter(), parameter(), doubles().between(-1e4, 0.999))
        .checkAssert(
            (a, b, extra, z) -> {
              double c = Math.max(a, b) + extra;
              double w = 1 - z;
              Tolerance.absolute(1e-12)
                  .or(Tolerance.relative(1e-13))
                  .check(
                      "1 - z",
                      Hypergeometric.log2F1(a, b, c, 1 - w),
                      Hypergeometric.log2F1OneMinus(a, b, c, w));
            });
  }

  @Test
  void log2F1_isContinuousAcrossIntegerGapNearOne() {
    // c − a − b = m + e with e → 0 is where the 1 − z transformation has cancelling poles.
    Seeded.qt()
        .forAll(parameter(), parameter(), integers().between(0, 4), doubles().between(-12, -2))
        .checkAssert(
            (a, b, m, logW) -> {
              double w = Math.pow(10, logW);
              double exact = Hypergeometric.log2F1OneMinus(a, b, a + b + m, w);
              double shifted = Hypergeometric.log2F1OneMinus(a, b, a + b + m + 1e-9, w);
              // the derivative in c is at most about (1 + |ln w|) / (c − a − b) relative
              Tolerance.absolute(1e-9 * (1 + Math.abs(Math.log(w))) * (1 + 1.0 / Math.max(m, 1e-9)))
                  .check("gap " + a + " " + b + " " + m + " " + w, exact, shifted);
            });
  }

  // Robustness: the model arguments of the grid never fail and never return NaN or ∞

  @Test
  void log2F1_isFiniteOverParetoNbdGrid() {
    double[] grid = {1e-3, 1e-2, 0.1, 1, 10, 100, 1e3};
    double[] frequencies = {0, 1, 10, 100, 1e3, 1e4};
    double[] times = {0, 0.5, 39, 1e4};
    for (double r : grid) {
      for (double alpha : grid) {
        for (double s : grid) {
          for (double beta : grid) {
            for (double x : frequencies) {
              for (double t : times) {
                double a = r + s + x;
                double b = alpha >= beta ? s + 1 : r + x;
                double w = (Math.min(alpha, beta) + t) / (Math.max(alpha, beta) + t);
                double value = Hypergeometric.log2F1OneMinus(a, b, a + 1, w);
                assertTrue(
                    Double.isFinite(value) && value >= 0,
                    () ->
                        "2F1 not finite for r, alpha, s, beta, x, t = "
                            + r
                            + ", "
                            + alpha
                            + ", "
                            + s
                            + ", "
                            + beta
                            + ", "
                            + x
                            + ", "
                            + t);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void log2F1_isFiniteOverSbgDerlGrid() {
    double[] grid = {1e-3, 1e-2, 0.1, 1, 10, 100, 1e3};
    for (double alpha : grid) {
      for (double beta : grid) {
        for (double n : new double[] {1, 2, 10, 100, 1e4}) {
          for (double d : new double[] {1e-6, 1e-3, 0.01, 0.1, 1, 10}) {
            double value =
                Hypergeometric.log2F1OneMinus(1, beta + n, alpha + beta + n, d / (1 + d));
            assertTrue(
                Double.isFinite(value) && value >= 0,
                () -> "DERL 2F1 not finite for " + alpha + ", " + beta + ", " + n + ", " + d);
          }
        }
      }
    }
  }

  // Sign

  @Test
  void sign2F1_isNegativeWhereTheFunctionIs() {
    // Euler's transformation (DLMF 15.8.1) ends in a polynomial: 2F1(2, 3; 1; z) = (1 − z)^(−4)
    // 2F1(−1, −2; 1; z) = (1 − z)^(−4) (1 + 2z), negative for z < −1/2.
    for (double z : new double[] {-3, -0.7, -0.45, -0.2}) {
      double polynomial = 1 + 2 * z;
      assertEquals(Math.signum(polynomial), Hypergeometric.sign2F1(2, 3, 1, z), "sign at " + z);
      Tolerance.absolute(1e-13)
          .check(
              "value at " + z,
              -4 * Math.log1p(-z) + Math.log(Math.abs(polynomial)),
              Hypergeometric.log2F1(2, 3, 1, z));
    }
    assertEquals(1.0, Hypergeometric.sign2F1(2, 3, 4, -1e5));
    assertEquals(1.0, Hypergeometric.sign2F1(2, 3, 1, 0.5));
  }

  // ln F and its derivatives for c = a + 1 (the Pareto/NBD likelihood's term)

  /**
   * Against mpmath (hyp2f1 at 50 digits and mpmath.diff of its log, confirmed by the 60-digit
   * defining series with analytic derivatives;
   * src/test/python/hypergeometric_derivatives_reference.py), with the table's tolerances: the
   * series branch (z &lt;= 0.9) to 1e-13 relative, or absolute 1e-15 for d/da and otherwise 1e-14
   * times the size of the term Euler's form subtracts (ln F: 1 + |1−b| |ln(1−z)|, d/db: 1 +
   * |ln(1−z)|, d/dz: 1 + |b−1|/(1−z)); beyond it the value to 1e-12 relative or 1e-13 absolute,
   * d/dz (which multiplies the error of ln F by a/z) to 1e-12 relative or 1e-13 (1 + a/z) absolute,
   * and the central differences in a and b to 1e-5 relative or 1e-7 absolute.
   */
  @Test
  void log2F1AndDerivatives_matchesMpmath() {
    ReferenceTable table = ReferenceTable.load("hypergeometric_2f1_derivatives.csv");
    assertTrue(table.size() > 200, "rows " + table.size());
    double[] out = new double[6];
    String[] names = {"log_f", "d_a", "d_b", "d_z"};
    for (int row = 0; row < table.size(); row++) {
      double a = table.number(row, "a");
      double b = table.number(row, "b");
      double z = table.number(row, "z");
      Hypergeometric.log2F1AndDerivatives(a, b, a - b + 1, z, 1 - z, out, 2);
      boolean series = z <= Hypergeometric.DERIVATIVE_SERIES_LIMIT;
      for (int k = 0; k < 4; k++) {
        // Euler's form subtracts (1−b) ln(1−z) from ln F, ln(1−z) in d/db and (b−1)/(1−z) in d/dz
        // from terms of about the same size: their absolute errors scale with those terms.
        double log1mz = -Math.log1p(-z);
        double scale =
            k == 0
                ? 1 + Math.abs(1 - b) * log1mz
                : k == 2 ? 1 + log1mz : k == 3 ? 1 + Math.abs(b - 1) / (1 - z) : 0.1;
        Tolerance tolerance =
            series
                ? Tolerance.relative(1e-13).or(Tolerance.absolute(1e-14 * scale))
                : k == 1 || k == 2
                    ? Tolerance.relative(1e-5).or(Tolerance.absolute(1e-7))
                    : Tolerance.relative(1e-12)
                        .or(Tolerance.absolute(1e-13 * (k == 0 ? 1 : 1 + a / z)));
        tolerance.check(
            String.format(Locale.ROOT, "%s of 2F1(%s, %s; a+1; %s)", names[k], a, b, z),
            table.number(row, names[k]),
            out[2 + k]);
      }
    }
  }

  /** The value written is the one {@link Hypergeometric#log2F1} gives, on both branches. */
  @Test
  void log2F1AndDerivatives_valueAgreesWithLog2F1() {
    double[] out = new double[4];
    Seeded.qt(500)
        .forAll(parameter(), parameter(), doubles().between(0, 0.999))
        .assuming((a, b, z) -> a - b + 1 > 0)
        .checkAssert(
            (a, b, z) -> {
              Hypergeometric.log2F1AndDerivatives(a, b, a - b + 1, z, 1 - z, out, 0);
              Tolerance.relative(1e-13)
                  .or(Tolerance.absolute(1e-14))
                  .check(
                      "ln 2F1(" + a + ", " + b + "; a+1; " + z + ")",
                      Hypergeometric.log2F1(a, b, a + 1, z),
                      out[0]);
            });
  }

  @Test
  void log2F1AndDerivatives_rejectsArgumentsOutsideDomain() {
    double[] out = new double[4];
    assertRejects(
        "a must be finite and > 0, was 0.0",
        () -> Hypergeometric.log2F1AndDerivatives(0, 1, 0.5, 0.5, 0.5, out, 0));
    assertRejects(
        "b must be finite and > 0, was Infinity",
        () ->
            Hypergeometric.log2F1AndDerivatives(
                1, Double.POSITIVE_INFINITY, 0.5, 0.5, 0.5, out, 0));
    assertRejects(
        "gap must be finite and > 0, was 0.0",
        () -> Hypergeometric.log2F1AndDerivatives(2, 3, 0.0, 0.5, 0.5, out, 0));
    assertRejects(
        "z must be in [0.0, 1.0], was -0.1",
        () -> Hypergeometric.log2F1AndDerivatives(1, 1, 1, -0.1, 1.1, out, 0));
    assertRejects(
        "z must be finite and < 1.0, was 1.0",
        () -> Hypergeometric.log2F1AndDerivatives(1, 1, 1, 1.0, 1e-3, out, 0));
    assertRejects(
        "oneMinusZ must be finite and > 0, was 0.0",
        () -> Hypergeometric.log2F1AndDerivatives(1, 1, 1, 0.5, 0.0, out, 0));
    assertRejects(
        "oneMinusZ = 1.5 must be <= 1 = 1.0",
        () -> Hypergeometric.log2F1AndDerivatives(1, 1, 1, 0.5, 1.5, out, 0));
  }

  // Errors

  @Test
  void log2F1_rejectsArgumentsOutsideDomain() {
    assertRejects("a must be finite and > 0, was -1.0", () -> Hypergeometric.log2F1(-1, 1, 1, 0.5));
    assertRejects("b must be finite and > 0, was 0.0", () -> Hypergeometric.log2F1(1, 0, 1, 0.5));
    assertRejects(
        "c must be finite and > 0, was NaN", () -> Hypergeometric.log2F1(1, 1, Double.NaN, 0.5));
    assertRejects("z must be finite and < 1.0, was 1.0", () -> Hypergeometric.log2F1(1, 1, 2, 1.0));
    assertRejects(
        "z must be finite and < 1.0, was -Infinity",
        () -> Hypergeometric.log2F1(1, 1, 2, Double.NEGATIVE_INFINITY));
    assertRejects(
        "oneMinusZ must be finite and > 0, was 0.0",
        () -> Hypergeometric.log2F1OneMinus(1, 1, 2, 0.0));
    assertRejects("policy must not be null", () -> Hypergeometric.log2F1(1, 1, 2, 0.5, null));
    assertRejects(
        "z must be finite and < 1.0, was 2.0", () -> Hypergeometric.sign2F1(1, 1, 2, 2.0));
  }

  @Test
  void log2F1_throwsWithArgumentsWhenItCannotConverge() {
    SeriesPolicy tight = new SeriesPolicy(1e-16, 5);
    ArithmeticException e =
        assertThrows(
            ArithmeticException.class, () -> Hypergeometric.log2F1(10, 20, 40, 0.999, tight));
    assertEquals(
        "2F1(a, b; c; z) could not reach relative precision 1.0E-16 within 5 terms for a = 10.0, "
            + "b = 20.0, c = 40.0, z = 0.999 (1 - z = 0.0010000000000000009)",
        e.getMessage());
  }

  @Test
  void log2F1TiedOneMinus_paretoNbdCornerBeyondEverySeries_matchesMpmath() {
    // Issue 12, part 4: a = r+s+x near 1e6, b = s+1, 1 − z near 1e-5 (r = s = 0.001, α = 1e4,
    // β = 0.1): every series exceeded its cap. Reference: paretonbd_corner.csv, mpmath.hyp2f1.
    ReferenceTable table = ReferenceTable.load("paretonbd_corner.csv");
    for (int i = 0; i < table.size(); i++) {
      double a = 0.001 + 0.001 + table.number(i, "frequency");
      double t = table.number(i, "recency");
      double oneMinusZ = (0.1 + t) / (1e4 + t);
      Tolerance.relative(1e-11)
          .check(
              "ln 2F1(" + a + ", 1.001; a+1; 1 - " + oneMinusZ + ")",
              table.number(i, "log2F1"),
              Hypergeometric.log2F1TiedOneMinus(a, 1.001, oneMinusZ));
    }
  }

  /**
   * Issue 12, part 4: where the series exceed their cap (b = 1e200) and Euler's integral underflows
   * to 0 at every node (its ln would be −∞, not the ln F &gt;= 0 it stands for), the library's own
   * exception names the arguments and carries the series' failure, instead of a raw
   * ArithmeticException or a silent −∞.
   */
  @Test
  void log2F1TiedOneMinus_whereNeitherTheSeriesNorTheIntegralConvergesNamesTheArguments() {
    ClvConvergenceException e =
        assertThrows(
            ClvConvergenceException.class,
            () -> Hypergeometric.log2F1TiedOneMinus(1e6, 1e200, 1e-5));
    assertEquals(
        "2F1(a, b; a+1; z) did not converge by its series or by Euler's integral for a = 1000000.0,"
            + " b = 1.0E200, z = 0.99999 (1 - z = 1.0E-5)",
        e.getMessage());
    assertEquals(
        "2F1(a, b; c; z) could not reach relative precision 1.0E-16 within 500000 terms for a ="
            + " 1000000.0, b = 1.0E200, c = 1000001.0, z = 0.99999 (1 - z = 1.0E-5)",
        e.getCause().getMessage());
    assertTrue(e instanceof ArithmeticException, "callers catching ArithmeticException still do");
  }

  /** The series' own failure is the library's exception too, naming a, b, c and z. */
  @Test
  void log2F1OneMinus_beyondItsIterationCapThrowsTheLibrarysException() {
    ClvConvergenceException e =
        assertThrows(
            ClvConvergenceException.class, () -> Hypergeometric.log2F1OneMinus(1, 1e300, 2, 0.5));
    assertEquals(
        "2F1(a, b; c; z) could not reach relative precision 1.0E-16 within 500000 terms for a = 1.0,"
            + " b = 1.0E300, c = 2.0, z = 0.5 (1 - z = 0.5)",
        e.getMessage());
  }
}
