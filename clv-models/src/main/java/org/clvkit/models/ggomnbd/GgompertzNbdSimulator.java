package org.clvkit.models.ggomnbd;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Simulates customers from the Gamma-Gompertz/NBD with known parameters, for tests (parameter
 * recovery), examples and benchmarks. Immutable; the same seed gives the same customers.
 *
 * <p>Each customer draws λ ~ Gamma(r, α) and η ~ Gamma(s, β), then a lifetime by inversion of the
 * Gompertz survival exp(−η(e^{bτ} − 1)): τ = ln(1 + E/η)/b with E ~ Exp(1). It buys as a Poisson
 * process with rate λ on (0, min(τ, T)].
 */
public final class GgompertzNbdSimulator {
  private final GgompertzNbdParameters parameters;
  private final long seed;

  private GgompertzNbdSimulator(GgompertzNbdParameters parameters, long seed) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.seed = seed;
  }

  /**
   * A simulator.
   *
   * @param parameters the model's parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static GgompertzNbdSimulator of(GgompertzNbdParameters parameters, long seed) {
    return new GgompertzNbdSimulator(parameters, seed);
  }

  /**
   * Histories of customers with the given ages (one customer per age, in order).
   *
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0
   */
  public CustomerHistories histories(double[] ages) {
    Checks.notEmpty("ages", ages);
    int n = ages.length;
    for (int i = 0; i < n; i++) {
      Checks.nonNegative(Checks.indexed("ages", i), ages[i]);
    }
    GgompertzNbdParameters p = parameters;
    RandomGenerator random = new MersenneTwister(seed);
    GammaDistribution rates = new GammaDistribution(random, p.r(), 1 / p.alpha());
    GammaDistribution scales = new GammaDistribution(random, p.s(), 1 / p.beta());
    double[] x = new double[n];
    double[] tx = new double[n];
    for (int i = 0; i < n; i++) {
      double lambda = rates.sample();
      double eta = scales.sample();
      double e = -Math.log1p(-random.nextDouble());
      double lifetime = Math.log1p(e / eta) / p.b();
      double end = Math.min(lifetime, ages[i]);
      double time = 0;
      int count = 0;
      double last = 0;
      while (lambda > 0) {
        time += -Math.log1p(-random.nextDouble()) / lambda;
        if (time > end) {
          break;
        }
        count++;
        last = time;
      }
      x[i] = count;
      tx[i] = last;
    }
    return CustomerHistories.of(x, tx, ages.clone());
  }
}
