package org.clvkit.models.paretonbd;

import java.util.concurrent.Executor;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.DistinctValues;
import org.clvkit.models.internal.PatternSample;

/**
 * The Pareto/NBD log-likelihood with its analytic gradient, summed over weighted (frequency,
 * recency, age) patterns: the kernel of the fit.
 *
 * <p>Each pattern's ln L is assembled by {@link ParetoNbdFunctions} from terms of its frequency x,
 * of its age T and of the pairs (x, t_x) and (x, T) — the hypergeometric terms with their
 * derivatives, the dear part. Here each of these is computed once per evaluation for every distinct
 * frequency, time and pair, so that a pattern costs the assembly alone (an {@code expm1}, two
 * logarithms and an exponential); customer bases share few distinct pairs (the 305,305 patterns of
 * a million CDNOW-like customers have about 55,000). The result equals the per-pattern {@link
 * ParetoNbdFunctions#logLikelihood(double, double, double, double[], double[])} summed over the
 * patterns, term for term.
 *
 * <p>Parallel evaluation: the pair terms are computed in chunks, and the patterns summed in fixed
 * chunks (their number depends only on the number of patterns), each with its own partial sums,
 * added in chunk order; with an executor the chunks run on it, without one in the calling thread,
 * with bit-identical results. An instance holds work arrays and must not be used from two threads
 * at once.
 */
final class ParetoNbdLikelihood {
  /** Patterns (or pairs) per chunk of the parallel work, roughly. */
  static final int CHUNK = 8_192;

  /** Most chunks of one sum. */
  static final int MAX_CHUNKS = 64;

  private final Executor executor;
  private final int patterns;
  private final double[] weight;
  private final double customers;

  /** Distinct frequencies, ascending; {@code frequencyIndex[i]} points into them. */
  private final double[] frequencies;

  /**
   * Distinct recencies and ages together, ascending; {@code recencyIndex[i]}, {@code ageIndex[i]}
   * point into them.
   */
  private final double[] times;

  private final int[] frequencyIndex;
  private final int[] recencyIndex;
  private final int[] ageIndex;

  /** Pair of pattern i at its recency and at its age; -1 when t_x = T (no pair needed). */
  private final int[] recencyPair;

  private final int[] agePair;

  /** Frequency and time index of each distinct pair. */
  private final int[] pairFrequency;

  private final int[] pairTime;

  private final int chunks;
  private final int pairChunks;
  private final double[][] chunkGradients;
  private final double[][] chunkScratch;

  // Work arrays, rewritten at every evaluation.
  private final double[] scaledTimes;
  private final double[] frequencyTerms;
  private final double[] ageTerms;
  private final double[] pairTerms;

