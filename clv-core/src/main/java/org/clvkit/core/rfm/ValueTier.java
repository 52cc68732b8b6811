package org.clvkit.core.rfm;

/**
 * Value tiers by CLV percentile: the top 1 % of customers, the next ones up to the top 5 %, then up
 * to the top 20 %, and the rest. See {@link ValueTiers} for how ties at a boundary are placed.
 */
public enum ValueTier {
  /** The top 1 % by value. */
  TOP_1_PERCENT(1),
  /** The top 5 % by value, less the top 1 %. */
  TOP_5_PERCENT(5),
  /** The top 20 % by value, less the top 5 %. */
  TOP_20_PERCENT(20),
  /** Everyone else. */
  REST(100);

  private final int percent;

  ValueTier(int percent) {
    this.percent = percent;
  }

  /** The tier's upper percentile bound: 1, 5, 20, or 100 for the rest. */
  public int percent() {
    return percent;
  }
}
