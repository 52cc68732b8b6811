package org.clvkit.examples.training;

import static org.clvkit.examples.training.Printed.find;
import static org.clvkit.examples.training.Printed.number;
import static org.clvkit.examples.training.Printed.printed;
import static org.clvkit.examples.training.Printed.row;
import static org.clvkit.examples.training.Printed.section;
import static org.clvkit.examples.training.Printed.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.rfm.ValueTier;
import org.clvkit.core.rfm.ValueTiers;
import org.clvkit.examples.quickstart.Quickstart;
import org.clvkit.models.FitReport;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sections 5-7 of the walkthrough, on the CDNOW sample: the test summarises the sample and fits
 * both models through the library itself, then recomputes every printed number with the
 * per-customer methods (the walkthrough uses the column methods where it can) and checks the fits
 * against the published values with the tolerances of issue 4's acceptance table: parameters within
 * 0.2 %, log-likelihoods within 0.01, E[Y(39)] of customer 1 within 0.001, expected spend within
 * 0.01. Printed numbers with k decimals must agree within half a unit of the k-th decimal plus
 * 1e-9.
 */
class CdnowSectionsTest {
  private static String text;
  private static CustomerSummaries s;
  private static BgNbdModel purchases;
  private static GammaGammaModel spend;

  @BeforeAll
  static void fit() {
    text = Training.walkthrough();
    s = Quickstart.cdnowSummaries(Training.CDNOW_CALIBRATION);
    purchases = BgNbdFitter.create().fit(s.frequency(), s.recency(), s.age());
    spend = GammaGammaFitter.create().fit(s.frequency(), s.monetaryValue());
  }

  @Test
  void bgNbdFit_dataAreTheLiteraturesCalibrationPeriod() {
    // Fader, Hardie and Lee (2005): 2,357 customers, 2,457 repeat purchases by 946 repeat buyers
    // in the 39-week calibration period; 1,882 purchases in the 39-week holdout.
    assertEquals(2_357, s.size());
    assertEquals(2_457, s.repeatPurchases());
    assertEquals(946, s.repeatCustomers());
    assertEquals(39.0, s.holdoutLength());
    String[] counts =
        find(
            section(text, 5),
            "([\\d,]+) customers who first bought.*\\n.*?([\\d,]+) repeat purchases by ([\\d,]+)"
                + " repeat buyers");
    assertEquals(s.size(), (int) number(counts[0]));
    assertEquals(s.repeatPurchases(), (long) number(counts[1]));
    assertEquals(s.repeatCustomers(), (int) number(counts[2]));
  }

  @Test
  void bgNbdFit_printedEstimatesAreTheLibrarysFitAndMatchThePublishedOnes() {
    checkFitTable(section(text, 5), purchases.fitReport().orElseThrow());
  }

  @Test
  void customerForecasts_everyRowRecomputes() {
    List<String> lines = section(text, 6);
    List<String[]> table = table(lines, "customer");
    assertEquals(Training.CUSTOMERS.size() + 1, table.size());
    double[] x = s.frequency();
    double[] tx = s.recency();
    double[] age = s.age();
    double[] holdout = s.holdoutPurchases();
    int weeks = (int) s.holdoutLength();
    for (String[] r : table.subList(1, table.size())) {
      int i = s.indexOf(r[0]);
      String who = "customer " + r[0];
      assertTrue(i >= 0, who);
      assertEquals(x[i], number(r[1]), who + " x");
      printed(2).check(who + " t_x", tx[i], number(r[2]));
      printed(2).check(who + " T", age[i], number(r[3]));
      printed(3)
          .check(who + " P(alive)", purchases.probabilityAlive(x[i], tx[i], age[i]), number(r[4]));
      printed(3)
          .check(
              who + " expected",
              purchases.conditionalExpectedPurchases(weeks, x[i], tx[i], age[i]),
              number(r[5]));
      assertEquals(holdout[i], number(r[6]), who + " actual");
    }
    // Fader, Hardie and Lee (2005) via issue 4: E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226,
    // within 0.001: CDNOW customer 1.
    Tolerance.absolute(0.001).check("customer 0001", 1.226, number(row(table, "0001")[5]));

    String[] all =
        find(
            lines,
            "All ([\\d,]+) customers: ([\\d.,]+) purchases expected in the (\\d+) weeks,"
                + " ([\\d,]+) made");
    double expected = 0;
    for (int i = 0; i < s.size(); i++) {
      expected += purchases.conditionalExpectedPurchases(weeks, x[i], tx[i], age[i]);
    }
    assertEquals(s.size(), (int) number(all[0]));
    printed(1).check("expected, all customers", expected, number(all[1]));
    assertEquals(weeks, Integer.parseInt(all[2]));
    assertEquals(1_882, (long) number(all[3]));
    assertEquals(s.totalHoldoutPurchases(), (long) number(all[3]));
  }

