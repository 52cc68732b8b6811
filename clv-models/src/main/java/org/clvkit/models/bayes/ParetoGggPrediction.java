package org.clvkit.models.bayes;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Beta;
import org.clvkit.models.internal.ParetoGggGibbs;
import org.clvkit.models.internal.RandomVariates;

/**
 * A customer's Pareto/GGG predictions given the population parameters θ = (t, γ, r, α, s, β)
 * (empirical Bayes at the posterior means): P(alive) by {@link ParetoGggLikelihood}'s quadrature
 * and E[X(T, T+t] | x, t_x, T, litt; θ] by Monte Carlo from the customer's exact conditional
 * posterior given alive at T. One workspace per thread; no allocation per customer. Not API.
 *
 * <p>E[X(T, T+t]] = P(alive at T) E[X(T, T+t] | alive at T]. Given alive at T, the posterior of (k,
 * λ, μ) factorises: μ ~ Gamma(s, β + T), free of k and λ (the alive term is e^{−μT} times a
 * function of k and λ), so the drop-out after T is Lomax: P(τ &gt; T + u | alive) = ((β + T)/(β + T
 * + u))^s. (k, λ) | alive has density ∝ π(k) Gamma(λ; a, b) Q(k, kλD) with a = r + kx, b = α + k
 * t_x, D = T − t_x and π(k) the k-part of the likelihood ({@link ParetoGggLikelihood#logOuter});
 * with the inter-purchase time Y running at t_x (Y &gt; D, Y ~ Gamma(k, kλ)) augmented, λ
 * integrates out: V = kY/(b + kY) ~ Beta(k, a) truncated to V &gt; kD/(b + kD), whose mass
 * I_{b/(b+kD)}(a, k) = A(k) is the k-marginal's last factor, and λ | Y ~ Gamma(a + k, b + kY). Each
 * draw:
 *
 * <ol>
 *   <li>k from the trapezoid rule of π(k) A(k) in ln k on {@value #FINE} cells over the range where
 *       it is within e^{-30} of its maximum (stratified: draw d of n takes the (d + U)/n quantile
 *       of the nodes' weights; the rule's error is far below the Monte Carlo error);
 *   <li>Y exactly from its truncated law (rejection from Beta(k, a) when A &gt;= 1/4, else from an
 *       exponential envelope of ln(1 + kY/b), tangent for k &gt;= 1);
 *   <li>λ ~ Gamma(a + k, b + kY) exactly; the first purchase after T comes at R = Y − D and counts
 *       its exact expectation given (k, λ) and a drawn μ ~ Gamma(s, β + T), E[e^{−μR}; R &lt;= t]
 *       (closed form, {@link #firstPurchase}); the later ones follow by Gamma(k, kλ) intervals from
 *       the drawn R, each purchase at T + u &lt;= T + t adding ((β + T)/(β + T + u))^s (μ
 *       integrated out exactly). Discounted, every purchase (the first one too) is simulated and
 *       weighted by (1 + rate)^{−⌈u⌉} as well.
 * </ol>
 *
 * <p>The draws of a customer come from a {@link SplittableRandom} seeded with a hash of the seed
 * and the customer's (x, t_x, T, litt), and do not depend on t: equal histories get equal scores in
 * any order, batch or thread, and the estimate is non-decreasing in t (common random numbers).
 */
final class ParetoGggPrediction {
  /** Cells of the trapezoid rule in ln k. */
  static final int FINE = 128;

  /** Bound on the simulated purchases of one draw (a guard; never reached on real data). */
  static final int MAX_PURCHASES = 10_000_000;

  private final double[] logs = new double[ParetoGggLikelihood.GRID + 1];
  private final double[] nodeK = new double[FINE + 1];
  private final double[] nodeA = new double[FINE + 1];
  private final double[] nodeB = new double[FINE + 1];
  private final double[] nodeAlive = new double[FINE + 1];
  private final double[] nodeLog = new double[FINE + 1];
  private final double[] cumulative = new double[FINE + 1];

  /** P(alive at T | x, t_x, T, litt; θ) by quadrature. */
  double probabilityAlive(ParetoGggParameters p, double x, double tx, double age, double litt) {
    return ParetoGggLikelihood.probabilityAlive(p, x, tx, age, litt, logs);
  }

