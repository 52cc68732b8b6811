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
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
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
          + " whole periods, age = opportunities), sbg (sBG contract retention: frequency = recency"
          + " = renewals, age = renewal opportunities), gg (Gamma-Gamma spend, on repeat"
          + " customers): the ids of the library's model registry."
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
      description = "Models to fit, repeated or comma-separated: bgnbd, mbgnbd, pnbd, bgbb, sbg, gg.")
  List<String> models;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Directory for the model files (default: the current directory).")
  Path out;

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
    Set<ModelType<?>> kinds = new LinkedHashSet<>();
    for (String m : models) {
      kinds.add(ModelChoice.parse("--model", m, Model.class, ""));
    }
    TimeUnit unit = TimeUnit.parse(timeUnit);
    SummaryTable table = summary.read();
    Output.directory(out);
    List<Path> saved = new ArrayList<>();
    for (ModelType<?> kind : kinds) {
      Model model;
      try {
        model = kind.fitter().withSettings(fit.settings()).fit(table.histories(kind));
      } catch (ClvArgumentException e) {
        throw SummaryRun.dataError(table.source + " (rows counted from 0 after the header)", e);
      }
      FitReport report = model.fitReport().orElseThrow();
      if (model instanceof GammaGammaModel m && m.customersLeftOut() > 0) {
        stdout.printf(
            Locale.ROOT,
            "(%,.0f customers without a repeat purchase of positive value are not in the"
                + " Gamma-Gamma fit)%n",
            m.customersLeftOut());
      }
      stdout.print(report.summaryTable());
      if (!report.converged()) {
        err.println("warning: the " + kind.name() + " fit did not converge; kept as asked");
      }
      Path file = out.resolve(kind.id() + ".properties");
      save(model, unit, file);
      saved.add(file);
      stdout.println("saved " + file);
      stdout.println();
    }
    stdout.flush();
    err.flush();
    return ExitCodes.OK;
  }

  static void save(Model model, TimeUnit unit, Path file) {
    Output.createParent(file);
    try {
      ModelFiles.save(model, Provenance.now(unit.name()), file);
    } catch (IOException e) {
      throw Output.cannotWrite(file, e);
    }
  }
}
