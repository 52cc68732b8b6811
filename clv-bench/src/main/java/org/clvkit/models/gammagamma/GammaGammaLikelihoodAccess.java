package org.clvkit.models.gammagamma;

import java.util.concurrent.Executor;
import org.clvkit.models.internal.MaximumLikelihood;

/**
 * Benchmark access to the package-private Gamma-Gamma likelihood kernel ({@link
 * GammaGammaLikelihood} on {@link SpendPatterns}) for {@code
 * org.clvkit.bench.LogLikelihoodBenchmark}. It lives in the clv-bench module (on the class path, in
 * clv-models' package), not in clv-models, and is not API.
 */
public final class GammaGammaLikelihoodAccess {
  private final GammaGammaLikelihood kernel;
  private final int patterns;

  /**
   * The kernel over the repeat customers of the given columns, compressed to distinct (x, m̄)
   * patterns grouped by x (rows without repeat spend are left out, as the fitter does).
   *
   * @param frequency repeat transactions per customer
   * @param monetaryValue mean repeat transaction value per customer
   * @param executor where the chunks of the pattern sums run, or null for the calling thread
   */
  public GammaGammaLikelihoodAccess(double[] frequency, double[] monetaryValue, Executor executor) {
    SpendPatterns data = SpendPatterns.of(frequency, monetaryValue, null);
    this.kernel = new GammaGammaLikelihood(data, executor);
    this.patterns = data.patterns();
  }

  /** Number of distinct (x, m̄) patterns. */
  public int patterns() {
    return patterns;
  }

  /**
   * The log-likelihood in the caller's money at (p, q, γ), with its gradient. Each call evaluates a
   * fresh objective, so the pass over the patterns (which the fit's objective caches for the last
   * γ) is always part of it.
   *
   * @param gradient when not null, receives d LL / d (ln p, ln q, ln γ); length &gt;= 3
   */
  public double value(double p, double q, double gamma, double[] gradient) {
    MaximumLikelihood.Objective objective = kernel.objective(1.0);
    return objective.value(new double[] {Math.log(p), Math.log(q), Math.log(gamma)}, gradient);
  }
}
