package org.clvkit.models.paretonbd;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.CovariateGroups;

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

  // Small groups' patterns, ordered by group.
  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final int[] group;
  private final int[] chunkStart;
  private final double[][] chunkSums;
  private final double[][] chunkWork;

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
                        Arrays.copyOfRange(p.weight(), from, from + m))
                    .compressed(),
                executor);
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
    this.chunkWork = new double[count - 1][ParetoNbdFunctions.WORK + 4];
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

  /** Σ w ln L over chunk c of the small groups; (ln r, ln s) sums into {@code chunkSums[c]}. */
  private double sumSmall(
      ParetoNbdFunctions shared,
      int c,
      double[] alpha,
      double[] beta,
      double timeScale,
      double[] alphaGradient,
      double[] betaGradient) {
    double[] work = chunkWork[c];
    double[] gradient = new double[4];
    double ll = 0;
    double gr = 0;
    double gs = 0;
    int current = -1;
    ParetoNbdFunctions f = null;
    for (int i = chunkStart[c]; i < chunkStart[c + 1]; i++) {
      int g = group[i];
      if (g != current) {
        current = g;
        f = new ParetoNbdFunctions(shared, alpha[g], beta[g]);
      }
      double w = weight[i];
      ll +=
          w
              * f.logLikelihood(
                  frequency[i], recency[i] / timeScale, age[i] / timeScale, gradient, work);
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
