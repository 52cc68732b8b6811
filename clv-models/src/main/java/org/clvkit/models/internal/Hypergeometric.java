package org.clvkit.models.internal;

import java.util.Locale;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.Checks;
import org.clvkit.core.ClvConvergenceException;

/**
 * The Gauss hypergeometric function {@code 2F1(a, b; c; z) = Σ_n (a)_n (b)_n / ((c)_n n!) z^n} in
 * log form, for real {@code a, b, c > 0} and {@code z < 1}. Not API.
 *
 * <h2>Where the models use it</h2>
 *
 * <ul>
 *   <li>Pareto/NBD likelihood, P(alive) and conditional expectations (Fader, Hardie and Lee 2005,
 *       "A note on deriving the Pareto/NBD model and related expressions"): {@code 2F1(r+s+x, s+1;
 *       r+s+x+1; (α−β)/(α+t))} when α ≥ β and {@code 2F1(r+s+x, r+x; r+s+x+1; (β−α)/(β+t))} when α
 *       &lt; β, so that {@code 0 <= z < 1}; pass {@code 1 − z = (β+t)/(α+t)} (or {@code
 *       (α+t)/(β+t)}) to {@link #log2F1OneMinus} when it can be near 0.
 *   <li>The Pareto/NBD probability of x purchases (Fader and Hardie 2006, note 012): {@code
 *       2F1(r+s+i, s+1; r+s+x+1; z)}.
 *   <li>sBG discounted expected residual lifetime (Fader and Hardie 2010, "Customer-base valuation
 *       in a contractual setting: the perils of ignoring heterogeneity", Marketing Science 29):
 *       {@code 2F1(1, β+n; α+β+n; 1/(1+d))}, with {@code 1 − z = d/(1+d)}.
 * </ul>
 *
 * <h2>Method</h2>
 *
 * Every evaluation works on positive-term series where it can, and picks by an estimate of the
 * number of terms the cheapest of:
 *
 * <ol>
 *   <li>the defining series in {@code z};
 *   <li>Euler's transformation {@code 2F1(a, b; c; z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z)} (DLMF
 *       15.8.1), whose terms are positive when {@code c > max(a, b)};
 *   <li>near {@code z = 1}, the transformation to {@code 1 − z} (DLMF 15.8.4 and its limit 15.8.10)
 *       in the form of Forrey (1997) and Michel and Stoitsov (2008, Comput. Phys. Commun. 178,
 *       535), which cancels the poles of its two terms analytically when {@code c − a − b} is at or
 *       near an integer (applied to Euler's form when {@code c < a + b}, whose parameters may then
 *       be negative);
 *   <li>when one parameter is 1, directly or after Euler's transformation (so for {@code c = a +
 *       1}, the Pareto/NBD case, and for the sBG case), Gauss's continued fraction, evaluated as
 *       the incomplete-beta continued fraction (DLMF 8.17.22) by the modified Lentz method; it is
 *       fast exactly where the series in {@code 1 − z} is slow (large parameter times {@code 1 −
 *       z}).
 * </ol>
 *
 * For {@code z < 0}, Pfaff's transformation {@code 2F1(a, b; c; z) = (1−z)^(−a) 2F1(a, c−b; c;
 * z/(z−1))} (DLMF 15.8.1) maps to {@code 0 < z/(z−1) < 1} with positive terms when {@code c > b}
 * (or the symmetric form when {@code c > a}); large negative {@code z} lands near 1 and is handled
 * as above. When {@code c <= min(a, b)} and {@code z < 0} (the only case where 2F1 can be
 * negative), the Pfaff forms with their one non-positive parameter and the alternating defining
 * series are summed with their signs. A method whose rounding or cancellation error estimate
 * exceeds about 1e-13 (three digits lost) is abandoned for the next one. All series are rescaled as
 * they grow, so {@code ln 2F1} is finite even where {@code 2F1} overflows. Terms are bounded by
 * {@link SeriesPolicy#maxIterations()}; no allocation.
 *
 * <h2>Domain, accuracy and cost</h2>
 *
 * {@code a, b, c} finite and &gt; 0, {@code z < 1} finite. The value is positive whenever {@code z
 * >= 0} or {@code c > min(a, b)}; otherwise it can be negative, and {@link #log2F1} returns {@code
 * ln |2F1|} with the sign from {@link #sign2F1}.
 *
 * <p>Tested against high-precision values (tables in {@code src/test/resources/reference/}, each
 * value confirmed by two independent 40+-digit evaluations): every Pareto/NBD likelihood and sBG
 * DERL argument of the robustness grid (r, α, s, β from 1e-3 to 1e3, frequency up to 1e4, times up
 * to 1e4, discount rates 1e-6 to 10), and in general {@code a, b <= 1.2e4}, {@code c > max(a, b)},
 * {@code 1e-12 <= 1 − z <= 1e6}, except where both {@code a} and {@code b} exceed 25 and {@code 1 −
 * z < 0.05} (or {@code 1/(1 − z) < 0.05}). Measured error of {@code ln 2F1}: below 1e-13 for
 * moderate arguments, below 1e-12 near {@code z = 1}, below 2e-11 with parameters near 1e4 (where
 * the logarithm itself is of order 1e5).
 *
 * <p>In the excepted corner (two large parameters very near {@code z = 1}; for the Pareto/NBD only
 * the probability of x purchases with s and x above a few hundred and α/β beyond 1e4) and for
 * {@code c <= max(a, b)} near 1 the evaluation usually succeeds, but may exhaust the policy's
 * iteration cap (taking milliseconds) and then throws a {@link ClvConvergenceException} naming the
 * arguments. Every method checks its own rounding and cancellation and gives way to the next rather
 * than return a value it cannot vouch for; so does a value at or next to a zero of the function.
 *
 * <p>Cost: about 40 terms or fewer and well under 100 ns for the CDNOW-sized Pareto/NBD arguments
 * (measured 84 ns per call, argument checks included, on a loaded 2-core machine); a few
 * microseconds for the worst arguments of the model grids.
 */
