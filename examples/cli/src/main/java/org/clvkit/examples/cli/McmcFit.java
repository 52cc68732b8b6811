package org.clvkit.examples.cli;

import java.util.List;
import java.util.Locale;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.bayes.ParetoGggModel;
import org.clvkit.models.bayes.ParetoNbdHbModel;
import org.clvkit.models.bayes.PosteriorSummary;

/**
 * An MCMC fit (Pareto/NBD HB, Pareto/GGG) as the command shows it: each population parameter's
 * posterior summary (mean, standard deviation, 95 % interval, R-hat, effective sample size) and how
 * the chains ran, in place of the optimiser's iterations, evaluations and gradient norm that {@link
 * FitReport#summaryTable()} prints for a maximum-likelihood fit.
 *
 * @param posterior the population parameters' posterior summaries, in the model's order
 * @param chains the number of chains
 * @param burnin the burn-in iterations of each chain
 * @param iterations the iterations after burn-in of each chain
 */
record McmcFit(List<PosteriorSummary> posterior, int chains, int burnin, int iterations) {

  /** The MCMC fit of {@code model}, or null when it is not one (or has no posterior). */
  static McmcFit of(Model model) {
    McmcFit fit = null;
    if (model instanceof ParetoGggModel g) {
      fit = new McmcFit(g.posterior(), g.chains(), g.burnin(), g.iterations());
    } else if (model instanceof ParetoNbdHbModel hb) {
      fit = new McmcFit(hb.posterior(), hb.chains(), hb.burnin(), hb.iterations());
    }
    return fit == null || fit.posterior().isEmpty() ? null : fit;
  }

  /** The parameter of the largest R-hat (the first such). */
  PosteriorSummary worst() {
    PosteriorSummary worst = posterior.get(0);
    for (PosteriorSummary p : posterior) {
      if (!(p.rhat() <= worst.rhat())) {
        worst = p;
      }
    }
    return worst;
  }

  /** The least effective sample size of the parameters. */
  double leastEffectiveSampleSize() {
    double least = Double.POSITIVE_INFINITY;
    for (PosteriorSummary p : posterior) {
      least = Math.min(least, p.effectiveSampleSize());
    }
    return least;
  }

  /**
   * The fit as plain text (English, for the command's output), for example:
   *
   * <pre>
   * Pareto/GGG fitted by MCMC on 2357 customers: 4 chains of 2000 iterations after 500 burn-in
   * parameter  post. mean   post. sd  lower 95%  upper 95%   R-hat     ESS
   * r            0.565353  0.0495870   0.473979   0.669358   1.034     187
   * ...
   * log-likelihood at the posterior means -9595.1968; converged: largest R-hat 1.034 (r), ...
   * </pre>
   */
  String summaryTable(FitReport report) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s fitted by MCMC on %.0f customers: %d chains of %d iterations after %d burn-in%n",
            report.model(),
            report.customers(),
            chains,
            iterations,
            burnin));
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s %13s %13s %13s %13s %7s %7s%n",
            "parameter",
            "post. mean",
            "post. sd",
            "lower 95%",
            "upper 95%",
            "R-hat",
            "ESS"));
    for (PosteriorSummary p : posterior) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-10s %13.6g %13.6g %13.6g %13.6g %7.3f %7.0f%n",
              p.name(),
              p.mean(),
              p.standardDeviation(),
              p.lower(),
              p.upper(),
              p.rhat(),
              p.effectiveSampleSize()));
    }
    FitDiagnostics d = report.diagnostics();
    out.append(
        String.format(
            Locale.ROOT,
            "log-likelihood at the posterior means %.4f; %s%n",
            d.logLikelihood(),
            d.message()));
    return out.toString();
  }
}
