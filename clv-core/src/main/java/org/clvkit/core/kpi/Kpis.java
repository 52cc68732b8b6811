package org.clvkit.core.kpi;

import org.clvkit.core.Checks;

/**
 * Customer KPIs from counts and sums: the textbook formulas, for when the counts come from
 * elsewhere. {@link ActivityTable} computes the same measures from a transaction log. Every method
 * validates its inputs and never returns NaN: a rate whose denominator would be 0 is rejected.
 */
public final class Kpis {
  private Kpis() {}

  /**
   * Average revenue per user (ARPU): {@code revenue / customers}.
   *
   * @param revenue revenue over the period, finite
   * @param customers customers over whom it is averaged, &gt; 0
   */
  public static double averageRevenuePerUser(double revenue, long customers) {
    Checks.finite("revenue", revenue);
    positive("customers", customers);
    return revenue / customers;
  }

  /**
   * Average order value (AOV): {@code revenue / orders}.
   *
   * @param revenue revenue of the orders, finite
   * @param orders number of orders, &gt; 0
   */
  public static double averageOrderValue(double revenue, long orders) {
    Checks.finite("revenue", revenue);
    positive("orders", orders);
    return revenue / orders;
  }

  /**
   * Purchase frequency: orders per customer, {@code orders / customers}.
   *
   * @param orders number of orders, &gt;= 0
   * @param customers number of customers, &gt; 0
   */
  public static double purchaseFrequency(long orders, long customers) {
    Checks.integerInRange("orders", orders, 0, Long.MAX_VALUE);
    positive("customers", customers);
    return (double) orders / customers;
  }

  /**
   * Repeat-purchase rate: the share of customers who bought more than once, {@code repeatCustomers
   * / customers}.
   *
   * @param repeatCustomers customers with two or more orders, in [0, customers]
   * @param customers all customers, &gt; 0
   */
  public static double repeatPurchaseRate(long repeatCustomers, long customers) {
    positive("customers", customers);
    Checks.integerInRange("repeatCustomers", repeatCustomers, 0, customers);
    return (double) repeatCustomers / customers;
  }

  /**
   * Customer retention rate over a period, {@code (end - acquired) / start}: the share of the
   * customers at the start still customers at the end, counting the customers at the end less those
   * acquired during the period. For example 2,000 customers at the start, 2,200 at the end of which
   * 500 new: 1,700 / 2,000 = 0.85.
   *
   * @param start customers at the start of the period, &gt; 0
   * @param end customers at the end, &gt;= acquired
   * @param acquired customers acquired during the period, &gt;= 0, with {@code end - acquired <=
   *     start}
   */
  public static double retentionRate(long start, long end, long acquired) {
    positive("start", start);
    Checks.integerInRange("acquired", acquired, 0, Long.MAX_VALUE);
    Checks.integerInRange("end", end, acquired, acquired + start);
    return (double) (end - acquired) / start;
  }

  /**
   * Churn rate over a period, {@code (start - (end - acquired)) / start = 1 - retentionRate}: the
   * share of the customers at the start lost by the end. Same domain as {@link #retentionRate(long,
   * long, long)}; computed from the count lost, so that it is exact where the count is.
   */
  public static double churnRate(long start, long end, long acquired) {
    retentionRate(start, end, acquired);
    return (double) (start - (end - acquired)) / start;
  }

  /**
   * Net present value of a programme: {@code sum_{t=1..T} cashFlows[t-1] / (1 + d)^t - investment},
   * with the investment at time 0 and cash flow t at the end of period t.
   *
   * @param investment the outlay at time 0, finite (negative for an inflow)
   * @param cashFlows net cash per period, finite; may be empty
   * @param discountRate discount rate per period d, finite and &gt; -1
   */
  public static double netPresentValue(double investment, double[] cashFlows, double discountRate) {
    Checks.finite("investment", investment);
    Checks.finite("cashFlows", cashFlows);
    Checks.greaterThan("discountRate", discountRate, -1);
    return presentValue(cashFlows, discountRate) - investment;
  }

  /**
   * Return on investment on a discounted basis: {@code netPresentValue / investment}, the net value
   * created per unit invested (0.25 is a 25 % return).
   *
   * @param investment the outlay at time 0, finite and &gt; 0
   * @param cashFlows net cash per period, finite
   * @param discountRate discount rate per period, finite and &gt; -1
   */
  public static double returnOnInvestment(
      double investment, double[] cashFlows, double discountRate) {
    Checks.positive("investment", investment);
    return netPresentValue(investment, cashFlows, discountRate) / investment;
  }

  /**
   * Sum of cash[t-1] / (1 + d)^t, t = 1..T, accumulating the discount factor (validated inputs).
   */
  static double presentValue(double[] cashFlows, double discountRate) {
    double factor = 1.0;
    double sum = 0.0;
    for (double cash : cashFlows) {
      factor /= 1.0 + discountRate;
      sum += cash * factor;
    }
    return sum;
  }

  /** The wording of {@link Checks#positive(String, int)} for counts that are longs. */
  private static void positive(String name, long value) {
    if (value <= 0) {
      throw Checks.fail("%s must be > 0, was %d", name, value);
    }
  }
}
