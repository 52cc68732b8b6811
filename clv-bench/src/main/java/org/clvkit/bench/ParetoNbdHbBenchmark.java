package org.clvkit.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bayes.McmcSettings;
import org.clvkit.models.bayes.ParetoNbdHbFitter;
import org.clvkit.models.bayes.ParetoNbdHbPosterior;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MCMC row: one operation is the Pareto/NBD (HB) on CDNOW (2,357 customers, 39-week
 * calibration, weeks) with 4 chains × 2,000 kept iterations after 500 of burn-in, customers' draws
 * thinned by 10 ({@link McmcSettings#DEFAULT}), from the data to the posterior with its R-hat,
 * effective sample sizes and per-customer draws; the chains on the calling thread ({@code threads =
 * 1}) or on a {@code ForkJoinPool(2)} ({@code threads = 2}, the same draws). Single-shot: one
 * operation takes seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ParetoNbdHbBenchmark {
  /** Threads running the chains: 1 (calling thread) or 2 (a ForkJoinPool). */
  @Param({"1", "2"})
  public int threads;

  private CustomerHistories data;
  private ForkJoinPool pool;

  /** Reads the CDNOW summary and makes the pool. */
  @Setup(Level.Trial)
  public void setUp() {
    double[][] cdnow = SyntheticCdnow.cdnow();
    data = CustomerHistories.of(cdnow[0], cdnow[1], cdnow[2]);
    pool = threads > 1 ? new ForkJoinPool(threads) : null;
  }

  /** Shuts the pool down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** 4 chains × 2,000 iterations on CDNOW. */
  @Benchmark
  public ParetoNbdHbPosterior sample() {
    ParetoNbdHbFitter fitter = ParetoNbdHbFitter.create().withMcmc(McmcSettings.DEFAULT);
    if (pool != null) {
      fitter = fitter.withExecutor(pool);
    }
    return fitter.sample(data);
  }
}
