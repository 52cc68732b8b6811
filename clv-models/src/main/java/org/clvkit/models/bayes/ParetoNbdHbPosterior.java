package org.clvkit.models.bayes;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.internal.ParetoNbdGibbs;
import org.clvkit.models.internal.RandomVariates;

/**
 * The draws of a Pareto/NBD hierarchical Bayes fit ({@link ParetoNbdHbFitter#sample}): every kept
 * iteration's population parameters r, α, s, β, and each customer's kept draws of the purchase rate
 * λ, the drop-out rate μ and the drop-out time τ (the alive indicator z = [τ &gt; T] follows from
 * τ), with the customer-level posterior quantities computed from them. Immutable, thread-safe and
 * {@link java.io.Serializable} (a large object: not meant as a storage format; {@link
 * org.clvkit.models.io.ModelFiles} saves the {@link #model() summary}).
 *
 * <p>Memory: the customers' draws are three primitive {@code double[]} arrays of {@code customers ×
 * draws} (customer-major), 24 bytes per customer and kept draw; the population draws 32 bytes per
 * chain and kept iteration. With {@link McmcSettings#DEFAULT} (800 customer draws) that is 19.2 kB
 * per customer, 45 MB for CDNOW's 2,357 customers.
 *
 * <p>Customer-level quantities are Rao-Blackwellised: for each kept draw the exact conditional
 * value given that draw's λ and μ — P(alive | λ, μ) = 1 / (1 + μ/(λ+μ)(e^{(λ+μ)(T−t_x)} − 1)) and
 * E[Y(t) | λ, μ] = P(alive | λ, μ) · λ/μ · (1 − e^{−μt}) — and the posterior mean is their average
 * over the draws (the posterior P(alive) and E[Y(t) | data]), the interval their 2.5 % and 97.5 %
 * quantiles (type 7), so the interval shows how uncertain the customer's rates are.
 */
public final class ParetoNbdHbPosterior implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final McmcSettings settings;
  private final double[] population;
  private final double[] lambda;
  private final double[] mu;
  private final double[] tau;
  private final int draws;
  private final ParetoNbdHbModel model;

  ParetoNbdHbPosterior(
      double[] frequency,
      double[] recency,
      double[] age,
      McmcSettings settings,
      double[] population,
      double[] lambda,
      double[] mu,
      double[] tau,
      int draws,
      ParetoNbdHbModel model) {
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.settings = settings;
    this.population = population;
    this.lambda = lambda;
    this.mu = mu;
    this.tau = tau;
    this.draws = draws;
    this.model = model;
  }

  /** The posterior summary as a model (posterior means, intervals, R-hat, ESS). */
  public ParetoNbdHbModel model() {
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

  /** The population parameters' posterior summaries, in the order r, α, s, β. */
  public List<PosteriorSummary> population() {
    return model.posterior();
  }

  /**
   * Every kept iteration's value of one population parameter, chain-major: chain c's iteration j at
   * {@code c * iterations + j}; a new array.
   *
   * @param name {@code r}, {@code alpha}, {@code s} or {@code beta}
   */
  public double[] populationDraws(String name) {
    int k = NAMES.indexOf(Checks.notNull("name", name));
    if (k < 0) {
      throw Checks.fail("name must be one of r, alpha, s, beta, was %s", name);
    }
    int total = settings.chains() * settings.iterations();
    return Arrays.copyOfRange(population, k * total, (k + 1) * total);
  }

  /** Customer i's draws of λ, chain-major; a new array. */
  public double[] lambdaDraws(int customer) {
    return row(lambda, customer);
  }

  /** Customer i's draws of μ, chain-major; a new array. */
  public double[] muDraws(int customer) {
    return row(mu, customer);
  }

  /**
   * Customer i's draws of the drop-out time τ (in periods from the first purchase); a new array.
   */
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

  /** Each customer's posterior P(alive at T) with its 95 % interval. */
  public CustomerIntervals probabilityAlive() {
    return intervals(-1);
  }

  /**
   * Each customer's posterior expected purchases in (T, T + t] with its 95 % interval.
   *
   * @param t horizon, finite and &gt;= 0, in the fitted period
   */
  public CustomerIntervals expectedPurchases(double t) {
    Checks.nonNegative("t", t);
    return intervals(t);
  }

  private CustomerIntervals intervals(double t) {
    return McmcSupport.intervals(
        size(),
        draws,
        (i, d) -> {
          int at = i * draws + d;
          double gap = age[i] - recency[i];
          return t < 0
              ? ParetoNbdGibbs.probabilityAlive(lambda[at], mu[at], gap)
              : ParetoNbdGibbs.expectedPurchases(t, lambda[at], mu[at], gap);
        });
  }

  /**
   * Posterior predictive draws of customer i's purchases in (T, T + t]: for each kept draw,
   * Poisson(λ · min(τ − T, t)) when the draw has the customer alive at T (τ &gt; T; its τ − T is
   * the Exponential(μ) remaining lifetime), else 0. Customer i draws from the (i+1)-th split of a
   * {@link SplittableRandom} seeded with {@code seed}, as in {@link #predictiveTotalPurchases}.
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
    for (int d = 0; d < draws; d++) {
      double remaining = tau[from + d] - age[i];
      double count =
          remaining > 0
              ? RandomVariates.poisson(random, lambda[from + d] * Math.min(remaining, t))
              : 0;
      out[d] = add ? out[d] + count : count;
    }
  }
}
