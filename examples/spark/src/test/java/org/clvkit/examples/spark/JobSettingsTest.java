package org.clvkit.examples.spark;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.lifecycle.StageRules;
import org.junit.jupiter.api.Test;

/** The command line and the settings' validation rules, one test per rule. */
class JobSettingsTest {
  static final SummaryOptions OPTIONS =
      SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30));

  static JobSettings base() {
    return JobSettings.of("in.csv", JobSettings.Format.CSV, "out", OPTIONS);
  }

  /** A builder holding {@link #base()}'s settings. */
  static JobSettings.Builder with() {
    return base().toBuilder();
  }

  @Test
  void parse_requiredOnly_givesDefaults() {
    JobSettings s = JobCommandLine.parse("in.csv", "CSV", "out", "--calibration-end", "1997-09-30");
    assertEquals(base(), s);
  }

  @Test
  void parse_everyOption_setsIt() {
    JobSettings s =
        JobCommandLine.parse(
            "in",
            "parquet",
            "out",
            "--calibration-end",
            "1997-09-30",
            "--holdout-end",
            "1998-06-30",
            "--period",
            "30d",
            "--zero-amounts",
            "keep",
            "--refunds",
            "drop",
            "--columns",
            "id, day ,usd",
            "--date-pattern",
            "yyyyMMdd",
            "--delimiter",
            "\\t",
            "--horizon",
            "12",
            "--discount-rate",
            "0.01",
            "--margin",
            "0.3",
            "--stage-rules",
            "3,6.5,20",
            "--rfm-levels",
            "3",
            "--partitions",
            "8",
            "--save-models",
            "models");
    SummaryOptions options =
        SummaryOptions.of(TimeScale.of(Duration.ofDays(30)), LocalDate.of(1997, 9, 30))
            .withZeroAmounts(RowPolicy.KEEP)
            .withRefunds(RowPolicy.DROP)
            .withHoldoutUntil(LocalDate.of(1998, 6, 30));
    JobSettings expected =
        JobSettings.builder("in", JobSettings.Format.PARQUET, "out", options)
            .columns("id", "day", "usd")
            .datePattern("yyyyMMdd")
            .delimiter('\t')
            .horizon(12)
            .discountRate(0.01)
            .margin(0.3)
            .stageRules(StageRules.of(3, 6.5, 20))
            .rfmLevels(3)
            .partitions(8)
            .modelsOutput("models")
            .build();
    assertEquals(expected, s);
    assertEquals(
        TimeScale.DAYS,
        JobCommandLine.parse("i", "csv", "o", "--calibration-end", "1997-09-30", "--period", "days")
            .summary()
            .timeScale());
  }

  @Test
  void parse_tooFewArguments_rejected() {
    assertRejects(
        "arguments must be INPUT FORMAT OUTPUT followed by options, were 2",
        () -> JobCommandLine.parse("in", "csv"));
  }

  @Test
  void parse_unknownFormat_rejected() {
    assertRejects(
        "format must be csv or parquet, was \"json\"",
        () -> JobCommandLine.parse("in", "json", "out", "--calibration-end", "1997-09-30"));
  }

  @Test
  void parse_optionWithoutValue_rejected() {
    assertRejects(
        "option --horizon must be followed by a value",
        () ->
            JobCommandLine.parse(
                "in", "csv", "out", "--calibration-end", "1997-09-30", "--horizon"));
  }

  @Test
  void parse_unknownOption_rejected() {
    assertRejects(
        "option must be an option listed in the usage, was \"--speed\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--speed", "fast"));
  }

  @Test
  void parse_model_choosesThePurchaseModel() {
    JobSettings s =
        JobCommandLine.parse(
            "in.csv", "csv", "out", "--calibration-end", "1997-09-30", "--model", "pnbd");
    assertEquals(with().model("pnbd").build(), s);
    assertEquals("pnbd", s.purchaseModelType().id());
    assertEquals("bgnbd", base().model());
  }

  @Test
  void parse_unknownOrDiscreteModel_rejectedListingTheContinuousIds() {
    String ids = "bgnbd, mbgnbd, pnbd, nbd, ggomnbd, mbgcnbd, bgcnbd, pnbd-hb";
    assertRejects(
        "model must be one of " + ids + ", was bgbb",
        () ->
            JobCommandLine.parse(
                "in", "csv", "out", "--calibration-end", "1997-09-30", "--model", "bgbb"));
    assertRejects("model must be one of " + ids + ", was nope", () -> with().model("nope").build());
  }

  @Test
  void parse_noCalibrationEnd_rejected() {
    assertRejects(
        "option --calibration-end must be given", () -> JobCommandLine.parse("in", "csv", "out"));
  }

  @Test
  void parse_badDate_rejected() {
    assertRejects(
        "--holdout-end must be a date yyyy-MM-dd, was \"1998-02-30\"",
        () ->
            JobCommandLine.parse(
                "in",
                "csv",
                "out",
                "--calibration-end",
                "1997-09-30",
                "--holdout-end",
                "1998-02-30"));
  }

  @Test
  void parse_badPeriod_rejected() {
    assertRejects(
        "--period must be weeks, days or a number of days such as 30d, was \"months\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--period", "months"));
  }

  @Test
  void parse_badPolicy_rejected() {
    assertRejects(
        "--zero-amounts must be reject, drop or keep, was \"ignore\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--zero-amounts", "ignore"));
  }

  @Test
  void parse_badColumns_rejected() {
    assertRejects(
        "--columns must be three column names separated by commas, was \"id,date\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--columns", "id,date"));
  }

  @Test
  void parse_badDelimiter_rejected() {
    assertRejects(
        "--delimiter must be one character (\\t for a tab), was \";;\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--delimiter", ";;"));
  }

  @Test
  void new_modelsOutputInsideTheOutput_rejected() {
    assertRejects(
        "modelsOutput must lie outside output out, was out/models",
        () -> with().modelsOutput("out/models").build());
    assertRejects(
        "modelsOutput must lie outside output out, was ./out",
        () ->
            JobCommandLine.parse(
                "in", "csv", "out", "--calibration-end", "1997-09-30", "--save-models", "./out"));
    assertRejects("modelsOutput must not be empty", () -> with().modelsOutput("").build());
    assertEquals("out-models", with().modelsOutput("out-models").build().modelsOutput());
    assertEquals(
        null,
        with().modelsOutput("m").build().toBuilder().modelsOutput(null).build().modelsOutput());
  }

  @Test
  void timeUnit_namesThePeriodForModelFiles() {
    assertEquals("week", ClvSparkJob.timeUnit(TimeScale.WEEKS));
    assertEquals("day", ClvSparkJob.timeUnit(TimeScale.DAYS));
    assertEquals("30 days", ClvSparkJob.timeUnit(TimeScale.of(Duration.ofDays(30))));
    assertEquals("PT12H", ClvSparkJob.timeUnit(TimeScale.of(Duration.ofHours(12))));
  }

  @Test
  void parse_badInteger_rejected() {
    assertRejects(
        "--horizon must be an integer, was \"1.5\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--horizon", "1.5"));
  }

  @Test
  void parse_badNumber_rejected() {
    assertRejects(
        "--margin must be a number, was \"30%\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--margin", "30%"));
  }

  @Test
  void parse_badStageRules_rejected() {
    assertRejects(
        "--stage-rules must be N,R,C such as 4,8,26, was \"4,8\"",
        () -> JobCommandLine.parse("in", "csv", "out", "--stage-rules", "4,8"));
  }

  @Test
  void parse_invalidSetting_rejectedByTheConstructor() {
    assertRejects(
        "margin must be in [0, 1], was 1.5",
        () ->
            JobCommandLine.parse(
                "in", "csv", "out", "--calibration-end", "1997-09-30", "--margin", "1.5"));
  }

  @Test
  void new_emptyText_rejected() {
    assertRejects(
        "input must not be empty", () -> JobSettings.of("", JobSettings.Format.CSV, "o", OPTIONS));
    assertRejects("datePattern must not be empty", () -> with().datePattern("").build());
    assertRejects(
        "customerColumn must not be empty", () -> with().columns("", "date", "amount").build());
    assertRejects(
        "dateColumn must not be null", () -> with().columns("id", null, "amount").build());
    assertRejects("amountColumn must not be empty", () -> with().columns("id", "date", "").build());
  }

  @Test
  void new_nullParts_rejected() {
    assertRejects("format must not be null", () -> JobSettings.of("in", null, "out", OPTIONS));
    assertRejects(
        "summary must not be null",
        () -> JobSettings.of("in", JobSettings.Format.CSV, "out", null));
    assertRejects("stageRules must not be null", () -> with().stageRules(null).build());
    assertRejects(
        "output must not be empty",
        () -> JobSettings.of("in", JobSettings.Format.CSV, "", OPTIONS));
  }

  @Test
  void new_badDelimiter_rejected() {
    assertRejects(
        "delimiter must be a character other than quote, line break, was \"\"\"",
        () -> with().delimiter('"').build());
  }

  @Test
  void new_badHorizon_rejected() {
    assertRejects("horizon must be > 0, was 0", () -> with().horizon(0).build());
  }

  @Test
  void new_badDiscountRate_rejected() {
    assertRejects(
        "discountRate must be finite and > -1.0, was -1.0", () -> with().discountRate(-1).build());
  }

  @Test
  void new_badMargin_rejected() {
    assertRejects("margin must be in [0, 1], was NaN", () -> with().margin(Double.NaN).build());
  }

  @Test
  void new_badRfmLevels_rejected() {
    assertRejects("rfmLevels must be in [2, 9], was 10", () -> with().rfmLevels(10).build());
  }

  @Test
  void new_negativePartitions_rejected() {
    assertRejects("partitions must be >= 0, was -1", () -> with().partitions(-1).build());
  }
}
