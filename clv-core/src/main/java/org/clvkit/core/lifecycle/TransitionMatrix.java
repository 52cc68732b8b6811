package org.clvkit.core.lifecycle;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.clvkit.core.Checks;

/**
 * A one-period transition matrix of a Markov chain over lifecycle stages: entry {@code (i, j)} is
 * the probability that a customer in stage {@code i} at the end of one period is in stage {@code j}
 * at the end of the next. Validated on construction: square and non-empty, every entry finite and
 * {@code >= 0}, every row summing to 1 within {@link #ROW_SUM_TOLERANCE}. The entries are kept
 * exactly as given (rows are not renormalised).
 *
 * <p>Immutable, thread-safe and {@link Serializable}; accessors return copies, and the arrays
 * passed in are copied.
 */
public final class TransitionMatrix implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How far from 1 a row's sum may be: 1e-9. */
  public static final double ROW_SUM_TOLERANCE = 1e-9;

  private final int n;
  private final double[] p;

  private TransitionMatrix(int n, double[] p) {
    this.n = n;
    this.p = p;
  }

  /**
   * A validated copy of {@code rows}.
   *
   * @param rows the matrix, {@code rows[i][j] = P(next = j | now = i)}
   * @throws org.clvkit.core.ClvArgumentException naming the row (and column) that breaks a rule,
   *     for example {@code transitionMatrix[2] must sum to 1 within 1.0E-9, was 0.9}
   */
  public static TransitionMatrix of(double[][] rows) {
    String name = "transitionMatrix";
    Checks.notNull(name, rows);
    int n = rows.length;
    if (n == 0) {
      throw Checks.fail("%s must not be empty", name);
    }
    double[] p = new double[n * n];
    for (int i = 0; i < n; i++) {
      String row = Checks.indexed(name, i);
      Checks.notNull(row, rows[i]);
      Checks.sameLength(row, rows[i].length, name, n);
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double v = Checks.nonNegative(row + "[" + j + "]", rows[i][j]);
        p[i * n + j] = v;
        sum += v;
      }
      Checks.sumsToOne(row, sum, ROW_SUM_TOLERANCE);
    }
    return new TransitionMatrix(n, p);
  }

  /** The identity matrix of order {@code n}: every stage absorbing. */
  public static TransitionMatrix identity(int n) {
    Checks.positive("n", n);
    double[] p = new double[n * n];
    for (int i = 0; i < n; i++) {
      p[i * n + i] = 1;
    }
    return new TransitionMatrix(n, p);
  }

  /** The number of stages (rows and columns). */
  public int size() {
    return n;
  }

  /** The probability of moving from stage {@code from} to stage {@code to} in one period. */
  public double get(int from, int to) {
    Checks.index("from", from, n);
    Checks.index("to", to, n);
    return p[from * n + to];
  }

  /** A copy of row {@code from}: the next-period distribution of a customer now in that stage. */
  public double[] row(int from) {
    Checks.index("from", from, n);
    return Arrays.copyOfRange(p, from * n, from * n + n);
  }

  /** A copy of the matrix as rows. */
  public double[][] toArray() {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(p, i * n, i * n + n);
    }
    return rows;
  }

  /**
   * Whether stage {@code i} is absorbing: {@code P(i, i) = 1}, so a customer there never leaves.
   */
  public boolean isAbsorbing(int i) {
    Checks.index("stage", i, n);
    return p[i * n + i] == 1.0;
  }

  /**
   * The {@code k}-period transition matrix {@code P^k} (the identity for {@code k = 0}), by
   * repeated squaring. Its rows sum to 1 up to rounding (about {@code k·n·ε}).
   *
   * @param k number of periods, {@code >= 0}
   */
  public TransitionMatrix power(int k) {
    Checks.nonNegative("k", k);
    double[] result = identity(n).p;
    double[] base = p.clone();
    int e = k;
    while (e > 0) {
      if ((e & 1) != 0) {
        result = multiply(result, base, n);
      }
      e >>= 1;
      if (e > 0) {
        base = multiply(base, base, n);
      }
    }
    return new TransitionMatrix(n, result);
  }

  /** The row-major array itself, for kernels in this package that do not modify it. */
  double[] raw() {
    return p;
  }

  static double[] multiply(double[] a, double[] b, int n) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        if (aik != 0) {
          for (int j = 0; j < n; j++) {
            c[i * n + j] += aik * b[k * n + j];
          }
        }
      }
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransitionMatrix other && other.n == n && Arrays.equals(other.p, p);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(p);
  }

  /** The rows, for example {@code TransitionMatrix[[0.9, 0.1], [0.0, 1.0]]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TransitionMatrix[");
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ", ").append(Arrays.toString(Arrays.copyOfRange(p, i * n, i * n + n)));
    }
    return s.append(']').toString();
  }

  /** Re-validates after deserialization, so a tampered stream cannot build an invalid matrix. */
  private Object readResolve() {
    if (p == null || p.length != n * n) {
      throw new IllegalStateException(
          String.format(Locale.ROOT, "corrupt TransitionMatrix: n = %d", n));
    }
    return of(toArray());
  }
}
