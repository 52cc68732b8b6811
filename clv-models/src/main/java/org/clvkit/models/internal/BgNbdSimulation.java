package org.clvkit.models.internal;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Simulation of the BG/NBD (shift 0) and MBG/NBD (shift 1) processes, shared by their public
 * simulators. Not API.
 *
 * <p>Each customer draws λ ~ Gamma(r, rate α) and p ~ Beta(a, b); under the MBG/NBD the customer
 * drops out at time 0 with probability p; then, while alive and within the age T, purchases arrive
 * at exponential(λ) intervals and after each the customer drops out with probability p. Customers
 * are drawn in order from one Mersenne Twister seeded with {@code seed}, so {@link #histories} and
 * {@link #purchaseTimes} with the same arguments describe the same customers.
 */
public final class BgNbdSimulation {
  private BgNbdSimulation() {}

  /**
   * Summaries (x, t_x, T) of simulated customers, one per age.
   *
   * @param shift 0 for the BG/NBD, 1 for the MBG/NBD
   * @param ages each customer's age T, finite and &gt;= 0, at least one
   */
  public static CustomerHistories histories(
      double r, double alpha, double a, double b, int shift, long seed, double[] ages) {
    double[][] times = purchaseTimes(r, alpha, a, b, shift, seed, ages);
    int n = ages.length;
    double[] frequency = new double[n];
    double[] recency = new double[n];
    for (int i = 0; i < n; i++) {
      frequency[i] = times[i].length;
      recency[i] = times[i].length == 0 ? 0 : times[i][times[i].length - 1];
    }
    return CustomerHistories.of(frequency, recency, ages);
  }

  /**
   * Each simulated customer's repeat-purchase times in (0, T], ascending, measured from the first
   * purchase.
   *
   * @param shift 0 for the BG/NBD, 1 for the MBG/NBD
   * @param ages each customer's age T, finite and &gt;= 0, at least one
   */
  public static double[][] purchaseTimes(
      double r, double alpha, double a, double b, int shift, long seed, double[] ages) {
    Checks.notEmpty("ages", ages);
    Checks.nonNegative("ages", ages);
    RandomGenerator random = new MersenneTwister(seed);
    GammaDistribution rates = new GammaDistribution(random, r, 1 / alpha);
    BetaDistribution dropouts = new BetaDistribution(random, a, b);
    double[][] out = new double[ages.length][];
    double[] buffer = new double[16];
    for (int i = 0; i < ages.length; i++) {
      double lambda = rates.sample();
      double p = dropouts.sample();
      int count = 0;
      boolean alive = shift == 0 || random.nextDouble() >= p;
      double time = 0;
      while (alive && lambda > 0) {
        time += -Math.log1p(-random.nextDouble()) / lambda;
        if (!(time <= ages[i])) {
          break;
        }
        if (count == buffer.length) {
          buffer = Arrays.copyOf(buffer, 2 * count);
        }
        buffer[count++] = time;
        alive = random.nextDouble() >= p;
      }
      out[i] = Arrays.copyOf(buffer, count);
    }
    return out;
  }
}
