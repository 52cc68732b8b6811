package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.diagnostics.CalibrationHoldout;
import org.clvkit.models.diagnostics.FrequencyRecencyMatrix;
import org.clvkit.models.diagnostics.PeriodTransactions;
import org.clvkit.models.diagnostics.RepeatPurchaseTracking;
import org.junit.jupiter.api.Test;

/**
 * The report's charts in both languages without a report run: every string drawn has a glyph in the
 * chart font ({@link Font#canDisplayUpTo(String)}), the tick policy keeps labels apart at 100 and
 * 1,000 periods, impossible heat-map cells are masked, and the two resource bundles hold the same
 * keys with Chinese text in the Chinese one.
 */
class ReportChartsTest {
  private static final BgNbdModel MODEL =
      BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

  /** Every chart kind of the report, drawn from small inputs. */
  static List<Charts.Image> allCharts(Messages msg, int periods) {
    Charts charts = new Charts(msg, TimeUnit.WEEKS);
    double[] f = {0, 1, 2, 5, 0, 3};
    double[] r = {0, 3, 10, 20, 0, 30};
    double[] a = {30, 30, 35, 38, 12, 39};
    double[] holdout = {0, 1, 0, 4, 1, 2};
    double[] times = new double[periods];
    double[] actual = new double[periods];
    for (int k = 0; k < periods; k++) {
      times[k] = k + 1;
      actual[k] = k;
    }
    RepeatPurchaseTracking t =
        RepeatPurchaseTracking.of(MODEL, new double[] {0, 1, 2}, times, actual);
    CalibrationHoldout ch = CalibrationHoldout.of(MODEL, f, r, a, holdout, 39, 3);
    FrequencyRecencyMatrix m =
        FrequencyRecencyMatrix.probabilityAlive(
            MODEL, 5, FrequencyRecencyMatrix.recencyGrid(39, 6), 39);
    List<Charts.Image> out = new ArrayList<>();
    out.add(charts.cumulative(t, periods / 2.0, "1997-01-01", "BG/NBD"));
    out.add(charts.incremental(t, periods / 2.0, "1997-01-01", "BG/NBD"));
    out.add(
        charts.periodTransactions(
            PeriodTransactions.of(MODEL, CustomerHistories.of(f, r, a), 3), "BG/NBD"));
    out.add(charts.calibrationHoldout(List.of(ch, ch), List.of("BG/NBD", "Pareto/NBD"), 1));
    out.add(charts.probabilityAliveHeatMap(m));
    out.add(
        charts.probabilityAliveByModel(
            List.of(msg.get("stage.NEW"), msg.get("alive.noRepeat")),
            List.of("BG/NBD", "MBG/NBD"),
            new double[][] {{0.5, 1}, {0.4, 0.3}}));
    out.add(charts.clvDistribution(new double[] {0, 1, 5, 20, 100}, 52, msg.get("value.revenue")));
    out.add(charts.pareto(new double[] {0, 1, 5, 20, 100}, msg.get("value.clv")));
    out.add(
        charts.counts(
            "lifecycle_stages",
            msg.get("chart.stages.title"),
            msg.get("chart.stages.axis"),
            msg.get("chart.stages.caption"),
            List.of(msg.get("stage.NEW"), msg.get("stage.CHURNED")),
            List.of(3, 4)));
    out.add(
        charts.segmentValue(
            "segments_1",
            msg.get("segments.cohort"),
            List.of("1997-01", msg.get("segments.unknown")),
            new double[] {10, 2},
            msg.get("value.revenue")));
    out.add(
        charts.cohortRetention(
            new Cohorts(
                List.of(
                    new Cohorts.Row(
                        YearMonth.of(1997, 1), 10, new double[] {1, 0.5, 0.3}, 12.5, 0.4)),
                3)));
    return out;
  }

