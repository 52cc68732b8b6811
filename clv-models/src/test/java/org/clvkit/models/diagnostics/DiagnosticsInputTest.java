package org.clvkit.models.diagnostics;

import static org.clvkit.testing.ClvAssertions.assertRejects;

import java.time.LocalDate;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.junit.jupiter.api.Test;

/** Every input rule of the diagnostics, with its exact message. */
class DiagnosticsInputTest {
  private static final BgBbModel MODEL =
      BgBbModel.of(new BgBbParameters(1.204, 0.750, 0.657, 2.783));
  private static final CustomerHistories DATA =
      CustomerHistories.of(new double[] {0, 1, 2}, new double[] {0, 3, 5}, new double[] {6, 6, 6});
  private static final double[] F = {0, 1, 2};
  private static final double[] R = {0, 3, 5};
  private static final double[] A = {6, 6, 6};
  private static final double[] H = {0, 1, 2};

  @Test
  void periodTransactions_nullModel() {
    assertRejects("model must not be null", () -> PeriodTransactions.of(null, DATA, 3));
  }

  @Test
  void periodTransactions_nullData() {
    assertRejects("data must not be null", () -> PeriodTransactions.of(MODEL, null, 3));
  }

  @Test
  void periodTransactions_lastBucketOutOfRange() {
    assertRejects(
        "lastBucket must be in [1, 10000], was 0", () -> PeriodTransactions.of(MODEL, DATA, 0));
    assertRejects(
        "lastBucket must be in [1, 10000], was 10001",
        () -> PeriodTransactions.of(MODEL, DATA, 10_001));
  }

  @Test
  void periodTransactions_bucketOutOfRange() {
    PeriodTransactions histogram = PeriodTransactions.of(MODEL, DATA, 3);
    assertRejects("bucket must be in [0, 3], was 4", () -> histogram.expected(4));
  }

  @Test
  void calibrationHoldout_holdoutPurchasesOfAnotherLength() {
    assertRejects(
        "holdoutPurchases has length 2 but frequency has length 3",
        () -> CalibrationHoldout.of(MODEL, F, R, A, new double[] {0, 1}, 5, 2));
  }

  @Test
  void calibrationHoldout_holdoutPurchasesNotACount() {
    assertRejects(
        "holdoutPurchases[1] must be a whole number >= 0, was 1.5",
        () -> CalibrationHoldout.of(MODEL, F, R, A, new double[] {0, 1.5, 2}, 5, 2));
  }

  @Test
  void calibrationHoldout_holdoutLengthNotPositive() {
    assertRejects(
        "holdoutLength must be finite and > 0, was 0.0",
        () -> CalibrationHoldout.of(MODEL, F, R, A, H, 0, 2));
  }

  @Test
  void calibrationHoldout_lastBucketOutOfRange() {
    assertRejects(
        "lastBucket must be in [1, 10000], was 0",
        () -> CalibrationHoldout.of(MODEL, F, R, A, H, 5, 0));
  }

  @Test
  void calibrationHoldout_badHistoryNamesItsRow() {
    assertRejects(
        "recency[1] = 7.0 must be <= age[1] = 6.0",
        () -> CalibrationHoldout.of(MODEL, F, new double[] {0, 7, 5}, A, H, 5, 2));
  }

  @Test
  void calibrationHoldout_emptyFrequency() {
    assertRejects(
        "frequency must not be empty",
        () -> CalibrationHoldout.of(MODEL, new double[0], R, A, H, 5, 2));
  }

