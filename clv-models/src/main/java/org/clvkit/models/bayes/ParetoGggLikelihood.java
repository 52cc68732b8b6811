package org.clvkit.models.bayes;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.GaussKronrod;
import org.clvkit.models.internal.Hypergeometric;

/**
 * The Pareto/GGG's marginal log-likelihood of a data set (Platzer &amp; Reutterer 2016): each
 * customer's likelihood given k, λ and μ integrated over the Gamma populations of k, λ and μ.
 *
 * <p>μ and λ are integrated out in closed form. Over μ ~ Gamma(s, β): E[e^{−μT}] = (β/(β+T))^s and
 * E[μ e^{−μy}] = s β^s (β+y)^{−(s+1)}. Over λ ~ Gamma(r, α), the density of the x inter-purchase
 * times times λ's prior is k^{kx} C(k) Gamma(λ; a, b) with a = r + kx, b = α + k t_x and C(k) = α^r
 * Γ(a) / (Γ(r) b^a), and E[Q(k, kλu)] over that Gamma is P(G &gt; kλu) for G ~ Gamma(k, 1), i.e.
 * I_{b/(b+ku)}(a, k) (the ratio G / (G + bΛ/k) is Beta(k, a)). So
 *
 * <pre>
 * L = ∫ Gamma(k; t, γ) k^{kx} Γ(k)^{−x} e^{(k−1) litt} C(k)
 *       [ (β/(β+T))^s I_{b/(b+kD)}(a, k) + ∫_0^D s β^s (β+t_x+u)^{−(s+1)} I_{b/(b+ku)}(a, k) du ] dk
 * </pre>
 *
 * with D = T − t_x, by adaptive Gauss–Kronrod quadrature in ln k (outer) and u (inner), relative
 * tolerance 1e-7 (over the range of ln k where the integrand is within e^{-40} of its maximum on a
 * grid). Patterns are compressed first (with litt), so CDNOW's 2,357 customers are about 1,000
 * integrals. Checked against an independent evaluation ({@code pggg_likelihood.py}, mpmath,
 * committed beside its table).
 */
final class ParetoGggLikelihood {
  private static final double TOLERANCE = 1e-7;
  private static final int GRID = 200;
  private static final double LOG_K_LOW = Math.log(1e-6);
  private static final double LOG_K_HIGH = Math.log(1e4);

  private ParetoGggLikelihood() {}

  /** The weighted sum of the customers' marginal log-likelihoods. */
  static double logLikelihood(ParetoGggParameters p, CustomerHistories data) {
    CustomerHistories patterns = data.compressedWithLitt();
    double sum = 0;
    for (int i = 0; i < patterns.size(); i++) {
      sum +=
          patterns.weight(i)
              * customer(
                  p, patterns.frequency(i), patterns.recency(i), patterns.age(i), patterns.litt(i));
    }
    return sum;
  }

  /** One customer's marginal log-likelihood. */
  static double customer(ParetoGggParameters p, double x, double tx, double age, double litt) {
    double gap = age - tx;
    // Scale: the log of the outer integrand without its bracket (which is in (0, 1]) on a grid in
    // ln k; the integral runs over the grid cells where it is within e^{-40} of its maximum.
    double[] logs = new double[GRID + 1];
    double scale = Double.NEGATIVE_INFINITY;
    for (int j = 0; j <= GRID; j++) {
      logs[j] = logOuter(p, x, tx, litt, node(j));
      scale = Math.max(scale, logs[j]);
    }
    int first = 0;
    while (logs[first] < scale - 40) {
      first++;
    }
    int last = GRID;
    while (logs[last] < scale - 40) {
      last--;
    }
    double m = scale;
    GaussKronrod.Function f =
        u -> {
          double log = logOuter(p, x, tx, litt, u);
          if (log - m < -750) {
            return 0;
          }
          return Math.exp(log - m) * bracket(p, Math.exp(u), x, tx, age, gap);
        };
    double integral =
        GaussKronrod.integrate(
            f, node(Math.max(first - 1, 0)), node(Math.min(last + 1, GRID)), TOLERANCE, 0);
    return m + Math.log(integral);
  }

