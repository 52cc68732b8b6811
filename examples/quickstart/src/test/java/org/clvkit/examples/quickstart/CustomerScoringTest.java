package org.clvkit.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Checks the scoring part of the quickstart: the test builds the weekly customer histories from its
 * own reading of the log ({@link CdnowLog}), fits the two models through the library, and
 * recomputes every printed number with the per-customer methods, the CLV also by summing the
 * discounted expected purchases itself. Numbers printed with k decimals must agree within half a
 * unit of the k-th decimal plus 1e-9.
 */
class CustomerScoringTest {
  private static final LocalDate END = LocalDate.of(1998, 7, 1);

  /** A customer's history in weeks, as the test computes it. */
  private record History(String id, double x, double recency, double age, double spend) {}

  private static Map<String, History> histories() {
    Map<String, History> out = new TreeMap<>();
    CdnowLog.purchaseDays()
        .forEach(
            (id, days) -> {
              int x = days.size() - 1;
              double total = days.values().stream().mapToDouble(Double::doubleValue).sum();
              double repeatSpend = total - days.firstEntry().getValue();
              out.put(
                  id,
                  new History(
                      id,
                      x,
                      ChronoUnit.DAYS.between(days.firstKey(), days.lastKey()) / 7.0,
                      ChronoUnit.DAYS.between(days.firstKey(), END) / 7.0,
                      x == 0 ? 0.0 : repeatSpend / x));
            });
    return out;
  }

  private static double[] column(List<History> rows, ToDoubleFunction<History> f) {
    return rows.stream().mapToDouble(f).toArray();
  }

  @Test
  void report_scoresRecomputeThroughTheLibrary() {
    Map<String, History> byId = histories();
    List<History> rows = new ArrayList<>(byId.values());
    double[] x = column(rows, History::x);
    double[] recency = column(rows, History::recency);
    double[] age = column(rows, History::age);
    double[] spend = column(rows, History::spend);
    BgNbdModel purchases = BgNbdFitter.create().fit(x, recency, age);
    GammaGammaModel spendModel = GammaGammaFitter.create().fit(x, spend);
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(purchases, spendModel, CustomerScoring.MARGIN);

    String report = CustomerScoring.report();
    BgNbdParameters b = purchases.parameters();
    GammaGammaParameters g = spendModel.parameters();
    String[] bg = groups(report, "BG/NBD +r ([\\d.]+), alpha ([\\d.]+), a ([\\d.]+), b ([\\d.]+)");
    String[] gg = groups(report, "Gamma-Gamma +p ([\\d.]+), q ([\\d.]+), gamma ([\\d.]+)");
    Tolerance four = printed(4);
    four.check("r", b.r(), Double.parseDouble(bg[0]));
    four.check("alpha", b.alpha(), Double.parseDouble(bg[1]));
    four.check("a", b.a(), Double.parseDouble(bg[2]));
    four.check("b", b.b(), Double.parseDouble(bg[3]));
    four.check("p", g.p(), Double.parseDouble(gg[0]));
    four.check("q", g.q(), Double.parseDouble(gg[1]));
    four.check("gamma", g.gamma(), Double.parseDouble(gg[2]));

    String[] rates =
        groups(report, "next (\\d+) weeks, discounted at (\\d+)% a year \\(([\\d.]+)% a week\\)");
    int horizon = Integer.parseInt(rates[0]);
    double weekly = Math.pow(1 + Double.parseDouble(rates[1]) / 100, 1.0 / 52) - 1;
    printed(4).check("weekly rate in %", weekly * 100, Double.parseDouble(rates[2]));

    List<String> lines = report.lines().toList();
    int header =
        lines.indexOf(
            lines.stream().filter(l -> l.startsWith("customer ")).findFirst().orElseThrow());
    assertEquals(CustomerScoring.CUSTOMERS.size() + 1, countRows(lines, header));
    for (int k = 0; k < CustomerScoring.CUSTOMERS.size(); k++) {
      String[] c = lines.get(header + 1 + k).trim().split("\\s+");
      History h = byId.get(c[0]);
      String who = "customer " + c[0];
      assertEquals(CustomerScoring.CUSTOMERS.get(k), c[0]);
      assertEquals(8, c.length, who);
      assertEquals(h.x(), Double.parseDouble(c[1]), who + " repeats");
      printed(2).check(who + " recency", h.recency(), Double.parseDouble(c[2]));
      printed(2).check(who + " age", h.age(), Double.parseDouble(c[3]));
      printed(2).check(who + " avg spend", h.spend(), Double.parseDouble(c[4]));
      printed(3)
          .check(
              who + " P(alive)",
              purchases.probabilityAlive(h.x(), h.recency(), h.age()),
              Double.parseDouble(c[5]));
      printed(3)
          .check(
              who + " purchases",
              purchases.conditionalExpectedPurchases(horizon, h.x(), h.recency(), h.age()),
              Double.parseDouble(c[6]));
      double value = clv.conditionalValue(horizon, weekly, h.x(), h.recency(), h.age(), h.spend());
      printed(2).check(who + " CLV", value, Double.parseDouble(c[7]));
      // The CLV by hand: margin x expected spend x the purchases of each week, discounted.
      double discounted = 0;
      for (int week = 1; week <= horizon; week++) {
        double inWeek =
            purchases.conditionalExpectedPurchases(week, h.x(), h.recency(), h.age())
                - purchases.conditionalExpectedPurchases(week - 1, h.x(), h.recency(), h.age());
        discounted += inWeek / Math.pow(1 + weekly, week);
      }
      printed(2)
          .check(
              who + " CLV by hand",
              CustomerScoring.MARGIN
                  * spendModel.conditionalExpectedSpend(h.x(), h.spend())
                  * discounted,
              Double.parseDouble(c[7]));
    }
  }

  @Test
  void customers_includeTheSimpleReportsFirstWhoStoppedBuyingEarly() {
    // The class comment's claim about customer 1901: 22 purchase days, all in its first five weeks,
    // and the model gives it practically no chance of being alive.
    TreeMap<LocalDate, Double> days = CdnowLog.purchaseDays().get("1901");
    assertEquals(22, days.size());
    assertTrue(ChronoUnit.DAYS.between(days.firstKey(), days.lastKey()) < 5 * 7);
    assertTrue(CustomerScoring.CUSTOMERS.contains("1901"));
    String row =
        CustomerScoring.report()
            .lines()
            .filter(l -> l.startsWith("1901 "))
            .findFirst()
            .orElseThrow();
    assertEquals("0.000", row.trim().split("\\s+")[5]);
  }

  private static int countRows(List<String> lines, int header) {
    int n = 0;
    while (header + n < lines.size() && !lines.get(header + n).startsWith("(")) {
      n++;
    }
    return n;
  }

  private static String[] groups(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match of " + regex + " in\n" + text);
    String[] out = new String[m.groupCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.group(i + 1);
    }
    return out;
  }

  private static Tolerance printed(int decimals) {
    return Tolerance.absolute(0.5 * Math.pow(10, -decimals) + 1e-9);
  }
}
