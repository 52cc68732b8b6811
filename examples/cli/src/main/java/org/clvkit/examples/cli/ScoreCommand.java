package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.clvkit.models.Model;
import org.clvkit.models.PurchaseModel;
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

  @Option(
      names = {"-p", "--purchase-model"},
      required = true,
      paramLabel = "FILE",
      description = "Saved purchase model (from clv fit: bgnbd/mbgnbd/pnbd/bgbb.properties).")
  Path purchaseModel;

  @Option(
      names = {"-s", "--spend-model"},
      paramLabel = "FILE",
      description = "Saved Gamma-Gamma spend model (gg.properties from clv fit).")
  Path spendModel;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Scores CSV to write (.gz compresses); default: standard output.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scoring.Settings settings = scoring.settings();
    PurchaseModel purchases = load(purchaseModel, PurchaseModel.class);
    GammaGammaModel spend = spendModel == null ? null : load(spendModel, GammaGammaModel.class);
    SummaryTable table = summary.read();
    Scoring scores = Scoring.score(table, purchases, spend, settings);
    scores.write(output, out);
    err.printf(
        Locale.ROOT,
        "scored %,d customers with %s%s over %d periods%n",
        table.size(),
        purchases.name(),
        spend == null ? " (no spend model: no spend, CLV or value tier)" : " and Gamma-Gamma",
        settings.horizon());
    err.flush();
    return ExitCodes.OK;
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
      throw new CliException(ExitCodes.DATA, file + ": " + e.getMessage(), e);
    }
  }
}