  /**
   * @param data the patterns with their weights (compress them first)
   * @param executor where the chunks run, or null for the calling thread
   */
  ParetoNbdLikelihood(CustomerHistories data, Executor executor) {
    this.executor = executor;
    this.patterns = data.size();
    this.customers = data.totalWeight();
    double[] recency = data.recencyColumn();
    double[] age = data.ageColumn();
    int[] frequencyRank = new int[patterns];
    this.frequencies = DistinctValues.sorted(data.frequencyColumn(), frequencyRank);
    double[] both = new double[2 * patterns];
    System.arraycopy(recency, 0, both, 0, patterns);
    System.arraycopy(age, 0, both, patterns, patterns);
    int[] timeRank = new int[2 * patterns];
    this.times = DistinctValues.sorted(both, timeRank);
    // The patterns in order of (frequency, age, recency), so that the sum walks the age terms and
    // pair terms in order (a quarter faster than in the data's order, for the memory's sake).
    int[] order = new int[patterns];
    for (int i = 0; i < patterns; i++) {
      order[i] = i;
    }
    int[] recencyRank = java.util.Arrays.copyOfRange(timeRank, 0, patterns);
    int[] ageRank = java.util.Arrays.copyOfRange(timeRank, patterns, 2 * patterns);
    order = DistinctValues.sortStably(order, recencyRank, times.length);
    order = DistinctValues.sortStably(order, ageRank, times.length);
    order = DistinctValues.sortStably(order, frequencyRank, frequencies.length);
    double[] w = data.weightColumn();
    this.weight = new double[patterns];
    this.frequencyIndex = new int[patterns];
    this.recencyIndex = new int[patterns];
    this.ageIndex = new int[patterns];
    for (int k = 0; k < patterns; k++) {
      int i = order[k];
      weight[k] = w[i];
      frequencyIndex[k] = frequencyRank[i];
      recencyIndex[k] = recencyRank[i];
      ageIndex[k] = ageRank[i];
    }
    // One pair table for both kinds of pair: (x, t_x) of pattern k is row 2k, (x, T) row 2k + 1.
    int[] pairFirst = new int[2 * patterns];
    int[] pairSecond = new int[2 * patterns];
    boolean[] include = new boolean[2 * patterns];
    for (int k = 0; k < patterns; k++) {
      pairFirst[2 * k] = frequencyIndex[k];
      pairFirst[2 * k + 1] = frequencyIndex[k];
      pairSecond[2 * k] = recencyIndex[k];
      pairSecond[2 * k + 1] = ageIndex[k];
      include[2 * k] = recencyIndex[k] < ageIndex[k];
      include[2 * k + 1] = include[2 * k];
    }
    int[] pairIndex = new int[2 * patterns];
    long[] codes = DistinctValues.pairs(pairFirst, pairSecond, include, pairIndex);
    this.recencyPair = new int[patterns];
    this.agePair = new int[patterns];
    for (int k = 0; k < patterns; k++) {
      recencyPair[k] = pairIndex[2 * k];
      agePair[k] = pairIndex[2 * k + 1];
    }
    this.pairFrequency = new int[codes.length];
    this.pairTime = new int[codes.length];
    for (int p = 0; p < codes.length; p++) {
      pairFrequency[p] = (int) (codes[p] >>> 32);
      pairTime[p] = (int) codes[p];
    }
    this.chunks = chunks(patterns);
    this.pairChunks = chunks(codes.length);
    this.chunkGradients = new double[chunks][4];
    this.chunkScratch = new double[chunks][4];
    this.scaledTimes = new double[times.length];
    this.frequencyTerms = new double[frequencies.length * ParetoNbdFunctions.FREQUENCY_TERMS];
    this.ageTerms = new double[times.length * ParetoNbdFunctions.AGE_TERMS];
    this.pairTerms = new double[codes.length * ParetoNbdFunctions.PAIR_TERMS];
  }

  /** The number of chunks of work over {@code count} items. */
  static int chunks(int count) {
    return Math.max(1, Math.min(MAX_CHUNKS, count / CHUNK));
  }

  /** Number of patterns. */
  int patterns() {
    return patterns;
  }

  /** Number of distinct (frequency, time) pairs whose hypergeometric terms an evaluation needs. */
  int pairs() {
    return pairFrequency.length;
  }

  /** Number of customers (the sum of the weights). */
  double customers() {
    return customers;
  }

  /** Σ w x. */
  double purchases() {
    double sum = 0;
    for (int i = 0; i < patterns; i++) {
      sum += weight[i] * frequencies[frequencyIndex[i]];
    }
    return sum;
  }

  /** Σ w T. */
  double exposure() {
    double sum = 0;
    for (int i = 0; i < patterns; i++) {
      sum += weight[i] * times[ageIndex[i]];
    }
    return sum;
  }

