package org.clvkit.examples.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link StreamingClvJob#main(String[])} prints. */
class ReportTest {
  static final CustomerLifetimeValue MODEL =
      ModelLoading.fromParameters(ModelLoading.CDNOW_BG_NBD, ModelLoading.CDNOW_GAMMA_GAMMA, 1.0);

  static CustomerScore score(
      String id,
      LocalDateTime asOf,
      CustomerScore.Trigger trigger,
      LifecycleStage stage,
      double clv) {
    return new CustomerScore(
        id, Times.toEpochMilli(asOf), trigger, 2, 1.5, 3.25, 12.5, 40, stage, 0.75, 1.125, clv);
  }

  @Test
  void report_laysOutTheCountsTheCustomersOutputsStagesAndTopClv() {
    LocalDateTime t0 = LocalDate.of(1997, 1, 1).atStartOfDay();
    List<CustomerScore> scores =
        List.of(
            score("a", t0, CustomerScore.Trigger.PURCHASE, LifecycleStage.NEW, 10),
            score("b", t0, CustomerScore.Trigger.PURCHASE, LifecycleStage.NEW, 30),
            score(
                "a", t0.plusWeeks(8), CustomerScore.Trigger.STAGE_TIMER, LifecycleStage.AT_RISK, 5),
            score(
                "b",
                t0.plusWeeks(9),
                CustomerScore.Trigger.OBSERVATION_END,
                LifecycleStage.DEVELOPING,
                1234.5));
    List<SkippedPurchase> skipped =
        List.of(
            new SkippedPurchase(Purchase.of("a", t0, 1), SkippedPurchase.Reason.LATE, 0),
            new SkippedPurchase(
                Purchase.of("b", t0.plusWeeks(20), 1),
                SkippedPurchase.Reason.AFTER_OBSERVATION_END,
                0));
    ScoringSettings settings = ScoringSettings.weekly().withObservationEnd(t0.plusWeeks(9));
    String report =
        StreamingClvJob.report(
            5, settings, MODEL, new StreamingClvJob.Result(scores, skipped), "a");
    assertEquals(
        String.join(
            "\n",
            "clvkit on Apache Flink: a transaction log replayed as a stream in event-time order",
            "model: purchases BG/NBD(r=0.2426, alpha=4.414, a=0.7929, b=2.426); spend"
                + " Gamma-Gamma(p = 6.2493, q = 3.7443, gamma = 15.4443); margin 1.0",
            "periods of 7 days; stages: established at 4 purchases, at risk after 8 quiet periods,"
                + " churned after 26",
            "event time: watermarks 7 days behind the latest event; end of observation"
                + " 1997-03-05T00:00",
            "events: 5 replayed, 3 applied, 1 late, 1 after the end of observation",
            "outputs: 2 on purchases, 1 on stage timers, 1 at the end of observation; 2 customers",
            "",
            "customer a, every output (E[Y]: purchases in the next 39 periods; CLV: next 52 periods"
                + " at 0.15% a period):",
            "  as of             trigger          stage          x     t_x       T P(alive)    "
                + " E[Y]       CLV",
            "  1997-01-01T00:00  PURCHASE         NEW            2    1.50    3.25   0.7500  "
                + " 1.1250     10.00",
            "  1997-02-26T00:00  STAGE_TIMER      AT_RISK        2    1.50    3.25   0.7500  "
                + " 1.1250      5.00",
            "",
            "customers by stage at their last output:  NEW 0  DEVELOPING 1  ESTABLISHED 0  AT_RISK"
                + " 1  CHURNED 0",
            "",
            "highest CLV at their last output:",
            "  customer  stage          x     t_x       T P(alive)     E[Y]       CLV",
            "  b         DEVELOPING     2    1.50    3.25   0.7500   1.1250   1234.50",
            "  a         AT_RISK        2    1.50    3.25   0.7500   1.1250      5.00",
            ""),
        report);
  }

  @Test
  void main_printsTheReportOfARunOnTheGivenLogAndModelFiles(@TempDir Path dir) throws Exception {
    Path bgNbdFile = dir.resolve("bgnbd.properties");
    Path gammaGammaFile = dir.resolve("gg.properties");
    Provenance provenance = Provenance.now(ModelLoading.TIME_UNIT);
    ModelFiles.save(MODEL.purchaseModel(), provenance, bgNbdFile);
    ModelFiles.save(MODEL.spendModel(), provenance, gammaGammaFile);
    Path log = dir.resolve("log.txt");
    Files.writeString(
        log,
        String.join(
            "\n",
            "1 c2 19970105 1 20.00",
            "1 c1 19970101 1 10.00",
            "1 c1 19970120 2 30.00",
            "1 c2 19970301 1 15.00",
            ""));
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      StreamingClvJob.main(
          new String[] {
            StreamingClvJob.LOCAL,
            "--log",
            log.toString(),
            "--bgnbd-model",
            bgNbdFile.toString(),
            "--gamma-gamma-model",
            gammaGammaFile.toString()
          });
    } finally {
      System.setOut(console);
    }
    List<Purchase> events = CdnowLog.inEventTimeOrder(CdnowLog.read(log));
    ScoringSettings settings =
        ScoringSettings.weekly().withObservationEnd(LocalDate.of(1997, 3, 1).atStartOfDay());
    StreamingClvJob.Result result =
        StreamingClvJob.run(LocalFlink.environment(2), events, settings, MODEL);
    String report = StreamingClvJob.report(4, settings, MODEL, result, "c1");
    String out = printed.toString(StandardCharsets.UTF_8);
    assertEquals(report, out.substring(0, Math.min(report.length(), out.length())));
    String throughput = out.substring(report.length());
    assertTrue(
        throughput.matches(
            "\nthroughput: 4 events in [0-9.]+ s \\([0-9]+ events/s,"
                + " submission to last output\\)\n"),
        throughput);
  }
}
