package org.clvkit.core.kpi;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;

/**
 * The economics of a retention programme: raising the per-period retention of a customer group from
 * a baseline to an improved rate, for a cost, over a horizon. Of {@code customers} active at time
 * 0, a fraction {@code r^t} is still retained after t periods and each retained customer yields
 * {@code marginPerPeriod} at the end of period t; the programme's incremental cash flow in period t
 * is {@code customers * marginPerPeriod * (improved^t - baseline^t) - costPerPeriod}, after an
 * {@code upfrontCost} at time 0. Its NPV and ROI follow {@link Kpis#netPresentValue} (the
 * constant-retention customer model of Berger and Nasr 1998, "Customer lifetime value: marketing
 * models and applications", and Gupta and Lehmann 2005, "Managing Customers as Investments").
 *
 * @param customers customers in the group at time 0, finite and &gt;= 0
 * @param baselineRetention retention per period without the programme, in [0, 1]
 * @param improvedRetention retention per period with it, in [0, 1]
 * @param marginPerPeriod margin a retained customer yields per period, finite
 * @param upfrontCost cost at time 0, finite and &gt;= 0
 * @param costPerPeriod running cost at the end of each period, finite and &gt;= 0
 * @param periods horizon T in periods, &gt; 0
 * @param discountRate discount rate per period, finite and &gt; -1
 */
public record RetentionProgramme(
    double customers,
    double baselineRetention,
    double improvedRetention,
    double marginPerPeriod,
    double upfrontCost,
    double costPerPeriod,
    int periods,
    double discountRate)
    implements Serializable {

  /** Validates every field's domain. */
  public RetentionProgramme {
    Checks.nonNegative("customers", customers);
    Checks.probability("baselineRetention", baselineRetention);
    Checks.probability("improvedRetention", improvedRetention);
    Checks.finite("marginPerPeriod", marginPerPeriod);
    Checks.nonNegative("upfrontCost", upfrontCost);
    Checks.nonNegative("costPerPeriod", costPerPeriod);
    Checks.positive("periods", periods);
    Checks.greaterThan("discountRate", discountRate, -1);
  }

  /** The incremental net cash flow of periods 1..T: extra retained margin less the running cost. */
  public double[] cashFlows() {
    double[] cash = new double[periods];
    double base = 1.0;
    double improved = 1.0;
    for (int t = 0; t < periods; t++) {
      base *= baselineRetention;
      improved *= improvedRetention;
      cash[t] = customers * marginPerPeriod * (improved - base) - costPerPeriod;
    }
    return cash;
  }

  /** Net present value: discounted cash flows less the upfront cost. */
  public double netPresentValue() {
    return Kpis.presentValue(cashFlows(), discountRate) - upfrontCost;
  }

  /**
   * Return on investment: net present value per unit of the present value of all programme costs
   * (upfront plus discounted running costs).
   *
   * @throws org.clvkit.core.ClvArgumentException when the programme costs nothing (ROI undefined)
   */
  public double returnOnInvestment() {
    double[] running = new double[periods];
    Arrays.fill(running, costPerPeriod);
    double cost = upfrontCost + Kpis.presentValue(running, discountRate);
    Checks.positive("present value of the programme's costs", cost);
    return netPresentValue() / cost;
  }
}
