package org.clvkit.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static List<Expected> expected() throws IOException {
    Map<String, Map<LocalDate, Double>> days = new TreeMap<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                QuickstartTest.class.getResourceAsStream("/cdnow/CDNOW_sample.txt"),
                StandardCharsets.US_ASCII))) {
      reader
          .lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty())
          .map(line -> line.split("\\s+"))
          .forEach(
              c ->
                  days.computeIfAbsent(c[1], k -> new TreeMap<>())
                      .merge(
                          LocalDate.of(
                              Integer.parseInt(c[2].substring(0, 4)),
                              Integer.parseInt(c[2].substring(4, 6)),
                              Integer.parseInt(c[2].substring(6, 8))),
                          Double.parseDouble(c[4]),
                          Double::sum));
    }
    List<Expected> out = new ArrayList<>();
    days.forEach(
        (id, byDay) -> {
          TreeMap<LocalDate, Double> sorted = new TreeMap<>(byDay);
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
              new Expected(id, purchases, aov, frequency, lifespan, simple.value(), discounted));
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
  void report_countsRowsPurchasesAndCustomers() throws IOException {
    List<Expected> expected = expected();
    int purchases = expected.stream().mapToInt(Expected::purchases).sum();
    // The counts documented for this file (shared/README.md; Fader, Hardie and Lee 2005): 6,919
    // rows,
    // 6,696 purchases after merging same-day purchases, 2,357 customers.
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
  void report_averagesMatchLibrary() throws IOException {
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
  void report_topTenMatchLibrary() throws IOException {
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
  void report_endsWithTheSoftwareVendorLedger() {
    String report = Quickstart.report();
    String ledger = Quickstart.softwareVendorLedger().table();
    assertTrue(report.endsWith(ledger), report);
    assertTrue(Quickstart.softwareVendorLedger().firstPeriodProfit() < 0);
    assertTrue(Quickstart.softwareVendorLedger().totalProfit() > 0);
  }

  @Test
  void parse_mergesSameDayPurchasesAndRejectsMalformedLines() throws IOException {
    Quickstart.Log log =
        Quickstart.parse(
            new StringReader(
                " 00004 0001 19970101  2   29.33\n"
                    + " 00004 0001 19970101  1   10.00\n"
                    + "\n"
                    + " 00004 0001 19970118  2   29.73\n"));
    assertEquals(3, log.rows());
    assertEquals(1, log.customers().size());
    Quickstart.Customer c = log.customers().get(0);
    assertEquals(2, c.purchases());
    Tolerance.absolute(1e-12).check("spend", 69.06, c.spend());
    assertEquals(LocalDate.of(1997, 1, 18), c.last());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Quickstart.parse(new StringReader("00004 0001 19970101 2\n")));
    assertEquals("line 1 has 4 columns, expected 5: 00004 0001 19970101 2", e.getMessage());
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
