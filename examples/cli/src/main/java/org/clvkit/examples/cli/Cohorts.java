package org.clvkit.examples.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.kpi.Kpis;

/**
 * Cohort retention by the calendar month of the first purchase: for each cohort, its customers, the
 * share of them who bought in each month since (month 0 is the first purchase's month, so 100 %),
 * the revenue per customer (ARPU over the whole observation, core's {@link
 * Kpis#averageRevenuePerUser}) and the repeat rate (share with purchases on two days or more,
 * {@link Kpis#repeatPurchaseRate}). Months past the end of observation are left empty: a month is
 * shown only when the observation covers all of it.
 */
final class Cohorts {
  /** The months since the first purchase shown in the table (0 to this, inclusive). */
  static final int MAX_MONTHS = 18;

  /** One cohort's row. */
  record Row(YearMonth month, int customers, double[] retention, double arpu, double repeatRate) {}

  final List<Row> rows;
  final int months;

  Cohorts(List<Row> rows, int months) {
    this.rows = rows;
    this.months = months;
  }

  /** Cohort of every customer, by index of the summaries ({@code yyyy-MM}). */
  static String[] cohortLabels(CustomerSummaries s) {
    String[] out = new String[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = YearMonth.from(s.firstPurchase(i)).toString();
    }
    return out;
  }

  static Cohorts of(CustomerSummaries summaries, PurchaseDays purchases) {
    LocalDate end = summaries.options().observationEnd().toLocalDate();
    // the last month fully observed: the observation ends at the start of the day after it
    YearMonth lastFull = YearMonth.from(end.minusDays(1));
    if (!end.minusDays(1).equals(lastFull.atEndOfMonth())) {
      lastFull = lastFull.minusMonths(1);
    }
    final YearMonth last = lastFull;
    TreeMap<YearMonth, long[]> counts = new TreeMap<>();
    TreeMap<YearMonth, double[]> money = new TreeMap<>();
    purchases.forEachCustomer(
        summaries,
        (row, days, n, revenue) -> {
          YearMonth first = YearMonth.from(LocalDate.ofEpochDay(days[0]));
          long[] c = counts.computeIfAbsent(first, k -> new long[MAX_MONTHS + 3]);
          double[] m = money.computeIfAbsent(first, k -> new double[1]);
          c[0]++;
          if (n >= 2) {
            c[1]++;
          }
          m[0] += revenue;
          int previous = -1;
          for (int k = 0; k < n; k++) {
            int since =
                (int)
                    first.until(
                        YearMonth.from(LocalDate.ofEpochDay(days[k])),
                        java.time.temporal.ChronoUnit.MONTHS);
            if (since != previous && since <= MAX_MONTHS) {
              c[2 + since]++;
              previous = since;
            }
          }
        });
    List<Row> rows = new ArrayList<>();
    int months = 0;
    for (var e : counts.entrySet()) {
      long[] c = e.getValue();
      int observed =
          (int) Math.min(MAX_MONTHS, e.getKey().until(last, java.time.temporal.ChronoUnit.MONTHS));
      double[] retention = new double[Math.max(0, observed + 1)];
      for (int k = 0; k < retention.length; k++) {
        retention[k] = (double) c[2 + k] / c[0];
      }
      months = Math.max(months, retention.length);
      rows.add(
          new Row(
              e.getKey(),
              (int) c[0],
              retention,
              Kpis.averageRevenuePerUser(money.get(e.getKey())[0], c[0]),
              Kpis.repeatPurchaseRate(c[1], c[0])));
    }
    return new Cohorts(List.copyOf(rows), months);
  }
}