public final class Hypergeometric {
  /** Series sums are rescaled by this factor when they pass it, to keep the sum finite. */
  private static final double BIG = 0x1p900;

  private static final double LOG_BIG = Math.log(BIG);

  /** Largest accepted ratio of Σ|terms| to |Σ terms|: at most three digits lost to cancellation. */
  private static final double LOSS_LIMIT = 1e3;

  /** The unit roundoff of double arithmetic. */
  private static final double ROUNDING = 0x1p-53;

  /** Largest accepted estimate of the relative rounding error of the series near z = 1. */
  private static final double ACCEPTED_ERROR = 1e-13;

  /** The fixed cost, in terms, of the transformation near z = 1 (log-gamma differences, exp). */
  private static final double NEAR_ONE_OVERHEAD = 30;

  /** Length of the probe of the series in z made before an expensive method. */
  private static final int PROBE = 60;

  /** The continued fraction is tried only when its estimated cost is below this. */
  private static final double FRACTION_MAX_ESTIMATE = 400;

  /** Iteration cap of the continued fraction, whose rounding error grows with its length. */
  private static final int FRACTION_CAP = 1_000;

  /**
   * Convergence test of the continued fraction: a factor within two units of the last place of 1.
   */
  private static final double FRACTION_EPSILON = 0x1p-51;

  private static final int DIRECT = 0;
  private static final int EULER = 1;
  private static final int NEAR_ONE = 2;
  private static final int FRACTION = 3;

  private Hypergeometric() {}

  /**
   * Returns {@code ln |2F1(a, b; c; z)|} under {@link SeriesPolicy#DEFAULT}.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param c finite and &gt; 0
   * @param z finite and &lt; 1
   * @return the log of the absolute value; the value itself is positive when {@code z >= 0} or
   *     {@code c > min(a, b)}
   * @throws org.clvkit.core.ClvArgumentException if an argument is outside the domain
   * @throws ArithmeticException if the evaluation cannot converge under the policy
   */
  public static double log2F1(double a, double b, double c, double z) {
    return log2F1(a, b, c, z, SeriesPolicy.DEFAULT);
  }

  /**
   * Returns {@code ln |2F1(a, b; c; z)|} under the given policy; see {@link #log2F1(double, double,
   * double, double)}.
   *
   * @param policy the convergence policy, not null
   */
  public static double log2F1(double a, double b, double c, double z, SeriesPolicy policy) {
    checkParameters(a, b, c);
    Checks.lessThan("z", z, 1.0);
    Checks.notNull("policy", policy);
    return evaluate(a, b, c, z, 1.0 - z, policy, false);
  }

  /**
   * Returns {@code ln |2F1(a, b; c; 1 − oneMinusZ)|} under {@link SeriesPolicy#DEFAULT}. Near
   * {@code z = 1} the function depends on {@code 1 − z} to the power {@code c − a − b}, so a caller
   * that knows {@code 1 − z} accurately (for the Pareto/NBD, {@code (β + t)/(α + t)}; for the sBG,
   * {@code d/(1+d)}) should pass it here rather than a rounded {@code z}.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param c finite and &gt; 0
   * @param oneMinusZ {@code 1 − z}, finite and &gt; 0
   * @return the log of the absolute value
   * @throws org.clvkit.core.ClvArgumentException if an argument is outside the domain
   * @throws ArithmeticException if the evaluation cannot converge under the policy
   */
  public static double log2F1OneMinus(double a, double b, double c, double oneMinusZ) {
    return log2F1OneMinus(a, b, c, oneMinusZ, SeriesPolicy.DEFAULT);
  }

  /**
   * Returns {@code ln |2F1(a, b; c; 1 − oneMinusZ)|} under the given policy; see {@link
   * #log2F1OneMinus(double, double, double, double)}.
   *
   * @param policy the convergence policy, not null
   */
  public static double log2F1OneMinus(
      double a, double b, double c, double oneMinusZ, SeriesPolicy policy) {
    checkParameters(a, b, c);
    Checks.positive("oneMinusZ", oneMinusZ);
    Checks.notNull("policy", policy);
    return evaluate(a, b, c, 1.0 - oneMinusZ, oneMinusZ, policy, false);
  }

