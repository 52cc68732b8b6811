package org.clvkit.models.paretonbd;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.CovariateGroups;
import org.clvkit.models.internal.DistinctValues;
import org.clvkit.models.internal.PatternSample;

/**
 * The Pareto/NBD log-likelihood of customers whose gamma scales α_i and β_i depend on their
 * covariate row, with its gradient with respect to ln r, ln s and each covariate row's ln α and ln
 * β: the kernel of the covariate fit. The caller maps the rows' scales from its coefficients (α_i =
 * α₀ exp(−γ_purchaseᵀz_i), β_i = β₀ exp(−γ_dropoutᵀz_i)) and chains the gradient back.
 *
 * <p>Customers are grouped by covariate row (compared bit for bit, −0 as 0) and, within a group,
 * compressed to distinct (frequency, recency, age) patterns with weights: the patterns of the fit
 * are the distinct (frequency, recency, age, covariate row). A group of at least {@link #LARGE}
 * patterns is evaluated by its own {@link ParetoNbdLikelihood}, which computes the hypergeometric
 * terms once per distinct frequency, time and pair (categorical covariates give a few such groups);
 * smaller groups (continuous covariates give one customer each) are evaluated pattern by pattern
 * with the per-pattern kernel, one {@link ParetoNbdFunctions} per group and evaluation sharing the
 * constants of r and s. Both paths use the same kernel, {@link
 * ParetoNbdFunctions#logLikelihood(double, double, double, double[], double[])}.
 *
 * <p>Parallel evaluation: large groups one after another, each split into chunks on the executor;
 * the small groups in chunks cut at group boundaries, so that each group's gradient is written by
 * one chunk; partial sums are added in chunk order, so the result is the same, bit for bit, with
 * and without an executor. An instance holds work arrays and must not be used from two threads at
 * once.
 */
final class ParetoNbdCovariateLikelihood {
  /** Groups with at least this many patterns get their own shared-term likelihood. */
  static final int LARGE = 64;

  private final Executor executor;
  private final int groups;
  private final int columns;
  private final double[] groupRows;
  private final double customers;
  private final double purchases;
  private final double exposure;
  private final int patterns;

  private final int[] largeGroup;
  private final ParetoNbdLikelihood[] large;

  // Every pattern, ordered by group (what the restricted fit and the sample are drawn from).
  private final double[] allFrequency;
  private final double[] allRecency;
  private final double[] allAge;
  private final double[] allWeight;
  private final int[] allGroup;

  // Small groups' patterns, ordered by group.
  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final int[] group;

  /** Distinct frequencies of the small groups' patterns; {@code frequencyIndex[i]} points in. */
  private final double[] frequencies;

  private final int[] frequencyIndex;

  /** The terms of each distinct frequency (they depend on r and s alone), per evaluation. */
  private final double[] frequencyTerms;

  private final int[] chunkStart;
  private final double[][] chunkSums;
  private final double[][] chunkWork;
  private final double[][] chunkGradient;

