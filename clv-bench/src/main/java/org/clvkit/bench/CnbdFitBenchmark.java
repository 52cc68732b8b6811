package org.clvkit.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.cnbd.CnbdParameters;
import org.clvkit.models.cnbd.CnbdSimulator;
import org.clvkit.models.cnbd.MbgCnbdFitter;
import org.clvkit.models.cnbd.MbgCnbdModel;
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
 * The MBG/CNBD-k fit on simulated customers, on the footing of {@link ModelFitsBenchmark}'s
 * Pareto/NBD baseline (issue 18's target: within 3× of it): Erlang-2 buyers with CDNOW-like rates
 * (k = 2, r = 0.55, α = 3, a = 0.9, b = 1.6, weeks) simulated once per trial by {@link
 * CnbdSimulator} (seed {@link ModelFitsBenchmark#SEED}), ages uniform in [24.3, 42.8] weeks as
 * there, and every purchase time rounded to a whole day (1/7 week) as a daily transaction log gives
 * it, purchases on the same day merged (a repeat purchase on the first purchase's day is no repeat
 * purchase), so that x, t_x, T and litt are what {@code clv summarize} makes of such a log. litt
 * only enters the likelihood as Σ litt, so the fit works on the distinct (x, t_x, T) patterns.
 *
 * <p>{@code chooseK} is the default fit (k searched over 1..12 with BTYDplus's early stop, from
 * each customer's litt) in the calling thread; {@code chooseKOnTwoThreads} the same with a
 * two-thread executor (the fits at the several k as tasks); {@code fixedK} fits at k = 2 only, the
 * cost comparable with the other models' fits. Compression to patterns, the starting-point search
 * and the standard errors are inside the timed operation. Run with the baseline in one JMH run:
 * {@code java -cp clv-bench/target/benchmarks.jar org.openjdk.jmh.Main
 * 'CnbdFitBenchmark|ModelFitsBenchmark.paretoNbd$' -f 1 -wi 1 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class CnbdFitBenchmark {
  /** Number of customers. */
  @Param({"1000000"})
  public int customers;

  CustomerHistories histories;
  double[] litt;
  ExecutorService pool;

  /** Simulates the customers and rounds their purchases to days. */
  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom random = new SplittableRandom(ModelFitsBenchmark.SEED);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 24.3 + (42.8 - 24.3) * random.nextDouble();
    }
    CnbdSimulator simulator =
        CnbdSimulator.mbgCnbd(new CnbdParameters(2, 0.55, 3.0, 0.9, 1.6), ModelFitsBenchmark.SEED);
    double[][] times = simulator.purchaseTimes(ages);
    double[] frequency = new double[customers];
    double[] recency = new double[customers];
    double[] age = new double[customers];
    litt = new double[customers];
    for (int i = 0; i < customers; i++) {
      double previousDay = 0;
      int x = 0;
      double sum = 0;
      for (double t : times[i]) {
        double day = Math.rint(t * 7);
        if (day > previousDay) {
          sum += Math.log((day - previousDay) / 7);
          previousDay = day;
          x++;
        }
      }
      frequency[i] = x;
      recency[i] = previousDay / 7;
      age[i] = Math.rint(ages[i] * 7) / 7;
      litt[i] = sum;
    }
    histories = CustomerHistories.of(frequency, recency, age);
    pool = Executors.newFixedThreadPool(2);
  }

  /** Shuts the two-thread pool down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  /** The default fit: k chosen over 1..12. */
  @Benchmark
  public MbgCnbdModel chooseK() {
    return MbgCnbdFitter.create().fit(histories, litt);
  }

  /** The default fit with a two-thread executor. */
  @Benchmark
  public MbgCnbdModel chooseKOnTwoThreads() {
    return MbgCnbdFitter.create().withExecutor(pool).fit(histories, litt);
  }

  /** The fit at the known k = 2. */
  @Benchmark
  public MbgCnbdModel fixedK() {
    return MbgCnbdFitter.create().withK(2).fit(histories, litt);
  }
}
