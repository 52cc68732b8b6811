package org.clvkit.core.lifecycle;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.clvkit.core.Checks;

/**
 * Counts of one-period stage transitions, the sufficient statistics of a Markov chain's likelihood:
 * {@code count(i, j)} is the number of times a customer in stage {@code i} at one period end was in
 * stage {@code j} at the next. A stage sequence {@code s_0, s_1, …, s_T} contributes its {@code T}
 * consecutive pairs; a sequence of one stage contributes nothing.
 *
 * <p>An accumulator for distributed engines: {@link #accept(int[])} per customer, {@link
 * #combine(TransitionCounts)} to merge partial counts (the result does not depend on how the input
 * was split or in what order parts are combined), then {@link
 * TransitionEstimator#estimate(TransitionCounts)}. Not thread-safe; use one per thread or partition
 * and combine.
 */
public final class TransitionCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StageSet stages;
  private final long[] counts;

  /** Empty counts over {@code stages}. */
  public TransitionCounts(StageSet stages) {
    this.stages = Checks.notNull("stages", stages);
    this.counts = new long[stages.size() * stages.size()];
  }

  /** The stages counted over. */
  public StageSet stages() {
    return stages;
  }

  /**
   * Counts one transition from stage {@code from} to stage {@code to}.
   *
   * @throws org.clvkit.core.ClvArgumentException when an index is not a stage: {@code from must be
   *     in [0, 4], was 5}
   */
  public TransitionCounts accept(int from, int to) {
    int n = stages.size();
    Checks.index("from", from, n);
    Checks.index("to", to, n);
    counts[from * n + to]++;
    return this;
  }

  /**
   * Counts the consecutive transitions of one customer's stage sequence (stage indices, one per
   * period end). The whole sequence is validated before anything is counted.
   *
   * @throws org.clvkit.core.ClvArgumentException when an entry is not a stage: {@code sequence[3]
   *     must be in [0, 4], was 7}
   */
  public TransitionCounts accept(int[] sequence) {
    Checks.notNull("sequence", sequence);
    int n = stages.size();
    for (int t = 0; t < sequence.length; t++) {
      Checks.index(Checks.indexed("sequence", t), sequence[t], n);
    }
    for (int t = 1; t < sequence.length; t++) {
      counts[sequence[t - 1] * n + sequence[t]]++;
    }
    return this;
  }

  /**
   * Counts the transitions of a sequence of stage names.
   *
   * @throws org.clvkit.core.ClvArgumentException when a name is not a stage: {@code sequence[1]
   *     must be one of [NEW, DEVELOPING, ESTABLISHED, AT_RISK, CHURNED], was LOST}
   */
  public TransitionCounts acceptNames(List<String> sequence) {
    Checks.notNull("sequence", sequence);
    int[] indices = new int[sequence.size()];
    for (int t = 0; t < indices.length; t++) {
      indices[t] = stages.indexOf(Checks.indexed("sequence", t), sequence.get(t));
    }
    return accept(indices);
  }

  /**
   * Counts every sequence of {@code sequences} (for example the values of {@link StageSequences}).
   */
  public TransitionCounts acceptAll(Iterable<int[]> sequences) {
    Checks.notNull("sequences", sequences);
    for (int[] sequence : sequences) {
      accept(sequence);
    }
    return this;
  }

  /**
   * Adds {@code other}'s counts to these.
   *
   * @throws org.clvkit.core.ClvArgumentException when the stage sets differ
   */
  public TransitionCounts combine(TransitionCounts other) {
    Checks.notNull("other", other);
    if (!other.stages.equals(stages)) {
      throw Checks.fail(
          "other.stages = %s must equal stages = %s", other.stages.names(), stages.names());
    }
    for (int k = 0; k < counts.length; k++) {
      counts[k] += other.counts[k];
    }
    return this;
  }

  /** The number of transitions from {@code from} to {@code to} counted so far. */
  public long count(int from, int to) {
    int n = stages.size();
    Checks.index("from", from, n);
    Checks.index("to", to, n);
    return counts[from * n + to];
  }

  /** The number of transitions out of {@code from} counted so far (the row total). */
  public long transitionsFrom(int from) {
    int n = stages.size();
    Checks.index("from", from, n);
    long s = 0;
    for (int j = 0; j < n; j++) {
      s += counts[from * n + j];
    }
    return s;
  }

  /** A copy of the counts, row-major ({@code n * n}). */
  long[] raw() {
    return counts.clone();
  }

  /** The counts as rows, a copy. */
  public long[][] toArray() {
    int n = stages.size();
    long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(counts, i * n, i * n + n);
    }
    return rows;
  }
}
