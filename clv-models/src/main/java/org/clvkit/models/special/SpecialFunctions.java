package org.clvkit.models.special;

import org.clvkit.models.internal.ConfluentU;
import org.clvkit.models.internal.Hypergeometric;
import org.clvkit.models.internal.IncompleteGamma;
import org.clvkit.models.internal.LogPochhammer;

/**
 * Log-space special functions, accurate where the models need them (tested against committed mpmath
 * tables in clv-models' tests). Every method throws {@link org.clvkit.core.ClvArgumentException}
 * for an argument outside its domain and {@link org.clvkit.core.ClvConvergenceException} (an {@link
 * ArithmeticException}, with the arguments) when its series cannot converge within its iteration
 * cap. They allocate nothing and are safe to call from any thread.
 */
public final class SpecialFunctions {
  private SpecialFunctions() {}

  /**
   * Returns {@code ln |2F1(a, b; c; z)|}, Gauss's hypergeometric function (DLMF 15.2.1), switching
   * to Euler's and Pfaff's transformations, the expansion near z = 1 (DLMF 15.8.10) or a continued
   * fraction where the direct series overflows or converges slowly.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param c finite and &gt; 0
   * @param z finite and &lt; 1
   * @return the log of the absolute value; the value itself is positive when {@code z >= 0} or
   *     {@code c > min(a, b)}
   */
  public static double log2F1(double a, double b, double c, double z) {
    return Hypergeometric.log2F1(a, b, c, z);
  }

  /**
   * Returns {@code ln |2F1(a, b; c; 1 − oneMinusZ)|}: near z = 1 the function depends on {@code 1 −
   * z} to the power {@code c − a − b}, so a caller who knows {@code 1 − z} accurately should pass
   * it here rather than a rounded z.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param c finite and &gt; 0
   * @param oneMinusZ {@code 1 − z}, finite and &gt; 0
   * @return the log of the absolute value
   */
  public static double log2F1OneMinus(double a, double b, double c, double oneMinusZ) {
    return Hypergeometric.log2F1OneMinus(a, b, c, oneMinusZ);
  }

  /**
   * Writes {@code ln F} and its partial derivatives {@code ∂ln F/∂a}, {@code ∂ln F/∂b}, {@code ∂ln
   * F/∂z} of {@code F = 2F1(a, b; a + 1; z)} (c tied to a + 1) into {@code out[offset..offset+3]}:
   * the Pareto/NBD likelihood's hypergeometric term and its gradient (Fader and Hardie 2005, note
   * 009, eq. 19 and 20) from one pass over Euler's form for {@code z <= 0.9}; beyond, the value
   * from {@link #log2F1OneMinus}, ∂/∂z from an identity and ∂/∂a, ∂/∂b from central differences
   * (relative error about 1e-10). Accuracy on the series branch: 1e-13 relative.
   *
   * @param a finite and &gt; 0
   * @param b finite and &gt; 0
   * @param gap {@code a − b + 1}, computed by the caller without cancellation, finite and &gt; 0
   * @param z in [0, 1)
   * @param oneMinusZ {@code 1 − z}, computed by the caller without cancellation, in (0, 1]
   * @param out receives ln F, ∂ln F/∂a, ∂ln F/∂b, ∂ln F/∂z at {@code offset}; modified
   * @param offset where the four values go
   */
  public static void log2F1WithDerivatives(
      double a, double b, double gap, double z, double oneMinusZ, double[] out, int offset) {
    Hypergeometric.log2F1AndDerivatives(a, b, gap, z, oneMinusZ, out, offset);
  }

  /**
   * Returns {@code ln U(a, a, z)}, Tricomi's confluent hypergeometric function on its diagonal
   * (DLMF 13.2.6), through {@code U(a, a, z) = e^z Γ(1 − a, z)} (DLMF 13.6.6 with 8.2.2) without
   * overflow for large z. For {@code a = 1} this is {@code z + ln E1(z)}; for large z, {@code U(a,
   * a, z) ≈ z^(−a)}. The Pareto/NBD DERT's special function.
   *
   * @param a finite and &gt; 0
   * @param z finite and &gt; 0
   * @return the log of {@code U(a, a, z)}, which is positive
   */
  public static double logConfluentUDiagonal(double a, double z) {
    return ConfluentU.logDiagonal(a, z);
  }

  /**
   * Returns {@code ln Γ(a, x)}, the log of the upper incomplete gamma function (DLMF 8.2.2), for
   * any real a: within 1e-13 absolute or 1e-14 relative for a in [−1000, 1000] and x in [1e-10,
   * 1e6].
   *
   * @param a finite, any sign
   * @param x finite and &gt; 0
   * @return the log of {@code Γ(a, x)}, which is positive for every real a
   */
  public static double logUpperIncompleteGamma(double a, double x) {
    return IncompleteGamma.logUpper(a, x);
  }

  /**
   * Returns {@code ln Γ(x + delta) − ln Γ(x)}, the log of the Pochhammer symbol {@code (x)_delta},
   * without the cancellation of a difference of log-gamma values.
   *
   * @param x finite and &gt; 0
   * @param delta finite with {@code x + delta > 0}
   * @return the log-gamma difference; 0 when {@code delta = 0}
   */
  public static double logPochhammer(double x, double delta) {
    return LogPochhammer.value(x, delta);
  }

  /**
   * Returns the digamma function ψ(x) = d ln Γ(x) / dx to a few units in the last place.
   *
   * @param x finite and &gt; 0
   */
  public static double digamma(double x) {
    return LogPochhammer.digamma(x);
  }
}
