package org.clvkit.models.bayes;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.internal.ParetoGggGibbs;

/**
 * The draws of a Pareto/GGG fit ({@link ParetoGggFitter#sample}): every kept iteration's
 * hyperparameters t, γ, r, α, s, β, and each customer's kept draws of the regularity k, the
 * purchase rate λ, the drop-out rate μ and the drop-out time τ (the alive indicator z = [τ &gt; T]
 * follows from τ), with the customer-level posterior quantities computed from them. Immutable,
 * thread-safe and {@link java.io.Serializable} (a large object, not a storage format: {@link
 * org.clvkit.models.io.ModelFiles} saves the {@link #model() summary}).
 *
 * <p>Memory: the customers' draws are four primitive {@code double[]} arrays of {@code customers ×
 * draws} (customer-major), 32 bytes per customer and kept draw; the hyperparameter draws 48 bytes
 * per chain and kept iteration. With {@link McmcSettings#DEFAULT} (800 customer draws) that is 25.6
 * kB per customer, 60 MB for CDNOW's 2,357 customers.
 *
 * <p>P(alive) is Rao-Blackwellised: for each kept draw the exact P(alive | k, λ, μ, history)
 * (closed form; Platzer &amp; Reutterer 2016, the appendix's P(alive), whose integral is done
 * analytically here), averaged over the draws, with the 2.5 % and 97.5 % quantiles (type 7) of the
 * per-draw values as interval. Expected purchases have no closed form given a draw (a delayed gamma
 * renewal process): each draw's conditional expectation is estimated by {@code paths} simulated
 * continuations from that draw's k, λ and τ (the first inter-purchase time after T conditioned on
 * outlasting the gap since the last purchase, as BTYDplus's {@code mcmc.DrawFutureTransactions}),
 * and those estimates are averaged and their quantiles taken.
 */
public final class ParetoGggPosterior implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Simulated continuations per draw in {@link #expectedPurchases(double)}. */
  public static final int DEFAULT_PATHS = 10;

  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final McmcSettings settings;
  private final double[] population;
  private final double[] k;
  private final double[] lambda;
  private final double[] mu;
  private final double[] tau;
  private final int draws;
  private final ParetoGggModel model;

  ParetoGggPosterior(
      double[] frequency,
      double[] recency,
      double[] age,
      McmcSettings settings,
      double[] population,
      double[] k,
      double[] lambda,
      double[] mu,
      double[] tau,
      int draws,
      ParetoGggModel model) {
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.settings = settings;
    this.population = population;
    this.k = k;
    this.lambda = lambda;
    this.mu = mu;
    this.tau = tau;
    this.draws = draws;
    this.model = model;
  }

  /** The posterior summary as a model (posterior means, intervals, R-hat, ESS). */
  public ParetoGggModel model() {
    return model;
  }

  /** The settings the chains ran with. */
  public McmcSettings settings() {
    return settings;
  }

  /** Number of customers. */
  public int size() {
    return frequency.length;
  }

  /** Kept draws per customer over all chains, {@link McmcSettings#customerDraws()}. */
  public int draws() {
    return draws;
  }

  /** The hyperparameters' posterior summaries, in the order t, γ, r, α, s, β. */
  public List<PosteriorSummary> population() {
    return model.posterior();
  }

  /**
   * Every kept iteration's value of one hyperparameter, chain-major: chain c's iteration j at
   * {@code c * iterations + j}; a new array.
   *
   * @param name {@code t}, {@code gamma}, {@code r}, {@code alpha}, {@code s} or {@code beta}
   */
  public double[] populationDraws(String name) {
    int j = ParetoGggFitter.NAMES.indexOf(Checks.notNull("name", name));
    if (j < 0) {
      throw Checks.fail("name must be one of t, gamma, r, alpha, s, beta, was %s", name);
    }
    int total = settings.chains() * settings.iterations();
    return Arrays.copyOfRange(population, j * total, (j + 1) * total);
  }

