package org.clvkit.models.nbd;

import java.util.Arrays;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Simulates customers from the NBD with known parameters, for tests (parameter recovery), examples
 * and benchmarks. Immutable; the same seed gives the same customers.
 *
 * <p>Each customer draws a purchase rate λ ~ Gamma(r, α) and buys as a Poisson process with rate λ
 * from the first purchase until the end of observation at its age T (BTYDplus's {@code
 * nbd.GenerateData}); nobody drops out.
 */
public final class NbdSimulator {
  private final NbdParameters parameters;
  private final long seed;

  private NbdSimulator(NbdParameters parameters, long seed) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.seed = seed;
  }

  /**
   * A simulator.
   *
   * @param parameters the model's parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static NbdSimulator of(NbdParameters parameters, long seed) {
    return new NbdSimulator(parameters, seed);
  }

  /**
   * Histories of customers with the given ages (one customer per age, in order): x is the number of
   * purchases in (0, T] and t_x the time of the last of them (0 when x = 0).
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
    RandomGenerator random = new MersenneTwister(seed);
    GammaDistribution rates = new GammaDistribution(random, parameters.r(), 1 / parameters.alpha());
    double[] x = new double[n];
    double[] tx = new double[n];
    for (int i = 0; i < n; i++) {
      double lambda = rates.sample();
      double time = 0;
      int count = 0;
      double last = 0;
      while (lambda > 0) {
        time += -Math.log1p(-random.nextDouble()) / lambda;
        if (time > ages[i]) {
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

  /**
   * Histories of {@code customers} customers all observed for {@code age} periods.
   *
   * @param customers number of customers, &gt; 0
   * @param age time from the first purchase to the end of observation, finite and &gt;= 0
   */
  public CustomerHistories histories(int customers, double age) {
    Checks.positive("customers", customers);
    Checks.nonNegative("age", age);
    double[] ages = new double[customers];
    Arrays.fill(ages, age);
    return histories(ages);
  }
}
