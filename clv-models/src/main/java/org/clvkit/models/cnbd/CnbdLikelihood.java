package org.clvkit.models.cnbd;

import java.util.List;
import java.util.concurrent.Executor;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;
import org.clvkit.models.internal.PatternSample;

/**
 * The (M)BG/CNBD-k maximum-likelihood problem at a fixed k over the log-parameters of {@code r,
 * alpha, a, b}: Σ_i w_i ln L_i with ln L_i of {@link CnbdFunctions#logLikelihood} and its analytic
 * gradient. With s = r + kx, β = α + T, γ = α + t_x, z = (T − t_x)/β, S2 = Σ_{j&lt;k} u_j, u_j =
 * (s)_j z^j / j!, L2 = ln S2 − s ln β (alive at T), L1 = ln a − ln(b+x−1+δ) − s ln γ (dropped out
 * after the last purchase) and π1 = e^{L1}/(e^{L1} + e^{L2}):
 *
 * <pre>
 *   ∂/∂r = ψ(s) − ψ(r) + ln α + π1 (−ln γ) + (1−π1) (Σ_j u_j H_j / S2 − ln β),  H_j = Σ_{i&lt;j} 1/(s+i)
 *   ∂/∂α = r/α − π1 s/γ + (1−π1) (−Σ_j j u_j / (β S2) − s/β)
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x+δ) + π1/a
 *   ∂/∂b = ψ(b+x+δ) − ψ(b) + ψ(a+b) − ψ(a+b+x+δ) − π1/(b+x−1+δ).
 * </pre>
 *
 * <p>The litt term (k−1) Σ_i w_i litt_i − Σ_i w_i x_i ln Γ(k) does not depend on r, α, a, b: it is
 * added as a constant. In time rescaled by c the data's ln L changes by −k x ln c per customer (the
 * density of kx phase times), added back by {@link #objective}. α has time exponent 1.
 *
 * <p>Cost: the terms that depend on x alone (log-gamma and digamma values) are computed once per
 * distinct x, and ln(α + t), 1/(α + t) once per distinct time (recency or age) at each evaluation,
 * so that a pattern costs the k-term sum S2, one logarithm (of S2, for k &gt; 1) and one
 * exponential and {@code log1p} for the two-part mixture. The patterns ({@link CnbdPatterns}) are
 * shared by the fits at every k.
 *
 * <p>Parallel evaluation as {@code ParetoNbdLikelihood}'s: the patterns are summed in fixed chunks
 * (their number depends only on the number of patterns), each with its own partial sums, added in
 * chunk order; with an executor the chunks run on it, without one in the calling thread, with
 * bit-identical results. An instance holds work arrays and must not be used from two threads at
 * once.
 */
