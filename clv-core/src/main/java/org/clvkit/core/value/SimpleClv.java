package org.clvkit.core.value;

import java.io.Serializable;
import java.util.OptionalDouble;
import org.clvkit.core.Checks;

/**
 * Simple customer lifetime value as taught in introductory courses, without discounting:
 *
 * <pre>
 *   profit per period = averageOrderValue * purchasesPerPeriod * grossMargin - costToServePerPeriod
 *   lifetime profit   = profit per period * lifespanPeriods
 *   value             = lifetime profit - acquisitionCost
 * </pre>
 *
 * <p>With {@code grossMargin = 1} and no costs the value is revenue; with a gross-margin ratio and
 * a cost to serve it is profit, which is what acquisition spending should be compared with. For
 * example, a customer who orders 4 times a period at 50 with a 30% margin, costs 5 a period to
 * serve and stays 3 periods after an acquisition cost of 40 is worth {@code (50 * 4 * 0.3 - 5) * 3
 * - 40 = 125}:
 *
 * <pre>{@code
 * SimpleClv clv =
 *     SimpleClv.of(50, 4, 3).withGrossMargin(0.3).withCostToServe(5).withAcquisitionCost(40);
 * clv.value();                    // 125.0
 * clv.breakEvenAcquisitionCost(); // 165.0
 * clv.cacPaybackPeriods();        // OptionalDouble[0.727...]
 * }</pre>
 *
 * <p>The batch method {@link #values(double[], double[], double[], double, double, double,
 * double[], int, int)} evaluates the same kernel over columns and agrees with {@link #value()} bit
 * for bit.
 *
 * @param averageOrderValue mean revenue per purchase, finite and &gt;= 0
 * @param purchasesPerPeriod purchases per period while the customer is active, finite and &gt;= 0
 * @param lifespanPeriods expected lifespan in periods, finite and &gt;= 0 (not necessarily whole)
 * @param grossMargin share of revenue that is gross profit, in [0, 1]
 * @param costToServePerPeriod cost of serving the customer per period, finite and &gt;= 0
 * @param acquisitionCost cost of acquiring the customer (CAC), paid once, finite and &gt;= 0
 */
