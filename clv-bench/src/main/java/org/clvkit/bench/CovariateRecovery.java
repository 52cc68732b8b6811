package org.clvkit.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.paretonbd.ParetoNbdCovariateFitter;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.clvkit.models.paretonbd.ParetoNbdCovariateSimulator;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingFitter;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingSimulator;

/**
 * The covariates issue's recovery check at scale (issue 16, "Validation"): customers drawn from the
 * seeded simulators with known coefficients, fitted on two threads; every coefficient must lie
 * within 3 standard errors of the truth. Not a unit test (a 1M-customer fit): run it by hand,
 *
 * <pre>
 * java -cp clv-bench/target/benchmarks.jar org.clvkit.bench.CovariateRecovery static 1000000
 * java -cp clv-bench/target/benchmarks.jar org.clvkit.bench.CovariateRecovery time-varying 1000000
 * </pre>
 *
 * It prints each coefficient with its standard error, the distance in standard errors and the fit
 * time, and exits with status 1 when a coefficient is further than 3 standard errors (0 otherwise).
 *
 * <p>Static: Pareto/NBD (r, α₀, s, β₀) = (0.55, 10.6, 0.61, 11.7) with a 0/1 indicator {@code
 * channel} (probability 0.4) and a standard normal {@code spend} on both processes, ages uniform on
 * [1, 78] weeks. Time-varying: (0.8, 8, 0.7, 20) with covariates of calendar periods common to all
 * customers (4-week periods over a 52-week calibration, a promotion flag in about a third of them
 * and a yearly wave), first purchases spread over the first 26 weeks by day, recency in whole days
 * — the customers share 182 covariate paths, so the fit's pattern compression applies (the model's
 * unit test {@code ParetoNbdTimeVaryingFitterTest.calendar} draws the same design).
 */
public final class CovariateRecovery {
  private CovariateRecovery() {}

  /** A coefficient's name, truth and estimate, and whether it passes. */
  record Line(String name, double truth, double estimate, double standardError) {
    double distance() {
      return Math.abs(estimate - truth) / standardError;
    }
  }

  /**
   * Runs the check.
   *
   * @param args {@code static} or {@code time-varying}, then the number of customers
   */
  public static void main(String[] args) {
    String kind = args.length > 0 ? args[0] : "static";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    List<Line> lines =
        kind.equals("time-varying") ? timeVarying(n, System.out) : fixed(n, System.out);
    boolean ok = true;
    for (Line line : lines) {
      System.out.printf(
          Locale.ROOT,
          "%-22s truth %8.4f estimate %9.5f se %8.5f  |diff|/se %5.2f%n",
          line.name(),
          line.truth(),
          line.estimate(),
          line.standardError(),
          line.distance());
      ok &= line.distance() <= 3;
    }
    System.out.println(ok ? "all coefficients within 3 standard errors" : "FAILED");
    if (!ok) {
      System.exit(1);
    }
  }

