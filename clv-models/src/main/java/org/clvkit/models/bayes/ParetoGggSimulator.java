package org.clvkit.models.bayes;

import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.RandomVariates;

/**
 * Simulates customers from the Pareto/GGG with known parameters (the process of BTYDplus's {@code
 * pggg.GenerateData}), for tests (parameter recovery), examples and benchmarks. Immutable; the same
 * seed and ages give the same customers.
 *
 * <p>Customer i draws k ~ Gamma(t, γ), λ ~ Gamma(r, α), μ ~ Gamma(s, β) and τ ~ Exponential(μ);
 * from the first purchase at 0, repeat purchases follow at Gamma(k, kλ) intervals while before τ.
 * The calibration summary counts the repeat purchases in (0, T] (x, the last at t_x, and litt = Σ
 * ln of the x intervals); the holdout counts those in (T, T + holdout]. BTYDplus floors k at 0.1;
 * here k is not floored, so the data follow the model exactly. Customer i draws from the (i+1)-th
 * split of a {@link SplittableRandom} seeded with {@code seed}.
 */
public final class ParetoGggSimulator {
  private final ParetoGggParameters parameters;
  private final long seed;

  private ParetoGggSimulator(ParetoGggParameters parameters, long seed) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.seed = seed;
  }

  /**
   * A simulator.
   *
   * @param parameters the parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static ParetoGggSimulator of(ParetoGggParameters parameters, long seed) {
    return new ParetoGggSimulator(parameters, seed);
  }

  /** Simulated customers: their calibration histories and their true latent values. */
  public static final class Customers {
    private final CustomerHistories histories;
    private final double[] k;
    private final double[] lambda;
    private final double[] mu;
    private final double[] tau;
    private final double[] holdout;

    private Customers(
        CustomerHistories histories,
        double[] k,
        double[] lambda,
        double[] mu,
        double[] tau,
        double[] holdout) {
      this.histories = histories;
      this.k = k;
      this.lambda = lambda;
      this.mu = mu;
      this.tau = tau;
      this.holdout = holdout;
    }

    /** The calibration histories, with the litt column. */
    public CustomerHistories histories() {
      return histories;
    }

    /** Each customer's regularity k; a new array. */
    public double[] k() {
      return k.clone();
    }

    /** Each customer's purchase rate λ; a new array. */
    public double[] lambda() {
      return lambda.clone();
    }

    /** Each customer's drop-out rate μ; a new array. */
    public double[] mu() {
      return mu.clone();
    }

    /** Each customer's drop-out time τ after the first purchase; a new array. */
    public double[] tau() {
      return tau.clone();
    }

    /** Each customer's repeat purchases in (T, T + holdout]; a new array. */
    public double[] holdoutPurchases() {
      return holdout.clone();
    }
  }

  /**
   * Simulates one customer per age.
   *
   * @param ages each customer's age T, finite and &gt;= 0, at least one
   * @param holdout length of the holdout period, finite and &gt;= 0
   */
  public Customers simulate(double[] ages, double holdout) {
    Checks.notNull("ages", ages);
    if (ages.length == 0) {
      throw Checks.fail("ages must hold at least one customer, was empty");
    }
    Checks.nonNegative("holdout", holdout);
    int n = ages.length;
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] litt = new double[n];
    double[] ks = new double[n];
    double[] lambdas = new double[n];
    double[] mus = new double[n];
    double[] taus = new double[n];
    double[] future = new double[n];
    SplittableRandom root = new SplittableRandom(seed);
    ParetoGggParameters p = parameters;
    for (int i = 0; i < n; i++) {
      double age = Checks.nonNegative(Checks.indexed("ages", i), ages[i]);
      SplittableRandom random = root.split();
      double k = RandomVariates.gamma(random, p.t(), p.gamma());
      double lambda = RandomVariates.gamma(random, p.r(), p.alpha());
      double mu = RandomVariates.gamma(random, p.s(), p.beta());
      double tau = RandomVariates.exponential(random) / mu;
      ks[i] = k;
      lambdas[i] = lambda;
      mus[i] = mu;
      taus[i] = tau;
      double end = Math.min(tau, age + holdout);
      double time = 0;
      while (true) {
        double gap = RandomVariates.gamma(random, k, k * lambda);
        if (!(gap > 0)) {
          gap = Double.MIN_NORMAL;
        }
        time += gap;
        if (time > end) {
          break;
        }
        if (time <= age) {
          x[i]++;
          tx[i] = time;
          litt[i] += Math.log(gap);
        } else {
          future[i]++;
        }
      }
    }
    CustomerHistories histories = CustomerHistories.of(x, tx, ages.clone()).withLitt(litt);
    return new Customers(histories, ks, lambdas, mus, taus, future);
  }
}
