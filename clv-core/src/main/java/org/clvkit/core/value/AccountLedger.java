package org.clvkit.core.value;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.clvkit.core.Checks;

/**
 * The account ledger of one acquired customer and the customers they referred, period by period, as
 * in the textbook case of a customer who loses money in the first year and becomes valuable through
 * up-selling, cross-selling and referrals. Per period t = 1..N:
 *
 * <pre>
 *   direct revenue   = first purchase + up-sell + cross-sell
 *   referral revenue = purchases of referred customers, summed over generations 1, 2, ...
 *   profit           = direct revenue + referral revenue - acquisition cost - cost to serve
 * </pre>
 *
 * and the cumulative profit. Amounts are undiscounted and in the caller's currency; the cost to
 * serve covers the whole account (the customer and the customers they referred), cost of goods
 * included. For discounting, margins and retention see {@link RetentionCurveClv}; for expected
 * referral chains see {@link ReferralValue}.
 *
 * <pre>{@code
 * AccountLedger ledger = AccountLedger.builder(5)
 *     .periodName("year")
 *     .acquisitionCost(12_000, 0, 0, 0, 0)
 *     .firstPurchase(8_000, 0, 0, 0, 0)
 *     .upSell(0, 3_000, 3_500, 4_000, 4_000)
 *     .referredPurchases(1, 0, 4_000, 6_000, 7_000, 7_500)
 *     .costToServe(1_500, 1_200, 1_500, 1_800, 2_000)
 *     .build();
 * ledger.firstPeriodProfit(); // -5,500: the first year loses money
 * ledger.table();             // the ledger as a text table
 * }</pre>
 *
 * <p>Immutable and thread-safe; every array accessor returns a copy.
 */
public final class AccountLedger {
  private final String periodName;
  private final double[] acquisitionCosts;
  private final double[] firstPurchases;
  private final double[] upSells;
  private final double[] crossSells;
  private final double[][] referredPurchases;
  private final double[] costsToServe;

  private AccountLedger(Builder b) {
    int n = b.periods;
    this.periodName = b.periodName;
    this.acquisitionCosts = b.acquisitionCost.clone();
    this.firstPurchases = b.firstPurchase.clone();
    this.upSells = b.upSell.clone();
    this.crossSells = b.crossSell.clone();
    this.costsToServe = b.costToServe.clone();
    int generations = b.referred.isEmpty() ? 0 : b.referred.lastKey();
    this.referredPurchases = new double[generations][];
    for (int g = 1; g <= generations; g++) {
      double[] column = b.referred.get(g);
      referredPurchases[g - 1] = column == null ? new double[n] : column.clone();
    }
  }

  /**
   * A builder for a ledger of {@code periods} periods; every column defaults to zeros.
   *
   * @param periods number of periods N, &gt; 0
   * @return the builder
   */
  public static Builder builder(int periods) {
    return new Builder(Checks.positive("periods", periods));
  }

  /** Number of periods N. */
  public int periods() {
    return acquisitionCosts.length;
  }

  /** What one period is called in {@link #table()}, for example "year". */
  public String periodName() {
    return periodName;
  }

  /** Number of referral generations with a column (the highest generation given; 0 when none). */
  public int generations() {
    return referredPurchases.length;
  }

  /** Acquisition cost per period (a copy; index t - 1 for period t). */
  public double[] acquisitionCosts() {
    return acquisitionCosts.clone();
  }

  /** First purchase per period (a copy). */
  public double[] firstPurchases() {
    return firstPurchases.clone();
  }

  /** Up-sell revenue per period (a copy). */
  public double[] upSells() {
    return upSells.clone();
  }

  /** Cross-sell revenue per period (a copy). */
  public double[] crossSells() {
    return crossSells.clone();
  }

