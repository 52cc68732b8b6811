package org.clvkit.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
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
 * The log-likelihood evaluation alone (the "log-likelihood evaluation" benchmark, no row of
 * its table): one operation is one evaluation at fixed parameters, the published CDNOW estimates,
 * on {@link SyntheticCdnow#customers(int)}.
 *
 * <ul>
 *   <li>{@code bgNbdKernel}, {@code paretoNbdKernel}, {@code gammaGammaKernel}: the fitters'
 *       kernels, reached through the public {@link LogLikelihood} of each fitter ({@code
 *       BgNbdFitter.logLikelihood(data)} and so on), on the compressed patterns, value and
 *       gradient, with {@code threads} = 1 (calling thread) or 2 (chunks on a {@code
 *       ForkJoinPool(2)}). The kernels and the compression are built once per trial, outside the
 *       timed operation; the Gamma-Gamma one runs on the repeat customers and always recomputes its
 *       pass over the patterns (the fit caches it for the last γ).
 *   <li>{@code bgNbdPerCustomer}, {@code paretoNbdPerCustomer}, {@code gammaGammaPerCustomer}: the
 *       baseline, the models' per-customer log-likelihood summed over the uncompressed customers
 *       ({@code BgNbdModel.logLikelihood(CustomerHistories)}, the same for the Pareto/NBD, and
 *       {@code GammaGammaModel.logLikelihood(x, m̄)} over the repeat customers), value only, in the
 *       calling thread. These take no {@code threads} parameter.
 * </ul>
 *
 * Parameters: BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426 (Fader, Hardie and Lee 2005);
 * Pareto/NBD r = 0.553, α = 10.58, s = 0.606, β = 11.67 (Fader, Hardie and Lee 2005, "A note on
 * implementing the Pareto/NBD model in MATLAB"); Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44 (Fader
 * and Hardie 2013), all in weeks and dollars.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LogLikelihoodBenchmark {
  static final BgNbdParameters BG_NBD = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
  static final ParetoNbdParameters PARETO_NBD = new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67);
  static final GammaGammaParameters GAMMA_GAMMA = new GammaGammaParameters(6.25, 3.74, 15.44);

  /** Number of customers (repeaters or not). */
  @Param({"1000", "100000", "1000000"})
  public int customers;

  CustomerHistories histories;
  CustomerHistories patterns;
  double[] spendFrequency;
  double[] spendValue;
  BgNbdModel bgNbd;
  ParetoNbdModel paretoNbd;
  GammaGammaModel gammaGamma;

  /** Makes the customers, their compressed patterns, the repeat customers and the models. */
  @Setup(Level.Trial)
  public void setup() {
    SyntheticCdnow data = SyntheticCdnow.customers(customers);
    histories = data.histories();
    patterns = histories.compressed();
    double[][] repeaters = GammaGammaFitBenchmark.repeatCustomers(data);
    spendFrequency = repeaters[0];
    spendValue = repeaters[1];
    bgNbd = BgNbdModel.of(BG_NBD);
    paretoNbd = ParetoNbdModel.of(PARETO_NBD);
    gammaGamma = GammaGammaModel.of(GAMMA_GAMMA);
  }

  /** The fitters' kernels on the compressed patterns, on one or two threads. */
  @State(Scope.Benchmark)
  public static class Kernels {
    /** 1: the calling thread only; 2: the kernels' chunks on a {@code ForkJoinPool(2)}. */
    @Param({"1", "2"})
    public int threads;

    ForkJoinPool pool;
    LogLikelihood bgNbd;
    LogLikelihood paretoNbd;
    LogLikelihood gammaGamma;
    final double[] bgNbdParameters = BG_NBD.toArray();
    final double[] paretoNbdParameters = PARETO_NBD.toArray();
    final double[] gammaGammaParameters = GAMMA_GAMMA.toArray();
    final double[] gradient = new double[4];

    /** Builds the kernels on the benchmark's data. */
    @Setup(Level.Trial)
    public void setup(LogLikelihoodBenchmark data) {
      pool = threads == 1 ? null : new ForkJoinPool(threads);
      bgNbd = BgNbdFitter.create().withExecutor(pool).logLikelihood(data.patterns);
      paretoNbd = ParetoNbdFitter.create().withExecutor(pool).logLikelihood(data.patterns);
      gammaGamma =
          GammaGammaFitter.create()
              .withExecutor(pool)
              .logLikelihood(data.spendFrequency, data.spendValue);
    }

    /** Shuts the pool down. */
    @TearDown(Level.Trial)
    public void tearDown() {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  /** BG/NBD log-likelihood and gradient from the fitter's kernel. */
  @Benchmark
  public double bgNbdKernel(Kernels k) {
    return k.bgNbd.value(k.bgNbdParameters, k.gradient);
  }

  /** Baseline: the BG/NBD per-customer log-likelihood summed over all customers. */
  @Benchmark
  public double bgNbdPerCustomer() {
    return bgNbd.logLikelihood(histories);
  }

  /** Pareto/NBD log-likelihood and gradient from the fitter's kernel. */
  @Benchmark
  public double paretoNbdKernel(Kernels k) {
    return k.paretoNbd.value(k.paretoNbdParameters, k.gradient);
  }

  /** Baseline: the Pareto/NBD per-customer log-likelihood summed over all customers. */
  @Benchmark
  public double paretoNbdPerCustomer() {
    return paretoNbd.logLikelihood(histories);
  }

  /** Gamma-Gamma log-likelihood and gradient from the fitter's kernel. */
  @Benchmark
  public double gammaGammaKernel(Kernels k) {
    return k.gammaGamma.value(k.gammaGammaParameters, k.gradient);
  }

  /** Baseline: the Gamma-Gamma per-customer log-density summed over the repeat customers. */
  @Benchmark
  public double gammaGammaPerCustomer() {
    double sum = 0;
    for (int i = 0; i < spendFrequency.length; i++) {
      sum += gammaGamma.logLikelihood(spendFrequency[i], spendValue[i]);
    }
    return sum;
  }
}
