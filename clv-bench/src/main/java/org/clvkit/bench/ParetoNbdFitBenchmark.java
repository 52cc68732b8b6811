package org.clvkit.bench;

import java.util.concurrent.TimeUnit;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
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
 * The "Pareto/NBD fit" row of the performance issue's table: one operation is {@code
 * ParetoNbdFitter.create().fit(frequency, recency, age)} (with {@code withExecutor} on a {@code
 * ForkJoinPool(2)} when {@code threads = 2}) on the raw, uncompressed columns of {@link
 * SyntheticCdnow#customers(int)}, so that the compression to distinct (frequency, recency, age)
 * patterns, the search from the default starting points and the standard errors are all inside the
 * timed operation, as a user pays them. The fitter is built in the operation too (it is a small
 * immutable object). Inputs are made once per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParetoNbdFitBenchmark extends CustomerColumnsState {
  /** Fits the Pareto/NBD to the raw columns. */
  @Benchmark
  public ParetoNbdModel fit() {
    ParetoNbdFitter fitter = ParetoNbdFitter.create();
    if (pool != null) {
      fitter = fitter.withExecutor(pool);
    }
    return fitter.fit(frequency, recency, age);
  }
}