  /**
   * Purchases of referred customers of one generation per period (a copy).
   *
   * @param generation 1 for customers the customer referred, 2 for those they referred, ...; at
   *     most {@link #generations()}
   * @return the column
   */
  public double[] referredPurchases(int generation) {
    Checks.positive("generation", generation);
    Checks.atMost("generation", (long) generation, referredPurchases.length);
    return referredPurchases[generation - 1].clone();
  }

  /** Cost to serve the account per period (a copy). */
  public double[] costsToServe() {
    return costsToServe.clone();
  }

  /** Direct revenue per period: first purchase + up-sell + cross-sell (a new array). */
  public double[] directRevenues() {
    double[] out = new double[periods()];
    for (int t = 0; t < out.length; t++) {
      out[t] = firstPurchases[t] + upSells[t] + crossSells[t];
    }
    return out;
  }

  /**
   * Referral revenue per period: purchases of referred customers, all generations (a new array).
   */
  public double[] referralRevenues() {
    double[] out = new double[periods()];
    for (double[] generation : referredPurchases) {
      for (int t = 0; t < out.length; t++) {
        out[t] += generation[t];
      }
    }
    return out;
  }

  /**
   * Profit per period: direct + referral revenue - acquisition cost - cost to serve (a new array).
   */
  public double[] profits() {
    double[] direct = directRevenues();
    double[] referral = referralRevenues();
    double[] out = new double[periods()];
    for (int t = 0; t < out.length; t++) {
      out[t] = direct[t] + referral[t] - acquisitionCosts[t] - costsToServe[t];
    }
    return out;
  }

  /**
   * Cumulative profit at the end of each period (a new array); the last entry is {@link
   * #totalProfit()}.
   */
  public double[] cumulativeProfits() {
    double[] out = profits();
    for (int t = 1; t < out.length; t++) {
      out[t] += out[t - 1];
    }
    return out;
  }

  /** Direct revenue over all periods. */
  public double totalDirectRevenue() {
    return sum(directRevenues());
  }

  /** Referral revenue over all periods. */
  public double totalReferralRevenue() {
    return sum(referralRevenues());
  }

  /** Profit over all periods: the customer's total (undiscounted) value to the firm. */
  public double totalProfit() {
    return sum(profits());
  }

  /**
   * Profit of the first period; negative when acquiring the customer cost more than the first sale.
   */
  public double firstPeriodProfit() {
    return profits()[0];
  }

