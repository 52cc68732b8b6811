package org.clvkit.models.gammagamma;

import java.util.List;
import java.util.concurrent.Executor;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The Gamma-Gamma maximum-likelihood problem over (log p, log q, log γ) on grouped spend patterns
 * (Fader and Hardie 2013, "The Gamma-Gamma model of monetary value", summed over customers):
 *
 * <pre>
 * LL = Σ_g [ W_g (log Γ(p x_g + q) − log Γ(p x_g) + p x_g log x_g)
 *            + (p x_g − 1) S_g − (p x_g + q) A_g(γ) ]
 *      + W (q log γ − log Γ(q))
 * </pre>
 *
 * with W_g the weight of frequency group g, S_g = Σ w log m̄ and A_g(γ) = Σ w log(γ + x_g m̄) over
 * its patterns. Only A_g (and B_g = Σ w / (γ + x_g m̄) for the gradient) needs a pass over the
 * patterns, and only when γ changes; the log-gamma and digamma terms are evaluated once per
 * distinct frequency, from {@link LogPochhammer} (ln Γ(px+q) − ln Γ(px) without cancellation, and
 * digamma values accurate to a few ulps where commons-math3's are good only to about 3e-9).
 *
 * <p>The pattern sums run in fixed chunks of about {@value #CHUNK} patterns (their number depends
 * only on the number of patterns), each with its own partial sums per group, added in chunk order:
 * on the executor when there is one, in the calling thread otherwise, with bit-identical results.
 *
 * <p>Money plays the part of time in {@link ModelFitting}: γ has "time exponent" 1 and the "time
 * scale" is the money scale, so the optimiser works on γ' = γ / scale (near 1 for any currency
 * unit) while the objective itself is evaluated in the caller's money, the log-likelihood
 * unchanged.
 */
final class GammaGammaLikelihood implements ModelFitting.Problem {
  /** Patterns per chunk of the pattern sums, roughly. */
  static final int CHUNK = 16_384;

  /** Most chunks of one sum. */
  static final int MAX_CHUNKS = 64;

  private final SpendPatterns data;
  private final Executor executor;

  GammaGammaLikelihood(SpendPatterns data) {
    this(data, null);
  }

  /**
   * @param data the grouped patterns
   * @param executor where the chunks of the pattern sums run, or null for the calling thread
   */
  GammaGammaLikelihood(SpendPatterns data, Executor executor) {
    this.data = data;
    this.executor = executor;
  }

  /** The same problem on a sample of the patterns ({@link SpendPatterns#sample}). */
  @Override
  public ModelFitting.Problem sample(int size, long seed) {
    return new GammaGammaLikelihood(data.sample(size, seed), null);
  }

