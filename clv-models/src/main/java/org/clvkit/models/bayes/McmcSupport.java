package org.clvkit.models.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitStatus;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.internal.McmcDiagnostics;

/**
 * What the hierarchical Bayes fitters and posteriors share: running the chains as tasks, the
 * population's posterior summaries (mean, standard deviation, 95 % interval, R-hat, ESS), the fit
 * report built from them, and per-customer posterior means with 95 % intervals over the kept draws.
 * Not API.
 */
final class McmcSupport {
  private McmcSupport() {}

  /** A per-customer quantity at one kept draw. */
  interface DrawValue {
    double at(int customer, int draw);
  }

  /**
   * Runs the chains' tasks one after another on the calling thread (executor null) or as one task
   * each on the executor, rethrowing a task's unchecked exception or error as it was thrown.
   */
  static void runAll(List<Runnable> tasks, Executor executor) {
    if (executor == null) {
      tasks.forEach(Runnable::run);
      return;
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (Runnable task : tasks) {
      futures.add(CompletableFuture.runAsync(task, executor));
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Type-7 quantile of the first n sorted values. */
  static double quantile(double[] sorted, int n, double p) {
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The summary of {@code chains * iterations} chain-major draws starting at {@code offset}.
   *
   * @param name the quantity's name
   * @param values the draws, chain c's iteration j at {@code offset + c * iterations + j}
   */
  static PosteriorSummary summary(
      String name, double[] values, int offset, int chains, int iterations) {
    int total = chains * iterations;
    double mean = 0;
    for (int d = 0; d < total; d++) {
      mean += values[offset + d];
    }
    mean /= total;
    double ss = 0;
    for (int d = 0; d < total; d++) {
      double dev = values[offset + d] - mean;
      ss += dev * dev;
    }
    double[] sorted = Arrays.copyOfRange(values, offset, offset + total);
    Arrays.sort(sorted);
    return new PosteriorSummary(
        name,
        mean,
        Math.sqrt(ss / (total - 1)),
        quantile(sorted, total, 0.025),
        quantile(sorted, total, 0.975),
        McmcDiagnostics.rankSplitRhat(values, offset, chains, iterations),
        McmcDiagnostics.rankEffectiveSampleSize(values, offset, chains, iterations));
  }

  /** One summary per parameter of the population draws (parameter-major, then chain-major). */
  static List<PosteriorSummary> summarize(
      List<String> names, double[] population, int chains, int iterations) {
    int total = chains * iterations;
    List<PosteriorSummary> out = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      out.add(summary(names.get(j), population, j * total, chains, iterations));
    }
    return List.copyOf(out);
  }

  /** The posterior means, in the summaries' order. */
  static double[] means(List<PosteriorSummary> summaries) {
    double[] means = new double[summaries.size()];
    for (int j = 0; j < means.length; j++) {
      means[j] = summaries.get(j).mean();
    }
    return means;
  }

  /**
   * The fit report of a posterior: one estimate per parameter (mean, posterior standard deviation,
   * 95 % interval widened to hold the mean), "converged" when every R-hat is below {@code
   * rhatLimit}, else naming the worst parameter.
   *
   * @param model the model's name
   * @param summaries the population's summaries
   * @param mcmc the settings the chains ran with
   * @param rhatLimit R-hat below which the fit is reported as converged
   * @param logLikelihood the marginal log-likelihood at the posterior means
   * @param customers number of customers
   */
  static FitReport report(
      String model,
      List<PosteriorSummary> summaries,
      McmcSettings mcmc,
      double rhatLimit,
      double logLikelihood,
      int customers) {
    List<ParameterEstimate> estimates = new ArrayList<>();
    double worstRhat = 0;
    String worst = summaries.get(0).name();
    double leastEss = Double.POSITIVE_INFINITY;
    for (PosteriorSummary s : summaries) {
      estimates.add(
          new ParameterEstimate(
              s.name(),
              s.mean(),
              s.standardDeviation(),
              Math.min(s.lower(), s.mean()),
              Math.max(s.upper(), s.mean())));
      if (!(s.rhat() <= worstRhat)) {
        worstRhat = s.rhat();
        worst = s.name();
      }
      leastEss = Math.min(leastEss, s.effectiveSampleSize());
    }
    boolean converged = worstRhat < rhatLimit;
    String message =
        converged
            ? String.format(
                Locale.ROOT,
                "converged: largest R-hat %.3f (%s), least effective sample size %.0f",
                worstRhat,
                worst,
                leastEss)
            : String.format(
                Locale.ROOT,
                "not converged: R-hat of %s is %.3f (>= %.2f); run longer chains",
                worst,
                worstRhat,
                rhatLimit);
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            converged,
            mcmc.chains() * (mcmc.burnin() + mcmc.iterations()),
            mcmc.chains() * mcmc.iterations(),
            logLikelihood,
            0.0,
            message,
            converged ? FitStatus.CONVERGED : FitStatus.NOT_CONVERGED,
            converged ? "" : worst);
    return new FitReport(model, estimates, diagnostics, customers, customers, 0.0);
  }

  /**
   * Each customer's posterior mean of a quantity with its 95 % interval (type-7 quantiles) over the
   * kept draws.
   */
  static CustomerIntervals intervals(int customers, int draws, DrawValue value) {
    double[] mean = new double[customers];
    double[] lower = new double[customers];
    double[] upper = new double[customers];
    double[] scratch = new double[draws];
    for (int i = 0; i < customers; i++) {
      double sum = 0;
      for (int d = 0; d < draws; d++) {
        scratch[d] = value.at(i, d);
        sum += scratch[d];
      }
      mean[i] = sum / draws;
      Arrays.sort(scratch);
      lower[i] = quantile(scratch, draws, 0.025);
      upper[i] = quantile(scratch, draws, 0.975);
    }
    return new CustomerIntervals(mean, lower, upper);
  }
}
