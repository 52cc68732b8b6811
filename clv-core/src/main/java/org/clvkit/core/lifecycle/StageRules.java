package org.clvkit.core.lifecycle;

import org.clvkit.core.Checks;

/**
 * The default, configurable rules that put a customer in one of the {@link LifecycleStage}s. Times
 * are in periods of the caller's choosing (the same unit as the thresholds). With {@code n}
 * purchases so far (the first included), {@code f} periods since the first purchase and {@code l}
 * periods since the last purchase, the first rule that holds decides:
 *
 * <ol>
 *   <li>{@link LifecycleStage#CHURNED} if {@code l >= churnedAfter};
 *   <li>{@link LifecycleStage#AT_RISK} if {@code l >= atRiskAfter};
 *   <li>{@link LifecycleStage#ESTABLISHED} if {@code n >= establishedPurchases};
 *   <li>{@link LifecycleStage#NEW} if {@code n == 1} or {@code f < newPeriod};
 *   <li>{@link LifecycleStage#DEVELOPING} otherwise.
 * </ol>
 *
 * <p>Thresholds are inclusive: a customer becomes AT_RISK at the very moment the quiet time reaches
 * {@code atRiskAfter}. Win-back needs no rule of its own: a churned (or at-risk) customer who buys
 * again has {@code l = 0} and returns to the active stage that their purchase count gives; the
 * Markov model sees this as a transition out of CHURNED. Without a purchase the stage changes only
 * when {@code l} reaches {@code atRiskAfter} or {@code churnedAfter}, or when {@code f} reaches
 * {@code newPeriod} for a repeat customer kept NEW by the new-customer window; {@link
 * #periodsUntilNextChange(int, double, double)} returns the earliest of these.
 *
 * <p>Example: weekly periods, established at 4 purchases, at risk after 8 quiet weeks, churned
 * after 26: {@code StageRules.of(4, 8, 26)}.
 *
 * @param establishedPurchases purchase count from which an active customer is ESTABLISHED, {@code
 *     >= 1}
 * @param newPeriod periods after the first purchase during which an active customer below the
 *     established count stays NEW even after a repeat purchase, finite and {@code >= 0} (0: only
 *     one-purchase customers are NEW)
 * @param atRiskAfter quiet periods (since the last purchase) after which a customer is AT_RISK,
 *     finite and {@code > 0}
 * @param churnedAfter quiet periods after which a customer is CHURNED, finite and {@code >=
 *     atRiskAfter} (equal: the AT_RISK stage is skipped)
 */
