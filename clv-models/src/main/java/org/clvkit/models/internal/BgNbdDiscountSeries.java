package org.clvkit.models.internal;

import java.util.Arrays;

/**
 * The discounted expected purchases of an alive BG/NBD (or MBG/NBD) customer over whole periods 1,
 * ..., n as one power series per frequency, for one parameter set, horizon and discount rate. Built
 * once per call and used for every customer of a batch; not thread-safe (it fills its tables on
 * demand), not API.
 *
 * <p><b>The series.</b> Write A = r+x, B = b+x+s, C = a+B−1 for the posterior of a customer with x
 * repeat purchases and age T (s = 0 for the BG/NBD, 1 for the MBG/NBD), and u = t/(α+T). The
 * expectation of an alive customer, FHL 2005 eq. 10 without P(alive),
 *
 * <pre>
 * E(t) = C/(a−1) · [1 − (1+u)^(−A) 2F1(A, B; C; u/(1+u))] = C/(a−1) · [1 − 2F1(A, a−1; C; −u)]
 * </pre>
 *
 * by Pfaff's transformation (DLMF 15.8.1; C − B = a − 1 exactly), is the alternating power series
 *
 * <pre>
 * E(t) = Σ_{m≥1} p_m u^m,  p_1 = A,  p_{m+1} = −p_m (A+m)(a+m−1) / ((C+m)(m+1)),
 * </pre>
 *
 * convergent for u &lt; 1, whose coefficients depend on x only, with no division by a − 1 (so no
 * special case near a = 1) and no power or logarithm per customer. The horizons k = 1..n have u_k =
 * k/(α+T), so with ũ = n/(α+T) the discounted sum Σ_k (E(k) − E(k−1)) / (1+d)^k is
 *
 * <pre>
 * D = Σ_{m≥1} p_m W̃_m ũ^m,  W̃_m = Σ_{k=1..n} (1+d)^(−k) ((k/n)^m − ((k−1)/n)^m),
 * </pre>
 *
 * one series per customer for all horizons together. Per frequency the coefficients g_m = p_m W̃_m
 * are summed up to the number of terms that makes the neglected tail below 2^−56 of the sum at ũ =
 * {@link #MAX_U}: the tail after term m is bounded geometrically, since |p_{m+1}/p_m| &lt;= 1 +
 * P⁺/(C+m) + Q⁺/((C+m)(m+1)) with P = A+a−C−2, Q = A(a−1)−C, both bounds decreasing in m, and
 * W̃_{m+1} &lt;= (1 + 1/m) W̃_m (because k^{m+1} − (k−1)^{m+1} &lt;= (k + (k−1)/m)(k^m − (k−1)^m)).
 * D/ũ decreases in ũ (E is concave in t), so the relative tail and the ratio of Σ|terms| to the sum
 * at ũ = {@link #MAX_U} bound those at every smaller ũ; a frequency whose ratio exceeds {@link
 * #MAX_CANCELLATION} (heavy cancellation) or whose series needs more than {@link #MAX_TERMS} terms
 * is left to the caller's per-period path. Customers evaluate the polynomial by Horner's rule in ũ²
 * on the even and odd coefficients (two independent chains).
 */
final class BgNbdDiscountSeries {
  /** The largest ũ = periods/(α+T) the series serves. */
  static final double MAX_U = 0.5;

  /** Frequencies at or above this use the per-period path. */
  static final int MAX_FREQUENCY = 4096;

  /** Largest number of series terms. */
  static final int MAX_TERMS = 160;

  /** Largest accepted Σ|terms| / sum at ũ = MAX_U (rounding error below ~1e-14 relative). */
  static final double MAX_CANCELLATION = 16;

  /** Relative size of the neglected tail. */
  private static final double TAIL = 0x1p-56;

  private static final double[] INELIGIBLE = new double[0];

  private final double r;
  private final double a;
  private final double b;
  private final int shift;
  private final int periods;

  /** W̃_m at index m − 1, for m = 1..weightCount, extended on demand. */
  private final double[] weights = new double[MAX_TERMS];

  private int weightCount;

  /** (k/n)^m for the last m computed, and v^k = (1+d)^−k; index k = 1..n. */
  private final double[] power;