  private static double node(int j) {
    return LOG_K_LOW + (LOG_K_HIGH - LOG_K_LOW) * j / GRID;
  }

  /**
   * ln of Gamma(k; t, γ) k (the Jacobian of ln k) k^{kx} Γ(k)^{−x} e^{(k−1) litt} C(k) at k = e^u.
   */
  private static double logOuter(
      ParetoGggParameters p, double x, double tx, double litt, double u) {
    double k = Math.exp(u);
    double a = p.r() + k * x;
    double b = p.alpha() + k * tx;
    double prior = p.t() * Math.log(p.gamma()) - Gamma.logGamma(p.t()) + p.t() * u - p.gamma() * k;
    double itt = x > 0 ? k * x * u - x * Gamma.logGamma(k) + (k - 1) * litt : 0;
    double c =
        p.r() * Math.log(p.alpha()) - Gamma.logGamma(p.r()) + Gamma.logGamma(a) - a * Math.log(b);
    return prior + itt + c;
  }

  /** The bracket: alive at T with no purchase since t_x, or died at t_x + u with none before. */
  private static double bracket(
      ParetoGggParameters p, double k, double x, double tx, double age, double gap) {
    double a = p.r() + k * x;
    double b = p.alpha() + k * tx;
    double logBeta = Beta.logBeta(a, k);
    double s = p.s();
    double beta = p.beta();
    double alive = Math.exp(-s * Math.log1p(age / beta)) * survival(a, b, k, gap, logBeta);
    if (!(gap > 0)) {
      return alive;
    }
    GaussKronrod.Function dead =
        u ->
            s
                / beta
                * Math.exp(-(s + 1) * Math.log1p((tx + u) / beta))
                * survival(a, b, k, u, logBeta);
    return alive + GaussKronrod.integrate(dead, 0, gap, TOLERANCE, 0);
  }

  /** Convergence of the incomplete beta's continued fraction: a step's factor within 1e-15 of 1. */
  private static final double FRACTION_EPSILON = Math.nextDown(1e-15);

  /** E[Q(k, kλu)] over λ ~ Gamma(a, b): I_{b/(b+ku)}(a, k); logBeta = ln B(a, k). */
  private static double survival(double a, double b, double k, double u, double logBeta) {
    if (!(u > 0)) {
      return 1;
    }
    double z = b / (b + k * u);
    double w = k * u / (b + k * u);
    return regularizedBeta(z, w, a, k, logBeta);
  }

  /**
   * I_z(a, b) with w = 1 − z given separately (no cancellation) and ln B(a, b) precomputed: the
   * continued fraction of DLMF 8.17.22 by the modified Lentz method (Numerical Recipes 6.4), on I_z
   * itself when z &lt; (a+1)/(a+b+2), else on 1 − I_w(b, a).
   */
  static double regularizedBeta(double z, double w, double a, double b, double logBeta) {
    if (!(z > 0)) {
      return 0;
    }
    if (!(w > 0)) {
      return 1;
    }
    double front = Math.exp(a * Math.log(z) + b * Math.log(w) - logBeta);
    if (z < (a + 1) / (a + b + 2)) {
      return front * fraction(z, a, b) / a;
    }
    return 1 - front * fraction(w, b, a) / b;
  }

  private static double fraction(double z, double a, double b) {
    double h =
        Hypergeometric.incompleteBetaFraction(z, a, b, a + b, a + 1, FRACTION_EPSILON, 10_000);
    if (Double.isNaN(h)) {
      throw new ArithmeticException(
          "incomplete beta continued fraction did not converge at z="
              + z
              + ", a="
              + a
              + ", b="
              + b);
    }
    return h;
  }
}
