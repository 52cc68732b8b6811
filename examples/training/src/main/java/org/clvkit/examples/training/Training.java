package org.clvkit.examples.training;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.kpi.Kpis;
import org.clvkit.core.lifecycle.LifecycleModel;
import org.clvkit.core.lifecycle.StageSet;
import org.clvkit.core.lifecycle.TransitionMatrix;
import org.clvkit.core.rfm.ValueTier;
import org.clvkit.core.rfm.ValueTiers;
import org.clvkit.core.value.AccountLedger;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.SimpleClv;
import org.clvkit.examples.quickstart.Quickstart;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * A walkthrough for a course on customer lifetime value that prints, as text tables and in the
 * order a course takes them: the simple formula; the margin-multiple table; a five-year account
 * with referrals; a lifecycle valuation with a Markov chain; the BG/NBD model fitted on the CDNOW
 * sample next to the published estimates; P(alive) and expected purchases of a few customers; and
 * the customers ranked by CLV, with value tiers. Every number is computed by clvkit; the test
 * parses the printed tables and recomputes each number through the library. Run it with {@code mvn
 * -B -q -f examples/training exec:java}.
 */
public final class Training {
  /** Section 1: 4 orders a year at 50, 30 % gross margin, 5 a year to serve, 3 years, CAC 40. */
  static final SimpleClv SIMPLE =
      SimpleClv.of(50, 4, 3).withGrossMargin(0.30).withCostToServe(5).withAcquisitionCost(40);

  /** Section 1: the lifespans, in years, of the revenue-versus-profit table. */
  static final int[] LIFESPANS = {1, 2, 3, 4, 5};

  /** Section 2: the retention rates (rows) of the margin-multiple table. */
  static final double[] RETENTIONS = {0.60, 0.70, 0.80, 0.90};

  /** Section 2: the discount rates (columns) of the margin-multiple table. */
  static final double[] DISCOUNTS = {0.10, 0.12, 0.14, 0.16};

  /** Section 3: the yearly discount rate for the ledger's net present value. */
  static final double LEDGER_DISCOUNT = 0.10;

  /**
   * Section 4: Pfeifer and Carraway's recency example: p_i is the probability that a customer in
   * state i = 1..4 (state 1: bought this period; state i: last purchase i - 1 periods ago) buys in
   * the next period; state 5 is a former customer, never mailed again.
   */
  static final double[] PURCHASE_PROBABILITIES = {0.30, 0.20, 0.15, 0.05};

  /** Section 4: net contribution of a purchase. */
  static final double NET_CONTRIBUTION = 40;

  /** Section 4: cost of mailing a customer in states 1-4, every period. */
  static final double MAILING_COST = 4;

  /** Section 4: discount rate per period. */
  static final double MARKOV_DISCOUNT = 0.20;

  /** Section 4: the finite horizon shown beside the infinite one (this period and 4 more). */
  static final int MARKOV_HORIZON = 4;

  /** Section 4: customers in each state of an illustrative customer base. */
  static final double[] CUSTOMER_BASE = {1_000, 800, 600, 400, 2_000};

