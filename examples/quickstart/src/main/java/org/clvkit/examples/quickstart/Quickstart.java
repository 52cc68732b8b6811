package org.clvkit.examples.quickstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.TransactionLogFormat;
import org.clvkit.core.value.AccountLedger;
import org.clvkit.core.value.CashFlowTiming;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.SimpleClv;

/**
 * A small CLV report on the bundled CDNOW sample: for every customer the average order value, the
 * purchases per period, the observed lifespan, the simple CLV and the discounted (retention-based)
 * CLV, then the top 10 customers; followed by the five-year account ledger of a software vendor and
 * a graphic-design firm. The log is read and summarised by {@code org.clvkit.core.data}. Run it
 * with {@code mvn -B -q -f examples/quickstart exec:java}.
 */
public final class Quickstart {
  /** The last day of the CDNOW observation window. */
  public static final LocalDate OBSERVATION_END = LocalDate.of(1998, 6, 30);

  /**
   * The CDNOW sample's layout: whitespace-separated master id, sample id, date {@code yyyyMMdd},
   * number of CDs, dollar value; the sample id (column 2) identifies the customer.
   */
  public static final TransactionLogFormat CDNOW =
      TransactionLogFormat.whitespace().withColumns(2, 3, 5).withDatePattern("yyyyMMdd");

  /** The assumptions the report prints at its top. */
  static final Assumptions ASSUMPTIONS =
      new Assumptions(365, "year", 0.30, 0.0, 10.0, 0.60, 0.10, CashFlowTiming.START_OF_PERIOD);

  private Quickstart() {}

  /**
   * Prints the report to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.print(report());
  }

  /**
   * The report on the bundled CDNOW sample with the default {@link #ASSUMPTIONS}, followed by
   * {@link CustomerScoring#report()}.
   *
   * @return the report, lines ending with {@code \n}
   */
  public static String report() {
    return report(ASSUMPTIONS) + "\n" + CustomerScoring.report();
  }

  /**
   * What the report assumes, per period of {@code periodDays} days.
   *
   * @param periodDays length of one period in days
   * @param periodName what one period is called
   * @param grossMargin share of order value that is gross profit
   * @param costToServe cost of serving a customer per period
   * @param acquisitionCost cost of acquiring a customer
   * @param retention share of customers active in one period who are active in the next
   * @param discount discount rate per period
   * @param timing when each period's margin arrives in the discounted CLV
   */
  record Assumptions(
      int periodDays,
      String periodName,
      double grossMargin,
      double costToServe,
      double acquisitionCost,
      double retention,
      double discount,
      CashFlowTiming timing) {

    /**
     * Summary options for the whole observation window in periods of {@code periodDays}: every
     * purchase up to and including {@link #OBSERVATION_END} counts (the window ends at the start of
     * the next day), same-day purchases are merged, and the sample's eight $0.00 rows are kept.
     */
    SummaryOptions summaryOptions() {
      return SummaryOptions.of(
              TimeScale.of(Duration.ofDays(periodDays)), OBSERVATION_END.plusDays(1))
          .withZeroAmounts(RowPolicy.KEEP);
    }
  }

