package org.clvkit.core.internal;

import java.util.Arrays;
import org.clvkit.core.Checks;

/**
 * LU factorisation with partial (row) pivoting of a small dense square matrix, {@code PA = LU},
 * with solves and the inverse. Meant for the few dozen states of a Markov chain (O(n³) work, O(n²)
 * memory); not API.
 *
 * <p>Algorithm: Gaussian elimination with partial pivoting in outer-product (kji) form, Golub and
 * Van Loan, <i>Matrix Computations</i>, 4th ed. (2013), Algorithm 3.4.1; the solves are the forward
 * and back substitutions of their Algorithms 3.1.1 and 3.1.2, applied after the row interchanges.
 * {@code L} (unit lower triangular, diagonal not stored) and {@code U} share one row-major array.
 *
 * <p>The factorisation is declared singular when a pivot's magnitude is at most {@code n · ε ·
 * max|a_ij|} (ε the machine epsilon, 2⁻⁵²); callers check {@link #isSingular()} and report the
 * problem in their own terms. Instances are immutable once built.
 */
public final class DenseLu {
  private final int n;
  private final double[] lu;
  private final int[] pivot;
  private final boolean singular;

  private DenseLu(int n, double[] lu, int[] pivot, boolean singular) {
    this.n = n;
    this.lu = lu;
    this.pivot = pivot;
    this.singular = singular;
  }

  /**
   * Factors the {@code n × n} matrix stored row-major in {@code a} (not modified).
   *
   * @param a the matrix, row-major, length {@code n * n}
   * @param n the order, {@code > 0}
   * @return the factorisation; check {@link #isSingular()} before solving
   */
  public static DenseLu factor(double[] a, int n) {
    Checks.positive("n", n);
    Checks.notNull("a", a);
    Checks.sameLength("a", a.length, "n * n", n * n);
    double[] lu = a.clone();
    int[] pivot = new int[n];
    double scale = 0;
    for (double v : lu) {
      scale = Math.max(scale, Math.abs(v));
    }
    double tiny = n * Math.ulp(1.0) * scale;
    boolean singular = !(scale > 0);
    for (int k = 0; k < n; k++) {
      int p = k;
      double max = Math.abs(lu[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(lu[i * n + k]);
        if (v > max) {
          max = v;
          p = i;
        }
      }
      pivot[k] = p;
      if (p != k) {
        for (int j = 0; j < n; j++) {
          double t = lu[k * n + j];
          lu[k * n + j] = lu[p * n + j];
          lu[p * n + j] = t;
        }
      }
      if (!(max > tiny)) {
        singular = true;
        continue;
      }
      double inv = 1.0 / lu[k * n + k];
      for (int i = k + 1; i < n; i++) {
        double l = lu[i * n + k] * inv;
        lu[i * n + k] = l;
        if (l != 0) {
          for (int j = k + 1; j < n; j++) {
            lu[i * n + j] -= l * lu[k * n + j];
          }
        }
      }
    }
    return new DenseLu(n, lu, pivot, singular);
  }

  /** The order of the matrix. */
  public int size() {
    return n;
  }

  /** Whether a pivot fell below {@code n · ε · max|a_ij|}; solving is then refused. */
  public boolean isSingular() {
    return singular;
  }

  /**
   * Solves {@code A x = b}.
   *
   * @param b right-hand side, length n (not modified)
   * @param x solution, length n; may be the same array as {@code b}. Modified.
   * @throws IllegalStateException when the matrix is singular
   */
  public void solve(double[] b, double[] x) {
    if (singular) {
      throw new IllegalStateException("matrix is singular");
    }
    if (x != b) {
      System.arraycopy(b, 0, x, 0, n);
    }
    for (int k = 0; k < n; k++) {
      int p = pivot[k];
      if (p != k) {
        double t = x[k];
        x[k] = x[p];
        x[p] = t;
      }
    }
    for (int i = 1; i < n; i++) {
      double s = x[i];
      for (int j = 0; j < i; j++) {
        s -= lu[i * n + j] * x[j];
      }
      x[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = x[i];
      for (int j = i + 1; j < n; j++) {
        s -= lu[i * n + j] * x[j];
      }
      x[i] = s / lu[i * n + i];
    }
  }

  /** Solves {@code A x = b} into a new array. */
  public double[] solve(double[] b) {
    double[] x = new double[n];
    solve(b, x);
    return x;
  }

  /**
   * The inverse of {@code A}, row-major, solved column by column.
   *
   * @throws IllegalStateException when the matrix is singular
   */
  public double[] inverse() {
    double[] inv = new double[n * n];
    double[] column = new double[n];
    for (int j = 0; j < n; j++) {
      Arrays.fill(column, 0);
      column[j] = 1;
      solve(column, column);
      for (int i = 0; i < n; i++) {
        inv[i * n + j] = column[i];
      }
    }
    return inv;
  }
}
