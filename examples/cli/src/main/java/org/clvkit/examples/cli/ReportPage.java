package org.clvkit.examples.cli;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.core.rfm.RfmSegment;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bayes.PosteriorSummary;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.diagnostics.CalibrationHoldout;
import org.clvkit.models.diagnostics.ModelComparison;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.uncertainty.Interval;

/**
 * The report's page, its segment and cohort tables and its charts, in the language of its {@link
 * Messages}. Computation is the library's and the scoring's; this arranges and words it.
 */
final class ReportPage {
  /** Everything the page shows. */
  record Context(
      SummaryRun.Result run,
      Messages msg,
      ReportModels choice,
      GammaGammaModel spend,
      Scoring scores,
      Scoring.Settings settings,
      boolean marginGiven,
      double annualDiscount,
      String currency,
      ReportCommand.Diagnostics diagnostics,
      Segments segments,
      Map<Integer, Double> costs,
      long unmatchedCostRows,
      List<ReportIntervals.Result> intervals,
      Cohorts cohorts,
      Path dir,
      boolean costFile,
      ReportCovariates covariates,
      ReportParetoGgg ggg) {}

  private final Context c;
  private final Messages msg;
  private final TimeUnit unit;
  private final int n;
  private final String valueName;
  private final int horizon;

  ReportPage(Context c) {
    this.horizon = (int) Math.rint(c.settings().horizon());
    this.c = c;
    this.msg = c.msg();
    this.unit = c.run().unit();
    this.n = c.run().summaries().size();
    this.valueName = c.marginGiven() ? msg.get("value.clv") : msg.get("value.revenue");
  }

  private String periods() {
    return msg.periods(unit);
  }

  /** Whether the report scores with the Pareto/GGG ({@code -m pggg}). */
  private boolean ggg() {
    return c.ggg() != null && c.ggg().used();
  }

  /** The purchase model the report scores with: the Pareto/GGG or the comparison's choice. */
  private Model usedModel() {
    return ggg() ? c.ggg().model() : c.choice().model();
  }

  /** The name of the purchase model the report scores with. */
  private String modelName() {
    return usedModel().name();
  }

  /** The intervals shown, or null when there are none (the Pareto/GGG). */
  private ReportIntervals.Result shownIntervals() {
    return c.intervals().isEmpty() ? null : c.intervals().get(0);
  }

  private String money(double v, int decimals) {
    return msg.money(c.currency(), v, decimals);
  }

  private String interval(Interval i, boolean isMoney, int decimals) {
    String lo = isMoney ? money(i.lower(), decimals) : msg.number(i.lower(), decimals);
    String hi = isMoney ? money(i.upper(), decimals) : msg.number(i.upper(), decimals);
    return msg.format("interval.range", lo, hi);
  }

  private String shortInterval(Interval i, boolean isMoney, int decimals) {
    String lo = isMoney ? money(i.lower(), decimals) : msg.number(i.lower(), decimals);
    String hi = isMoney ? money(i.upper(), decimals) : msg.number(i.upper(), decimals);
    return msg.format("interval.short", lo, hi);
  }

  /** Whether the model gives P(alive) = 1 to every customer without a repeat purchase. */
  private static boolean aliveWithoutRepeat(double[] pAlive, double[] frequency) {
    boolean any = false;
    for (int i = 0; i < pAlive.length; i++) {
      if (frequency[i] == 0) {
        any = true;
        if (pAlive[i] < 1 - 1e-12) {
          return false;
        }
      }
    }
    return any;
  }

  // ---------------------------------------------------------------- charts

  List<Charts.Image> charts() {
    Charts charts = new Charts(msg, unit);
    ReportCommand.Diagnostics d = c.diagnostics();
    String name = modelName();
    String origin = msg.date(d.origin.toLocalDate());
    List<Charts.Image> out = new ArrayList<>();
    if (d.tracking != null) {
      out.add(charts.cumulative(d.tracking, d.calibrationEnd, origin, name));
      out.add(charts.incremental(d.tracking, d.calibrationEnd, origin, name));
    }
    if (d.periodTransactions != null) {
      out.add(charts.periodTransactions(d.periodTransactions, name));
    }
    if (d.calibrationHoldoutByModel != null) {
      List<String> names = new ArrayList<>();
      for (PurchaseModel m : c.choice().models()) {
        names.add(m.name());
      }
      if (names.size() < d.calibrationHoldoutByModel.size()) {
        names.add(c.ggg().model().name()); // the Pareto/GGG's, last
      }
      int chosen = ggg() ? names.size() - 1 : c.choice().chosen();
      out.add(charts.calibrationHoldout(d.calibrationHoldoutByModel, names, chosen));
    }
    if (d.probabilityAlive != null) {
      out.add(charts.probabilityAliveHeatMap(d.probabilityAlive));
    }
    AliveByModel alive = aliveByModel();
    out.add(charts.probabilityAliveByModel(alive.groups, alive.models, alive.means));
    out.add(charts.clvDistribution(c.scores().clv, horizon, valueName));
    out.add(charts.pareto(c.scores().clv, valueName));
    List<String> stageLabels = new ArrayList<>();
    List<Integer> stageValues = new ArrayList<>();
    for (Map.Entry<LifecycleStage, Integer> e : c.scores().stageCounts().entrySet()) {
      stageLabels.add(ReportCommand.stage(msg, e.getKey()));
      stageValues.add(e.getValue());
    }
    out.add(
        charts.counts(
            "lifecycle_stages",
            msg.get("chart.stages.title"),
            msg.get("chart.stages.axis"),
            msg.get("chart.stages.caption"),
            stageLabels,
            stageValues));
    List<String> rfmLabels = new ArrayList<>();
    List<Integer> rfmValues = new ArrayList<>();
    for (Map.Entry<RfmSegment, Integer> e : c.scores().segmentCounts().entrySet()) {
      rfmLabels.add(ReportCommand.rfm(msg, e.getKey()));
      rfmValues.add(e.getValue());
    }
    out.add(
        charts.counts(
            "rfm_segments",
            msg.get("chart.rfm.title"),
            msg.get("chart.rfm.axis"),
            msg.get("chart.rfm.caption"),
            rfmLabels,
            rfmValues));
    for (int k = 0; k < c.segments().dimensions.size(); k++) {
      Segments.Dimension dim = c.segments().dimensions.get(k);
      double[] value = new double[dim.size()];
      for (int i = 0; i < n; i++) {
        value[dim.assignment()[i]] += c.scores().clv[i];
      }
      out.add(
          charts.segmentValue("segments_" + (k + 1), dim.name(), dim.labels(), value, valueName));
    }
    out.add(charts.cohortRetention(c.cohorts()));
    return out;
  }

