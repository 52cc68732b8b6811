/**
 * Customer lifetime value formulas: simple CLV ({@link org.clvkit.core.value.SimpleClv}),
 * discounted retention-based CLV with constant parameters ({@link
 * org.clvkit.core.value.DiscountedClv}) or per-period margin and survival curves ({@link
 * org.clvkit.core.value.RetentionCurveClv}), customer referral value over chains of referrals
 * ({@link org.clvkit.core.value.ReferralValue}) and the period-by-period account ledger of one
 * customer and the customers they referred ({@link org.clvkit.core.value.AccountLedger}).
 *
 * <p>Time is counted in periods that the caller names (a month, a quarter, a year); every rate
 * (retention, discount, growth, referrals) is per period of that length. Nothing here uses a
 * calendar.
 *
 * <p>All types are immutable and thread-safe; invalid arguments throw {@link
 * org.clvkit.core.ClvArgumentException} naming the field, the value and the rule. No method returns
 * NaN.
 */
package org.clvkit.core.value;
