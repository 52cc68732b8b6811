package org.clvkit.core.rfm;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * A customer's recency, frequency and monetary scores, each from 1 (worst) to {@code levels}
 * (best): a high recency score means a recent last purchase.
 *
 * @param recency recency score in [1, levels]
 * @param frequency frequency score in [1, levels]
 * @param monetary monetary score in [1, levels]
 * @param levels number of score levels, in [2, 9] (5 by default)
 */
public record RfmScore(int recency, int frequency, int monetary, int levels)
    implements Serializable {

  /** Validates the levels and that each score lies in [1, levels]. */
  public RfmScore {
    Checks.integerInRange("levels", levels, RfmScorer.MIN_LEVELS, RfmScorer.MAX_LEVELS);
    Checks.integerInRange("recency", recency, 1, levels);
    Checks.integerInRange("frequency", frequency, 1, levels);
    Checks.integerInRange("monetary", monetary, 1, levels);
  }

  /** The combined score as the three digits R, F, M: {@code 100 R + 10 F + M}, e.g. 545. */
  public int code() {
    return 100 * recency + 10 * frequency + monetary;
  }

  /** The sum R + F + M, in [3, 3 levels]. */
  public int total() {
    return recency + frequency + monetary;
  }

  /** The named segment of these scores (see {@link RfmSegment} for the rules). */
  public RfmSegment segment() {
    return RfmSegment.of(this);
  }
}
