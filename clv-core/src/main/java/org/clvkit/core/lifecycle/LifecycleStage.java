package org.clvkit.core.lifecycle;

/**
 * The default customer-lifecycle stages, in the order of {@link StageSet#defaults()}: acquisition
 * ({@link #NEW}), development ({@link #DEVELOPING}), retention ({@link #ESTABLISHED}), the warning
 * stage {@link #AT_RISK} and churn ({@link #CHURNED}); a churned customer who buys again is won
 * back to an active stage. {@link StageRules} documents how a customer is assigned to one of them.
 * The ordinal is the stage's index in {@link StageSet#defaults()} and in the rows of a
 * default-stage {@link TransitionMatrix}.
 */
public enum LifecycleStage {
  /** Acquired: one purchase so far (or within the configured new-customer window), and recent. */
  NEW,
  /** Developing: repeat purchases, fewer than the established count, and recent. */
  DEVELOPING,
  /** Established (retained): at least the established purchase count, and recent. */
  ESTABLISHED,
  /** At risk: quiet for at least the at-risk time but less than the churn time. */
  AT_RISK,
  /** Churned: quiet for at least the churn time. */
  CHURNED;

  /** This stage's index in {@link StageSet#defaults()}, the same as {@link #ordinal()}. */
  public int index() {
    return ordinal();
  }
}
