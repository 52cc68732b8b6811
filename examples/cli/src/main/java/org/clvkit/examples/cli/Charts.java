package org.clvkit.examples.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.core.rfm.RfmSegment;
import org.clvkit.models.diagnostics.CalibrationHoldout;
import org.clvkit.models.diagnostics.FrequencyRecencyMatrix;
import org.clvkit.models.diagnostics.PeriodTransactions;
import org.clvkit.models.diagnostics.RepeatPurchaseTracking;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts as PNG images, drawn with XChart from the diagnostics values of {@code
 * org.clvkit.models.diagnostics} and the scores: tracking (cumulative and per period, with the
 * calibration end marked), the period-transactions histogram, calibration versus holdout, the
 * P(alive) frequency × recency heat map, the CLV distribution and Pareto curve, lifecycle stages
 * and RFM segments. Nothing is computed here beyond binning and sorting for display.
 */
final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 480;

  private static final Color ACTUAL = new Color(0x1f, 0x4e, 0x79);
  private static final Color MODEL = new Color(0xd9, 0x53, 0x19);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

  /**
   * One chart.
   *
   * @param name file base name ({@code name.png})
   * @param title the heading
   * @param caption what it shows, for the report and the image's alt text
   * @param png the image
   */
  record Image(String name, String title, String caption, byte[] png) {}

  private Charts() {}

  static Image cumulative(
      RepeatPurchaseTracking t, double calibrationEnd, TimeUnit unit, String model) {
    XYChart chart =
        xy(
            "Cumulative repeat purchases",
            unit.plural() + " since the first purchase",
            "repeat purchases");
    line(chart, "actual", t.times(), t.actualCumulative(), ACTUAL, false);
    line(chart, model, t.times(), t.expectedCumulative(), MODEL, true);
    chart.addAnnotation(calibrationLine(calibrationEnd));
    return image(
        "repeat_purchases_cumulative",
        "Cumulative repeat purchases",
        "Repeat purchases of the cohort so far, actual and expected by the "
            + model
            + "; the vertical line marks the end of calibration (the model saw nothing after it).",
        chart);
  }

  static Image incremental(
      RepeatPurchaseTracking t, double calibrationEnd, TimeUnit unit, String model) {
    XYChart chart =
        xy(
            "Repeat purchases per period",
            unit.plural() + " since the first purchase",
            "repeat purchases");
    line(chart, "actual", t.times(), t.actualIncremental(), ACTUAL, false);
    line(chart, model, t.times(), t.expectedIncremental(), MODEL, true);
    chart.addAnnotation(calibrationLine(calibrationEnd));
    return image(
        "repeat_purchases_incremental",
        "Repeat purchases per period",
        "Repeat purchases in each period, actual and expected by the "
            + model
            + "; the vertical line marks the end of calibration.",
        chart);
  }

  static Image periodTransactions(PeriodTransactions p, String model) {
    CategoryChart chart =
        bars("Customers by repeat purchases in calibration", "repeat purchases", "customers");
    List<String> labels = new ArrayList<>();
    for (int n = 0; n <= p.lastBucket(); n++) {
      labels.add(p.label(n));
    }
    chart.addSeries("actual", labels, boxed(p.actual())).setFillColor(ACTUAL);
    chart.addSeries(model, labels, boxed(p.expected())).setFillColor(MODEL);
    return image(
        "period_transactions",
        "Period-transactions histogram",
        "How many customers made 0, 1, 2, ... repeat purchases in calibration, actually and as the "
            + model
            + " expects.",
        chart);
  }

  static Image calibrationHoldout(CalibrationHoldout c, String model) {
    XYChart chart =
        xy(
            "Holdout purchases by calibration frequency",
            "repeat purchases in calibration (last point: " + c.lastBucket() + " or more)",
            "mean holdout purchases");
    double[] x = new double[c.size()];
    int[] f = c.frequency();
    for (int i = 0; i < x.length; i++) {
      x[i] = f[i];
    }
    line(chart, "actual", x, c.meanActual(), ACTUAL, false).setMarker(SeriesMarkers.CIRCLE);
    line(chart, model, x, c.meanPredicted(), MODEL, true).setMarker(SeriesMarkers.DIAMOND);
    return image(
        "calibration_holdout",
        "Calibration versus holdout",
        "Mean purchases in the holdout period of the customers with 0, 1, 2, ... repeat purchases"
            + " in calibration: actual, and predicted by the "
            + model
            + " from their calibration histories.",
        chart);
  }

  static Image probabilityAliveHeatMap(FrequencyRecencyMatrix m, TimeUnit unit) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + 60)
            .title(String.format(Locale.ROOT, "P(alive) at age %.1f %s", m.age(), unit.plural()))
            .xAxisTitle("recency: " + unit.plural() + " from first to last purchase")
            .yAxisTitle("repeat purchases")
            .build();
    style(chart);
    chart.getStyler().setShowValue(false);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(1);
    chart
        .getStyler()
        .setRangeColors(
            new Color[] {
              new Color(0xb2, 0x18, 0x2b), new Color(0xf7, 0xf7, 0xf7), new Color(0x21, 0x66, 0xac)
            });
    chart.getStyler().setHeatMapValueDecimalPattern("0.00");
    double[] recencies = m.recencies();
    List<String> xs = new ArrayList<>();
    for (double r : recencies) {
      xs.add(String.format(Locale.ROOT, "%.1f", r));
    }
    List<Integer> ys = new ArrayList<>();
    for (int f = 0; f <= m.maxFrequency(); f++) {
      ys.add(f);
    }
    List<Number[]> cells = new ArrayList<>();
    for (int f = 0; f <= m.maxFrequency(); f++) {
      for (int j = 0; j < recencies.length; j++) {
        if (m.isDefined(f, j)) {
          cells.add(new Number[] {j, f, m.value(f, j)});
        }
      }
    }
    chart.addSeries("P(alive)", xs, ys, cells);
    return image(
        "p_alive_heatmap",
        "P(alive) by frequency and recency",
        "The probability that a customer with a given number of repeat purchases and time of the"
            + " last one is still active, for customers of the largest age in the data: recent,"
            + " frequent buyers are alive; frequent buyers who stopped long ago are probably gone.",
        chart);
  }

  static Image clvDistribution(double[] clv, String horizon) {
    double[] sorted = clv.clone();
    Arrays.sort(sorted);
    double top = sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
    double low = Math.min(0, sorted[0]);
    if (!(top > low)) {
      top = low + 1;
    }
    int bins = 30;
    double width = (top - low) / bins;
    double[] counts = new double[bins + 1];
    for (double v : clv) {
      int b = v >= top ? bins : (int) Math.floor((v - low) / width);
      counts[Math.max(0, Math.min(bins, b))]++;
    }
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      labels.add(String.format(Locale.ROOT, "%.0f", low + (b + 0.5) * width));
    }
    labels.add(String.format(Locale.ROOT, ">%.0f", top));
    CategoryChart chart =
        bars(
            "CLV over " + horizon,
            "CLV (bin centre; last bin: the top 1 %)",
            "customers");
    chart.getStyler().setXAxisLabelRotation(60);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("customers", labels, boxed(counts)).setFillColor(ACTUAL);
    return image(
        "clv_distribution",
        "CLV distribution",
        "How many customers have each CLV; most customers are worth little, a few a lot.",
        chart);
  }

  static Image pareto(double[] clv) {
    double[] sorted = clv.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double total = 0;
    for (double v : sorted) {
      total += v;
    }
    int points = Math.min(n, 200);
    double[] x = new double[points + 1];
    double[] y = new double[points + 1];
    double cumulative = 0;
    int taken = 0;
    for (int k = 1; k <= points; k++) {
      int upTo = (int) Math.round((double) k * n / points);
      while (taken < upTo) {
        cumulative += sorted[n - 1 - taken];
        taken++;
      }
      x[k] = 100.0 * upTo / n;
      y[k] = total > 0 ? 100.0 * cumulative / total : 0;
    }
    XYChart chart =
        xy("Share of value from the top customers", "top % of customers by CLV", "% of total CLV");
    line(chart, "CLV", x, y, ACTUAL, false);
    line(chart, "equal shares", new double[] {0, 100}, new double[] {0, 100}, GRID.darker(), true);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(100.0);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    return image(
        "clv_pareto",
        "Pareto curve",
        "The share of the total CLV that the most valuable x % of customers hold.",
        chart);
  }

  static Image lifecycleStages(Map<LifecycleStage, Integer> counts) {
    CategoryChart chart = bars("Customers by lifecycle stage", "stage", "customers");
    chart.getStyler().setLegendVisible(false);
    List<String> labels = new ArrayList<>();
    List<Number> values = new ArrayList<>();
    counts.forEach(
        (k, v) -> {
          labels.add(k.name());
          values.add(v);
        });
    chart.addSeries("customers", labels, values).setFillColor(ACTUAL);
    return image(
        "lifecycle_stages",
        "Lifecycle stages",
        "Customers by lifecycle stage at the end of calibration (core's StageRules).",
        chart);
  }

  static Image rfmSegments(Map<RfmSegment, Integer> counts) {
    CategoryChart chart = bars("Customers by RFM segment", "segment", "customers");
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(30);
    List<String> labels = new ArrayList<>();
    List<Number> values = new ArrayList<>();
    counts.forEach(
        (k, v) -> {
          labels.add(k.name());
          values.add(v);
        });
    chart.addSeries("customers", labels, values).setFillColor(ACTUAL);
    return image(
        "rfm_segments",
        "RFM segments",
        "Customers by RFM segment (quantile scores on these customers, core's RfmScorer).",
        chart);
  }

  private static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    return chart;
  }

  private static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setAvailableSpaceFill(0.8);
    return chart;
  }

  private static void style(Chart<? extends AxesChartStyler, ?> chart) {
    AxesChartStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(GRID);
    s.setLegendBorderColor(Color.WHITE);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAntiAlias(true);
  }

  private static XYSeries line(
      XYChart chart, String name, double[] x, double[] y, Color color, boolean dashed) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(
        dashed
            ? new BasicStroke(
                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
            : new BasicStroke(2f));
    return series;
  }

  private static AnnotationLine calibrationLine(double at) {
    return new AnnotationLine(at, true, false);
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static Image image(String name, String title, String caption, Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream(1 << 16);
      BitmapEncoder.saveBitmap(chart, png, BitmapFormat.PNG);
      return new Image(name, title, caption, png.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