  /**
   * Returns {@code ln 2F1(a, b; a+1; 1 − oneMinusZ)} (c tied to a + 1, the Pareto/NBD case): {@link
   * #log2F1OneMinus} where it converges, and otherwise Euler's integral (DLMF 15.6.1) {@code 2F1(a,
   * b; a+1; z) = a ∫_0^1 u^(a−1) (1 − z u)^(−b) du}, which with {@code u = e^(−v/a)} and {@code w =
   * 1 − z} becomes
   *
   * <pre>
   * 2F1(a, b; a+1; z) = w^(−b) ∫_0^∞ e^(−v) (1 − z·expm1(−v/a)/w)^(−b) dv,
   * </pre>
   *
   * an integrand in (0, 1], decreasing, without cancellation, smooth on the scale a·w/(z·b) of v.
   * It is integrated over [0, 40] by {@link GaussKronrod} to a relative 1e-14; since the integrand
   * is e^(−v) times a decreasing factor g, the neglected tail is at most e^(−40)/(1 − e^(−40)),
   * 4e-18, of the integral. This reaches the corner where every series needs more terms than the
   * policy allows: a parameter a near 1e6 with {@code a·w} of order 10 (for example the Pareto/NBD
   * with r = s = 0.001, α = 1e4, β = 0.1 and x = 10^6, issue 12), at the cost of a few hundred
   * integrand evaluations and one small allocation, on that path only.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param oneMinusZ {@code 1 − z}, finite, in (0, 1]
   * @return ln F, F &gt;= 1
   * @throws org.clvkit.core.ClvArgumentException if an argument is outside the domain
   * @throws ClvConvergenceException if neither the series nor the quadrature gives a finite ln F
   *     (the message names a, b, z and 1 − z; the series' failure is its cause)
   */
  public static double log2F1TiedOneMinus(double a, double b, double oneMinusZ) {
    Checks.atMost("oneMinusZ", oneMinusZ, "1", 1.0);
    try {
      return log2F1OneMinus(a, b, a + 1, oneMinusZ);
    } catch (ArithmeticException seriesFailed) {
      double z = 1.0 - oneMinusZ;
      double k = z / oneMinusZ;
      double result;
      try {
        double integral =
            GaussKronrod.integrate(
                v -> Math.exp(-v - b * Math.log1p(-k * Math.expm1(-v / a))), 0, 40, 1e-14, 0);
        result = -b * Math.log(oneMinusZ) + Math.log(integral);
      } catch (ArithmeticException quadratureFailed) {
        throw tiedFailure(a, b, z, oneMinusZ, seriesFailed, quadratureFailed);
      }
      if (!(result > Double.NEGATIVE_INFINITY && result < Double.POSITIVE_INFINITY)) {
        throw tiedFailure(a, b, z, oneMinusZ, seriesFailed, null);
      }
      return result;
    }
  }

  /**
   * The exception of {@link #log2F1TiedOneMinus} when neither the series nor Euler's integral gives
   * a finite ln F: it names the arguments and carries the series' failure as its cause and the
   * quadrature's (if it threw) as suppressed.
   */
  private static ClvConvergenceException tiedFailure(
      double a,
      double b,
      double z,
      double oneMinusZ,
      ArithmeticException seriesFailed,
      ArithmeticException quadratureFailed) {
    ClvConvergenceException e =
        new ClvConvergenceException(
            String.format(
                Locale.ROOT,
                "2F1(a, b; a+1; z) did not converge by its series or by Euler's integral for a = %s,"
                    + " b = %s, z = %s (1 - z = %s)",
                a,
                b,
                z,
                oneMinusZ),
            seriesFailed);
    if (quadratureFailed != null) {
      e.addSuppressed(quadratureFailed);
    }
    return e;
  }

  /**
   * Returns the sign of {@code 2F1(a, b; c; z)}: {@code 1.0} when positive (always when {@code z >=
   * 0} or {@code c > min(a, b)}, without evaluating the series) and {@code -1.0} when negative.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param c finite and &gt; 0
   * @param z finite and &lt; 1
   * @return the sign, -1 or 1
   * @throws org.clvkit.core.ClvArgumentException if an argument is outside the domain
   * @throws ArithmeticException if the evaluation cannot converge under the default policy (also at
   *     or next to a zero of the function)
   */
  public static double sign2F1(double a, double b, double c, double z) {
    checkParameters(a, b, c);
    Checks.lessThan("z", z, 1.0);
    return evaluate(a, b, c, z, 1.0 - z, SeriesPolicy.DEFAULT, true);
  }

  /**
   * Largest z for which {@link #log2F1AndDerivatives} sums its derivative series; beyond it the
   * value comes from {@link #log2F1OneMinus} and the parameter derivatives from central
   * differences.
   */
  public static final double DERIVATIVE_SERIES_LIMIT = 0.9;

