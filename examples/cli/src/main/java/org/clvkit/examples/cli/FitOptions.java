package org.clvkit.examples.cli;

import java.util.List;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import picocli.CommandLine.Option;

/** The maximum-likelihood settings shared by {@code fit} and {@code report}. */
final class FitOptions {
  @Option(
      names = "--penalty",
      paramLabel = "[MODEL=]L",
      split = ",",
      description =
          "L2 penalty on the log-parameters (default 0: plain maximum likelihood), for every"
              + " model (--penalty 0.01) or per model (--penalty bgnbd=0.01,gg=0); a model"
              + " not named keeps 0.")
  List<String> penalty;

  @Option(
      names = "--starts",
      defaultValue = "3",
      description = "Starting points of the optimiser (default 3).")
  int starts;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the perturbed starting points (default 42).")
  long seed;

  @Option(
      names = "--max-iterations",
      defaultValue = "1000",
      description = "Iteration cap per starting point (default 1000).")
  int maxIterations;

  @Option(
      names = "--allow-non-converged",
      description = "Keep and save a fit that did not converge (flagged) instead of failing.")
  boolean allowNonConverged;

  /** The settings of {@code kind}'s fit: its own penalty. */
  FitSettings settings(ModelType<?> kind) {
    return new FitSettings(penalty(kind), starts, seed, maxIterations, allowNonConverged);
  }

  private double penalty(ModelType<?> kind) {
    if (penalty == null) {
      return 0;
    }
    double all = 0;
    Double own = null;
    for (String item : penalty) {
      String text = item.strip();
      int eq = text.indexOf('=');
      String value = eq < 0 ? text : text.substring(eq + 1).strip();
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw CliException.usage(
            "--penalty must be a finite number >= 0, or MODEL=number, was \"" + item + "\"");
      }
      if (eq < 0) {
        all = v;
      } else if (ModelChoice.parse("--penalty", text.substring(0, eq), Model.class, "")
          .id()
          .equals(kind.id())) {
        own = v;
      }
    }
    return own != null ? own : all;
  }
}
