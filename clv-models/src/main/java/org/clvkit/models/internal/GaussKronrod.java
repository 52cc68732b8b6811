package org.clvkit.models.internal;

import java.util.Locale;
import org.clvkit.core.ClvConvergenceException;

/**
 * Adaptive Gauss–Kronrod quadrature on a finite interval: the 7-point Gauss and 15-point Kronrod
 * rules (G7-K15, the nodes and weights of QUADPACK's {@code qk15}; Piessens, de Doncker-Kapenga,
 * Überhuber &amp; Kahaner 1983), with globally adaptive bisection of the subinterval whose error
 * estimate is largest, as QUADPACK's {@code qag} does. Not API.
 *
 * <p>On each subinterval the K15 value is the estimate and |K15 − G7| the error estimate (the plain
 * difference, not QUADPACK's (200·|K15 − G7|/I)^1.5 scaling, so the estimate is conservative for
 * smooth integrands). Integration stops when the summed error estimate is at most {@code
 * max(absoluteTolerance, relativeTolerance · |I|, 50 ε Σ|I_i|)}; after {@link #MAX_INTERVALS}
 * subintervals it throws {@link ArithmeticException} with the interval, the value and the error
 * reached (a divergent or non-integrable integrand).
 *
 * <p>The integrand may be vector-valued ({@link Integrand}, for a likelihood together with its
 * derivatives): all components share one subdivision, driven by the error of component 0. A {@link
 * Workspace} holds the subintervals and is reused between calls, so that a kernel allocates nothing
 * per customer; it is not thread-safe.
 */
public final class GaussKronrod {
  /**
   * The rounding floor of the error criterion, 50 ε times Σ|I_i| (QUADPACK's limit of attainable
   * accuracy): a tolerance below it is met once the estimate reaches it.
   */
  static final double ROUNDING = 50 * Math.ulp(1.0);

  /** Most subintervals before giving up. */
  public static final int MAX_INTERVALS = 500;

  /** Kronrod nodes in (0, 1]: xgk[1], xgk[3], xgk[5] are the Gauss nodes, xgk[7] = 0. */
  private static final double[] XGK = {
    0.991455371120812639206854697526329,
    0.949107912342758524526189684047851,
    0.864864423359769072789712788640926,
    0.741531185599394439863864773280788,
    0.586087235467691130294144845693013,
    0.405845151377397166906606412076961,
    0.207784955007898467600689403773245,
    0.0
  };

  /** Kronrod weights for XGK. */
  private static final double[] WGK = {
    0.022935322010529224963732008058970,
    0.063092092629978553290700663189204,
    0.104790010322250183839876322541518,
    0.140653259715525918745189590510238,
    0.169004726639267902826583426598550,
    0.190350578064785409913256402421014,
    0.204432940075298892414161999234649,
    0.209482141084727828012999174891714
  };

  /** Gauss weights for XGK[1], XGK[3], XGK[5], XGK[7]. */
  private static final double[] WG = {
    0.129484966168869693270611432679082,
    0.279705391489276667901467771423780,
    0.381830050505118944950369775488975,
    0.417959183673469387755102040816327
  };

  private GaussKronrod() {}

  /** A scalar integrand. */
  @FunctionalInterface
  public interface Function {
    /** The integrand at {@code x}. */
    double value(double x);
  }

  /** A vector-valued integrand of a fixed dimension. */
  @FunctionalInterface
  public interface Integrand {
    /**
     * Writes the integrand's components at {@code x} into {@code out[0 .. dimension)}.
     *
     * @param x the point
     * @param out receives the components; modified
     */
    void evaluate(double x, double[] out);
  }

  /**
   * Integrates a scalar function over [a, b] with a fresh workspace.
   *
   * @param f the integrand, finite on (a, b)
   * @param a lower limit, finite
   * @param b upper limit, finite (b &lt; a gives the negative)
   * @param relativeTolerance wanted relative error, &gt;= 0
   * @param absoluteTolerance wanted absolute error, &gt;= 0 (not both 0)
   * @return the integral
   * @throws ArithmeticException when the tolerance is not reached within {@link #MAX_INTERVALS}
   */
  public static double integrate(
      Function f, double a, double b, double relativeTolerance, double absoluteTolerance) {
    Workspace w = new Workspace(1);
    double[] out = new double[1];
    w.integrate((x, o) -> o[0] = f.value(x), a, b, relativeTolerance, absoluteTolerance, out);
    return out[0];
  }

  /** Subintervals and scratch space for integrands of one dimension; reusable, not thread-safe. */
  public static final class Workspace {
    private final int dimension;
    private final double[] lower = new double[MAX_INTERVALS];
    private final double[] upper = new double[MAX_INTERVALS];
    private final double[] error = new double[MAX_INTERVALS];