  /**
   * @param data the customers (raw or weighted rows)
   * @param covariates row-major covariate rows aligned with {@code data}'s rows
   * @param columns the length of a covariate row, &gt; 0
   * @param executor where chunks run, or null for the calling thread
   */
  ParetoNbdCovariateLikelihood(
      CustomerHistories data, double[] covariates, int columns, Executor executor) {
    this.executor = executor;
    this.columns = columns;
    Checks.sameLength("covariates", covariates.length, "rows * columns", data.size() * columns);
    // Group the rows by covariate row and compress each group, without per-customer objects.
    CovariateGroups.Patterns p = CovariateGroups.patterns(data, covariates, columns);
    this.groups = p.groups();
    this.groupRows = p.rows();
    int[] start = p.start();
    int n = p.frequency().length;
    int[] largeGroups = new int[groups];
    ParetoNbdLikelihood[] largeLikelihoods = new ParetoNbdLikelihood[groups];
    int largeCount = 0;
    double[] sf = new double[n];
    double[] sr = new double[n];
    double[] sa = new double[n];
    double[] sw = new double[n];
    int[] sg = new int[n];
    int small = 0;
    int patternCount = 0;
    double totalWeight = 0;
    double totalPurchases = 0;
    double totalExposure = 0;
    for (int g = 0; g < groups; g++) {
      int from = start[g];
      int m = start[g + 1] - from;
      if (m == 0) {
        continue; // a covariate row whose customers all have weight 0 adds nothing
      }
      patternCount += m;
      for (int k = from; k < from + m; k++) {
        double wk = p.weight()[k];
        totalWeight += wk;
        totalPurchases += wk * p.frequency()[k];
        totalExposure += wk * p.age()[k];
      }
      if (m >= LARGE) {
        largeGroups[largeCount] = g;
        largeLikelihoods[largeCount] =
            new ParetoNbdLikelihood(
                CustomerHistories.of(
                    Arrays.copyOfRange(p.frequency(), from, from + m),
                    Arrays.copyOfRange(p.recency(), from, from + m),
                    Arrays.copyOfRange(p.age(), from, from + m),
                    Arrays.copyOfRange(p.weight(), from, from + m)),
                executor); // already distinct: no second compression
        largeCount++;
      } else {
        System.arraycopy(p.frequency(), from, sf, small, m);
        System.arraycopy(p.recency(), from, sr, small, m);
        System.arraycopy(p.age(), from, sa, small, m);
        System.arraycopy(p.weight(), from, sw, small, m);
        Arrays.fill(sg, small, small + m, g);
        small += m;
      }
    }
    this.largeGroup = Arrays.copyOf(largeGroups, largeCount);
    this.large = Arrays.copyOf(largeLikelihoods, largeCount);
    this.frequency = Arrays.copyOf(sf, small);
    this.recency = Arrays.copyOf(sr, small);
    this.age = Arrays.copyOf(sa, small);
    this.weight = Arrays.copyOf(sw, small);
    this.group = Arrays.copyOf(sg, small);
    this.frequencyIndex = new int[small];
    this.frequencies = DistinctValues.of(frequency, frequencyIndex);
    this.frequencyTerms = new double[frequencies.length * ParetoNbdFunctions.FREQUENCY_TERMS];
    this.allFrequency = p.frequency();
    this.allRecency = p.recency();
    this.allAge = p.age();
    this.allWeight = p.weight();
    int[] ag = new int[n];
    for (int g = 0; g < groups; g++) {
      Arrays.fill(ag, start[g], start[g + 1], g);
    }
    this.allGroup = ag;
    this.patterns = patternCount;
    this.customers = totalWeight;
    this.purchases = totalPurchases;
    this.exposure = totalExposure;
    // Chunks of the small patterns, cut at group boundaries.
    int chunks = ParetoNbdLikelihood.chunks(small);
    int[] cuts = new int[chunks + 1];
    int count = 1; // cuts[0] = 0
    for (int k = 1; k < chunks; k++) {
      int at = Parallel.boundary(0, small, chunks, k);
      while (at < small && group[at] == group[at - 1]) {
        at++;
      }
      if (at > cuts[count - 1] && at < small) {
        cuts[count++] = at;
      }
    }
    cuts[count++] = small;
    this.chunkStart = Arrays.copyOf(cuts, count);
    this.chunkSums = new double[count - 1][2];
    this.chunkWork =
        new double[count - 1][ParetoNbdFunctions.AGE_TERMS + 2 * ParetoNbdFunctions.PAIR_TERMS];
    this.chunkGradient = new double[count - 1][4];
  }

  /** Distinct covariate rows. */
  int groups() {
    return groups;
  }

  /** The covariate row of group g, at {@code g * columns()} in {@link #groupRows()}. */
  double[] groupRows() {
    return groupRows;
  }

  /** The length of a covariate row. */
  int columns() {
    return columns;
  }

  /** Distinct (frequency, recency, age, covariate row) patterns. */
  int patterns() {
    return patterns;
  }

  /**
   * The distinct (frequency, recency, age, covariate row) patterns with their weights, without the
   * covariates: what the model without covariates is fitted to (it compresses them further).
   */
  CustomerHistories histories() {
    return CustomerHistories.of(allFrequency, allRecency, allAge, allWeight);
  }