  @Override
  public String model() {
    return GammaGammaModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("p", "q", "gamma");
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 0, 1};
  }

  /** p = 1, q = 2, γ' = 1/2: a population mean spend of the data's (geometric) mean spend scale. */
  @Override
  public double[] start() {
    return new double[] {0, Math.log(2), Math.log(0.5)};
  }

  @Override
  public double customers() {
    return data.customers;
  }

  @Override
  public int patterns() {
    return data.patterns();
  }

  @Override
  public MaximumLikelihood.Objective objective(double moneyScale) {
    return new Objective(data, Math.log(moneyScale), executor);
  }

  /** Evaluates the log-likelihood; caches the pattern sums for the last γ. Not thread-safe. */
  static final class Objective implements MaximumLikelihood.Objective {
    private final SpendPatterns data;
    private final double logScale;
    private final Executor executor;
    private final int chunks;
    private final double[][] chunkLogSums;
    private final double[][] chunkInverseSums;
    private final double[] logSums;
    private final double[] inverseSums;
    private double cachedGamma = Double.NaN;

    Objective(SpendPatterns data, double logScale, Executor executor) {
      this.data = data;
      this.logScale = logScale;
      this.executor = executor;
      int groups = data.groupFrequency.length;
      this.chunks = Math.max(1, Math.min(MAX_CHUNKS, data.patterns() / CHUNK));
      this.chunkLogSums = new double[chunks][groups];
      this.chunkInverseSums = new double[chunks][groups];
      this.logSums = new double[groups];
      this.inverseSums = new double[groups];
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double p = Math.exp(theta[0]);
      double q = Math.exp(theta[1]);
      double logGamma = theta[2] + logScale;
      double gamma = Math.exp(logGamma);
      if (!(p > 0
          && q > 0
          && p < Double.POSITIVE_INFINITY
          && q < Double.POSITIVE_INFINITY
          && gamma > 0
          && gamma < Double.POSITIVE_INFINITY)) {
        return Double.NEGATIVE_INFINITY;
      }
      patternSums(gamma);
      double[] xs = data.groupFrequency;
      double ll = 0;
      double dp = 0;
      double dq = 0;
      double dgamma = 0;
      for (int g = 0; g < xs.length; g++) {
        double w = data.groupWeight[g];
        if (w == 0) {
          continue; // a group that a sample left empty
        }
        double x = xs[g];
        double px = p * x;
        double logX = Math.log(x);
        ll +=
            w * (LogPochhammer.value(px, q) + px * logX)
                + (px - 1) * data.groupLogSpend[g]
                - (px + q) * logSums[g];
        if (gradient != null) {
          double digammaSum = LogPochhammer.digamma(px + q);
          double logSpend = data.groupLogSpend[g];
          dp += x * (w * (digammaSum - LogPochhammer.digamma(px) + logX) + logSpend - logSums[g]);
          dq += w * digammaSum - logSums[g];
          dgamma += (px + q) * inverseSums[g];
        }
      }
      double total = data.customers;
      ll += total * (q * logGamma - Gamma.logGamma(q));
      if (gradient != null) {
        gradient[0] = p * dp;
        gradient[1] = q * (dq + total * (logGamma - LogPochhammer.digamma(q)));
        gradient[2] = total * q - gamma * dgamma;
      }
      return ll;
    }

    /**
     * A_g = Σ w log(γ + x m̄) and B_g = Σ w / (γ + x m̄) per group, recomputed when γ changes: per
     * chunk of patterns, then added over the chunks in chunk order.
     */
    private void patternSums(double gamma) {
      if (gamma == cachedGamma) {
        return;
      }
      int groups = logSums.length;
      Parallel.run(
          executor,
          0,
          chunks,
          chunks,
          (first, last) -> {
            for (int chunk = first; chunk < last; chunk++) {
              chunkSums(
                  gamma,
                  Parallel.boundary(0, data.patterns(), chunks, chunk),
                  Parallel.boundary(0, data.patterns(), chunks, chunk + 1),
                  chunkLogSums[chunk],
                  chunkInverseSums[chunk]);
            }
          });
      for (int g = 0; g < groups; g++) {
        double a = 0;
        double b = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
          a += chunkLogSums[chunk][g];
          b += chunkInverseSums[chunk][g];
        }
        logSums[g] = a;
        inverseSums[g] = b;
      }
      cachedGamma = gamma;
    }

    /** The partial A_g and B_g of patterns {@code [from, to)}, for every group g. */
    private void chunkSums(double gamma, int from, int to, double[] a, double[] b) {
      double[] c = data.totalSpend;
      double[] w = data.weight;
      int[] start = data.groupStart;
      java.util.Arrays.fill(a, 0);
      java.util.Arrays.fill(b, 0);
      for (int g = 0; g < a.length; g++) {
        int begin = Math.max(from, start[g]);
        int end = Math.min(to, start[g + 1]);
        double sa = 0;
        double sb = 0;
        for (int i = begin; i < end; i++) {
          double d = gamma + c[i];
          sa += w[i] * Math.log(d);
          sb += w[i] / d;
        }
        a[g] = sa;
        b[g] = sb;
      }
    }
  }
}
