package org.clvkit.models.bdw;

import java.io.Serializable;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;

/**
 * Simulates customers from the beta-discrete-Weibull model with known parameters: each customer
 * draws θ ~ Beta(α, β) and then survives t periods with probability (1 − θ)^(t^c) (Fader, Hardie,
 * Liu, Davin &amp; Steenburgh 2018; at c = 1 the sBG of Fader &amp; Hardie 2007, section 3).
 * Immutable and thread-safe: every method takes its seed, and the same seed gives the same
 * customers.
 */
public final class BdwSimulator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BdwParameters parameters;

  private BdwSimulator(BdwParameters parameters) {
    this.parameters = Checks.notNull("parameters", parameters);
  }

  /**
   * A simulator for the given parameters.
   *
   * @param parameters alpha, beta
   */
  public static BdwSimulator of(BdwParameters parameters) {
    return new BdwSimulator(parameters);
  }

  /** The parameters simulated from. */
  public BdwParameters parameters() {
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
   * active after t periods, t = 0 … periods, in the form {@link BdwFitter#fitSurvivors} takes.
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
    private final double c;

    Draws(BdwParameters parameters, long seed) {
      random = new MersenneTwister(seed);
      churn = new BetaDistribution(random, parameters.alpha(), parameters.beta());
      c = parameters.c();
    }

    /**
     * The next customer's lifetime T (periods paid for), or {@code cap + 1} when it exceeds {@code
     * cap}, drawn by inversion: P(T &gt; t) = (1 − θ)^(t^c) = P(u &lt; (1 − θ)^(t^c)) for u
     * uniform, so T is the least t with t^c &gt;= ln u / ln(1 − θ).
     */
    long lifetime(int cap) {
      double theta = churn.sample();
      if (theta >= 1) {
        return 1;
      }
      double u = 1 - random.nextDouble(); // in (0, 1]
      double y = Math.log(u) / Math.log1p(-theta); // >= 0
      double t = Math.ceil(Math.pow(y, 1 / c));
      return t >= cap + 1 ? cap + 1L : Math.max(1L, (long) t);
    }
  }
}
