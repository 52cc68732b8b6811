package org.clvkit.examples.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer who stops buying moves to AT_RISK and then CHURNED through event-time timers alone,
 * while another customer's purchases move event time on. Rules: {@code StageRules.of(4, 8, 26)} in
 * weeks, so the changes are due exactly 8 and 26 weeks after the last purchase. Expected values are
 * the model's per-customer methods at the hand-computed histories (x, t_x, T in weeks), bit for
 * bit.
 */
class StageTimerTest {
  static final LocalDate START = LocalDate.of(1997, 1, 1);
  static final ScoringSettings SETTINGS = ScoringSettings.weekly();
  static final CustomerLifetimeValue MODEL =
      ModelLoading.fromParameters(ModelLoading.CDNOW_BG_NBD, ModelLoading.CDNOW_GAMMA_GAMMA, 1.0);

  static List<Purchase> events;
  static StreamingClvJob.Result result;

  @BeforeAll
  static void runTheStream() throws Exception {
    events = new ArrayList<>();
    for (int week = 0; week < 40; week++) {
      events.add(Purchase.of("steady", START.plusWeeks(week), 20));
      if (week < 3) {
        events.add(Purchase.of("quiet", START.plusWeeks(week), 10 + week));
      }
    }
    result = StreamingClvJob.run(LocalFlink.environment(2), events, SETTINGS, MODEL);
  }

  static LocalDateTime week(double weeks) {
    return START.atStartOfDay().plusSeconds(Math.round(weeks * 7 * 86_400));
  }

  @Test
  void quietCustomer_movesToAtRiskThenChurnedThroughTimersAlone() {
    LocalDateTime lastPurchase = week(2);
    assertTrue(
        events.stream()
            .filter(p -> p.customerId().equals("quiet"))
            .allMatch(p -> !p.time().isAfter(lastPurchase)),
        "no event for the quiet customer after its last purchase");
    List<CustomerScore> scores = result.scoresOf("quiet");
    assertEquals(5, scores.size(), scores.toString());
    List<String> seen = scores.stream().map(StageTimerTest::describe).toList();
    assertEquals(
        List.of(
            "PURCHASE 1997-01-01T00:00 NEW",
            "PURCHASE 1997-01-08T00:00 DEVELOPING",
            "PURCHASE 1997-01-15T00:00 DEVELOPING",
            "STAGE_TIMER 1997-03-12T00:00 AT_RISK",
            "STAGE_TIMER 1997-07-16T00:00 CHURNED"),
        seen);
    assertEquals(lastPurchase.plusWeeks(8), scores.get(3).asOf());
    assertEquals(lastPurchase.plusWeeks(26), scores.get(4).asOf());
  }

  @Test
  void quietCustomer_timerScoresAreTheModelsAtTheTimerInstant() {
    PurchaseModel model = MODEL.purchaseModel();
    Tolerance exact = Tolerance.ulps(0);
    List<CustomerScore> scores = result.scoresOf("quiet");
    // Two repeat purchases, the last 2 weeks after the first; T = 10 and 28 weeks at the timers.
    double[] ages = {10, 28};
    for (int k = 0; k < 2; k++) {
      CustomerScore s = scores.get(3 + k);
      String what = s.stage() + " ";
      assertEquals(2, s.frequency());
      exact.check(what + "recency", 2, s.recency());
      exact.check(what + "age", ages[k], s.age());
      exact.check(what + "monetary value", (11.0 + 12.0) / 2, s.monetaryValue());
      exact.check(what + "P(alive)", model.probabilityAlive(2, 2, ages[k]), s.probabilityAlive());
      exact.check(
          what + "expected purchases",
          model.conditionalExpectedPurchases(39, 2, 2, ages[k]),
          s.expectedPurchases());
      exact.check(what + "CLV", MODEL.conditionalValue(52, 0.0015, 2, 2, ages[k], 11.5), s.clv());
    }
    // Going quiet lowers every score.
    for (int k = 3; k < 5; k++) {
      CustomerScore before = scores.get(k - 1);
      CustomerScore after = scores.get(k);
      assertTrue(after.probabilityAlive() < before.probabilityAlive(), "P(alive) falls");
      assertTrue(after.expectedPurchases() < before.expectedPurchases(), "E[Y] falls");
      assertTrue(after.clv() < before.clv(), "CLV falls");
    }
  }

  @Test
  void steadyCustomer_staysEstablishedUntilTheInputEndsThenTheFinalWatermarkFiresItsTimers() {
    List<CustomerScore> scores = result.scoresOf("steady");
    assertEquals(42, scores.size());
    for (int k = 0; k < 40; k++) {
      CustomerScore s = scores.get(k);
      assertEquals(CustomerScore.Trigger.PURCHASE, s.trigger());
      assertEquals(week(k), s.asOf());
      assertEquals(k < 3 ? (k == 0 ? "NEW" : "DEVELOPING") : "ESTABLISHED", s.stage().name());
    }
    assertEquals(LifecycleStage.AT_RISK, scores.get(40).stage());
    assertEquals(week(39 + 8), scores.get(40).asOf());
    assertEquals(LifecycleStage.CHURNED, scores.get(41).stage());
    assertEquals(week(39 + 26), scores.get(41).asOf());
    assertEquals(0, result.skipped().size());
  }

  static String describe(CustomerScore s) {
    return s.trigger() + " " + s.asOf() + " " + s.stage();
  }
}
