package org.clvkit.core.data;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of issue 3: the CDNOW sample log summarised with the literature's conventions
 * reproduces the published calibration summary customer by customer.
 *
 * <p>Source of the expected values: {@code cdnow_customers_summary_with_transactions.csv} (Hardie's
 * CDNOW sample summary as shipped with Python lifetimes; see {@code
 * src/test/resources/data/README.md}): x exactly, t_x and T to its 2 decimals, zbar to the cent
 * (absolute 0.005 + 1e-9); totals from Fader, Hardie and Lee (2005), "Counting your customers the
 * easy way", section 4: 2,457 repeat purchases by 946 repeaters in the 39-week calibration period,
 * 1,882 in the 39-week holdout.
 */
class CdnowSummaryTest {
  static final TransactionLogFormat CDNOW =
      TransactionLogFormat.whitespace().withColumns(2, 3, 5).withDatePattern("yyyyMMdd");
  static final SummaryOptions LITERATURE =
      SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30))
          .withHoldoutUntil(LocalDate.of(1998, 6, 30))
          .withZeroAmounts(RowPolicy.KEEP);

  static BufferedReader resource(String name) {
    InputStream in = CdnowSummaryTest.class.getResourceAsStream("/data/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource /data/" + name);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  static ReadReport read(SummaryAccumulator acc) {
    try (BufferedReader log = resource("CDNOW_sample.txt")) {
      return CDNOW.read(log, acc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CustomerSummaries summarise(SummaryOptions options) {
    SummaryAccumulator acc = new SummaryAccumulator(options);
    // The sample has 8 rows of $0.00, each the only purchase of its customer: kept as purchases.
    assertEquals(new ReadReport(6919, 0, 0, 6919, new PolicyCounts(8, 0, 0, 0)), read(acc));
    return acc.result();
  }

  /** The published summary rows: ID, x, t_x, T, zbar as text. */
  static List<String[]> published() {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = resource("cdnow_customers_summary_with_transactions.csv")) {
      assertEquals("ID,x,t_x,T,zbar", in.readLine());
      String line;
      while ((line = in.readLine()) != null) {
        rows.add(line.split(","));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static void assertReproducesPublished(CustomerSummaries s) {
    List<String[]> expected = published();
    assertEquals(2357, expected.size());
    assertEquals(2357, s.size());
    Map<Integer, Integer> rowOfSampleId = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      rowOfSampleId.put(Integer.parseInt(s.customerId(i)), i);
    }
    double[] x = s.frequency();
    double[] tx = s.recency();
    double[] age = s.age();
    double[] zbar = s.monetaryValue();
    // To the cent: within half a cent of the published value, plus 1e-9 because some means are
    // exact
    // half cents (customer 136: (19.96 + 26.99) / 2 = 23.475, published as 23.48) that binary
    // arithmetic lands a few ulps either side of.
    Tolerance cent = Tolerance.absolute(0.005 + 1e-9);
    for (String[] row : expected) {
      int i = rowOfSampleId.get(Integer.parseInt(row[0]));
      String who = "customer " + row[0];
      assertEquals(Integer.parseInt(row[1]), (int) x[i], who + " x");
      assertEquals(row[2], twoDecimals(tx[i]), who + " t_x");
      assertEquals(row[3], twoDecimals(age[i]), who + " T");
      cent.check(who + " zbar", Double.parseDouble(row[4]), zbar[i]);
    }
  }

  @Test
  void read_cdnowSampleReproducesPublishedSummaryCustomerByCustomer() {
    assertReproducesPublished(summarise(LITERATURE));
  }

  @Test
  void read_cdnowSampleWithOrderedInputReproducesPublishedSummary() {
    // The file is sorted by customer and date, so the fixed-size ordered state applies.
    assertReproducesPublished(summarise(LITERATURE.withOrderedInput(true)));
  }

  @Test
  void result_cdnowTotalsMatchTheLiterature() {
    CustomerSummaries s = summarise(LITERATURE);
    assertEquals(2457, s.repeatPurchases());
    assertEquals(946, s.repeatCustomers());
    assertEquals(1882, s.totalHoldoutPurchases());
    assertEquals(39.0, s.holdoutLength());
    assertEquals(List.of(), s.holdoutOnlyCustomerIds());
    assertEquals(new PolicyCounts(8, 0, 0, 0), s.policyCounts());
    assertEquals(6919, s.rows());
  }

  @Test
  void result_ageIsMeasuredToTheStartOfTheCalibrationEndDate() {
    // Customer 1 first bought on 1997-01-01: 272 days to the start of 1997-09-30 is 38.86 weeks, as
    // published. Ending calibration at the end of 1997-09-30 (the start of 1997-10-01) gives 39.00.
    CustomerSummaries s = summarise(LITERATURE);
    int first = s.indexOf("0001");
    assertEquals(LocalDate.of(1997, 1, 1).atStartOfDay(), s.firstPurchase(first));
    assertEquals(272.0 / 7, s.age()[first]);
    CustomerSummaries endOfDay =
        summarise(
            new SummaryOptions(
                TimeScale.WEEKS,
                LocalDate.of(1997, 10, 1).atStartOfDay(),
                LocalDate.of(1998, 6, 30).atStartOfDay(),
                true,
                false,
                RowPolicy.KEEP,
                RowPolicy.REJECT,
                RowPolicy.REJECT));
    assertEquals("39.00", twoDecimals(endOfDay.age()[endOfDay.indexOf("0001")]));
    assertNotEquals("38.86", twoDecimals(endOfDay.age()[endOfDay.indexOf("0001")]));
  }

  @Test
  void result_sameDayMergingCountsCustomerDays() {
    // 6,919 rows are 6,696 customer-days (shared/README.md); every row counts without merging.
    assertEquals(6696, allPurchases(summarise(LITERATURE)));
    assertEquals(6919, allPurchases(summarise(LITERATURE.withMergeSameDay(false))));
  }

  private static long allPurchases(CustomerSummaries s) {
    long n = s.totalHoldoutPurchases();
    for (int count : s.purchaseCount()) {
      n += count;
    }
    return n;
  }

  @Test
  void read_cdnowSampleWithDefaultPolicyStopsAtTheFirstZeroAmount() {
    SummaryAccumulator acc = new SummaryAccumulator(LITERATURE.withZeroAmounts(RowPolicy.REJECT));
    assertRejects("amount (line 226, column 5) must be finite and > 0, was 0.0", () -> read(acc));
  }

  @Test
  void read_cdnowSampleDroppingZeroAmountsCountsTheEightCustomersLost() {
    SummaryAccumulator acc = new SummaryAccumulator(LITERATURE.withZeroAmounts(RowPolicy.DROP));
    assertEquals(new ReadReport(6919, 0, 0, 6919, new PolicyCounts(0, 8, 0, 0)), read(acc));
    CustomerSummaries s = acc.result();
    assertEquals(2349, s.size());
    assertEquals(-1, s.indexOf("0087"));
    assertEquals(2457, s.repeatPurchases());
  }
}