  @Test
  void clvRanking_printedSpendEstimatesAreTheLibrarysFitAndMatchThePublishedOnes() {
    List<String> lines = section(text, 7);
    checkFitTable(lines, spend.fitReport().orElseThrow());
    String[] mean = find(lines, "population mean ([\\d.,]+)");
    printed(2).check("population mean", spend.expectedSpend(), number(mean[0]));
    List<String[]> shrinkage = table(lines, "customer");
    assertEquals(4, shrinkage.size());
    double[] x = s.frequency();
    double[] m = s.monetaryValue();
    for (String[] r : shrinkage.subList(1, shrinkage.size())) {
      int i = s.indexOf(r[0]);
      String who = "customer " + r[0];
      assertEquals(x[i], number(r[1]), who);
      printed(2).check(who + " mean spend", m[i], number(r[2]));
      double e = spend.conditionalExpectedSpend(x[i], m[i]);
      printed(2).check(who + " expected spend", e, number(r[3]));
      // Published with the published parameters (issue 4: within 0.01).
      Tolerance.absolute(0.01 + 1e-9).check(who + " published", number(r[4]), number(r[3]));
      // Between the customer's own mean and the population mean.
      assertTrue(
          Math.min(m[i], spend.expectedSpend()) <= e && e <= Math.max(m[i], spend.expectedSpend()),
          who);
    }
  }

  @Test
  void clvRanking_topCustomersRecomputeAndAreRankedByClv() {
    List<String> lines = section(text, 7);
    String[] rates =
        find(lines, "next (\\d+) weeks, discounted at (\\d+ %) a year \\(([\\d.]+) % a week\\)");
    int weeks = Integer.parseInt(rates[0]);
    double weekly = Math.pow(1 + number(rates[1]), 1.0 / 52) - 1;
    printed(4).check("weekly rate", weekly * 100, number(rates[2]));
    double margin = number(find(lines, "CLV = (\\d+ %) margin")[0]);

    double[] value = clvOfEveryone(weeks, weekly, margin);
    Integer[] order = new Integer[value.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, Comparator.<Integer>comparingDouble(i -> -value[i]).thenComparing(s::customerId));
    ValueTiers tiers = ValueTiers.fit(value);

    List<String[]> ranking = table(lines, "rank");
    assertEquals(Training.TOP + 1, ranking.size());
    double[] x = s.frequency();
    double[] tx = s.recency();
    double[] age = s.age();
    double[] m = s.monetaryValue();
    for (int k = 0; k < Training.TOP; k++) {
      String[] r = ranking.get(k + 1);
      int i = order[k];
      String who = "rank " + (k + 1);
      assertEquals(Integer.toString(k + 1), r[0]);
      assertEquals(s.customerId(i), r[1], who);
      assertEquals(x[i], number(r[2]), who + " x");
      printed(2).check(who + " t_x", tx[i], number(r[3]));
      printed(2).check(who + " T", age[i], number(r[4]));
      printed(2).check(who + " mean spend", m[i], number(r[5]));
      double expectedSpend = spend.conditionalExpectedSpend(x[i], m[i]);
      printed(2).check(who + " expected spend", expectedSpend, number(r[6]));
      printed(3)
          .check(who + " P(alive)", purchases.probabilityAlive(x[i], tx[i], age[i]), number(r[7]));
      printed(2).check(who + " CLV", value[i], number(r[8]));
      // The CLV by hand: margin x expected spend x each week's expected purchases, discounted.
      double discounted = 0;
      for (int w = 1; w <= weeks; w++) {
        double inWeek =
            purchases.conditionalExpectedPurchases(w, x[i], tx[i], age[i])
                - purchases.conditionalExpectedPurchases(w - 1, x[i], tx[i], age[i]);
        discounted += inWeek / Math.pow(1 + weekly, w);
      }
      printed(2).check(who + " CLV by hand", margin * expectedSpend * discounted, number(r[8]));
      assertEquals(Training.tierName(tiers.tier(value[i])), r[9], who + " tier");
    }
  }

