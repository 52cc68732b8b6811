package org.clvkit.examples.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the job treats out-of-order and late events, with a 7-day watermark bound. One customer's
 * purchases arrive as day 0, day 0 at 08:00, day 10, day 2, day 5, day 3, day 5 at noon (days after
 * 1997-01-01): after day 10 the watermark is day 3 minus 1 ms, so day 2 is late (side output) while
 * day 3 (the bound exactly) and day 5 are applied in event-time order, and the purchases of day 0
 * and of day 5 are one purchase day each (the first day's value is not a repeat purchase). Expected
 * values worked by hand.
 */
class EventTimeTest {
  static final LocalDate DAY_0 = LocalDate.of(1997, 1, 1);
  static final ScoringSettings SETTINGS =
      ScoringSettings.weekly().withMaxOutOfOrderness(Duration.ofDays(7));
  static final CustomerLifetimeValue MODEL =
      ModelLoading.fromParameters(ModelLoading.CDNOW_BG_NBD, ModelLoading.CDNOW_GAMMA_GAMMA, 1.0);

  static StreamingClvJob.Result result;

  @BeforeAll
  static void runTheStream() throws Exception {
    List<Purchase> arrival =
        List.of(
            Purchase.of("a", DAY_0, 10),
            Purchase.of("a", DAY_0.atTime(8, 0), 7),
            Purchase.of("a", DAY_0.plusDays(10), 40),
            Purchase.of("a", DAY_0.plusDays(2), 99),
            Purchase.of("a", DAY_0.plusDays(5), 20),
            Purchase.of("a", DAY_0.plusDays(3), 30),
            Purchase.of("a", DAY_0.plusDays(5).atTime(12, 0), 5));
    result = StreamingClvJob.run(LocalFlink.environment(2), arrival, SETTINGS, MODEL);
  }

  @Test
  void run_sendsTheLateEventToTheSideOutputWithTheWatermark() {
    assertEquals(1, result.skipped().size());
    SkippedPurchase late = result.skipped().get(0);
    assertEquals(SkippedPurchase.Reason.LATE, late.reason());
    assertEquals(Purchase.of("a", DAY_0.plusDays(2), 99), late.purchase());
    assertEquals(Times.toEpochMilli(DAY_0.plusDays(3).atStartOfDay()) - 1, late.watermark());
  }

  @Test
  void run_appliesOutOfOrderEventsInEventTimeOrderAndMergesTheSameDay() {
    List<CustomerScore> purchases =
        result.scoresOf("a").stream()
            .filter(s -> s.trigger() == CustomerScore.Trigger.PURCHASE)
            .toList();
    assertEquals(6, purchases.size());
    LocalDateTime[] asOf = {
      DAY_0.atStartOfDay(),
      DAY_0.atTime(8, 0),
      DAY_0.plusDays(3).atStartOfDay(),
      DAY_0.plusDays(5).atStartOfDay(),
      DAY_0.plusDays(5).atTime(12, 0),
      DAY_0.plusDays(10).atStartOfDay()
    };
    int[] frequency = {0, 0, 1, 2, 2, 3};
    double[] recencyDays = {0, 0, 3, 5, 5, 10};
    double[] ageDays = {0, 1.0 / 3, 3, 5, 5.5, 10};
    double[] totalSpend = {10, 17, 47, 67, 72, 112};
    double[] monetary = {0, 0, 30, 25, 27.5, 95.0 / 3};
    Tolerance exact = Tolerance.ulps(0);
    for (int k = 0; k < 6; k++) {
      CustomerScore s = purchases.get(k);
      String what = "purchase " + k + " ";
      assertEquals(asOf[k], s.asOf(), what + "as of");
      assertEquals(frequency[k], s.frequency(), what + "frequency");
      exact.check(what + "recency", recencyDays[k] * 86_400 / (7 * 86_400.0), s.recency());
      Tolerance.relative(1e-15).check(what + "age", ageDays[k] / 7, s.age());
      exact.check(what + "total spend", totalSpend[k], s.totalSpend());
      Tolerance.relative(1e-15).check(what + "monetary value", monetary[k], s.monetaryValue());
    }
  }
}
