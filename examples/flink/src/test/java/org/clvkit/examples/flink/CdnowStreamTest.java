package org.clvkit.examples.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.data.ReadReport;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.TransactionLogFormat;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of issue 7 for Flink: the CDNOW sample streamed through the job on a local
 * mini-cluster (parallelism 2, loopback) ends with per-customer scores equal to the batch
 * computation on the same log — clv-core's {@link SummaryAccumulator} read by {@link
 * TransactionLogFormat} (an independent reader), then the same model's column methods.
 *
 * <p>Tolerances: counts, stages, recency and age exactly; P(alive) and expected purchases bit for
 * bit (the model's batch and per-customer methods agree bit for bit and their inputs are equal);
 * spend, mean repeat spend and CLV to a relative 1e-12, because the stream adds a customer's
 * amounts in event-time order and the accumulator in file order, and floating-point sums depend on
 * the order. The events arrive shuffled within 3 days (seeded), inside the 7-day watermark bound,
 * so that out-of-order arrival is part of the test.
 */
class CdnowStreamTest {
  static final LocalDateTime END = LocalDate.of(1997, 9, 30).atStartOfDay();
  static final ScoringSettings SETTINGS = ScoringSettings.weekly().withObservationEnd(END);
  static final CustomerLifetimeValue MODEL =
      ModelLoading.fromParameters(ModelLoading.CDNOW_BG_NBD, ModelLoading.CDNOW_GAMMA_GAMMA, 1.0);

  static List<Purchase> log;
  static StreamingClvJob.Result result;

  @BeforeAll
  static void runTheStream() throws Exception {
    log = CdnowLog.bundled();
    result = StreamingClvJob.run(LocalFlink.environment(2), arrivalOrder(log), SETTINGS, MODEL);
  }

  /** Event-time order with each event displaced by up to 3 days (seeded). */
  static List<Purchase> arrivalOrder(List<Purchase> purchases) {
    SplittableRandom random = new SplittableRandom(20_240_607L);
    long[] keys = new long[purchases.size()];
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      keys[i] = purchases.get(i).epochMilli() + random.nextLong(3 * Times.MILLIS_PER_DAY);
      index.add(i);
    }
    index.sort(Comparator.comparingLong(i -> keys[i]));
    return index.stream().map(purchases::get).toList();
  }

  static CustomerSummaries batchSummaries(SummaryAccumulator acc) throws IOException {
    InputStream in = CdnowStreamTest.class.getResourceAsStream("/data/CDNOW_sample.txt");
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      ReadReport report =
          TransactionLogFormat.whitespace()
              .withColumns(2, 3, 5)
              .withDatePattern("yyyyMMdd")
              .read(reader, acc);
      assertEquals(6919, report.rows());
    }
    return acc.result();
  }

  @Test
  void run_skipsOnlyThePurchasesAfterTheEndOfObservation() throws IOException {
    SummaryAccumulator acc =
        new SummaryAccumulator(
            SummaryOptions.of(TimeScale.WEEKS, END.toLocalDate())
                .withZeroAmounts(RowPolicy.KEEP)
                .withAfterObservationEnd(RowPolicy.DROP));
    batchSummaries(acc);
    PolicyCounts counts = acc.policyCounts();
    assertEquals(0, result.count(SkippedPurchase.Reason.LATE));
    assertEquals(
        counts.afterObservationEndDropped(),
        result.count(SkippedPurchase.Reason.AFTER_OBSERVATION_END));
    assertEquals(
        log.stream().filter(p -> p.epochMilli() > Times.toEpochMilli(END)).count(),
        result.skipped().size());
  }

  @Test
  void finalScores_equalTheBatchComputation() throws IOException {
    SummaryAccumulator acc =
        new SummaryAccumulator(
            SummaryOptions.of(TimeScale.WEEKS, END.toLocalDate())
                .withZeroAmounts(RowPolicy.KEEP)
                .withAfterObservationEnd(RowPolicy.DROP));
    CustomerSummaries batch = batchSummaries(acc);
    int n = batch.size();
    double[] x = batch.frequency();
    double[] tx = batch.recency();
    double[] t = batch.age();
    double[] m = batch.monetaryValue();
    PurchaseModel model = MODEL.purchaseModel();
    double[] alive = model.probabilityAlive(x, tx, t);
    double[] expected =
        model.conditionalExpectedPurchases(SETTINGS.expectedPurchasesHorizon(), x, tx, t);
    double[] clv =
        MODEL.conditionalValue(SETTINGS.clvPeriods(), SETTINGS.discountRate(), x, tx, t, m);
    double[] count = new double[n];
    for (int i = 0; i < n; i++) {
      count[i] = x[i] + 1;
    }
    int[] stage = new int[n];
    SETTINGS.stageRules().assign(count, t, batch.timeSinceLastPurchase(END), stage);
    double[] spend = batch.totalSpend();

    Map<String, CustomerScore> last = result.lastScores();
    assertEquals(2357, n);
    assertEquals(n, last.size());
    assertEquals(n, result.count(CustomerScore.Trigger.OBSERVATION_END));
    Tolerance exact = Tolerance.ulps(0);
    Tolerance sums = Tolerance.relative(1e-12);
    for (int i = 0; i < n; i++) {
      String id = batch.customerId(i);
      CustomerScore s = last.get(id);
      String who = "customer " + id + " ";
      assertEquals(CustomerScore.Trigger.OBSERVATION_END, s.trigger(), who + "trigger");
      assertEquals(END, s.asOf(), who + "as of");
      assertEquals((int) x[i], s.frequency(), who + "frequency");
      exact.check(who + "recency", tx[i], s.recency());
      exact.check(who + "age", t[i], s.age());
      sums.check(who + "monetary value", m[i], s.monetaryValue());
      sums.check(who + "total spend", spend[i], s.totalSpend());
      assertEquals(LifecycleStage.values()[stage[i]], s.stage(), who + "stage");
      exact.check(who + "P(alive)", alive[i], s.probabilityAlive());
      exact.check(who + "expected purchases", expected[i], s.expectedPurchases());
      sums.check(who + "CLV", clv[i], s.clv());
    }
  }

  /**
   * The stream's final scores reproduce the published CDNOW calibration summary (Hardie's {@code
   * cdnow_customers_summary_with_transactions.csv}, from clv-core's test resources): x exactly, t_x
   * and T to its 2 decimals and the mean repeat spend zbar to the cent (absolute 0.005 + 1e-9).
   */
  @Test
  void finalScores_reproduceThePublishedCalibrationSummary() throws IOException {
    InputStream in =
        CdnowStreamTest.class.getResourceAsStream(
            "/data/cdnow_customers_summary_with_transactions.csv");
    Map<String, CustomerScore> last = result.lastScores();
    Tolerance rounded = Tolerance.absolute(0.005 + 1e-9);
    int rows = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      reader.readLine(); // ID,x,t_x,T,zbar
      String line;
      while ((line = reader.readLine()) != null) {
        String[] f = line.split(",");
        CustomerScore s =
            last.get(String.format(java.util.Locale.ROOT, "%04d", Integer.parseInt(f[0])));
        String who = "customer " + f[0] + " ";
        assertEquals(Integer.parseInt(f[1]), s.frequency(), who + "x");
        rounded.check(who + "t_x", Double.parseDouble(f[2]), s.recency());
        rounded.check(who + "T", Double.parseDouble(f[3]), s.age());
        rounded.check(who + "zbar", Double.parseDouble(f[4]), s.monetaryValue());
        rows++;
      }
    }
    assertEquals(2357, rows);
  }
}
