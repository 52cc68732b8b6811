package org.clvkit.models.internal;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;

/**
 * One chain of the Pareto/NBD hierarchical Bayes sampler (Ma &amp; Liu 2007, "The MCMC approach for
 * solving the Pareto/NBD model and possible extensions", ICNC 2007; the augmentation of each
 * customer with a drop-out time τ and alive indicator z of Abe 2009, Marketing Science 28(3),
 * technical appendix; the model of BTYDplus's {@code pnbd.mcmc.DrawParameters}): customers draw λ_i
 * ~ Gamma(r, α) and μ_i ~ Gamma(s, β), purchase at rate λ_i until τ_i ~ Exponential(μ_i), and r, α,
 * s, β have independent Gamma(h, h) hyperpriors, h = 0.001.
 *
 * <p>A two-block, partially collapsed Gibbs sampler (van Dyk &amp; Park 2008, JASA 103(482),
 * 790–796):
 *
 * <ol>
 *   <li>θ = (r, α, s, β) from p(θ | data), in which the customers' λ, μ and τ are integrated out:
 *       the hyperpriors times the Pareto/NBD likelihood. Slice sampling (Neal 2003, "Slice
 *       sampling", Annals of Statistics 31(3), with stepping out and shrinkage) along one uniformly
 *       random direction per iteration (hit and run) in ln θ whitened by the Cholesky factor of the
 *       inverse Hessian at the maximum-likelihood point, then, from the end of burn-in on, by that
 *       of the covariance of the second half of the burn-in draws (the posterior of s and β is a
 *       long curved ridge the Hessian does not see): about four likelihood evaluations per
 *       iteration;
 *   <li>each customer's (z, τ, λ, μ) from p(· | θ, data) exactly: alive with the Pareto/NBD P(alive
 *       | θ, x, t_x, T); when alive τ − T ~ Lomax(s, β + T) by inversion, else τ on (t_x, T] with
 *       density ∝ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)}, log-convex, by rejection under the exponential
 *       through its two ends (the chord of a convex log-density lies above it); then λ ~ Gamma(r +
 *       x, α + min(τ, T)) and μ ~ Gamma(s + 1, β + τ).
 * </ol>
 *
 * <p>Block 2 runs only on the iterations whose customer draws are kept (block 1 does not depend on
 * it). Drawing θ with the customers' rates integrated out is what makes the chains mix: the scheme
 * that slice-samples θ given the λ's and μ's (BTYDplus's) left s and β with an effective sample
 * size of about 20 and split R-hat 1.14 after 4 chains × 2,000 iterations on CDNOW, because most
 * customers carry so little information that their latent rates mostly echo the current θ. One
 * chain uses one stream, customers in order, so a seed gives the same chain on any thread.
 */
public final class ParetoNbdGibbs {
  /** The hyperprior's shape and rate h on each of r, α, s, β. */
  public static final double HYPER = 0.001;

  /** Initial slice width in whitened units (posterior standard deviations near the mode). */
  static final double WIDTH = 2.0;

  private static final int MAX_TRIES = 100_000;

  private final double[] x;
  private final double[] tx;
  private final double[] age;
  private final double[] centre;
  private final double[][] cholesky;

  /**
   * A sampler of these customers.
   *
   * @param frequency x per customer (validated by the caller)
   * @param recency t_x per customer
   * @param age T per customer
   * @param centre ln θ at which the whitening is centred (the ML estimate)
   * @param cholesky lower-triangular L with L Lᵀ the covariance of ln θ used for whitening
   */
  public ParetoNbdGibbs(
      double[] frequency, double[] recency, double[] age, double[] centre, double[][] cholesky) {
    this.x = frequency;
    this.tx = recency;
    this.age = age;
    this.centre = centre;
    this.cholesky = cholesky;
  }

  /** Where a chain writes its kept draws, chain-major and customer-major respectively. */
  public static final class Output {
    final double[] population;
    final double[] lambda;
    final double[] mu;
    final double[] tau;
    final int draws;

    /**
     * @param population r, α, s, β of every iteration after burn-in: parameter k of chain c's draw
     *     j at {@code k * chains * iterations + c * iterations + j}
     * @param lambda customer i's kept draw d at {@code i * draws + d}
     * @param mu as lambda
     * @param tau as lambda
     * @param draws kept customer draws over all chains
     */
    public Output(double[] population, double[] lambda, double[] mu, double[] tau, int draws) {
      this.population = population;
      this.lambda = lambda;
      this.mu = mu;
      this.tau = tau;
      this.draws = draws;
    }
  }

  /**
   * The bound on |ln θ_k|: the hyperpriors are truncated to θ_k in [e^{−15}, e^{15}] (3.1e-7 to
   * 3.3e6 in the data's period), where the Pareto/NBD likelihood stays computable (beyond it the
   * hypergeometric argument |α − β| / (max(α, β) + t) rounds to 1). Posterior mass out there is nil
   * for any data set with a few customers who buy again.
   */
  public static final double LOG_BOUND = 15;