  /** The static-covariate recovery on {@code n} customers. */
  static List<Line> fixed(int n, PrintStream out) {
    List<String> names = List.of("channel", "spend");
    double[] gp = {0.5, -0.3};
    double[] gd = {-0.4, 0.25};
    ParetoNbdCovariateModel truth =
        ParetoNbdCovariateModel.of(
            new ParetoNbdParameters(0.55, 10.6, 0.61, 11.7), names, gp, names, gd);
    SplittableRandom random = new SplittableRandom(1616);
    double[] z = new double[2 * n];
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      z[2 * i] = random.nextDouble() < 0.4 ? 1 : 0;
      z[2 * i + 1] = gaussian(random);
      ages[i] = 1 + 77 * random.nextDouble();
    }
    CovariateMatrix matrix = CovariateMatrix.of(names, z);
    CustomerHistories data = ParetoNbdCovariateSimulator.of(truth, 16).histories(matrix, ages);
    ParetoNbdCovariateModel fitted =
        timed(
            "static covariates",
            n,
            out,
            pool -> ParetoNbdCovariateFitter.create().withExecutor(pool).fit(data, matrix));
    return lines(
        fitted.covariateFitReport().orElseThrow(), new double[] {gp[0], gp[1], gd[0], gd[1]});
  }

  /** The time-varying recovery on {@code n} customers. */
  static List<Line> timeVarying(int n, PrintStream out) {
    List<String> names = List.of("promo", "season");
    double[] gp = {0.5, -0.3};
    double[] gd = {-0.4, 0.6};
    ParetoNbdTimeVaryingModel truth =
        ParetoNbdTimeVaryingModel.of(
            new ParetoNbdParameters(0.8, 8.0, 0.7, 20.0), names, gp, names, gd);
    SplittableRandom random = new SplittableRandom(2021);
    // Calendar covariates common to all customers: 4-week periods over a 52-week calibration, a
    // promotion flag in about a third of them and a yearly wave; first purchases on day d of week
    // w (w in 0..25, d in 0..6), so 182 covariate paths; recency in whole days.
    int calendar = 13;
    double[] promo = new double[calendar];
    for (int p = 0; p < calendar; p++) {
      promo[p] = random.nextInt(3) == 0 ? 1 : 0;
    }
    double[] ages = new double[n];
    int[] offsets = new int[n + 1];
    double[] first = new double[n];
    for (int i = 0; i < n; i++) {
      first[i] = random.nextInt(26) + random.nextInt(7) / 7.0;
      ages[i] = 52 - first[i];
      offsets[i + 1] = offsets[i] + calendar - (int) Math.floor(first[i] / 4);
    }
    double[] starts = new double[offsets[n]];
    double[] rows = new double[2 * offsets[n]];
    for (int i = 0; i < n; i++) {
      int p0 = (int) Math.floor(first[i] / 4);
      for (int k = offsets[i]; k < offsets[i + 1]; k++) {
        int p = p0 + k - offsets[i];
        starts[k] = 4 * p - first[i];
        rows[2 * k] = promo[p];
        rows[2 * k + 1] = Math.sin(2 * Math.PI * 4 * p / 52);
      }
    }
    TimeVaryingCovariates tv = TimeVaryingCovariates.of(names, offsets, starts, rows);
    CustomerHistories simulated = ParetoNbdTimeVaryingSimulator.of(truth, 16).histories(tv, ages);
    double[] recency = simulated.recencyColumn();
    for (int i = 0; i < n; i++) {
      recency[i] = Math.min(ages[i], Math.rint(7 * recency[i]) / 7);
    }
    CustomerHistories data =
        CustomerHistories.of(simulated.frequencyColumn(), recency, simulated.ageColumn());
    ParetoNbdTimeVaryingModel fitted =
        timed(
            "time-varying covariates",
            n,
            out,
            pool -> ParetoNbdTimeVaryingFitter.create().withExecutor(pool).fit(data, tv));
    out.println(fitted.covariateFitReport().orElseThrow().summaryTable());
    return lines(
        fitted.covariateFitReport().orElseThrow(), new double[] {gp[0], gp[1], gd[0], gd[1]});
  }

  /**
   * Runs {@code fit} on a {@code ForkJoinPool} of two threads, prints its wall time, and returns
   * its result.
   */
  static <T> T timed(String what, int n, PrintStream out, Function<Executor, T> fit) {
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      long start = System.nanoTime();
      T result = fit.apply(pool);
      out.printf(
          Locale.ROOT,
          "%s: %,d customers fitted in %.2f s on 2 threads%n",
          what,
          n,
          (System.nanoTime() - start) / 1e9);
      return result;
    } finally {
      pool.shutdown();
    }
  }

  private static List<Line> lines(CovariateFitReport report, double[] truth) {
    if (!report.converged()) {
      throw new IllegalStateException("the fit did not converge: " + report.summaryTable());
    }
    List<CoefficientEstimate> estimates = report.coefficients();
    Line[] out = new Line[estimates.size()];
    for (int j = 0; j < out.length; j++) {
      CoefficientEstimate e = estimates.get(j);
      out[j] = new Line(e.name(), truth[j], e.value(), e.standardError());
    }
    return List.of(out);
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller, one of the pair.
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
