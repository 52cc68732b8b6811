package org.clvkit.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.ParallelScorer;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
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
 * The performance issue's row "conditional expected purchases (52 periods) + P(alive), BG/NBD, 1M
 * customers" (target at 1,000,000 customers: 100 ms).
 *
 * <p>One operation of {@link #batch()} computes, for every customer of {@link
 * SyntheticCdnow#customers(int)}, the BG/NBD conditional expected purchases in the next 52 weeks
 * and the probability of being alive, with the CDNOW estimates of Fader, Hardie and Lee (2005): r =
 * 0.2426, α = 4.414, a = 0.7929, b = 2.426. Both go into output columns allocated in the setup:
 * with {@code threads = 1} through the model's batch methods in the calling thread, with {@code
 * threads = 2} through {@link ParallelScorer} with two tasks on a {@link ForkJoinPool} of two
 * threads. {@link #perCustomer()} is the baseline: the same numbers from the per-customer methods,
 * one call per customer and quantity (split over the same two tasks when {@code threads = 2}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BgNbdScoringBenchmark {
  /** The CDNOW BG/NBD estimates (Fader, Hardie and Lee 2005, weeks). */
  static final BgNbdParameters CDNOW = new BgNbdParameters(0.2426, 4.414, 0.7929, 2.426);

  /** Horizon of the conditional expectation, weeks. */
  static final double HORIZON = 52;

  /** Number of customers. */
  @Param({"1000", "100000", "1000000"})
  public int customers;

  /** 1: the calling thread only; 2: two tasks on a ForkJoinPool of two threads. */
  @Param({"1", "2"})
  public int threads;

  BgNbdModel model;
  double[] frequency;
  double[] recency;
  double[] age;
  double[] expected;
  double[] alive;
  double[][] scores;
  ForkJoinPool pool;
  ParallelScorer scorer;

  /** Builds the customers, the model, the output columns and, for two threads, the pool. */
  @Setup(Level.Trial)
  public void setup() {
    SyntheticCdnow data = SyntheticCdnow.customers(customers);
    frequency = data.frequency();
    recency = data.recency();
    age = data.age();
    model = BgNbdModel.of(CDNOW);
    expected = new double[customers];
    alive = new double[customers];
    scores = new double[][] {expected, alive};
    if (threads > 1) {
      pool = new ForkJoinPool(threads);
      scorer = ParallelScorer.of(pool, threads);
    }
  }

  /** Shuts the pool down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  /**
   * Both quantities for all customers by the batch methods.
   *
   * @return {@code {expected purchases, P(alive)}}, the preallocated columns
   */
  @Benchmark
  public double[][] batch() {
    if (scorer == null) {
      model.conditionalExpectedPurchases(HORIZON, frequency, recency, age, expected, 0, customers);
      model.probabilityAlive(frequency, recency, age, alive, 0, customers);
    } else {
      scorer.conditionalExpectedPurchases(model, HORIZON, frequency, recency, age, expected);
      scorer.probabilityAlive(model, frequency, recency, age, alive);
    }
    return scores;
  }

  /**
   * Baseline: both quantities for all customers by the per-customer methods.
   *
   * @return {@code {expected purchases, P(alive)}}, the preallocated columns
   */
  @Benchmark
  public double[][] perCustomer() {
    if (scorer == null) {
      perCustomer(0, customers);
    } else {
      scorer.run(customers, this::perCustomer);
    }
    return scores;
  }

  private void perCustomer(int from, int to) {
    for (int i = from; i < to; i++) {
      expected[i] = model.conditionalExpectedPurchases(HORIZON, frequency[i], recency[i], age[i]);
      alive[i] = model.probabilityAlive(frequency[i], recency[i], age[i]);
    }
  }
}