  /**
   * Sections 5-7: the CDNOW sample as the literature summarises it: weeks, calibration from the
   * first purchases (January to March 1997) to 1997-09-30, holdout to 1998-06-30, same-day
   * purchases merged, the eight $0.00 purchases kept.
   */
  static final SummaryOptions CDNOW_CALIBRATION =
      SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30))
          .withHoldoutUntil(LocalDate.of(1998, 6, 30))
          .withZeroAmounts(RowPolicy.KEEP);

  /**
   * Section 5: the BG/NBD estimates r, alpha, a, b and log-likelihood on CDNOW published by Fader,
   * Hardie and Lee (2005), "Counting your customers the easy way", Marketing Science 24(2).
   */
  static final double[] PUBLISHED_BG_NBD = {0.2426, 4.4136, 0.7929, 2.4259, -9582.43};

  /** Section 6: the customers whose forecasts are shown. */
  static final List<String> CUSTOMERS =
      List.of("0001", "0002", "0003", "0006", "0157", "0325", "1516", "1901");

  /**
   * Section 7: the Gamma-Gamma estimates p, q, gamma and log-likelihood on the 946 CDNOW repeat
   * buyers published by Fader, Hardie and Lee (2005), "RFM and CLV", Journal of Marketing Research
   * 42(4), and Fader and Hardie (2013), "The Gamma-Gamma model of monetary value".
   */
  static final double[] PUBLISHED_GAMMA_GAMMA = {6.2493, 3.7443, 15.4443, -4055.92};

  /**
   * Section 7: the expected spend per purchase E[M | x, m] of CDNOW customers 1, 2 and 6 with the
   * published Gamma-Gamma estimates, as listed in issue 4's acceptance table (sources: Fader,
   * Hardie and Lee 2005, "RFM and CLV"; the lifetimes documentation shows the same three values).
   */
  static final Map<String, Double> PUBLISHED_EXPECTED_SPEND =
      Map.of("0001", 24.65, "0002", 18.91, "0006", 71.46);

  /** Section 7: the share of spend that is profit. */
  static final double MARGIN = 0.30;

  /** Section 7: the CLV horizon in weeks. */
  static final int CLV_WEEKS = 52;

  /** Section 7: the yearly discount rate; the weekly rate is {@code 1.10^(1/52) - 1}. */
  static final double ANNUAL_DISCOUNT = 0.10;

  /** Section 7: how many customers the ranking shows. */
  static final int TOP = 10;

  private Training() {}

  /**
   * The CDNOW calibration summaries and the two models fitted on them, shared by sections 5-7.
   *
   * @param summaries the customers' calibration histories, in weeks
   * @param purchases the BG/NBD fitted on them
   * @param spend the Gamma-Gamma fitted on the repeat buyers among them
   */
  record Cdnow(CustomerSummaries summaries, BgNbdModel purchases, GammaGammaModel spend) {
    /** Summarises the bundled sample and fits both models. */
    static Cdnow fit() {
      CustomerSummaries s = Quickstart.cdnowSummaries(CDNOW_CALIBRATION);
      return new Cdnow(
          s,
          BgNbdFitter.create().fit(s.frequency(), s.recency(), s.age()),
          GammaGammaFitter.create().fit(s.frequency(), s.monetaryValue()));
    }
  }

  /** The weekly discount rate equivalent to {@link #ANNUAL_DISCOUNT}. */
  static double weeklyDiscount() {
    return Math.pow(1 + ANNUAL_DISCOUNT, 1.0 / 52) - 1;
  }

  /**
   * Prints the walkthrough to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.print(walkthrough());
  }

  /**
   * The whole walkthrough.
   *
   * @return the text, lines ending with {@code \n}
   */
  public static String walkthrough() {
    Cdnow cdnow = Cdnow.fit();
    return "clvkit training walkthrough: customer lifetime value, step by step\n\n"
        + simpleFormula()
        + "\n"
        + marginMultiples()
        + "\n"
        + accountLedger()
        + "\n"
        + lifecycleValuation()
        + "\n"
        + bgNbdFit(cdnow)
        + "\n"
        + customerForecasts(cdnow)
        + "\n"
        + clvRanking(cdnow);
  }

  /** Section 1: the simple formula, one customer, and why value is profit, not revenue. */
  static String simpleFormula() {
    SimpleClv c = SIMPLE;
    StringBuilder out = new StringBuilder();
    line(out, "1. The simple formula");
    line(out, "   CLV = (AOV x purchases per year x gross margin - cost to serve per year)");
    line(out, "         x lifespan in years - acquisition cost");
    line(out, "");
    out.append(
        TextTable.of("assumption", "value")
            .row("average order value (AOV)", num(c.averageOrderValue()))
            .row("purchases per year", num(c.purchasesPerPeriod()))
            .row("gross margin", percent(c.grossMargin()))
            .row("cost to serve per year", num(c.costToServePerPeriod()))
            .row("lifespan in years", num(c.lifespanPeriods()))
            .row("acquisition cost (CAC)", num(c.acquisitionCost()))
            .render("  "));
    line(out, "");
    out.append(
        TextTable.of("result", "value")
            .row("revenue per year", num(c.revenuePerPeriod()))
            .row("profit per year", num(c.profitPerPeriod()))
            .row("lifetime profit", num(c.lifetimeProfit()))
            .row("CLV", num(c.value()))
            .row("break-even CAC", num(c.breakEvenAcquisitionCost()))
            .row("LTV:CAC", num(c.ltvToCacRatio().orElseThrow()))
            .row(
                "CAC payback in years",
                c.cacPaybackPeriods().isPresent()
                    ? num(c.cacPaybackPeriods().getAsDouble())
                    : "never")
            .render("  "));
    line(out, "");
    line(out, "   Value is profit, not revenue: the same customer over different lifespans");
    line(out, "");
    TextTable lifespans = TextTable.of("lifespan in years", "revenue", "CLV");
    for (int years : LIFESPANS) {
      SimpleClv revenue = SimpleClv.of(c.averageOrderValue(), c.purchasesPerPeriod(), years);
      SimpleClv profit =
          SimpleClv.of(c.averageOrderValue(), c.purchasesPerPeriod(), years)
              .withGrossMargin(c.grossMargin())
              .withCostToServe(c.costToServePerPeriod())
              .withAcquisitionCost(c.acquisitionCost());
      lifespans.row(Integer.toString(years), num(revenue.value()), num(profit.value()));
    }
    out.append(lifespans.render("  "));
    return out.toString();
  }

  /** Section 2: the Gupta-Lehmann margin multiple over retention and discount rates. */
  static String marginMultiples() {
    StringBuilder out = new StringBuilder();
    line(out, "2. The margin multiple: a customer's value per unit of yearly margin");
    line(out, "   multiple = r / (1 + d - r): retention r, discount rate d, margin at the end of");
    line(out, "   each year, infinite horizon (Gupta and Lehmann 2003, \"Customers as assets\")");
    line(out, "");
    String[] header = new String[DISCOUNTS.length + 1];
    header[0] = "retention \\ discount";
    for (int j = 0; j < DISCOUNTS.length; j++) {
      header[j + 1] = percent(DISCOUNTS[j]);
    }
    TextTable table = TextTable.of(header);
    for (double r : RETENTIONS) {
      String[] row = new String[DISCOUNTS.length + 1];
      row[0] = percent(r);
      for (int j = 0; j < DISCOUNTS.length; j++) {
        row[j + 1] = num(DiscountedClv.marginMultiple(r, DISCOUNTS[j]));
      }
      table.row(row);
    }
    out.append(table.render("  "));
    line(out, "");
    line(out, "   With a yearly margin of 100, retention 80 %% and discount 10 %%, a customer is");
    line(
        out,
        "   worth 100 x %s = %s.",
        num(DiscountedClv.marginMultiple(0.80, 0.10)),
        num(100 * DiscountedClv.marginMultiple(0.80, 0.10)));
    return out.toString();
  }

  /** Section 3: the software vendor's five-year account with the design firm and its referrals. */
  static String accountLedger() {
    AccountLedger ledger = Quickstart.softwareVendorLedger();
    StringBuilder out = new StringBuilder();
    line(out, "3. A five-year account with referrals: a software vendor and a graphic-design firm");
    line(
        out,
        "   (illustrative numbers, the quickstart's case: the first year loses money; upgrades,");
    line(out, "   cross-sold products and the designers the firm referred make the account pay)");
    line(out, "");
    out.append(ledger.table().indent(2));
    line(
        out,
        "  profits discounted at %s a year (at each year's end): net present value %s",
        percent(LEDGER_DISCOUNT),
        num(Kpis.netPresentValue(0, ledger.profits(), LEDGER_DISCOUNT)));
    return out.toString();
  }

  /** Section 4: Pfeifer and Carraway's recency chain and the value of a customer by state. */
  static String lifecycleValuation() {
    LifecycleModel model = pfeiferCarraway();
    double[] margins = pfeiferCarrawayMargins();
    int n = model.stages().size();
    StringBuilder out = new StringBuilder();
    line(out, "4. Lifecycle stages as a Markov chain (Pfeifer and Carraway 2000, recency example)");
    line(out, "   State 1: bought this period; state i = 2..4: last purchase i - 1 periods ago;");
    line(out, "   state 5: lost for good. From state i = 1..4 a customer buys in the next period");
    line(out, "   with probability p_i (back to state 1), else moves on to state i + 1.");
    line(
        out,
        "   A purchase earns %s; customers in states 1-4 are mailed at %s a period;",
        num(NET_CONTRIBUTION),
        num(MAILING_COST));
    line(out, "   discount rate %s a period. Transition probabilities:", percent(MARKOV_DISCOUNT));
    line(out, "");
    String[] header = new String[n + 1];
    header[0] = "from \\ to";
    for (int j = 0; j < n; j++) {
      header[j + 1] = model.stages().name(j);
    }
    TextTable matrix = TextTable.of(header);
    for (int i = 0; i < n; i++) {
      String[] row = new String[n + 1];
      row[0] = model.stages().name(i);
      for (int j = 0; j < n; j++) {
        row[j + 1] = num(model.transitionMatrix().get(i, j));
      }
      matrix.row(row);
    }
    out.append(matrix.render("  "));
    line(out, "");
    line(out, "   Value of a customer by state, V = (I - P / (1 + d))^-1 R:");
    line(out, "");
    double[] finite = model.value(margins, MARKOV_DISCOUNT, MARKOV_HORIZON);
    double[] infinite = model.value(margins, MARKOV_DISCOUNT);
    double[] lifetime = model.expectedLifetime();
    TextTable values =
        TextTable.of(
            "state",
            "margin",
            "value, " + (MARKOV_HORIZON + 1) + " periods",
            "value, all periods",
            "expected periods as a customer");
    for (int i = 0; i < n; i++) {
      values.row(
          model.stages().name(i),
          num(margins[i]),
          num(finite[i]),
          num(infinite[i]),
          num(lifetime[i]));
    }
    out.append(values.render("  "));
    line(out, "");
    line(
        out,
        "   A base of %s customers in states 1-5 is worth %s.",
        counts(CUSTOMER_BASE),
        num(model.baseValue(CUSTOMER_BASE, margins, MARKOV_DISCOUNT)));
    return out.toString();
  }

  /** The recency chain of section 4: state i moves to 1 on a purchase, else to i + 1; 5 stays. */
  static LifecycleModel pfeiferCarraway() {
    int n = PURCHASE_PROBABILITIES.length + 1;
    double[][] p = new double[n][n];
    for (int i = 0; i < n - 1; i++) {
      p[i][0] = PURCHASE_PROBABILITIES[i];
      p[i][i + 1] = 1 - PURCHASE_PROBABILITIES[i];
    }
    p[n - 1][n - 1] = 1;
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = Integer.toString(i + 1);
    }
    return LifecycleModel.of(StageSet.of(names), TransitionMatrix.of(p));
  }

  /**
   * The margins of section 4: a customer in state 1 has just bought (net contribution less the
   * mailing), states 2-4 cost the mailing, state 5 nothing.
   */
  static double[] pfeiferCarrawayMargins() {
    int n = PURCHASE_PROBABILITIES.length + 1;
    double[] margins = new double[n];
    margins[0] = NET_CONTRIBUTION - MAILING_COST;
    for (int i = 1; i < n - 1; i++) {
      margins[i] = -MAILING_COST;
    }
    return margins;
  }

  /** Section 5: the BG/NBD fitted on the CDNOW calibration period, beside the published fit. */
  static String bgNbdFit(Cdnow cdnow) {
    CustomerSummaries s = cdnow.summaries();
    FitReport report = cdnow.purchases().fitReport().orElseThrow();
    StringBuilder out = new StringBuilder();
    line(out, "5. The BG/NBD model fitted on the CDNOW sample (Fader, Hardie and Lee 2005)");
    line(
        out,
        "   %,d customers who first bought in January-March 1997; calibration to %s:",
        s.size(),
        CDNOW_CALIBRATION.calibrationEnd().toLocalDate());
    line(
        out,
        "   %,d repeat purchases by %,d repeat buyers; times in weeks. Maximum likelihood:",
        s.repeatPurchases(),
        s.repeatCustomers());
    line(out, "");
    TextTable table = TextTable.of("parameter", "fitted", "std. error", "published");
    List<ParameterEstimate> estimates = report.estimates();
    for (int k = 0; k < estimates.size(); k++) {
      ParameterEstimate e = estimates.get(k);
      table.row(
          e.name(),
          fixed(e.value(), 4),
          fixed(e.standardError(), 4),
          fixed(PUBLISHED_BG_NBD[k], 4));
    }
    table.row(
        "log-likelihood",
        num(report.diagnostics().logLikelihood()),
        "-",
        num(PUBLISHED_BG_NBD[estimates.size()]));
    out.append(table.render("  "));
    return out.toString();
  }

  /** Section 6: P(alive) and the expected holdout purchases of a few customers, and of all. */
  static String customerForecasts(Cdnow cdnow) {
    CustomerSummaries s = cdnow.summaries();
    BgNbdModel model = cdnow.purchases();
    int weeks = (int) s.holdoutLength();
    double[] x = s.frequency();
    double[] tx = s.recency();
    double[] age = s.age();
    double[] holdout = s.holdoutPurchases();
    StringBuilder out = new StringBuilder();
    line(out, "6. P(alive) and expected purchases, from each customer's calibration history");
    line(
        out,
        "   x: repeat purchases; t_x: weeks from the first purchase to the last; T: weeks from");
    line(
        out,
        "   the first purchase to the end of calibration. Expected purchases in the next %d",
        weeks);
    line(out, "   weeks against the purchases the customer actually made in them:");
    line(out, "");
    TextTable table =
        TextTable.of(
            "customer", "x", "t_x", "T", "P(alive)", "expected purchases", "actual purchases");
    for (String id : CUSTOMERS) {
      int i = s.indexOf(id);
      table.row(
          id,
          fixed(x[i], 0),
          num(tx[i]),
          num(age[i]),
          fixed(model.probabilityAlive(x[i], tx[i], age[i]), 3),
          fixed(model.conditionalExpectedPurchases(weeks, x[i], tx[i], age[i]), 3),
          fixed(holdout[i], 0));
    }
    out.append(table.render("  "));
    double[] expected = model.conditionalExpectedPurchases(weeks, x, tx, age);
    line(out, "");
    line(
        out,
        "   All %,d customers: %s purchases expected in the %d weeks, %,d made.",
        s.size(),
        fixed(sum(expected), 1),
        weeks,
        s.totalHoldoutPurchases());
    return out.toString();
  }

  /** Section 7: the Gamma-Gamma spend model, the CLV ranking and the value tiers. */
  static String clvRanking(Cdnow cdnow) {
    CustomerSummaries s = cdnow.summaries();
    GammaGammaModel spend = cdnow.spend();
    FitReport report = spend.fitReport().orElseThrow();
    double[] x = s.frequency();
    double[] tx = s.recency();
    double[] age = s.age();
    double[] m = s.monetaryValue();
    StringBuilder out = new StringBuilder();
    line(out, "7. CLV ranking and value tiers");
    line(
        out,
        "   Spend per purchase: the Gamma-Gamma model fitted on the mean repeat spend of the %,d",
        s.repeatCustomers());
    line(out, "   repeat buyers (Fader, Hardie and Lee 2005, \"RFM and CLV\"):");
    line(out, "");
    TextTable parameters = TextTable.of("parameter", "fitted", "std. error", "published");
    List<ParameterEstimate> estimates = report.estimates();
    for (int k = 0; k < estimates.size(); k++) {
      ParameterEstimate e = estimates.get(k);
      parameters.row(
          e.name(),
          fixed(e.value(), 4),
          fixed(e.standardError(), 4),
          fixed(PUBLISHED_GAMMA_GAMMA[k], 4));
    }
    parameters.row(
        "log-likelihood",
        num(report.diagnostics().logLikelihood()),
        "-",
        num(PUBLISHED_GAMMA_GAMMA[estimates.size()]));
    out.append(parameters.render("  "));
    line(out, "");
    line(out, "   A customer's expected spend per purchase lies between their own mean and the");
    line(
        out,
        "   population mean %s, nearer their own the more they bought:",
        num(spend.expectedSpend()));
    line(out, "");
    TextTable shrinkage =
        TextTable.of("customer", "x", "mean spend", "expected spend", "published");
    new TreeMap<>(PUBLISHED_EXPECTED_SPEND)
        .forEach(
            (id, published) -> {
              int i = s.indexOf(id);
              shrinkage.row(
                  id,
                  fixed(x[i], 0),
                  num(m[i]),
                  num(spend.conditionalExpectedSpend(x[i], m[i])),
                  num(published));
            });
    out.append(shrinkage.render("  "));

    CustomerLifetimeValue clv = CustomerLifetimeValue.of(cdnow.purchases(), spend, MARGIN);
    double[] value = clv.conditionalValue(CLV_WEEKS, weeklyDiscount(), x, tx, age, m);
    ValueTiers tiers = ValueTiers.fit(value);
    ValueTier[] tier = new ValueTier[value.length];
    tiers.tiers(value, 0, value.length, tier);
    line(out, "");
    line(
        out,
        "   CLV = %s margin x expected spend per purchase x expected purchases in each of the",
        percent(MARGIN));
    line(
        out,
        "   next %d weeks, discounted at %s a year (%s %% a week), as of %s:",
        CLV_WEEKS,
        percent(ANNUAL_DISCOUNT),
        fixed(weeklyDiscount() * 100, 4),
        CDNOW_CALIBRATION.calibrationEnd().toLocalDate());
    line(out, "");
    Integer[] order = new Integer[value.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, Comparator.<Integer>comparingDouble(i -> -value[i]).thenComparing(s::customerId));
    TextTable ranking =
        TextTable.of(
            "rank",
            "customer",
            "x",
            "t_x",
            "T",
            "mean spend",
            "expected spend",
            "P(alive)",
            "CLV",
            "tier");
    for (int k = 0; k < Math.min(TOP, order.length); k++) {
      int i = order[k];
      ranking.row(
          Integer.toString(k + 1),
          s.customerId(i),
          fixed(x[i], 0),
          num(tx[i]),
          num(age[i]),
          num(m[i]),
          num(spend.conditionalExpectedSpend(x[i], m[i])),
          fixed(cdnow.purchases().probabilityAlive(x[i], tx[i], age[i]), 3),
          num(value[i]),
          tierName(tier[i]));
    }
    out.append(ranking.render("  "));
    line(out, "");
    line(out, "   Value tiers by CLV percentile (ties at a boundary go to the higher tier):");
    line(out, "");
    double total = sum(value);
    TextTable summary =
        TextTable.of("tier", "customers", "lowest CLV", "total CLV", "share of total CLV");
    for (ValueTier t : ValueTier.values()) {
      int count = 0;
      double lowest = Double.POSITIVE_INFINITY;
      double tierTotal = 0;
      for (int i = 0; i < value.length; i++) {
        if (tier[i] == t) {
          count++;
          lowest = Math.min(lowest, value[i]);
          tierTotal += value[i];
        }
      }
      summary.row(
          tierName(t),
          String.format(Locale.ROOT, "%,d", count),
          count == 0 ? "-" : num(lowest),
          num(tierTotal),
          fixed(100 * tierTotal / total, 1) + " %");
    }
    summary.row(
        "all",
        String.format(Locale.ROOT, "%,d", value.length),
        num(Arrays.stream(value).min().orElseThrow()),
        num(total),
        "100.0 %");
    out.append(summary.render("  "));
    return out.toString();
  }

  /** How a tier is printed: "top 1 %", "top 5 %", "top 20 %", "rest". */
  static String tierName(ValueTier tier) {
    return tier == ValueTier.REST ? "rest" : "top " + tier.percent() + " %";
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value + 0.0);
  }

  private static String counts(double[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%,.0f", values[i]));
    }
    return s.toString();
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%,.2f", value + 0.0);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
