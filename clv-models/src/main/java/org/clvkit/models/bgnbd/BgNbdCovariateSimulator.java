package org.clvkit.models.bgnbd;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.CovariateMatrix;

/**
 * Draws customers from a {@link BgNbdCovariateModel}: customer i, with covariate row z_i, has λ_i ~
 * Gamma(r, rate α_i) and p_i ~ Beta(a_i, b_i) with the model's (α_i, a_i, b_i); purchases arrive at
 * exponential(λ_i) intervals and after each the customer drops out with probability p_i (Fader,
 * Hardie &amp; Lee 2005). Customers are drawn in order from one Mersenne Twister seeded with {@code
 * seed}.
 */
public final class BgNbdCovariateSimulator {
  private final BgNbdCovariateModel model;
  private final long seed;

  private BgNbdCovariateSimulator(BgNbdCovariateModel model, long seed) {
    this.model = Checks.notNull("model", model);
    this.seed = seed;
  }

  /** A simulator of the model's customers. */
  public static BgNbdCovariateSimulator of(BgNbdCovariateModel model, long seed) {
    return new BgNbdCovariateSimulator(model, seed);
  }

  /**
   * Histories of customers with the given covariate rows and ages.
   *
   * @param covariates one row per customer, holding the model's covariates (found by name)
   * @param ages each customer's age T, finite and &gt;= 0, one per row
   */
  public CustomerHistories histories(CovariateMatrix covariates, double[] ages) {
    Checks.notNull("covariates", covariates);
    Checks.notEmpty("ages", ages);
    Checks.sameLength("ages", ages.length, "covariates rows", covariates.rows());
    Checks.nonNegative("ages", ages);
    CovariateMatrix used = covariates.select(model.covariateNames());
    int k = used.columns();
    double[] z = used.values();
    double[] row = new double[k];
    RandomGenerator random = new MersenneTwister(seed);
    int n = ages.length;
    double[] frequency = new double[n];
    double[] recency = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(z, i * k, row, 0, k);
      BgNbdParameters p = model.parametersFor(row);
      double lambda = new GammaDistribution(random, p.r(), 1 / p.alpha()).sample();
      double dropout = new BetaDistribution(random, p.a(), p.b()).sample();
      int count = 0;
      double last = 0;
      double time = 0;
      boolean alive = true;
      while (alive && lambda > 0) {
        time += -Math.log1p(-random.nextDouble()) / lambda;
        if (!(time <= ages[i])) {
          break;
        }
        count++;
        last = time;
        alive = random.nextDouble() >= dropout;
      }
      frequency[i] = count;
      recency[i] = last;
    }
    return CustomerHistories.of(frequency, recency, ages);
  }
}