  private final double[] discount;

  /** Per frequency: the coefficients g_1.. padded to an even length, INELIGIBLE, or null. */
  private double[][] coefficients = new double[16][];

  /**
   * The series for one parameter set (b enters as b+x+s), {@code periods} &gt;= 1 whole periods and
   * a discount rate &gt; −1 per period.
   */
  BgNbdDiscountSeries(double r, double a, double b, int shift, int periods, double discountRate) {
    this.r = r;
    this.a = a;
    this.b = b;
    this.shift = shift;
    this.periods = periods;
    power = new double[periods + 1];
    discount = new double[periods + 1];
    double factor = 1;
    for (int k = 1; k <= periods; k++) {
      factor /= 1 + discountRate;
      discount[k] = factor;
      power[k] = 1;
    }
  }

  /**
   * W̃_m = Σ_{k=1..n} v^k ((k/n)^m − ((k−1)/n)^m), v = 1/(1+d), for 1 &lt;= m &lt;= MAX_TERMS; NaN
   * when it is not finite (v^k overflows for d near −1).
   */
  private double weight(int m) {
    while (weightCount < m) {
      double sum = 0;
      double previous = 0;
      for (int k = 1; k <= periods; k++) {
        double p = power[k] * ((double) k / periods);
        power[k] = p;
        sum += discount[k] * (p - previous);
        previous = p;
      }
      weights[weightCount++] = sum < Double.POSITIVE_INFINITY ? sum : Double.NaN;
    }
    return weights[m - 1];
  }

  /**
   * The coefficients for frequency x (a whole number &gt;= 0), or an empty array when the series
   * does not serve it.
   */
  double[] coefficients(double x) {
    if (!(x < MAX_FREQUENCY)) {
      return INELIGIBLE;
    }
    int i = (int) x;
    if (i >= coefficients.length) {
      coefficients = Arrays.copyOf(coefficients, Math.max(i + 1, 2 * coefficients.length));
    }
    double[] c = coefficients[i];
    if (c == null) {
      c = build(x);
      coefficients[i] = c;
    }
    return c;
  }

  private double[] build(double x) {
    double bigA = r + x;
    double bigC = a + b + x + shift - 1;
    double bigP = Math.max(bigA + a - bigC - 2, 0);
    double bigQ = Math.max(bigA * (a - 1) - bigC, 0);
    double[] g = new double[MAX_TERMS + 1];
    double p = bigA;
    double power = 1;
    double sum = 0;
    double absSum = 0;
    for (int m = 1; m <= MAX_TERMS; m++) {
      double w = weight(m);
      if (Double.isNaN(w)) {
        return INELIGIBLE;
      }
      double coefficient = p * w;
      g[m - 1] = coefficient;
      power *= MAX_U;
      double term = coefficient * power;
      sum += term;
      absSum += Math.abs(term);
      if (!(absSum < Double.POSITIVE_INFINITY)) {
        return INELIGIBLE;
      }
      double ratio = 1 + bigP / (bigC + m) + bigQ / ((bigC + m) * (m + 1.0));
      double bound = ratio * (1 + 1.0 / m) * MAX_U;
      if (bound < 1 && Math.abs(term) * bound <= TAIL * sum * (1 - bound)) {
        if (!(sum > 0) || !(absSum <= MAX_CANCELLATION * sum)) {
          return INELIGIBLE;
        }
        return Arrays.copyOf(g, m + (m & 1)); // pad to an even length with a 0
      }
      p = -p * (bigA + m) * (a + m - 1) / ((bigC + m) * (m + 1.0));
    }
    return INELIGIBLE;
  }

  /**
   * Σ_m g_m ũ^m for coefficients from {@link #coefficients} (not empty) and 0 &lt; ũ &lt;= {@link
   * #MAX_U}.
   */
  static double evaluate(double[] g, double u) {
    double y = u * u;
    double even = 0;
    double odd = 0;
    for (int j = g.length - 2; j >= 0; j -= 2) {
      even = even * y + g[j];
      odd = odd * y + g[j + 1];
    }
    return u * (even + u * odd);
  }
}
