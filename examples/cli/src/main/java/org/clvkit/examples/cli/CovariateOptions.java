package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.bgnbd.BgNbdCovariateModel;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.covariates.CovariateTable;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.clvkit.models.sbg.SbgCovariateModel;
import picocli.CommandLine.Option;

/**
 * The covariate options of {@code clv fit} and {@code clv score}: a covariate CSV joined to the
 * summary by customer id, which covariates act on which process, constraints and the L2 penalty per
 * process (CLVTools' definitions), and the fit and scoring of the Pareto/NBD and BG/NBD with static
 * covariates.
 */
final class CovariateOptions {
  @Option(
      names = "--covariates",
      paramLabel = "FILE",
      description =
          "Covariate CSV: a customer id column and covariate columns (numeric as they are;"
              + " text one-hot with the first sorted level as reference). Fits/scores the"
              + " Pareto/NBD or BG/NBD with static covariates.")
  Path file;

  @Option(
      names = "--covariate-id-column",
      paramLabel = "NAME",
      defaultValue = "id",
      description = "The id column of the covariate CSV (default id).")
  String idColumn;

  @Option(
      names = "--purchase-covariates",
      split = ",",
      paramLabel = "NAME",
      description = "Covariates of the purchase process (default: all columns).")
  List<String> purchase;

  @Option(
      names = "--dropout-covariates",
      split = ",",
      paramLabel = "NAME",
      description = "Covariates of the drop-out process (default: all columns).")
  List<String> dropout;

  @Option(
      names = "--constrain",
      split = ",",
      paramLabel = "NAME",
      description = "Covariates with one coefficient shared by both processes.")
  List<String> constrained;

  @Option(
      names = "--l2",
      paramLabel = "purchase=L,dropout=L",
      description =
          "L2 penalty per process, added to the mean negative log-likelihood as CLVTools does"
              + " (default 0).")
  String l2;

  @Option(
      names = "--drop-missing-covariates",
      description =
          "Drop summary customers without covariates (counted) instead of stopping with an"
              + " error.")
  boolean dropMissing;

  /** Whether covariates were given. */
  boolean given() {
    return file != null;
  }

  /** The covariate settings from the options. */
  CovariateSettings settings() {
    double purchasePenalty = 0;
    double dropoutPenalty = 0;
    if (l2 != null) {
      for (String part : l2.split(",")) {
        String[] kv = part.split("=", 2);
        if (kv.length != 2) {
          throw CliException.usage("--l2 must be purchase=L,dropout=L, was " + l2);
        }
        double v;
        try {
          v = Double.parseDouble(kv[1].strip());
        } catch (NumberFormatException e) {
          throw CliException.usage("--l2 " + kv[0].strip() + " must be a number, was " + kv[1]);
        }
        switch (kv[0].strip()) {
          case "purchase" -> purchasePenalty = v;
          case "dropout" -> dropoutPenalty = v;
          default ->
              throw CliException.usage("--l2 names purchase or dropout, was " + kv[0].strip());
        }
      }
    }
    try {
      return new CovariateSettings(
          purchase,
          dropout,
          constrained == null ? List.of() : constrained,
          purchasePenalty,
          dropoutPenalty);
    } catch (ClvArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** Reads the covariate CSV (the {@code --covariates} file). */
  CovariateTable read() {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CovariateTable.read(in, file.toString(), idColumn);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.IO, file + ": file not found", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, file + ": cannot read: " + e.getMessage(), e);
    } catch (ClvArgumentException e) {
      throw CliException.data(e.getMessage());
    }
  }

  /** The summary's customers that have covariates, with their covariate rows. */
  record Joined(CustomerHistories histories, CovariateMatrix covariates, String[] ids) {}

  /** Reads the covariate CSV and joins it to the summary; reports what was dropped on stderr. */
  Joined join(SummaryTable table, PrintWriter err) {
    CovariateTable covariates = read();
    if (table.ids == null) {
      throw CliException.usage("--covariates needs customer ids in the summary (--id-column)");
    }
    CovariateTable.Alignment aligned;
    try {
      aligned = covariates.alignTo(List.of(table.ids), dropMissing);
    } catch (ClvArgumentException e) {
      throw CliException.data(file + ": " + e.getMessage());
    }
    for (String encoding : covariates.encodings()) {
      err.println("covariate " + encoding);
    }
    if (!aligned.missingCovariates().isEmpty() || !aligned.missingSummaries().isEmpty()) {
      err.printf(
          Locale.ROOT,
          "dropped %,d summary customers without covariates; ignored %,d covariate rows without"
              + " a summary customer%n",
          aligned.missingCovariates().size(),
          aligned.missingSummaries().size());
    }
    int[] kept = aligned.keptRows();
    double[] f = new double[kept.length];
    double[] r = new double[kept.length];
    double[] a = new double[kept.length];
    double[] w = new double[kept.length];
    String[] ids = new String[kept.length];
    for (int k = 0; k < kept.length; k++) {
      int i = kept[k];
      f[k] = table.frequency[i];
      r[k] = table.recency[i];
      a[k] = table.age[i];
      w[k] = table.weight == null ? 1 : table.weight[i];
      ids[k] = table.ids[i];
    }
    try {
      return new Joined(CustomerHistories.of(f, r, a, w), aligned.covariates(), ids);
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(table.source + " (rows counted from 0 after the header)", e);
    }
  }

