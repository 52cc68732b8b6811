package org.clvkit.core.data;

/**
 * What a summary does with rows of a kind that the caller must decide about: zero amounts, refunds
 * (negative amounts) and purchases after the end of observation. Nothing happens silently: kept
 * zero amounts and dropped rows are counted in {@link PolicyCounts}.
 */
public enum RowPolicy {
  /** Throw a {@link org.clvkit.core.ClvArgumentException} naming the row (the default). */
  REJECT,
  /** Leave the row out of the summary and count it. */
  DROP,
  /**
   * Keep the row as a purchase of value 0 and count it; for zero amounts only. The CDNOW sample has
   * 8 such rows (first purchases of $0.00), which the literature's summary counts as purchases.
   */
  KEEP
}
