package org.clvkit.models.clv;

import java.io.Serializable;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.internal.DiscountRates;

/**
 * The value of customers over a finite horizon from a purchase model (BG/NBD, MBG/NBD, Pareto/NBD,
 * ...) and a Gamma-Gamma spend model, as in Fader, Hardie and Lee (2005, "RFM and CLV", JMR 42):
 * the margin times the customer's expected spend per purchase times their discounted expected
 * purchases,
 *
 * <pre>
 * CLV(n, d | x, t_x, T, m̄) = margin · E[M | x, m̄] · Σ_{k=1..n} ΔY(k) / (1 + d)^k,
 * ΔY(k) = E[Y(k) | x, t_x, T] − E[Y(k−1) | x, t_x, T]
 * </pre>
 *
 * <p>Purchases in period k (the interval (k − 1, k] after the end of observation, in the purchase
 * model's time unit) are discounted by k whole periods at the rate d per period; the spend and
 * purchase processes are independent, as both models assume. The margin turns revenue into profit
 * (1 for revenue). Value accrues only from future purchases: the history's past spend is not
 * included.
 *
 * <p>A customer history is {@code frequency, recency, age} (Fader and Hardie's x, t_x, T, with
 * recency the time from the first to the last purchase) in the purchase model's period, and {@code
 * monetaryValue}, the mean value m̄ of the x repeat purchases (ignored when x = 0, the customer
 * then getting the population mean spend).
 *
 * <p>Immutable and thread-safe (both models are); {@link Serializable}. Batch methods validate
 * every row before computing any, share the per-customer arithmetic and give the per-customer
 * results bit for bit; they allocate nothing.
 */