  @Test
  void calibrationHoldout_summariesWithoutHoldout() {
    SummaryAccumulator acc =
        new SummaryAccumulator(SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(2020, 3, 1)));
    acc.accept("a", LocalDate.of(2020, 1, 1), 10.0);
    CustomerSummaries summaries = acc.result();
    assertRejects(
        "summaries must have a holdout period (SummaryOptions.withHoldoutUntil), had none",
        () -> CalibrationHoldout.of(MODEL, summaries, 2));
  }

  @Test
  void repeatPurchaseTracking_emptyTimes() {
    assertRejects(
        "times must not be empty",
        () -> RepeatPurchaseTracking.of(MODEL, new double[1], new double[0], new double[0]));
  }

  @Test
  void repeatPurchaseTracking_timeNotFinite() {
    assertRejects(
        "times[1] must be finite, was NaN",
        () ->
            RepeatPurchaseTracking.of(
                MODEL, new double[1], new double[] {1, Double.NaN}, new double[2]));
  }

  @Test
  void repeatPurchaseTracking_timesNotIncreasing() {
    assertRejects(
        "times[2] must be finite and > 2.0, was 2.0",
        () ->
            RepeatPurchaseTracking.of(MODEL, new double[1], new double[] {1, 2, 2}, new double[3]));
  }

  @Test
  void repeatPurchaseTracking_actualOfAnotherLength() {
    assertRejects(
        "actualCumulative has length 1 but times has length 2",
        () -> RepeatPurchaseTracking.of(MODEL, new double[1], new double[] {1, 2}, new double[1]));
  }

  @Test
  void repeatPurchaseTracking_actualNegative() {
    assertRejects(
        "actualCumulative[0] must be finite and >= 0, was -1.0",
        () ->
            RepeatPurchaseTracking.of(
                MODEL, new double[1], new double[] {1, 2}, new double[] {-1, 2}));
  }

  @Test
  void repeatPurchaseTracking_actualDecreasing() {
    assertRejects(
        "actualCumulative[0] = 3.0 must be <= actualCumulative[1] = 2.0",
        () ->
            RepeatPurchaseTracking.of(
                MODEL, new double[1], new double[] {1, 2}, new double[] {3, 2}));
  }

  @Test
  void repeatPurchaseTracking_nullJoined() {
    assertRejects(
        "joined must not be null",
        () -> RepeatPurchaseTracking.of(MODEL, null, new double[] {1}, new double[1]));
  }

  @Test
  void repeatPurchaseTracking_joinedNotFinite() {
    assertRejects(
        "joined[0] must be finite, was NaN",
        () ->
            RepeatPurchaseTracking.of(
                MODEL, new double[] {Double.NaN}, new double[] {1}, new double[1]));
  }

  @Test
  void repeatPurchaseTracking_repeatPurchaseTimeNotFinite() {
    assertRejects(
        "repeatPurchaseTimes[0] must be finite, was Infinity",
        () ->
            RepeatPurchaseTracking.fromPurchaseTimes(
                MODEL, new double[1], new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
  }

  @Test
  void repeatPurchaseTracking_indexOutOfRange() {
    RepeatPurchaseTracking tracking =
        RepeatPurchaseTracking.of(MODEL, new double[1], new double[] {1}, new double[1]);
    assertRejects("k must be in [0, 0], was 1", () -> tracking.expectedIncremental(1));
  }

  @Test
  void frequencyRecencyMatrix_maxFrequencyOutOfRange() {
    assertRejects(
        "maxFrequency must be in [0, 10000], was -1",
        () -> FrequencyRecencyMatrix.probabilityAlive(MODEL, -1, new double[] {0}, 6));
  }

  @Test
  void frequencyRecencyMatrix_ageNegative() {
    assertRejects(
        "age must be finite and >= 0, was -1.0",
        () -> FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {0}, -1));
  }

  @Test
  void frequencyRecencyMatrix_emptyRecencies() {
    assertRejects(
        "recencies must not be empty",
        () -> FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[0], 6));
  }

  @Test
  void frequencyRecencyMatrix_recencyNegative() {
    assertRejects(
        "recencies[0] must be finite and >= 0, was -1.0",
        () -> FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {-1, 0}, 6));
  }

  @Test
  void frequencyRecencyMatrix_recencyAfterAge() {
    assertRejects(
        "recencies[2] = 7.0 must be <= age = 6.0",
        () -> FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {0, 1, 7}, 6));
  }

  @Test
  void frequencyRecencyMatrix_recenciesNotIncreasing() {
    assertRejects(
        "recencies[1] must be finite and > 1.0, was 1.0",
        () -> FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {1, 1}, 6));
  }

  @Test
  void frequencyRecencyMatrix_horizonNegative() {
    assertRejects(
        "t must be finite and >= 0, was -1.0",
        () ->
            FrequencyRecencyMatrix.conditionalExpectedPurchases(MODEL, -1, 2, new double[] {0}, 6));
  }

  @Test
  void frequencyRecencyMatrix_modelRulesOnTheAgePropagate() {
    assertRejects(
        "age must be a whole number >= 0, was 5.5",
        () -> FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {0, 1}, 5.5));
  }

  @Test
  void frequencyRecencyMatrix_cellOutOfRange() {
    FrequencyRecencyMatrix matrix =
        FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {0, 1}, 6);
    assertRejects("frequency must be in [0, 2], was 3", () -> matrix.value(3, 0));
    assertRejects("column must be in [0, 1], was 2", () -> matrix.value(0, 2));
  }

  @Test
  void recencyGrid_stepsNotPositive() {
    assertRejects("steps must be > 0, was 0", () -> FrequencyRecencyMatrix.recencyGrid(6, 0));
  }

  @Test
  void recencyGrid_ageNotFinite() {
    assertRejects(
        "age must be finite and >= 0, was NaN",
        () -> FrequencyRecencyMatrix.recencyGrid(Double.NaN, 6));
  }
}
