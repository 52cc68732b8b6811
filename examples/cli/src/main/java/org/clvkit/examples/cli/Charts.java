package org.clvkit.examples.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.clvkit.models.diagnostics.CalibrationHoldout;
import org.clvkit.models.diagnostics.FrequencyRecencyMatrix;
import org.clvkit.models.diagnostics.PeriodTransactions;
import org.clvkit.models.diagnostics.RepeatPurchaseTracking;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.ChartPart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts as PNG images, drawn with XChart from the diagnostics values of {@code
 * org.clvkit.models.diagnostics} and the scores, in the report's language. Nothing is computed here
 * beyond binning and sorting for display.
 *
 * <p>Every string drawn is kept with the image ({@link Image#texts()}), so that a test can check
 * that the font has a glyph for each ({@link Font#canDisplayUpTo(String)}). Chinese needs a CJK
 * font: the first installed of {@link #CJK_FAMILIES}, else a Noto CJK file from the usual Debian
 * paths (package {@code fonts-noto-cjk}).
 */
final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 480;

  /** CJK font families looked for, in order. */
  static final List<String> CJK_FAMILIES =
      List.of(
          "Noto Sans CJK SC",
          "Noto Sans SC",
          "Source Han Sans SC",
          "WenQuanYi Zen Hei",
          "WenQuanYi Micro Hei",
          "Droid Sans Fallback");

  private static final List<String> CJK_FILES =
      List.of(
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
          "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
          "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

  static final Color ACTUAL = new Color(0x1f, 0x4e, 0x79);
  private static final Color MODEL = new Color(0xd9, 0x53, 0x19);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  private static final Color MASKED = new Color(0xd0, 0xd0, 0xd0);
  private static final Color[] PALETTE = {
    new Color(0xd9, 0x53, 0x19),
    new Color(0x2c, 0xa0, 0x2c),
    new Color(0x94, 0x67, 0xbd),
    new Color(0x8c, 0x56, 0x4b),
    new Color(0xe3, 0x77, 0xc2),
    new Color(0x7f, 0x7f, 0x7f),
    new Color(0xbc, 0xbd, 0x22),
    new Color(0x17, 0xbe, 0xcf)
  };

  /**
   * One chart.
   *
   * @param name file base name ({@code name.png})
   * @param title the heading
   * @param caption what it shows, for the report and the image's alt text
   * @param png the image
   * @param font the font every text was drawn in
   * @param texts every string drawn on the image
   */
  record Image(
      String name, String title, String caption, byte[] png, Font font, List<String> texts) {}

  private final Messages msg;
  private final TimeUnit unit;
  private final String family;

  Charts(Messages msg, TimeUnit unit) {
    this.msg = msg;
    this.unit = unit;
    this.family = msg.isChinese() ? cjkFamily() : Font.SANS_SERIF;
  }

  /**
   * The family of an installed CJK font, registering a Noto CJK (or other) file when the JVM does
   * not list one; {@link Font#SANS_SERIF} when there is none (the glyph check then fails loudly in
   * the tests, and CI installs {@code fonts-noto-cjk}).
   */
  static synchronized String cjkFamily() {
    GraphicsEnvironment env = GraphicsEnvironment.getLocalGraphicsEnvironment();
    Set<String> installed = Set.of(env.getAvailableFontFamilyNames(Locale.ROOT));
    for (String f : CJK_FAMILIES) {
      if (installed.contains(f)) {
        return f;
      }
    }
    for (String path : CJK_FILES) {
      File file = new File(path);
      if (file.isFile()) {
        try {
          for (Font font : Font.createFonts(file)) {
            env.registerFont(font);
          }
          Font[] fonts = Font.createFonts(file);
          for (Font font : fonts) {
            if (font.canDisplayUpTo("客户价值") == -1) {
              return font.getFamily(Locale.ROOT);
            }
          }
        } catch (java.awt.FontFormatException | IOException e) {
          // try the next file
        }
      }
    }
    return Font.SANS_SERIF;
  }

  Font font(int style, int size) {
    return new Font(family, style, size);
  }

  private String periods() {
    return msg.periods(unit);
  }

  /** The texts of a chart being built, collected for {@link Image#texts()}. */
  private static final class Texts {
    final List<String> all = new ArrayList<>();

    String add(String s) {
      all.add(s);
      return s;
    }
  }

  Image cumulative(RepeatPurchaseTracking t, double calibrationEnd, String origin, String model) {
    Texts texts = new Texts();
    XYChart chart =
        xy(
            texts,
            msg.get("chart.cumulative.title"),
            msg.format("chart.axis.sinceStart", periods(), origin),
            msg.get("chart.axis.repeatPurchases"));
    line(chart, texts, msg.get("chart.actual"), t.times(), t.actualCumulative(), ACTUAL, false);
    line(chart, texts, model, t.times(), t.expectedCumulative(), MODEL, true);
    chart.addAnnotation(calibrationLine(calibrationEnd));
    return timeAxisImage(
        "repeat_purchases_cumulative",
        msg.get("chart.cumulative.title"),
        msg.format("chart.cumulative.caption", model),
        chart,
        texts,
        lastTime(t));
  }

  Image incremental(RepeatPurchaseTracking t, double calibrationEnd, String origin, String model) {
    Texts texts = new Texts();
    XYChart chart =
        xy(
            texts,
            msg.get("chart.incremental.title"),
            msg.format("chart.axis.sinceStart", periods(), origin),
            msg.get("chart.axis.repeatPurchases"));
    line(chart, texts, msg.get("chart.actual"), t.times(), t.actualIncremental(), ACTUAL, false);
    line(chart, texts, model, t.times(), t.expectedIncremental(), MODEL, true);
    chart.addAnnotation(calibrationLine(calibrationEnd));
    return timeAxisImage(
        "repeat_purchases_incremental",
        msg.get("chart.incremental.title"),
        msg.format("chart.incremental.caption", model),
        chart,
        texts,
        lastTime(t));
  }

  private static double lastTime(RepeatPurchaseTracking t) {
    double[] times = t.times();
    return times.length == 0 ? 1 : Math.max(1, times[times.length - 1]);
  }

  Image periodTransactions(PeriodTransactions p, String model) {
    Texts texts = new Texts();
    CategoryChart chart =
        bars(
            texts,
            msg.get("chart.histogram.title"),
            msg.get("chart.axis.repeatPurchasesCalibration"),
            msg.get("chart.axis.customers"));
    List<String> labels = new ArrayList<>();
    for (int n = 0; n <= p.lastBucket(); n++) {
      labels.add(texts.add(p.label(n)));
    }
    chart
        .addSeries(texts.add(msg.get("chart.actual")), labels, boxed(p.actual()))
        .setFillColor(ACTUAL);
    chart.addSeries(texts.add(model), labels, boxed(p.expected())).setFillColor(MODEL);
    return image(
        "period_transactions",
        msg.get("chart.histogram.title"),
        msg.format("chart.histogram.caption", model),
        chart,
        texts);
  }

  /** Calibration versus holdout with one predicted line per model. */
  Image calibrationHoldout(List<CalibrationHoldout> checks, List<String> models, int chosen) {
    Texts texts = new Texts();
    CalibrationHoldout first = checks.get(0);
    XYChart chart =
        xy(
            texts,
            msg.get("chart.holdout.title"),
            msg.format("chart.axis.calibrationFrequency", first.lastBucket()),
            msg.get("chart.axis.meanHoldout"));
    double[] x = new double[first.size()];
    int[] f = first.frequency();
    for (int i = 0; i < x.length; i++) {
      x[i] = f[i];
    }
    line(chart, texts, msg.get("chart.actual"), x, first.meanActual(), ACTUAL, false)
        .setMarker(SeriesMarkers.CIRCLE);
    for (int k = 0; k < checks.size(); k++) {
      String name = k == chosen ? msg.format("chart.chosenModel", models.get(k)) : models.get(k);
      XYSeries s =
          line(
              chart,
              texts,
              name,
              x,
              checks.get(k).meanPredicted(),
              PALETTE[k % PALETTE.length],
              true);
      s.setMarker(SeriesMarkers.DIAMOND);
      if (k == chosen) {
        s.setLineWidth(3f);
      }
    }
    return image(
        "calibration_holdout",
        msg.get("chart.holdout.title"),
        msg.get("chart.holdout.caption"),
        chart,
        texts);
  }

  /**
   * The P(alive) matrix as a heat map, impossible cells masked: with no repeat purchase only
   * recency 0 is possible, with repeat purchases only recency &gt; 0 (same-day purchases are
   * merged), and never recency &gt; age. A labelled colour bar is drawn to the right.
   */
  Image probabilityAliveHeatMap(FrequencyRecencyMatrix m) {
    Texts texts = new Texts();
    String title = texts.add(msg.format("chart.heatmap.title", msg.number(m.age(), 1), periods()));
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + 60)
            .title(title)
            .xAxisTitle(texts.add(msg.format("chart.axis.recency", periods())))
            .yAxisTitle(texts.add(msg.get("chart.axis.repeatPurchasesCalibration")))
            .build();
    style(chart);
    chart.getStyler().setShowValue(false);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(1);
    chart.getStyler().setPlotBackgroundColor(MASKED);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart
        .getStyler()
        .setRangeColors(
            new Color[] {
              new Color(0xb2, 0x18, 0x2b), new Color(0xf7, 0xf7, 0xf7), new Color(0x21, 0x66, 0xac)
            });
    chart.getStyler().setHeatMapValueDecimalPattern("0.00");
    texts.add("0.0");
    texts.add("1.0");
    double[] recencies = m.recencies();
    List<String> xs = new ArrayList<>();
    for (double r : recencies) {
      xs.add(texts.add(String.format(Locale.ROOT, "%.1f", r)));
    }
    List<Integer> ys = new ArrayList<>();
    for (int f = 0; f <= m.maxFrequency(); f++) {
      ys.add(f);
      texts.add(Integer.toString(f));
    }
    List<Number[]> cells = new ArrayList<>();
    for (int f = 0; f <= m.maxFrequency(); f++) {
      for (int j = 0; j < recencies.length; j++) {
        if (possible(f, recencies[j], m.age()) && m.isDefined(f, j)) {
          cells.add(new Number[] {j, f, m.value(f, j)});
        }
      }
    }
    chart.addSeries("P(alive)", xs, ys, cells);
    BufferedImage inner = BitmapEncoder.getBufferedImage(chart);
    int extra = 36;
    BufferedImage img =
        new BufferedImage(inner.getWidth() + extra, inner.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.drawImage(inner, 0, 0, null);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      String bar = texts.add(msg.get("chart.heatmap.colourBar"));
      Font font = font(Font.PLAIN, 13);
      g.setFont(font);
      g.setColor(Color.DARK_GRAY);
      FontMetrics fm = g.getFontMetrics();
      AffineTransform saved = g.getTransform();
      int cx = inner.getWidth() + extra / 2 + fm.getAscent() / 2 - 2;
      int cy = inner.getHeight() / 2 + fm.stringWidth(bar) / 2;
      g.translate(cx, cy);
      g.rotate(-Math.PI / 2);
      g.drawString(bar, 0, 0);
      g.setTransform(saved);
    } finally {
      g.dispose();
    }
    return new Image(
        "p_alive_heatmap",
        msg.get("chart.heatmap.name"),
        msg.get("chart.heatmap.caption"),
        png(img),
        font(Font.PLAIN, 12),
        List.copyOf(texts.all));
  }

  /**
   * Whether a customer can have {@code frequency} repeat purchases, the last at {@code recency}.
   */
  static boolean possible(int frequency, double recency, double age) {
    if (recency > age) {
      return false;
    }
    return frequency == 0 ? recency == 0 : recency > 0;
  }

  /** Mean P(alive) per lifecycle stage under each model (grouped bars). */
  Image probabilityAliveByModel(List<String> groups, List<String> models, double[][] means) {
    Texts texts = new Texts();
    CategoryChart chart =
        bars(
            texts,
            msg.get("chart.aliveByModel.title"),
            msg.get("chart.aliveByModel.axis"),
            msg.get("chart.axis.meanPAlive"));
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    for (String gName : groups) {
      texts.add(gName);
    }
    for (int k = 0; k < models.size(); k++) {
      chart
          .addSeries(texts.add(models.get(k)), groups, boxed(means[k]))
          .setFillColor(PALETTE[k % PALETTE.length]);
    }
    return image(
        "p_alive_by_model",
        msg.get("chart.aliveByModel.title"),
        msg.get("chart.aliveByModel.caption"),
        chart,
        texts);
  }

  Image clvDistribution(double[] clv, int horizon, String valueName) {
    Texts texts = new Texts();
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
      labels.add(texts.add(String.format(Locale.ROOT, "%.0f", low + (b + 0.5) * width)));
    }
    labels.add(texts.add(String.format(Locale.ROOT, ">%.0f", top)));
    CategoryChart chart =
        bars(
            texts,
            msg.format("chart.distribution.title", valueName, horizon, periods()),
            msg.format("chart.distribution.axis", valueName),
            msg.get("chart.axis.customers"));
    chart.getStyler().setXAxisLabelRotation(60);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisMaxLabelCount(16);
    chart.addSeries("customers", labels, boxed(counts)).setFillColor(ACTUAL);
    return image(
        "clv_distribution",
        msg.format("chart.distribution.name", valueName),
        msg.format("chart.distribution.caption", valueName),
        chart,
        texts);
  }

  Image pareto(double[] clv, String valueName) {
    Texts texts = new Texts();
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
        xy(
            texts,
            msg.get("chart.pareto.title"),
            msg.format("chart.pareto.xAxis", valueName),
            msg.format("chart.pareto.yAxis", valueName));
    line(chart, texts, valueName, x, y, ACTUAL, false);
    line(
        chart,
        texts,
        msg.get("chart.pareto.equal"),
        new double[] {0, 100},
        new double[] {0, 100},
        GRID.darker(),
        true);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(100.0);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    numericTicks(texts, 0, 100, 10);
    return image(
        "clv_pareto",
        msg.get("chart.pareto.name"),
        msg.format("chart.pareto.caption", valueName),
        chart,
        texts);
  }

  /** Bars of customers per category (lifecycle stage, RFM segment). */
  Image counts(
      String name,
      String title,
      String axis,
      String caption,
      List<String> labels,
      List<Integer> values) {
    Texts texts = new Texts();
    CategoryChart chart = bars(texts, title, axis, msg.get("chart.axis.customers"));
    chart.getStyler().setLegendVisible(false);
    if (labels.size() > 5) {
      chart.getStyler().setXAxisLabelRotation(30);
    }
    for (String l : labels) {
      texts.add(l);
    }
    chart.addSeries("customers", labels, values).setFillColor(ACTUAL);
    return image(name, title, caption, chart, texts);
  }

  /** Value per segment (bars), for one dimension. */
  Image segmentValue(
      String name, String dimension, List<String> labels, double[] value, String valueName) {
    Texts texts = new Texts();
    String title = msg.format("chart.segments.title", valueName, dimension);
    CategoryChart chart = bars(texts, title, texts.add(dimension), valueName);
    chart.getStyler().setLegendVisible(false);
    if (labels.size() > 5) {
      chart.getStyler().setXAxisLabelRotation(30);
    }
    for (String l : labels) {
      texts.add(l);
    }
    chart.addSeries("value", labels, boxed(value)).setFillColor(ACTUAL);
    return image(name, title, msg.format("chart.segments.caption", valueName), chart, texts);
  }

  /** Retention curves of the acquisition cohorts by month since the first purchase. */
  Image cohortRetention(Cohorts cohorts) {
    Texts texts = new Texts();
    XYChart chart =
        xy(
            texts,
            msg.get("chart.cohorts.title"),
            msg.get("chart.cohorts.xAxis"),
            msg.get("chart.cohorts.yAxis"));
    int k = 0;
    for (Cohorts.Row row : cohorts.rows) {
      int m = row.retention().length;
      if (m < 2) {
        continue;
      }
      double[] x = new double[m - 1];
      double[] y = new double[m - 1];
      for (int i = 1; i < m; i++) {
        x[i - 1] = i;
        y[i - 1] = 100 * row.retention()[i];
      }
      line(chart, texts, row.month().toString(), x, y, PALETTE[k % PALETTE.length], false)
          .setMarker(SeriesMarkers.CIRCLE);
      k++;
      if (k >= 12) {
        break;
      }
    }
    if (k == 0) {
      line(
          chart,
          texts,
          msg.get("chart.cohorts.none"),
          new double[] {1},
          new double[] {0},
          GRID,
          false);
    }
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    return timeAxisImage(
        "cohort_retention",
        msg.get("chart.cohorts.title"),
        msg.get("chart.cohorts.caption"),
        chart,
        texts,
        Math.max(1, cohorts.months - 1),
        0,
        TimeUnit.parse("30d"));
  }

  private XYChart xy(Texts texts, String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(texts.add(title))
            .xAxisTitle(texts.add(xTitle))
            .yAxisTitle(texts.add(yTitle))
            .build();
    style(chart);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    return chart;
  }

  private CategoryChart bars(Texts texts, String title, String xTitle, String yTitle) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(texts.add(title))
            .xAxisTitle(texts.add(xTitle))
            .yAxisTitle(texts.add(yTitle))
            .build();
    style(chart);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setAvailableSpaceFill(0.8);
    return chart;
  }

  private void style(Chart<? extends AxesChartStyler, ?> chart) {
    AxesChartStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(GRID);
    s.setLegendBorderColor(Color.WHITE);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(font(Font.BOLD, 16));
    s.setAxisTitleFont(font(Font.PLAIN, 13));
    s.setAxisTickLabelsFont(font(Font.PLAIN, 11));
    s.setLegendFont(font(Font.PLAIN, 12));
    s.setAntiAlias(true);
  }

  private static void numericTicks(Texts texts, double from, double to, double step) {
    for (double v = from; v <= to + 1e-9; v += step) {
      texts.add(Ticks.label(v));
    }
  }

  private static XYSeries line(
      XYChart chart,
      Texts texts,
      String name,
      double[] x,
      double[] y,
      Color color,
      boolean dashed) {
    XYSeries series = chart.addSeries(texts.add(name), x, y);
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

  private Image image(String name, String title, String caption, Chart<?, ?> chart, Texts texts) {
    return new Image(
        name,
        title,
        caption,
        png(BitmapEncoder.getBufferedImage(chart)),
        font(Font.PLAIN, 12),
        List.copyOf(texts.all));
  }

  private Image timeAxisImage(
      String name, String title, String caption, XYChart chart, Texts texts, double span) {
    return timeAxisImage(name, title, caption, chart, texts, span, 0, unit);
  }

  /**
   * An XY chart whose x axis is time from 0 to {@code span} periods, labelled by {@link Ticks}:
   * XChart's own x labels are hidden and the labels are drawn below the plot at the policy's steps.
   */
  private Image timeAxisImage(
      String name,
      String title,
      String caption,
      XYChart chart,
      Texts texts,
      double span,
      double from,
      TimeUnit ladder) {
    AxesChartStyler s = chart.getStyler();
    s.setXAxisMin(from);
    s.setXAxisMax(span);
    s.setXAxisTicksVisible(false);
    s.setPlotGridVerticalLinesVisible(false);
    s.setAxisTitlePadding(24);
    BufferedImage img = BitmapEncoder.getBufferedImage(chart);
    Rectangle2D plot = plotBounds(chart);
    double content = s.getPlotContentSize() * plot.getWidth();
    double offset = (plot.getWidth() - content) / 2;
    Font font = font(Font.PLAIN, 11);
    double step = Ticks.step(span - from, content, font, ladder);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(font);
      g.setColor(Color.DARK_GRAY);
      FontMetrics fm = g.getFontMetrics();
      for (double v = Math.ceil(from / step) * step; v <= span + 1e-9; v += step) {
        double px = plot.getX() + offset + (v - from) / (span - from) * content;
        String label = texts.add(Ticks.label(v));
        int y = (int) Math.round(plot.getMaxY());
        g.drawLine((int) Math.round(px), y, (int) Math.round(px), y + 4);
        g.drawString(
            label, (int) Math.round(px - fm.stringWidth(label) / 2.0), y + 6 + fm.getAscent());
      }
    } finally {
      g.dispose();
    }
    return new Image(name, title, caption, png(img), font(Font.PLAIN, 12), List.copyOf(texts.all));
  }

  /** The plot area of a painted chart (XChart keeps it package-private). */
  static Rectangle2D plotBounds(Chart<?, ?> chart) {
    try {
      Method m = Chart.class.getDeclaredMethod("getPlot");
      m.setAccessible(true);
      return ((ChartPart) m.invoke(chart)).getBounds();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("XChart's plot bounds are not reachable", e);
    }
  }

  private static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream(1 << 16);
      ImageIO.write(img, "png", png);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