  /**
   * Fits the covariate variant of {@code kind} ({@link ModelTypes#covariateVariant}: pnbd, bgnbd or
   * sbg with static covariates) through the shared {@link org.clvkit.models.Fitter}, prints its
   * table and saves it as {@code DIR/<variant id>.properties} ({@code pnbd-covariates.properties},
   * ...).
   */
  Path fit(
      ModelType<?> kind,
      Joined data,
      FitSettings fitSettings,
      String timeUnit,
      Path out,
      PrintWriter stdout,
      PrintWriter err) {
    ModelType<? extends CovariateModel> type;
    try {
      type = ModelTypes.covariateVariant(kind.id());
    } catch (ClvArgumentException e) {
      throw CliException.usage("--covariates: " + e.getMessage());
    }
    CovariateModel model;
    try {
      model =
          type.fitter(settings())
              .withSettings(fitSettings)
              .fit(data.histories().withCovariates(data.covariates()));
    } catch (ClvArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    CovariateFitReport report = model.covariateFitReport().orElseThrow();
    stdout.print(report.summaryTable());
    if (!report.converged()) {
      err.println("warning: the " + kind.name() + " covariate fit did not converge; kept as asked");
    }
    Path file = out.resolve(type.id() + ".properties");
    Output.createParent(file.toAbsolutePath());
    save(model, timeUnit, file);
    return file;
  }

  /** Saves a model file atomically (complete or not at all), as every output of clv. */
  static void save(org.clvkit.models.Model model, String timeUnit, Path file) {
    try (AtomicOutput out = AtomicOutput.open(file)) {
      ModelFiles.save(model, Provenance.now(timeUnit), out.writer());
      out.commit();
    } catch (IOException e) {
      throw Output.cannotWrite(file, e);
    }
  }

  /**
   * Scores the joined customers with a saved covariate model: id, P(alive) and the expected
   * purchases over {@code horizon} periods, as CSV.
   */
  void score(
      Path modelFile,
      Joined data,
      double horizon,
      double discount,
      Path output,
      PrintWriter stdout,
      boolean escape) {
    CovariateModel model;
    try {
      model = ModelFiles.load(modelFile, CovariateModel.class).model();
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.IO, modelFile + ": file not found", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, modelFile + ": cannot read: " + e.getMessage(), e);
    } catch (ModelFileException e) {
      throw new CliException(ExitCodes.DATA, modelFile + ": " + e.getMessage(), e);
    }
    CustomerHistories h = data.histories();
    int n = h.size();
    double[] f = h.frequencyColumn();
    double[] r = h.recencyColumn();
    double[] a = h.ageColumn();
    double[] alive = new double[n];
    double[] expected = new double[n];
    try {
      if (model instanceof ParetoNbdCovariateModel m) {
        m.probabilityAlive(f, r, a, data.covariates(), alive, 0, n);
        m.conditionalExpectedPurchases(horizon, f, r, a, data.covariates(), expected, 0, n);
      } else if (model instanceof BgNbdCovariateModel m) {
        m.probabilityAlive(f, r, a, data.covariates(), alive, 0, n);
        m.conditionalExpectedPurchases(horizon, f, r, a, data.covariates(), expected, 0, n);
      } else if (model instanceof SbgCovariateModel m) {
        scoreSbg(m, data, discount, output, stdout, escape);
        return;
      } else {
        throw CliException.usage(modelFile + ": not a Pareto/NBD, BG/NBD or sBG covariate model");
      }
    } catch (ClvArgumentException e) {
      throw CliException.data(e.getMessage());
    }
    try (AtomicOutput scores = AtomicOutput.openOrStdout(output, stdout)) {
      Writer w = scores.writer();
      w.write("id,probability_alive,expected_purchases\n");
      for (int i = 0; i < n; i++) {
        w.write(CsvOutputOptions.cell(data.ids()[i], escape));
        w.write(',');
        w.write(Double.toString(alive[i]));
        w.write(',');
        w.write(Double.toString(expected[i]));
        w.write('\n');
      }
      w.flush();
      scores.commit();
    } catch (IOException e) {
      throw Output.cannotWrite(output, e);
    }
  }

  /**
   * Scores contract customers with an sBG covariate model: for each customer still active after n
   * renewals (x = n), the probability of renewing once more, r(n+1), and the discounted expected
   * residual lifetime DERL(d, n+1) in periods (Fader &amp; Hardie 2010); churned customers get 0.
   */
  private static void scoreSbg(
      SbgCovariateModel model,
      Joined data,
      double discount,
      Path output,
      PrintWriter stdout,
      boolean escape) {
    CustomerHistories h = data.histories();
    int n = h.size();
    CovariateMatrix used = data.covariates().select(model.covariateNames());
    double[] values = used.values();
    int columns = used.columns();
    double[] row = new double[columns];
    double[] renewal = new double[n];
    double[] derl = new double[n];
    try {
      for (int i = 0; i < n; i++) {
        if (h.frequency(i) < h.age(i)) {
          continue; // churned
        }
        System.arraycopy(values, i * columns, row, 0, columns);
        int next = (int) h.age(i) + 1;
        renewal[i] = model.retention(next, row);
        derl[i] = model.discountedExpectedResidualLifetime(discount, next, row);
      }
    } catch (ClvArgumentException e) {
      throw CliException.data(e.getMessage());
    }
    try (AtomicOutput scores = AtomicOutput.openOrStdout(output, stdout)) {
      Writer w = scores.writer();
      w.write("id,probability_renewal,discounted_expected_residual_lifetime\n");
      for (int i = 0; i < n; i++) {
        w.write(CsvOutputOptions.cell(data.ids()[i], escape));
        w.write(',');
        w.write(Double.toString(renewal[i]));
        w.write(',');
        w.write(Double.toString(derl[i]));
        w.write('\n');
      }
      w.flush();
      scores.commit();
    } catch (IOException e) {
      throw Output.cannotWrite(output, e);
    }
  }
}