  /**
   * Reads the bundled CDNOW sample ({@code /cdnow/CDNOW_sample.txt} on the class path) and
   * summarises it per customer.
   *
   * @param options how to summarise (time unit, calibration and observation ends, row policies)
   * @return one row per customer with a purchase before the calibration end
   */
  public static CustomerSummaries cdnowSummaries(SummaryOptions options) {
    SummaryAccumulator accumulator = new SummaryAccumulator(options);
    try (InputStream in = Quickstart.class.getResourceAsStream("/cdnow/CDNOW_sample.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing resource /cdnow/CDNOW_sample.txt");
      }
      CDNOW.read(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)), accumulator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return accumulator.result();
  }

  /**
   * Builds the report: assumptions, data counts, averages, the top 10 customers by discounted CLV
   * and the software-vendor ledger.
   */
  static String report(Assumptions a) {
    CustomerSummaries summaries = cdnowSummaries(a.summaryOptions());
    int n = summaries.size();
    // Per customer, in periods: purchases (the first included) over the time from the first
    // purchase to the end of observation, and the observed lifespan from the first to the last.
    int[] purchases = summaries.purchaseCount();
    double[] spend = summaries.totalSpend();
    double[] observed = summaries.age();
    double[] lifespan = summaries.recency();
    double[] aov = new double[n];
    double[] frequency = new double[n];
    double[] margin = new double[n];
    double[] retention = new double[n];
    for (int i = 0; i < n; i++) {
      aov[i] = spend[i] / purchases[i];
      frequency[i] = purchases[i] / observed[i];
      margin[i] = aov[i] * frequency[i] * a.grossMargin() - a.costToServe();
      retention[i] = a.retention();
    }
    double[] simple = new double[n];
    SimpleClv.values(
        aov, frequency, lifespan, a.grossMargin(), a.costToServe(), a.acquisitionCost(), simple);
    double[] discounted = new double[n];
    DiscountedClv.infiniteHorizonValues(
        margin, retention, a.discount(), 0.0, a.timing(), discounted);
    for (int i = 0; i < n; i++) {
      discounted[i] -= a.acquisitionCost();
    }

    StringBuilder out = new StringBuilder();
    out.append(assumptions(a));
    String p = a.periodName();
    line(
        out,
        "Data: %,d rows, %,d purchases after merging same-day purchases, %,d customers",
        summaries.rows(),
        Arrays.stream(purchases).sum(),
        n);
    line(
        out,
        "Averages per customer: AOV %.2f, purchases per %s %.2f, lifespan %.2f %ss,",
        mean(aov),
        p,
        mean(frequency),
        mean(lifespan),
        p);
    line(out, "  simple CLV %.2f, discounted CLV %.2f", mean(simple), mean(discounted));
    line(out, "");
    line(out, "Top 10 customers by discounted CLV");
    line(
        out,
        "%4s  %-8s %9s %9s %9s %9s %11s %14s",
        "rank",
        "customer",
        "purchases",
        "AOV",
        "per " + p,
        "lifespan",
        "simple CLV",
        "discounted CLV");
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(i -> -discounted[i])
            .thenComparing(summaries::customerId));
    for (int k = 0; k < Math.min(10, n); k++) {
      int i = order[k];
      line(
          out,
          "%4d  %-8s %9d %9.2f %9.2f %9.2f %11.2f %14.2f",
          k + 1,
          summaries.customerId(i),
          purchases[i],
          aov[i],
          frequency[i],
          lifespan[i],
          simple[i],
          discounted[i]);
    }
    line(out, "");
    line(out, "Account ledger of one customer: a software vendor and a graphic-design firm");
    line(out, "(illustrative numbers; referred designers bring their own purchases and referrals)");
    out.append(softwareVendorLedger().table());
    return out.toString();
  }

  /** The header of the report: what it computes and under which assumptions. */
  static String assumptions(Assumptions a) {
    boolean start = a.timing() == CashFlowTiming.START_OF_PERIOD;
    return String.format(
        Locale.ROOT,
        """
        clvkit quickstart: customer lifetime value of the CDNOW sample

        Assumptions
          period           1 %1$s = %2$d days; observation ends %3$s
          gross margin     %4$.0f%% of order value
          cost to serve    %5$.2f per customer per %1$s
          acquisition cost %6$.2f per customer
          retention        %7$.0f%% per %1$s
          discount rate    %8$.0f%% per %1$s
          simple CLV       (AOV x purchases per %1$s x gross margin - cost to serve)
                           x observed lifespan - acquisition cost
          discounted CLV   %9$s - acquisition cost, where m = AOV x purchases
                           per %1$s x gross margin - cost to serve; infinite horizon,
                           cash at the %10$s of each %1$s
          AOV = spend / purchases; purchases per %1$s counted from the first purchase to the
          end of observation; observed lifespan = first to last purchase, in %1$ss

        """,
        a.periodName(),
        a.periodDays(),
        OBSERVATION_END,
        a.grossMargin() * 100,
        a.costToServe(),
        a.acquisitionCost(),
        a.retention() * 100,
        a.discount() * 100,
        start ? "m (1 + d) / (1 + d - r)" : "m r / (1 + d - r)",
        start ? "start" : "end");
  }

  /**
   * The textbook five-year case with illustrative numbers: the first year loses money because
   * acquiring the design firm costs more than its first purchase; upgrades, a cross-sold asset
   * library and designers it referred (who refer others) make the account profitable. The same case
   * as {@code AccountLedgerTest} in clv-core; the training walkthrough prints it too.
   *
   * @return the ledger over five years
   */
  public static AccountLedger softwareVendorLedger() {
    return AccountLedger.builder(5)
        .periodName("year")
        .acquisitionCost(14_000, 0, 0, 0, 0)
        .firstPurchase(9_000, 0, 0, 0, 0)
        .upSell(0, 2_400, 3_600, 2_400, 4_200)
        .crossSell(0, 1_800, 2_200, 2_600, 3_000)
        .referredPurchases(1, 0, 3_000, 5_500, 6_000, 6_500)
        .referredPurchases(2, 0, 0, 1_500, 3_000, 4_500)
        .referredPurchases(3, 0, 0, 0, 1_000, 2_000)
        .costToServe(2_000, 1_500, 1_800, 2_100, 2_400)
        .build();
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0.0 : sum / values.length;
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
