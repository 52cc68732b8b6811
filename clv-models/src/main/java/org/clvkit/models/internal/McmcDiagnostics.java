package org.clvkit.models.internal;

import org.apache.commons.math3.special.Erf;

/**
 * Convergence diagnostics of Markov chains: the split potential scale reduction factor R-hat and
 * the effective sample size, as in Gelman, Carlin, Stern, Dunson, Vehtari &amp; Rubin (2013),
 * <i>Bayesian Data Analysis</i>, 3rd ed., section 11.4–11.5 (eq. 11.3–11.4 for R-hat on chains
 * split in halves, eq. 11.5–11.8 for the effective sample size with Geyer's initial monotone
 * sequence of paired autocorrelations), on the draws themselves or rank-normalised (Vehtari,
 * Gelman, Simpson, Carpenter &amp; Bürkner 2021, "Rank-normalization, folding, and localization: an
 * improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2), 667–718: the "bulk"
 * R-hat and effective sample size, robust to heavy tails).
 *
 * <p>Draws are given chain-major: chain c's draw k at {@code draws[offset + c * n + k]}.
 */
public final class McmcDiagnostics {
  private McmcDiagnostics() {}

  /**
   * Split R-hat: each chain cut into its first and second half (an odd middle draw dropped), then
   * sqrt(var⁺ / W) with W the mean within-half variance and var⁺ = (n−1)/n W + B/n over the 2m
   * halves of n draws. 1 for chains that are all constant and equal; +∞ when they are constant but
   * differ.
   *
   * @param draws chain-major draws
   * @param offset index of chain 0's first draw
   * @param chains number of chains, &gt;= 1
   * @param n draws per chain, &gt;= 4
   */
  public static double splitRhat(double[] draws, int offset, int chains, int n) {
    int half = n / 2;
    int m = 2 * chains;
    double[] means = new double[m];
    double within = 0;
    for (int c = 0; c < chains; c++) {
      for (int h = 0; h < 2; h++) {
        int start = offset + c * n + (h == 0 ? 0 : n - half);
        double mean = 0;
        for (int k = 0; k < half; k++) {
          mean += draws[start + k];
        }
        mean /= half;
        double ss = 0;
        for (int k = 0; k < half; k++) {
          double d = draws[start + k] - mean;
          ss += d * d;
        }
        means[2 * c + h] = mean;
        within += ss / (half - 1);
      }
    }
    within /= m;
    double grand = 0;
    for (double mean : means) {
      grand += mean;
    }
    grand /= m;
    double between = 0;
    for (double mean : means) {
      between += (mean - grand) * (mean - grand);
    }
    between = between * half / (m - 1);
    double plus = (half - 1.0) / half * within + between / half;
    if (within == 0) {
      return between == 0 ? 1.0 : Double.POSITIVE_INFINITY;
    }
    return Math.sqrt(plus / within);
  }

  /**
   * Effective sample size over all chains: m n / (1 + 2 Σ ρ̂_t), with ρ̂_t = 1 − (W − mean over
   * chains of the lag-t autocovariance) / var⁺ (BDA3 eq. 11.7, chains not split), summed over
   * Geyer's initial positive sequence of pairs ρ̂_{2k} + ρ̂_{2k+1}, made monotone. Equal to m n for
   * independent draws up to sampling error; m n for chains that are all constant.
   *
   * @param draws chain-major draws
   * @param offset index of chain 0's first draw
   * @param chains number of chains, &gt;= 1
   * @param n draws per chain, &gt;= 4
   */
  public static double effectiveSampleSize(double[] draws, int offset, int chains, int n) {
    double[] means = new double[chains];
    double[] variances = new double[chains];
    for (int c = 0; c < chains; c++) {
      int start = offset + c * n;
      double mean = 0;
      for (int k = 0; k < n; k++) {
        mean += draws[start + k];
      }
      mean /= n;
      double ss = 0;
      for (int k = 0; k < n; k++) {
        double d = draws[start + k] - mean;
        ss += d * d;
      }
      means[c] = mean;
      variances[c] = ss / (n - 1);
    }
    double within = 0;
    double grand = 0;
    for (int c = 0; c < chains; c++) {
      within += variances[c];
      grand += means[c];
    }
    within /= chains;
    grand /= chains;
    double between = 0;
    for (int c = 0; c < chains; c++) {
      between += (means[c] - grand) * (means[c] - grand);
    }
    between = chains > 1 ? between * n / (chains - 1) : 0;
    double plus = (n - 1.0) / n * within + between / n;
    double total = (double) chains * n;
    if (!(plus > 0)) {
      return total;
    }
    double sum = 0;
    double previousPair = Double.POSITIVE_INFINITY;
    for (int t = 0; t + 1 < n; t += 2) {
      double pair =
          rho(draws, offset, chains, n, means, within, plus, t)
              + rho(draws, offset, chains, n, means, within, plus, t + 1);
      if (pair < 0) {
        break;
      }
      pair = Math.min(pair, previousPair);
      previousPair = pair;
      sum += pair;
    }
    // Σ_{t>=0} pairs counts ρ_0 = 1 once: 1 + 2 Σ_{t>=1} ρ_t = 2 Σ_{t>=0} ρ_t − 1.
    double tau = 2 * sum - 1;
    return total / Math.max(tau, 1.0 / Math.log10(Math.max(total, 10)));
  }

  /**
   * The draws replaced by their normal scores over all chains: z = Φ^{-1}((rank − 3/8) / (S + 1/4))
   * with ranks 1..S (ties share their average rank), chain-major like the input (Vehtari et al.
   * 2021, eq. 14).
   *
   * @return a new array of {@code chains * n} scores
   */
  public static double[] rankNormalized(double[] draws, int offset, int chains, int n) {
    int total = chains * n;
    Integer[] order = new Integer[total];
    for (int j = 0; j < total; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(draws[offset + a], draws[offset + b]));
    double[] out = new double[total];
    int j = 0;
    while (j < total) {
      int k = j;
      while (k + 1 < total && draws[offset + order[k + 1]] == draws[offset + order[j]]) {
        k++;
      }
      double rank = (j + k) / 2.0 + 1;
      double p = (rank - 0.375) / (total + 0.25);
      double z = Math.sqrt(2) * Erf.erfInv(2 * p - 1);
      for (int m = j; m <= k; m++) {
        out[order[m]] = z;
      }
      j = k + 1;
    }
    return out;
  }

  /** Split R-hat of the rank-normalised draws (the bulk R-hat of Vehtari et al. 2021). */
  public static double rankSplitRhat(double[] draws, int offset, int chains, int n) {
    return splitRhat(rankNormalized(draws, offset, chains, n), 0, chains, n);
  }

  /** Effective sample size of the rank-normalised draws (the bulk ESS of Vehtari et al. 2021). */
  public static double rankEffectiveSampleSize(double[] draws, int offset, int chains, int n) {
    return effectiveSampleSize(rankNormalized(draws, offset, chains, n), 0, chains, n);
  }

  private static double rho(
      double[] draws,
      int offset,
      int chains,
      int n,
      double[] means,
      double within,
      double plus,
      int lag) {
    double autocovariance = 0;
    for (int c = 0; c < chains; c++) {
      int start = offset + c * n;
      double mean = means[c];
      double sum = 0;
      for (int k = 0; k + lag < n; k++) {
        sum += (draws[start + k] - mean) * (draws[start + k + lag] - mean);
      }
      autocovariance += sum / n;
    }
    autocovariance /= chains;
    return 1 - (within - autocovariance) / plus;
  }
}