  /** Mean P(alive) per lifecycle stage (and for customers without a repeat purchase) per model. */
  static final class AliveByModel {
    List<String> groups = new ArrayList<>();
    List<String> models = new ArrayList<>();
    double[][] means;
    int[] counts;
  }

  AliveByModel aliveByModel() {
    AliveByModel a = new AliveByModel();
    SummaryTable t = c.scores().table;
    LifecycleStage[] stages = LifecycleStage.values();
    int groups = stages.length + 2;
    for (LifecycleStage s : stages) {
      a.groups.add(ReportCommand.stage(msg, s));
    }
    a.groups.add(msg.get("alive.noRepeat"));
    a.groups.add(msg.get("alive.repeat"));
    a.counts = new int[groups];
    List<PurchaseModel> models = c.choice().models();
    ReportParetoGgg ggg = c.ggg();
    int columns = models.size() + (ggg == null ? 0 : 1);
    a.means = new double[columns][groups];
    for (int k = 0; k < columns; k++) {
      double[] p;
      if (k < models.size()) {
        a.models.add(models.get(k).name());
        p = models.get(k).probabilityAlive(t.frequency, t.recency, t.age);
      } else if (ggg.used()) {
        a.models.add(ggg.model().name());
        p = c.scores().probabilityAlive;
      } else {
        a.models.add(ggg.model().name());
        p = new double[n];
        ggg.model().probabilityAlive(t.frequency, t.recency, t.age, t.litt, p, 0, n);
      }
      int[] count = new int[groups];
      for (int i = 0; i < n; i++) {
        int s = c.scores().stage[i].ordinal();
        int r = t.frequency[i] == 0 ? stages.length : stages.length + 1;
        a.means[k][s] += p[i];
        a.means[k][r] += p[i];
        count[s]++;
        count[r]++;
      }
      for (int g = 0; g < groups; g++) {
        a.means[k][g] = count[g] == 0 ? 0 : a.means[k][g] / count[g];
      }
      a.counts = count;
    }
    return a;
  }

  // ---------------------------------------------------------------- tables as CSV

  /** Per segment: the page's segment table as CSV (every dimension). */
  String segmentsCsv() {
    StringBuilder out =
        new StringBuilder(
            "dimension,segment,customers,mean_p_alive,expected_purchases,expected_purchases_lower,"
                + "expected_purchases_upper,value,value_lower,value_upper,value_share,"
                + "top_1_percent,top_5_percent,top_20_percent,rest,cost_per_customer,ltv_cac,"
                + "payback_periods\n");
    for (int k = 0; k < c.segments().dimensions.size(); k++) {
      for (SegmentRow r : segmentRows(k)) {
        out.append(
            String.format(
                Locale.ROOT,
                "%s,%s,%d,%.6f,%.6f,%s,%s,%.6f,%s,%s,%.6f,%d,%d,%d,%d,%s,%s,%s%n",
                csv(r.dimension),
                csv(r.label),
                r.customers,
                r.meanAlive,
                r.purchasesEstimate,
                bound(r.purchases, false),
                bound(r.purchases, true),
                r.valueEstimate,
                bound(r.value, false),
                bound(r.value, true),
                r.share,
                r.tiers[0],
                r.tiers[1],
                r.tiers[2],
                r.tiers[3],
                r.cost == null ? "" : String.format(Locale.ROOT, "%.6f", r.cost),
                r.cost == null || r.cost == 0
                    ? ""
                    : String.format(Locale.ROOT, "%.6f", r.valueEstimate / r.customers / r.cost),
                r.cost == null || r.paybackUnknown
                    ? ""
                    : r.payback < 0 ? ">" + horizon : Integer.toString(r.payback)));
      }
    }
    return out.toString();
  }

  /** An interval's lower or upper bound for a CSV cell, empty without an interval. */
  private static String bound(Interval i, boolean upper) {
    return i == null ? "" : String.format(Locale.ROOT, "%.6f", upper ? i.upper() : i.lower());
  }

