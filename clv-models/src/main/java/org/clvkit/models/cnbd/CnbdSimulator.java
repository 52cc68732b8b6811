package org.clvkit.models.cnbd;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Simulates customers from the MBG/CNBD-k or the BG/CNBD-k with known parameters (BTYDplus's {@code
 * xbgcnbd.GenerateData}), for tests (parameter recovery), examples and benchmarks. Immutable; the
 * same seed gives the same customers.
 *
 * <p>Each customer draws a phase rate λ ~ Gamma(r, α) and a drop-out probability p ~ Beta(a, b);
 * under the MBG/CNBD-k they drop out right after the first purchase (time 0) with probability p;
 * then, while alive and within the age T, repeat purchases follow at Erlang(k, λ) intervals (the
 * sum of k exponential(λ) phases), and after each the customer drops out with probability p.
 * Customers are drawn in order from one Mersenne Twister seeded with {@code seed}, so {@link
 * #purchaseTimes}, {@link #histories} and {@link #litt} with the same ages describe the same
 * customers.
 */
public final class CnbdSimulator {
  private final CnbdParameters parameters;
  private final int dropout;
  private final long seed;

  private CnbdSimulator(CnbdParameters parameters, int dropout, long seed) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.dropout = dropout;
    this.seed = seed;
  }

  /**
   * A simulator of the MBG/CNBD-k.
   *
   * @param parameters the parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static CnbdSimulator mbgCnbd(CnbdParameters parameters, long seed) {
    return new CnbdSimulator(parameters, 1, seed);
  }

  /**
   * A simulator of the BG/CNBD-k.
   *
   * @param parameters the parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static CnbdSimulator bgCnbd(CnbdParameters parameters, long seed) {
    return new CnbdSimulator(parameters, 0, seed);
  }

  /**
   * Each customer's repeat-purchase times in (0, T], ascending, measured from the first purchase.
   *
   * @param ages each customer's age T, finite and &gt;= 0, at least one
   */
  public double[][] purchaseTimes(double[] ages) {
    Checks.notEmpty("ages", ages);
    Checks.nonNegative("ages", ages);
    Checks.finite("ages", ages);
    CnbdParameters p = parameters;
    RandomGenerator random = new MersenneTwister(seed);
    GammaDistribution rates = new GammaDistribution(random, p.r(), 1 / p.alpha());
    BetaDistribution dropouts = new BetaDistribution(random, p.a(), p.b());
    double[][] out = new double[ages.length][];
    double[] buffer = new double[16];
    for (int i = 0; i < ages.length; i++) {
      double lambda = rates.sample();
      double q = dropouts.sample();
      int count = 0;
      boolean alive = dropout == 0 || random.nextDouble() >= q;
      double time = 0;
      while (alive && lambda > 0) {
        for (int phase = 0; phase < p.k(); phase++) {
          time += -Math.log1p(-random.nextDouble()) / lambda;
        }
        if (!(time <= ages[i])) {
          break;
        }
        if (count == buffer.length) {
          buffer = Arrays.copyOf(buffer, 2 * count);
        }
        buffer[count++] = time;
        alive = random.nextDouble() >= q;
      }
      out[i] = Arrays.copyOf(buffer, count);
    }
    return out;
  }

  /**
   * Summaries (x, t_x, T) of the customers of {@link #purchaseTimes(double[])}.
   *
   * @param ages each customer's age T, finite and &gt;= 0, at least one
   */
  public CustomerHistories histories(double[] ages) {
    double[][] times = purchaseTimes(ages);
    double[] frequency = new double[ages.length];
    double[] recency = new double[ages.length];
    for (int i = 0; i < ages.length; i++) {
      frequency[i] = times[i].length;
      recency[i] = times[i].length == 0 ? 0 : times[i][times[i].length - 1];
    }
    return CustomerHistories.of(frequency, recency, ages);
  }

  /**
   * The litt of the customers of {@link #purchaseTimes(double[])}: the sum of the logarithms of
   * each customer's inter-purchase times, the first measured from the first purchase at 0.
   *
   * @param ages each customer's age T, finite and &gt;= 0, at least one
   */
  public double[] litt(double[] ages) {
    return litt(purchaseTimes(ages));
  }

  /**
   * The sum of the logarithms of the inter-purchase times of each row of repeat-purchase times
   * (measured from a first purchase at 0, ascending): BTYDplus's {@code litt}.
   *
   * @param times each customer's repeat-purchase times
   */
  public static double[] litt(double[][] times) {
    Checks.notNull("times", times);
    double[] out = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      double previous = 0;
      double sum = 0;
      for (double t : times[i]) {
        sum += Math.log(t - previous);
        previous = t;
      }
      out[i] = sum;
    }
    return out;
  }
}
