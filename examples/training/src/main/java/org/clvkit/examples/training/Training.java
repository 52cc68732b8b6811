package org.clvkit.examples.training;

import java.util.Locale;
import org.clvkit.core.kpi.Kpis;
import org.clvkit.core.lifecycle.LifecycleModel;
import org.clvkit.core.lifecycle.StageSet;
import org.clvkit.core.lifecycle.TransitionMatrix;
import org.clvkit.core.value.AccountLedger;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.SimpleClv;
import org.clvkit.examples.quickstart.Quickstart;

/**
 * A walkthrough for a course on customer lifetime value that prints, as text tables and in the
 * order a course takes them: the simple formula; the margin-multiple table; a five-year account
 * with referrals; a lifecycle valuation with a Markov chain. Every number is computed by clvkit;
 * the test parses the printed tables and recomputes each number through the library. Run it with
 * {@code mvn -B -q -f examples/training exec:java}.
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
   * Section 4: Pfeifer and Carraway's recency example. A customer in state i (i = 1..4) last bought
   * i - 1 periods ago and buys in this period with probability p_i; state 5 is a former customer,
   * never mailed again.
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

  private Training() {}

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
    return "clvkit training walkthrough: customer lifetime value, step by step\n\n"
        + simpleFormula()
        + "\n"
        + marginMultiples()
        + "\n"
        + accountLedger()
        + "\n"
        + lifecycleValuation();
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
