package org.clvkit.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.paretonbd.ParetoNbdCovariateFitter;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The covariates issue's target: the Pareto/NBD with 2 static covariates fitted to the raw columns
 * of {@link SyntheticCdnow#customers(int)} (with {@code withExecutor} on a {@code ForkJoinPool(2)}
 * when {@code threads = 2}). The covariates are two seeded 0/1 indicators (say channel and gender,
 * each with probability 1/2) acting on both processes, so that the customers fall into four
 * covariate rows, as categorical attributes do; they are unrelated to the synthetic behaviour, so
 * the coefficients come out near 0 and the fit's work is that of a real one (the null model's fit,
 * the sample search, the refinement on all customers and the standard errors). Building the
 * histories and the matrix is outside the timed operation; compression and grouping are inside.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ParetoNbdCovariateFitBenchmark extends CustomerColumnsState {
  /** Seed of the indicators. */
  static final long COVARIATE_SEED = 16L;

  CustomerHistories histories;
  CovariateMatrix covariates;

  @Override
  void prepare() {
    histories = CustomerHistories.of(frequency, recency, age);
    SplittableRandom random = new SplittableRandom(COVARIATE_SEED);
    double[] values = new double[2 * customers];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextBoolean() ? 1 : 0;
    }
    covariates = CovariateMatrix.of(List.of("channel", "gender"), values);
  }

  /** Fits the Pareto/NBD with the two covariates in both processes. */
  @Benchmark
  public ParetoNbdCovariateModel fit() {
    ParetoNbdCovariateFitter fitter = ParetoNbdCovariateFitter.create();
    if (pool != null) {
      fitter = fitter.withExecutor(pool);
    }
    return fitter.fit(histories, covariates);
  }
}
