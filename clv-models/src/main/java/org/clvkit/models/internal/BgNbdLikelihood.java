package org.clvkit.models.internal;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;

/**
 * The log-likelihood of the BG/NBD and MBG/NBD models with its analytic gradient, summed over
 * weighted (frequency, recency, age) patterns: the kernel of their fitters. Not API.
 *
 * <p>For one customer with x repeat purchases, the last at t_x, observed for T (Fader, Hardie &amp;
 * Lee 2005, section 7; Batislam et al. 2007 and BTYDplus {@code mbgcnbd.LL} for the MBG/NBD,
 * written with a shift s = 0 for the BG/NBD and s = 1 for the MBG/NBD, whose customers may also
 * drop out at time 0):
 *
 * <pre>
 * LL = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+s) − ln B(a, b)
 *      + ln[ (α+T)^−(r+x) + δ(x+s &gt; 0) · a/(b+x+s−1) · (α+t_x)^−(r+x) ]
 * </pre>
 *
 * evaluated with a log-sum-exp, with r ln α − (r+x) ln(α+T) written as −r log1p(T/α) − x ln(α+T) so
 * that nothing cancels when T is small against α. Speed: the terms that depend on the frequency
 * alone (log-gamma and digamma differences, {@code ln(b+x+s−1)}) are computed once per distinct
 * frequency, and {@code ln(α+t)}, {@code log1p(t/α)} once per distinct recency and age, so that
 * each pattern costs one {@code exp} and one {@code log}; nothing is allocated per pattern.
 * Log-gamma and digamma differences of large frequencies come from {@link LogPochhammer}
 * (commons-math3's digamma is good only to about 3e-9 below 49).
 *
 * <p>Parallel evaluation: the patterns are summed in fixed chunks of about {@value #CHUNK} (their
 * number depends only on the number of patterns), each with its own partial log-likelihood and
 * gradient, added in chunk order; with an executor the chunks run on it, without one in the calling
 * thread, with bit-identical results. The gradient is with respect to the log-parameters. An
 * instance holds work arrays and must not be used from two threads at once (its chunks run on the
 * executor's threads within one call).
 */
public final class BgNbdLikelihood {
  /** Frequencies up to this use exact sums for the log-gamma and digamma differences. */
  private static final int SMALL = 8;

  /** Patterns per chunk of the parallel sum, roughly. */
  static final int CHUNK = 16_384;

  /** Most chunks of one sum. */
  static final int MAX_CHUNKS = 64;

  private final int shift;
  private final Executor executor;
  private final int chunks;
  private final double[][] chunkGradients;
  private final int patterns;
  private final double[] weight;
  private final double totalWeight;
  private final int[] frequencyIndex;
  private final int[] recencyIndex;
  private final int[] ageIndex;
  private final double[] frequencies;
  private final double[] recencies;
  private final double[] ages;

  // Work arrays, per distinct frequency.
  private final double[] logGammaRatio;
  private final double[] digammaR;
  private final double[] logBetaRatio;
  private final double[] digammaB;
  private final double[] digammaAb;
  private final double[] logOddsBase;
  private final double[] inverseB;
  // Work arrays, per distinct recency and age.
  private final double[] log1pRecency;
  private final double[] inverseRecency;
  private final double[] logAge;
  private final double[] log1pAge;
  private final double[] inverseAge;

  private BgNbdLikelihood(CustomerHistories data, int shift, Executor executor) {
    this.shift = shift;
    this.executor = executor;
    this.patterns = data.size();
    this.chunks = chunks(patterns);
    this.chunkGradients = new double[chunks][4];
    this.weight = data.weightColumn();
    this.totalWeight = data.totalWeight();
    this.frequencyIndex = new int[patterns];
    this.recencyIndex = new int[patterns];
    this.ageIndex = new int[patterns];
    this.frequencies = DistinctValues.of(data.frequencyColumn(), frequencyIndex);
    this.recencies = DistinctValues.of(data.recencyColumn(), recencyIndex);
    this.ages = DistinctValues.of(data.ageColumn(), ageIndex);
    int f = frequencies.length;
    logGammaRatio = new double[f];
    digammaR = new double[f];
    logBetaRatio = new double[f];
    digammaB = new double[f];
    digammaAb = new double[f];
    logOddsBase = new double[f];
    inverseB = new double[f];
    log1pRecency = new double[recencies.length];
    inverseRecency = new double[recencies.length];
    logAge = new double[ages.length];
    log1pAge = new double[ages.length];
    inverseAge = new double[ages.length];
  }

