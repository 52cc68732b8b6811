package org.clvkit.models.bayes;

import org.clvkit.core.Checks;

/**
 * How the hierarchical Bayes samplers run: number of chains, burn-in, iterations kept, thinning of
 * the customers' draws, and the seed.
 *
 * <p>Every chain runs {@code burnin + iterations} iterations and keeps the population parameters of
 * each of its last {@code iterations} (a few numbers per iteration; R-hat and the effective sample
 * size are computed on them), and the customers' latent draws (λ, μ, τ) of every {@code thin}-th of
 * them: {@code chains · (iterations / thin)} draws per customer, 24 bytes each (three doubles), so
 * the posterior of 2,357 customers under the defaults takes 2,357 · 4 · 200 · 24 B ≈ 45 MB.
 *
 * <p>Chain c draws from its own stream, the c-th split of a {@link java.util.SplittableRandom}
 * seeded with {@code seed}, so the result depends on the seed and the settings only, never on the
 * executor or on the order in which the chains run.
 *
 * @param chains number of chains, &gt;= 1 (R-hat needs at least 2 to compare chains; with one it
 *     compares the chain's two halves)
 * @param burnin iterations discarded at the start of each chain, &gt;= 0
 * @param iterations iterations kept per chain, &gt;= 4
 * @param thin every thin-th kept iteration is stored for the customers, in [1, iterations]
 * @param seed root seed
 */
public record McmcSettings(int chains, int burnin, int iterations, int thin, long seed)
    implements java.io.Serializable {

  /** 4 chains, 500 burn-in iterations, 2,000 kept, customers' draws thinned by 10, seed 42. */
  public static final McmcSettings DEFAULT = new McmcSettings(4, 500, 2000, 10, 42L);

  /** Validates the settings. */
  public McmcSettings {
    Checks.positive("chains", chains);
    Checks.nonNegative("burnin", burnin);
    if (iterations < 4) {
      throw Checks.fail("iterations must be >= 4, was %d", iterations);
    }
    if (thin < 1 || thin > iterations) {
      throw Checks.fail("thin must be in [1, iterations = %d], was %d", iterations, thin);
    }
  }

  /** These settings with another number of chains. */
  public McmcSettings withChains(int value) {
    return new McmcSettings(value, burnin, iterations, thin, seed);
  }

  /** These settings with another burn-in. */
  public McmcSettings withBurnin(int value) {
    return new McmcSettings(chains, value, iterations, thin, seed);
  }

  /** These settings with another number of kept iterations. */
  public McmcSettings withIterations(int value) {
    return new McmcSettings(chains, burnin, value, Math.min(thin, value), seed);
  }

  /** These settings with another thinning of the customers' draws. */
  public McmcSettings withThin(int value) {
    return new McmcSettings(chains, burnin, iterations, value, seed);
  }

  /** These settings with another seed. */
  public McmcSettings withSeed(long value) {
    return new McmcSettings(chains, burnin, iterations, thin, value);
  }

  /** Customer draws kept over all chains: {@code chains · (iterations / thin)}. */
  public int customerDraws() {
    return chains * (iterations / thin);
  }
}
