package org.clvkit.examples.flink;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.clvkit.core.Checks;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.lifecycle.StageRules;

/**
 * How the streaming job scores customers: the period of every time, the lifecycle rules, the
 * horizons of the scores, the allowed out-of-orderness of events and an optional end of
 * observation.
 *
 * <p><b>Event time.</b> The job buffers each customer's purchases until the watermark passes them
 * and applies them in event-time order, so events may arrive out of order by up to {@code
 * maxOutOfOrderness} (the watermark trails the latest event time by that much). An event at or
 * before the watermark when it arrives is late: it is not applied but emitted on the side output
 * {@link StreamingClvJob#SKIPPED}. Outputs on purchases are therefore delayed by about {@code
 * maxOutOfOrderness} of event time; stage-change timers fire when the watermark reaches them.
 *
 * <p><b>End of observation.</b> With {@code observationEnd} set, events after it are skipped (side
 * output) and every customer gets one final output as of that instant (trigger {@code
 * OBSERVATION_END}) when the watermark reaches it; stage timers at or after it are not set. The
 * final outputs then equal a batch summary with {@code calibrationEnd = observationEnd}. Without it
 * ({@code null}) the job scores an open-ended stream; when a bounded input ends, Flink's final
 * watermark fires every pending timer, so each customer's last output is then CHURNED.
 *
 * <p><b>Same-day merging.</b> As in the CDNOW literature and clvkit's summaries by default, all
 * purchases of a customer on one calendar day (on the zone-less clock of {@link Purchase}) are one
 * purchase at the start of that day whose value is their sum; each distinct event time still
 * triggers an output.
 *
 * @param timeScale the period of recency, age, the horizons and the stage thresholds; the model's
 *     period (weeks for the CDNOW parameters)
 * @param stageRules the lifecycle rules, thresholds in periods of {@code timeScale}
 * @param expectedPurchasesHorizon horizon of {@link CustomerScore#expectedPurchases()} in periods,
 *     finite and &gt;= 0
 * @param clvPeriods horizon of {@link CustomerScore#clv()} in whole periods, &gt;= 0
 * @param discountRate discount rate per period of the CLV, finite and &gt; -1 (0 for none)
 * @param maxOutOfOrderness how far behind the latest event time an event may arrive and still be
 *     applied, &gt;= 0
 * @param observationEnd the end of observation, or {@code null} for none
 */
public record ScoringSettings(
    TimeScale timeScale,
    StageRules stageRules,
    double expectedPurchasesHorizon,
    int clvPeriods,
    double discountRate,
    Duration maxOutOfOrderness,
    LocalDateTime observationEnd)
    implements Serializable {

  /** Validates the settings; {@code observationEnd} may be null. */
  public ScoringSettings {
    Checks.notNull("timeScale", timeScale);
    Checks.notNull("stageRules", stageRules);
    Checks.nonNegative("expectedPurchasesHorizon", expectedPurchasesHorizon);
    Checks.nonNegative("clvPeriods", clvPeriods);
    Checks.greaterThan("discountRate", discountRate, -1);
    Checks.notNull("maxOutOfOrderness", maxOutOfOrderness);
    if (maxOutOfOrderness.isNegative()) {
      throw Checks.fail("maxOutOfOrderness must be >= 0, was %s", maxOutOfOrderness);
    }
    if (observationEnd != null) {
      Checks.within(
          "observationEnd",
          observationEnd,
          Times.toLocalDateTime(Purchase.MIN_EPOCH_MILLI),
          LocalDateTime.of(10_000, 1, 1, 0, 0));
    }
  }

  /**
   * Weekly settings for the CDNOW example: established at 4 purchases, at risk after 8 quiet weeks,
   * churned after 26; expected purchases over the next 39 weeks; CLV over the next 52 weeks at 0.15
   * % per week (about 8 % a year); events up to 7 days out of order; no end of observation.
   */
  public static ScoringSettings weekly() {
    return new ScoringSettings(
        TimeScale.WEEKS, StageRules.of(4, 8, 26), 39, 52, 0.0015, Duration.ofDays(7), null);
  }

  /** These settings with an end of observation at the start of {@code end}. */
  public ScoringSettings withObservationEnd(LocalDate end) {
    return withObservationEnd(Checks.notNull("end", end).atStartOfDay());
  }

  /** These settings with an end of observation at {@code end}, or none for {@code null}. */
  public ScoringSettings withObservationEnd(LocalDateTime end) {
    return new ScoringSettings(
        timeScale,
        stageRules,
        expectedPurchasesHorizon,
        clvPeriods,
        discountRate,
        maxOutOfOrderness,
        end);
  }

  /** These settings with another allowed out-of-orderness. */
  public ScoringSettings withMaxOutOfOrderness(Duration bound) {
    return new ScoringSettings(
        timeScale,
        stageRules,
        expectedPurchasesHorizon,
        clvPeriods,
        discountRate,
        bound,
        observationEnd);
  }

  /** These settings with other lifecycle rules. */
  public ScoringSettings withStageRules(StageRules rules) {
    return new ScoringSettings(
        timeScale,
        rules,
        expectedPurchasesHorizon,
        clvPeriods,
        discountRate,
        maxOutOfOrderness,
        observationEnd);
  }

  /** Whether an end of observation is set. */
  public boolean hasObservationEnd() {
    return observationEnd != null;
  }
}
