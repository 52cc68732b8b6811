package org.clvkit.core.lifecycle;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * Estimates a {@link TransitionMatrix} from {@link TransitionCounts}: maximum likelihood with
 * optional additive (Laplace/Lidstone) smoothing. With {@code n_ij} transitions from stage {@code
 * i} to stage {@code j}, {@code n_i = Σ_j n_ij} and {@code k} stages, the estimate is
 *
 * <pre>  p̂_ij = (n_ij + α) / (n_i + k·α)</pre>
 *
 * <p>which for {@code α = 0} is the maximum-likelihood estimate {@code n_ij / n_i} (Anderson and
 * Goodman 1957, <i>Annals of Mathematical Statistics</i> 28(1), 89–110). Its standard error is the
 * multinomial one, {@code sqrt(p̂_ij (1 − p̂_ij) / n_i)}, using the observed {@code n_i} only (the
 * pseudo-counts are not data). A stage with no observed transitions ({@code n_i = 0}) has no
 * estimate; {@link UnobservedStage} says what to do with its row, and its standard errors are
 * {@link Double#POSITIVE_INFINITY}.
 *
 * <p>Immutable, thread-safe and {@link Serializable}; the estimator is configuration, the result is
 * a {@link TransitionEstimate}.
 *
 * @param smoothing the pseudo-count {@code α} added to every cell, finite and {@code >= 0}
 * @param unobserved what to do with a stage that no transition leaves, non-null
 */
public record TransitionEstimator(double smoothing, UnobservedStage unobserved)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What to put in the row of a stage with no observed transitions out of it. */
  public enum UnobservedStage {
    /** Refuse to estimate, naming the stage (the default). */
    REJECT,
    /** Make the stage absorbing ({@code p̂_ii = 1}), as for a churn stage that sequences end in. */
    ABSORBING,
    /** Use the uniform row {@code 1/k}, which is what any smoothing {@code α > 0} gives it. */
    UNIFORM
  }

  /** Validates the configuration. */
  public TransitionEstimator {
    Checks.nonNegative("smoothing", smoothing);
    Checks.notNull("unobserved", unobserved);
  }

  /** Maximum likelihood without smoothing, rejecting unobserved stages. */
  public static TransitionEstimator maximumLikelihood() {
    return new TransitionEstimator(0, UnobservedStage.REJECT);
  }

  /** This estimator with pseudo-count {@code smoothing} added to every cell. */
  public TransitionEstimator withSmoothing(double smoothing) {
    return new TransitionEstimator(smoothing, unobserved);
  }

  /** This estimator with the given treatment of unobserved stages. */
  public TransitionEstimator withUnobserved(UnobservedStage unobserved) {
    return new TransitionEstimator(smoothing, unobserved);
  }

  /**
   * Estimates the transition matrix from counts.
   *
   * @throws org.clvkit.core.ClvArgumentException with policy {@link UnobservedStage#REJECT}, when a
   *     stage has no observed transitions out of it
   */
  public TransitionEstimate estimate(TransitionCounts counts) {
    Checks.notNull("counts", counts);
    StageSet stages = counts.stages();
    int k = stages.size();
    long[] n = counts.raw();
    double[] p = new double[k * k];
    double[] se = new double[k * k];
    for (int i = 0; i < k; i++) {
      long rowTotal = 0;
      for (int j = 0; j < k; j++) {
        rowTotal += n[i * k + j];
      }
      if (rowTotal == 0) {
        switch (unobserved) {
          case REJECT:
            throw Checks.fail(
                "stage %s has no observed transitions out of it; supply sequences that leave it or"
                    + " choose an UnobservedStage policy",
                stages.label(i));
          case ABSORBING:
            p[i * k + i] = 1;
            break;
          case UNIFORM:
            for (int j = 0; j < k; j++) {
              p[i * k + j] = 1.0 / k;
            }
            break;
          default:
            throw new AssertionError(unobserved);
        }
        for (int j = 0; j < k; j++) {
          se[i * k + j] = Double.POSITIVE_INFINITY;
        }
        continue;
      }
      double denominator = rowTotal + k * smoothing;
      for (int j = 0; j < k; j++) {
        double pij = (n[i * k + j] + smoothing) / denominator;
        p[i * k + j] = pij;
        se[i * k + j] = Math.sqrt(pij * (1 - pij) / rowTotal);
      }
    }
    return new TransitionEstimate(stages, n, TransitionMatrix.of(toRows(p, k)), se, this);
  }

  /**
   * Counts the sequences and estimates from them: {@code estimate(new
   * TransitionCounts(stages)...)}.
   */
  public TransitionEstimate estimate(StageSet stages, Iterable<int[]> sequences) {
    return estimate(new TransitionCounts(stages).acceptAll(sequences));
  }

  private static double[][] toRows(double[] p, int k) {
    double[][] rows = new double[k][k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(p, i * k, rows[i], 0, k);
    }
    return rows;
  }
}
