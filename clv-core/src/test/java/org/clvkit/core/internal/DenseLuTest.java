package org.clvkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class DenseLuTest {

  @Test
  void solve_handCheckedSystemNeedingPivoting() {
    // 2u + v + w = 5, 4u - 6v = -2, -2u + 7v + 2w = 9 (a textbook example of Strang's) has the
    // solution (1, 1, 2), checked by substitution; partial pivoting swaps rows 0 and 1 here, and
    // the zero in a[0][0] of the second system cannot be a pivot at all.
    double[] a = {2, 1, 1, 4, -6, 0, -2, 7, 2};
    double[] x = DenseLu.factor(a, 3).solve(new double[] {5, -2, 9});
    Tolerance tol = Tolerance.absolute(1e-14);
    tol.check("u", 1, x[0]);
    tol.check("v", 1, x[1]);
    tol.check("w", 2, x[2]);
    double[] swap = DenseLu.factor(new double[] {0, 1, 1, 0}, 2).solve(new double[] {3, 4});
    assertEquals(4.0, swap[0]);
    assertEquals(3.0, swap[1]);
  }

  @Test
  void solve_smallResidualOnRandomSystems() {
    Seeded.qt(100)
        .forAll(integers().between(1, 30), longs().all())
        .checkAssert(
            (n, seed) -> {
              SplittableRandom random = new SplittableRandom(seed);
              double[] a = new double[n * n];
              double[] b = new double[n];
              for (int i = 0; i < a.length; i++) {
                a[i] = random.nextDouble(-1, 1);
              }
              for (int i = 0; i < n; i++) {
                b[i] = random.nextDouble(-1, 1);
              }
              DenseLu lu = DenseLu.factor(a, n);
              if (lu.isSingular()) {
                return;
              }
              double[] x = lu.solve(b);
              // Backward stability of partial pivoting (Golub and Van Loan, Theorem 3.4.2): the
              // residual is a modest multiple of n·ε·‖A‖·‖x‖.
              double normA = 0;
              double normX = 0;
              for (double v : a) {
                normA = Math.max(normA, Math.abs(v));
              }
              for (double v : x) {
                normX = Math.max(normX, Math.abs(v));
              }
              for (int i = 0; i < n; i++) {
                double r = -b[i];
                for (int j = 0; j < n; j++) {
                  r += a[i * n + j] * x[j];
                }
                double bound = 64.0 * n * n * Math.ulp(1.0) * (normA * normX * n + 1);
                assertTrue(Math.abs(r) <= bound, "residual " + r + " > " + bound);
              }
            });
  }

  @Test
  void inverse_timesMatrixIsIdentity() {
    double[] a = {4, -2, 1, 3, 6, -4, 2, 1, 8};
    double[] inv = DenseLu.factor(a, 3).inverse();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += a[i * 3 + k] * inv[k * 3 + j];
        }
        Tolerance.absolute(1e-15).check("(A·A⁻¹)[" + i + "][" + j + "]", i == j ? 1 : 0, s);
      }
    }
  }

  @Test
  void factor_flagsSingularMatrices() {
    DenseLu rankOne = DenseLu.factor(new double[] {1, 2, 2, 4}, 2);
    assertTrue(rankOne.isSingular());
    assertThrows(IllegalStateException.class, () -> rankOne.solve(new double[] {1, 1}));
    assertTrue(DenseLu.factor(new double[4], 2).isSingular());
    assertFalse(DenseLu.factor(new double[] {1e-300, 0, 0, 1e-300}, 2).isSingular());
  }

  @Test
  void solve_inPlace() {
    double[] b = {5, -2, 9};
    DenseLu.factor(new double[] {2, 1, 1, 4, -6, 0, -2, 7, 2}, 3).solve(b, b);
    Tolerance.absolute(1e-14).check("w", 2, b[2]);
  }
}
