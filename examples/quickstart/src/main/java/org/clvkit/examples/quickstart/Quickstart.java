package org.clvkit.examples.quickstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.clvkit.core.value.AccountLedger;
import org.clvkit.core.value.CashFlowTiming;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.SimpleClv;

/**
 * A small CLV report on the bundled CDNOW sample: for every customer the average order value, the
 * purchases per period, the observed lifespan, the simple CLV and the discounted (retention-based)
 * CLV, then the top 10 customers; followed by the five-year account ledger of a software vendor and
 * a graphic-design firm. Run it with {@code mvn -B -q -f examples/quickstart exec:java} or {@code
 * java -cp examples/quickstart/target/classes:clv-core/target/classes
 * org.clvkit.examples.quickstart.Quickstart}.
 */
public final class Quickstart {
  /** The last day of the CDNOW observation window. */
  static final LocalDate OBSERVATION_END = LocalDate.of(1998, 6, 30);

  /** The assumptions the report prints at its top. */
  static final Assumptions ASSUMPTIONS =
      new Assumptions(365, "year", 0.30, 0.0, 10.0, 0.60, 0.10, CashFlowTiming.START_OF_PERIOD);

  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

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
   * The report on the bundled CDNOW sample with the default {@link #ASSUMPTIONS}.
   *
   * @return the report, lines ending with {@code \n}
   */
  public static String report() {
    return report(loadCdnowSample(), ASSUMPTIONS);
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
      CashFlowTiming timing) {}

  /**
   * One customer's purchases after merging same-day purchases.
   *
   * @param id the CDNOW sample id
   * @param purchases number of purchase days
   * @param spend total spend
   * @param first date of the first purchase
   * @param last date of the last purchase
   */
  record Customer(String id, int purchases, double spend, LocalDate first, LocalDate last) {}

  /** A parsed log: the customers and how many lines they came from. */
  record Log(List<Customer> customers, int rows) {
    int purchases() {
      return customers.stream().mapToInt(Customer::purchases).sum();
    }
  }

  /** Reads {@code /cdnow/CDNOW_sample.txt} from the class path. */
  static Log loadCdnowSample() {
    try (InputStream in = Quickstart.class.getResourceAsStream("/cdnow/CDNOW_sample.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing resource /cdnow/CDNOW_sample.txt");
      }
      return parse(new InputStreamReader(in, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the 5-column CDNOW format (master id, sample id, date yyyyMMdd, CDs, dollars) and merges
   * purchases by the same customer on the same day into one purchase, as the literature does.
   */
  static Log parse(Reader reader) throws IOException {
    Map<String, TreeMap<LocalDate, Double>> byCustomer = new TreeMap<>();
    int rows = 0;
    BufferedReader lines = new BufferedReader(reader);
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.trim().split("\\s+");
      if (cells.length != 5) {
        throw new IllegalArgumentException(
            "line " + (rows + 1) + " has " + cells.length + " columns, expected 5: " + line);
      }
      rows++;
      byCustomer
          .computeIfAbsent(cells[1], id -> new TreeMap<>())
          .merge(LocalDate.parse(cells[2], DATE), Double.parseDouble(cells[4]), Double::sum);
    }
    List<Customer> customers = new ArrayList<>();
    byCustomer.forEach(
        (id, days) ->
            customers.add(
                new Customer(
                    id,
                    days.size(),
                    days.values().stream().mapToDouble(Double::doubleValue).sum(),
                    days.firstKey(),
                    days.lastKey())));
    return new Log(customers, rows);
  }

  /**
   * Builds the report: assumptions, data counts, averages, the top 10 customers by discounted CLV
   * and the software-vendor ledger.
   */
  static String report(Log log, Assumptions a) {
    List<Customer> customers = log.customers();
    int n = customers.size();
    double[] aov = new double[n];
    double[] frequency = new double[n];
    double[] lifespan = new double[n];
    double[] margin = new double[n];
    double[] retention = new double[n];
    for (int i = 0; i < n; i++) {
      Customer c = customers.get(i);
      long observed = ChronoUnit.DAYS.between(c.first(), OBSERVATION_END.plusDays(1));
      aov[i] = c.spend() / c.purchases();
      frequency[i] = c.purchases() / ((double) observed / a.periodDays());
      lifespan[i] = (double) ChronoUnit.DAYS.between(c.first(), c.last()) / a.periodDays();
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
        log.rows(),
        log.purchases(),
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
            .thenComparing(i -> customers.get(i).id()));
    for (int k = 0; k < Math.min(10, n); k++) {
      int i = order[k];
      line(
          out,
          "%4d  %-8s %9d %9.2f %9.2f %9.2f %11.2f %14.2f",
          k + 1,
          customers.get(i).id(),
          customers.get(i).purchases(),
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
   * library and designers it referred (who refer others) make the account profitable.
   */
  static AccountLedger softwareVendorLedger() {
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