  /** Customers drawn per population draw in {@link #newCustomerPurchases(double)}. */
  public static final int DEFAULT_NEW_CUSTOMER_PATHS = 200;

  /**
   * Expected repeat purchases in (0, t] of a customer not yet acquired, E[X(t)], over the
   * posterior: {@link #newCustomerPurchases(double, int, long)} with {@value
   * #DEFAULT_NEW_CUSTOMER_PATHS} customers per draw and the settings' seed.
   *
   * @param t horizon, finite and &gt;= 0, in the fitted period
   */
  public PosteriorSummary newCustomerPurchases(double t) {
    return newCustomerPurchases(t, DEFAULT_NEW_CUSTOMER_PATHS, settings.seed());
  }

  /**
   * Expected repeat purchases in (0, t] of a customer not yet acquired, E[X(t) | θ], over the
   * posterior of θ = (t, γ, r, α, s, β): for every thin-th kept iteration of each chain (the
   * iterations whose customers' draws are kept), the exact E[X(t) | k, λ, μ] averaged over {@code
   * paths} customers drawn from that iteration's population, every iteration from a fresh {@link
   * SplittableRandom} seeded with {@code seed} (common random numbers, so that the spread across
   * iterations is the posterior's, not the simulation's). The summary's mean, 95 % interval, R-hat
   * and effective sample size are over those values (the interval also holds a little Monte Carlo
   * noise: about 1/√paths of the per-customer spread).
   *
   * @param t horizon, finite and &gt;= 0
   * @param paths customers drawn per population draw, &gt;= 1
   * @param seed seed of the draws
   * @return the posterior summary, named {@code "E[X(t)]"}
   */
  public PosteriorSummary newCustomerPurchases(double t, int paths, long seed) {
    Checks.finite("t", t);
    Checks.nonNegative("t", t);
    Checks.positive("paths", paths);
    int chains = settings.chains();
    int iterations = settings.iterations();
    int thin = settings.thin();
    int kept = iterations / thin;
    int total = chains * iterations;
    int p = ParetoGggFitter.NAMES.size();
    double[] values = new double[chains * kept];
    double[] theta = new double[p];
    for (int c = 0; c < chains; c++) {
      for (int j = 0; j < kept; j++) {
        int at = c * iterations + (j + 1) * thin - 1;
        for (int q = 0; q < p; q++) {
          theta[q] = population[q * total + at];
        }
        values[c * kept + j] =
            ParetoGggNewCustomers.expected(theta, t, paths, new SplittableRandom(seed));
      }
    }
    return McmcSupport.summary("E[X(t)]", values, 0, chains, kept);
  }

  /** Customer i's draws of the regularity k, chain-major; a new array. */
  public double[] kDraws(int customer) {
    return row(k, customer);
  }

  /** Customer i's draws of λ, chain-major; a new array. */
  public double[] lambdaDraws(int customer) {
    return row(lambda, customer);
  }

  /** Customer i's draws of μ, chain-major; a new array. */
  public double[] muDraws(int customer) {
    return row(mu, customer);
  }

  /** Customer i's draws of the drop-out time τ (periods from the first purchase); a new array. */
  public double[] tauDraws(int customer) {
    return row(tau, customer);
  }

  /** Customer i's draws of the alive indicator z = [τ &gt; T]; a new array. */
  public boolean[] aliveDraws(int customer) {
    double[] t = row(tau, customer);
    boolean[] out = new boolean[draws];
    for (int d = 0; d < draws; d++) {
      out[d] = t[d] > age[customer];
    }
    return out;
  }

  private double[] row(double[] values, int customer) {
    Checks.index("customer", customer, size());
    int from = customer * draws;
    return Arrays.copyOfRange(values, from, from + draws);
  }

  /** Each customer's posterior mean regularity k with its 95 % interval. */
  public CustomerIntervals regularity() {
    return McmcSupport.intervals(size(), draws, (i, d) -> k[i * draws + d]);
  }