  @Test
  void charts_chinese_everyStringDrawnHasAGlyphInTheChartFont() throws IOException {
    Messages zh = Messages.of("zh-CN");
    for (Charts.Image image : allCharts(zh, 78)) {
      Font font = image.font();
      assertFalse(image.texts().isEmpty(), image.name());
      for (String text : image.texts()) {
        assertEquals(
            -1,
            font.canDisplayUpTo(text),
            () ->
                image.name() + ": font " + font.getFamily() + " has no glyph in \"" + text + "\"");
      }
      Images.assertNonTrivialPng(image.name(), image.png(), 600, 300);
    }
  }

  @Test
  void charts_chinese_drawChineseTitles() {
    Messages zh = Messages.of("zh-CN");
    Charts.Image cumulative = allCharts(zh, 20).get(0);
    assertTrue(cumulative.texts().contains("累计重复购买"), cumulative.texts()::toString);
    assertTrue(
        cumulative.texts().contains("自 1997-01-01（该批次首次购买开始）以来的周数"), cumulative.texts()::toString);
  }

  @Test
  void charts_english_everyStringDrawnHasAGlyphInTheChartFont() {
    for (Charts.Image image : allCharts(Messages.of("en"), 1000)) {
      for (String text : image.texts()) {
        assertEquals(-1, image.font().canDisplayUpTo(text), image.name() + ": " + text);
      }
    }
  }

  @Test
  void step_100And1000Periods_labelsFitBetweenTicks() {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    FontMetrics metrics = Ticks.metrics(font);
    for (TimeUnit unit : List.of(TimeUnit.WEEKS, TimeUnit.DAYS, TimeUnit.parse("30d"))) {
      for (double span : new double[] {10, 100, 1000, 100_000}) {
        for (double pixels : new double[] {300, 690}) {
          double step = Ticks.step(span, pixels, font, unit);
          double between = step / span * pixels;
          String widest = Ticks.label(Math.floor(span / step) * step);
          assertTrue(
              between >= metrics.stringWidth(widest) + Ticks.GAP,
              unit + " " + span + " periods, " + pixels + " px: step " + step);
          int labels = (int) Math.floor(span / step) + 1;
          assertTrue(labels >= 2 && labels <= 40, unit + " " + span + ": " + labels + " labels");
          // the step before it on the ladder would not fit: the policy takes the finest that does
          double[] ladder = Ticks.ladder(unit);
          for (int i = 1; i < ladder.length; i++) {
            if (ladder[i] == step) {
              double finer = ladder[i - 1];
              String w = Ticks.label(Math.floor(span / finer) * finer);
              assertTrue(finer / span * pixels < metrics.stringWidth(w) + Ticks.GAP);
            }
          }
        }
      }
    }
    assertEquals(52, Ticks.step(1000, 690, font, TimeUnit.WEEKS));
    assertEquals(13, Ticks.step(100, 300, font, TimeUnit.WEEKS));
  }

  @Test
  void possible_heatMapCells_onlyRecencyZeroWithoutRepeatAndNeverBeyondAge() {
    assertTrue(Charts.possible(0, 0, 39));
    assertFalse(Charts.possible(0, 6.5, 39));
    assertFalse(Charts.possible(1, 0, 39));
    assertTrue(Charts.possible(1, 6.5, 39));
    assertTrue(Charts.possible(3, 39, 39));
    assertFalse(Charts.possible(3, 39.5, 39));
  }

  @Test
  void bundles_englishAndChinese_haveTheSameKeysAndChineseText() throws IOException {
    Properties en = load("report.properties");
    Properties zh = load("report_zh_CN.properties");
    assertEquals(en.stringPropertyNames(), zh.stringPropertyNames());
    int chinese = 0;
    for (String key : zh.stringPropertyNames()) {
      if (zh.getProperty(key).codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff)) {
        chinese++;
      }
    }
    // all but names kept as they are (ARPU, LTV:CAC, interval brackets)
    assertTrue(chinese >= zh.size() - 4, chinese + " of " + zh.size());
  }

  @Test
  void of_unknownLanguage_isAUsageError() {
    CliException e =
        org.junit.jupiter.api.Assertions.assertThrows(CliException.class, () -> Messages.of("fr"));
    assertEquals("--lang must be one of en, zh-CN, was \"fr\"", e.getMessage());
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
