package org.clvkit.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.core.rfm.RfmSegment;
import org.clvkit.models.FitReport;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.ModelType;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.diagnostics.CalibrationHoldout;
import org.clvkit.models.diagnostics.FrequencyRecencyMatrix;
import org.clvkit.models.diagnostics.PeriodTransactions;
import org.clvkit.models.diagnostics.RepeatPurchaseTracking;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clv report}: everything in one go, from a transaction log (or, with none, the bundled
 * CDNOW sample with the literature's settings) to a directory with the summary, the fitted models,
 * the scores, the diagnostics tables, the charts as PNG files and a self-contained {@code
 * report.html} (charts inlined) that links to all of them.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise, fit, score and chart in one go, into a directory with report.html"
          + " (self-contained: charts inlined), summary.csv, scores.csv, models/, diagnostics/ and"
          + " charts/.",
      "Without TRANSACTIONS it runs on the bundled CDNOW sample with the literature's settings:"
          + " weeks, calibration to 1997-09-30, holdout to 1998-06-30 (Fader, Hardie and Lee 2005)."
    },
    footer = {"", ExitCodes.HELP})
final class ReportCommand implements Callable<Integer> {
  /** The last bucket of the histogram and of calibration versus holdout (7 or more). */
  static final int LAST_BUCKET = 7;

  @Spec CommandSpec spec;

  @Mixin InputOptions input;

  @Mixin FitOptions fit;

  @Mixin ScoreOptions scoring;

  @Option(
      names = {"-m", "--model"},
      defaultValue = "bgnbd",
      paramLabel = "MODEL",
      description = "Purchase model: bgnbd (default), mbgnbd or pnbd; spend is always Gamma-Gamma.")
  String model;

  @Option(
      names = {"-o", "--out"},
      defaultValue = "clv-report",
      paramLabel = "DIR",
      description = "Directory to write the report into (default clv-report).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelType<? extends ContinuousPurchaseModel> kind =
        ModelChoice.parse(
            "--model",
            model,
            ContinuousPurchaseModel.class,
            "a report from a transaction log needs a continuous-time purchase model; fit others"
                + " with clv fit on a summary");
    Scoring.Settings settings = scoring.settings();
    Path dir = Output.directory(out);

    SummaryRun.Result run = SummaryRun.run(input, true, dir.resolve("rejects.csv"), true, err);
    err.println(run.account());
    CustomerSummaries summaries = run.summaries();
    TimeUnit unit = run.unit();
    SummaryCsv.write(summaries, dir.resolve("summary.csv"), stdout);
    SummaryTable table = SummaryTable.of(run.source().name(), summaries);

    PurchaseModel purchases = kind.fitter().withSettings(fit.settings()).fit(table.histories());
    GammaGammaModel spend;
    try {
      spend =
          GammaGammaModel.TYPE
              .fitter()
              .withSettings(fit.settings())
              .fit(table.histories(GammaGammaModel.TYPE));
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(run.source().name(), e);
    }
    FitReport purchaseReport = purchases.fitReport().orElseThrow();
    FitReport spendReport = spend.fitReport().orElseThrow();
    stdout.print(purchaseReport.summaryTable());
    stdout.println();
    stdout.print(spendReport.summaryTable());
    stdout.println();
    Path models = dir.resolve("models");
    FitCommand.save(purchases, unit, models.resolve(kind.id() + ".properties"));
    FitCommand.save(spend, unit, models.resolve("gg.properties"));

    Scoring scores = Scoring.score(table, purchases, spend, settings);
    scores.write(dir.resolve("scores.csv"), stdout);

    Diagnostics d = Diagnostics.of(purchases, table, run);
    Path diagnostics = dir.resolve("diagnostics");
    write(diagnostics.resolve("period_transactions.csv"), d.periodTransactions.toCsv());
    write(diagnostics.resolve("tracking.csv"), d.tracking.toCsv());
    write(diagnostics.resolve("p_alive_matrix.csv"), d.probabilityAlive.toCsv());
    if (d.calibrationHoldout != null) {
      write(diagnostics.resolve("calibration_holdout.csv"), d.calibrationHoldout.toCsv());
    }

    List<Charts.Image> charts = new ArrayList<>();
    String name = purchases.name();
    charts.add(Charts.cumulative(d.tracking, d.calibrationEnd, unit, name));
    charts.add(Charts.incremental(d.tracking, d.calibrationEnd, unit, name));
    charts.add(Charts.periodTransactions(d.periodTransactions, name));
    if (d.calibrationHoldout != null) {
      charts.add(Charts.calibrationHoldout(d.calibrationHoldout, name));
    }
    charts.add(Charts.probabilityAliveHeatMap(d.probabilityAlive, unit));
    charts.add(Charts.clvDistribution(scores.clv, settings.horizon(), unit));
    charts.add(Charts.pareto(scores.clv));
    charts.add(Charts.lifecycleStages(scores.stageCounts()));
    charts.add(Charts.rfmSegments(scores.segmentCounts()));
    for (Charts.Image c : charts) {
      Output.write(dir.resolve("charts").resolve(c.name() + ".png"), c.png());
    }
    Path html = dir.resolve("report.html");
    Files files = new Files(kind.id(), d.calibrationHoldout != null, run.rejects() != null);
    String page =
        page(run, kind, purchaseReport, spendReport, scores, settings, d, charts, files, dir);
    Output.write(html, page.getBytes(StandardCharsets.UTF_8));
    stdout.println("report: " + html);
    stdout.flush();
    err.flush();
    return ExitCodes.OK;
  }

