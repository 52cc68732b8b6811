package org.clvkit.models.bayes;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.internal.RandomVariates;

/**
 * Expected repeat purchases of a customer not yet acquired under the Pareto/GGG: the first purchase
 * at 0, then Gamma(k, kλ) inter-purchase times until τ ~ Exponential(μ), with k ~ Gamma(t, γ), λ ~
 * Gamma(r, α), μ ~ Gamma(s, β). Given (k, λ, μ) the expectation is exact: the n-th repeat purchase
 * S_n ~ Gamma(nk, kλ) counts when S_n &lt;= min(τ, t), which has probability E[e^{−μ S_n}; S_n
 * &lt;= t] = ρ^{nk} P(nk, (kλ + μ) t), ρ = kλ / (kλ + μ), P the regularized lower incomplete gamma
 * function, so E[X(t) | k, λ, μ] = Σ_{n&gt;=1} ρ^{nk} P(nk, (kλ + μ) t). The average over (k, λ, μ)
 * has no closed form (the renewal function of gamma intervals) and is taken by Monte Carlo over the
 * population. Not API.
 */
final class ParetoGggNewCustomers {
  private ParetoGggNewCustomers() {}

  /**
   * The Monte Carlo mean of E[X(t) | k, λ, μ] over {@code paths} customers drawn from the
   * population θ = (t, γ, r, α, s, β).
   */
  static double expected(double[] theta, double horizon, int paths, SplittableRandom random) {
    if (!(horizon > 0)) {
      return 0;
    }
    double sum = 0;
    for (int path = 0; path < paths; path++) {
      double k = Math.max(RandomVariates.gamma(random, theta[0], theta[1]), Double.MIN_NORMAL);
      double lambda = Math.max(RandomVariates.gamma(random, theta[2], theta[3]), Double.MIN_NORMAL);
      double mu = RandomVariates.gamma(random, theta[4], theta[5]);
      sum += conditional(k, lambda, mu, horizon);
    }
    return sum / paths;
  }

  /** E[X(t) | k, λ, μ] = Σ_{n>=1} ρ^{nk} P(nk, (kλ + μ) t). */
  static double conditional(double k, double lambda, double mu, double horizon) {
    double c = k * lambda;
    double z = (c + mu) * horizon;
    double logRhoK = mu > 0 ? -k * Math.log1p(mu / c) : 0;
    double total = 0;
    for (int n = 1; n < 10_000_000; n++) {
      double shape = n * k;
      double p = Gamma.regularizedGammaP(shape, z, 1e-15, 100_000);
      double term = Math.exp(n * logRhoK) * p;
      total += term;
      // P(nk, z) falls fast once nk passes z; ρ^{nk} falls geometrically.
      if (term <= 1e-15 * Math.max(total, 1e-300) && (shape > z || n * -logRhoK > 40)) {
        break;
      }
      if (term == 0) {
        break;
      }
    }
    return total;
  }
}