  /**
   * The same likelihood on a seeded sample of about {@code size} patterns whose weights are scaled
   * to stand for all the customers ({@link PatternSample}), evaluated in the calling thread.
   */
  ParetoNbdCovariateLikelihood sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(allWeight, size, seed);
    int m = sample.size();
    double[] f = new double[m];
    double[] r = new double[m];
    double[] a = new double[m];
    double[] z = new double[m * columns];
    for (int j = 0; j < m; j++) {
      int i = sample.row(j);
      f[j] = allFrequency[i];
      r[j] = allRecency[i];
      a[j] = allAge[i];
      System.arraycopy(groupRows, allGroup[i] * columns, z, j * columns, columns);
    }
    return new ParetoNbdCovariateLikelihood(
        CustomerHistories.of(f, r, a, sample.weights()), z, columns, null);
  }

  /** Σ w. */
  double customers() {
    return customers;
  }

  /** Σ w x. */
  double purchases() {
    return purchases;
  }

  /** Σ w T. */
  double exposure() {
    return exposure;
  }

  /**
   * The weighted log-likelihood with every time divided by {@code timeScale} (without the Jacobian
   * term of the caller's unit), with group g's scales {@code alpha[g]} and {@code beta[g]} (in the
   * rescaled unit).
   *
   * @param shape when not null, receives d LL / d (ln r, ln s)
   * @param alphaGradient when not null, receives d LL / d ln α_g per group
   * @param betaGradient when not null, receives d LL / d ln β_g per group
   * @throws ArithmeticException if a hypergeometric series cannot converge
   */
  double value(
      double r,
      double s,
      double[] alpha,
      double[] beta,
      double timeScale,
      double[] shape,
      double[] alphaGradient,
      double[] betaGradient) {
    boolean wantGradient = shape != null;
    if (wantGradient) {
      Arrays.fill(alphaGradient, 0, groups, 0.0);
      Arrays.fill(betaGradient, 0, groups, 0.0);
    }
    ParetoNbdFunctions shared = new ParetoNbdFunctions(r, 1.0, s, 1.0);
    for (int k = 0; k < frequencies.length; k++) {
      shared.frequencyTerms(frequencies[k], frequencyTerms, k * ParetoNbdFunctions.FREQUENCY_TERMS);
    }
    double ll = 0;
    double gr = 0;
    double gs = 0;
    double[] g4 = new double[4];
    for (int k = 0; k < large.length; k++) {
      int g = largeGroup[k];
      ll += large[k].value(r, alpha[g], s, beta[g], timeScale, wantGradient ? g4 : null);
      if (wantGradient) {
        gr += g4[0];
        alphaGradient[g] = g4[1];
        gs += g4[2];
        betaGradient[g] = g4[3];
      }
    }
    int chunks = chunkSums.length;
    if (chunks > 0 && frequency.length > 0) {
      ll +=
          Parallel.sum(
              executor,
              0,
              chunks,
              chunks,
              (first, from, to) -> {
                double sum = 0;
                for (int c = from; c < to; c++) {
                  sum +=
                      sumSmall(
                          shared,
                          c,
                          alpha,
                          beta,
                          timeScale,
                          wantGradient ? alphaGradient : null,
                          betaGradient);
                }
                return sum;
              });
      if (wantGradient) {
        for (double[] sums : chunkSums) {
          gr += sums[0];
          gs += sums[1];
        }
      }
    }
    if (wantGradient) {
      shape[0] = gr;
      shape[1] = gs;
    }
    return ll;
  }

  /**
   * Σ w ln L over chunk c of the small groups; (ln r, ln s) sums into {@code chunkSums[c]}. One
   * kernel per chunk, given each group's scales in turn ({@link ParetoNbdFunctions#rescale}); the
   * frequency terms are shared, the age and pair terms computed per pattern in the chunk's work
   * array: nothing is allocated per group or pattern.
   */
  private double sumSmall(
      ParetoNbdFunctions shared,
      int c,
      double[] alpha,
      double[] beta,
      double timeScale,
      double[] alphaGradient,
      double[] betaGradient) {
    int frequencyBlock = ParetoNbdFunctions.FREQUENCY_TERMS;
    int recencyPairAt = ParetoNbdFunctions.AGE_TERMS;
    int agePairAt = recencyPairAt + ParetoNbdFunctions.PAIR_TERMS;
    double[] work = chunkWork[c];
    double[] gradient = chunkGradient[c];
    double ll = 0;
    double gr = 0;
    double gs = 0;
    int from = chunkStart[c];
    int to = chunkStart[c + 1];
    ParetoNbdFunctions f = new ParetoNbdFunctions(shared, alpha[group[from]], beta[group[from]]);
    int current = group[from];
    for (int i = from; i < to; i++) {
      int g = group[i];
      if (g != current) {
        current = g;
        f.rescale(alpha[g], beta[g]);
      }
      double w = weight[i];
      double x = frequency[i];
      double t = recency[i] / timeScale;
      double age = this.age[i] / timeScale;
      f.ageTerms(age, work, 0);
      if (t < age) {
        f.pairTerms(x, t, work, recencyPairAt);
        f.pairTerms(x, age, work, agePairAt);
      }
      ll +=
          w
              * f.logLikelihood(
                  x,
                  t,
                  age,
                  frequencyTerms,
                  frequencyIndex[i] * frequencyBlock,
                  work,
                  0,
                  work,
                  recencyPairAt,
                  agePairAt,
                  gradient);
      if (alphaGradient != null) {
        gr += w * gradient[0];
        alphaGradient[g] += w * gradient[1];
        gs += w * gradient[2];
        betaGradient[g] += w * gradient[3];
      }
    }
    chunkSums[c][0] = gr;
    chunkSums[c][1] = gs;
    return ll;
  }
}
