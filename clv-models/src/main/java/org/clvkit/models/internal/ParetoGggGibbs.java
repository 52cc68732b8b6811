package org.clvkit.models.internal;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * One chain of the Pareto/GGG sampler (Platzer &amp; Reutterer 2016, "Ticking away the moments:
 * timing regularity helps to better predict customer activity", Marketing Science 35(5), 779–799;
 * the model of BTYDplus's {@code pggg.mcmc.DrawParameters}). Customer i has a regularity k_i ~
 * Gamma(t, γ), a purchase rate λ_i ~ Gamma(r, α) and a drop-out rate μ_i ~ Gamma(s, β); while alive
 * (until τ_i ~ Exponential(μ_i) after the first purchase) the inter-purchase times are Gamma(k_i,
 * k_i λ_i) (mean 1/λ_i, coefficient of variation 1/√k_i). The six hyperparameters have independent
 * Gamma(h, h) hyperpriors, h = 0.001, as in BTYDplus.
 *
 * <p>Given a customer's k, λ and τ, the data (x repeat purchases, the last at t_x, age T, and litt
 * = Σ ln of the x inter-purchase times) have the likelihood (kλ)^{kx} Γ(k)^{−x} e^{(k−1) litt − kλ
 * t_x} Q(k, kλ d), d = min(τ, T) − t_x, Q the regularized upper incomplete gamma function (the
 * inter-purchase time running at t_x outlasts d). The sampler augments each customer with that
 * running time y ~ Gamma(k, kλ) truncated to (d, ∞) (none when d = 0): given y the customer has m =
 * x + 1 complete Gamma(k, kλ) intervals, so k and λ have conditionals free of Q (λ's is conjugate)
 * and the λ's integrate out of (r, α) in closed form. One iteration:
 *
 * <ol>
 *   <li>per customer, (z, τ) exactly from p(z, τ | k, λ, μ) with y integrated out: alive with
 *       probability P(alive | k, λ, μ) (closed form, {@link #probabilityAlive}); alive, τ = T +
 *       Exponential(μ); else τ − t_x on (0, T − t_x) with density ∝ e^{−μu} Q(k, kλu), by rejection
 *       (u from the truncated exponential, accepted when a Gamma(k, kλ) inter-purchase time
 *       outlasts it) or, when that would accept less than one in ten, by inverting its closed-form
 *       distribution function; then y | τ, k, λ exactly ({@link #leftTruncatedGamma}); then k | λ,
 *       y by one slice update in ln k (Neal 2003, stepping out and shrinkage);
 *   <li>(s, β) with the μ's and the alive customers' τ's integrated out (partially collapsed Gibbs,
 *       van Dyk &amp; Park 2008): each customer contributes the Lomax probability (β/(β+T))^s when
 *       alive and the Lomax density s β^s (β+τ)^{−(s+1)} when not; s | β is then Gamma(h + dead, h
 *       + Σ ln(1 + e_i/β)) exactly (e_i = T_i or τ_i) and β | s a slice update; then the alive τ −
 *       T ~ Lomax(s, β + T) and every μ ~ Gamma(s + 1, β + τ), as the collapsed block requires (the
 *       alive τ's do not enter y's bound, which uses min(τ, T));
 *   <li>{@link #RATE_CYCLES} times: (r, α) with the λ's integrated out given k and y, then every λ
 *       and α exactly (see {@code drawRate}), y | τ, k, λ redrawn between cycles; then the ridge
 *       move of (r, α) with all λ's and y's (see {@code ridgeRate}); (t, γ) given the k's (γ
 *       exactly, t by a slice update in its log), a move of (t, γ) along their ridge with all k's
 *       and a shift of γ with all k's (see {@code ridgeRegularity}).
 * </ol>
 *
 * <p>BTYDplus updates k and λ by three slice steps each on their original scale (with Q), draws τ
 * of dead customers by a few slice steps from a fresh random start and each hyperparameter pair by
 * 200 slice steps on the customers' latent values; the augmentation (no Q in the k and λ updates,
 * which made the sampler twice as fast), the collapsed (r, α) block, the exact τ draw and the
 * collapsed (s, β) block, followed by an interweaving move of β with all μ's (see {@code
 * interweaveBeta}), keep the chain exactly invariant and make s and β mix better. One chain uses
 * one stream, customers in order, so a seed gives the same chain on any thread. k is truncated to
 * [{@link #K_MIN}, {@link #K_MAX}] (BTYDplus: [0.1, 1000]).
 */
public final class ParetoGggGibbs {
  /** The hyperprior's shape and rate h on each of t, γ, r, α, s, β. */
  public static final double HYPER = 0.001;

  /** Lower truncation of each customer's k. */
  public static final double K_MIN = 1e-3;

  /** Upper truncation of each customer's k. */
  public static final double K_MAX = 1e3;

  /** Bound on |ln θ| of the six hyperparameters and on |ln λ|: where the chain may go. */
  public static final double LOG_BOUND = 30;

  /** Number of hyperparameters: t, γ, r, α, s, β. */
  public static final int HYPERPARAMETERS = 6;

  private static final int MAX_TRIES = 10_000;

  /**
   * Cycles of (y | λ; (r, α) with λ integrated out; λ, α exactly) per iteration: r mixes through
   * the y's, which each cycle refreshes; four cycles cost about a quarter more than one and mix r
   * about three times faster on CDNOW (lag-50 autocorrelation of ln r 0.06 against 0.20).
   */
  public static final int RATE_CYCLES = 4;

  private final double[] x;
  private final double[] tx;
  private final double[] age;
  private final double[] litt;

  /**
   * A sampler of these customers (validated by the caller).
   *
   * @param frequency x per customer
   * @param recency t_x per customer
   * @param age T per customer
   * @param litt Σ ln of the inter-purchase times per customer
   */
  public ParetoGggGibbs(double[] frequency, double[] recency, double[] age, double[] litt) {
    this.x = frequency;
    this.tx = recency;
    this.age = age;
    this.litt = litt;
  }

  /** Where a chain writes its kept draws. */
  public static final class Output {
    final double[] population;
    final double[] k;
    final double[] lambda;
    final double[] mu;
    final double[] tau;
    final int draws;

    /**
     * @param population t, γ, r, α, s, β of every kept iteration: parameter p of chain c's draw j
     *     at {@code p * chains * iterations + c * iterations + j}
     * @param k customer i's kept draw d at {@code i * draws + d}
     * @param lambda as k
     * @param mu as k
     * @param tau as k
     * @param draws kept customer draws over all chains (0: keep none)
     */
    public Output(
        double[] population, double[] k, double[] lambda, double[] mu, double[] tau, int draws) {
      this.population = population;
      this.k = k;
      this.lambda = lambda;
      this.mu = mu;
      this.tau = tau;
      this.draws = draws;
    }
  }

  /**
   * Runs chain {@code chain} of {@code chains}.
   *
   * @param random the chain's own stream
   * @param start t, γ, r, α, s, β to start from (each finite and &gt; 0)
   * @param burnin iterations discarded
   * @param iterations iterations kept for the hyperparameters
   * @param thin every thin-th kept iteration is kept for the customers
   * @param chain this chain's index
   * @param chains number of chains
   * @param out where the draws go
   */
  public void run(
      SplittableRandom random,
      double[] start,
      int burnin,
      int iterations,
      int thin,
      int chain,
      int chains,
      Output out) {
    int n = x.length;
    double[] theta = start.clone();
    double[] k = new double[n];
    double[] lambda = new double[n];
    double[] mu = new double[n];
    double[] tau = new double[n];
    boolean[] alive = new boolean[n];
    double[] value = new double[1];
    for (int i = 0; i < n; i++) {
      k[i] = 1;
      lambda[i] = (theta[2] + x[i]) / (theta[3] + age[i]);
      mu[i] = theta[4] / theta[5];
      tau[i] = age[i] + 1 / mu[i];
    }
    double[] y = new double[n];
    int keptPerChain = iterations / thin;
    long stride = (long) chains * iterations;
    for (int step = 0; step < burnin + iterations; step++) {
      // Block 1: each customer's (z, τ) (exact, y integrated out), y | τ, k, λ (exact) and k | λ, y
      // (slice).
      double t = theta[0];
      double gamma = theta[1];
      for (int i = 0; i < n; i++) {
        double gap = age[i] - tx[i];
        double c = k[i] * lambda[i];
        if (random.nextDouble() < probabilityAlive(k[i], lambda[i], mu[i], gap)) {
          alive[i] = true;
          tau[i] = age[i] + RandomVariates.exponential(random) / mu[i];
        } else {
          alive[i] = false;
          tau[i] = tx[i] + deadGap(random, k[i], c, mu[i], gap);
        }
        y[i] = drawNextGap(random, i, k[i], lambda[i], tau[i]);
        k[i] = drawK(random, i, k[i], lambda[i], y[i], t, gamma, value);
      }
      // Block 2: (s, β) with μ and the alive τ integrated out, then τ_alive and μ.
      drawDropout(random, alive, tau, theta, value);
      double s = theta[4];
      double beta = theta[5];
      for (int i = 0; i < n; i++) {
        if (alive[i]) {
          tau[i] = age[i] + (beta + age[i]) * Math.expm1(RandomVariates.exponential(random) / s);
        }
        mu[i] = Math.max(RandomVariates.gamma(random, s + 1, beta + tau[i]), Double.MIN_NORMAL);
      }
      interweaveBeta(random, mu, tau, theta, value);
      // Block 3: (r, α) with the λ's integrated out, then λ | r, α, k, y and α | λ (exact); (t, γ)
      // | k and the ridge move of (t, γ) with the k's.
      for (int inner = 0; inner < RATE_CYCLES; inner++) {
        if (inner > 0) {
          for (int i = 0; i < n; i++) {
            y[i] = drawNextGap(random, i, k[i], lambda[i], tau[i]);
          }
        }
        drawRate(random, k, y, lambda, theta, value);
      }
      ridgeRate(random, k, lambda, y, tau, theta, value);
      drawGammaPair(random, k, theta, 0, value);
      ridgeRegularity(random, k, lambda, y, theta, value);

      int kept = step - burnin;
      if (kept < 0) {
        continue;
      }
      int at0 = chain * iterations + kept;
      for (int p = 0; p < HYPERPARAMETERS; p++) {
        out.population[(int) (p * stride + at0)] = theta[p];
      }
      if (out.draws == 0 || (kept + 1) % thin != 0 || kept / thin >= keptPerChain) {
        continue;
      }
      int d = chain * keptPerChain + kept / thin;
      for (int i = 0; i < n; i++) {
        int at = i * out.draws + d;
        out.k[at] = k[i];
        out.lambda[at] = lambda[i];
        out.mu[at] = mu[i];
        out.tau[at] = tau[i];
      }
    }
  }

  /**
   * The augmented gap y: the inter-purchase time running at customer i's last purchase, drawn from
   * Gamma(k, kλ) truncated to (d, ∞), d = min(τ, T) − t_x (no purchase was seen before min(τ, T)).
   * 0 (no augmentation) when d = 0, where the data put no bound on it.
   */
  private double drawNextGap(SplittableRandom random, int i, double k, double lambda, double tau) {
    double d = Math.min(tau, age[i]) - tx[i];
    if (!(d > 0)) {
      return 0;
    }
    return Math.max(leftTruncatedGamma(random, k, k * lambda, d), d);
  }

  /**
   * One slice update of customer i's k in ln k given λ and the augmented gap y: the x observed
   * inter-purchase times and y (when &gt; 0) are m Gamma(k, kλ) intervals with Σ ln = litt + ln y
   * and sum t_x + y, so no incomplete gamma function is needed.
   */
  private double drawK(
      SplittableRandom random,
      int i,
      double k0,
      double lambda,
      double y,
      double t,
      double gamma,
      double[] value) {
    double m = x[i] + (y > 0 ? 1 : 0);
    double logs = litt[i] + (y > 0 ? Math.log(y) : 0);
    double sum = lambda * (tx[i] + y);
    double logLambda = Math.log(lambda);
    double lo = Math.log(K_MIN);
    double hi = Math.log(K_MAX);
    DoubleUnaryOperator f =
        u -> {
          if (!(u >= lo && u <= hi)) {
            return Double.NEGATIVE_INFINITY;
          }
          double kk = Math.exp(u);
          double v = t * u - gamma * kk;
          if (m > 0) {
            v += kk * m * (u + logLambda) - m * LogGamma.of(kk) + (kk - 1) * logs - kk * sum;
          }
          return v;
        };
    double u0 = Math.log(k0);
    double a = t + 0.5 * m;
    double width = Math.min(3.0, 2.0 * Math.sqrt(1 / a + 0.5 / (a * a)));
    return Math.exp(SliceSampler.step(random, u0, f.applyAsDouble(u0), f, width, value));
  }

  /**
   * (r, α) with every λ integrated out, then each λ and α exactly. Given k and the augmented gaps,
   * customer i's λ has the conjugate likelihood λ^{a_i} e^{−b_i λ}, a_i = k_i m_i, b_i = k_i (t_x +
   * y_i), so its Gamma(r, α) prior integrates to α^r Γ(r + a_i) / (Γ(r) (α + b_i)^{r + a_i}); ln r
   * is updated by a slice step given α, then (ln r, ln α) along their ridge (both moved by the same
   * w, which keeps the mean rate r/α) by another, then λ_i ~ Gamma(r + a_i, α + b_i) and α | λ, r ~
   * Gamma(h + n r, h + Σ λ). Drawing (r, α) from its marginal and λ right after is one exact draw
   * of the block, so the λ's no longer hold r back as in a sampler that updates r given them.
   */
  private void drawRate(
      SplittableRandom random,
      double[] k,
      double[] y,
      double[] lambda,
      double[] theta,
      double[] value) {
    int n = k.length;
    double[] shapes = new double[n];
    double[] rates = new double[n];
    for (int i = 0; i < n; i++) {
      shapes[i] = k[i] * (x[i] + (y[i] > 0 ? 1 : 0));
      rates[i] = k[i] * (tx[i] + y[i]);
    }
    double[] point = {Math.log(theta[2]), Math.log(theta[3])};
    double[] direction = new double[2];
    DoubleUnaryOperator f =
        w -> {
          double lr = point[0] + w * direction[0];
          double la = point[1] + w * direction[1];
          if (!(Math.abs(lr) <= LOG_BOUND && Math.abs(la) <= LOG_BOUND)) {
            return Double.NEGATIVE_INFINITY;
          }
          double r = Math.exp(lr);
          double alpha = Math.exp(la);
          double v = HYPER * (lr + la) - HYPER * (r + alpha) + n * (r * la - LogGamma.of(r));
          for (int i = 0; i < n; i++) {
            v += LogGamma.of(r + shapes[i]) - (r + shapes[i]) * Math.log(alpha + rates[i]);
          }
          return v;
        };
    direction[0] = 1;
    double moved = SliceSampler.step(random, 0, f.applyAsDouble(0), f, 0.3, value);
    point[0] += moved;
    direction[1] = 1;
    moved = SliceSampler.step(random, 0, value[0], f, 0.3, value);
    point[0] += moved;
    point[1] += moved;
    double r = Math.exp(point[0]);
    double alpha = Math.exp(point[1]);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      lambda[i] =
          Math.max(
              RandomVariates.gamma(random, r + shapes[i], alpha + rates[i]), Double.MIN_NORMAL);
      sum += lambda[i];
    }
    theta[2] = r;
    double drawn = RandomVariates.gamma(random, HYPER + n * r, HYPER + sum);
    theta[3] = Math.min(Math.max(drawn, Math.exp(-LOG_BOUND)), Math.exp(LOG_BOUND));
  }

  /** Draws s | β exactly and β | s by slice, with μ and the alive τ integrated out. */
  private void drawDropout(
      SplittableRandom random, boolean[] alive, double[] tau, double[] theta, double[] value) {
    int n = alive.length;
    int dead = 0;
    double beta = theta[5];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (!alive[i]) {
        dead++;
      }
      sum += Math.log1p((alive[i] ? age[i] : tau[i]) / beta);
    }
    double s = RandomVariates.gamma(random, HYPER + dead, HYPER + sum);
    s = Math.min(Math.max(s, Math.exp(-LOG_BOUND)), Math.exp(LOG_BOUND));
    double b0 = Math.log(beta);
    double[] point = {Math.log(s), b0};
    int deadCount = dead;
    // The log-density of (ln s, ln β) given z and the dead τ's, along point + w·direction.
    double[] direction = new double[2];
    DoubleUnaryOperator f =
        w -> {
          double ls = point[0] + w * direction[0];
          double lb = point[1] + w * direction[1];
          if (!(Math.abs(ls) <= LOG_BOUND && Math.abs(lb) <= LOG_BOUND)) {
            return Double.NEGATIVE_INFINITY;
          }
          double ss = Math.exp(ls);
          double bb = Math.exp(lb);
          double v = HYPER * (ls + lb) - HYPER * (ss + bb) + deadCount * ls;
          for (int i = 0; i < n; i++) {
            if (alive[i]) {
              v -= ss * Math.log1p(age[i] / bb);
            } else {
              v -= ss * Math.log1p(tau[i] / bb) + Math.log(bb + tau[i]);
            }
          }
          return v;
        };
    // β | s, then a move along the ridge ln s − ln β = const (both scaled together).
    direction[0] = 0;
    direction[1] = 1;
    double moved = SliceSampler.step(random, 0, f.applyAsDouble(0), f, 1.0, value);
    point[1] += moved;
    direction[0] = 1;
    direction[1] = 1;
    moved = SliceSampler.step(random, 0, value[0], f, 1.0, value);
    point[0] += moved;
    point[1] += moved;
    theta[4] = Math.exp(point[0]);
    theta[5] = Math.exp(point[1]);
  }

  /**
   * The ancillary half of an interweaving step for β (Yu &amp; Meng 2011, "To center or not to
   * center", JCGS 20(3)): with μ̃_i = β μ_i (Gamma(s, 1), free of β) and τ held, β | μ̃, τ has
   * density ∝ β^{h−1−n} e^{−hβ − Σ μ̃_i τ_i / β}; β is updated by a slice step in ln β, then μ_i =
   * μ̃_i / β. It moves β and all μ's together, along the ridge the centred updates cross slowly.
   */
  private static void interweaveBeta(
      SplittableRandom random, double[] mu, double[] tau, double[] theta, double[] value) {
    int n = mu.length;
    double beta = theta[5];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += beta * mu[i] * tau[i];
    }
    double total = sum;
    DoubleUnaryOperator f =
        v -> {
          if (!(Math.abs(v) <= LOG_BOUND)) {
            return Double.NEGATIVE_INFINITY;
          }
          return (HYPER - n) * v - HYPER * Math.exp(v) - total * Math.exp(-v);
        };
    double v0 = Math.log(beta);
    double next = Math.exp(SliceSampler.step(random, v0, f.applyAsDouble(v0), f, 0.5, value));
    double ratio = beta / next;
    for (int i = 0; i < n; i++) {
      mu[i] = Math.max(mu[i] * ratio, Double.MIN_NORMAL);
    }
    theta[5] = next;
  }

  /**
   * A move of (t, γ) along their ridge t/γ = const together with every customer's k (a generalised
   * Gibbs step on a transformation group, Liu &amp; Sabatti 2000, "Generalised Gibbs sampler and
   * multigrid Monte Carlo for Bayesian computation", Biometrika 87(2), 353–369). With ℓ_i = ln k_i
   * and m = ln t − ln γ (the log of the mean k, which the data pin), the map
   *
   * <pre>
   *   T_w: (ln t, ln γ, ℓ_i) → (ln t + w, ln γ + w, m + e^{−w/2} (ℓ_i − m))
   * </pre>
   *
   * <p>keeps m, scales the spread of the ℓ's as the prior's (sd of ln k under Gamma(t, γ) is about
   * 1/√t) and is a group on the real line (T_v T_w = T_{v+w}, Haar measure dw), with Jacobian |∂T_w
   * x / ∂x| = e^{−nw/2} in these coordinates. By Liu &amp; Sabatti's theorem the chain stays
   * invariant when w is drawn from p(w) ∝ π(T_w x) e^{−nw/2}, π the joint density of (ln t, ln γ,
   * ℓ) given λ, y and the data (hyperpriors and Jacobians e^{ln t}, e^{ln γ}, e^{ℓ_i} included, k
   * outside [K_MIN, K_MAX] density 0); here by one slice update of w from w = 0, which leaves p(w)
   * invariant, and which commutes with the translation of w (p_{T_v x}(w) ∝ p_x(w + v)), so the
   * composed move keeps π invariant. Equivalently a Metropolis step with symmetric w would accept
   * with min(1, π(T_w x) e^{−nw/2} / π(x)). Cost: one pass over the customers (their ln Γ(k)) per
   * evaluation, about six evaluations. Then {@code shift} moves γ and all k's together.
   */
  void ridgeRegularity(
      SplittableRandom random,
      double[] k,
      double[] lambda,
      double[] y,
      double[] theta,
      double[] value) {
    int n = k.length;
    double[] m = new double[n];
    double[] logs = new double[n];
    double[] sums = new double[n];
    double[] logLambda = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = x[i] + (y[i] > 0 ? 1 : 0);
      logs[i] = litt[i] + (y[i] > 0 ? Math.log(y[i]) : 0);
      sums[i] = lambda[i] * (tx[i] + y[i]);
      logLambda[i] = Math.log(lambda[i]);
    }
    Latent data =
        (i, kk, u) ->
            m[i] > 0
                ? kk * m[i] * (u + logLambda[i])
                    - m[i] * LogGamma.of(kk)
                    + (kk - 1) * logs[i]
                    - kk * sums[i]
                : 0;
    ridge(random, k, theta, 0, Math.log(K_MIN), Math.log(K_MAX), null, data, value);
    shift(random, k, theta, 0, Math.log(K_MIN), Math.log(K_MAX), data, value);
  }

  /**
   * One slice update of w in the shift S_w: (ln rate, ln v_i) → (ln rate − w, ln v_i + w) of a
   * Gamma(θ[at], θ[at+1]) population and all its customers' latent values v (a translation group,
   * Haar measure dw, Jacobian 1 in these coordinates; Liu &amp; Sabatti 2000). The population's
   * density of every v_i is unchanged by S_w, so p(w) is the rate's hyperprior times the customers'
   * data likelihoods at e^w v_i. It moves the level of all v's with the rate, where the centred
   * updates (each v_i given the rate, the rate given the v's) take steps of the order of the prior
   * spread / √n: with t in the hundreds, as on CDNOW, the mean k otherwise creeps.
   */
  private static void shift(
      SplittableRandom random,
      double[] latent,
      double[] theta,
      int at,
      double lo,
      double hi,
      Latent data,
      double[] value) {
    int n = latent.length;
    double logRate = Math.log(theta[at + 1]);
    double[] logs = new double[n];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      logs[i] = Math.log(latent[i]);
      min = Math.min(min, logs[i]);
      max = Math.max(max, logs[i]);
    }
    double wLo = lo - min;
    double wHi = hi - max;
    DoubleUnaryOperator f =
        w -> {
          double lb = logRate - w;
          if (!(w >= wLo && w <= wHi && Math.abs(lb) <= LOG_BOUND)) {
            return Double.NEGATIVE_INFINITY;
          }
          double v = HYPER * lb - HYPER * Math.exp(lb);
          for (int i = 0; i < n; i++) {
            double u = logs[i] + w;
            v += data.logLikelihood(i, Math.exp(u), u);
          }
          return v;
        };
    double w = SliceSampler.step(random, 0, f.applyAsDouble(0), f, 0.1, value);
    if (w == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      latent[i] = Math.max(Math.exp(logs[i] + w), Double.MIN_NORMAL);
    }
    theta[at + 1] = Math.exp(logRate - w);
  }

  /**
   * The ridge move of (r, α) with every customer's λ and running gap y together: ln λ_i → m +
   * e^{−w/2} (ln λ_i − m), m = ln r − ln α, and y_i → y_i λ_i / λ_i' (so k λ y, and with it y's
   * Gamma(k, kλ) density in ln y, is unchanged), (ln r, ln α) → (ln r + w, ln α + w). In the
   * coordinates (ln λ_i, ln y_i) the map has Jacobian e^{−w/2} per customer, a group in w (Liu
   * &amp; Sabatti 2000), so w is drawn from p(w) ∝ π(T_w x) e^{−nw/2} by one slice update: the
   * hyperpriors, the Gamma(r, α) density of every λ (in ln λ), the observed intervals' λ^{kx}
   * e^{−kλ t_x}, and y's bound y &gt; d = min(τ, T) − t_x (the only place the data cut the move
   * short). It moves r with the spread of all λ's, which the updates of r given the y's cross
   * slowly.
   */
  void ridgeRate(
      SplittableRandom random,
      double[] k,
      double[] lambda,
      double[] y,
      double[] tau,
      double[] theta,
      double[] value) {
    int n = k.length;
    double[] before = lambda.clone();
    double[] limit = new double[n];
    for (int i = 0; i < n; i++) {
      // y' = y λ/λ' > d  ⇔  ln λ' < ln λ + ln(y/d).
      double d = Math.min(tau[i], age[i]) - tx[i];
      limit[i] = y[i] > 0 && d > 0 ? Math.log(lambda[i] * y[i] / d) : LOG_BOUND;
    }
    boolean moved =
        ridge(
            random,
            lambda,
            theta,
            2,
            -LOG_BOUND,
            LOG_BOUND,
            limit,
            (i, l, v) -> k[i] * (x[i] * v - l * tx[i]),
            value);
    if (moved) {
      for (int i = 0; i < n; i++) {
        if (y[i] > 0) {
          y[i] *= before[i] / lambda[i];
        }
      }
    }
  }

  /** Customer i's data log-likelihood at a latent value (and its log), up to free terms. */
  private interface Latent {
    double logLikelihood(int i, double value, double logValue);
  }

  /**
   * One slice update of w in the group move T_w of a Gamma(θ[at], θ[at+1]) population's (ln shape,
   * ln rate) and its customers' latent values, their logs bounded by [lo, hi] and, when {@code
   * upper} is not null, customer i's by upper[i]; true when the values moved.
   */
  private static boolean ridge(
      SplittableRandom random,
      double[] latent,
      double[] theta,
      int at,
      double lo,
      double hi,
      double[] upper,
      Latent data,
      double[] value) {
    int n = latent.length;
    double logShape = Math.log(theta[at]);
    double logRate = Math.log(theta[at + 1]);
    double m = logShape - logRate;
    double[] centred = new double[n];
    for (int i = 0; i < n; i++) {
      centred[i] = Math.log(latent[i]) - m;
    }
    DoubleUnaryOperator f =
        w -> {
          double la = logShape + w;
          double lb = logRate + w;
          if (!(Math.abs(la) <= LOG_BOUND && Math.abs(lb) <= LOG_BOUND)) {
            return Double.NEGATIVE_INFINITY;
          }
          double a = Math.exp(la);
          double b = Math.exp(lb);
          double scale = Math.exp(-0.5 * w);
          double v = HYPER * (la + lb) - HYPER * (a + b) + n * (a * lb - LogGamma.of(a));
          v -= 0.5 * n * w;
          for (int i = 0; i < n; i++) {
            double u = m + scale * centred[i];
            if (!(u >= lo && u <= hi && (upper == null || u <= upper[i]))) {
              return Double.NEGATIVE_INFINITY;
            }
            double e = Math.exp(u);
            v += a * u - b * e + data.logLikelihood(i, e, u);
          }
          return v;
        };
    double w = SliceSampler.step(random, 0, f.applyAsDouble(0), f, 1.0, value);
    if (w == 0) {
      return false;
    }
    double scale = Math.exp(-0.5 * w);
    for (int i = 0; i < n; i++) {
      latent[i] = Math.max(Math.exp(m + scale * centred[i]), Double.MIN_NORMAL);
    }
    theta[at] = Math.exp(logShape + w);
    theta[at + 1] = Math.exp(logRate + w);
    return true;
  }

  /**
   * The regularity block alone, for tests: each customer's augmented gap y given τ, k and λ, then k
   * by its slice update given λ and y, (t, γ) | k and, when {@code ridge}, {@link
   * #ridgeRegularity}; λ, μ, τ and r, α, s, β held.
   */
  void regularitySweep(
      SplittableRandom random,
      double[] k,
      double[] lambda,
      double[] tau,
      double[] theta,
      boolean ridge,
      double[] value) {
    double[] y = new double[k.length];
    for (int i = 0; i < k.length; i++) {
      y[i] = drawNextGap(random, i, k[i], lambda[i], tau[i]);
      k[i] = drawK(random, i, k[i], lambda[i], y[i], theta[0], theta[1], value);
    }
    drawGammaPair(random, k, theta, 0, value);
    if (ridge) {
      ridgeRegularity(random, k, lambda, y, theta, value);
    }
  }

  /**
   * Draws the shape of a Gamma(shape, rate) population from {@code values} by a slice update in its
   * log, then the rate exactly from Gamma(h + n·shape, h + Σ values).
   */
  private static void drawGammaPair(
      SplittableRandom random, double[] values, double[] theta, int at, double[] value) {
    int n = values.length;
    double sum = 0;
    double logSum = 0;
    for (double v : values) {
      sum += v;
      logSum += Math.log(v);
    }
    double rate = theta[at + 1];
    double logRate = Math.log(rate);
    double total = logSum;
    DoubleUnaryOperator f =
        u -> {
          if (!(Math.abs(u) <= LOG_BOUND)) {
            return Double.NEGATIVE_INFINITY;
          }
          double a = Math.exp(u);
          return n * (a * logRate - LogGamma.of(a)) + a * total + HYPER * u - HYPER * a;
        };
    double u0 = Math.log(theta[at]);
    double shape = Math.exp(SliceSampler.step(random, u0, f.applyAsDouble(u0), f, 0.5, value));
    theta[at] = shape;
    double drawn = RandomVariates.gamma(random, HYPER + n * shape, HYPER + sum);
    theta[at + 1] = Math.min(Math.max(drawn, Math.exp(-LOG_BOUND)), Math.exp(LOG_BOUND));
  }

  /**
   * ln Q(k, z), the log of the regularized upper incomplete gamma function; 0 for z &lt;= 0.
   *
   * @param k shape, &gt; 0
   * @param z argument
   */
  public static double logQ(double k, double z) {
    if (!(z > 0)) {
      return 0;
    }
    return IncompleteGamma.logUpper(k, z) - LogGamma.of(k);
  }

  /**
   * P(alive at T | k, λ, μ, x, t_x, T) = e^{−μD} Q(k, cD) / (1 − ρ^k P(k, (c+μ)D)) with c = kλ, ρ =
   * c/(c+μ), D = T − t_x: the numerator is the probability to be alive at T with no purchase since
   * t_x, the denominator adds the probability to have died at some y in (t_x, T] with no purchase
   * before, μ ∫ e^{−μy} Q(k, c(y − t_x)) dy, integrated in closed form (by parts, then the gamma
   * density tilted by e^{−μu}); BTYDplus integrates it numerically (Simpson's 3/8 rule). The
   * denominator is computed as (1 − ρ^k) + ρ^k Q(k, (c+μ)D), two positive terms. 1 when D = 0; for
   * k = 1 it is the Pareto/NBD's 1 / (1 + μ/(λ+μ)(e^{(λ+μ)D} − 1)).
   *
   * @param k regularity, &gt; 0
   * @param lambda purchase rate, &gt; 0
   * @param mu drop-out rate, &gt; 0
   * @param gap D = T − t_x, &gt;= 0
   */
  public static double probabilityAlive(double k, double lambda, double mu, double gap) {
    if (!(gap > 0)) {
      return 1.0;
    }
    double c = k * lambda;
    double logRhoK = -k * Math.log1p(mu / c);
    double denominator = -Math.expm1(logRhoK) + Math.exp(logRhoK + logQ(k, (c + mu) * gap));
    double numerator = Math.exp(logQ(k, c * gap) - mu * gap);
    double p = numerator / denominator;
    return p < 1 ? p : 1.0;
  }

  /**
   * μ ∫_0^u e^{−μv} Q(k, cv) dv = (1 − ρ^k P(k, (c+μ)u)) − e^{−μu} Q(k, cu): the probability of
   * dying within u of the last purchase with no purchase since (the distribution function, up to
   * its total, of the dead customer's τ − t_x).
   */
  static double deadMass(double k, double c, double mu, double u) {
    double logRhoK = -k * Math.log1p(mu / c);
    return -Math.expm1(logRhoK)
        + Math.exp(logRhoK + logQ(k, (c + mu) * u))
        - Math.exp(logQ(k, c * u) - mu * u);
  }

  /**
   * A draw of τ − t_x for a customer who died in (t_x, T]: density ∝ e^{−μu} Q(k, cu) on (0, gap).
   */
  static double deadGap(SplittableRandom random, double k, double c, double mu, double gap) {
    double exposure = -Math.expm1(-mu * gap);
    double total = deadMass(k, c, mu, gap);
    double acceptance = total / exposure;
    if (!(acceptance < 0.1) || !(total > 1e-9)) {
      for (int tries = 0; tries < MAX_TRIES; tries++) {
        double u =
            mu * gap < 1e-12
                ? gap * random.nextDouble()
                : -Math.log1p(-exposure * random.nextDouble()) / mu;
        u = Math.min(u, gap);
        if (RandomVariates.gamma(random, k, c) > u) {
          return u;
        }
      }
    }
    return invertDeadGap(random, k, c, mu, gap, total);
  }

  /** Inversion of the dead gap's distribution function by safeguarded Newton steps. */
  static double invertDeadGap(
      SplittableRandom random, double k, double c, double mu, double gap, double total) {
    double target = total * random.nextDouble();
    double lo = 0;
    double hi = gap;
    double u = gap * 0.5;
    for (int iteration = 0; iteration < 200; iteration++) {
      double g = deadMass(k, c, mu, u) - target;
      if (g > 0) {
        hi = u;
      } else {
        lo = u;
      }
      double slope = mu * Math.exp(logQ(k, c * u) - mu * u);
      double next = u - g / slope;
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - u) <= 1e-12 * gap || hi - lo <= 1e-12 * gap) {
        return next;
      }
      u = next;
    }
    return u;
  }

  /**
   * A Gamma(k, c) variate conditioned to exceed {@code lower}: by rejection from the unconditioned
   * gamma where that accepts often (lower below the mean scale), else from an exponential envelope
   * above {@code lower} (tangent to the log-density for k &gt;= 1, a power bound for k &lt; 1),
   * exact in both cases.
   */
  public static double leftTruncatedGamma(
      SplittableRandom random, double k, double c, double lower) {
    double z = c * lower;
    if (!(z > 0)) {
      return RandomVariates.gamma(random, k, c);
    }
    if (k >= 1) {
      if (z <= k) {
        while (true) {
          double v = RandomVariates.gamma(random, k, 1);
          if (v > z) {
            return v / c;
          }
        }
      }
      double rate = 1 - (k - 1) / z;
      while (true) {
        double v = z + RandomVariates.exponential(random) / rate;
        double log = (k - 1) * (Math.log(v / z) - (v - z) / z);
        if (Math.log(RandomVariates.openUniform(random)) <= log) {
          return v / c;
        }
      }
    }
    if (z >= 1) {
      while (true) {
        double v = z + RandomVariates.exponential(random);
        if (Math.log(RandomVariates.openUniform(random)) <= (k - 1) * Math.log(v / z)) {
          return v / c;
        }
      }
    }
    // k < 1, z < 1: the density ∝ v^{k−1} e^{−v} split at 1. Envelope below 1: v^{k−1} (mass
    // (1 − z^k)/k), drawn by inversion, accepted with e^{−v}; above 1: e^{−v} (mass 1/e), drawn as
    // 1 + Exponential(1), accepted with v^{k−1}.
    double w = k * Math.log(z);
    double below = -Math.expm1(w) / k;
    double pBelow = below / (below + Math.exp(-1));
    while (true) {
      if (random.nextDouble() < pBelow) {
        double v = Math.exp(Math.log1p(Math.expm1(w) * (1 - random.nextDouble())) / k);
        if (RandomVariates.openUniform(random) <= Math.exp(-v)) {
          return v / c;
        }
      } else {
        double v = 1 + RandomVariates.exponential(random);
        if (RandomVariates.openUniform(random) <= Math.pow(v, k - 1)) {
          return v / c;
        }
      }
    }
  }

  /**
   * Purchases in (T, T + t] of one simulated path of a customer alive at T with regularity k, rate
   * λ and drop-out time τ, whose last purchase was {@code gap} before T: the first purchase after T
   * comes when the current inter-purchase time (which has outlasted the gap) ends, then Gamma(k,
   * kλ) intervals follow, until min(τ − T, t).
   */
  public static double simulatePurchases(
      SplittableRandom random, double t, double k, double lambda, double tau, double gap) {
    double end = Math.min(tau, t);
    if (!(end > 0)) {
      return 0;
    }
    double c = k * lambda;
    double time = leftTruncatedGamma(random, k, c, gap) - gap;
    double count = 0;
    while (time <= end) {
      count++;
      time += RandomVariates.gamma(random, k, c);
    }
    return count;
  }
}
