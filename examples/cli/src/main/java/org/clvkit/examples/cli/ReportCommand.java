package org.clvkit.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.diagnostics.CalibrationHoldout;
import org.clvkit.models.diagnostics.FrequencyRecencyMatrix;
import org.clvkit.models.diagnostics.PeriodTransactions;
import org.clvkit.models.diagnostics.RepeatPurchaseTracking;
import org.clvkit.models.gammagamma.GammaGammaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clv report}: everything in one go, from a transaction log (or, with none, the bundled
 * CDNOW sample with the literature's settings) to a directory with the summary, the fitted models,
 * the scores with 90 % intervals, the diagnostics tables, the charts as PNG files and a
 * self-contained {@code report.html} (charts inlined) in English or Chinese.
 *
 * <p>Every applicable purchase model is fitted and compared ({@link ReportModels}); the report uses
 * the best by holdout error (BIC without a holdout) unless {@code -m} names one. Intervals come
 * from the library's {@code org.clvkit.models.uncertainty} ({@link ReportIntervals}); segments from
 * a file or the acquisition cohort ({@link Segments}); cohort retention by month ({@link Cohorts}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise, fit, compare, score and chart in one go, into a directory with report.html"
          + " (self-contained: charts inlined), summary.csv, scores.csv (with 90 %% intervals),"
          + " segments.csv, cohorts.csv, models/, diagnostics/ and charts/.",
      "Fits every purchase model clv fit knows that applies to the data (the continuous-time"
          + " ones: BG/NBD, MBG/NBD, Pareto/NBD, NBD, GGompertz/NBD, ...; BG/BB on discrete data),"
          + " compares them with a recommendation in words and uses the best: lowest holdout error"
          + " when there is a holdout, else lowest BIC; -m overrides.",
      "With --covariates FILE it also fits the chosen model with static covariates (Pareto/NBD"
          + " or BG/NBD; Pareto/NBD for the others) and shows the coefficients with 95 %% intervals"
          + " and the likelihood-ratio test against the model without covariates.",
      "Without TRANSACTIONS it runs on the bundled CDNOW sample with the literature's settings:"
          + " weeks, calibration to 1997-09-30, holdout to 1998-06-30 (Fader, Hardie and Lee 2005),"
          + " segmented by acquisition cohort."
    },
    footer = {"", ExitCodes.HELP})
final class ReportCommand implements Callable<Integer> {
  /** The last bucket of the histogram and of calibration versus holdout (7 or more). */
  static final int LAST_BUCKET = 7;

  @Spec CommandSpec spec;

  @Mixin InputOptions input;

  @Mixin FitOptions fit;

  @Mixin ScoreOptions scoring;

  @Mixin CsvOutputOptions csv;

  @Mixin CovariateOptions covariates;

  @Option(
      names = {"-m", "--model"},
      defaultValue = "auto",
      paramLabel = "MODEL",
      description =
          "Purchase model: auto (default: the best of the comparison) or the id of a purchase"
              + " model as clv fit names them (bgbb on discrete data only; pggg, the Pareto/GGG"
              + " by MCMC, needs the litt column, which summaries have when same-day purchases"
              + " are merged, and leaves out the intervals and the diagnostics of (x, t_x, T)"
              + " models, with a note); spend is always Gamma-Gamma.")
  String model;