public final class CustomerLifetimeValue implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PurchaseModel purchases;
  private final GammaGammaModel spend;
  private final double margin;

  private CustomerLifetimeValue(PurchaseModel purchases, GammaGammaModel spend, double margin) {
    this.purchases = Checks.notNull("purchases", purchases);
    this.spend = Checks.notNull("spend", spend);
    this.margin = Checks.probability("margin", margin);
  }

  /**
   * Combines a purchase model and a spend model.
   *
   * @param purchases the purchase model; its time unit is the period of every horizon
   * @param spend the spend model, fitted on the same customers' repeat transactions
   * @param margin the share of spend kept as profit, in [0, 1] (1 for revenue)
   */
  public static CustomerLifetimeValue of(
      PurchaseModel purchases, GammaGammaModel spend, double margin) {
    return new CustomerLifetimeValue(purchases, spend, margin);
  }

  /** The purchase model. */
  public PurchaseModel purchaseModel() {
    return purchases;
  }

  /** The spend model. */
  public GammaGammaModel spendModel() {
    return spend;
  }

  /** The margin. */
  public double margin() {
    return margin;
  }

  /**
   * The value of a customer's purchases in the next {@code periods} periods, discounted to the end
   * of observation (see the class comment).
   *
   * @param periods horizon in whole periods of the purchase model, &gt;= 0 (0 gives 0)
   * @param discountRate discount rate per period, finite and &gt; -1, with (1 +
   *     discountRate)^-periods finite (0 for none)
   * @param frequency repeat purchases x, a whole number &gt;= 0
   * @param recency time from the first to the last purchase t_x, in [0, age], 0 when x = 0
   * @param age time from the first purchase to the end of observation T, finite and &gt;= 0
   * @param monetaryValue mean value m̄ of the repeat purchases, finite and &gt;= 0
   * @throws org.clvkit.core.ClvArgumentException for bad input, or when the spend model has no
   *     finite expected spend for the customer (see {@link GammaGammaModel})
   */
  public double conditionalValue(
      int periods,
      double discountRate,
      double frequency,
      double recency,
      double age,
      double monetaryValue) {
    checkHorizon(periods, discountRate);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    double perPurchase = margin * spend.conditionalExpectedSpend(frequency, monetaryValue);
    return DiscountRates.finiteResult(
        perPurchase
            * purchases.discountedExpectedPurchases(periods, discountRate, frequency, recency, age),
        periods,
        discountRate);
  }

  /**
   * Batch form of {@link #conditionalValue(int, double, double, double, double, double)} over rows
   * {@code [from, to)}, written into {@code out} at the same indices. Every row is validated before
   * any is computed; a failure names the row.
   *
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period, finite and &gt; -1, with (1 +
   *     discountRate)^-periods finite
   * @param frequency repeat purchases per customer
   * @param recency time of the last purchase per customer
   * @param age time since the first purchase per customer
   * @param monetaryValue mean repeat purchase value per customer
   * @param out receives the values; modified in {@code [from, to)}
   * @param from first row
   * @param to one past the last row
   */
  public void conditionalValue(
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] monetaryValue,
      double[] out,
      int from,
      int to) {
    checkHorizon(periods, discountRate);
    Checks.notNull("frequency", frequency);
    Checks.notNull("recency", recency);
    Checks.notNull("age", age);
    Checks.notNull("monetaryValue", monetaryValue);
    Checks.notNull("out", out);
    int n = frequency.length;
    Checks.sameLength("recency", recency.length, "frequency", n);
    Checks.sameLength("age", age.length, "frequency", n);
    Checks.sameLength("monetaryValue", monetaryValue.length, "frequency", n);
    Checks.range(from, to, n);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      double f = frequency[i];
      double r = recency[i];
      double a = age[i];
      // Fast acceptance; CustomerHistories builds the message for a row that fails.
      if (!(f >= 0
          && f < Double.POSITIVE_INFINITY
          && f == Math.rint(f)
          && r >= 0
          && r <= a
          && a < Double.POSITIVE_INFINITY
          && (f != 0 || r == 0))) {
        CustomerHistories.validateRow(f, r, a, i);
      }
    }
    spend.validateRows(frequency, monetaryValue, from, to);
    // The purchase model's column method (its fast path), then the spend per purchase row by row.
    purchases.discountedExpectedPurchases(
        periods, discountRate, frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      double perPurchase = margin * spend.conditionalExpectedSpend(frequency[i], monetaryValue[i]);
      out[i] = DiscountRates.finiteResult(perPurchase * out[i], periods, discountRate);
    }
  }

  /**
   * Batch form of {@link #conditionalValue(int, double, double, double, double, double)} over all
   * rows, as a new array.
   */
  public double[] conditionalValue(
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] monetaryValue) {
    Checks.notNull("frequency", frequency);
    double[] out = new double[frequency.length];
    conditionalValue(
        periods, discountRate, frequency, recency, age, monetaryValue, out, 0, frequency.length);
    return out;
  }

  /**
   * {@link #conditionalValue(int, double, double[], double[], double[], double[], double[], int,
   * int)} over every row of {@code customers}, which must carry a monetary-value column (for
   * example {@code CustomerHistories.of(summaries)}): the customer columns travel as one argument
   * instead of four adjacent arrays. Weights are ignored (each row is one customer's value).
   *
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period, finite and &gt; -1, with (1 +
   *     discountRate)^-periods finite
   * @param customers histories with monetary values
   * @return the CLV of each row, in row order
   */
  public double[] conditionalValue(int periods, double discountRate, CustomerHistories customers) {
    Checks.notNull("customers", customers);
    double[] out = new double[customers.size()];
    conditionalValue(
        periods,
        discountRate,
        customers.frequencyColumn(),
        customers.recencyColumn(),
        customers.ageColumn(),
        customers.monetaryValueColumn(),
        out,
        0,
        out.length);
    return out;
  }

  /**
   * The value of the repeat purchases of a customer just acquired (age 0, no repeat purchase yet)
   * over the next {@code periods} periods: margin · E[Z] · Σ_{k=1..n} (E[X(k)] − E[X(k−1)]) / (1 +
   * d)^k, with E[Z] the population mean spend and E[X(t)] the purchase model's expected repeat
   * purchases of a new customer. The first purchase itself is not included.
   *
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period, finite and &gt; -1, with (1 +
   *     discountRate)^-periods finite
   * @throws org.clvkit.core.ClvArgumentException for bad input, or when the spend model's
   *     population mean is infinite (q &lt;= 1)
   */
  public double expectedValue(int periods, double discountRate) {
    checkHorizon(periods, discountRate);
    double perPurchase = margin * spend.expectedSpend();
    double total = 0;
    double previous = 0;
    double factor = 1;
    for (int k = 1; k <= periods; k++) {
      factor /= 1 + discountRate;
      double cumulative = purchases.expectedPurchases(k);
      total += (cumulative - previous) * factor;
      previous = cumulative;
    }
    return DiscountRates.finiteResult(perPurchase * total, periods, discountRate);
  }

  private static void checkHorizon(int periods, double discountRate) {
    DiscountRates.check(periods, discountRate);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "CLV(%s purchases, %s spend, margin %s)", purchases.name(), spend, margin);
  }
}
