package org.clvkit.models.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clvkit.core.Checks;

/**
 * A seeded sample of weighted patterns whose weighted sums estimate those over all the patterns
 * without bias: the data on which a fit searches its starting points ({@link ModelFitting}). Not
 * API.
 *
 * <p>Poisson sampling with probability proportional to weight (Särndal, Swensson &amp; Wretman,
 * Model Assisted Survey Sampling, 1992, sections 3.3 and 3.6): pattern i is kept with probability
 * π_i = min(1, c·w_i), independently, with c chosen so that Σ π_i is the requested size, and a kept
 * pattern gets the weight w_i / π_i (the Horvitz–Thompson estimator, so that a weighted sum over
 * the sample estimates the sum over all patterns). Patterns of large weight, which carry much of
 * the likelihood, are all kept with their own weight; the others get the common weight 1/c. The
 * draws depend only on the weights and the seed.
 */
public final class PatternSample {
  private final int[] rows;
  private final double[] weights;

  private PatternSample(int[] rows, double[] weights) {
    this.rows = rows;
    this.weights = weights;
  }

  /**
   * Draws a sample.
   *
   * @param weight the patterns' weights, finite and &gt;= 0, at least one &gt; 0
   * @param size the expected number of sampled patterns, &gt; 0 (all patterns of positive weight
   *     when there are no more of them)
   * @param seed the seed of the draws
   */
  public static PatternSample draw(double[] weight, int size, long seed) {
    Checks.notEmpty("weight", weight);
    Checks.positive("size", size);
    int n = weight.length;
    // c solves Σ min(1, c w_i) = size: start from size / W and raise it while patterns enter the
    // take-all set (c grows monotonically; a handful of passes).
    double c = 0;
    int positive = 0;
    for (double w : weight) {
      positive += w > 0 ? 1 : 0;
    }
    if (positive > size) {
      double previous = -1;
      c = 0;
      for (int pass = 0; pass < 100 && c != previous; pass++) {
        previous = c;
        int takeAll = 0;
        double rest = 0;
        for (double w : weight) {
          if (c > 0 && c * w >= 1) {
            takeAll++;
          } else {
            rest += w;
          }
        }
        c = (size - takeAll) / rest;
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] rows = new int[Math.min(n, 2 * size + 64)];
    double[] weights = new double[rows.length];
    int k = 0;
    for (int i = 0; i < n; i++) {
      double w = weight[i];
      if (!(w > 0)) {
        continue;
      }
      double p = c == 0 ? 1 : Math.min(1, c * w);
      double u = random.nextDouble(); // drawn for every pattern, so the stream does not depend on p
      if (u < p) {
        if (k == rows.length) {
          rows = Arrays.copyOf(rows, Math.min(n, 2 * k));
          weights = Arrays.copyOf(weights, rows.length);
        }
        rows[k] = i;
        weights[k] = p == 1 ? w : w / p;
        k++;
      }
    }
    return new PatternSample(Arrays.copyOf(rows, k), Arrays.copyOf(weights, k));
  }

  /** Number of sampled patterns. */
  public int size() {
    return rows.length;
  }

  /** The index of the {@code k}-th sampled pattern among all patterns (ascending in k). */
  public int row(int k) {
    return rows[k];
  }

  /** The weight of the {@code k}-th sampled pattern in the sample. */
  public double weight(int k) {
    return weights[k];
  }

  /** {@code column} at the sampled rows, in sample order. */
  public double[] select(double[] column) {
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = column[rows[k]];
    }
    return out;
  }

  /** The sample's weights (a copy). */
  public double[] weights() {
    return weights.clone();
  }
}
