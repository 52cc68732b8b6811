package org.clvkit.models.internal;

import org.clvkit.core.Checks;

/**
 * The confluent hypergeometric function of the second kind (Tricomi's U, Ψ in Fader, Hardie and
 * Lee) on its diagonal {@code b = a}, in log form. Not API.
 *
 * <p>The Pareto/NBD discounted expected residual transactions with continuous discount rate δ
 * (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value curves for customer base analysis",
 * JMR 42, eq. 2) are
 *
 * <pre>
 *   DERT(δ | r, α, s, β; x, t_x, T) = α^r β^s δ^(s−1) Γ(r+x+1) Ψ(s, s; δ(β+T))
 *                                      / (Γ(r) (α+T)^(r+x+1) L(r, α, s, β | x, t_x, T)),
 * </pre>
 *
 * with L the Pareto/NBD likelihood of the customer's history; {@link #logDiagonal} supplies {@code
 * ln Ψ(s, s; δ(β+T))}, the only special function in it. It uses {@code U(a, a, z) = e^z Γ(1 − a,
 * z)} (DLMF 13.6.6 with 8.2.2), so that {@code ln U(a, a, z) = (1 − a) ln z + ln R(1 − a, z)} with
 * the scaled incomplete gamma function R of {@link IncompleteGamma#logScaledUpper}, which neither
 * overflows for large z nor loses the factor {@code e^z e^(−z)}.
 */
public final class ConfluentU {
  private ConfluentU() {}

  /**
   * Returns {@code ln U(a, a, z)} under {@link SeriesPolicy#DEFAULT}. For {@code a = 1} this is
   * {@code z + ln E1(z)}; for large z, {@code U(a, a, z) ≈ z^(−a)} (DLMF 13.7.3).
   *
   * @param a finite and &gt; 0 (the Pareto/NBD's s)
   * @param z finite and &gt; 0 (the Pareto/NBD's δ(β + T))
   * @return the log of {@code U(a, a, z)}, which is positive
   * @throws org.clvkit.core.ClvArgumentException if an argument is outside the domain
   * @throws ArithmeticException if the evaluation cannot converge under the policy
   */
  public static double logDiagonal(double a, double z) {
    return logDiagonal(a, z, SeriesPolicy.DEFAULT);
  }

  /**
   * Returns {@code ln U(a, a, z)} under the given policy; see {@link #logDiagonal(double, double)}.
   *
   * @param policy the convergence policy, not null
   */
  public static double logDiagonal(double a, double z, SeriesPolicy policy) {
    Checks.positive("a", a);
    Checks.positive("z", z);
    Checks.notNull("policy", policy);
    return (1.0 - a) * Math.log(z) + IncompleteGamma.logScaledKernel(1.0 - a, z, policy);
  }
}
