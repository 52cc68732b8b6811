package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.lifecycle.StageRules;
import org.junit.jupiter.api.Test;

class ScoringSettingsTest {
  static final TimeScale W = TimeScale.WEEKS;
  static final StageRules R = StageRules.of(4, 8, 26);
  static final Duration D = Duration.ofDays(7);

  @Test
  void weekly_isTheDocumentedDefault() {
    ScoringSettings s = ScoringSettings.weekly();
    assertEquals(new ScoringSettings(W, R, 39, 52, 0.0015, D, null), s);
    assertFalse(s.hasObservationEnd());
    assertNull(s.observationEnd());
  }

  @Test
  void withers_changeOneSetting() {
    ScoringSettings s = ScoringSettings.weekly();
    ScoringSettings ended = s.withObservationEnd(LocalDate.of(1997, 9, 30));
    assertTrue(ended.hasObservationEnd());
    assertEquals(LocalDateTime.of(1997, 9, 30, 0, 0), ended.observationEnd());
    assertEquals(s, ended.withObservationEnd((LocalDateTime) null));
    assertEquals(Duration.ZERO, s.withMaxOutOfOrderness(Duration.ZERO).maxOutOfOrderness());
    StageRules other = StageRules.of(2, 4, 12);
    assertEquals(other, s.withStageRules(other).stageRules());
    assertEquals(s, s.withStageRules(other).withStageRules(R));
  }

  @Test
  void constructor_rejectsEachInvalidSetting() {
    assertRejects(
        "timeScale must not be null", () -> new ScoringSettings(null, R, 39, 52, 0, D, null));
    assertRejects(
        "stageRules must not be null", () -> new ScoringSettings(W, null, 39, 52, 0, D, null));
    assertRejects(
        "expectedPurchasesHorizon must be finite and >= 0, was -1.0",
        () -> new ScoringSettings(W, R, -1, 52, 0, D, null));
    assertRejects(
        "clvPeriods must be >= 0, was -1", () -> new ScoringSettings(W, R, 39, -1, 0, D, null));
    assertRejects(
        "discountRate must be finite and > -1.0, was -1.0",
        () -> new ScoringSettings(W, R, 39, 52, -1, D, null));
    assertRejects(
        "maxOutOfOrderness must not be null",
        () -> new ScoringSettings(W, R, 39, 52, 0, null, null));
    assertRejects(
        "maxOutOfOrderness must be >= 0, was PT-1S",
        () -> new ScoringSettings(W, R, 39, 52, 0, Duration.ofSeconds(-1), null));
    assertRejects(
        "observationEnd = +10000-01-01T00:00 must be in [0001-01-01T00:00, +10000-01-01T00:00)",
        () -> new ScoringSettings(W, R, 39, 52, 0, D, LocalDateTime.of(10_000, 1, 1, 0, 0)));
    assertRejects(
        "end must not be null",
        () -> ScoringSettings.weekly().withObservationEnd((LocalDate) null));
  }
}