  /**
   * The same likelihood on a seeded sample of about {@code size} patterns whose weights are scaled
   * to stand for all the customers ({@link PatternSample}), evaluated in the calling thread.
   */
  ParetoNbdLikelihood sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(weight, size, seed);
    double[] f = new double[sample.size()];
    double[] r = new double[f.length];
    double[] a = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      int i = sample.row(k);
      f[k] = frequencies[frequencyIndex[i]];
      r[k] = times[recencyIndex[i]];
      a[k] = times[ageIndex[i]];
    }
    return new ParetoNbdLikelihood(CustomerHistories.of(f, r, a, sample.weights()), null);
  }

  /**
   * The weighted log-likelihood on the data with every time divided by {@code timeScale} (so in
   * rescaled time, without the Jacobian term Σ w x ln(timeScale) of the caller's unit).
   *
   * @param gradient when not null, receives d LL / d (ln r, ln α, ln s, ln β); length &gt;= 4
   * @return the log-likelihood
   * @throws ArithmeticException if a hypergeometric series cannot converge (far from any sensible
   *     optimum)
   */
  double value(double r, double alpha, double s, double beta, double timeScale, double[] gradient) {
    ParetoNbdFunctions f = new ParetoNbdFunctions(r, alpha, s, beta);
    for (int k = 0; k < frequencies.length; k++) {
      f.frequencyTerms(frequencies[k], frequencyTerms, k * ParetoNbdFunctions.FREQUENCY_TERMS);
    }
    for (int k = 0; k < times.length; k++) {
      double t = times[k] / timeScale;
      scaledTimes[k] = t;
      f.ageTerms(t, ageTerms, k * ParetoNbdFunctions.AGE_TERMS);
    }
    Parallel.run(
        executor,
        0,
        pairFrequency.length,
        pairChunks,
        (from, to) -> {
          for (int p = from; p < to; p++) {
            f.pairTerms(
                frequencies[pairFrequency[p]],
                scaledTimes[pairTime[p]],
                pairTerms,
                p * ParetoNbdFunctions.PAIR_TERMS);
          }
        });
    boolean wantGradient = gradient != null;
    double ll =
        Parallel.sum(
            executor,
            0,
            patterns,
            chunks,
            (chunk, from, to) -> sum(f, from, to, chunkScratch[chunk], chunkGradients[chunk]));
    if (wantGradient) {
      double g0 = 0;
      double g1 = 0;
      double g2 = 0;
      double g3 = 0;
      for (double[] g : chunkGradients) {
        g0 += g[0];
        g1 += g[1];
        g2 += g[2];
        g3 += g[3];
      }
      gradient[0] = g0;
      gradient[1] = g1;
      gradient[2] = g2;
      gradient[3] = g3;
    }
    return ll;
  }

  /** Σ w ln L over patterns {@code [from, to)}, the weighted gradient sums into {@code sums}. */
  private double sum(ParetoNbdFunctions f, int from, int to, double[] scratch, double[] sums) {
    int frequencyBlock = ParetoNbdFunctions.FREQUENCY_TERMS;
    int ageBlock = ParetoNbdFunctions.AGE_TERMS;
    int pairBlock = ParetoNbdFunctions.PAIR_TERMS;
    double ll = 0;
    double g0 = 0;
    double g1 = 0;
    double g2 = 0;
    double g3 = 0;
    for (int i = from; i < to; i++) {
      double w = weight[i];
      int k = frequencyIndex[i];
      int ti = ageIndex[i];
      ll +=
          w
              * f.logLikelihood(
                  frequencies[k],
                  scaledTimes[recencyIndex[i]],
                  scaledTimes[ti],
                  frequencyTerms,
                  k * frequencyBlock,
                  ageTerms,
                  ti * ageBlock,
                  pairTerms,
                  recencyPair[i] * pairBlock,
                  agePair[i] * pairBlock,
                  scratch);
      g0 += w * scratch[0];
      g1 += w * scratch[1];
      g2 += w * scratch[2];
      g3 += w * scratch[3];
    }
    sums[0] = g0;
    sums[1] = g1;
    sums[2] = g2;
    sums[3] = g3;
    return ll;
  }
}