  @Test
  void clvRanking_tierSummaryRecomputesAndFollowsThePercentileDefinition() {
    List<String> lines = section(text, 7);
    double[] value = clvOfEveryone(Training.CLV_WEEKS, Training.weeklyDiscount(), Training.MARGIN);
    ValueTiers tiers = ValueTiers.fit(value);
    List<String[]> summary = table(lines, "tier");
    assertEquals(ValueTier.values().length + 2, summary.size());
    double total = Arrays.stream(value).sum();
    int n = value.length;
    int customers = 0;
    for (ValueTier t : ValueTier.values()) {
      String[] r = row(summary, Training.tierName(t));
      int count = 0;
      int byDefinition = 0;
      double lowest = Double.POSITIVE_INFINITY;
      double sum = 0;
      for (double v : value) {
        if (tiers.tier(v) == t) {
          count++;
          lowest = Math.min(lowest, v);
          sum += v;
        }
        if (definitionTier(value, v) == t) {
          byDefinition++;
        }
      }
      // ValueTiers' definition, counted directly: in the top p % when fewer than p % of the
      // customers are strictly more valuable; the smallest such p of 1, 5, 20.
      assertEquals(byDefinition, count, t.name());
      assertEquals(count, (int) number(r[1]), t.name());
      printed(2).check(t.name() + " lowest", lowest, number(r[2]));
      printed(2).check(t.name() + " total", sum, number(r[3]));
      printed(1).check(t.name() + " share", 100 * sum / total, 100 * number(r[4]));
      customers += count;
    }
    assertEquals(n, customers);
    String[] all = row(summary, "all");
    assertEquals(n, (int) number(all[1]));
    printed(2).check("lowest", Arrays.stream(value).min().orElseThrow(), number(all[2]));
    printed(2).check("total", total, number(all[3]));
    // With 2,357 customers and no ties at the boundaries, the top 1 % holds 24 (fewer than 23.57
    // strictly above).
    assertEquals("24", row(summary, "top 1 %")[1]);
  }

  /** Every customer's CLV through the per-customer method. */
  private static double[] clvOfEveryone(int weeks, double weekly, double margin) {
    CustomerLifetimeValue clv = CustomerLifetimeValue.of(purchases, spend, margin);
    double[] x = s.frequency();
    double[] tx = s.recency();
    double[] age = s.age();
    double[] m = s.monetaryValue();
    double[] value = new double[s.size()];
    for (int i = 0; i < value.length; i++) {
      value[i] = clv.conditionalValue(weeks, weekly, x[i], tx[i], age[i], m[i]);
    }
    return value;
  }

  private static ValueTier definitionTier(double[] values, double v) {
    long greater = Arrays.stream(values).filter(u -> u > v).count();
    for (ValueTier t :
        List.of(ValueTier.TOP_1_PERCENT, ValueTier.TOP_5_PERCENT, ValueTier.TOP_20_PERCENT)) {
      if (100 * greater < (long) t.percent() * values.length) {
        return t;
      }
    }
    return ValueTier.REST;
  }

  /**
   * A "parameter, fitted, std. error, published" table: fitted values and standard errors are the
   * report's, the log-likelihood too, and fitted parameters are within 0.2 % of the published ones,
   * the log-likelihood within 0.01.
   */
  private static void checkFitTable(List<String> lines, FitReport report) {
    List<String[]> table = table(lines, "parameter");
    assertEquals(report.estimates().size() + 2, table.size());
    for (int k = 0; k < report.estimates().size(); k++) {
      String[] r = table.get(k + 1);
      var e = report.estimates().get(k);
      assertEquals(e.name(), r[0]);
      printed(4).check(e.name(), e.value(), number(r[1]));
      printed(4).check(e.name() + " std. error", e.standardError(), number(r[2]));
      Tolerance.relative(0.002).check(e.name() + " vs published", number(r[3]), e.value());
    }
    String[] ll = row(table, "log-likelihood");
    printed(2).check("log-likelihood", report.diagnostics().logLikelihood(), number(ll[1]));
    Tolerance.absolute(0.01)
        .check("log-likelihood vs published", number(ll[3]), report.diagnostics().logLikelihood());
  }
}
