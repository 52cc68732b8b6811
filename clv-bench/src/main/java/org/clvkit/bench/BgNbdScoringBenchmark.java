package org.clvkit.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.ParallelScorer;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
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
public class BgNbdScoringBenchmark extends CustomerColumnsState {
  /** The CDNOW BG/NBD estimates (Fader, Hardie and Lee 2005, weeks). */
  static final BgNbdParameters CDNOW = new BgNbdParameters(0.2426, 4.414, 0.7929, 2.426);

  /** Horizon of the conditional expectation, weeks. */
  static final double HORIZON = 52;

  BgNbdModel model;
  double[] expected;
  double[] alive;
  double[][] scores;
  ParallelScorer scorer;

  /** Builds the model, the output columns and, for two threads, the scorer. */
  @Override
  void prepare() {
    model = BgNbdModel.of(CDNOW);
    expected = new double[customers];
    alive = new double[customers];
    scores = new double[][] {expected, alive};
    scorer = pool == null ? null : ParallelScorer.of(pool, threads);
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