  private static void write(Path file, String text) {
    Output.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Which optional files exist. */
  record Files(String modelKey, boolean calibrationHoldout, boolean rejects) {}

  /** The diagnostics values behind the charts, from the library's diagnostics package. */
  static final class Diagnostics {
    PeriodTransactions periodTransactions;
    CalibrationHoldout calibrationHoldout;
    RepeatPurchaseTracking tracking;
    FrequencyRecencyMatrix probabilityAlive;
    double calibrationEnd;

    static Diagnostics of(PurchaseModel model, SummaryTable table, SummaryRun.Result run) {
      CustomerSummaries s = run.summaries();
      TimeScale scale = run.unit().scale();
      Diagnostics d = new Diagnostics();
      d.periodTransactions = PeriodTransactions.of(model, table.histories(), LAST_BUCKET);
      if (s.hasHoldout()) {
        d.calibrationHoldout = CalibrationHoldout.of(model, s, LAST_BUCKET);
      }
      LocalDateTime origin = SummaryRun.origin(s);
      double[] joined = new double[s.size()];
      for (int i = 0; i < joined.length; i++) {
        joined[i] = scale.between(origin, s.firstPurchase(i));
      }
      double span = scale.between(origin, s.options().observationEnd());
      int periods = Math.max(1, (int) Math.ceil(span - 1e-9));
      double[] times = IntStream.rangeClosed(1, periods).asDoubleStream().toArray();
      double[] repeats = run.purchases().repeatPurchaseTimes(s, origin, scale);
      d.tracking = RepeatPurchaseTracking.fromPurchaseTimes(model, joined, repeats, times);
      d.calibrationEnd = scale.between(origin, s.options().calibrationEnd());
      double maxAge = 0;
      int maxFrequency = 0;
      for (int i = 0; i < table.size(); i++) {
        maxAge = Math.max(maxAge, table.age[i]);
        maxFrequency = Math.max(maxFrequency, (int) table.frequency[i]);
      }
      double[] grid =
          maxAge > 0 ? FrequencyRecencyMatrix.recencyGrid(maxAge, 12) : new double[] {0};
      d.probabilityAlive =
          FrequencyRecencyMatrix.probabilityAlive(model, Math.min(maxFrequency, 20), grid, maxAge);
      return d;
    }
  }

  private static String page(
      SummaryRun.Result run,
      ModelType<?> kind,
      FitReport purchaseReport,
      FitReport spendReport,
      Scoring scores,
      Scoring.Settings settings,
      Diagnostics d,
      List<Charts.Image> charts,
      Files files,
      Path dir) {
    CustomerSummaries s = run.summaries();
    TimeUnit unit = run.unit();
    int n = s.size();
    double totalClv = 0;
    double totalPurchases = 0;
    double meanAlive = 0;
    for (int i = 0; i < n; i++) {
      totalClv += scores.clv[i];
      totalPurchases += scores.expectedPurchases[i];
      meanAlive += scores.probabilityAlive[i];
    }
    meanAlive /= n;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores.clv[i]));
    double top20 = 0;
    for (int k = 0; k < (int) Math.ceil(0.2 * n); k++) {
      top20 += scores.clv[order[k]];
    }