  /**
   * E[X(T, T+t] | alive at T] into result[0] and, unless {@code rate} is NaN, its discounted form
   * into result[1] (each purchase at T + u counts (1 + rate)^{−max(1, ⌈u⌉)}), from the same {@code
   * draws} draws: the undiscounted value does not depend on whether the discounted one is asked.
   */
  void expectedIfAlive(
      ParetoGggParameters p,
      double horizon,
      double rate,
      double x,
      double tx,
      double age,
      double litt,
      int draws,
      long seed,
      double[] result) {
    result[0] = 0;
    result[1] = 0;
    if (!(horizon > 0)) {
      return;
    }
    boolean discounted = !Double.isNaN(rate);
    double gap = age - tx;
    // The range of ln k: where ln π(k) is within 40 of its maximum on the likelihood's grid (π A
    // <= π, so the alive posterior's mass outside is below e^{-40} of the likelihood's); then the
    // trapezoid rule of π(k) A(k) on FINE cells over it.
    double max = Double.NEGATIVE_INFINITY;
    int grid = ParetoGggLikelihood.GRID;
    for (int j = 0; j <= grid; j++) {
      logs[j] = ParetoGggLikelihood.logOuter(p, x, tx, litt, ParetoGggLikelihood.node(j));
      max = Math.max(max, logs[j]);
    }
    int first = 0;
    while (logs[first] < max - 40) {
      first++;
    }
    int last = grid;
    while (logs[last] < max - 40) {
      last--;
    }
    double lo = ParetoGggLikelihood.node(Math.max(first - 1, 0));
    double hi = ParetoGggLikelihood.node(Math.min(last + 1, grid));
    double h = (hi - lo) / FINE;
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0; j <= FINE; j++) {
      double u = lo + h * j;
      double k = Math.exp(u);
      double a = p.r() + k * x;
      double b = p.alpha() + k * tx;
      double alive = ParetoGggLikelihood.survival(a, b, k, gap, Beta.logBeta(a, k));
      double log = ParetoGggLikelihood.logOuter(p, x, tx, litt, u) + Math.log(alive);
      nodeK[j] = k;
      nodeA[j] = a;
      nodeB[j] = b;
      nodeAlive[j] = alive;
      nodeLog[j] = Double.isNaN(log) ? Double.NEGATIVE_INFINITY : log;
      top = Math.max(top, nodeLog[j]);
    }
    // Trapezoid weights of the nodes in ln k, cumulated.
    double total = 0;
    for (int j = 0; j <= FINE; j++) {
      double w = Math.exp(nodeLog[j] - top) * (j == 0 || j == FINE ? 0.5 : 1);
      total += w;
      cumulative[j] = total;
    }
    SplittableRandom random = new SplittableRandom(mix(seed, x, tx, age, litt));
    double survivalScale = p.beta() + age;
    double s = p.s();
    double sum = 0;
    double sumDiscounted = 0;
    int used = 0;
    for (int d = 0; d < draws; d++) {
      // k: stratified over the nodes' weights (draw d of n takes the (d + U)/n quantile).
      double target = total * (d + random.nextDouble()) / draws;
      int j = search(target, FINE + 1);
      if (!(cumulative[j] > (j == 0 ? 0 : cumulative[j - 1]))) {
        continue; // target 0 exactly, in a leading node of no weight
      }
      used++;
      double k = nodeK[j];
      double a = nodeA[j];
      double b = nodeB[j];
      double y = runningGap(random, k, a, b, gap, nodeAlive[j]);
      double lambda = Math.max(RandomVariates.gamma(random, a + k, b + k * y), Double.MIN_NORMAL);
      double c = k * lambda;
      double time = y - gap;
      // The first purchase after T exactly given (k, λ) and a drawn μ ~ Gamma(s, β + T):
      // E[e^{−μR}; R <= t] with R the residual of a Gamma(k, c) time beyond D.
      double mu = RandomVariates.gamma(random, s, survivalScale);
      double count = firstPurchase(k, c, mu, gap, horizon);
      double present = 0;
      for (int n = 0; time <= horizon && n < MAX_PURCHASES; n++) {
        double kept = Math.exp(-s * Math.log1p(time / survivalScale));
        if (n > 0) {
          count += kept;
        }
        if (discounted) {
          present += kept * Math.pow(1 + rate, -Math.max(1, Math.ceil(time)));
        }
        time += RandomVariates.gamma(random, k, c);
      }
      sum += count;
      sumDiscounted += present;
    }
    if (used > 0) {
      result[0] = sum / used;
      result[1] = discounted ? sumDiscounted / used : 0;
    }
  }

  /**
   * E[e^{−μR} 1{R &lt;= t}] for R = Y − D, Y ~ Gamma(k, c) given Y &gt; D: (c/(c+μ))^k e^{μD} (Q(k,
   * (c+μ)D) − Q(k, (c+μ)(D+t))) / Q(k, cD), Q the regularized upper incomplete gamma function.
   */
  static double firstPurchase(double k, double c, double mu, double gap, double horizon) {
    double upper = ParetoGggGibbs.logQ(k, (c + mu) * gap);
    double later = ParetoGggGibbs.logQ(k, (c + mu) * (gap + horizon));
    double log = -k * Math.log1p(mu / c) + mu * gap - ParetoGggGibbs.logQ(k, c * gap) + upper;
    double value = Math.exp(log) * -Math.expm1(later - upper);
    return value > 0 ? Math.min(value, 1) : 0;
  }

  /** The first cell whose cumulative mass reaches {@code target}. */
  private int search(double target, int cells) {
    int low = 0;
    int high = cells - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] < target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * The inter-purchase time Y running at t_x given k and alive at T (λ integrated out): W = kY/b is
   * Beta-prime(k, a) truncated to W &gt; kD/b, whose mass is {@code alive}.
   */
  static double runningGap(
      SplittableRandom random, double k, double a, double b, double gap, double alive) {
    double w0 = k * gap / b;
    if (!(w0 > 0) || alive >= 0.25) {
      for (int tries = 0; ; tries++) {
        double g1 = RandomVariates.gamma(random, k, 1);
        double g2 = RandomVariates.gamma(random, a, 1);
        double w = g1 / g2;
        if (w > w0 || tries > 1_000_000) {
          return b * Math.max(w, w0) / k;
        }
      }
    }
    // Z = ln(1 + W) has density ∝ e^{−aZ} (1 − e^{−Z})^{k−1} on Z > z0.
    double z0 = Math.log1p(w0);
    double logFactor0 = Math.log(-Math.expm1(-z0));
    double slope = k >= 1 ? -a + (k - 1) / Math.expm1(z0) : -a;
    if (!(slope < 0)) {
      // The mode lies above z0 with little mass there: rejection from the untruncated law.
      for (int tries = 0; ; tries++) {
        double w = RandomVariates.gamma(random, k, 1) / RandomVariates.gamma(random, a, 1);
        if (w > w0 || tries > 10_000_000) {
          return b * Math.max(w, w0) / k;
        }
      }
    }
    for (int tries = 0; ; tries++) {
      double z = z0 + RandomVariates.exponential(random) / -slope;
      double log = (k - 1) * (Math.log(-Math.expm1(-z)) - logFactor0) - (a + slope) * (z - z0);
      if (Math.log(RandomVariates.openUniform(random)) <= log || tries > 10_000_000) {
        return b * Math.expm1(z) / k;
      }
    }
  }

  /**
   * For each row of [from, to), the first row in the range with the same (x, t_x, T, litt) (itself
   * when it is the first): an open-addressing table over the range.
   */
  static int[] firstOfPattern(
      double[] x, double[] tx, double[] age, double[] litt, int from, int to) {
    int n = to - from;
    int[] first = new int[n];
    int size = Integer.highestOneBit(Math.max(2 * n, 2)) << 1;
    int[] table = new int[size];
    java.util.Arrays.fill(table, -1);
    int mask = size - 1;
    for (int i = from; i < to; i++) {
      int slot = (int) mix(0, x[i], tx[i], age[i], litt[i]) & mask;
      while (true) {
        int j = table[slot];
        if (j < 0) {
          table[slot] = i;
          first[i - from] = i;
          break;
        }
        if (x[j] == x[i] && tx[j] == tx[i] && age[j] == age[i] && litt[j] == litt[i]) {
          first[i - from] = j;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return first;
  }

  /** The customer's seed: the run's seed mixed with the history (−0 as 0). */
  static long mix(long seed, double x, double tx, double age, double litt) {
    long h = seed;
    h = murmur(h ^ Double.doubleToLongBits(x + 0.0));
    h = murmur(h ^ Double.doubleToLongBits(tx + 0.0));
    h = murmur(h ^ Double.doubleToLongBits(age + 0.0));
    h = murmur(h ^ Double.doubleToLongBits(litt + 0.0));
    return h;
  }

  private static long murmur(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
