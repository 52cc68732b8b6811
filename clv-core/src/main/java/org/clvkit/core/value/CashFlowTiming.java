package org.clvkit.core.value;

/**
 * When, within each period, a customer's margin is received. The choice changes the value by a
 * factor {@code r / (1 + d)} for constant retention r and discount d, so it is always named, never
 * implied.
 *
 * <p>The customer is acquired at time 0. Period t (t = 1, 2, ...) runs from time t - 1 to time t,
 * and S(t) is the probability that the customer is still a customer at time t (S(0) = 1; for
 * constant retention S(t) = r<sup>t</sup>).
 */
public enum CashFlowTiming {
  /**
   * The margin of period t arrives at its start, time t - 1, from customers active then: it is
   * weighted by S(t - 1) / (1 + d)<sup>t - 1</sup>. The first margin arrives at acquisition,
   * undiscounted. With constant margin m the infinite-horizon value is {@code m (1 + d) / (1 + d -
   * r)}; with unit margin the sum is the discounted expected lifetime (DEL) of Fader and Hardie
   * (2010), "Customer-base valuation in a contractual setting: the perils of ignoring
   * heterogeneity", Marketing Science 29(1).
   */
  START_OF_PERIOD,

  /**
   * The margin of period t arrives at its end, time t, from customers who stayed through the
   * period: it is weighted by S(t) / (1 + d)<sup>t</sup>. With constant margin m the
   * infinite-horizon value is the margin multiple of Gupta and Lehmann (2003), "Customers as
   * assets", Journal of Interactive Marketing 17(1): {@code m r / (1 + d - r)}. This is the value
   * of an existing customer whose current period has already been paid for.
   */
  END_OF_PERIOD
}
