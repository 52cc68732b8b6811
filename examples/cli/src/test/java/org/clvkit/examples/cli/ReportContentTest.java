package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clvkit.models.ModelType;
import org.junit.jupiter.api.Test;

/**
 * What the bundled report tells an analyst, in English with the defaults: the model comparison and
 * its stated rule, a P(alive) headline that agrees with the stages, revenue (not CLV) without a
 * margin, intervals on the headline and per customer, acquisition-cohort segments and cohort
 * retention. Expected values come from the report's own CSV files, never from numbers typed in.
 */
class ReportContentTest {

  /** A CSV file as rows of named cells. */
  static List<Map<String, String>> csv(List<String> lines) {
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < cells.length ? cells[i] : "");
      }
      rows.add(row);
    }
    return rows;
  }

  static double num(Map<String, String> row, String column) {
    return Double.parseDouble(row.get(column));
  }

  @Test
  void report_bundledData_comparesEveryModelAndUsesTheLowestHoldoutError() {
    BundledReports.Run run = BundledReports.english();
    assertEquals(ExitCodes.OK, run.result().code(), run.result()::toString);
    List<Map<String, String>> models = csv(Cli.lines(run.file("diagnostics/model_comparison.csv")));
    List<String> fitted = models.stream().map(r -> r.get("model")).toList();
    String html = run.html();
    // every continuous-time maximum-likelihood model of the registry is in the table: fitted, or
    // listed as not fitted with its row (CDNOW's are continuous, so none of the discrete-time ones)
    for (ModelType<?> type : ReportModels.candidates(false)) {
      assertTrue(
          fitted.contains(type.name())
              || html.contains("<tr class=\"skipped\"><td>" + type.name() + "</td>"),
          type.name());
      if (!fitted.contains(type.name())) {
        assertTrue(html.contains("<p>" + type.name() + " could not be fitted: "), type.name());
      }
    }
    assertTrue(
        fitted.containsAll(List.of("BG/NBD", "MBG/NBD", "Pareto/NBD", "NBD")), fitted::toString);
    assertFalse(fitted.contains("BG/BB"));
    Map<String, String> best =
        models.stream()
            .min(java.util.Comparator.comparingDouble(r -> num(r, "holdout_mae")))
            .orElseThrow();
    assertEquals("true", best.get("chosen"));
    for (Map<String, String> r : models) {
      assertTrue(num(r, "holdout_rmse") >= num(r, "holdout_mae"));
      assertFalse(r.get("tracking_mape_pct").isEmpty());
      double k = num(r, "parameters");
      double ll = num(r, "log_likelihood");
      assertEquals(2 * k - 2 * ll, num(r, "aic"), 1e-4);
      assertEquals(k * Math.log(2357) - 2 * ll, num(r, "bic"), 1e-4);
    }
    assertEquals(2, num(models.get(fitted.indexOf("NBD")), "parameters"));
    assertTrue(html.contains("Rule: the model with the lowest mean absolute error of holdout"));
    assertTrue(html.contains("The report uses " + best.get("model") + "."), html);
    assertTrue(
        html.contains(
            "<b>Recommendation: use "
                + best.get("model")
                + " for forecasts: of the models that could be fitted, it predicted the holdout"
                + " period best.</b>"),
        html);
    assertTrue(run.result().out().contains("BG/NBD fitted on 2357 customers"));
  }

  @Test
  void report_bundledData_explainsTheComparisonInWords() {
    BundledReports.Run run = BundledReports.english();
    List<Map<String, String>> models = csv(Cli.lines(run.file("diagnostics/model_comparison.csv")));
    String html = run.html();
    List<Map<String, String>> byBic =
        models.stream().sorted(java.util.Comparator.comparingDouble(r -> num(r, "bic"))).toList();
    double delta = num(byBic.get(1), "bic") - num(byBic.get(0), "bic");
    String evidence =
        delta < 2
            ? "too small to matter (under 2"
            : delta < 6
                ? "positive evidence (2 to 6"
                : delta < 10 ? "strong evidence (6 to 10" : "very strong evidence (over 10";
    assertTrue(
        html.contains(
            String.format(
                Locale.US,
                "By BIC, %s describes the calibration data best; its lead over %s (ΔBIC %.1f) is %s",
                byBic.get(0).get("model"),
                byBic.get(1).get("model"),
                delta,
                evidence)),
        html);
    List<Map<String, String>> byMae =
        models.stream()
            .sorted(java.util.Comparator.comparingDouble(r -> num(r, "holdout_mae")))
            .toList();
    double first = num(byMae.get(0), "holdout_mae");
    double second = num(byMae.get(1), "holdout_mae");
    // the runner-up: models tied at the CSV's six decimals (MBG/CNBD-k at k = 1 is MBG/NBD) may
    // be named in either order, since the page ranks on unrounded errors
    List<String> runnersUp =
        byMae.stream()
            .skip(1)
            .filter(r -> Math.abs(num(r, "holdout_mae") - second) <= 1e-6)
            .map(r -> r.get("model"))
            .toList();
    assertTrue(
        runnersUp.stream()
            .anyMatch(
                runnerUp ->
                    html.contains(
                        String.format(
                            Locale.US,
                            "%s predicted the customers&#39; holdout purchases best: a mean absolute"
                                + " error of %.4f purchases per customer, %.1f %% lower than the"
                                + " next best, %s (%.4f).",
                            byMae.get(0).get("model"),
                            first,
                            100 * (second - first) / second,
                            runnerUp,
                            second))),
        html);
    String agreement =
        byBic.get(0).get("model").equals(byMae.get(0).get("model"))
            ? "Both criteria point to " + byMae.get(0).get("model") + "."
            : "The criteria disagree: " + byBic.get(0).get("model") + " fits the calibration";
    assertTrue(html.contains(agreement), html);
    Map<String, String> nbd =
        models.stream().filter(r -> r.get("model").equals("NBD")).findFirst().orElseThrow();
    assertTrue(
        html.contains(
            String.format(
                Locale.US,
                "NBD, which assumes that no customer ever stops buying, trails the best model by"
                    + " ΔBIC %.1f",
                num(nbd, "bic") - num(byBic.get(0), "bic"))),
        html);
  }

  @Test
  void report_bundledData_headlinePAliveAgreesWithTheModelAndTheStages() {
    BundledReports.Run run = BundledReports.english();
    List<Map<String, String>> scores = csv(Cli.lines(run.file("scores.csv")));
    double all = 0;
    double repeat = 0;
    int repeaters = 0;
    boolean oneTimersAllAlive = true;
    for (Map<String, String> r : scores) {
      double p = num(r, "p_alive");
      all += p;
      if (num(r, "frequency") > 0) {
        repeat += p;
        repeaters++;
      } else if (p < 1 - 1e-12) {
        oneTimersAllAlive = false;
      }
    }
    String html = run.html();
    if (oneTimersAllAlive) {
      assertTrue(
          html.contains(
              String.format(
                  Locale.US,
                  "<b>%.1f %%</b>mean P(alive) of the %,d customers",
                  100 * repeat / repeaters,
                  repeaters)),
          html);
    } else {
      assertTrue(
          html.contains(
              String.format(Locale.US, "<b>%.1f %%</b>mean P(alive)<", 100 * all / scores.size())),
          html);
    }
    // the P(alive) section explains where the models disagree, with every model's column
    assertTrue(html.contains("P(alive) by model: where the models disagree"));
    assertTrue(html.contains("customers with no repeat purchase are alive with probability 1"));
  }

  @Test
  void report_bundledData_withoutMarginSaysRevenueWithItsIntervalAndHorizon() {
    BundledReports.Run run = BundledReports.english();
    List<Map<String, String>> scores = csv(Cli.lines(run.file("scores.csv")));
    double purchases = 0;
    double value = 0;
    for (Map<String, String> r : scores) {
      purchases += num(r, "expected_purchases");
      value += num(r, "clv");
    }
    String html = run.html();
    assertTrue(
        html.contains(
            String.format(
                Locale.US,
                "<b>%,.0f</b>expected purchases in the next 52 weeks<small>90 %% interval ",
                purchases)),
        html);
    assertTrue(
        html.contains(
            String.format(
                Locale.US,
                "<b>%,.0f</b>expected revenue over the next 52 weeks<small>90 %% interval ",
                value)),
        html);
    assertFalse(html.contains("CLV over the next"));
    assertTrue(
        html.contains("Value is expected revenue, not CLV: no margin was given (--margin)."));
    assertTrue(html.contains("not discounted (give --annual-discount to discount)"));
  }

  @Test
  void report_bundledData_everyCustomerHasAnIntervalAroundThePointEstimate() {
    List<Map<String, String>> scores = csv(Cli.lines(BundledReports.english().file("scores.csv")));
    assertEquals(2357, scores.size());
    int narrowerThanZero = 0;
    for (Map<String, String> r : scores) {
      for (String column : List.of("expected_purchases", "clv")) {
        double lower = num(r, column + "_lower");
        double upper = num(r, column + "_upper");
        double point = num(r, column);
        assertTrue(lower <= upper, r::toString);
        // a percentile interval of 200 draws holds the fitted value (relative slack 1e-9)
        assertTrue(
            lower <= point * (1 + 1e-9) && point <= upper * (1 + 1e-9) + 1e-12,
            () -> column + " " + r);
        if (upper - lower <= 0 && point > 0) {
          narrowerThanZero++;
        }
      }
    }
    assertEquals(0, narrowerThanZero, "customers with value but an interval of width 0");
  }

  @Test
  void report_bundledData_segmentsByAcquisitionCohortAndCohortRetention() {
    BundledReports.Run run = BundledReports.english();
    List<Map<String, String>> segments = csv(Cli.lines(run.file("segments.csv")));
    assertEquals(
        List.of("1997-01", "1997-02", "1997-03"),
        segments.stream().map(r -> r.get("segment")).toList());
    int customers = 0;
    double share = 0;
    for (Map<String, String> r : segments) {
      assertEquals("acquisition cohort", r.get("dimension"));
      customers += (int) num(r, "customers");
      share += num(r, "value_share");
      assertTrue(
          num(r, "value_lower") <= num(r, "value") && num(r, "value") <= num(r, "value_upper"));
      int tiers = 0;
      for (String t : List.of("top_1_percent", "top_5_percent", "top_20_percent", "rest")) {
        tiers += (int) num(r, t);
      }
      assertEquals((int) num(r, "customers"), tiers);
    }
    assertEquals(2357, customers);
    assertEquals(1, share, 1e-9);
    List<Map<String, String>> cohorts = csv(Cli.lines(run.file("cohorts.csv")));
    assertEquals(
        List.of("1997-01", "1997-02", "1997-03"),
        cohorts.stream().map(r -> r.get("cohort")).toList());
    int cohortCustomers = 0;
    for (Map<String, String> r : cohorts) {
      assertEquals(1.0, num(r, "month_0"));
      assertTrue(num(r, "month_1") > 0 && num(r, "month_1") < 1);
      assertTrue(num(r, "arpu") > 0);
      assertTrue(num(r, "repeat_rate") > 0 && num(r, "repeat_rate") < 1);
      cohortCustomers += (int) num(r, "customers");
    }
    assertEquals(2357, cohortCustomers);
    String html = run.html();
    assertTrue(html.contains("<h2>Cohort retention</h2>"));
    assertTrue(html.contains("Segments are the acquisition cohorts"));
  }
}
