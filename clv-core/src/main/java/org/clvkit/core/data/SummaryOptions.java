package org.clvkit.core.data;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.clvkit.core.Checks;

/**
 * How a transaction log is summarised: the time unit, the end of calibration (to which age is
 * measured), the end of observation (holdout purchases come after the calibration end, up to it),
 * same-day merging, and the policies for zero amounts, refunds and late rows.
 *
 * <p><b>Times.</b> Times are handled to the second on the proleptic calendar of {@link
 * LocalDateTime}, without time zones. A date stands for the start of that day, both for purchases
 * and for ends: with {@code calibrationEnd = 1997-09-30} a purchase dated 1997-09-30 is in
 * calibration (it is at the end, not after it), and age is measured to the start of 1997-09-30.
 * This is the convention of the CDNOW literature: a customer who first bought on 1997-01-01 has T =
 * 272 days = 38.86 weeks, not 39 (measuring to the end of 1997-09-30 would give 39.00 for all 2,357
 * CDNOW customers; see the tests).
 *
 * <p><b>Same-day merging</b> ({@code mergeSameDay}, on by default as in the literature): all
 * purchases of a customer on the same calendar day count as one purchase placed at the start of
 * that day, whose value is their sum. Every comparison (calibration or holdout, after the end) then
 * uses the start of the day. Without merging, every row is a purchase at its own time.
 *
 * <p><b>Ordered input</b> ({@code orderedInput}, off by default) only matters with merging.
 * Counting distinct purchase days exactly from unordered input needs each customer's distinct days,
 * so unordered accumulation keeps them (8 bytes per distinct day beyond a customer's first and
 * last, see {@link SummaryAccumulator}). When each customer's rows are known to arrive in time
 * order (a log sorted by time or by customer and time, an event-time stream) set {@code
 * orderedInput}: the state is then a fixed size per customer, and a row earlier than its customer's
 * last row is rejected.
 *
 * @param timeScale the period in which recency, age and holdout length are expressed
 * @param calibrationEnd the end of calibration: age is measured to it; purchases at or before it
 *     are calibration purchases
 * @param observationEnd the end of observation, not before {@code calibrationEnd}: purchases after
 *     {@code calibrationEnd} and at or before it are holdout purchases; later rows follow {@code
 *     afterObservationEnd}. Equal to {@code calibrationEnd} when there is no holdout
 * @param mergeSameDay whether purchases of a customer on the same day count as one
 * @param orderedInput whether each customer's rows arrive in time order (only used with merging)
 * @param zeroAmounts what to do with rows whose amount is 0: reject, drop, or keep as purchases of
 *     value 0 (as the CDNOW literature does)
 * @param refunds what to do with rows whose amount is negative: reject or drop ({@link
 *     RowPolicy#KEEP} is not allowed: net refunds against their purchases before summarising)
 * @param afterObservationEnd what to do with rows after {@code observationEnd}: reject or drop
 */
