package org.clvkit.core.value;

/**
 * A referral chain followed for a finite number of generations (see {@link
 * ReferralValue#chain(int)}), split by generation and by period so that the value multiplication is
 * visible. Immutable; every array accessor returns a copy.
 *
 * <p>Generation 0 is the referring customer: one customer, joining at period 0, with the direct
 * value. Generation g &gt;= 1 are the customers referred through g links; they join from period g
 * to period g T (T = schedule length). Values are present values at the referrer's acquisition
 * (period 0); a referred customer's value is credited in the period they join.
 */
public final class ReferralChain {
  private final double[] customersByGeneration;
  private final double[] valueByGeneration;
  private final double[] referredCustomersByPeriod;
  private final double[] referralValueByPeriod;

  ReferralChain(
      double[] customersByGeneration,
      double[] valueByGeneration,
      double[] referredCustomersByPeriod,
      double[] referralValueByPeriod) {
    this.customersByGeneration = customersByGeneration;
    this.valueByGeneration = valueByGeneration;
    this.referredCustomersByPeriod = referredCustomersByPeriod;
    this.referralValueByPeriod = referralValueByPeriod;
  }

  /** Number of referral generations followed, G. */
  public int generations() {
    return customersByGeneration.length - 1;
  }

  /** The referrer's own value (generation 0). */
  public double directValue() {
    return valueByGeneration[0];
  }

  /** Present value of generations 1..G together. */
  public double referralValue() {
    double sum = 0;
    for (int g = 1; g < valueByGeneration.length; g++) {
      sum += valueByGeneration[g];
    }
    return sum;
  }

  /** Direct plus referral value. */
  public double totalValue() {
    return directValue() + referralValue();
  }

  /** Expected number of referred customers in generations 1..G together. */
  public double expectedReferredCustomers() {
    double sum = 0;
    for (int g = 1; g < customersByGeneration.length; g++) {
      sum += customersByGeneration[g];
    }
    return sum;
  }

  /** The totals as a record. */
  public ReferralTotals totals() {
    return new ReferralTotals(directValue(), referralValue(), expectedReferredCustomers());
  }

  /**
   * Expected customers in each generation 0..G (a copy): 1 for the referrer, then R<sup>g</sup> for
   * generation g.
   */
  public double[] customersByGeneration() {
    return customersByGeneration.clone();
  }

  /**
   * Present value of each generation 0..G (a copy): the direct value, then {@code u β^g} for
   * generation g.
   */
  public double[] valueByGeneration() {
    return valueByGeneration.clone();
  }

  /**
   * Expected referred customers (all generations) joining in each period 0..G T (a copy; entry 0 is
   * 0).
   */
  public double[] referredCustomersByPeriod() {
    return referredCustomersByPeriod.clone();
  }

  /**
   * Present value of the referred customers (all generations) joining in each period 0..G T (a
   * copy; entry 0 is 0, the direct value sits at period 0 outside this array). The entries sum to
   * {@link #referralValue()}.
   */
  public double[] referralValueByPeriod() {
    return referralValueByPeriod.clone();
  }
}
