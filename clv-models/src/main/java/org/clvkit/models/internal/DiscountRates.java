package org.clvkit.models.internal;

import org.clvkit.core.Checks;

/**
 * The one check of a per-period discount rate d over a horizon of whole periods, used by every
 * discounted prediction (the models' {@code discountedExpectedPurchases} and {@code
 * CustomerLifetimeValue}). Not API.
 *
 * <p>Rules: d finite and &gt; −1 (at −1 the discount factor 1/(1+d) is infinite, below it
 * negative); and the largest discount factor over the horizon, (1+d)^−periods, finite (a rate in
 * (−1, 0) compounds: d = −0.999 over 120 periods would weigh the last period by 10^360). A result
 * that still leaves the finite range is rejected by {@link #finiteResult}.
 */
public final class DiscountRates {
  /** ln of the largest finite double, rounded down: factors above e^709 are rejected. */
  private static final double MAX_LOG_FACTOR = 709.0;

  private DiscountRates() {}

  /**
   * Checks a rate for a horizon.
   *
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period
   * @return the rate
   * @throws org.clvkit.core.ClvArgumentException naming the field and value when a rule fails
   */
  public static double check(int periods, double discountRate) {
    Checks.nonNegative("periods", periods);
    Checks.greaterThan("discountRate", discountRate, -1);
    if (discountRate < 0 && -periods * Math.log1p(discountRate) > MAX_LOG_FACTOR) {
      throw Checks.fail(
          "discountRate = %s over %d periods gives a discount factor (1 + discountRate)^-%d"
              + " beyond the finite range",
          discountRate, periods, periods);
    }
    return discountRate;
  }

  /**
   * Returns a discounted result if it is finite, and otherwise rejects the rate that produced it.
   *
   * @throws org.clvkit.core.ClvArgumentException naming the rate and the horizon
   */
  public static double finiteResult(double value, int periods, double discountRate) {
    if (!Double.isFinite(value)) {
      throw Checks.fail(
          "discountRate = %s over %d periods gives a non-finite discounted value (%s)",
          discountRate, periods, value);
    }
    return value;
  }
}
