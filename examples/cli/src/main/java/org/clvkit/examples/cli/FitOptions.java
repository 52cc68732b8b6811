package org.clvkit.examples.cli;

import org.clvkit.models.FitSettings;
import picocli.CommandLine.Option;

/** The maximum-likelihood settings shared by {@code fit} and {@code report}. */
final class FitOptions {
  @Option(
      names = "--penalty",
      defaultValue = "0",
      description = "L2 penalty on the parameters (default 0: plain maximum likelihood).")
  double penalty;

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

  FitSettings settings() {
    return new FitSettings(penalty, starts, seed, maxIterations, allowNonConverged);
  }
}