public record SummaryOptions(
    TimeScale timeScale,
    LocalDateTime calibrationEnd,
    LocalDateTime observationEnd,
    boolean mergeSameDay,
    boolean orderedInput,
    RowPolicy zeroAmounts,
    RowPolicy refunds,
    RowPolicy afterObservationEnd)
    implements Serializable {

  /**
   * Validates that nothing is null, that the calibration does not end after the observation, and
   * that only zero amounts may be kept.
   */
  public SummaryOptions {
    Checks.notNull("timeScale", timeScale);
    Checks.notNull("calibrationEnd", calibrationEnd);
    Checks.notNull("observationEnd", observationEnd);
    Checks.notNull("zeroAmounts", zeroAmounts);
    Checks.notNull("refunds", refunds);
    Checks.notNull("afterObservationEnd", afterObservationEnd);
    Checks.notAfter("calibrationEnd", calibrationEnd, "observationEnd", observationEnd);
    if (refunds == RowPolicy.KEEP) {
      throw Checks.malformed("refunds", refunds.name(), "REJECT or DROP");
    }
    if (afterObservationEnd == RowPolicy.KEEP) {
      throw Checks.malformed("afterObservationEnd", afterObservationEnd.name(), "REJECT or DROP");
    }
  }

  /**
   * Options for a summary without holdout that ends at the start of {@code end}: same-day merging
   * on, unordered input, zero amounts, refunds and late rows rejected.
   */
  public static SummaryOptions of(TimeScale timeScale, LocalDate end) {
    return of(timeScale, Checks.notNull("end", end).atStartOfDay());
  }

  /** As {@link #of(TimeScale, LocalDate)}, ending at the instant {@code end}. */
  public static SummaryOptions of(TimeScale timeScale, LocalDateTime end) {
    return new SummaryOptions(
        timeScale, end, end, true, false, RowPolicy.REJECT, RowPolicy.REJECT, RowPolicy.REJECT);
  }

  /**
   * These options with a holdout period from the calibration end to the start of {@code end}. The
   * literature's CDNOW split is {@code SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9,
   * 30)) .withHoldoutUntil(LocalDate.of(1998, 6, 30)).withZeroAmounts(RowPolicy.KEEP)}: 39 weeks of
   * calibration and 39 of holdout, $0.00 purchases counted.
   */
  public SummaryOptions withHoldoutUntil(LocalDate end) {
    return withHoldoutUntil(Checks.notNull("end", end).atStartOfDay());
  }

  /** As {@link #withHoldoutUntil(LocalDate)}, ending at the instant {@code end}. */
  public SummaryOptions withHoldoutUntil(LocalDateTime end) {
    return new SummaryOptions(
        timeScale,
        calibrationEnd,
        end,
        mergeSameDay,
        orderedInput,
        zeroAmounts,
        refunds,
        afterObservationEnd);
  }

  /** These options with same-day merging on or off. */
  public SummaryOptions withMergeSameDay(boolean merge) {
    return new SummaryOptions(
        timeScale,
        calibrationEnd,
        observationEnd,
        merge,
        orderedInput,
        zeroAmounts,
        refunds,
        afterObservationEnd);
  }

  /** These options declaring (or not) that each customer's rows arrive in time order. */
  public SummaryOptions withOrderedInput(boolean ordered) {
    return new SummaryOptions(
        timeScale,
        calibrationEnd,
        observationEnd,
        mergeSameDay,
        ordered,
        zeroAmounts,
        refunds,
        afterObservationEnd);
  }

  /**
   * These options with the policy for zero amounts (reject, drop, or keep as purchases of value 0).
   */
  public SummaryOptions withZeroAmounts(RowPolicy policy) {
    return new SummaryOptions(
        timeScale,
        calibrationEnd,
        observationEnd,
        mergeSameDay,
        orderedInput,
        policy,
        refunds,
        afterObservationEnd);
  }

  /** These options with the policy for refunds (negative amounts). */
  public SummaryOptions withRefunds(RowPolicy policy) {
    return new SummaryOptions(
        timeScale,
        calibrationEnd,
        observationEnd,
        mergeSameDay,
        orderedInput,
        zeroAmounts,
        policy,
        afterObservationEnd);
  }

  /** These options with the policy for rows after the observation end. */
  public SummaryOptions withAfterObservationEnd(RowPolicy policy) {
    return new SummaryOptions(
        timeScale,
        calibrationEnd,
        observationEnd,
        mergeSameDay,
        orderedInput,
        zeroAmounts,
        refunds,
        policy);
  }

  /** Whether there is a holdout period, that is whether the observation ends after calibration. */
  public boolean hasHoldout() {
    return observationEnd.isAfter(calibrationEnd);
  }

  /** The holdout length in periods of the time scale; 0 without holdout. */
  public double holdoutLength() {
    return timeScale.between(calibrationEnd, observationEnd);
  }
}
