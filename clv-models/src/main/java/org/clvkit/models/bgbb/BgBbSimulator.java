package org.clvkit.models.bgbb;

import java.io.Serializable;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Simulates customers from the BG/BB model with known parameters: each customer draws p ~ Beta(α,
 * β) and θ ~ Beta(γ, δ); at each of the opportunities 1, 2, … an alive customer first dies with
 * probability θ and, if still alive, buys with probability p (Fader, Hardie &amp; Shang 2010,
 * section 3). Immutable and thread-safe: every method takes its seed, and the same seed gives the
 * same customers.
 */
public final class BgBbSimulator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BgBbParameters parameters;

  private BgBbSimulator(BgBbParameters parameters) {
    this.parameters = Checks.notNull("parameters", parameters);
  }

  /**
   * A simulator for the given parameters.
   *
   * @param parameters alpha, beta, gamma, delta
   */
  public static BgBbSimulator of(BgBbParameters parameters) {
    return new BgBbSimulator(parameters);
  }

  /** The parameters simulated from. */
  public BgBbParameters parameters() {
    return parameters;
  }

  /**
   * Histories of {@code customers} customers observed for the same number of opportunities.
   *
   * @param customers number of customers, &gt; 0
   * @param opportunities opportunities n after the first purchase, &gt;= 0
   * @param seed seed of the random numbers
   * @return one row per customer: frequency x, recency t_x and age n
   */
  public CustomerHistories simulate(int customers, int opportunities, long seed) {
    Checks.positive("customers", customers);
    Checks.nonNegative("opportunities", opportunities);
    double[] n = new double[customers];
    java.util.Arrays.fill(n, opportunities);
    return simulate(n, seed);
  }

  /**
   * Histories of customers observed for different numbers of opportunities (for example cohorts
   * that joined in different years), one customer per entry of {@code opportunities}.
   *
   * @param opportunities opportunities n of each customer, whole numbers &gt;= 0, not empty
   * @param seed seed of the random numbers
   * @return one row per customer: frequency x, recency t_x and age n
   */
  public CustomerHistories simulate(double[] opportunities, long seed) {
    Checks.notEmpty("opportunities", opportunities);
    for (int i = 0; i < opportunities.length; i++) {
      Checks.count(Checks.indexed("opportunities", i), opportunities[i]);
    }
    int customers = opportunities.length;
    double[] x = new double[customers];
    double[] tx = new double[customers];
    Draws draws = new Draws(parameters, seed);
    for (int c = 0; c < customers; c++) {
      draws.next();
      int purchases = 0;
      int last = 0;
      long n = (long) opportunities[c];
      for (long t = 1; t <= n; t++) {
        if (!draws.survives()) {
          break;
        }
        if (draws.buys()) {
          purchases++;
          last = (int) t;
        }
      }
      x[c] = purchases;
      tx[c] = last;
    }
    return CustomerHistories.of(x, tx, opportunities);
  }

  /**
   * The opportunities (1 … n) at which each customer bought, for the same customers as {@link
   * #simulate(int, int, long)} with the same seed.
   *
   * @param customers number of customers, &gt; 0
   * @param opportunities opportunities n after the first purchase, &gt;= 0
   * @param seed seed of the random numbers
   * @return for each customer the increasing opportunities of its purchases
   */
  public int[][] purchaseOpportunities(int customers, int opportunities, long seed) {
    Checks.positive("customers", customers);
    Checks.nonNegative("opportunities", opportunities);
    int[][] out = new int[customers][];
    int[] buffer = new int[opportunities];
    Draws draws = new Draws(parameters, seed);
    for (int c = 0; c < customers; c++) {
      draws.next();
      int purchases = 0;
      for (int t = 1; t <= opportunities; t++) {
        if (!draws.survives()) {
          break;
        }
        if (draws.buys()) {
          buffer[purchases++] = t;
        }
      }
      out[c] = java.util.Arrays.copyOf(buffer, purchases);
    }
    return out;
  }

  /** One stream of random numbers and the current customer's p and θ. */
  private static final class Draws {
    private final RandomGenerator random;
    private final BetaDistribution purchase;
    private final BetaDistribution dropout;
    private double p;
    private double theta;

    Draws(BgBbParameters parameters, long seed) {
      random = new MersenneTwister(seed);
      purchase = new BetaDistribution(random, parameters.alpha(), parameters.beta());
      dropout = new BetaDistribution(random, parameters.gamma(), parameters.delta());
    }

    void next() {
      p = purchase.sample();
      theta = dropout.sample();
    }

    boolean survives() {
      return random.nextDouble() >= theta;
    }

    boolean buys() {
      return random.nextDouble() < p;
    }
  }
}