  /**
   * The BG/NBD likelihood of the given histories (compress them first for speed).
   *
   * @param data customer histories with weights
   */
  public static BgNbdLikelihood bgNbd(CustomerHistories data) {
    return bgNbd(data, null);
  }

  /**
   * The BG/NBD likelihood of the given histories, its pattern sums run on {@code executor}.
   *
   * @param data customer histories with weights
   * @param executor where the chunks of the sum run, or null for the calling thread
   */
  public static BgNbdLikelihood bgNbd(CustomerHistories data, Executor executor) {
    return new BgNbdLikelihood(Checks.notNull("data", data), 0, executor);
  }

  /**
   * The MBG/NBD likelihood of the given histories (compress them first for speed).
   *
   * @param data customer histories with weights
   */
  public static BgNbdLikelihood mbgNbd(CustomerHistories data) {
    return mbgNbd(data, null);
  }

  /**
   * The MBG/NBD likelihood of the given histories, its pattern sums run on {@code executor}.
   *
   * @param data customer histories with weights
   * @param executor where the chunks of the sum run, or null for the calling thread
   */
  public static BgNbdLikelihood mbgNbd(CustomerHistories data, Executor executor) {
    return new BgNbdLikelihood(Checks.notNull("data", data), 1, executor);
  }

  /**
   * The same likelihood on a seeded sample of about {@code size} patterns whose weights are scaled
   * to stand for all the customers ({@link PatternSample}), evaluated in the calling thread.
   *
   * @param size the expected number of patterns, &gt; 0
   * @param seed the seed of the sample
   */
  public BgNbdLikelihood sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(weight, size, seed);
    double[] f = new double[sample.size()];
    double[] r = new double[f.length];
    double[] a = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      int i = sample.row(k);
      f[k] = frequencies[frequencyIndex[i]];
      r[k] = recencies[recencyIndex[i]];
      a[k] = ages[ageIndex[i]];
    }
    return new BgNbdLikelihood(CustomerHistories.of(f, r, a, sample.weights()), shift, null);
  }

  /** The number of chunks of a sum over {@code patterns} patterns. */
  static int chunks(int patterns) {
    return Math.max(1, Math.min(MAX_CHUNKS, patterns / CHUNK));
  }

  /** Number of patterns summed over. */
  public int patterns() {
    return patterns;
  }

  /** Number of customers (the sum of the weights). */
  public double customers() {
    return totalWeight;
  }

  /**
   * Mean number of repeat purchases per period over all customers, Σ w x / Σ w T (0 if no time).
   */
  public double meanRate() {
    double purchases = 0;
    double exposure = 0;
    for (int i = 0; i < patterns; i++) {
      purchases += weight[i] * frequencies[frequencyIndex[i]];
      exposure += weight[i] * ages[ageIndex[i]];
    }
    return exposure > 0 ? purchases / exposure : 0;
  }

  /**
   * The weighted log-likelihood on the data with every time divided by {@code timeScale}.
   *
   * @param r shape of the purchase-rate Gamma, &gt; 0
   * @param alpha rate of the purchase-rate Gamma, in the rescaled time unit, &gt; 0
   * @param a first Beta shape, &gt; 0
   * @param b second Beta shape, &gt; 0
   * @param timeScale the divisor of the times, &gt; 0 (1 for the data's own unit)
   * @param gradient when not null, receives d LL / d (ln r, ln α, ln a, ln b); length &gt;= 4
   * @return the log-likelihood, possibly -∞ or NaN where the parameters are extreme
   */
  public double value(
      double r, double alpha, double a, double b, double timeScale, double[] gradient) {
    int s = shift;
    double logA = Math.log(a);
    double digammaRBase = LogPochhammer.reducedKernel(r, 0);
    double digammaBBase = LogPochhammer.reducedKernel(b, 0);
    double digammaAbBase = LogPochhammer.reducedKernel(a + b, 0);
    for (int k = 0; k < frequencies.length; k++) {
      double x = frequencies[k];
      int n = (int) x;
      if (n <= SMALL) {
        double lg = 0;
        double dg = 0;
        for (int j = 0; j < n; j++) {
          lg += Math.log(r + j);
          dg += 1 / (r + j);
        }
        logGammaRatio[k] = lg;
        digammaR[k] = dg;
        double lb = 0;
        double db = 0;
        double dab = 0;
        for (int j = 0; j < n + s; j++) {
          lb += Math.log((b + j) / (a + b + j));
          db += 1 / (b + j);
          dab += 1 / (a + b + j);
        }
        logBetaRatio[k] = lb;
        digammaB[k] = db;
        digammaAb[k] = dab;
      } else {
        double xs = x + s;
        logGammaRatio[k] = x * LogPochhammer.reducedKernel(r, x);
        digammaR[k] = LogPochhammer.reducedKernel(r + x, 0) - digammaRBase;
        logBetaRatio[k] =
            xs * (LogPochhammer.reducedKernel(b, xs) - LogPochhammer.reducedKernel(a + b, xs));
        digammaB[k] = LogPochhammer.reducedKernel(b + xs, 0) - digammaBBase;
        digammaAb[k] = LogPochhammer.reducedKernel(a + b + xs, 0) - digammaAbBase;
      }
      if (n + s > 0) {
        double d = b + x + s - 1;
        logOddsBase[k] = logA - Math.log(d);
        inverseB[k] = 1 / d;
      }
    }
    for (int k = 0; k < recencies.length; k++) {
      double t = recencies[k] / timeScale;
      log1pRecency[k] = Math.log1p(t / alpha);
      inverseRecency[k] = 1 / (alpha + t);
    }
    for (int k = 0; k < ages.length; k++) {
      double t = ages[k] / timeScale;
      logAge[k] = Math.log(alpha + t);
      log1pAge[k] = Math.log1p(t / alpha);
      inverseAge[k] = 1 / (alpha + t);
    }

    boolean wantGradient = gradient != null;
    double ll =
        Parallel.sum(
            executor,
            0,
            patterns,
            chunks,
            (chunk, from, to) -> sum(from, to, r, a, wantGradient ? chunkGradients[chunk] : null));
    if (wantGradient) {
      double gr = 0;
      double galpha = 0;
      double ga = 0;
      double gb = 0;
      for (double[] g : chunkGradients) {
        gr += g[0];
        galpha += g[1];
        ga += g[2];
        gb += g[3];
      }
      gradient[0] = r * gr;
      gradient[1] = alpha * galpha + totalWeight * r;
      gradient[2] = a * ga;
      gradient[3] = b * gb;
    }
    return ll;
  }

  /**
   * The log-likelihood summed over patterns {@code [from, to)} from the per-distinct terms; when
   * {@code g} is not null it receives the partial sums of d LL / d (r, α·(…), a, b) before the
   * chain rule (see {@link #value}).
   */
  private double sum(int from, int to, double r, double a, double[] g) {
    int s = shift;
    double ll = 0;
    double gr = 0;
    double galpha = 0;
    double ga = 0;
    double gb = 0;
    boolean wantGradient = g != null;
    for (int i = from; i < to; i++) {
      double w = weight[i];
      int k = frequencyIndex[i];
      double x = frequencies[k];
      int ti = ageIndex[i];
      int ri = recencyIndex[i];
      // r ln α − (r+x) ln(α+T) = −r log1p(T/α) − x ln(α+T), exact for small T/α.
      double alive = -r * log1pAge[ti] - x * logAge[ti];
      double lse;
      double w3;
      double w4;
      if (x + s > 0) {
        // d = gone − alive, the log-odds of "dropped out after the last purchase" against "alive".
        double d = logOddsBase[k] + (r + x) * (log1pAge[ti] - log1pRecency[ri]);
        // ln(1 + e) with e in [0, 1]: Math.log(1 + e) is within 1 ulp of 1 absolutely (log1p is
        // slower and only better in relative terms for tiny e, which do not matter in the sum).
        if (d <= 0) {
          double e = Math.exp(d);
          double onePlus = 1 + e;
          lse = alive + Math.log(onePlus);
          w3 = 1 / onePlus;
          w4 = e * w3;
        } else {
          double e = Math.exp(-d);
          double onePlus = 1 + e;
          lse = alive + d + Math.log(onePlus);
          w4 = 1 / onePlus;
          w3 = e * w4;
        }
      } else {
        lse = alive;
        w3 = 1;
        w4 = 0;
      }
      ll += w * (logGammaRatio[k] + logBetaRatio[k] + lse);
      if (wantGradient) {
        gr += w * (digammaR[k] - (w3 * log1pAge[ti] + w4 * log1pRecency[ri]));
        galpha -= w * (r + x) * (w3 * inverseAge[ti] + w4 * inverseRecency[ri]);
        ga += w * (w4 / a - digammaAb[k]);
        gb += w * (digammaB[k] - digammaAb[k] - w4 * inverseB[k]);
      }
    }
    if (wantGradient) {
      g[0] = gr;
      g[1] = galpha;
      g[2] = ga;
      g[3] = gb;
    }
    return ll;
  }
}
