package org.clvkit.models.sbg;

import java.io.Serializable;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;

/**
 * Simulates customers from the shifted-beta-geometric model with known parameters: each customer
 * draws θ ~ Beta(α, β) and then renews at the end of each period with probability 1 − θ (Fader
 * &amp; Hardie 2007, section 3). Immutable and thread-safe: every method takes its seed, and the
 * same seed gives the same customers.
 */
public final class SbgSimulator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SbgParameters parameters;

  private SbgSimulator(SbgParameters parameters) {
    this.parameters = Checks.notNull("parameters", parameters);
  }

  /**
   * A simulator for the given parameters.
   *
   * @param parameters alpha, beta
   */
  public static SbgSimulator of(SbgParameters parameters) {
    return new SbgSimulator(parameters);
  }

  /** The parameters simulated from. */
  public SbgParameters parameters() {
    return parameters;
  }

  /**
   * Lifetimes of {@code customers} customers observed for at most {@code horizon} periods: entry i
   * is min(T_i, horizon) where T_i is the number of periods customer i pays for. A customer whose
   * lifetime is at least {@code horizon} is still a customer at the end (right-censored) unless T_i
   * = horizon exactly; {@link #churned} tells them apart for the same seed.
   *
   * @param customers number of customers, &gt; 0
   * @param horizon observation window in periods, &gt; 0
   * @param seed seed of the random numbers
   * @return the observed periods per customer
   */
  public double[] lifetimes(int customers, int horizon, long seed) {
    Checks.positive("customers", customers);
    Checks.positive("horizon", horizon);
    double[] out = new double[customers];
    Draws draws = new Draws(parameters, seed);
    for (int c = 0; c < customers; c++) {
      out[c] = Math.min(draws.lifetime(horizon), horizon);
    }
    return out;
  }

  /**
   * Whether each of the customers of {@link #lifetimes(int, int, long)} (same arguments) left
   * within the horizon: true when its lifetime T_i &lt;= horizon.
   *
   * @param customers number of customers, &gt; 0
   * @param horizon observation window in periods, &gt; 0
   * @param seed seed of the random numbers
   */
  public boolean[] churned(int customers, int horizon, long seed) {
    Checks.positive("customers", customers);
    Checks.positive("horizon", horizon);
    boolean[] out = new boolean[customers];
    Draws draws = new Draws(parameters, seed);
    for (int c = 0; c < customers; c++) {
      out[c] = draws.lifetime(horizon) <= horizon;
    }
    return out;
  }

  /**
   * The survivor counts of a simulated cohort: entry t is the number of the {@code customers} still
   * active after t periods, t = 0 … periods, in the form {@link SbgFitter#fitSurvivors} takes.
   *
   * @param customers cohort size, &gt; 0
   * @param periods number of periods, &gt; 0
   * @param seed seed of the random numbers
   */
  public double[] survivors(int customers, int periods, long seed) {
    Checks.positive("customers", customers);
    Checks.positive("periods", periods);
    double[] alive = new double[periods + 1];
    Draws draws = new Draws(parameters, seed);
    for (int c = 0; c < customers; c++) {
      long lifetime = draws.lifetime(periods);
      for (int t = 0; t <= periods && t < lifetime; t++) {
        alive[t]++;
      }
    }
    return alive;
  }

  /** One stream of random numbers. */
  private static final class Draws {
    private final RandomGenerator random;
    private final BetaDistribution churn;

    Draws(SbgParameters parameters, long seed) {
      random = new MersenneTwister(seed);
      churn = new BetaDistribution(random, parameters.alpha(), parameters.beta());
    }

    /**
     * The next customer's lifetime T (periods paid for), or {@code cap + 1} when it exceeds {@code
     * cap}: T − 1 is geometric, drawn by inversion.
     */
    long lifetime(int cap) {
      double theta = churn.sample();
      if (theta >= 1) {
        return 1;
      }
      double u = random.nextDouble();
      // P(T > t) = (1 − θ)^t, so T = 1 + floor(log(1 − u) / log(1 − θ)).
      double extra = Math.floor(Math.log1p(-u) / Math.log1p(-theta));
      return extra >= cap ? cap + 1L : 1L + (long) extra;
    }
  }
}
