package org.clvkit.core.value;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * Totals of a referral chain: a customer's own (direct) value, the value of the customers they
 * bring in through referrals over all followed generations, and how many customers that is in
 * expectation.
 *
 * @param directValue the referring customer's own value, finite
 * @param referralValue the present value of all referred generations, finite
 * @param expectedReferredCustomers expected number of referred customers over all generations,
 *     finite and &gt;= 0
 */
public record ReferralTotals(
    double directValue, double referralValue, double expectedReferredCustomers)
    implements Serializable {

  /** Validates that the values are finite and the count is &gt;= 0. */
  public ReferralTotals {
    Checks.finite("directValue", directValue);
    Checks.finite("referralValue", referralValue);
    Checks.nonNegative("expectedReferredCustomers", expectedReferredCustomers);
  }

  /** Direct plus referral value. */
  public double totalValue() {
    return directValue + referralValue;
  }
}