    /** Component k of subinterval i at {@code values[i * dimension + k]}. */
    private final double[] values;

    private final double[] kronrod;
    private final double[] gauss;
    private final double[] point;
    private double lastError;
    private int lastIntervals;

    /**
     * A workspace for integrands with {@code dimension} components.
     *
     * @param dimension number of components, &gt; 0
     */
    public Workspace(int dimension) {
      if (dimension <= 0) {
        throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
      }
      this.dimension = dimension;
      this.values = new double[MAX_INTERVALS * dimension];
      this.kronrod = new double[dimension];
      this.gauss = new double[dimension];
      this.point = new double[dimension];
    }

    /** The error estimate of component 0 of the last integration. */
    public double error() {
      return lastError;
    }

    /** The number of subintervals the last integration used. */
    public int intervals() {
      return lastIntervals;
    }

    /**
     * Integrates each component of {@code f} over [a, b] on one adaptive subdivision driven by the
     * error of component 0.
     *
     * @param f the integrand
     * @param a lower limit, finite
     * @param b upper limit, finite
     * @param relativeTolerance wanted relative error of component 0, &gt;= 0
     * @param absoluteTolerance wanted absolute error of component 0, &gt;= 0
     * @param out receives the integrals in {@code out[0 .. dimension)}; modified
     * @throws ArithmeticException when the tolerance is not reached within {@link #MAX_INTERVALS}
     *     subintervals, or the integrand is not finite at a node
     */
    public void integrate(
        Integrand f,
        double a,
        double b,
        double relativeTolerance,
        double absoluteTolerance,
        double[] out) {
      if (!(Double.isFinite(a) && Double.isFinite(b))) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "integration limits must be finite, were %s and %s", a, b));
      }
      int n = 1;
      lower[0] = a;
      upper[0] = b;
      error[0] = rule(f, a, b, 0);
      while (true) {
        double total = 0;
        double magnitude = 0;
        double totalError = 0;
        int worst = 0;
        for (int i = 0; i < n; i++) {
          total += values[i * dimension];
          magnitude += Math.abs(values[i * dimension]);
          totalError += error[i];
          if (error[i] > error[worst]) {
            worst = i;
          }
        }
        if (!(Double.isFinite(total) && Double.isFinite(totalError))) {
          throw new ClvConvergenceException(
              String.format(
                  Locale.ROOT,
                  "integrand is not finite on [%s, %s] (value %s, error %s)",
                  a,
                  b,
                  total,
                  totalError));
        }
        double wanted = Math.max(absoluteTolerance, relativeTolerance * Math.abs(total));
        if (totalError <= Math.max(wanted, ROUNDING * magnitude) || error[worst] == 0) {
          for (int k = 0; k < dimension; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
              sum += values[i * dimension + k];
            }
            out[k] = sum;
          }
          lastError = totalError;
          lastIntervals = n;
          return;
        }
        if (n == MAX_INTERVALS) {
          throw new ClvConvergenceException(
              String.format(
                  Locale.ROOT,
                  "Gauss-Kronrod quadrature did not converge on [%s, %s] in %d subintervals:"
                      + " value %s, error estimate %s",
                  a,
                  b,
                  MAX_INTERVALS,
                  total,
                  totalError));
        }
        // Bisect the worst subinterval: its left half replaces it, its right half is appended.
        double lo = lower[worst];
        double hi = upper[worst];
        double mid = 0.5 * (lo + hi);
        if (mid == lo || mid == hi) {
          error[worst] = 0; // cannot be split further in double precision
          continue;
        }
        upper[worst] = mid;
        error[worst] = rule(f, lo, mid, worst * dimension);
        lower[n] = mid;
        upper[n] = hi;
        error[n] = rule(f, mid, hi, n * dimension);
        n++;
      }
    }

    /** K15 on [lo, hi] into {@code values[at ..]}; returns |K15 − G7| of component 0. */
    private double rule(Integrand f, double lo, double hi, int at) {
      double center = 0.5 * (lo + hi);
      double half = 0.5 * (hi - lo);
      f.evaluate(center, point);
      for (int k = 0; k < dimension; k++) {
        kronrod[k] = WGK[7] * point[k];
        gauss[k] = WG[3] * point[k];
      }
      for (int j = 0; j < 7; j++) {
        double dx = half * XGK[j];
        for (int side = -1; side <= 1; side += 2) {
          f.evaluate(center + side * dx, point);
          for (int k = 0; k < dimension; k++) {
            kronrod[k] += WGK[j] * point[k];
            if ((j & 1) == 1) {
              gauss[k] += WG[j >> 1] * point[k];
            }
          }
        }
      }
      for (int k = 0; k < dimension; k++) {
        values[at + k] = kronrod[k] * half;
      }
      return Math.abs((kronrod[0] - gauss[0]) * half);
    }
  }
}
