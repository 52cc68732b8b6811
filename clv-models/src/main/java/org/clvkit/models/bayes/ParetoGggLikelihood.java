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
  static final int GRID = 200;
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
    double[] out = new double[2];
    integrals(p, x, tx, age, litt, TOLERANCE, 0, new double[GRID + 1], out);
    return out[0];
  }

  /**
   * Chebyshev nodes in ln k at which {@link #probabilityAlive} computes the dead term's integral
   * over the drop-out time; between them it interpolates its log.
   */
  static final int DEAD_NODES = 24;

  /** Relative tolerance of the quadrature in {@link #probabilityAlive}. */
  static final double ALIVE_TOLERANCE = 1e-6;

  /**
   * P(alive at T | x, t_x, T, litt; θ): the bracket's first term (alive at T with no purchase since
   * t_x) integrated over k as in {@link #customer}, on the same subdivision, divided by the whole
   * bracket's integral (the likelihood), at relative tolerance {@link #ALIVE_TOLERANCE}; 1 when T =
   * t_x. The dead term (an integral over the drop-out time for each k) is computed at {@link
   * #DEAD_NODES} Chebyshev nodes over the range of ln k and its log interpolated between them
   * (barycentric formula), which cuts the cost about fivefold; exact evaluation where that fails.
   *
   * @param logs scratch of {@link #GRID} + 1 values
   */
  static double probabilityAlive(
      ParetoGggParameters p, double x, double tx, double age, double litt, double[] logs) {
    if (!(age - tx > 0)) {
      return 1;
    }
    double[] out = new double[2];
    integrals(p, x, tx, age, litt, ALIVE_TOLERANCE, DEAD_NODES, logs, out);
    double ratio = Math.exp(out[1] - out[0]);
    return ratio < 1 ? ratio : 1.0;
  }

  /**
   * The logs of the outer integral over ln k of the prior part times the bracket (out[0], the
   * log-likelihood) and times the bracket's alive term alone (out[1]), on one adaptive subdivision
   * driven by the first.
   */
  static void integrals(
      ParetoGggParameters p,
      double x,
      double tx,
      double age,
      double litt,
      double tolerance,
      int deadNodes,
      double[] logs,
      double[] out) {
    double gap = age - tx;
    // Scale: the log of the outer integrand without its bracket (which is in (0, 1]) on a grid in
    // ln k; the integral runs over the grid cells where it is within e^{-40} of its maximum.
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
    double lo = node(Math.max(first - 1, 0));
    double hi = node(Math.min(last + 1, GRID));
    double[] terms = new double[2];
    double[] nodes = null;
    double[] logDead = null;
    if (deadNodes > 1 && gap > 0) {
      nodes = new double[deadNodes];
      logDead = new double[deadNodes];
      for (int j = 0; j < deadNodes; j++) {
        nodes[j] = 0.5 * (lo + hi) + 0.5 * (hi - lo) * Math.cos(Math.PI * j / (deadNodes - 1));
        bracket(p, Math.exp(nodes[j]), x, tx, age, gap, tolerance, true, terms);
        logDead[j] = Math.log(terms[1]);
        if (!Double.isFinite(logDead[j])) {
          nodes = null; // the dead term underflows somewhere: evaluate it exactly everywhere
          break;
        }
      }
    }
    double[] chebyshev = nodes;
    double[] chebyshevLog = logDead;
    GaussKronrod.Integrand f =
        (u, values) -> {
          double log = logOuter(p, x, tx, litt, u);
          if (log - m < -750) {
            values[0] = 0;
            values[1] = 0;
            return;
          }
          if (chebyshev == null) {
            bracket(p, Math.exp(u), x, tx, age, gap, tolerance, true, terms);
          } else {
            bracket(p, Math.exp(u), x, tx, age, gap, tolerance, false, terms);
            terms[1] = Math.exp(interpolate(chebyshev, chebyshevLog, u));
          }
          double w = Math.exp(log - m);
          values[0] = w * (terms[0] + terms[1]);
          values[1] = w * terms[0];
        };
    new GaussKronrod.Workspace(2).integrate(f, lo, hi, tolerance, 0, out);
    out[0] = m + Math.log(out[0]);
    out[1] = m + Math.log(out[1]);
  }

  static double node(int j) {
    return LOG_K_LOW + (LOG_K_HIGH - LOG_K_LOW) * j / GRID;
  }

  /**
   * ln of Gamma(k; t, γ) k (the Jacobian of ln k) k^{kx} Γ(k)^{−x} e^{(k−1) litt} C(k) at k = e^u.
   */
  static double logOuter(ParetoGggParameters p, double x, double tx, double litt, double u) {
    double k = Math.exp(u);
    double a = p.r() + k * x;
    double b = p.alpha() + k * tx;
    double prior = p.t() * Math.log(p.gamma()) - Gamma.logGamma(p.t()) + p.t() * u - p.gamma() * k;
    double itt = x > 0 ? k * x * u - x * Gamma.logGamma(k) + (k - 1) * litt : 0;
    double c =
        p.r() * Math.log(p.alpha()) - Gamma.logGamma(p.r()) + Gamma.logGamma(a) - a * Math.log(b);
    return prior + itt + c;
  }

  /**
   * The bracket's two terms: alive at T with no purchase since t_x, (β/(β+T))^s I_{b/(b+kD)}(a, k),
   * into terms[0]; died at t_x + u with none before, integrated over u in (0, D), into terms[1].
   */
  private static void bracket(
      ParetoGggParameters p,
      double k,
      double x,
      double tx,
      double age,
      double gap,
      double tolerance,
      boolean withDead,
      double[] terms) {
    double a = p.r() + k * x;
    double b = p.alpha() + k * tx;
    double logBeta = Beta.logBeta(a, k);
    double s = p.s();
    double beta = p.beta();
    terms[0] = Math.exp(-s * Math.log1p(age / beta)) * survival(a, b, k, gap, logBeta);
    if (!(gap > 0) || !withDead) {
      terms[1] = 0;
      return;
    }
    GaussKronrod.Function dead =
        u ->
            s
                / beta
                * Math.exp(-(s + 1) * Math.log1p((tx + u) / beta))
                * survival(a, b, k, u, logBeta);
    terms[1] = GaussKronrod.integrate(dead, 0, gap, tolerance, 0);
  }

  /**
   * The barycentric interpolant through (nodes[j], values[j]) at Chebyshev points of the second
   * kind (weights (−1)^j, halved at the ends; Berrut &amp; Trefethen 2004).
   */
  static double interpolate(double[] nodes, double[] values, double u) {
    int n = nodes.length;
    double numerator = 0;
    double denominator = 0;
    for (int j = 0; j < n; j++) {
      double d = u - nodes[j];
      if (d == 0) {
        return values[j];
      }
      double w = ((j & 1) == 0 ? 1 : -1) * (j == 0 || j == n - 1 ? 0.5 : 1) / d;
      numerator += w * values[j];
      denominator += w;
    }
    return numerator / denominator;
  }

  /** Convergence of the incomplete beta's continued fraction: a step's factor within 1e-15 of 1. */
  private static final double FRACTION_EPSILON = Math.nextDown(1e-15);

  /** E[Q(k, kλu)] over λ ~ Gamma(a, b): I_{b/(b+ku)}(a, k); logBeta = ln B(a, k). */
  static double survival(double a, double b, double k, double u, double logBeta) {
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
