package org.clvkit.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.SimpleClv;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Checks what the quickstart prints against an independent computation: the test parses the bundled
 * CDNOW sample itself and computes every customer's values through the per-customer library API
 * (the report uses the column API), then reads the numbers back from the printed report. Printed
 * numbers have two decimals, so they must agree within 0.005 plus rounding slack.
 */
class QuickstartTest {
  private static final Tolerance PRINTED = Tolerance.absolute(0.0051);
  private static final Quickstart.Assumptions A = Quickstart.ASSUMPTIONS;

  /** One customer as the test computes it. */
  private record Expected(
      String id,
      int purchases,
      double aov,
      double frequency,
      double lifespan,
      double simple,
      double discounted) {}

  private static List<Expected> expected() {
    List<Expected> out = new ArrayList<>();
    CdnowLog.purchaseDays()
        .forEach(
            (id, sorted) -> {
              int purchases = sorted.size();
              double spend = sorted.values().stream().mapToDouble(Double::doubleValue).sum();
              double observedPeriods =
                  ChronoUnit.DAYS.between(sorted.firstKey(), LocalDate.of(1998, 7, 1))
                      / (double) A.periodDays();
              double aov = spend / purchases;
              double frequency = purchases / observedPeriods;
              double lifespan =
                  ChronoUnit.DAYS.between(sorted.firstKey(), sorted.lastKey())
                      / (double) A.periodDays();
              SimpleClv simple =
                  SimpleClv.of(aov, frequency, lifespan)
                      .withGrossMargin(A.grossMargin())
                      .withCostToServe(A.costToServe())
                      .withAcquisitionCost(A.acquisitionCost());
              double margin = simple.profitPerPeriod();
              double discounted =
                  DiscountedClv.of(margin, A.retention(), A.discount(), A.timing())
                          .infiniteHorizonValue()
                      - A.acquisitionCost();
              out.add(
                  new Expected(
                      id, purchases, aov, frequency, lifespan, simple.value(), discounted));
            });
    return out;
  }

  @Test
  void report_startsWithTheAssumptions() {
    List<String> lines = Quickstart.report().lines().toList();
    assertEquals("Assumptions", lines.get(2));
    assertTrue(lines.get(3).contains("1 year = " + A.periodDays() + " days"), lines.get(3));
    assertTrue(lines.get(3).endsWith("observation ends 1998-06-30"), lines.get(3));
    assertTrue(lines.get(4).contains(percent(A.grossMargin()) + " of order value"), lines.get(4));
    assertTrue(lines.get(6).contains(String.format(Locale.ROOT, "%.2f", A.acquisitionCost())));
    assertTrue(lines.get(7).contains("retention        " + percent(A.retention())), lines.get(7));
    assertTrue(lines.get(8).contains("discount rate    " + percent(A.discount())), lines.get(8));
    assertTrue(lines.get(13).contains("cash at the start of each year"), lines.get(13));
  }

  @Test
  void report_countsRowsPurchasesAndCustomers() {
    List<Expected> expected = expected();
    int purchases = expected.stream().mapToInt(Expected::purchases).sum();
    // The counts documented for this file (shared/README.md; Fader, Hardie and Lee 2005): 6,919
    // rows, 6,696 purchases after merging same-day purchases, 2,357 customers.
    assertEquals(2_357, expected.size());
    assertEquals(6_696, purchases);
    String report = Quickstart.report();
    assertTrue(
        report.contains(
            "Data: 6,919 rows, 6,696 purchases after merging same-day purchases, 2,357"
                + " customers\n"),
        report);
  }

  @Test
  void report_averagesMatchLibrary() {
    List<Expected> expected = expected();
    String report = Quickstart.report();
    Matcher averages =
        Pattern.compile(
                "AOV ([\\d.]+), purchases per year ([\\d.]+), lifespan ([\\d.]+) years,\n"
                    + "  simple CLV (-?[\\d.]+), discounted CLV (-?[\\d.]+)")
            .matcher(report);
    assertTrue(averages.find(), report);
    PRINTED.check("mean AOV", mean(expected, Expected::aov), number(averages.group(1)));
    PRINTED.check("mean frequency", mean(expected, Expected::frequency), number(averages.group(2)));
    PRINTED.check("mean lifespan", mean(expected, Expected::lifespan), number(averages.group(3)));
    PRINTED.check("mean simple CLV", mean(expected, Expected::simple), number(averages.group(4)));
    PRINTED.check(
        "mean discounted CLV", mean(expected, Expected::discounted), number(averages.group(5)));
  }

  @Test
  void report_topTenMatchLibrary() {
    List<Expected> top =
        expected().stream()
            .sorted(
                Comparator.comparingDouble(Expected::discounted)
                    .reversed()
                    .thenComparing(Expected::id))
            .limit(10)
            .toList();
    List<String> lines = Quickstart.report().lines().toList();
    int header = lines.indexOf("Top 10 customers by discounted CLV");
    assertTrue(header > 0);
    for (int k = 0; k < 10; k++) {
      String[] cells = lines.get(header + 2 + k).trim().split("\\s+");
      Expected e = top.get(k);
      String what = "rank " + (k + 1) + " customer " + e.id();
      assertEquals(8, cells.length, what);
      assertEquals(k + 1, Integer.parseInt(cells[0]), what);
      assertEquals(e.id(), cells[1], what);
      assertEquals(e.purchases(), Integer.parseInt(cells[2]), what);
      PRINTED.check(what + " AOV", e.aov(), number(cells[3]));
      PRINTED.check(what + " frequency", e.frequency(), number(cells[4]));
      PRINTED.check(what + " lifespan", e.lifespan(), number(cells[5]));
      PRINTED.check(what + " simple CLV", e.simple(), number(cells[6]));
      PRINTED.check(what + " discounted CLV", e.discounted(), number(cells[7]));
    }
    assertEquals("", lines.get(header + 12));
  }

  @Test
  void report_endsWithTheLedgerThenTheModelScores() {
    String report = Quickstart.report();
    String ledger = Quickstart.softwareVendorLedger().table();
    assertTrue(report.endsWith(ledger + "\n" + CustomerScoring.report()), report);
    assertTrue(Quickstart.softwareVendorLedger().firstPeriodProfit() < 0);
    assertTrue(Quickstart.softwareVendorLedger().totalProfit() > 0);
  }

  @Test
  void cdnowSummaries_agreeWithTheTestsOwnParse() {
    // The report's data come from core's TransactionLogFormat and SummaryAccumulator; the test's
    // own parse above must give the same purchases, spend and times for every customer.
    CustomerSummaries s = Quickstart.cdnowSummaries(A.summaryOptions());
    List<Expected> expected = expected();
    assertEquals(expected.size(), s.size());
    assertEquals(6_919, s.rows());
    assertEquals(new PolicyCounts(8, 0, 0, 0), s.policyCounts());
    Tolerance exact = Tolerance.relative(1e-12);
    int[] purchases = s.purchaseCount();
    double[] spend = s.totalSpend();
    double[] lifespan = s.recency();
    for (Expected e : expected) {
      int i = s.indexOf(e.id());
      String who = "customer " + e.id();
      assertEquals(e.purchases(), purchases[i], who);
      exact.check(who + " spend", e.aov() * e.purchases(), spend[i]);
      exact.check(who + " lifespan", e.lifespan(), lifespan[i]);
    }
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static double number(String text) {
    return Double.parseDouble(text);
  }

  private static double mean(List<Expected> rows, ToDoubleFunction<Expected> f) {
    return rows.stream().mapToDouble(f).average().orElseThrow();
  }
}