  /**
   * The first period t (1..N) whose cumulative profit is &gt;= 0; empty ("never") when the account
   * is still in the red at the end of the ledger.
   */
  public OptionalInt paybackPeriod() {
    double[] cumulative = cumulativeProfits();
    for (int t = 0; t < cumulative.length; t++) {
      if (cumulative[t] >= 0) {
        return OptionalInt.of(t + 1);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The ledger as a text table (formatted with {@link Locale#ROOT}, amounts with two decimals and
   * costs shown negative), one column per period and a total column, followed by the direct and
   * referral revenue totals and the total profit against the first period's profit. Lines end with
   * {@code \n}.
   */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-24s", ""));
    for (int t = 1; t <= periods(); t++) {
      out.append(String.format(Locale.ROOT, "%14s", periodName + " " + t));
    }
    out.append(String.format(Locale.ROOT, "%14s\n", "total"));
    row(out, "acquisition cost", negate(acquisitionCosts), true);
    row(out, "first purchase", firstPurchases, true);
    row(out, "up-sell", upSells, true);
    row(out, "cross-sell", crossSells, true);
    for (int g = 1; g <= generations(); g++) {
      row(out, "referred, generation " + g, referredPurchases[g - 1], true);
    }
    row(out, "cost to serve", negate(costsToServe), true);
    row(out, "profit", profits(), true);
    row(out, "cumulative profit", cumulativeProfits(), false);
    out.append(
        String.format(
            Locale.ROOT,
            "direct revenue %,.2f, referral revenue %,.2f (%.1f%% of revenue)\n",
            totalDirectRevenue(),
            totalReferralRevenue(),
            referralShare() * 100));
    OptionalInt payback = paybackPeriod();
    out.append(
        String.format(
            Locale.ROOT,
            "total profit %,.2f against a %s 1 profit of %,.2f; %s\n",
            totalProfit(),
            periodName,
            firstPeriodProfit(),
            payback.isPresent()
                ? "paid back in " + periodName + " " + payback.getAsInt()
                : "not paid back within " + periods() + " " + periodName + "s"));
    return out.toString();
  }

  private double referralShare() {
    double revenue = totalDirectRevenue() + totalReferralRevenue();
    return revenue == 0 ? 0.0 : totalReferralRevenue() / revenue;
  }

  private static void row(StringBuilder out, String label, double[] values, boolean withTotal) {
    out.append(String.format(Locale.ROOT, "%-24s", label));
    for (double v : values) {
      out.append(String.format(Locale.ROOT, "%,14.2f", v + 0.0));
    }
    if (withTotal) {
      out.append(String.format(Locale.ROOT, "%,14.2f", sum(values) + 0.0));
    }
    out.append('\n');
  }

  private static double[] negate(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /**
   * Collects the columns of an {@link AccountLedger}. Not thread-safe. Each setter takes one amount
   * per period (exactly N values, each finite and &gt;= 0), copies them and replaces the column.
   */
  public static final class Builder {
    private final int periods;
    private String periodName = "period";
    private double[] acquisitionCost;
    private double[] firstPurchase;
    private double[] upSell;
    private double[] crossSell;
    private double[] costToServe;
    private final SortedMap<Integer, double[]> referred = new TreeMap<>();

    private Builder(int periods) {
      this.periods = periods;
      this.acquisitionCost = new double[periods];
      this.firstPurchase = new double[periods];
      this.upSell = new double[periods];
      this.crossSell = new double[periods];
      this.costToServe = new double[periods];
    }

    /** What one period is called in the table, for example "year" (default "period"). */
    public Builder periodName(String periodName) {
      this.periodName = Checks.notNull("periodName", periodName);
      return this;
    }

    /** Acquisition cost per period, usually all in period 1. */
    public Builder acquisitionCost(double... perPeriod) {
      this.acquisitionCost = column("acquisitionCost", perPeriod);
      return this;
    }

    /** The first purchase, usually in period 1. */
    public Builder firstPurchase(double... perPeriod) {
      this.firstPurchase = column("firstPurchase", perPeriod);
      return this;
    }

    /** Up-sell revenue (upgrades, more of the same) per period. */
    public Builder upSell(double... perPeriod) {
      this.upSell = column("upSell", perPeriod);
      return this;
    }

    /** Cross-sell revenue (other products) per period. */
    public Builder crossSell(double... perPeriod) {
      this.crossSell = column("crossSell", perPeriod);
      return this;
    }

    /**
     * Purchases of referred customers of one generation per period.
     *
     * @param generation 1 for customers the customer referred, 2 for those they referred, ...; &gt;
     *     0
     * @param perPeriod one amount per period
     * @return this builder
     */
    public Builder referredPurchases(int generation, double... perPeriod) {
      Checks.positive("generation", generation);
      referred.put(
          generation, column("referredPurchases(generation " + generation + ")", perPeriod));
      return this;
    }

    /** Cost to serve the account per period, cost of goods included. */
    public Builder costToServe(double... perPeriod) {
      this.costToServe = column("costToServe", perPeriod);
      return this;
    }

    /** Builds the ledger; every column was validated when set. */
    public AccountLedger build() {
      return new AccountLedger(this);
    }

    private double[] column(String name, double[] perPeriod) {
      Checks.notNull(name, perPeriod);
      Checks.sameLength(name, perPeriod.length, "the ledger", periods);
      return Checks.nonNegative(name, perPeriod).clone();
    }
  }
}
