package org.clvkit.core.rfm;

import org.clvkit.core.Checks;

/**
 * The ten classic RFM segments, assigned from the recency, frequency and monetary scores by the
 * first matching rule below. The rules are written on the 1–5 scale; with other numbers of levels L
 * each score s is placed on that scale as {@code 1 + 4 (s - 1) / (L - 1)} (so with L = 3 the scores
 * 1, 2, 3 count as 1, 3, 5) and compared exactly, in integers.
 *
 * <ol>
 *   <li>{@link #CHAMPIONS}: R &ge; 4, F &ge; 4 and M &ge; 4 — bought recently, often, and spend
 *       most.
 *   <li>{@link #LOYAL}: R &ge; 3 and F &ge; 4 — buy often and not long ago.
 *   <li>{@link #NEW}: R &ge; 4 and F = 1 (the lowest score) — bought recently, for the first
 *       time(s).
 *   <li>{@link #POTENTIAL_LOYALIST}: R &ge; 4 (so 1 &lt; F &lt; 4) — recent, with some repeat
 *       buying.
 *   <li>{@link #PROMISING}: R &ge; 3 and F &le; 2 — fairly recent, few purchases.
 *   <li>{@link #NEEDS_ATTENTION}: R &ge; 3 (so R about 3, 2 &lt; F &lt; 4) — average on both.
 *   <li>{@link #CANNOT_LOSE}: F &ge; 4 and M &ge; 4 (so R &lt; 3) — were the best, not seen lately.
 *   <li>{@link #AT_RISK}: F &ge; 3 (so R &lt; 3) — bought often, not lately.
 *   <li>{@link #HIBERNATING}: R &ge; 2 (so 2 &le; R &lt; 3, F &lt; 3) — few purchases, long ago.
 *   <li>{@link #LOST}: everything else (R &lt; 2 and F &lt; 3) — fewest purchases, longest ago.
 * </ol>
 *
 * <p>The rules partition the score cube: every score has exactly one segment. They follow the
 * segment map common in practice (for example the R–F grid used by many retail analytics tools),
 * with "about to sleep" folded into hibernating and "lost" split off for the lowest recency.
 */
public enum RfmSegment {
  /** R, F and M all high. */
  CHAMPIONS,
  /** Frequent and fairly recent. */
  LOYAL,
  /** Recent but with moderate frequency. */
  POTENTIAL_LOYALIST,
  /** Recent, lowest frequency. */
  NEW,
  /** Middling recency, low frequency. */
  PROMISING,
  /** Middling recency and frequency. */
  NEEDS_ATTENTION,
  /** Frequent but not recent. */
  AT_RISK,
  /** Frequent and high-spending, but not recent. */
  CANNOT_LOSE,
  /** Low frequency, low-to-middling recency. */
  HIBERNATING,
  /** Low frequency, lowest recency. */
  LOST;

  /**
   * The segment of a score, by the rules in the class description.
   *
   * @param score the scores; not null
   * @return the first segment whose rule matches
   */
  public static RfmSegment of(RfmScore score) {
    Checks.notNull("score", score);
    return of(score.recency(), score.frequency(), score.monetary(), score.levels());
  }

  /** The kernel of {@link #of(RfmScore)}, for validated scores. */
  static RfmSegment of(int r, int f, int m, int levels) {
    if (atLeast(r, 4, levels) && atLeast(f, 4, levels) && atLeast(m, 4, levels)) {
      return CHAMPIONS;
    }
    if (atLeast(r, 3, levels) && atLeast(f, 4, levels)) {
      return LOYAL;
    }
    if (atLeast(r, 4, levels)) {
      return f == 1 ? NEW : POTENTIAL_LOYALIST;
    }
    if (atLeast(r, 3, levels)) {
      return atMost(f, 2, levels) ? PROMISING : NEEDS_ATTENTION;
    }
    if (atLeast(f, 4, levels) && atLeast(m, 4, levels)) {
      return CANNOT_LOSE;
    }
    if (atLeast(f, 3, levels)) {
      return AT_RISK;
    }
    return atLeast(r, 2, levels) ? HIBERNATING : LOST;
  }

  /**
   * Whether score s of 1..levels sits at or above t on the 1–5 scale: 4 (s - 1) >= (t - 1)(L - 1).
   */
  private static boolean atLeast(int s, int t, int levels) {
    return 4 * (s - 1) >= (t - 1) * (levels - 1);
  }

  /** Whether score s of 1..levels sits at or below t on the 1–5 scale. */
  private static boolean atMost(int s, int t, int levels) {
    return 4 * (s - 1) <= (t - 1) * (levels - 1);
  }
}
