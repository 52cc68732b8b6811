package org.clvkit.models;

import org.clvkit.core.Checks;

/**
 * A {@link PurchaseModel} with the discounted expected residual purchases in closed form (DERT;
 * Fader, Hardie and Lee 2005, "RFM and CLV", for the Pareto/NBD; Fader, Hardie and Shang 2010 for
 * the BG/BB): a customer's expected purchases after the end of observation, over the whole
 * remaining lifetime, each discounted to the end of observation. Multiplied by the margin per
 * purchase it is the customer's residual lifetime value.
 */
public interface ResidualValueModel extends PurchaseModel {

  /**
   * DERT of a customer with the given history, in the model's time domain (continuous-time models
   * discount at {@link Discount#continuousRate()}, discrete-time ones at {@link
   * Discount#perPeriodRate()} per opportunity).
   *
   * @param discount the discount, not null
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T (opportunities n)
   * @return the discounted expected residual purchases, &gt;= 0
   */
  double conditionalDiscountedResidualPurchases(
      Discount discount, double frequency, double recency, double age);

  /**
   * Batch form of {@link #conditionalDiscountedResidualPurchases(Discount, double, double, double)}
   * over rows {@code [from, to)}, written into {@code out} at the same indices; bit for bit the
   * per-customer values.
   */
  void conditionalDiscountedResidualPurchases(
      Discount discount,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to);

  /** Batch form over all rows, returning a new array. */
  default double[] conditionalDiscountedResidualPurchases(
      Discount discount, double[] frequency, double[] recency, double[] age) {
    Checks.notNull("frequency", frequency);
    double[] out = new double[frequency.length];
    conditionalDiscountedResidualPurchases(
        discount, frequency, recency, age, out, 0, frequency.length);
    return out;
  }
}