public record SimpleClv(
    double averageOrderValue,
    double purchasesPerPeriod,
    double lifespanPeriods,
    double grossMargin,
    double costToServePerPeriod,
    double acquisitionCost)
    implements Serializable {

  /**
   * Validates every field, and that the value is finite (inputs near {@link Double#MAX_VALUE} could
   * overflow).
   */
  public SimpleClv {
    checkRow(
        "averageOrderValue",
        averageOrderValue,
        "purchasesPerPeriod",
        purchasesPerPeriod,
        "lifespanPeriods",
        lifespanPeriods);
    checkShared(grossMargin, costToServePerPeriod, acquisitionCost);
    Checks.finite(
        "value",
        kernel(
            averageOrderValue,
            purchasesPerPeriod,
            lifespanPeriods,
            grossMargin,
            costToServePerPeriod,
            acquisitionCost));
  }

  /**
   * Revenue-only simple CLV: gross margin 1, no cost to serve, no acquisition cost. Add them with
   * the {@code with…} methods.
   *
   * @param averageOrderValue mean revenue per purchase, finite and &gt;= 0
   * @param purchasesPerPeriod purchases per period, finite and &gt;= 0
   * @param lifespanPeriods expected lifespan in periods, finite and &gt;= 0
   * @return the simple CLV
   */
  public static SimpleClv of(
      double averageOrderValue, double purchasesPerPeriod, double lifespanPeriods) {
    return new SimpleClv(averageOrderValue, purchasesPerPeriod, lifespanPeriods, 1.0, 0.0, 0.0);
  }

  /** A copy with the given gross-margin ratio, in [0, 1]. */
  public SimpleClv withGrossMargin(double grossMargin) {
    return new SimpleClv(
        averageOrderValue,
        purchasesPerPeriod,
        lifespanPeriods,
        grossMargin,
        costToServePerPeriod,
        acquisitionCost);
  }

  /** A copy with the given cost to serve per period, finite and &gt;= 0. */
  public SimpleClv withCostToServe(double costToServePerPeriod) {
    return new SimpleClv(
        averageOrderValue,
        purchasesPerPeriod,
        lifespanPeriods,
        grossMargin,
        costToServePerPeriod,
        acquisitionCost);
  }

  /** A copy with the given acquisition cost, finite and &gt;= 0. */
  public SimpleClv withAcquisitionCost(double acquisitionCost) {
    return new SimpleClv(
        averageOrderValue,
        purchasesPerPeriod,
        lifespanPeriods,
        grossMargin,
        costToServePerPeriod,
        acquisitionCost);
  }

  /** Revenue per active period: {@code averageOrderValue * purchasesPerPeriod}. */
  public double revenuePerPeriod() {
    return averageOrderValue * purchasesPerPeriod;
  }

  /**
   * Profit per active period: {@code revenuePerPeriod() * grossMargin - costToServePerPeriod}.
   * Negative when serving the customer costs more than their gross profit.
   */
  public double profitPerPeriod() {
    return averageOrderValue * purchasesPerPeriod * grossMargin - costToServePerPeriod;
  }

  /**
   * Profit over the lifespan before acquisition cost: {@code profitPerPeriod() * lifespanPeriods}.
   */
  public double lifetimeProfit() {
    return profitPerPeriod() * lifespanPeriods;
  }

  /** The simple CLV: {@code lifetimeProfit() - acquisitionCost}. */
  public double value() {
    return kernel(
        averageOrderValue,
        purchasesPerPeriod,
        lifespanPeriods,
        grossMargin,
        costToServePerPeriod,
        acquisitionCost);
  }

  /**
   * The acquisition cost at which the value is exactly 0, that is the most worth paying for this
   * customer: {@link #lifetimeProfit()}. Negative when the customer loses money even if acquired
   * for free.
   */
  public double breakEvenAcquisitionCost() {
    return lifetimeProfit();
  }

  /**
   * The LTV:CAC ratio, {@code lifetimeProfit() / acquisitionCost}; empty when the acquisition cost
   * is 0 (the ratio is undefined). A common rule of thumb asks for at least 3.
   */
  public OptionalDouble ltvToCacRatio() {
    if (acquisitionCost == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(lifetimeProfit() / acquisitionCost);
  }

  /**
   * The CAC payback period: how many periods of profit repay the acquisition cost, {@code
   * acquisitionCost / profitPerPeriod()}, possibly fractional. It is 0 when the acquisition cost is
   * 0, and empty ("never") when the profit per period is not positive or the payback would come
   * after the customer's lifespan.
   */
  public OptionalDouble cacPaybackPeriods() {
    if (acquisitionCost == 0) {
      return OptionalDouble.of(0.0);
    }
    double profit = profitPerPeriod();
    if (!(profit > 0)) {
      return OptionalDouble.empty();
    }
    double periods = acquisitionCost / profit;
    return periods <= lifespanPeriods ? OptionalDouble.of(periods) : OptionalDouble.empty();
  }

  /**
   * Simple CLV of many customers that share margin, cost to serve and acquisition cost: {@code
   * out[i] = SimpleClv(averageOrderValue[i], purchasesPerPeriod[i], lifespanPeriods[i],
   * grossMargin, costToServePerPeriod, acquisitionCost).value()} for every i. Allocates nothing.
   *
   * @param averageOrderValue column of mean revenue per purchase
   * @param purchasesPerPeriod column of purchases per period, same length
   * @param lifespanPeriods column of lifespans in periods, same length
   * @param grossMargin shared gross-margin ratio
   * @param costToServePerPeriod shared cost to serve per period
   * @param acquisitionCost shared acquisition cost
   * @param out receives the values, same length; modified
   * @throws org.clvkit.core.ClvArgumentException naming the row when an input is invalid; rows
   *     before it have been written
   */
  public static void values(
      double[] averageOrderValue,
      double[] purchasesPerPeriod,
      double[] lifespanPeriods,
      double grossMargin,
      double costToServePerPeriod,
      double acquisitionCost,
      double[] out) {
    Checks.notNull("averageOrderValue", averageOrderValue);
    values(
        averageOrderValue,
        purchasesPerPeriod,
        lifespanPeriods,
        grossMargin,
        costToServePerPeriod,
        acquisitionCost,
        out,
        0,
        averageOrderValue.length);
  }

  /**
   * The range form of {@link #values(double[], double[], double[], double, double, double,
   * double[])}: computes rows {@code [from, to)} only, for partitions of a larger column.
   */
  public static void values(
      double[] averageOrderValue,
      double[] purchasesPerPeriod,
      double[] lifespanPeriods,
      double grossMargin,
      double costToServePerPeriod,
      double acquisitionCost,
      double[] out,
      int from,
      int to) {
    Checks.notNull("averageOrderValue", averageOrderValue);
    Checks.notNull("purchasesPerPeriod", purchasesPerPeriod);
    Checks.notNull("lifespanPeriods", lifespanPeriods);
    Checks.notNull("out", out);
    int n = averageOrderValue.length;
    Checks.sameLength("purchasesPerPeriod", purchasesPerPeriod.length, "averageOrderValue", n);
    Checks.sameLength("lifespanPeriods", lifespanPeriods.length, "averageOrderValue", n);
    Checks.sameLength("out", out.length, "averageOrderValue", n);
    Checks.range(from, to, n);
    checkShared(grossMargin, costToServePerPeriod, acquisitionCost);
    for (int i = from; i < to; i++) {
      double aov = averageOrderValue[i];
      double frequency = purchasesPerPeriod[i];
      double lifespan = lifespanPeriods[i];
      if (!(aov >= 0 && aov < Double.POSITIVE_INFINITY)
          || !(frequency >= 0 && frequency < Double.POSITIVE_INFINITY)
          || !(lifespan >= 0 && lifespan < Double.POSITIVE_INFINITY)) {
        checkRow(
            Checks.indexed("averageOrderValue", i),
            aov,
            Checks.indexed("purchasesPerPeriod", i),
            frequency,
            Checks.indexed("lifespanPeriods", i),
            lifespan);
      }
      double value =
          kernel(aov, frequency, lifespan, grossMargin, costToServePerPeriod, acquisitionCost);
      if (!Double.isFinite(value)) {
        Checks.finite(Checks.indexed("value", i), value);
      }
      out[i] = value;
    }
  }

  /** The one formula behind {@link #value()} and the batch methods. */
  private static double kernel(
      double aov,
      double purchasesPerPeriod,
      double lifespanPeriods,
      double grossMargin,
      double costToServePerPeriod,
      double acquisitionCost) {
    return (aov * purchasesPerPeriod * grossMargin - costToServePerPeriod) * lifespanPeriods
        - acquisitionCost;
  }

  private static void checkRow(
      String aovName,
      double aov,
      String frequencyName,
      double frequency,
      String lifespanName,
      double lifespan) {
    Checks.nonNegative(aovName, aov);
    Checks.nonNegative(frequencyName, frequency);
    Checks.nonNegative(lifespanName, lifespan);
  }

  private static void checkShared(
      double grossMargin, double costToServePerPeriod, double acquisitionCost) {
    Checks.probability("grossMargin", grossMargin);
    Checks.nonNegative("costToServePerPeriod", costToServePerPeriod);
    Checks.nonNegative("acquisitionCost", acquisitionCost);
  }
}
