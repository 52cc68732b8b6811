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
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.FitReport;
import org.clvkit.models.PurchaseModel;
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
          + " whole periods, age = opportunities), gg (Gamma-Gamma spend, on repeat customers)."
    },
    footer = {"", ExitCodes.HELP})
final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SummaryColumnOptions summary;

  @Mixin FitOptions fit;

  @Option(
      names = {"-m", "--model"},
      required = true,
      split = ",",
      paramLabel = "MODEL",
      description = "Models to fit, repeated or comma-separated: bgnbd, mbgnbd, pnbd, bgbb, gg.")
  List<String> models;

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
      defaultValue = "weeks",
      description = "The summary's period, recorded in the model files (default weeks).")
  String timeUnit;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<ModelKind> kinds = new LinkedHashSet<>();
    for (String m : models) {
      kinds.add(ModelKind.parse(m));
    }
    TimeUnit unit = TimeUnit.parse(timeUnit);
    Path out = Output.chosen(output, deprecatedOut, Path.of("."), err);
    PathChecks checks = new PathChecks().input("SUMMARY", summary.file);
    Output.directory(out);
    for (ModelKind kind : kinds) {
      checks.output("-o/--output", out.resolve(kind.key() + ".properties"));
    }
    checks.check();
    Path probe = out.resolve(".clv-fit-check");
    try (AtomicOutput writable = AtomicOutput.open(probe)) {
      // opened and deleted again: the folder takes new files
    }
    SummaryTable table = summary.read();
    List<Path> saved = new ArrayList<>();
    for (ModelKind kind : kinds) {
      Object model;
      FitReport report;
      if (kind.isPurchaseModel()) {
        PurchaseModel m = kind.fitPurchases(table.histories(), fit.settings());
        model = m;
        report = m.fitReport().orElseThrow();
      } else {
        GammaGammaModel m;
        try {
          m =
              ModelKind.fitSpend(
                  table.frequency,
                  table.monetary("--monetary-column"),
                  table.weight,
                  fit.settings());
        } catch (ClvArgumentException e) {
          throw SummaryRun.dataError(table.source + " (rows counted from 0 after the header)", e);
        }
        model = m;
        report = m.fitReport().orElseThrow();
        if (m.customersLeftOut() > 0) {
          stdout.printf(
              Locale.ROOT,
              "(%,.0f customers without a repeat purchase of positive value are not in the"
                  + " Gamma-Gamma fit)%n",
              m.customersLeftOut());
        }
      }
      stdout.print(report.summaryTable());
      if (!report.converged()) {
        err.println("warning: the " + kind.title() + " fit did not converge; kept as asked");
      }
      Path file = out.resolve(kind.key() + ".properties");
      save(model, unit, file);
      saved.add(file);
      stdout.println("saved " + file);
      stdout.println();
    }
    stdout.flush();
    err.flush();
    return ExitCodes.OK;
  }

  /** Saves a model file atomically: complete or not at all. */
  static void save(Object model, TimeUnit unit, Path file) {
    try (AtomicOutput out = AtomicOutput.open(file)) {
      ModelFiles.save(model, Provenance.now(unit.name()), out.writer());
      out.commit();
    } catch (IOException e) {
      throw Output.cannotWrite(file, e);
    }
  }
}