  /** Each customer's posterior P(alive at T) with its 95 % interval. */
  public CustomerIntervals probabilityAlive() {
    return McmcSupport.intervals(
        size(),
        draws,
        (i, d) -> {
          int at = i * draws + d;
          return ParetoGggGibbs.probabilityAlive(k[at], lambda[at], mu[at], age[i] - recency[i]);
        });
  }

  /**
   * Each customer's posterior expected purchases in (T, T + t] with its 95 % interval, from {@link
   * #DEFAULT_PATHS} continuations per draw seeded with the settings' seed.
   *
   * @param t horizon, finite and &gt;= 0, in the fitted period
   */
  public CustomerIntervals expectedPurchases(double t) {
    return expectedPurchases(t, DEFAULT_PATHS, settings.seed());
  }

  /**
   * Each customer's posterior expected purchases in (T, T + t] with its 95 % interval: per draw the
   * mean of {@code paths} simulated continuations (0 for a draw with the customer dead at T).
   * Customer i simulates from the (i+1)-th split of a {@link SplittableRandom} seeded with {@code
   * seed}.
   *
   * @param t horizon, finite and &gt;= 0
   * @param paths continuations per draw, &gt;= 1
   * @param seed seed of the simulation
   */
  public CustomerIntervals expectedPurchases(double t, int paths, long seed) {
    Checks.nonNegative("t", t);
    Checks.positive("paths", paths);
    SplittableRandom root = new SplittableRandom(seed);
    // The intervals visit customers in order and each customer's draws in order: customer i's
    // stream is the (i+1)-th split, taken at its first draw.
    SplittableRandom[] current = new SplittableRandom[1];
    return McmcSupport.intervals(
        size(),
        draws,
        (i, d) -> {
          if (d == 0) {
            current[0] = root.split();
          }
          int at = i * draws + d;
          double remaining = tau[at] - age[i];
          double total = 0;
          if (remaining > 0) {
            double gap = age[i] - recency[i];
            for (int path = 0; path < paths; path++) {
              total +=
                  ParetoGggGibbs.simulatePurchases(
                      current[0], t, k[at], lambda[at], remaining, gap);
            }
          }
          return total / paths;
        });
  }

  /**
   * Posterior predictive draws of customer i's purchases in (T, T + t]: for each kept draw one
   * simulated continuation (0 when the draw has the customer dead at T). Customer i draws from the
   * (i+1)-th split of a {@link SplittableRandom} seeded with {@code seed}, as in {@link
   * #predictiveTotalPurchases}.
   *
   * @param t horizon, finite and &gt;= 0
   * @param customer the customer's row
   * @param seed seed of the predictive draws
   * @return one count per kept draw, chain-major
   */
  public double[] predictivePurchases(double t, int customer, long seed) {
    Checks.nonNegative("t", t);
    Checks.index("customer", customer, size());
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom random = root.split();
    for (int i = 0; i < customer; i++) {
      random = root.split();
    }
    double[] out = new double[draws];
    predict(t, customer, random, out, false);
    return out;
  }

  /**
   * Posterior predictive draws of all customers' purchases in the next t periods: entry d is the
   * sum over customers of their d-th predictive draw ({@link #predictivePurchases}, same seed).
   *
   * @param t horizon, finite and &gt;= 0
   * @param seed seed of the predictive draws
   */
  public double[] predictiveTotalPurchases(double t, long seed) {
    Checks.nonNegative("t", t);
    SplittableRandom root = new SplittableRandom(seed);
    double[] out = new double[draws];
    for (int i = 0; i < size(); i++) {
      predict(t, i, root.split(), out, true);
    }
    return out;
  }

  private void predict(double t, int i, SplittableRandom random, double[] out, boolean add) {
    int from = i * draws;
    double gap = age[i] - recency[i];
    for (int d = 0; d < draws; d++) {
      double remaining = tau[from + d] - age[i];
      double count =
          remaining > 0
              ? ParetoGggGibbs.simulatePurchases(
                  random, t, k[from + d], lambda[from + d], remaining, gap)
              : 0;
      out[d] = add ? out[d] + count : count;
    }
  }
}
