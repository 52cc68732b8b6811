package org.clvkit.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bayes.McmcSettings;
import org.clvkit.models.bayes.ParetoGggFitter;
import org.clvkit.models.bayes.ParetoGggPosterior;
import org.clvkit.models.bayes.PosteriorSummary;

/**
 * The Pareto/GGG run on CDNOW with its convergence: one fit of {@link ParetoGggBenchmark}'s
 * data (chains, burn-in, kept iterations, threads and seed from the arguments, default 4, 500,
 * 2000, 2, 42), printing wall and process CPU time, each parameter's posterior mean, 95 % interval,
 * R-hat and ESS, and the lag-1, 5, 20 and 50 autocorrelations of its log in chain 0.
 *
 * <pre>
 * java -cp clv-bench/target/benchmarks.jar org.clvkit.bench.ParetoGggConvergence 4 500 2000 2 42
 * </pre>
 */
public final class ParetoGggConvergence {
  private ParetoGggConvergence() {}

  /**
   * Runs the fit.
   *
   * @param args chains, burn-in, kept iterations, threads, seed
   */
  public static void main(String[] args) {
    int chains = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int burnin = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
    CustomerHistories data = ParetoGggBenchmark.cdnowWithLitt();
    ParetoGggFitter fitter =
        ParetoGggFitter.create().withMcmc(new McmcSettings(chains, burnin, iterations, 10, seed));
    ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
    if (pool != null) {
      fitter = fitter.withExecutor(pool);
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    ParetoGggPosterior posterior = fitter.sample(data);
    double wall = (System.nanoTime() - start) / 1e9;
    double used = (os.getProcessCpuTime() - cpu) / 1e9;
    if (pool != null) {
      pool.shutdown();
    }
    System.out.printf(
        Locale.ROOT,
        "%d chains x %d after %d, %d threads, seed %d: wall %.1f s, CPU %.1f s%n",
        chains,
        iterations,
        burnin,
        threads,
        seed,
        wall,
        used);
    for (PosteriorSummary s : posterior.population()) {
      double[] draws = posterior.populationDraws(s.name());
      System.out.printf(
          Locale.ROOT,
          "%-6s mean %10.4f  95%% %10.4f %10.4f  R-hat %.3f  ESS %6.0f  ac(ln) %.2f %.2f %.2f"
              + " %.2f%n",
          s.name(),
          s.mean(),
          s.lower(),
          s.upper(),
          s.rhat(),
          s.effectiveSampleSize(),
          autocorrelation(draws, iterations, 1),
          autocorrelation(draws, iterations, 5),
          autocorrelation(draws, iterations, 20),
          autocorrelation(draws, iterations, 50));
    }
  }

  /** Lag autocorrelation of the log of chain 0's first n draws. */
  private static double autocorrelation(double[] draws, int n, int lag) {
    double mean = 0;
    for (int j = 0; j < n; j++) {
      mean += Math.log(draws[j]);
    }
    mean /= n;
    double variance = 0;
    double covariance = 0;
    for (int j = 0; j < n; j++) {
      double e = Math.log(draws[j]) - mean;
      variance += e * e;
      if (j + lag < n) {
        covariance += e * (Math.log(draws[j + lag]) - mean);
      }
    }
    return covariance / variance;
  }
}