  /**
   * Writes {@code ln F} and its partial derivatives {@code ∂ln F/∂a}, {@code ∂ln F/∂b} and {@code
   * ∂ln F/∂z} of {@code F = 2F1(a, b; a+1; z)} (c tied to a + 1, so that ∂/∂a moves c too) into
   * {@code out[offset..offset+3]}: the Pareto/NBD likelihood's hypergeometric term and its
   * gradient, from one pass (Fader and Hardie 2005, note 009, eq. 19 and 20, with a = r+s+x and b =
   * s+1 or r+x).
   *
   * <p>For {@code z <= }{@value #DERIVATIVE_SERIES_LIMIT} one pass over Euler's form {@code F =
   * (1−z)^(1−b) Σ_n c_n}, {@code c_n = (a−b+1)_n / (a+1)_n · z^n} (DLMF 15.8.1), whose terms are
   * positive (for a − b + 1 &gt; 0) and fall at least as fast as z^n, accumulates the sum and its
   * derivatives together: {@code ∂c_n/∂a = c_n Σ_{k=1..n} [1/(a−b+k) − 1/(a+k)]}, {@code ∂c_n/∂b =
   * −c_n Σ_{k=1..n} 1/(a−b+k)}, {@code ∂c_n/∂z = n c_n / z}; it stops when the next term, weighted
   * by the largest derivative factor, is below 1e-17 (1−z)² of the sum. Beyond the limit the value
   * comes from {@link #log2F1OneMinus}, {@code ∂/∂z} from the identity {@code d/dz [z^a F] = a
   * z^(a−1) (1−z)^(−b)} (valid because c = a + 1), and {@code ∂/∂a}, {@code ∂/∂b} from central
   * differences with relative steps 1e-5 (relative error about 1e-10). Accuracy on the series
   * branch (tested against mpmath): 1e-13 relative, or absolutely {@code ∂ln F/∂a} to 1e-15 and the
   * others to 1e-14 times the term that Euler's form subtracts from a sum of the same size: 1 +
   * |1−b| |ln(1−z)| for {@code ln F}, 1 + |ln(1−z)| for {@code ∂ln F/∂b}, 1 + |b−1|/(1−z) for
   * {@code ∂ln F/∂z}; the Pareto/NBD gradient needs them only to that absolute accuracy. Allocates
   * nothing.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param gap {@code a − b + 1}, computed by the caller without cancellation (for the Pareto/NBD r
   *     + x or s + 1), finite and &gt; 0: the terms are then positive
   * @param z in [0, 1)
   * @param oneMinusZ {@code 1 − z}, computed by the caller without cancellation, &gt; 0
   * @param out receives ln F, ∂ln F/∂a, ∂ln F/∂b, ∂ln F/∂z at {@code offset}
   * @param offset where the four values go
   * @throws org.clvkit.core.ClvArgumentException if an argument is outside the domain
   * @throws ArithmeticException if the series needs more terms than {@link SeriesPolicy#DEFAULT}
   *     allows
   */
  public static void log2F1AndDerivatives(
      double a, double b, double gap, double z, double oneMinusZ, double[] out, int offset) {
    if (!(a > 0
        && a < Double.POSITIVE_INFINITY
        && b > 0
        && b < Double.POSITIVE_INFINITY
        && gap > 0
        && gap < Double.POSITIVE_INFINITY
        && z >= 0
        && z < 1
        && oneMinusZ > 0
        && oneMinusZ <= 1)) {
      checkParameters(a, b, 1.0);
      Checks.positive("gap", gap);
      Checks.inRange("z", z, 0.0, 1.0);
      Checks.lessThan("z", z, 1.0);
      Checks.positive("oneMinusZ", oneMinusZ);
      Checks.atMost("oneMinusZ", oneMinusZ, "1", 1.0);
    }
    if (z > DERIVATIVE_SERIES_LIMIT) {
      double w = oneMinusZ;
      double logF = log2F1TiedOneMinus(a, b, w);
      double ha = 1e-5 * a;
      double hb = 1e-5 * b;
      out[offset] = logF;
      out[offset + 1] =
          (log2F1TiedOneMinus(a + ha, b, w) - log2F1TiedOneMinus(a - ha, b, w)) / (2 * ha);
      out[offset + 2] =
          (log2F1TiedOneMinus(a, b + hb, w) - log2F1TiedOneMinus(a, b - hb, w)) / (2 * hb);
      out[offset + 3] = a / z * Math.expm1(-b * Math.log(w) - logF);
      return;
    }
    double sum = 1;
    double sumA = 0;
    double sumB = 0;
    double sumZ = 0;
    double c = 1;
    double pa = 0;
    double pb = 0;
    double tolerance = 1e-17 * (1 - z) * (1 - z);
    int cap = SeriesPolicy.DEFAULT.maxIterations();
    int n = 1;
    for (; n <= cap; n++) {
      double an = a + n;
      double bn = gap + (n - 1); // a − b + n, without the cancellation of a − b
      double inverse = 1 / (an * bn); // one division for 1/(a+n) and 1/(a−b+n)
      double ia = bn * inverse;
      double ib = an * inverse;
      c *= bn * ia * z;
      pa += ib - ia;
      pb -= ib;
      sum += c;
      sumA += c * pa;
      sumB += c * pb;
      sumZ += n * c;
      if (!(c * (n + 1 - pb) > tolerance * sum)) {
        break; // converged (or NaN, caught below)
      }
    }
    if (n > cap || !(sum < Double.POSITIVE_INFINITY && sumA == sumA && sumB == sumB)) {
      throw new ClvConvergenceException(
          String.format(
              Locale.ROOT,
              "the derivative series of 2F1(a, b; a+1; z) did not converge within %d terms for "
                  + "a = %s, b = %s, z = %s",
              cap,
              a,
              b,
              z));
    }
    double log1mz = Math.log1p(-z);
    out[offset] = (1 - b) * log1mz + Math.log(sum);
    out[offset + 1] = sumA / sum;
    out[offset + 2] = -log1mz + sumB / sum;
    out[offset + 3] = (b - 1) / (1 - z) + (z > 0 ? sumZ / (z * sum) : gap / (a + 1));
  }

  private static void checkParameters(double a, double b, double c) {
    Checks.positive("a", a);
    Checks.positive("b", b);
    Checks.positive("c", c);
  }

  /**
   * Evaluates ln|2F1| (or its sign) with {@code z + w = 1}, one of them given exactly by the
   * caller.
   */
  private static double evaluate(
      double a, double b, double c, double z, double w, SeriesPolicy policy, boolean wantSign) {
    double result;
    if (z == 0) {
      return wantSign ? 1.0 : 0.0;
    } else if (c == a) {
      return wantSign ? 1.0 : -b * Math.log(w); // DLMF 15.4.6: 2F1(a, b; a; z) = (1 − z)^(−b)
    } else if (c == b) {
      return wantSign ? 1.0 : -a * Math.log(w);
    } else if (z > 0) {
      if (wantSign) {
        return 1.0;
      }
      result = logPositive(a, b, c, z, w, policy);
    } else if (c > b || c > a) {
      if (wantSign) {
        return 1.0;
      }
      // Pfaff: z / (z − 1) = −z / w, and 1 − z / (z − 1) = 1 / w.
      double zeta = -z / w;
      double omega = 1.0 / w;
      result =
          c > b
              ? -a * Math.log(w) + logPositive(a, c - b, c, zeta, omega, policy)
              : -b * Math.log(w) + logPositive(c - a, b, c, zeta, omega, policy);
    } else {
      result = signedSeries(a, b, c, z, w, policy, wantSign);
    }
    if (Double.isNaN(result)) {
      throw new ClvConvergenceException(
          String.format(
              Locale.ROOT,
              "2F1(a, b; c; z) could not reach relative precision %s within %d terms for a = %s, "
                  + "b = %s, c = %s, z = %s (1 - z = %s)",
              policy.epsilon(),
              policy.maxIterations(),
              a,
              b,
              c,
              z,
              w));
    }
    return result;
  }

