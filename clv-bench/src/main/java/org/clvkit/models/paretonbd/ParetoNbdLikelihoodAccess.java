package org.clvkit.models.paretonbd;

import java.util.concurrent.Executor;
import org.clvkit.models.CustomerHistories;

/**
 * Benchmark access to the package-private Pareto/NBD likelihood kernel ({@link
 * ParetoNbdLikelihood}) for {@code org.clvkit.bench.LogLikelihoodBenchmark}. It lives in the
 * clv-bench module (on the class path, in clv-models' package), not in clv-models, and is not API.
 */
public final class ParetoNbdLikelihoodAccess {
  private final ParetoNbdLikelihood kernel;

  /**
   * The kernel over the given histories (its set-up: distinct frequencies, times and pairs).
   *
   * @param patterns the histories with weights, preferably compressed
   * @param executor where the chunks run, or null for the calling thread
   */
  public ParetoNbdLikelihoodAccess(CustomerHistories patterns, Executor executor) {
    this.kernel = new ParetoNbdLikelihood(patterns, executor);
  }

  /** Number of patterns summed over. */
  public int patterns() {
    return kernel.patterns();
  }

  /** Number of distinct (frequency, time) pairs with hypergeometric terms. */
  public int pairs() {
    return kernel.pairs();
  }

  /**
   * The weighted log-likelihood in the data's own time unit, with its gradient.
   *
   * @param gradient when not null, receives d LL / d (ln r, ln α, ln s, ln β); length &gt;= 4
   */
  public double value(double r, double alpha, double s, double beta, double[] gradient) {
    return kernel.value(r, alpha, s, beta, 1.0, gradient);
  }
}