  /**
   * The log-posterior of θ in ln θ, up to a constant: the Pareto/NBD log-likelihood plus Σ_k (h ln
   * θ_k − h θ_k) (the Gamma(h, h) hyperpriors with the Jacobian θ_k); −∞ outside |ln θ_k| &lt;=
   * {@link #LOG_BOUND} and where the likelihood cannot be evaluated (its hypergeometric series
   * fails at extreme parameters): the prior is truncated to where the likelihood is computable.
   */
  public static double logPosterior(LogLikelihood likelihood, double[] logTheta, double[] theta) {
    double prior = 0;
    for (int k = 0; k < 4; k++) {
      if (!(Math.abs(logTheta[k]) <= LOG_BOUND)) {
        return Double.NEGATIVE_INFINITY;
      }
      theta[k] = Math.exp(logTheta[k]);
      prior += HYPER * logTheta[k] - HYPER * theta[k];
    }
    double value;
    try {
      value = likelihood.value(theta) + prior;
    } catch (ArithmeticException | IllegalArgumentException e) {
      // The hypergeometric series or its quadrature gave up (ArithmeticException), or its argument
      // rounded to 1 (ClvArgumentException): parameters this extreme are outside the support.
      return Double.NEGATIVE_INFINITY;
    }
    return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
  }

  /**
   * Runs chain {@code chain} of {@code chains}.
   *
   * @param random the chain's own stream
   * @param likelihood the Pareto/NBD log-likelihood of the data, for this chain alone
   * @param start ln θ to start from
   * @param burnin iterations discarded
   * @param iterations iterations kept for the population parameters
   * @param thin every thin-th kept iteration is kept for the customers
   * @param chain this chain's index
   * @param chains number of chains
   * @param out where the draws go
   */
  public void run(
      SplittableRandom random,
      LogLikelihood likelihood,
      double[] start,
      int burnin,
      int iterations,
      int thin,
      int chain,
      int chains,
      Output out) {
    int n = x.length;
    double[] v = start.clone();
    double[] trial = new double[4];
    double[] theta = new double[4];
    double[] value = new double[1];
    double[] alive = new double[n];
    double[] unit = new double[4];
    double[] direction = new double[4];
    double current = logPosterior(likelihood, v, theta);
    if (current == Double.NEGATIVE_INFINITY) {
      v = centre.clone();
      current = logPosterior(likelihood, v, theta);
    }
    int keptPerChain = iterations / thin;
    long stride = (long) chains * iterations;
    double[][] axes = cholesky;
    int adaptFrom = burnin / 2;
    double[] sum = new double[4];
    double[][] products = new double[4][4];
    for (int step = 0; step < burnin + iterations; step++) {
      if (step == burnin && burnin - adaptFrom >= 50) {
        axes = adapted(sum, products, burnin - adaptFrom, cholesky);
      }
      // Hit-and-run slice step: along a uniformly random direction of the whitened space.
      double norm = 0;
      for (int k = 0; k < 4; k++) {
        unit[k] = random.nextGaussian();
        norm += unit[k] * unit[k];
      }
      norm = Math.sqrt(norm);
      for (int k = 0; k < 4; k++) {
        direction[k] = 0;
        for (int j = 0; j <= k; j++) {
          direction[k] += axes[k][j] * unit[j] / norm;
        }
      }
      double[] base = v.clone();
      DoubleUnaryOperator f =
          t -> {
            for (int k = 0; k < 4; k++) {
              trial[k] = base[k] + t * direction[k];
            }
            return logPosterior(likelihood, trial, theta);
          };
      double moved = SliceSampler.step(random, 0.0, current, f, WIDTH, value);
      for (int k = 0; k < 4; k++) {
        v[k] = base[k] + moved * direction[k];
      }
      current = value[0];
      if (step >= adaptFrom && step < burnin) {
        for (int k = 0; k < 4; k++) {
          sum[k] += v[k];
          for (int j = 0; j < 4; j++) {
            products[k][j] += v[k] * v[j];
          }
        }
      }
      int kept = step - burnin;
      if (kept < 0) {
        continue;
      }
      double r = Math.exp(v[0]);
      double alpha = Math.exp(v[1]);
      double s = Math.exp(v[2]);
      double beta = Math.exp(v[3]);
      int at0 = chain * iterations + kept;
      out.population[at0] = r;
      out.population[(int) (stride + at0)] = alpha;
      out.population[(int) (2 * stride + at0)] = s;
      out.population[(int) (3 * stride + at0)] = beta;
      if (out.draws == 0 || (kept + 1) % thin != 0 || kept / thin >= keptPerChain) {
        continue;
      }
      ParetoNbdModel.of(new ParetoNbdParameters(r, alpha, s, beta))
          .probabilityAlive(x, tx, age, alive, 0, n);
      int d = chain * keptPerChain + kept / thin;
      for (int i = 0; i < n; i++) {
        double t;
        if (random.nextDouble() < alive[i]) {
          // τ − T | alive ~ Lomax(s, β + T): (β + T)(U^{−1/s} − 1).
          t = age[i] + (beta + age[i]) * Math.expm1(RandomVariates.exponential(random) / s);
        } else {
          t = deadTime(random, r + x[i], alpha, s + 1, beta, tx[i], age[i]);
        }
        int at = i * out.draws + d;
        out.tau[at] = t;
        out.lambda[at] =
            Math.max(
                RandomVariates.gamma(random, r + x[i], alpha + Math.min(t, age[i])),
                Double.MIN_NORMAL);
        out.mu[at] = Math.max(RandomVariates.gamma(random, s + 1, beta + t), Double.MIN_NORMAL);
      }
    }
  }

