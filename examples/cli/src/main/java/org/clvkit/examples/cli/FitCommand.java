package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.DiscretePurchaseModel;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bayes.ParetoGggFitter;
import org.clvkit.models.cnbd.LittFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clv fit}: fits the chosen models on a summary CSV, prints each parameter table with
 * standard errors, 95 % intervals and fit diagnostics, and saves each fitted model as a
 * human-readable model file ({@code <out>/<model>.properties}) for {@code clv score}.
 */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = {
      "Fit models on a summary CSV, print estimates with standard errors and diagnostics, and save"
          + " the fitted models (DIR/<model>.properties) for clv score.",
      "Models: bgnbd (BG/NBD), mbgnbd (MBG/NBD), pnbd (Pareto/NBD), bgbb (BG/BB, discrete time:"
          + " whole periods, age = opportunities), gg (Gamma-Gamma spend, on repeat customers),"
          + " mbgcnbd and bgcnbd ((M)BG/CNBD-k: k chosen from the summary's litt column)."
    },
    footer = {"", ExitCodes.HELP})
final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SummaryColumnOptions summary;

  @Mixin FitOptions fit;

  @Mixin CovariateOptions covariates;

  @Mixin TimeVaryingOptions timeVarying;

  @Option(
      names = {"-m", "--model"},
      required = true,
      split = ",",
      paramLabel = "MODEL",
      description =
          "Models to fit, repeated or comma-separated: bgnbd, mbgnbd, pnbd, bgbb, sbg, gg, nbd,"
              + " ggomnbd, bdw, mbgcnbd, bgcnbd, pnbd-hb (Pareto/NBD by hierarchical Bayes, MCMC),"
              + " pggg (Pareto/GGG, MCMC; needs the litt column).")
  List<String> models;

  @Option(
      names = "--litt-column",
      paramLabel = "COLUMN",
      description =
          "Sum of log inter-purchase times per customer, for mbgcnbd and bgcnbd, which choose their"
              + " regularity k with it, and pggg, whose likelihood needs it (default litt).")
  String littColumn;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description =
          "Folder for the model files DIR/<model>.properties (default: the current folder). Each"
              + " file is written to a temporary file and moved into place when complete.")
  Path output;

  @Option(names = "--out", hidden = true, paramLabel = "DIR", description = "Old spelling of -o.")
  Path deprecatedOut;

  @Option(
      names = "--time-unit",
      paramLabel = "UNIT",
      description =
          "The summary's period, recorded in the model files. Default: read from a summary of"
              + " clv summarize (its dates and recency), else weeks; when given it must agree.")
  String timeUnit;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<ModelType<?>> kinds = new LinkedHashSet<>();
    for (String m : models) {
      kinds.add(ModelChoice.parse("--model", m, Model.class, ""));
    }
    TimeUnit unit = SummaryUnit.choose(timeUnit, summary.file);
    Path out = Output.chosen(output, deprecatedOut, Path.of("."), err);
    PathChecks checks = new PathChecks().input("SUMMARY", summary.file);
    Output.directory(out);
    String suffix =
        timeVarying.given()
            ? "-time-varying.properties"
            : covariates.given() ? "-covariates.properties" : ".properties";
    if (covariates.given()) {
      checks.input("--covariates", covariates.file);
    }
    if (timeVarying.purchaseLog != null && !timeVarying.given()) {
      throw CliException.usage("--purchase-log goes with --time-varying-covariates");
    }
    if (timeVarying.given()) {
      checks.input("--time-varying-covariates", timeVarying.file);
      if (timeVarying.purchaseLog != null) {
        checks.input("--purchase-log", timeVarying.purchaseLog);
      }
      for (ModelType<?> kind : kinds) {
        if (!kind.id().equals("pnbd")) {
          throw CliException.usage(
              "--time-varying-covariates works with -m pnbd only, not " + kind.id());
        }
      }
    }
    for (ModelType<?> kind : kinds) {
      checks.output("-o/--output", out.resolve(kind.id() + suffix));
    }
    checks.check();
    Path probe = out.resolve(".clv-fit-check");
    try (AtomicOutput writable = AtomicOutput.open(probe)) {
      // opened and deleted again: the folder takes new files
    }
    for (ModelType<?> kind : kinds) {
      fit.settings(kind); // a bad --penalty is a usage error before anything is read
      fit.mcmcSettings(); // so is a bad --mcmc
    }
    SummaryTable table = summary.read();
    for (ModelType<?> kind : kinds) {
      checkApplies(kind, table);
    }
    if (timeVarying.given()) {
      TimeVaryingOptions.Joined joined = timeVarying.join(table, covariates, unit, err);
      ModelType<?> kind = kinds.iterator().next();
      Path file =
          timeVarying.fit(joined, covariates, fit.settings(kind), unit.name(), out, stdout, err);
      stdout.println("saved " + file);
      stdout.println();
      stdout.flush();
      err.flush();
      return ExitCodes.OK;
    }
    if (covariates.given()) {
      CovariateOptions.Joined joined = covariates.join(table, err);
      for (ModelType<?> kind : kinds) {
        Path file = covariates.fit(kind, joined, fit.settings(kind), unit.name(), out, stdout, err);
        stdout.println("saved " + file);
        stdout.println();
      }
      stdout.flush();
      err.flush();
      return ExitCodes.OK;
    }
    List<String> failed = new ArrayList<>();
    int code = ExitCodes.OK;
    ExecutorService pool = Workers.fits();
    try {
      for (ModelType<?> kind : kinds) {
        code = fitOne(kind, table, unit, pool, out, failed, code, stdout, err);
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (!failed.isEmpty()) {
      err.printf(
          Locale.ROOT,
          "%d of %d models failed (%s); the others were saved%n",
          failed.size(),
          kinds.size(),
          String.join(", ", failed));
    }
    stdout.flush();
    err.flush();
    return code;
  }

  /** Fits and saves one model; returns the command's exit code so far. */
  private int fitOne(
      ModelType<?> kind,
      SummaryTable table,
      TimeUnit unit,
      ExecutorService pool,
      Path out,
      List<String> failed,
      int code,
      PrintWriter stdout,
      PrintWriter err) {
    try {
      fitAndSave(kind, table, unit, pool, out.resolve(kind.id() + ".properties"), stdout, err);
    } catch (FitFailedException e) {
      failed.add(kind.id());
      err.println("error: the " + kind.name() + " fit failed: " + e.getMessage());
      err.println("cause: " + cause(kind, e.getMessage()));
      return code == ExitCodes.OK ? ExitCodes.FIT : code;
    } catch (ClvArgumentException e) {
      failed.add(kind.id());
      err.println(
          "error: " + table.source + " (rows counted from 0 after the header): " + e.getMessage());
      return ExitCodes.DATA;
    }
    return code;
  }

  private void fitAndSave(
      ModelType<?> kind,
      SummaryTable table,
      TimeUnit unit,
      ExecutorService pool,
      Path file,
      PrintWriter stdout,
      PrintWriter err) {
    var fitter = fit.fitter(kind).withExecutor(pool);
    Model model;
    if (fitter instanceof LittFitter<?> withLitt && withLitt.needsLitt()) {
      double[] litt = LittColumn.read(summary.file, littColumn, kind.id());
      model = withLitt.fit(table.histories(kind), litt);
    } else if (fitter instanceof ParetoGggFitter && (littColumn != null || table.litt == null)) {
      double[] litt = LittColumn.read(summary.file, littColumn, kind.id());
      model = fitter.fit(table.histories(kind).withLitt(litt));
    } else {
      model = fitter.fit(table.histories(kind));
    }
    FitReport report = model.fitReport().orElseThrow();
    if (model instanceof GammaGammaModel m && m.customersLeftOut() > 0) {
      stdout.printf(
          Locale.ROOT,
          "(%,.0f customers without a repeat purchase of positive value are not in the"
              + " Gamma-Gamma fit)%n",
          m.customersLeftOut());
    }
    McmcFit mcmc = McmcFit.of(model);
    stdout.print(mcmc != null ? mcmc.summaryTable(report) : ChosenK.summaryTable(report));
    if (!report.converged()) {
      err.println(
          "warning: the "
              + kind.name()
              + " fit did not converge; kept as asked"
              + (mcmc != null ? " (longer chains: --mcmc CHAINS,BURNIN,ITERATIONS,THIN)" : ""));
    }
    save(model, unit, file);
    stdout.println("saved " + file);
    stdout.println();
  }

  /**
   * Refuses, as a usage error naming the first row that shows it, a model whose kind does not fit
   * the kind of histories: a discrete-time purchase model ({@link DiscretePurchaseModel}, e.g.
   * BG/BB) needs whole-number frequency, recency and age with frequency &lt;= age; a contract model
   * (neither a purchase nor a spend model, e.g. sBG, BdW) needs whole-number renewals with recency
   * = frequency &lt;= age. Continuous-time purchase models and the spend model take any summary.
   */
  static void checkApplies(ModelType<?> kind, SummaryTable table) {
    Class<?> c = kind.modelClass();
    boolean discrete = DiscretePurchaseModel.class.isAssignableFrom(c);
    boolean contract =
        !PurchaseModel.class.isAssignableFrom(c)
            && !GammaGammaModel.class.isAssignableFrom(c)
            && kind.estimation() != ModelType.Estimation.MCMC;
    if (!discrete && !contract) {
      return;
    }
    for (int i = 0; i < table.size(); i++) {
      double x = table.frequency[i];
      double r = table.recency[i];
      double a = table.age[i];
      boolean whole = x == Math.rint(x) && r == Math.rint(r) && a == Math.rint(a);
      boolean ok = whole && x <= a && (!contract || r == x);
      if (!ok) {
        throw CliException.usage(
            String.format(
                Locale.ROOT,
                "--model %s (%s) needs %s; row %d of %s has frequency %s, recency %s, age %s,"
                    + " as a summary of a transaction log has: choose one of %s",
                kind.id(),
                kind.name(),
                contract
                    ? "contract histories: whole-number renewals (frequency = recency) out of"
                        + " whole-number periods (age), frequency <= age"
                    : "discrete histories: whole-number frequency, recency and age (purchase"
                        + " opportunities), frequency <= age",
                i,
                table.source,
                number(x),
                number(r),
                number(a),
                ModelTypes.ids(ModelTypes.all(ContinuousPurchaseModel.class))));
      }
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  /** A plain-language cause of a failed fit, from the parameter the library names. */
  static String cause(ModelType<?> kind, String message) {
    String m = message == null ? "" : message;
    java.util.regex.Matcher p = java.util.regex.Pattern.compile("parameter (\\w+)").matcher(m);
    String parameter = p.find() ? p.group(1) : "";
    java.util.regex.Matcher ran =
        java.util.regex.Pattern.compile("ran to(?:wards)? ([-+0-9.eE]+)").matcher(m);
    boolean towardsZero = ran.find() && Math.abs(Double.parseDouble(ran.group(1))) < 1;
    // The L2 penalty pulls estimates towards 0: it keeps a parameter that runs off to large values
    // finite, and would only push one that runs towards 0 further.
    String penalty =
        towardsZero
            ? " A --penalty does not help here: it pulls the estimates towards 0, where "
                + parameter
                + " already runs."
            : " --penalty "
                + kind.id()
                + "=0.01 keeps the parameters finite if an estimate is needed.";
    if (!PurchaseModel.class.isAssignableFrom(kind.modelClass())) {
      return "spend per purchase varies too little between customers (or there are too few"
          + " repeat customers) for the Gamma-Gamma model to separate the customers' mean spend"
          + " from its spread; use more repeat customers."
          + penalty;
    }
    boolean dropout =
        parameter.equals("a")
            || parameter.equals("b")
            || parameter.equals("s")
            || parameter.equals("beta")
            || m.contains("singular");
    if (dropout && !kind.id().equals("bgbb")) {
      return "the drop-out process cannot be estimated: in these data hardly any customer seems to"
          + " have stopped buying (or almost all have); try Pareto/NBD or MBG/NBD, more"
          + " customers or a longer calibration period."
          + penalty;
    }
    if (parameter.equals("r") || parameter.equals("alpha")) {
      return "the purchase rates cannot be estimated: customers' rates hardly vary (or too few"
          + " customers buy again); use more data."
          + penalty;
    }
    return "the likelihood has no interior maximum on these data." + penalty;
  }

  /** Saves a model file atomically: complete or not at all. */
  static void save(Model model, TimeUnit unit, Path file) {
    try (AtomicOutput out = AtomicOutput.open(file)) {
      ModelFiles.save(model, Provenance.now(unit.name()), out.writer());
      out.commit();
    } catch (IOException e) {
      throw Output.cannotWrite(file, e);
    }
  }
}