final class CnbdLikelihood implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

  /** Patterns per chunk of the parallel sum, roughly. */
  static final int CHUNK = 8_192;

  /** Most chunks of one sum. */
  static final int MAX_CHUNKS = 64;

  private final String model;
  private final int k;
  private final int dropout;
  private final CnbdPatterns data;
  private final Executor executor;
  private final double littConstant;
  private final int chunks;
  private final double[][] chunkGradients;

  // Per distinct x, rewritten at every evaluation.
  private final double[] frequencyTerm;
  private final double[] digammaRate;
  private final double[] digammaB;
  private final double[] digammaAb;
  private final double[] logDropOdds;

  // Per distinct time, rewritten at every evaluation.
  private final double[] scaledTime;
  private final double[] logShifted;
  private final double[] inverseShifted;

  /**
   * @param model the model's name for reports
   * @param k the Erlang shape
   * @param dropout δ: 1 for the MBG/CNBD-k, 0 for the BG/CNBD-k
   * @param data the histories (compressed here)
   * @param littSum Σ_i w_i litt_i over the data, 0 when litt is not given
   */
  CnbdLikelihood(String model, int k, int dropout, CustomerHistories data, double littSum) {
    this(model, k, dropout, CnbdPatterns.of(data), littSum, null);
  }

  /**
   * @param data the patterns
   * @param executor where the chunks of the sum run, or null for the calling thread
   */
  CnbdLikelihood(
      String model, int k, int dropout, CnbdPatterns data, double littSum, Executor executor) {
    this.model = model;
    this.k = k;
    this.dropout = dropout;
    this.data = data;
    this.executor = executor;
    this.littConstant = k == 1 ? 0 : (k - 1) * littSum - data.purchases * Gamma.logGamma(k);
    this.chunks = chunks(data.size);
    this.chunkGradients = new double[chunks][4];
    int m = data.frequencies.length;
    this.frequencyTerm = new double[m];
    this.digammaRate = new double[m];
    this.digammaB = new double[m];
    this.digammaAb = new double[m];
    this.logDropOdds = new double[m];
    int times = data.times.length;
    this.scaledTime = new double[times];
    this.logShifted = new double[times];
    this.inverseShifted = new double[times];
  }

  /** The number of chunks of the sum over {@code count} patterns. */
  static int chunks(int count) {
    return Math.max(1, Math.min(MAX_CHUNKS, count / CHUNK));
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 1, 0, 0};
  }

  /**
   * BTYDplus's start {@code r = 1, alpha = 3, a = 1, b = 3}, with α moved to the rescaled time
   * where the largest age is 10 periods (so that α/k ~ a typical inter-purchase time scale).
   */
  @Override
  public double[] start() {
    return new double[] {0.0, Math.log(3.0), 0.0, Math.log(3.0)};
  }

  @Override
  public double customers() {
    return data.customers;
  }

  @Override
  public int patterns() {
    return data.size;
  }

  /** The Erlang shape this problem is fixed at. */
  int k() {
    return k;
  }

  /** The largest age, for the time scale. */
  double maxAge() {
    return data.maxAge;
  }

  @Override
  public ModelFitting.Problem sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(data.weight, size, seed);
    double[] f = sample.select(data.frequency);
    double[] r = sample.select(data.recency);
    double[] a = sample.select(data.age);
    // The litt constant does not move the optimum; the sample leaves it out.
    return new CnbdLikelihood(
        model,
        k,
        dropout,
        CnbdPatterns.of(CustomerHistories.of(f, r, a, sample.weights())),
        0.0,
        executor);
  }

  @Override
  public MaximumLikelihood.Objective objective(double scale) {
    double constant = littConstant - k * data.purchases * Math.log(scale);
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        return logLikelihood(
                Math.exp(theta[0]),
                Math.exp(theta[1]),
                Math.exp(theta[2]),
                Math.exp(theta[3]),
                scale,
                gradient)
            + constant;
      }
    };
  }

  /**
   * The log-likelihood without the litt constant, with times divided by {@code scale}; the gradient
   * in the log-parameters when {@code gradient} is not null.
   */
  double logLikelihood(
      double r, double alpha, double a, double b, double scale, double[] gradient) {
    boolean withGradient = gradient != null;
    double psiR = withGradient ? LogPochhammer.digamma(r) : 0;
    double psiB = withGradient ? LogPochhammer.digamma(b) : 0;
    double psiAb = withGradient ? LogPochhammer.digamma(a + b) : 0;
    double[] frequencies = data.frequencies;
    for (int i = 0; i < frequencies.length; i++) {
      double x = frequencies[i];
      frequencyTerm[i] =
          LogPochhammer.value(b, x + dropout)
              - LogPochhammer.value(a + b, x + dropout)
              + LogPochhammer.value(r, k * x);
      logDropOdds[i] = Math.log(a / (b + x - 1 + dropout));
      if (withGradient) {
        digammaRate[i] = x == 0 ? 0 : LogPochhammer.digamma(r + k * x) - psiR;
        digammaB[i] = LogPochhammer.digamma(b + x + dropout) - psiB;
        digammaAb[i] = LogPochhammer.digamma(a + b + x + dropout) - psiAb;
      }
    }
    double[] times = data.times;
    Parallel.run(
        executor,
        0,
        times.length,
        chunks(times.length),
        (from, to) -> {
          for (int i = from; i < to; i++) {
            double t = times[i] / scale;
            scaledTime[i] = t;
            logShifted[i] = Math.log(alpha + t);
            inverseShifted[i] = 1 / (alpha + t);
          }
        });
    double logAlpha = Math.log(alpha);
    double total =
        Parallel.sum(
            executor,
            0,
            data.size,
            chunks,
            (chunk, from, to) ->
                sum(
                    r,
                    alpha,
                    a,
                    b,
                    logAlpha,
                    from,
                    to,
                    withGradient ? chunkGradients[chunk] : null));
    if (withGradient) {
      double gr = 0;
      double ga = 0;
      double gA = 0;
      double gB = 0;
      for (double[] g : chunkGradients) {
        gr += g[0];
        ga += g[1];
        gA += g[2];
        gB += g[3];
      }
      gradient[0] = gr * r;
      gradient[1] = ga * alpha;
      gradient[2] = gA * a;
      gradient[3] = gB * b;
    }
    return total;
  }

  /** Σ w ln L over patterns {@code [from, to)}; the gradient sums into {@code sums} when given. */
  private double sum(
      double r,
      double alpha,
      double a,
      double b,
      double logAlpha,
      int from,
      int to,
      double[] sums) {
    boolean withGradient = sums != null;
    double[] weight = data.weight;
    double[] frequencies = data.frequencies;
    int[] frequencyIndex = data.frequencyIndex;
    int[] recencyIndex = data.recencyIndex;
    int[] ageIndex = data.ageIndex;
    double total = 0;
    double gr = 0;
    double ga = 0;
    double gA = 0;
    double gB = 0;
    for (int i = from; i < to; i++) {
      double w = weight[i];
      int f = frequencyIndex[i];
      int ti = ageIndex[i];
      int ri = recencyIndex[i];
      double x = frequencies[f];
      double s = r + k * x;
      double inverseBeta = inverseShifted[ti];
      double z = (scaledTime[ti] - scaledTime[ri]) * inverseBeta;
      // S2 and, for the gradient, Σ u_j H_j and Σ j u_j.
      double u = 1;
      double s2 = 1;
      double harmonic = 0;
      double uh = 0;
      double ju = 0;
      for (int j = 1; j < k; j++) {
        harmonic += 1 / (s + j - 1);
        u *= (s + j - 1) / j * z;
        s2 += u;
        uh += u * harmonic;
        ju += j * u;
      }
      double logBeta = logShifted[ti];
      double alive = (k == 1 ? 0 : Math.log(s2)) - s * logBeta;
      boolean canDrop = dropout == 1 || x > 0;
      double mix = alive;
      double pi1 = 0;
      double logGamma = 0;
      if (canDrop) {
        logGamma = logShifted[ri];
        double dead = logDropOdds[f] - s * logGamma;
        // One exponential for both ln(e^alive + e^dead) and π1 = e^dead / (e^alive + e^dead).
        double d = dead - alive;
        if (d <= 0) {
          double e = Math.exp(d);
          mix = alive + Math.log1p(e);
          pi1 = e / (1 + e);
        } else {
          double e = Math.exp(-d);
          mix = dead + Math.log1p(e);
          pi1 = 1 / (1 + e);
        }
      }
      total += w * (frequencyTerm[f] + r * logAlpha + mix);
      if (withGradient) {
        double pi2 = 1 - pi1;
        double bShift = b + x - 1 + dropout;
        gr += w * (digammaRate[f] + logAlpha - pi1 * logGamma + pi2 * (uh / s2 - logBeta));
        ga +=
            w
                * (r / alpha
                    - (canDrop ? pi1 * s * inverseShifted[ri] : 0)
                    - pi2 * (ju / s2 + s) * inverseBeta);
        gA += w * (-digammaAb[f] + (canDrop ? pi1 / a : 0));
        gB += w * (digammaB[f] - digammaAb[f] - (canDrop ? pi1 / bShift : 0));
      }
    }
    if (withGradient) {
      sums[0] = gr;
      sums[1] = ga;
      sums[2] = gA;
      sums[3] = gB;
    }
    return total;
  }
}