  /**
   * ln 2F1(a, b; c; z) for a, b, c &gt; 0 and 0 &lt; z &lt; 1, where every term of the defining
   * series is positive; NaN if no method converges.
   */
  private static double logPositive(
      double a, double b, double c, double z, double w, SeriesPolicy policy) {
    // Fast path, the common case of the models (z small, no growing terms): at most about 60 terms
    // of
    // the defining series, which no other method beats.
    if (z <= 0.5 && c >= a * b * z && c + 1 >= (a + b) * z) {
      double direct = logSeries(a, b, c, z, policy.epsilon(), policy.maxIterations());
      if (!Double.isNaN(direct)) {
        return direct;
      }
    }
    double logW = Math.log(w);
    double d = c - a - b;
    boolean cDominates = c > a && c > b;

    double costDirect = seriesCost(a, b, c, z, w);
    double costEuler = cDominates ? seriesCost(c - a, c - b, c, z, w) : Double.POSITIVE_INFINITY;

    // Near z = 1: the representation whose 1 − z series has c − a − b = m + e with m >= 0, that is
    // (a, b) itself when c >= a + b and Euler's (c − a, c − b) otherwise; one of the latter may be
    // negative (c < max(a, b)), which the transformation allows as long as A + m and B + m stay >
    // 0.
    double costNear = Double.POSITIVE_INFINITY;
    double gap = Math.abs(d);
    double nearA = d >= 0 ? a : c - a;
    double nearB = d >= 0 ? b : c - b;
    double nearM = Math.floor(gap + 0.5);
    double nearE = gap - nearM;
    if (nearE > 0 && (nearA + nearM <= 0 || nearB + nearM <= 0)) {
      // A tiny a or b puts A + m or B + m below 0; split one term later, with e in (−1, −1/2).
      nearM += 1;
      nearE -= 1;
    }
    if (nearM < policy.maxIterations() && nearA + nearM > 0 && nearB + nearM > 0) {
      costNear =
          nearM + seriesCost(nearA + nearM, nearB + nearM, 1.0 + nearM, w, z) + NEAR_ONE_OVERHEAD;
    }

    // Gauss's continued fraction for 2F1(1, B; C; z), directly or after Euler's transformation.
    double fractionB = Double.NaN;
    double fractionLogFactor = 0;
    if (isOne(a, 1.0)) {
      fractionB = b;
    } else if (isOne(b, 1.0)) {
      fractionB = a;
    } else if (c > b && isOne(c - a, c)) {
      fractionB = c - b;
      fractionLogFactor = d * logW;
    } else if (c > a && isOne(c - b, c)) {
      fractionB = c - a;
      fractionLogFactor = d * logW;
    }
    double costFraction = Double.POSITIVE_INFINITY;
    // The fraction is accurate only when C > B (tested down to 1 − z = 1e-4 against mpmath);
    // beyond,
    // where 2F1(1, B; C; z) grows like (1 − z)^(C−1−B), it loses all precision.
    if (fractionB < c) {
      double estimate = 8.0 / Math.sqrt(w) / (1.0 + Math.sqrt(fractionB * w));
      if (estimate <= FRACTION_MAX_ESTIMATE) {
        costFraction = estimate;
      }
    }

    double epsilon = policy.epsilon();
    int cap = policy.maxIterations();
    // The estimates assume a geometric tail at rate z; when c is large against a b the terms fall
    // much
    // faster, so a short probe of the series in z comes before any expensive method.
    if (Math.min(Math.min(costDirect, costEuler), Math.min(costNear, costFraction)) > PROBE) {
      double probe = logSeries(a, b, c, z, epsilon, Math.min(cap, PROBE));
      if (Double.isNaN(probe) && cDominates) {
        probe = d * logW + logSeries(c - a, c - b, c, z, epsilon, Math.min(cap, PROBE));
      }
      if (!Double.isNaN(probe)) {
        return probe;
      }
    }
    for (int attempt = 0; attempt < 4; attempt++) {
      int method = DIRECT;
      double best = costDirect;
      if (costEuler < best) {
        method = EULER;
        best = costEuler;
      }
      if (costNear < best) {
        method = NEAR_ONE;
        best = costNear;
      }
      if (costFraction < best) {
        method = FRACTION;
        best = costFraction;
      }
      if (best == Double.POSITIVE_INFINITY) {
        break;
      }
      double result;
      switch (method) {
        case DIRECT:
          costDirect = Double.POSITIVE_INFINITY;
          result = logSeries(a, b, c, z, epsilon, cap);
          break;
        case EULER:
          costEuler = Double.POSITIVE_INFINITY;
          result = d * logW + logSeries(c - a, c - b, c, z, epsilon, cap);
          break;
        case NEAR_ONE:
          costNear = Double.POSITIVE_INFINITY;
          result = logNearOne(nearA, nearB, (int) nearM, nearE, w, logW, epsilon, cap);
          if (d < 0) {
            result += d * logW;
          }
          break;
        default:
          costFraction = Double.POSITIVE_INFINITY;
          result =
              fractionLogFactor
                  + logContinuedFraction(fractionB, c, z, Math.min(cap, FRACTION_CAP));
          break;
      }
      if (!Double.isNaN(result)) {
        return result;
      }
    }
    return Double.NaN;
  }