  String cohortsCsv() {
    StringBuilder out = new StringBuilder("cohort,customers,arpu,repeat_rate");
    for (int m = 0; m < c.cohorts().months; m++) {
      out.append(",month_").append(m);
    }
    out.append('\n');
    for (Cohorts.Row r : c.cohorts().rows) {
      out.append(
          String.format(
              Locale.ROOT, "%s,%d,%.6f,%.6f", r.month(), r.customers(), r.arpu(), r.repeatRate()));
      for (int m = 0; m < c.cohorts().months; m++) {
        out.append(',');
        if (m < r.retention().length) {
          out.append(String.format(Locale.ROOT, "%.6f", r.retention()[m]));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  /** One segment's row. */
  static final class SegmentRow {
    String dimension;
    String label;
    int customers;
    double meanAlive;
    double purchasesEstimate;
    double valueEstimate;

    /** The 90 % intervals, or null without intervals (the Pareto/GGG). */
    Interval purchases;

    Interval value;
    double share;
    int[] tiers = new int[4];
    Double cost;
    int payback = -1;

    /** Whether the payback period could not be computed (the Pareto/GGG). */
    boolean paybackUnknown;
  }

  List<SegmentRow> segmentRows(int k) {
    Segments.Dimension dim = c.segments().dimensions.get(k);
    ReportIntervals.Result iv = shownIntervals();
    Scoring s = c.scores();
    double total = 0;
    for (double v : s.clv) {
      total += v;
    }
    int size = dim.size();
    List<SegmentRow> rows = new ArrayList<>();
    // The payback needs the expected purchases of every period up to the horizon: one Monte Carlo
    // pass each for the Pareto/GGG, too slow; its payback is left out (the page says so).
    double[][] cumulative = k == 0 && !c.costs().isEmpty() && !ggg() ? cumulativeValue(dim) : null;
    for (int g = 0; g < size; g++) {
      SegmentRow r = new SegmentRow();
      r.dimension = dim.name();
      r.label = dim.labels().get(g);
      if (iv != null) {
        r.purchases = iv.segmentPurchases[k][g];
        r.value = iv.segmentValue[k][g];
        r.purchasesEstimate = r.purchases.estimate();
        r.valueEstimate = r.value.estimate();
      }
      rows.add(r);
    }
    for (int i = 0; i < n; i++) {
      SegmentRow r = rows.get(dim.assignment()[i]);
      r.customers++;
      if (iv == null) {
        r.purchasesEstimate += s.expectedPurchases[i];
        r.valueEstimate += s.clv[i];
      }
      r.meanAlive += s.probabilityAlive[i];
      if (s.tier[i] != null) {
        r.tiers[s.tier[i].ordinal()]++;
      }
    }
    for (int g = 0; g < size; g++) {
      SegmentRow r = rows.get(g);
      r.meanAlive = r.customers == 0 ? 0 : r.meanAlive / r.customers;
      r.share = total > 0 ? r.valueEstimate / total : 0;
      if (k == 0 && c.costs().containsKey(g)) {
        r.cost = c.costs().get(g);
        r.paybackUnknown = cumulative == null;
        for (int p = 0; cumulative != null && p < cumulative[g].length; p++) {
          if (cumulative[g][p] >= r.cost) {
            r.payback = p + 1;
            break;
          }
        }
      }
    }
    return rows;
  }

  /**
   * Mean cumulative discounted value per customer of each segment after 1, 2, ..., horizon periods
   * (point estimates), for the payback period.
   */
  private double[][] cumulativeValue(Segments.Dimension dim) {
    SummaryTable t = c.scores().table;
    PurchaseModel model = c.choice().model();
    double[] perPurchase = new double[n];
    for (int i = 0; i < n; i++) {
      perPurchase[i] = c.settings().margin() * c.scores().expectedSpend[i];
    }
    int[] counts = dim.counts();
    double[][] out = new double[dim.size()][horizon];
    double[] previous = new double[n];
    double[] now = new double[n];
    double factor = 1;
    double[] running = new double[dim.size()];
    for (int p = 1; p <= horizon; p++) {
      model.conditionalExpectedPurchases(p, t.frequency, t.recency, t.age, now, 0, n);
      factor /= 1 + c.settings().discount();
      for (int i = 0; i < n; i++) {
        running[dim.assignment()[i]] += (now[i] - previous[i]) * factor * perPurchase[i];
      }
      for (int g = 0; g < dim.size(); g++) {
        out[g][p - 1] = counts[g] == 0 ? 0 : running[g] / counts[g];
      }
      double[] swap = previous;
      previous = now;
      now = swap;
    }
    return out;
  }

  // ---------------------------------------------------------------- the page

  String html(List<Charts.Image> charts) {
    SummaryRun.Result run = c.run();
    CustomerSummaries s = run.summaries();
    Scoring scores = c.scores();
    Scoring.Settings settings = c.settings();
    ReportModels choice = c.choice();
    String modelName = modelName();
    FitReport purchaseReport = usedModel().fitReport().orElseThrow();
    FitReport spendReport = c.spend().fitReport().orElseThrow();
    ReportIntervals.Result iv = shownIntervals();
    SummaryTable t = scores.table;

    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores.clv[i]));
    double total = 0;
    for (double v : scores.clv) {
      total += v;
    }
    double top20 = 0;
    for (int k = 0; k < (int) Math.ceil(0.2 * n); k++) {
      top20 += scores.clv[order[k]];
    }

    Html h = new Html();
    String title = msg.format("page.title", run.source().name());
    h.raw(
            "<!DOCTYPE html>\n<html lang=\""
                + msg.htmlLang()
                + "\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .element("title", title)
        .raw("<style>\n")
        .raw(
            "body{font-family:system-ui,-apple-system,'DejaVu Sans','Noto Sans CJK SC',"
                + "'Noto Sans SC','Microsoft YaHei',Arial,sans-serif;margin:0;"
                + "background:#f4f6f8;color:#1d2733}\n"
                + "header{background:#1f4e79;color:#fff;padding:24px 40px}\n"
                + "header h1{margin:0 0 6px;font-size:26px}header p{margin:0;opacity:.9}\n"
                + "main{max-width:1040px;margin:0 auto;padding:24px 40px}\n"
                + "section{background:#fff;border-radius:6px;padding:18px 24px;margin:0 0 20px;"
                + "box-shadow:0 1px 3px rgba(0,0,0,.08)}\n"
                + "h2{font-size:19px;margin:4px 0 12px;color:#1f4e79}\n"
                + "h3{font-size:16px;margin:14px 0 6px;color:#1f4e79}\n"
                + ".tiles{display:flex;flex-wrap:wrap;gap:12px}\n"
                + ".tile{flex:1 1 150px;background:#eef3f8;border-radius:6px;padding:12px}\n"
                + ".tile b{display:block;font-size:22px;color:#1f4e79}\n"
                + ".tile small{display:block;color:#4a5866;margin-top:4px}\n"
                + ".note{background:#fff8e5;border-left:4px solid #e0a800;padding:8px 12px}\n"
                + "table{border-collapse:collapse;font-size:14px;margin:8px 0}\n"
                + "th,td{border-bottom:1px solid #e3e7eb;padding:4px 10px;text-align:right}\n"
                + "th:first-child,td:first-child{text-align:left}\n"
                + "tr.chosen td{font-weight:bold;background:#eef3f8}\n"
                + "tr.skipped td{color:#7a8694}\n"
                + "figure{margin:0 0 22px}figure img{max-width:100%;height:auto;"
                + "border:1px solid #e3e7eb}\n"
                + "figcaption{font-size:14px;color:#4a5866;margin-top:4px}\n"
                + "pre{background:#f4f6f8;padding:10px;overflow-x:auto;font-size:13px}\n"
                + ".scroll{overflow-x:auto}\n"
                + "a{color:#1f4e79}\n")
        .raw("</style>\n</head>\n<body>\n<header>\n")
        .element("h1", title)
        .element(
            "p",
            msg.format(
                "page.subtitle",
                modelName,
                msg.date(s.options().calibrationEnd().toLocalDate()),
                ModelFiles.libraryVersion(),
                ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT))))
        .raw("</header>\n<main>\n");

    // ---- at a glance
    double[] pAlive = scores.probabilityAlive;
    boolean bgnbdOneTimers = aliveWithoutRepeat(pAlive, t.frequency);
    double meanAll = 0;
    double meanRepeat = 0;
    int repeaters = 0;
    for (int i = 0; i < n; i++) {
      meanAll += pAlive[i];
      if (t.frequency[i] > 0) {
        meanRepeat += pAlive[i];
        repeaters++;
      }
    }
    meanAll /= n;
    meanRepeat = repeaters == 0 ? 0 : meanRepeat / repeaters;
    h.raw("<section id=\"summary\">\n").element("h2", msg.get("glance.title"));
    h.raw("<div class=\"tiles\">\n");
    tile(h, msg.number(n, 0), msg.get("glance.customers"), null);
    tile(h, msg.number(s.repeatCustomers(), 0), msg.get("glance.repeat"), null);
    if (bgnbdOneTimers) {
      tile(
          h,
          msg.percent(meanRepeat, 1),
          msg.format("glance.aliveRepeat", msg.number(repeaters, 0)),
          msg.format("glance.aliveRepeatNote", modelName));
    } else {
      tile(h, msg.percent(meanAll, 1), msg.get("glance.alive"), null);
    }
    tile(
        h,
        msg.number(ReportIntervals.sum(scores.expectedPurchases), 0),
        msg.format("glance.purchases", horizon, periods()),
        iv == null ? null : interval(iv.purchases, false, 0));
    tile(
        h,
        money(total, 0),
        msg.format("glance.value", valueName, horizon, periods()),
        iv == null ? null : interval(iv.value, true, 0));
    tile(
        h,
        msg.percent(total > 0 ? top20 / total : 0, 0),
        msg.format("glance.top20", valueName),
        null);
    h.raw("</div>\n");
    if (bgnbdOneTimers) {
      h.raw("<p class=\"note\">")
          .text(
              msg.format(
                  "glance.aliveExplained",
                  modelName,
                  msg.number(n - repeaters, 0),
                  msg.percent(meanAll, 1),
                  msg.number(scores.stageCounts().get(LifecycleStage.CHURNED), 0)))
          .raw("</p>\n");
    }
    h.element("p", moneyStatement());
    if (iv != null) {
      h.element(
          "p", msg.format("glance.intervals", iv.method, msg.percent(ReportIntervals.LEVEL, 0)));
    } else {
      h.raw("<p class=\"note\" id=\"no-intervals\">")
          .text(msg.format("ggg.noIntervals", modelName))
          .raw("</p>\n");
    }
    if (ggg()) {
      h.raw("<p class=\"note\" id=\"no-diagnostics\">")
          .text(msg.format("ggg.noDiagnostics", modelName))
          .raw("</p>\n");
    }
    h.element("p", msg.format("glance.reading", run.account(msg)));
    h.raw("</section>\n");

    // ---- model choice
    ModelComparison cmp = choice.comparison();
    h.raw("<section id=\"model-choice\">\n").element("h2", msg.get("models.title"));
    h.element(
        "p",
        cmp.rule() == ModelComparison.Rule.HOLDOUT_MAE
            ? msg.get("models.ruleHoldout")
            : msg.get("models.ruleBic"));
    List<String> advice = ModelAdvice.paragraphs(choice, msg);
    h.raw("<p class=\"note\"><b>").text(advice.get(0)).raw("</b></p>\n");
    double bestBic = cmp.rows().get(ModelAdvice.bestBic(cmp.rows())).bic();
    if (c.ggg() != null) {
      bestBic = Math.min(bestBic, c.ggg().row().bic());
    }
    h.raw("<div class=\"scroll\"><table>\n")
        .row(
            true,
            msg.get("models.model"),
            msg.get("models.parameters"),
            msg.get("models.logLikelihood"),
            "AIC",
            "BIC",
            "ΔBIC",
            msg.get("models.mae"),
            msg.get("models.rmse"),
            msg.get("models.tracking"),
            msg.get("models.used"));
    for (int k = 0; k < cmp.rows().size(); k++) {
      ModelComparison.Row r = cmp.rows().get(k);
      boolean usedRow = k == choice.chosen() && !ggg();
      String used =
          usedRow ? msg.get("models.yes") : k == cmp.chosen() ? msg.get("models.ruleChoice") : "";
      h.raw(usedRow ? "<tr class=\"chosen\">" : "<tr>");
      comparisonCells(h, r, bestBic, used);
    }
    if (c.ggg() != null) {
      h.raw(ggg() ? "<tr class=\"chosen\" id=\"pggg-row\">" : "<tr id=\"pggg-row\">");
      comparisonCells(h, c.ggg().row(), bestBic, ggg() ? msg.get("models.yes") : "");
    }
    for (ReportModels.Skipped skipped : choice.skipped()) {
      h.raw("<tr class=\"skipped\">");
      cells(
          h,
          skipped.kind().name(),
          Integer.toString(skipped.kind().parameterNames().size()),
          "–",
          "–",
          "–",
          "–",
          "–",
          "–",
          "–",
          msg.get("models.notFittedCell"));
      h.raw("</tr>\n");
    }
    h.raw("</table></div>\n");
    for (String paragraph : advice.subList(1, advice.size())) {
      h.element("p", paragraph);
    }
    if (c.ggg() != null) {
      h.element("p", msg.format("ggg.row", c.ggg().model().name()));
    }
    h.element(
        "p",
        ggg()
            ? msg.format("ggg.override", modelName, cmp.chosenModel().name())
            : choice.override()
                ? msg.format("models.override", modelName, cmp.chosenModel().name())
                : msg.format("models.chosen", modelName));
    h.raw("<p>");
    h.link("diagnostics/model_comparison.csv", "model_comparison.csv");
    h.raw("</p>\n</section>\n");

    // ---- fitted models
    h.raw("<section id=\"models\">\n").element("h2", msg.get("fit.title"));
    h.element("p", msg.format("fit.explain", periods()));
    McmcFit mcmc = McmcFit.of(usedModel());
    if (mcmc != null) {
      h.element("p", msg.format("fit.mcmcExplain", modelName));
    }
    fitTable(h, purchaseReport, mcmc);
    fitTable(h, spendReport, null);
    h.raw("<p>").text(msg.get("fit.files")).raw(" ");
    for (int k = 0; k < choice.kinds().size(); k++) {
      String key = choice.kinds().get(k).id();
      h.link("models/" + key + ".properties", key + ".properties").raw(", ");
    }
    if (c.ggg() != null) {
      String key = ReportParetoGgg.ID;
      h.link("models/" + key + ".properties", key + ".properties").raw(", ");
    }
    h.link("models/gg.properties", "gg.properties").raw("</p>\n</section>\n");

    // ---- covariates
    if (c.covariates() != null) {
      covariatesSection(h, c.covariates());
    }

    // ---- segments
    segmentsSection(h);

    // ---- cohorts
    cohortsSection(h, charts);

    // ---- P(alive) by model
    AliveByModel alive = aliveByModel();
    h.raw("<section id=\"alive\">\n").element("h2", msg.get("alive.title"));
    h.element("p", msg.get("alive.explain"));
    List<String> header = new ArrayList<>();
    header.add(msg.get("alive.group"));
    header.add(msg.get("alive.customers"));
    header.addAll(alive.models);
    h.raw("<table>\n").row(true, header.toArray(new String[0]));
    for (int g = 0; g < alive.groups.size(); g++) {
      List<String> cells = new ArrayList<>();
      cells.add(alive.groups.get(g));
      cells.add(msg.number(alive.counts[g], 0));
      for (int k = 0; k < alive.models.size(); k++) {
        cells.add(alive.counts[g] == 0 ? "–" : msg.percent(alive.means[k][g], 1));
      }
      h.row(false, cells.toArray(new String[0]));
    }
    h.raw("</table>\n");
    h.element(
        "p",
        msg.format(
            "alive.stages",
            settings.stages().atRiskAfter(),
            settings.stages().churnedAfter(),
            periods()));
    figure(h, charts, "p_alive_by_model");
    figure(h, charts, "p_alive_heatmap");
    if (c.diagnostics().probabilityAlive == null) {
      h.raw("<p class=\"note\">").text(msg.format("ggg.noHeatMap", modelName)).raw("</p>\n");
    }
    h.raw("</section>\n");

    // ---- charts
    h.raw("<section id=\"charts\">\n").element("h2", msg.get("charts.title"));
    if (c.diagnostics().tracking == null) {
      h.raw("<p class=\"note\">").text(msg.format("ggg.noCharts", modelName)).raw("</p>\n");
    }
    for (Charts.Image img : charts) {
      if (img.name().startsWith("segments_")
          || img.name().equals("cohort_retention")
          || img.name().startsWith("p_alive")) {
        continue;
      }
      figure(h, img);
    }
    h.raw("</section>\n");

    // ---- holdout table
    if (c.diagnostics().calibrationHoldout != null) {
      CalibrationHoldout ch = c.diagnostics().calibrationHoldout;
      h.raw("<section id=\"holdout\">\n").element("h2", msg.get("holdout.title"));
      h.element(
          "p",
          msg.format(
              "holdout.totals",
              msg.number(ch.holdoutLength(), 2),
              periods(),
              msg.number(ch.totalActual(), 0),
              msg.number(ch.totalPredicted(), 1),
              modelName));
      h.raw("<table>\n")
          .row(
              true,
              msg.get("chart.axis.repeatPurchasesCalibration"),
              msg.get("chart.axis.customers"),
              msg.get("chart.actual"),
              msg.get("holdout.predicted"));
      for (int i = 0; i < ch.size(); i++) {
        h.row(
            false,
            ch.label(i),
            msg.number(ch.customers(i), 0),
            msg.number(ch.meanActual(i), 3),
            msg.number(ch.meanPredicted(i), 3));
      }
      h.raw("</table>\n</section>\n");
    }

    // ---- lifecycle & RFM counts
    h.raw("<section id=\"stages\">\n").element("h2", msg.get("stages.title"));
    h.raw("<table>\n").row(true, msg.get("stages.stage"), msg.get("chart.axis.customers"));
    for (Map.Entry<LifecycleStage, Integer> e : scores.stageCounts().entrySet()) {
      h.row(false, ReportCommand.stage(msg, e.getKey()), msg.number(e.getValue(), 0));
    }
    h.raw("</table>\n<table>\n").row(true, msg.get("stages.rfm"), msg.get("chart.axis.customers"));
    for (Map.Entry<RfmSegment, Integer> e : scores.segmentCounts().entrySet()) {
      h.row(false, ReportCommand.rfm(msg, e.getKey()), msg.number(e.getValue(), 0));
    }
    h.raw("</table>\n</section>\n");

    // ---- top customers
    h.raw("<section id=\"top\">\n").element("h2", msg.get("top.title"));
    h.raw("<div class=\"scroll\"><table>\n")
        .row(
            true,
            msg.get("top.customer"),
            "x",
            "t_x",
            "T",
            "P(alive)",
            msg.get("top.purchases"),
            msg.get("top.purchasesInterval"),
            msg.get("top.spend"),
            valueName,
            msg.format("top.valueInterval", valueName),
            msg.get("stages.stage"),
            msg.get("stages.rfm"));
    for (int k = 0; k < Math.min(15, n); k++) {
      int i = order[k];
      h.row(
          false,
          s.customerId(i),
          msg.number(t.frequency[i], 0),
          msg.number(t.recency[i], 2),
          msg.number(t.age[i], 2),
          msg.number(scores.probabilityAlive[i], 3),
          msg.number(scores.expectedPurchases[i], 2),
          iv == null
              ? "–"
              : msg.format(
                  "interval.short",
                  msg.number(iv.purchasesLower[i], 2),
                  msg.number(iv.purchasesUpper[i], 2)),
          money(scores.expectedSpend[i], 2),
          money(scores.clv[i], 2),
          iv == null
              ? "–"
              : msg.format(
                  "interval.short", money(iv.valueLower[i], 2), money(iv.valueUpper[i], 2)),
          ReportCommand.stage(msg, scores.stage[i]),
          ReportCommand.rfm(msg, scores.segment[i]));
    }
    h.raw("</table></div>\n</section>\n");

    // ---- files
    h.raw("<section id=\"files\">\n").element("h2", msg.get("files.title")).raw("<ul>\n");
    fileItem(h, "summary.csv", msg.get("files.summary"));
    fileItem(h, "scores.csv", msg.get("files.scores"));
    fileItem(h, "segments.csv", msg.get("files.segments"));
    fileItem(h, "cohorts.csv", msg.get("files.cohorts"));
    fileItem(h, "diagnostics/model_comparison.csv", msg.get("files.comparison"));
    if (c.diagnostics().periodTransactions != null) {
      fileItem(h, "diagnostics/period_transactions.csv", msg.get("files.histogram"));
    }
    if (c.diagnostics().tracking != null) {
      fileItem(h, "diagnostics/tracking.csv", msg.get("files.tracking"));
    }
    if (c.diagnostics().calibrationHoldout != null) {
      fileItem(h, "diagnostics/calibration_holdout.csv", msg.get("files.holdout"));
    }
    if (c.diagnostics().probabilityAlive != null) {
      fileItem(h, "diagnostics/p_alive_matrix.csv", msg.get("files.heatmap"));
    }
    if (run.rejects() != null) {
      Path base = c.dir().toAbsolutePath().normalize();
      Path rejects = run.rejects().toAbsolutePath().normalize();
      String what = msg.get("files.rejects");
      if (rejects.startsWith(base)) {
        fileItem(h, base.relativize(rejects).toString().replace('\\', '/'), what);
      } else {
        h.raw("<li>").text(rejects.toString()).raw(": ").text(what).raw("</li>\n");
      }
    }
    h.raw("</ul>\n</section>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Margin, discount and horizon of the value figures, in words. */
  String moneyStatement() {
    Scoring.Settings st = c.settings();
    String discount =
        st.discount() == 0
            ? msg.get("money.noDiscount")
            : msg.format(
                "money.discount",
                msg.percent(c.annualDiscount(), 2),
                msg.percent(st.discount(), 4),
                msg.periods(unit));
    String currency =
        c.currency() == null
            ? msg.get("money.noCurrency")
            : msg.format("money.currency", c.currency());
    return c.marginGiven()
        ? msg.format(
            "money.clv",
            msg.percent(st.margin(), 1),
            discount,
            horizon,
            periods(),
            currency,
            modelName())
        : msg.format("money.revenue", discount, horizon, periods(), currency, modelName());
  }

  /** The cells of a model comparison row, after its {@code <tr>}, and the row's end. */
  private void comparisonCells(Html h, ModelComparison.Row r, double bestBic, String used) {
    cells(
        h,
        r.model(),
        Integer.toString(r.parameters()),
        msg.number(r.logLikelihood(), 2),
        msg.number(r.aic(), 2),
        msg.number(r.bic(), 2),
        msg.number(r.bic() - bestBic, 1),
        r.holdoutMae().isPresent() ? msg.number(r.holdoutMae().getAsDouble(), 4) : "–",
        r.holdoutRmse().isPresent() ? msg.number(r.holdoutRmse().getAsDouble(), 4) : "–",
        r.trackingMape().isPresent() ? msg.percent(r.trackingMape().getAsDouble() / 100, 1) : "–",
        used);
    h.raw("</tr>\n");
  }

  /**
   * A fit's estimates, standard errors, 95 % intervals and diagnostics from the report's data, in
   * the page's language (not {@link FitReport#summaryTable()}, which is English).
   */
  private void fitTable(Html h, FitReport r, McmcFit mcmc) {
    StringBuilder head =
        new StringBuilder(
            msg.format(
                "fit.fitted",
                r.model(),
                msg.number(r.customers(), 0),
                msg.number(r.patterns(), 0)));
    if (r.penalty() > 0) {
      head.append(msg.format("fit.penalty", String.format(msg.locale(), "%g", r.penalty())));
    }
    if (r.startingPointSample() > 0) {
      head.append(msg.format("fit.sample", msg.number(r.startingPointSample(), 0)));
    }
    h.element("h3", head.toString());
    h.raw("<div class=\"scroll\"><table>\n");
    if (mcmc != null) {
      mcmcTable(h, r, mcmc);
      return;
    }
    estimateRows(h, r.estimates(), r);
    optimiserLine(h, r.diagnostics());
  }

  /**
   * A maximum-likelihood table's header and rows, and the table's end (after its {@code <table>});
   * a chosen k of the (M)BG/CNBD-k ({@link ChosenK}) of {@code report}, when given, in words.
   */
  private void estimateRows(Html h, List<ParameterEstimate> estimates, FitReport report) {
    h.row(
        true,
        msg.get("fit.parameter"),
        msg.get("fit.estimate"),
        msg.get("fit.stdError"),
        msg.get("fit.lower"),
        msg.get("fit.upper"));
    for (ParameterEstimate e : estimates) {
      if (report != null && ChosenK.is(report, e)) {
        h.row(
            false,
            e.name(),
            Integer.toString(ChosenK.value(e)),
            msg.format("fit.chosenK", ChosenK.maxK()),
            "",
            "");
        continue;
      }
      h.row(
          false, e.name(), sig(e.value()), sig(e.standardError()), sig(e.lower()), sig(e.upper()));
    }
    h.raw("</table></div>\n");
  }

  /** How a maximum-likelihood fit's optimiser did, as a paragraph. */
  private void optimiserLine(Html h, FitDiagnostics d) {
    h.element(
        "p",
        msg.format(
            "fit.diagnostics",
            msg.number(d.logLikelihood(), 4),
            d.converged() ? msg.get("fit.converged") : msg.format("fit.notConverged", d.message()),
            msg.number(d.iterations(), 0),
            msg.number(d.evaluations(), 0),
            String.format(msg.locale(), "%.2g", d.gradientNorm())));
  }

  /**
   * An MCMC fit's population parameters (posterior mean, standard deviation, 95 % interval, R-hat
   * and effective sample size of each) and how its chains ran, in place of the optimiser's
   * iterations and gradient norm, which it has not.
   */
  private void mcmcTable(Html h, FitReport r, McmcFit mcmc) {
    h.row(
        true,
        msg.get("fit.parameter"),
        msg.get("fit.mcmcMean"),
        msg.get("fit.mcmcSd"),
        msg.get("fit.lower"),
        msg.get("fit.upper"),
        "R-hat",
        msg.get("fit.mcmcEss"));
    for (PosteriorSummary p : mcmc.posterior()) {
      h.row(
          false,
          p.name(),
          sig(p.mean()),
          sig(p.standardDeviation()),
          sig(p.lower()),
          sig(p.upper()),
          String.format(msg.locale(), "%.3f", p.rhat()),
          msg.number(p.effectiveSampleSize(), 0));
    }
    h.raw("</table></div>\n");
    FitDiagnostics d = r.diagnostics();
    PosteriorSummary worst = mcmc.worst();
    String rhat = String.format(msg.locale(), "%.3f", worst.rhat());
    h.element(
        "p",
        msg.format(
            "fit.mcmcDiagnostics",
            msg.number(d.logLikelihood(), 4),
            msg.format(
                "fit.mcmcRun",
                msg.number(mcmc.chains(), 0),
                msg.number(mcmc.iterations(), 0),
                msg.number(mcmc.burnin(), 0)),
            d.converged()
                ? msg.format(
                    "fit.mcmcConverged",
                    rhat,
                    worst.name(),
                    msg.number(mcmc.leastEffectiveSampleSize(), 0))
                : msg.format("fit.mcmcNotConverged", worst.name(), rhat)));
  }

  /** The coefficient table and the likelihood-ratio test of the covariate fit. */
  private void covariatesSection(Html h, ReportCovariates cov) {
    String name = cov.kind().name();
    String base = c.choice().model().name();
    h.raw("<section id=\"covariates\">\n").element("h2", msg.get("covariates.title"));
    h.element(
        "p",
        msg.format(
            "covariates.fitted",
            name,
            msg.number(cov.customers(), 0),
            msg.number(cov.missing(), 0)));
    if (cov.substituted()) {
      h.element("p", msg.format("covariates.substituted", base, name));
    }
    h.element("p", msg.get("covariates.meaning." + cov.kind().id()));
    if (cov.report() == null) {
      FitDiagnostics d = cov.failure();
      h.raw("<p class=\"note\">")
          .text(
              msg.format(
                  "covariates.failed",
                  name,
                  msg.format(
                      "covariates.status." + d.status().name(),
                      d.parameter().isEmpty() ? "?" : d.parameter())))
          .raw("</p>\n</section>\n");
      return;
    }
    CovariateFitReport r = cov.report();
    h.raw("<div class=\"scroll\"><table>\n");
    estimateRows(h, r.parameters(), null);
    h.raw("<div class=\"scroll\"><table>\n")
        .row(
            true,
            msg.get("covariates.process"),
            msg.get("covariates.covariate"),
            msg.get("fit.estimate"),
            msg.get("fit.stdError"),
            msg.get("fit.lower"),
            msg.get("fit.upper"),
            msg.get("covariates.effect"));
    for (CoefficientEstimate e : r.coefficients()) {
      int dot = e.name().indexOf('.');
      String process = dot < 0 ? "" : e.name().substring(0, dot);
      String covariate = e.name().substring(dot + 1);
      String effect =
          e.lower() > 0
              ? msg.get("covariates.effect.positive")
              : e.upper() < 0
                  ? msg.get("covariates.effect.negative")
                  : msg.get("covariates.effect.none");
      h.row(
          false,
          process.isEmpty() ? "" : msg.get("covariates.process." + process),
          covariate,
          sig(e.value()),
          sig(e.standardError()),
          sig(e.lower()),
          sig(e.upper()),
          effect);
    }
    h.raw("</table></div>\n");
    FitDiagnostics d = r.diagnostics();
    optimiserLine(h, d);
    r.likelihoodRatioTest()
        .ifPresent(
            t -> {
              StringBuilder text =
                  new StringBuilder(
                      msg.format(
                          "covariates.test",
                          name,
                          msg.number(t.statistic(), 2),
                          t.degreesOfFreedom(),
                          String.format(msg.locale(), "%.3g", t.pValue()),
                          msg.number(d.logLikelihood(), 2),
                          msg.number(t.restrictedLogLikelihood(), 2)));
              text.append(' ')
                  .append(
                      msg.get(
                          t.pValue() < 0.05
                              ? "covariates.test.significant"
                              : "covariates.test.notSignificant"));
              if (r.purchasePenalty() > 0 || r.dropoutPenalty() > 0) {
                text.append(' ').append(msg.get("covariates.test.penalised"));
              }
              h.element("p", text.toString());
            });
    h.element("p", msg.format("covariates.scores", base));
    h.raw("<p>").text(msg.get("fit.files")).raw(" ");
    String file = cov.file();
    h.link(file, file.substring(file.indexOf('/') + 1)).raw("</p>\n</section>\n");
  }

  /** Six significant digits, as the library's summary table. */
  private String sig(double v) {
    return String.format(msg.locale(), "%.6g", v);
  }

  private void segmentsSection(Html h) {
    Segments segs = c.segments();
    h.raw("<section id=\"segments\">\n").element("h2", msg.get("segments.title"));
    if (segs.column != null) {
      h.element("p", msg.format("segments.fromColumn", segs.column));
      h.element(
          "p", msg.format("segments.disagreeing", msg.number(segs.disagreeing, 0), segs.column));
    } else {
      h.element(
          "p",
          segs.file == null
              ? msg.get("segments.fromCohort")
              : msg.format("segments.fromFile", segs.file));
    }
    if (segs.file != null) {
      h.element(
          "p", msg.format("segments.unmatched", msg.number(segs.unmatchedRows, 0), segs.file));
    }
    if (c.costFile()) {
      h.element(
          "p",
          msg.format(
              "segments.costs",
              segs.dimensions.get(0).name(),
              msg.number(c.unmatchedCostRows(), 0),
              horizon,
              periods()));
      if (ggg()) {
        h.raw("<p class=\"note\">").text(msg.format("ggg.noPayback", modelName())).raw("</p>\n");
      }
    }
    for (int k = 0; k < segs.dimensions.size(); k++) {
      Segments.Dimension dim = segs.dimensions.get(k);
      h.element("h3", dim.name());
      if (dim.unknown() >= 0) {
        h.element(
            "p",
            msg.format(
                segs.column != null ? "segments.unknownCountColumn" : "segments.unknownCount",
                msg.number(dim.counts()[dim.unknown()], 0),
                dim.labels().get(dim.unknown())));
      }
      boolean costs = k == 0 && !c.costs().isEmpty();
      List<String> header =
          new ArrayList<>(
              List.of(
                  msg.get("segments.segment"),
                  msg.get("chart.axis.customers"),
                  msg.get("segments.alive"),
                  msg.format("segments.purchases", horizon, periods()),
                  valueName,
                  msg.get("segments.share"),
                  msg.get("tier.TOP_1_PERCENT"),
                  msg.get("tier.TOP_5_PERCENT"),
                  msg.get("tier.TOP_20_PERCENT"),
                  msg.get("tier.REST")));
      if (costs) {
        header.add(msg.get("segments.cac"));
        header.add(msg.get("segments.ltvCac"));
        header.add(msg.format("segments.payback", periods()));
      }
      h.raw("<div class=\"scroll\"><table>\n").row(true, header.toArray(new String[0]));
      for (SegmentRow r : segmentRows(k)) {
        List<String> cells = new ArrayList<>();
        cells.add(r.label);
        cells.add(msg.number(r.customers, 0));
        cells.add(msg.percent(r.meanAlive, 1));
        cells.add(
            r.purchases == null
                ? msg.number(r.purchasesEstimate, 1)
                : msg.number(r.purchasesEstimate, 1) + " " + shortInterval(r.purchases, false, 1));
        cells.add(
            r.value == null
                ? money(r.valueEstimate, 0)
                : money(r.valueEstimate, 0) + " " + shortInterval(r.value, true, 0));
        cells.add(msg.percent(r.share, 1));
        for (int tier = 0; tier < 4; tier++) {
          cells.add(msg.number(r.tiers[tier], 0));
        }
        if (costs) {
          if (r.cost == null) {
            cells.add("–");
            cells.add("–");
            cells.add("–");
          } else {
            cells.add(money(r.cost, 2));
            cells.add(
                r.cost == 0 || r.customers == 0
                    ? "–"
                    : msg.number(r.valueEstimate / r.customers / r.cost, 2));
            cells.add(
                r.paybackUnknown
                    ? "–"
                    : r.payback < 0
                        ? msg.format("segments.noPayback", horizon)
                        : msg.number(r.payback, 0));
          }
        }
        h.row(false, cells.toArray(new String[0]));
      }
      h.raw("</table></div>\n");
    }
    h.element("p", msg.get("segments.tiersExplained"));
    h.raw("<p>").link("segments.csv", "segments.csv").raw("</p>\n");
    h.raw("</section>\n");
  }

  private void cohortsSection(Html h, List<Charts.Image> charts) {
    Cohorts co = c.cohorts();
    h.raw("<section id=\"cohorts\">\n").element("h2", msg.get("cohorts.title"));
    h.element("p", msg.get("cohorts.explain"));
    int shown = Math.min(co.months, 13);
    List<String> header = new ArrayList<>();
    header.add(msg.get("cohorts.cohort"));
    header.add(msg.get("chart.axis.customers"));
    header.add(msg.get("cohorts.arpu"));
    header.add(msg.get("cohorts.repeatRate"));
    for (int m = 1; m < shown; m++) {
      header.add(msg.format("cohorts.month", m));
    }
    h.raw("<div class=\"scroll\"><table>\n").row(true, header.toArray(new String[0]));
    for (Cohorts.Row r : co.rows) {
      List<String> cells = new ArrayList<>();
      cells.add(r.month().toString());
      cells.add(msg.number(r.customers(), 0));
      cells.add(money(r.arpu(), 2));
      cells.add(msg.percent(r.repeatRate(), 1));
      for (int m = 1; m < shown; m++) {
        cells.add(m < r.retention().length ? msg.percent(r.retention()[m], 1) : "");
      }
      h.row(false, cells.toArray(new String[0]));
    }
    h.raw("</table></div>\n");
    figure(h, charts, "cohort_retention");
    for (Charts.Image img : charts) {
      if (img.name().startsWith("segments_")) {
        figure(h, img);
      }
    }
    h.raw("<p>").link("cohorts.csv", "cohorts.csv").raw("</p>\n");
    h.raw("</section>\n");
  }

  private static void figure(Html h, List<Charts.Image> charts, String name) {
    for (Charts.Image img : charts) {
      if (img.name().equals(name)) {
        figure(h, img);
      }
    }
  }

  private static void figure(Html h, Charts.Image c) {
    h.raw("<figure id=\"" + c.name() + "\">\n");
    h.png(c.png(), c.title() + ": " + c.caption());
    h.raw("\n<figcaption><b>").text(c.title()).raw(".</b> ").text(c.caption()).raw(" ");
    h.link("charts/" + c.name() + ".png", "PNG").raw("</figcaption>\n</figure>\n");
  }

  private static void cells(Html h, String... cells) {
    for (String s : cells) {
      h.raw("<td>").text(s).raw("</td>");
    }
  }

  private static void tile(Html h, String value, String label, String small) {
    h.raw("<div class=\"tile\"><b>").text(value).raw("</b>").text(label);
    if (small != null) {
      h.raw("<small>").text(small).raw("</small>");
    }
    h.raw("</div>\n");
  }

  private static void fileItem(Html h, String path, String what) {
    h.raw("<li>").link(path, path).raw(": ").text(what).raw("</li>\n");
  }
}