  /**
   * The Cholesky factor of the covariance of the second half of the burn-in's draws (Haario,
   * Saksman &amp; Tamminen 2001, adaptation stopped at the end of burn-in, so the kept draws come
   * from a fixed kernel); {@code fallback} when that covariance is not positive definite.
   */
  static double[][] adapted(double[] sum, double[][] products, int count, double[][] fallback) {
    double[][] l = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j <= i; j++) {
        double c = (products[i][j] - sum[i] * sum[j] / count) / (count - 1);
        for (int k = 0; k < j; k++) {
          c -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(c > 1e-12)) {
            return fallback;
          }
          l[i][i] = Math.sqrt(c);
        } else {
          l[i][j] = c / l[j][j];
        }
      }
    }
    return l;
  }

  /**
   * A drop-out time on (lo, hi] with density ∝ (a + τ)^{−p} (b + τ)^{−q}: drawn from the steeper of
   * the two power-law factors truncated to (lo, hi] by inversion, accepted with the probability the
   * other factor has fallen since lo (at most 1, since both decrease). The steeper factor holds the
   * mass near lo, where the other is near its maximum, so the acceptance rate stays high even at
   * extreme parameters.
   */
  static double deadTime(
      SplittableRandom random, double p, double a, double q, double b, double lo, double hi) {
    double dropA = p * Math.log((a + hi) / (a + lo));
    double dropB = q * Math.log((b + hi) / (b + lo));
    boolean fromA = dropA >= dropB;
    double c = fromA ? a : b;
    double k = fromA ? p : q;
    double other = fromA ? b : a;
    double otherPower = fromA ? q : p;
    for (int tries = 0; tries < MAX_TRIES; tries++) {
      double t = powerLaw(random, c, k, lo, hi);
      double logAccept = -otherPower * Math.log((other + t) / (other + lo));
      if (Math.log(RandomVariates.openUniform(random)) <= logAccept) {
        return t;
      }
    }
    throw new IllegalStateException(
        "drop-out time sampler accepted nothing in " + MAX_TRIES + " tries");
  }

  /** A draw from the density ∝ (c + τ)^{−k} on (lo, hi] by inversion, in logs. */
  static double powerLaw(SplittableRandom random, double c, double k, double lo, double hi) {
    double w0 = c + lo;
    double span = Math.log((c + hi) / w0);
    double u = RandomVariates.openUniform(random);
    double e = (1 - k) * span;
    double logW;
    if (Math.abs(e) < 1e-12) {
      logW = u * span;
    } else {
      logW = Math.log1p(u * Math.expm1(e)) / (1 - k);
    }
    double t = w0 * Math.exp(Math.min(Math.max(logW, 0), span)) - c;
    return Math.min(Math.max(t, lo), hi);
  }

  /**
   * P(alive at T | λ, μ, x, t_x, T) = 1 / (1 + μ/(λ+μ) (e^{(λ+μ)(T−t_x)} − 1)); 1 when T = t_x.
   *
   * @param lambda purchase rate, &gt; 0
   * @param mu drop-out rate, &gt; 0
   * @param gap T − t_x, &gt;= 0
   */
  public static double probabilityAlive(double lambda, double mu, double gap) {
    double c = lambda + mu;
    double a = c * gap;
    if (!(a > 0)) {
      return 1.0;
    }
    if (a < 700) {
      return 1 / (1 + mu / c * Math.expm1(a));
    }
    // e^a overflows: P = 1 / (1 + e^d) with log-odds d = ln(μ/c) + a + ln(1 − e^{−a}) ~ ln(μ/c) +
    // a.
    double logOdds = Math.log(mu / c) + a;
    return logOdds > 0
        ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds))
        : 1 / (1 + Math.exp(logOdds));
  }

  /**
   * Expected purchases in (T, T + t] given λ, μ and the history: P(alive | λ, μ) · λ/μ (1 −
   * e^{−μt}) (alive at T, the remaining lifetime is Exponential(μ) by memorylessness).
   */
  public static double expectedPurchases(double t, double lambda, double mu, double gap) {
    return probabilityAlive(lambda, mu, gap) * lambda * (-Math.expm1(-mu * t)) / mu;
  }
}