    Html h = new Html();
    String title = "Customer lifetime value: " + run.source().name();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .element("title", title)
        .raw("<style>\n")
        .raw(
            "body{font-family:system-ui,-apple-system,'DejaVu Sans',Arial,sans-serif;margin:0;"
                + "background:#f4f6f8;color:#1d2733}\n"
                + "header{background:#1f4e79;color:#fff;padding:24px 40px}\n"
                + "header h1{margin:0 0 6px;font-size:26px}header p{margin:0;opacity:.9}\n"
                + "main{max-width:1000px;margin:0 auto;padding:24px 40px}\n"
                + "section{background:#fff;border-radius:6px;padding:18px 24px;margin:0 0 20px;"
                + "box-shadow:0 1px 3px rgba(0,0,0,.08)}\n"
                + "h2{font-size:19px;margin:4px 0 12px;color:#1f4e79}\n"
                + ".tiles{display:flex;flex-wrap:wrap;gap:12px}\n"
                + ".tile{flex:1 1 150px;background:#eef3f8;border-radius:6px;padding:12px}\n"
                + ".tile b{display:block;font-size:22px;color:#1f4e79}\n"
                + "table{border-collapse:collapse;font-size:14px;margin:8px 0}\n"
                + "th,td{border-bottom:1px solid #e3e7eb;padding:4px 10px;text-align:right}\n"
                + "th:first-child,td:first-child{text-align:left}\n"
                + "figure{margin:0 0 22px}figure img{max-width:100%;height:auto;"
                + "border:1px solid #e3e7eb}\n"
                + "figcaption{font-size:14px;color:#4a5866;margin-top:4px}\n"
                + "pre{background:#f4f6f8;padding:10px;overflow-x:auto;font-size:13px}\n"
                + "a{color:#1f4e79}\n")
        .raw("</style>\n</head>\n<body>\n<header>\n")
        .element("h1", title)
        .element(
            "p",
            String.format(
                Locale.ROOT,
                "%s and Gamma-Gamma models, fitted on purchases to %s; made by clv (clvkit %s) on"
                    + " %s",
                purchaseReport.model(),
                s.options().calibrationEnd().toLocalDate(),
                ModelFiles.libraryVersion(),
                ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT))))
        .raw("</header>\n<main>\n");

    h.raw("<section id=\"summary\">\n").element("h2", "At a glance").raw("<div class=\"tiles\">\n");
    tile(h, Html.number(n, 0), "customers");
    tile(h, Html.number(s.repeatCustomers(), 0), "bought again in calibration");
    tile(h, Html.number(meanAlive * 100, 1) + " %", "mean P(alive)");
    tile(
        h,
        Html.number(totalPurchases, 0),
        "expected purchases in the next " + settings.horizon() + " " + unit.plural());
    tile(h, Html.number(totalClv, 0), "total CLV over " + settings.horizon() + " " + unit.plural());
    tile(
        h,
        Html.number(totalClv > 0 ? 100 * top20 / totalClv : 0, 0) + " %",
        "of CLV from the top 20 % of customers");
    h.raw("</div>\n");
    h.element("p", run.account());
    h.element(
        "p",
        String.format(
            Locale.ROOT,
            "CLV is margin %s x expected spend per purchase (Gamma-Gamma) x expected purchases in"
                + " each of the next %d %s (%s), discounted at %s per period (Fader, Hardie and Lee"
                + " 2005, \"RFM and CLV\"). Lifecycle stages: established from %d purchases, at"
                + " risk after %s and churned after %s quiet %s.",
            settings.margin(),
            settings.horizon(),
            unit.plural(),
            purchaseReport.model(),
            settings.discount(),
            settings.stages().establishedPurchases(),
            settings.stages().atRiskAfter(),
            settings.stages().churnedAfter(),
            unit.plural()));
    h.raw("</section>\n");

    h.raw("<section id=\"models\">\n").element("h2", "Fitted models");
    h.element(
        "p",
        "Maximum-likelihood estimates with standard errors and 95 % intervals (from the observed"
            + " information), and how the optimiser did. Times are in "
            + unit.plural()
            + ".");
    h.element("pre", purchaseReport.summaryTable());
    h.element("pre", spendReport.summaryTable());
    h.raw("<p>Model files: ")
        .link("models/" + files.modelKey() + ".properties", files.modelKey() + ".properties")
        .raw(", ")
        .link("models/gg.properties", "gg.properties")
        .raw(" (load them with <code>clv score</code>).</p>\n</section>\n");

    h.raw("<section id=\"charts\">\n").element("h2", "Charts");
    for (Charts.Image c : charts) {
      h.raw("<figure id=\"" + c.name() + "\">\n");
      h.png(c.png(), c.title() + ": " + c.caption());
      h.raw("\n<figcaption><b>").text(c.title()).raw(".</b> ").text(c.caption()).raw(" ");
      h.link("charts/" + c.name() + ".png", "PNG").raw("</figcaption>\n</figure>\n");
    }
    h.raw("</section>\n");

    if (d.calibrationHoldout != null) {
      CalibrationHoldout c = d.calibrationHoldout;
      h.raw("<section id=\"holdout\">\n").element("h2", "Calibration versus holdout");
      h.element(
          "p",
          String.format(
              Locale.ROOT,
              "Holdout purchases over %.2f %s: actual %,.0f, predicted %,.1f.",
              c.holdoutLength(),
              unit.plural(),
              c.totalActual(),
              c.totalPredicted()));
      h.raw("<table>\n")
          .row(true, "repeat purchases in calibration", "customers", "actual", "predicted");
      for (int i = 0; i < c.size(); i++) {
        h.row(
            false,
            c.label(i),
            Html.number(c.customers(i), 0),
            Html.number(c.meanActual(i), 3),
            Html.number(c.meanPredicted(i), 3));
      }
      h.raw("</table>\n</section>\n");
    }

    h.raw("<section id=\"segments\">\n").element("h2", "Lifecycle stages and RFM segments");
    h.raw("<table>\n").row(true, "lifecycle stage", "customers");
    for (Map.Entry<LifecycleStage, Integer> e : scores.stageCounts().entrySet()) {
      h.row(false, e.getKey().name(), Html.number(e.getValue(), 0));
    }
    h.raw("</table>\n<table>\n").row(true, "RFM segment", "customers");
    for (Map.Entry<RfmSegment, Integer> e : scores.segmentCounts().entrySet()) {
      h.row(false, e.getKey().name(), Html.number(e.getValue(), 0));
    }
    h.raw("</table>\n</section>\n");

    h.raw("<section id=\"top\">\n").element("h2", "Most valuable customers");
    h.raw("<table>\n")
        .row(
            true,
            "customer",
            "x",
            "t_x",
            "T",
            "P(alive)",
            "expected purchases",
            "expected spend",
            "CLV",
            "stage",
            "RFM segment");
    for (int k = 0; k < Math.min(15, n); k++) {
      int i = order[k];
      h.row(
          false,
          s.customerId(i),
          Html.number(scores.table.frequency[i], 0),
          Html.number(scores.table.recency[i], 2),
          Html.number(scores.table.age[i], 2),
          Html.number(scores.probabilityAlive[i], 3),
          Html.number(scores.expectedPurchases[i], 2),
          Html.number(scores.expectedSpend[i], 2),
          Html.number(scores.clv[i], 2),
          scores.stage[i].name(),
          scores.segment[i].name());
    }
    h.raw("</table>\n</section>\n");

    h.raw("<section id=\"files\">\n").element("h2", "Files").raw("<ul>\n");
    fileItem(h, "summary.csv", "one row per customer: frequency, recency, age, spend, holdout");
    fileItem(
        h,
        "scores.csv",
        "one row per customer: P(alive), expected purchases and spend, CLV, stage, RFM, value"
            + " tier");
    fileItem(h, "diagnostics/period_transactions.csv", "the histogram's table");
    fileItem(h, "diagnostics/tracking.csv", "actual and expected repeat purchases per period");
    if (files.calibrationHoldout()) {
      fileItem(h, "diagnostics/calibration_holdout.csv", "calibration versus holdout");
    }
    fileItem(h, "diagnostics/p_alive_matrix.csv", "the heat map's P(alive) values");
    if (files.rejects()) {
      Path base = dir.toAbsolutePath().normalize();
      Path rejects = run.rejects().toAbsolutePath().normalize();
      String what = "the bad rows skipped, with line numbers and reasons";
      if (rejects.startsWith(base)) {
        fileItem(h, base.relativize(rejects).toString().replace('\\', '/'), what);
      } else {
        h.raw("<li>").text(rejects.toString()).raw(": ").text(what).raw("</li>\n");
      }
    }
    h.raw("</ul>\n</section>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void tile(Html h, String value, String label) {
    h.raw("<div class=\"tile\"><b>").text(value).raw("</b>").text(label).raw("</div>\n");
  }

  private static void fileItem(Html h, String path, String what) {
    if (path == null) {
      return;
    }
    h.raw("<li>").link(path, path).raw(": ").text(what).raw("</li>\n");
  }
}