public record StageRules(
    int establishedPurchases, double newPeriod, double atRiskAfter, double churnedAfter)
    implements StageAssigner {
  private static final long serialVersionUID = 1L;

  private static final int NEW = LifecycleStage.NEW.index();
  private static final int DEVELOPING = LifecycleStage.DEVELOPING.index();
  private static final int ESTABLISHED = LifecycleStage.ESTABLISHED.index();
  private static final int AT_RISK = LifecycleStage.AT_RISK.index();
  private static final int CHURNED = LifecycleStage.CHURNED.index();
  private static final LifecycleStage[] STAGES = LifecycleStage.values();

  /** Validates the thresholds. */
  public StageRules {
    Checks.positive("establishedPurchases", establishedPurchases);
    Checks.nonNegative("newPeriod", newPeriod);
    Checks.positive("atRiskAfter", atRiskAfter);
    Checks.positive("churnedAfter", churnedAfter);
    Checks.atMost("atRiskAfter", atRiskAfter, "churnedAfter", churnedAfter);
  }

  /** Rules without a new-customer window ({@code newPeriod = 0}). */
  public static StageRules of(int establishedPurchases, double atRiskAfter, double churnedAfter) {
    return new StageRules(establishedPurchases, 0, atRiskAfter, churnedAfter);
  }

  /** These rules with a new-customer window of {@code newPeriod} periods. */
  public StageRules withNewPeriod(double newPeriod) {
    return new StageRules(establishedPurchases, newPeriod, atRiskAfter, churnedAfter);
  }

  /** The default stages, {@link StageSet#defaults()}. */
  @Override
  public StageSet stages() {
    return StageSet.defaults();
  }

  /** The stage by the rules above, as a {@link LifecycleStage}; arguments as {@link #assign}. */
  public LifecycleStage stage(int purchaseCount, double timeSinceFirst, double timeSinceLast) {
    return STAGES[assign(purchaseCount, timeSinceFirst, timeSinceLast)];
  }

  /**
   * The index (the {@link LifecycleStage#ordinal()}) of the stage by the rules above.
   *
   * @throws org.clvkit.core.ClvArgumentException when {@code purchaseCount < 1}, a time is negative
   *     or not finite, or {@code timeSinceLast > timeSinceFirst}
   */
  @Override
  public int assign(int purchaseCount, double timeSinceFirst, double timeSinceLast) {
    StageInputs.check(purchaseCount, timeSinceFirst, timeSinceLast);
    return stageKernel(purchaseCount, timeSinceFirst, timeSinceLast);
  }

  /**
   * Periods until the stage changes without a purchase: {@code atRiskAfter - l} while active,
   * {@code churnedAfter - l} while at risk, {@code newPeriod - f} instead when that is sooner for a
   * repeat customer still NEW by the window, and {@link Double#POSITIVE_INFINITY} once churned.
   */
  @Override
  public double periodsUntilNextChange(
      int purchaseCount, double timeSinceFirst, double timeSinceLast) {
    StageInputs.check(purchaseCount, timeSinceFirst, timeSinceLast);
    return changeKernel(purchaseCount, timeSinceFirst, timeSinceLast);
  }

  /**
   * Column form; validates the range once, then runs the same kernel as the per-customer method.
   */
  @Override
  public void assign(
      double[] purchaseCount,
      double[] timeSinceFirst,
      double[] timeSinceLast,
      int from,
      int to,
      int[] out) {
    StageInputs.checkColumns(purchaseCount, timeSinceFirst, timeSinceLast, from, to);
    Checks.notNull("out", out);
    Checks.sameLength("out", out.length, "purchaseCount", purchaseCount.length);
    for (int i = from; i < to; i++) {
      out[i] = stageKernel(purchaseCount[i], timeSinceFirst[i], timeSinceLast[i]);
    }
  }

  /**
   * Column form; validates the range once, then runs the same kernel as the per-customer method.
   */
  @Override
  public void periodsUntilNextChange(
      double[] purchaseCount,
      double[] timeSinceFirst,
      double[] timeSinceLast,
      int from,
      int to,
      double[] out) {
    StageInputs.checkColumns(purchaseCount, timeSinceFirst, timeSinceLast, from, to);
    Checks.notNull("out", out);
    Checks.sameLength("out", out.length, "purchaseCount", purchaseCount.length);
    for (int i = from; i < to; i++) {
      out[i] = changeKernel(purchaseCount[i], timeSinceFirst[i], timeSinceLast[i]);
    }
  }

  private int stageKernel(double n, double f, double l) {
    if (l >= churnedAfter) {
      return CHURNED;
    }
    if (l >= atRiskAfter) {
      return AT_RISK;
    }
    if (n >= establishedPurchases) {
      return ESTABLISHED;
    }
    if (n == 1 || f < newPeriod) {
      return NEW;
    }
    return DEVELOPING;
  }

  private double changeKernel(double n, double f, double l) {
    if (l >= churnedAfter) {
      return Double.POSITIVE_INFINITY;
    }
    if (l >= atRiskAfter) {
      return churnedAfter - l;
    }
    double periods = atRiskAfter - l;
    if (n > 1 && n < establishedPurchases && f < newPeriod) {
      periods = Math.min(periods, newPeriod - f);
    }
    return periods;
  }
}
