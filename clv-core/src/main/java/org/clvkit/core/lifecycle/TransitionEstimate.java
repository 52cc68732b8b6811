package org.clvkit.core.lifecycle;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;

/**
 * The result of {@link TransitionEstimator#estimate(TransitionCounts)}: the estimated {@link
 * TransitionMatrix}, the transition counts it came from, and a standard error per cell. Standard
 * errors are {@code sqrt(p̂ (1 − p̂) / n_i)} with {@code n_i} the observed transitions out of the
 * row's stage; they are 0 for cells estimated at exactly 0 or 1 and {@link
 * Double#POSITIVE_INFINITY} for rows with no observations.
 *
 * <p>Immutable, thread-safe and {@link Serializable}; accessors return copies. It carries its
 * provenance: the estimator (smoothing and unobserved-stage policy) that produced it.
 */
public final class TransitionEstimate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StageSet stages;
  private final long[] counts;
  private final TransitionMatrix matrix;
  private final double[] standardErrors;
  private final TransitionEstimator estimator;

  TransitionEstimate(
      StageSet stages,
      long[] counts,
      TransitionMatrix matrix,
      double[] standardErrors,
      TransitionEstimator estimator) {
    this.stages = stages;
    this.counts = counts;
    this.matrix = matrix;
    this.standardErrors = standardErrors;
    this.estimator = estimator;
  }

  /** The stages. */
  public StageSet stages() {
    return stages;
  }

  /** The estimated one-period transition matrix. */
  public TransitionMatrix transitionMatrix() {
    return matrix;
  }

  /** A {@link LifecycleModel} with the estimated matrix. */
  public LifecycleModel model() {
    return LifecycleModel.of(stages, matrix);
  }

  /** The estimator that produced this estimate. */
  public TransitionEstimator estimator() {
    return estimator;
  }

  /** The estimated probability of moving from {@code from} to {@code to} in one period. */
  public double probability(int from, int to) {
    return matrix.get(from, to);
  }

  /** The standard error of {@link #probability(int, int)}. */
  public double standardError(int from, int to) {
    checkCell(from, to);
    return standardErrors[from * stages.size() + to];
  }

  /** The number of observed transitions from {@code from} to {@code to}. */
  public long count(int from, int to) {
    checkCell(from, to);
    return counts[from * stages.size() + to];
  }

  /** The number of observed transitions out of {@code from}. */
  public long transitionsFrom(int from) {
    Checks.index("from", from, stages.size());
    int n = stages.size();
    long s = 0;
    for (int j = 0; j < n; j++) {
      s += counts[from * n + j];
    }
    return s;
  }

  /** The counts as rows, a copy. */
  public long[][] counts() {
    int n = stages.size();
    long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(counts, i * n, i * n + n);
    }
    return rows;
  }

  /** The standard errors as rows, a copy. */
  public double[][] standardErrors() {
    int n = stages.size();
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(standardErrors, i * n, i * n + n);
    }
    return rows;
  }

  private void checkCell(int from, int to) {
    Checks.index("from", from, stages.size());
    Checks.index("to", to, stages.size());
  }

  @Override
  public String toString() {
    return "TransitionEstimate[stages="
        + stages.names()
        + ", transitionMatrix="
        + matrix
        + ", estimator="
        + estimator
        + "]";
  }
}