  /** Whether {@code x} is 1 up to the rounding of a sum of magnitude {@code scale}. */
  private static boolean isOne(double x, double scale) {
    return Math.abs(x - 1.0) <= 2 * Math.ulp(scale);
  }

  /**
   * Estimated number of terms of the positive series Σ (a)_n (b)_n / ((c)_n n!) z^n, with w = 1 −
   * z: the index where the term ratio falls below 1, its spread, and a geometric tail at rate z.
   */
  private static double seriesCost(double a, double b, double c, double z, double w) {
    // The ratio of terms n+1 and n is >= 1 while (1−z) n² + (c + 1 − (a+b) z) n + (c − a b z) <= 0.
    double linear = c + 1 - (a + b) * z;
    double constant = c - a * b * z;
    double peak = 0;
    if (constant < 0 || linear < 0) {
      double root = Math.sqrt(Math.max(linear * linear - 4 * w * constant, 0));
      peak = linear < 0 ? (root - linear) / (2 * w) : -2 * constant / (linear + root);
      if (!(peak > 0)) {
        peak = 0;
      }
    }
    return peak + 5 * Math.sqrt(peak) + 40 / w + 2;
  }

  /**
   * ln Σ (a)_n (b)_n / ((c)_n n!) z^n for a, b, c &gt; 0, 0 &lt; z &lt; 1 (all terms positive); NaN
   * if the cap is reached. The remainder after a term is bounded by a geometric series whose ratio
   * is an upper bound of all later term ratios ({@link #ratioBound}), so the sum never stops early
   * on a term that is small only because a parameter is.
   */
  static double logSeries(double a, double b, double c, double z, double epsilon, int cap) {
    double w = 1 - z;
    double p = Math.max(a + b - c - 1, 0);
    double q = Math.max(a * b - c, 0);
    double term = 1.0;
    double sum = 1.0;
    double logScale = 0.0;
    for (int n = 0; n < cap; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
      sum += term;
      // The bound below is >= z, so term z <= epsilon sum (1 − z) must hold before the test.
      if (term * z <= epsilon * sum * w) {
        double next = n + 1.0;
        double bound = z * (1 + p / (next + 1) + q / ((next + c) * (next + 1)));
        if (bound < 1 && term * bound <= epsilon * sum * (1 - bound)) {
          return Math.log(sum) + logScale;
        }
      }
      if (sum > BIG) {
        sum /= BIG;
        term /= BIG;
        logScale += LOG_BIG;
      } else if (!(sum < Double.POSITIVE_INFINITY)) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /**
   * An upper bound of (k+α)(k+β) / ((k+γ)(k+δ)) over all k &gt;= n, for γ, δ &gt;= 0 and n &gt;= 0:
   * the ratio is 1 + (P k + Q) / ((k+γ)(k+δ)) with P = α+β−γ−δ and Q = αβ − γδ, and both P⁺/(k+δ)
   * and Q⁺/((k+γ)(k+δ)), which bound the two parts, decrease in k.
   */
  static double ratioBound(double n, double alpha, double beta, double gamma, double delta) {
    double bound = 1.0;
    double p = alpha + beta - gamma - delta;
    double q = alpha * beta - gamma * delta;
    if (p > 0) {
      bound += p / (n + delta);
    }
    if (q > 0) {
      bound += q / ((n + gamma) * (n + delta));
    }
    return bound;
  }

  /**
   * ln 2F1(A, B; A+B+m+e; 1−w) for integer m &gt;= 0 and −1 &lt; e &lt;= 1/2 with A + m, B + m, A +
   * m + e and B + m + e all &gt; 0, by the transformation to 1 − z with its poles cancelled
   * analytically (Forrey 1997; Michel and Stoitsov 2008, section 4); NaN if the cap is reached or
   * the estimated rounding error exceeds {@link #ACCEPTED_ERROR}.
   *
   * <p>With C = A+B+m+e, DLMF 15.8.4 and the reflection formula give
   *
   * <pre>
   *   2F1 = Γ(C) Γ(m+e) / (Γ(A+m+e) Γ(B+m+e)) Σ_(k&lt;m) (A)_k (B)_k w^k / ((1−m−e)_k k!)
   *       + (−1)^m (πe / sin πe) Γ(C) / (Γ(A) Γ(B)) (w^m / m!) Σ_(j>=0) q_j,
   *   q_j = w^j m! (U_j − V_j) / (e Γ(A+m+e) Γ(B+m+e)),
   *   U_j = Γ(A+m+j) Γ(B+m+j) / (Γ(1+j−e) Γ(1+m+j)),
   *   V_j = w^e Γ(A+m+e+j) Γ(B+m+e+j) / (Γ(1+j) Γ(1+m+e+j)).
   * </pre>
   *
   * U_j and V_j differ by O(e). The first term is written q_0 = exp(e X2) (X1 − X2) expm1(e (X1 −
   * X2)) / (e (X1 − X2)) with X1 = ψ_e(1, −e) − ψ_e(A+m, e) − ψ_e(B+m, e), X2 = ln w − ψ_e(m+1, e)
   * and ψ_e(x, e) = (ln Γ(x+e) − ln Γ(x)) / e ({@link LogPochhammer#reduced}), so nothing cancels
   * at e = 0; later terms follow q_(j+1) = w (s_j q_j + d_j u_j) and u_(j+1) = w r_j u_j (u_j the U
   * part), with r_j, s_j the term ratios of U and V and d_j = (r_j − s_j) / e expanded so that its
   * O(1) parts cancel exactly: d_j = ((C−2) M² + (2 (A−1)(B−1) + e (C−2)) M − m (A−1)(B−1)) /
   * ((j+1−e) M (j+1) (M+e)), M = m+1+j. A non-positive A or B (Euler's form with c &lt; max(a, b))
   * enters through 1/Γ.
   */
  static double logNearOne(
      double A, double B, int m, double e, double w, double logW, double epsilon, int cap) {
    double x1 =
        LogPochhammer.reducedKernel(1.0, -e)
            - LogPochhammer.reducedKernel(A + m, e)
            - LogPochhammer.reducedKernel(B + m, e);
    double x2 = logW - LogPochhammer.reducedKernel(m + 1.0, e);
    double gap = x1 - x2;
    double q = Math.exp(e * x2) * gap * expm1OverX(e * gap);
    double u = Math.exp(e * x1);
    double sum = q;
    double absSum = Math.abs(q);
    // Running bound of the rounding error of q (each step can cancel s q against d u, e.g. for tiny
    // A
    // or B) and of the sum of those errors.
    double qError = 8 * ROUNDING * Math.abs(q);
    double sumError = qError;
    double logScale = 0.0;
    double am1 = A - 1;
    double bm1 = B - 1;
    double cm2 = am1 + bm1 + m + e;
    double product = am1 * bm1;
    boolean converged = false;
    for (int j = 0; j < cap; j++) {
      double a1 = A + m + j;
      double b1 = B + m + j;
      double k1 = 1.0 + j;
      double m1 = 1.0 + m + j;
      double k1e = k1 - e;
      double m1e = m1 + e;
      double r = a1 * b1 / (k1e * m1);
      double s = (a1 + e) * (b1 + e) / (k1 * m1e);
      double dj =
          (cm2 * m1 * m1 + (2 * product + e * cm2) * m1 - m * product) / (k1e * m1 * k1 * m1e);
      double du = dj * u;
      double sq = s * q;
      q = w * (sq + du);
      u = w * r * u;
      qError =
          w
              * (s * qError
                  + 4 * ROUNDING * (Math.abs(sq) + Math.abs(du))
                  + j * ROUNDING * Math.abs(du));
      sumError += qError;
      sum += q;
      absSum += Math.abs(q);
      // Later ratios of both series are bounded; the coupling through d_j adds at most a factor.
      double next = j + 1.0;
      double bound =
          w
              * Math.max(
                  ratioBound(next, A + m, B + m, 1 - e, 1 + m),
                  ratioBound(next, A + m + e, B + m + e, 1, 1 + m + e));
      double remainder = 1 - bound;
      if (bound < 1
          && (Math.abs(q) + Math.abs(du)) * bound
              <= epsilon * Math.abs(sum) * remainder * remainder) {
        converged = true;
        break;
      }
      if (absSum > BIG) {
        sum /= BIG;
        absSum /= BIG;
        q /= BIG;
        u /= BIG;
        qError /= BIG;
        sumError /= BIG;
        logScale += LOG_BIG;
      } else if (!(absSum < Double.POSITIVE_INFINITY)) {
        return Double.NaN;
      }
    }
    if (!converged || sumError + ROUNDING * absSum > ACCEPTED_ERROR * Math.abs(sum)) {
      return Double.NaN;
    }
    // ln|Γ(C) / (Γ(A) Γ(B))| = −ln B(A, B) + ln (A+B)_(m+e) when A, B > 0; a non-positive A or B
    // enters through the reflection 1 / Γ(x) = Γ(1 − x) sin(πx) / π, and makes the term vanish at
    // an
    // integer (then Euler's form is a polynomial, all of it in f0).
    double logFactor1;
    double sign1 = ((m & 1) == 0) == (sum > 0) ? 1.0 : -1.0;
    if (A > 0 && B > 0) {
      logFactor1 = -Beta.logBeta(A, B) + LogPochhammer.value(A + B, m + e);
    } else {
      logFactor1 = Gamma.logGamma(A + B + m + e);
      for (int i = 0; i < 2; i++) {
        double x = i == 0 ? A : B;
        if (x > 0) {
          logFactor1 -= Gamma.logGamma(x);
        } else {
          double sine = sinPi(x);
          sign1 *= Math.signum(sine);
          logFactor1 += Gamma.logGamma(1 - x) + Math.log(Math.abs(sine) / Math.PI);
        }
      }
    }
    logFactor1 += m * logW - Gamma.logGamma(m + 1.0) + Math.log(reciprocalSinc(e)) + logScale;
    double log1 = logFactor1 + Math.log(Math.abs(sum));
    if (m == 0) {
      return sign1 > 0 ? log1 : Double.NaN;
    }
    double term = 1.0;
    double f0 = 1.0;
    double f0Abs = 1.0;
    for (int k = 1; k < m; k++) {
      term *= (A + k - 1) * (B + k - 1) * w / ((k - m - e) * k);
      f0 += term;
      f0Abs += Math.abs(term);
    }
    // ln[Γ(C) Γ(m+e) / (Γ(C−B) Γ(C−A))] = ln Γ(m+e) − ln B(C−A, C−B) − ln (C)_(m+e)
    double logFactor0 =
        Gamma.logGamma(m + e)
            - Beta.logBeta(B + m + e, A + m + e)
            - LogPochhammer.value(A + B + m + e, m + e);
    double log1Abs = logFactor1 + Math.log(absSum);
    double reference = Math.max(logFactor0 + Math.log(f0Abs), log1Abs);
    double total = Math.exp(logFactor0 - reference) * f0;
    if (sign1 != 0) {
      total += sign1 * Math.exp(log1 - reference);
    }
    double totalAbs = Math.exp(logFactor0 - reference) * f0Abs + Math.exp(log1Abs - reference);
    if (!(total > 0) || !(totalAbs <= LOSS_LIMIT * total)) {
      return Double.NaN;
    }
    return reference + Math.log(total);
  }

  /**
   * ln 2F1(1, B; C; z) for B, C &gt; 0 and 0 &lt; z &lt; 1 by Gauss's continued fraction in its
   * incomplete-beta form, {@link #incompleteBetaFraction} with p = C − 1, q = B − C + 1; NaN if it
   * does not converge within the cap.
   */
  static double logContinuedFraction(double B, double C, double z, int cap) {
    double h = incompleteBetaFraction(z, C - 1.0, B - C + 1.0, B, C, FRACTION_EPSILON, cap);
    return h > 0 ? Math.log(h) : Double.NaN;
  }

  /**
   * The continued fraction of the regularized incomplete beta function, I_z(p, q) = z^p (1−z)^q /
   * (p B(p, q)) · 1 / (1 + d_1 / (1 + d_2 / ...)) (DLMF 8.17.22; Numerical Recipes 6.4), by the
   * modified Lentz method: the value of 1 / (1 + d_1 / ...), or NaN if it does not converge within
   * {@code cap} steps. {@code sum} = p + q and {@code pPlusOne} = p + 1 are taken as the caller has
   * them (Gauss's fraction for 2F1(1, B; C; z) holds B and C themselves), so that no rounding is
   * added to them.
   *
   * @param epsilon the fraction has converged when a step changes it by a factor within epsilon of
   *     1
   */
  public static double incompleteBetaFraction(
      double z, double p, double q, double sum, double pPlusOne, double epsilon, int cap) {
    final double tiny = 1e-300;
    double c = 1.0;
    double d = 1.0 - sum * z / pPlusOne;
    if (Math.abs(d) < tiny) {
      d = tiny;
    }
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= cap; m++) {
      int m2 = 2 * m;
      double coefficient = m * (q - m) * z / ((p - 1 + m2) * (p + m2));
      d = 1.0 + coefficient * d;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = 1.0 + coefficient / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1.0 / d;
      h *= d * c;
      coefficient = -(p + m) * (sum + m) * z / ((p + m2) * (pPlusOne + m2));
      d = 1.0 + coefficient * d;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = 1.0 + coefficient / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1.0 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1.0) <= epsilon) {
        return h;
      }
    }
    return Double.NaN;
  }

  /**
   * The cases that no positive-term representation covers (z &lt; 0 with c &lt;= min(a, b)):
   * Pfaff's two forms, each with one non-positive parameter (a polynomial when that parameter is a
   * non-positive integer), then for |z| &lt; 1 the defining alternating series; the first that
   * loses at most three digits to cancellation gives ln|2F1| or, if {@code wantSign}, its sign. NaN
   * if none.
   */
  private static double signedSeries(
      double a, double b, double c, double z, double w, SeriesPolicy policy, boolean wantSign) {
    double zeta = -z / w;
    double logW = Math.log(w);
    double result = signedSum(a, c - b, c, zeta, -a * logW, policy, wantSign);
    if (Double.isNaN(result)) {
      result = signedSum(c - a, b, c, zeta, -b * logW, policy, wantSign);
    }
    if (Double.isNaN(result) && z > -1) {
      result = signedSum(a, b, c, z, 0.0, policy, wantSign);
    }
    return result;
  }

  /**
   * logFactor + ln|Σ (p)_n (q)_n / ((c)_n n!) x^n| (or its sign) for |x| &lt; 1; NaN on failure.
   */
  private static double signedSum(
      double p,
      double q,
      double c,
      double x,
      double logFactor,
      SeriesPolicy policy,
      boolean wantSign) {
    double epsilon = policy.epsilon();
    double term = 1.0;
    double sum = 1.0;
    double absSum = 1.0;
    double logScale = 0.0;
    for (int n = 0; n < policy.maxIterations(); n++) {
      term *= (p + n) * (q + n) / ((c + n) * (n + 1.0)) * x;
      sum += term;
      absSum += Math.abs(term);
      boolean pastSignChanges = p + n > 0 && q + n > 0;
      double bound = pastSignChanges ? Math.abs(x) * ratioBound(n + 1.0, p, q, c, 1) : 1;
      if (term == 0
          || (bound < 1 && Math.abs(term) * bound <= epsilon * Math.abs(sum) * (1 - bound))) {
        if (!(absSum <= LOSS_LIMIT * Math.abs(sum))) {
          return Double.NaN;
        }
        return wantSign ? Math.signum(sum) : logFactor + logScale + Math.log(Math.abs(sum));
      }
      if (absSum > BIG) {
        sum /= BIG;
        absSum /= BIG;
        term /= BIG;
        logScale += LOG_BIG;
      } else if (!(absSum < Double.POSITIVE_INFINITY)) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** Returns {@code sin(πx)}, exactly 0 at integers, reducing the argument exactly first. */
  private static double sinPi(double x) {
    double r = x - 2.0 * Math.rint(0.5 * x); // in [−1, 1], exact
    if (r == 0 || Math.abs(r) == 1) {
      return 0.0;
    }
    if (r > 0.5) {
      r = 1.0 - r; // sin(πr) = sin(π(1 − r)), exact subtraction
    } else if (r < -0.5) {
      r = -1.0 - r;
    }
    return Math.sin(Math.PI * r);
  }

  /** Returns {@code expm1(u) / u}, which is 1 at {@code u = 0}. */
  private static double expm1OverX(double u) {
    return u == 0 ? 1.0 : Math.expm1(u) / u;
  }

  /** Returns {@code πe / sin(πe)}, which is 1 at {@code e = 0}; |e| &lt; 1. */
  private static double reciprocalSinc(double e) {
    if (e == 0) {
      return 1.0;
    }
    double x = Math.PI * e;
    return x / Math.sin(x);
  }
}
