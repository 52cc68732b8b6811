package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.clvkit.models.Model;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bayes.ParetoGggModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clv score}: applies saved models to a summary CSV and writes one row per customer with
 * P(alive), expected purchases over the horizon, expected spend, CLV, lifecycle stage, RFM score
 * and segment, and value tier.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Score customers with saved models: P(alive), expected purchases over --horizon, expected"
          + " spend per purchase, CLV at --discount and --margin, lifecycle stage, RFM segment and"
          + " value tier (top 1/5/20 %% by CLV).",
      "Spend, CLV and value tier need --spend-model (a Gamma-Gamma model file)."
    },
    footer = {"", ExitCodes.HELP})
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SummaryColumnOptions summary;

  @Mixin ScoreOptions scoring;

  @Mixin CovariateOptions covariates;

  @Mixin TimeVaryingOptions timeVarying;

  @Mixin CsvOutputOptions csv;

  @Option(
      names = {"-p", "--purchase-model"},
      required = true,
      paramLabel = "FILE",
      description =
          "Saved purchase model (from clv fit: bgnbd/mbgnbd/pnbd/bgbb.properties, or a pggg"
              + " model, which needs the summary's litt column).")
  Path purchaseModel;

  @Option(
      names = {"-s", "--spend-model"},
      paramLabel = "FILE",
      description = "Saved Gamma-Gamma spend model (gg.properties from clv fit).")
  Path spendModel;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Scores CSV to write (.gz compresses); default: standard output. Written to a temporary"
              + " file beside it and moved into place when complete: a failed or killed run"
              + " leaves an earlier file untouched.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    scoring.settings(TimeUnit.WEEKS); // options checked before anything is read
    if (timeVarying.purchaseLog != null) {
      throw CliException.usage(
          "--purchase-log is for clv fit only: P(alive) and the expected purchases do not depend"
              + " on the times of the earlier purchases, so scoring does not read it");
    }
    boolean escape = csv.escape();
    PathChecks checks =
        new PathChecks()
            .input("SUMMARY", summary.file)
            .input("--purchase-model", purchaseModel)
            .input("--spend-model", spendModel)
            .output("-o/--output", output);
    if (covariates.given()) {
      checks.input("--covariates", covariates.file);
    }
    if (timeVarying.given()) {
      checks.input("--time-varying-covariates", timeVarying.file);
    }
    checks.check();
    if (timeVarying.given()) {
      // A Pareto/NBD with time-varying covariates (pnbd-time-varying.properties): P(alive) and
      // the expected purchases over the horizon, with the file's periods after the calibration.
      TimeUnit unit = TimeVaryingOptions.unitOf(purchaseModel);
      Scoring.Settings tvSettings = scoring.settings(unit);
      TimeVaryingOptions.Joined joined = timeVarying.join(summary.read(), covariates, unit, err);
      timeVarying.score(purchaseModel, joined, tvSettings.horizon(), output, out, escape);
      err.printf(
          Locale.ROOT,
          "scored %,d customers with the time-varying covariate model %s over %s%n",
          joined.ids().length,
          purchaseModel,
          tvSettings.horizonText());
      err.flush();
      return ExitCodes.OK;
    }
    if (covariates.given()) {
      // A covariate model (pnbd-covariates / bgnbd-covariates.properties): P(alive) and the
      // expected purchases over the horizon per customer.
      Scoring.Settings covariateSettings = scoring.settings(TimeUnit.WEEKS);
      SummaryTable covariateTable = summary.read();
      CovariateOptions.Joined joined = covariates.join(covariateTable, err);
      covariates.score(
          purchaseModel,
          joined,
          covariateSettings.horizon(),
          covariateSettings.discount(),
          output,
          out,
          escape);
      err.printf(
          Locale.ROOT,
          "scored %,d customers with the covariate model %s over %s%n",
          joined.ids().length,
          purchaseModel,
          covariateSettings.horizonText());
      err.flush();
      return ExitCodes.OK;
    }
    SummaryTable table;
    PurchaseModel purchases;
    String modelName;
    GammaGammaModel spend;
    Scoring.Settings settings;
    try (AtomicOutput scoresOut = AtomicOutput.openOrStdout(output, out)) {
      TimeUnit unit = TimeUnit.parse(loadUnit(purchaseModel));
      settings = scoring.settings(unit);
      Model saved = load(purchaseModel, Model.class);
      if (saved instanceof ParetoGggModel ggg) {
        spend = spendModel == null ? null : load(spendModel, GammaGammaModel.class);
        table = summary.read();
        if (table.litt == null) {
          throw CliException.usage(PGGG_NEEDS_LITT.formatted(table.source, purchaseModel));
        }
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        Scoring scores = Scoring.score(table, ggg, spend, settings, threads);
        scores.write(scoresOut, escape);
        scoresOut.commit();
        purchases = null;
      } else {
        if (!(saved instanceof PurchaseModel)) {
          throw CliException.usage(
              "-p/--purchase-model must hold a purchase model ("
                  + ModelTypes.ids(ModelTypes.all(PurchaseModel.class))
                  + "), "
                  + purchaseModel
                  + " holds "
                  + saved.name()
                  + " ("
                  + saved.type().id()
                  + "), which clv score does not score");
        }
        purchases = (PurchaseModel) saved;
        spend = spendModel == null ? null : load(spendModel, GammaGammaModel.class);
        table = summary.read();
        Scoring scores = Scoring.score(table, purchases, spend, settings);
        scores.write(scoresOut, escape);
        scoresOut.commit();
      }
      modelName = saved.name();
    }
    err.printf(
        Locale.ROOT,
        "scored %,d customers with %s%s over %s%n",
        table.size(),
        modelName,
        spend == null ? " (no spend model: no spend, CLV or value tier)" : " and Gamma-Gamma",
        settings.horizonText());
    err.flush();
    return ExitCodes.OK;
  }

  /**
   * The usage error for a Pareto/GGG and a summary without litt: its predictions need each
   * customer's sum of log inter-purchase times (formatted with the summary and the model file).
   */
  static final String PGGG_NEEDS_LITT =
      "%s has no litt column, and the Pareto/GGG in %s needs it: its P(alive) and expected"
          + " purchases depend on each customer's sum of log inter-purchase times (litt); clv"
          + " summarize writes that column (summarise the transaction log again with it)";

  /** The time unit recorded in a model file ("week" when it has none). */
  static String loadUnit(Path file) {
    try {
      String unit = ModelFiles.load(file, Model.class).provenance().timeUnit();
      return unit == null || unit.isBlank() ? "week" : unit;
    } catch (IOException | RuntimeException e) {
      return "week"; // load() below reports what is wrong with the file
    }
  }

  /** Loads a model file, naming the file in every error. */
  static <M extends Model> M load(Path file, Class<M> type) {
    try {
      return ModelFiles.load(file, type).model();
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.IO, file + ": file not found", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, file + ": cannot read: " + e.getMessage(), e);
    } catch (ModelFileException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("fit")) {
        throw new CliException(
            ExitCodes.DATA,
            file + ": " + message,
            "for a model with hand-set parameters, set model.fitted = false, delete every fit.*"
                + " line (and for Gamma-Gamma set model.customersLeftOut = 0): it then loads as a"
                + " model built from its parameters, without a fit report");
      }
      throw new CliException(ExitCodes.DATA, file + ": " + message, e);
    }
  }
}
