package org.clvkit.bench;

import java.util.concurrent.ForkJoinPool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state of the benchmarks over {@link SyntheticCdnow} customers: their number and the number of
 * threads as JMH parameters, the customer columns, and for two threads the pool that stands for a
 * caller's executor. A subclass prepares what its operation needs in {@link #prepare()}, which runs
 * after the columns are made, once per trial.
 */
@State(Scope.Benchmark)
public abstract class CustomerColumnsState {
  /** Number of customers. */
  @Param({"1000", "100000", "1000000"})
  public int customers;

  /** 1: the calling thread only; 2: a caller's executor, a {@code ForkJoinPool} of two threads. */
  @Param({"1", "2"})
  public int threads;

  double[] frequency;
  double[] recency;
  double[] age;
  double[] monetaryValue;

  /** The pool for {@code threads > 1}, else null. */
  ForkJoinPool pool;

  /** Makes the columns and the pool, then calls {@link #prepare()}. */
  @Setup(Level.Trial)
  public void setup() {
    SyntheticCdnow data = SyntheticCdnow.customers(customers);
    frequency = data.frequency();
    recency = data.recency();
    age = data.age();
    monetaryValue = data.monetaryValue();
    pool = threads == 1 ? null : new ForkJoinPool(threads);
    prepare();
  }

  /** What the operation needs besides the columns and the pool; nothing by default. */
  void prepare() {}

  /** Shuts the pool down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