  @Option(
      names = "--compare",
      split = ",",
      paramLabel = "MODEL",
      description =
          "Purchase models to fit and compare (default: every one that applies to the data); the"
              + " -m model is always among them. E.g. --compare bgnbd,mbgnbd,pnbd,nbd leaves out"
              + " the GGompertz/NBD, whose fit is slow on large logs; pggg adds the Pareto/GGG"
              + " (MCMC, --mcmc) to the table, which the rule does not rank.")
  List<String> compare;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description =
          "Folder of the report (default clv-report). Built beside it and swapped in only when"
              + " the whole report succeeded: a failed or killed run leaves an earlier report"
              + " untouched. An existing folder is replaced only if clv wrote it or it is empty.")
  Path output;

  @Option(names = "--out", hidden = true, paramLabel = "DIR", description = "Old spelling of -o.")
  Path deprecatedOut;

  @Option(
      names = "--lang",
      defaultValue = "en",
      paramLabel = "LANG",
      description = "Language of the report: en (default) or zh-CN (simplified Chinese).")
  String lang;

  @Option(
      names = "--currency",
      paramLabel = "CODE",
      description = "Currency of the amounts, shown with money values (e.g. USD, EUR, CNY).")
  String currency;

  @Option(
      names = "--annual-discount",
      paramLabel = "RATE",
      description =
          "Discount rate per year for CLV (e.g. 0.1 for 10%%), converted to the time unit:"
              + " (1 + RATE)^(days per period / 365.25) - 1. Instead of --discount.")
  Double annualDiscount;

  @Option(
      names = "--segments",
      paramLabel = "FILE",
      description =
          "Segments file: CSV with a header, the customer id first and one segment column after"
              + " another (channel, region, ...; at most 5 columns of at most 50 segments each)."
              + " Default: the acquisition cohort (month of the first purchase).")
  Path segments;

  @Option(
      names = "--segment-column",
      paramLabel = "NAME|INDEX",
      description =
          "Segments from a column of the transaction log (header name or position from 1; at"
              + " most 50 segments). A customer's segment is the one on the row of their first"
              + " purchase; customers whose rows disagree are counted on the page. Instead of"
              + " --segments.")
  String segmentColumn;

  @Option(
      names = "--acquisition-cost",
      paramLabel = "FILE",
      description =
          "Acquisition cost per customer: CSV with a header, segment (of the first segment"
              + " column) then cost; adds LTV:CAC and payback per segment.")
  Path acquisitionCost;

  @Option(
      names = "--draws",
      defaultValue = "200",
      paramLabel = "N",
      description =
          "Parameter draws for the 90 %% intervals (from the fits' asymptotic normal; default"
              + " 200).")
  int draws;

  @Option(
      names = "--bootstrap",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Also refit both models on N bootstrap resamples of the customers (seeded with --seed)"
              + " and use those intervals on the page and in scores.csv (default 0: none).")
  int bootstrap;

  /** The models --compare names, or null for every applicable one (set in {@link #call}). */
  private List<ModelType<? extends PurchaseModel>> only;

  /** Whether the Pareto/GGG is fitted ({@code -m pggg} or named by --compare). */
  private boolean withGgg;

  /** Whether the report scores with the Pareto/GGG ({@code -m pggg}). */
  private boolean gggUsed;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Messages msg = Messages.of(lang);
    ModelType<? extends PurchaseModel> requested = null;
    gggUsed = ReportParetoGgg.is(model);
    withGgg = gggUsed;
    if (!model.strip().equalsIgnoreCase("auto") && !gggUsed) {
      requested =
          ModelChoice.parse(
              "--model",
              model,
              PurchaseModel.class,
              "a report needs a purchase model: auto, "
                  + ModelTypes.ids(ModelTypes.all(PurchaseModel.class))
                  + ", "
                  + ReportParetoGgg.ID);
    }
    List<ModelType<? extends PurchaseModel>> only = null;
    if (compare != null) {
      only = new ArrayList<>();
      for (String id : compare) {
        if (ReportParetoGgg.is(id)) {
          withGgg = true;
          continue;
        }
        only.add(ModelChoice.parse("--compare", id, PurchaseModel.class, "not a purchase model"));
      }
      if (only.isEmpty()) {
        throw CliException.usage(
            "--compare must name at least one model besides "
                + ReportParetoGgg.ID
                + ": the comparison's rule ranks the maximum-likelihood fits");
      }
    }
    this.only = only;
    if (gggUsed && bootstrap > 0) {
      throw CliException.usage(
          "--bootstrap does not apply to -m "
              + ReportParetoGgg.ID
              + " (an MCMC fit: refitting it on every resample would take many minutes)");
    }
    if (gggUsed && covariates.given()) {
      throw CliException.usage(
          "--covariates does not apply to -m "
              + ReportParetoGgg.ID
              + ": the covariate models are Pareto/NBD and BG/NBD");
    }
    if (draws < 2) {
      throw CliException.usage("--draws must be >= 2, was " + draws);
    }
    if (bootstrap < 0 || bootstrap == 1) {
      throw CliException.usage("--bootstrap must be 0 or >= 2, was " + bootstrap);
    }
    boolean discountGiven = spec.commandLine().getParseResult().hasMatchedOption("--discount");
    if (annualDiscount != null && discountGiven) {
      throw CliException.usage("give --discount or --annual-discount, not both");
    }
    if (annualDiscount != null && (!(annualDiscount > -1) || annualDiscount.isInfinite())) {
      throw CliException.usage("--annual-discount must be finite and > -1, was " + annualDiscount);
    }
    if (covariates.given()) {
      covariates.settings(); // a bad --l2 is a usage error before anything is read
    }
    if (segmentColumn != null && segments != null) {
      throw CliException.usage("--segment-column and --segments must not both be given");
    }
    scoring.settings(TimeUnit.WEEKS); // options checked before anything is read
    fit.mcmcSettings();
    csv.escape();
    Path out = Output.chosen(output, deprecatedOut, Path.of("clv-report"), err);
    Path rejects = SummaryRun.rejectsFile(input, out.resolve("rejects.csv"));
    boolean rejectsOutside = input.rejects != null;
    new PathChecks()
        .input("TRANSACTIONS", input.file)
        .input("--segments", segments)
        .input("--acquisition-cost", acquisitionCost)
        .input("--covariates", covariates.file)
        .outputFolder("-o/--output", out)
        .output("--rejects", rejectsOutside ? rejects : null)
        .check();
    try (OutputFolder dir = OutputFolder.open(out, "-o/--output");
        AtomicOutput rejectsOut =
            rejects == null
                ? null
                : rejectsOutside ? AtomicOutput.open(rejects) : dir.file("rejects.csv")) {
      build(dir, msg, requested, rejectsOut, rejects, stdout, err);
      if (rejectsOut != null) {
        rejectsOut.commit();
      }
      dir.commit();
    }
    stdout.println("report: " + out.resolve("report.html"));
    stdout.flush();
    err.flush();
    return ExitCodes.OK;
  }

  private void build(
      OutputFolder dir,
      Messages msg,
      ModelType<? extends PurchaseModel> requested,
      AtomicOutput rejectsOut,
      Path rejects,
      PrintWriter stdout,
      PrintWriter err) {
    boolean marginGiven = spec.commandLine().getParseResult().hasMatchedOption("--margin");
    SegmentColumn column =
        segmentColumn == null
            ? null
            : new SegmentColumn(ColumnSpec.parse("--segment-column", segmentColumn));
    SummaryRun.Result run = SummaryRun.run(input, true, rejectsOut, rejects, true, column, err);
    err.println(run.account());
    CustomerSummaries summaries = run.summaries();
    TimeUnit unit = run.unit();
    Scoring.Settings given = scoring.settings(unit);
    if (given.horizon() != Math.rint(given.horizon())) {
      throw CliException.usage(
          "--horizon must come to a whole number of periods for a report, was "
              + given.horizonText());
    }
    double periodDays = unit.scale().seconds() / 86_400.0;
    Scoring.Settings settings =
        annualDiscount == null
            ? given
            : new Scoring.Settings(
                given.horizon(),
                unit,
                Math.pow(1 + annualDiscount, periodDays / 365.25) - 1,
                given.margin(),
                given.stages(),
                given.rfmLevels());
    double annual =
        annualDiscount != null
            ? annualDiscount
            : Math.pow(1 + settings.discount(), 365.25 / periodDays) - 1;
    try (AtomicOutput summaryOut = dir.file("summary.csv")) {
      SummaryCsv.write(summaries, summaryOut, csv.escape());
      summaryOut.commit();
    }
    SummaryTable table = SummaryTable.of(run.source().name(), summaries);

    Segments segs =
        column != null
            ? Segments.fromColumn(column, summaries, msg.get("segments.unknown"))
            : segments == null
                ? Segments.acquisitionCohort(summaries, msg.get("segments.cohort"))
                : Segments.read(segments, summaries, msg.get("segments.unknown"));
    int dims = segs.dimensions.size();
    int[][] assignment = new int[dims][];
    int[] segmentCounts = new int[dims];
    for (int k = 0; k < dims; k++) {
      assignment[k] = segs.dimensions.get(k).assignment();
      segmentCounts[k] = segs.dimensions.get(k).size();
    }
    long[] unmatchedCosts = new long[1];
    Map<Integer, Double> costs =
        acquisitionCost == null
            ? Map.of()
            : Segments.readCosts(acquisitionCost, segs.dimensions.get(0), unmatchedCosts);

    TrackingInput tracking = TrackingInput.of(run);
    ReportModels choice =
        ReportModels.fit(
            table,
            summaries,
            requested,
            only,
            fit,
            m -> tracking.curve(m),
            tracking.calibrationEnd);
    ReportParetoGgg ggg = withGgg ? ReportParetoGgg.fit(table, summaries, fit, gggUsed) : null;
    PurchaseModel purchases = choice.model();
    GammaGammaModel spend;
    try {
      spend =
          GammaGammaModel.TYPE
              .fitter()
              .withSettings(fit.settings(GammaGammaModel.TYPE))
              .fit(table.histories(GammaGammaModel.TYPE));
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(run.source().name(), e);
    }
    for (PurchaseModel m : choice.models()) {
      stdout.print(fitTable(m));
      stdout.println();
    }
    if (ggg != null) {
      stdout.print(fitTable(ggg.model()));
      stdout.println();
    }
    stdout.print(spend.fitReport().orElseThrow().summaryTable());
    stdout.println();
    for (int k = 0; k < choice.models().size(); k++) {
      FitCommand.save(
          choice.models().get(k),
          unit,
          dir.staged("models/" + choice.kinds().get(k).id() + ".properties"));
    }
    if (ggg != null) {
      FitCommand.save(
          ggg.model(), unit, dir.staged("models/" + ReportParetoGgg.ID + ".properties"));
    }
    FitCommand.save(spend, unit, dir.staged("models/gg.properties"));
    ReportCovariates covariateFit =
        covariates.given()
            ? ReportCovariates.fit(
                covariates, choice.kind(), table, fit.settings(choice.kind()), unit, dir, err)
            : null;

    Scoring scores =
        gggUsed
            ? Scoring.score(table, ggg.model(), spend, settings, ReportParetoGgg.threads())
            : Scoring.score(table, purchases, spend, settings);

    long seed = fit.settings(choice.kind()).seed();
    List<ReportIntervals.Result> intervals = new ArrayList<>();
    // The Pareto/GGG has no asymptotic normal to draw from: no intervals (the page says so).
    if (!gggUsed) {
      intervals.add(
          ReportIntervals.compute(
              msg.format("intervals.parameters", draws),
              ReportIntervals.parameterDraws(purchases, spend, table, draws, seed),
              table,
              settings,
              scores.expectedPurchases,
              scores.clv,
              assignment,
              segmentCounts));
    }
    if (bootstrap > 0) {
      intervals.add(
          0,
          ReportIntervals.compute(
              msg.format("intervals.bootstrap", bootstrap),
              ReportIntervals.bootstrapDraws(
                  choice.kind(),
                  table,
                  bootstrap,
                  seed,
                  fit.settings(choice.kind()),
                  fit.settings(GammaGammaModel.TYPE)),
              table,
              settings,
              scores.expectedPurchases,
              scores.clv,
              assignment,
              segmentCounts));
    }
    ReportIntervals.Result shown = intervals.isEmpty() ? null : intervals.get(0);
    try (AtomicOutput scoresOut = dir.file("scores.csv")) {
      scores.write(scoresOut, csv.escape(), shown);
      scoresOut.commit();
    }

    Diagnostics d =
        gggUsed
            ? Diagnostics.none(tracking)
            : Diagnostics.of(choice, purchases, table, run, tracking);
    if (ggg != null && ggg.calibrationHoldout() != null) {
      if (gggUsed) {
        d.calibrationHoldout = ggg.calibrationHoldout();
        d.calibrationHoldoutByModel = new ArrayList<>();
        for (PurchaseModel m : choice.models()) {
          d.calibrationHoldoutByModel.add(CalibrationHoldout.of(m, summaries, LAST_BUCKET));
        }
      }
      d.calibrationHoldoutByModel.add(ggg.calibrationHoldout()); // after the (x, t_x, T) models
    }
    Cohorts cohorts = Cohorts.of(summaries, run.purchases());
    write(
        dir,
        "diagnostics/model_comparison.csv",
        choice.comparison().toCsv(ggg == null ? List.of() : List.of(ggg.row())));
    if (d.periodTransactions != null) {
      write(dir, "diagnostics/period_transactions.csv", d.periodTransactions.toCsv());
    }
    if (d.tracking != null) {
      write(dir, "diagnostics/tracking.csv", d.tracking.toCsv());
    }
    if (d.probabilityAlive != null) {
      write(dir, "diagnostics/p_alive_matrix.csv", d.probabilityAlive.toCsv());
    }
    if (d.calibrationHoldout != null) {
      write(dir, "diagnostics/calibration_holdout.csv", d.calibrationHoldout.toCsv());
    }

    ReportPage.Context context =
        new ReportPage.Context(
            run,
            msg,
            choice,
            spend,
            scores,
            settings,
            marginGiven,
            annual,
            currency,
            d,
            segs,
            costs,
            unmatchedCosts[0],
            intervals,
            cohorts,
            dir.target(),
            acquisitionCost != null,
            covariateFit,
            ggg);
    ReportPage page = new ReportPage(context);
    write(dir, "segments.csv", page.segmentsCsv());
    write(dir, "cohorts.csv", page.cohortsCsv());
    List<Charts.Image> charts = page.charts();
    for (Charts.Image c : charts) {
      dir.write("charts/" + c.name() + ".png", c.png());
    }
    dir.write("report.html", page.html(charts).getBytes(StandardCharsets.UTF_8));
  }

  private static void write(OutputFolder dir, String relative, String text) {
    dir.write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The cohort's time axis and repeat purchases, for the tracking curve of any model. */
  static final class TrackingInput {
    LocalDateTime origin;
    double[] joined;
    double[] repeats;
    double[] times;
    double calibrationEnd;

    static TrackingInput of(SummaryRun.Result run) {
      CustomerSummaries s = run.summaries();
      TimeScale scale = run.unit().scale();
      TrackingInput t = new TrackingInput();
      t.origin = SummaryRun.origin(s);
      t.joined = new double[s.size()];
      for (int i = 0; i < t.joined.length; i++) {
        t.joined[i] = scale.between(t.origin, s.firstPurchase(i));
      }
      double span = scale.between(t.origin, s.options().observationEnd());
      int periods = Math.max(1, (int) Math.ceil(span - 1e-9));
      t.times = IntStream.rangeClosed(1, periods).asDoubleStream().toArray();
      t.repeats = run.purchases().repeatPurchaseTimes(s, t.origin, scale);
      t.calibrationEnd = scale.between(t.origin, s.options().calibrationEnd());
      return t;
    }

    RepeatPurchaseTracking curve(PurchaseModel model) {
      return RepeatPurchaseTracking.fromPurchaseTimes(model, joined, repeats, times);
    }
  }

  /**
   * A purchase model's fit as the command prints it: an MCMC fit's posterior, else the ML table.
   */
  private static String fitTable(Model m) {
    FitReport report = m.fitReport().orElseThrow();
    McmcFit mcmc = McmcFit.of(m);
    return mcmc != null ? mcmc.summaryTable(report) : ChosenK.summaryTable(report);
  }

  /**
   * The diagnostics values behind the charts, from the library's diagnostics package; for the
   * Pareto/GGG ({@link #none}) only the time axis and calibration versus holdout (from its own
   * predictions): the others take (x, t_x, T) models.
   */
  static final class Diagnostics {
    PeriodTransactions periodTransactions;
    CalibrationHoldout calibrationHoldout;
    List<CalibrationHoldout> calibrationHoldoutByModel;
    RepeatPurchaseTracking tracking;
    FrequencyRecencyMatrix probabilityAlive;
    double calibrationEnd;
    LocalDateTime origin;

    /** No model diagnostics: the time axis only (the page notes what is left out). */
    static Diagnostics none(TrackingInput tracking) {
      Diagnostics d = new Diagnostics();
      d.calibrationEnd = tracking.calibrationEnd;
      d.origin = tracking.origin;
      return d;
    }

    static Diagnostics of(
        ReportModels choice,
        PurchaseModel model,
        SummaryTable table,
        SummaryRun.Result run,
        TrackingInput tracking) {
      CustomerSummaries s = run.summaries();
      Diagnostics d = new Diagnostics();
      d.periodTransactions = PeriodTransactions.of(model, table.histories(), LAST_BUCKET);
      if (s.hasHoldout()) {
        d.calibrationHoldout = CalibrationHoldout.of(model, s, LAST_BUCKET);
        d.calibrationHoldoutByModel = new ArrayList<>();
        for (PurchaseModel m : choice.models()) {
          d.calibrationHoldoutByModel.add(CalibrationHoldout.of(m, s, LAST_BUCKET));
        }
      }
      d.tracking = tracking.curve(model);
      d.calibrationEnd = tracking.calibrationEnd;
      d.origin = tracking.origin;
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

  /** Names for enums in the report's language. */
  static String stage(Messages msg, LifecycleStage s) {
    return msg.get("stage." + s.name());
  }

  static String rfm(Messages msg, RfmSegment s) {
    return msg.get("rfm." + s.name());
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
