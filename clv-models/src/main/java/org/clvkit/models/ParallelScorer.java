package org.clvkit.models;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.Parallel;

/**
 * Runs batch (column) methods over row ranges on an {@link Executor} that the caller owns: clvkit
 * starts no threads. The rows {@code [0, n)} are cut into {@code tasks} contiguous ranges of nearly
 * equal size, each range is passed to the batch method's {@code (…, out, from, to)} form on the
 * executor, and the call returns when all are done. Every row is computed by the same kernel as in
 * a sequential call, so the results are bit for bit those of {@code method(0, n)}.
 *
 * <pre>{@code
 * ForkJoinPool pool = new ForkJoinPool(4); // the caller's threads
 * ParallelScorer scorer = ParallelScorer.of(pool, 4);
 * scorer.conditionalExpectedPurchases(model, 52, frequency, recency, age, expected);
 * scorer.probabilityAlive(model, frequency, recency, age, alive);
 * // any method with a (from, to) range, for example twelve-period CLV:
 * scorer.run(n, (from, to) ->
 *     clv.conditionalValue(12, 0.01, frequency, recency, age, spend, value, from, to));
 * }</pre>
 *
 * <p><b>Failures.</b> Batch methods validate their range before computing it. When ranges fail, the
 * exception of the first failing range is thrown (unwrapped), so that a message names the first bad
 * row exactly as a sequential call would; but unlike a sequential call, other ranges of {@code out}
 * may already have been written.
 *
 * <p>Immutable and thread-safe as far as this class goes (the executor is the caller's). Use about
 * as many tasks as the executor has threads; more tasks balance uneven rows better at a small cost
 * per task (some batch methods build per-call tables, such as the BG/NBD's per-frequency series).
 */
public final class ParallelScorer {
  /** A batch method over the rows {@code [from, to)}. */
  @FunctionalInterface
  public interface RowRange {
    /**
     * Computes rows {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from first row
     * @param to one past the last row
     */
    void apply(int from, int to);
  }

  private final Executor executor;
  private final int tasks;

  private ParallelScorer(Executor executor, int tasks) {
    this.executor = Checks.notNull("executor", executor);
    this.tasks = Checks.positive("tasks", tasks);
  }

  /**
   * A scorer running {@code tasks} ranges on {@code executor}.
   *
   * @param executor the caller's executor, for example a {@code ForkJoinPool}
   * @param tasks number of ranges per call, &gt; 0 (with 1 everything runs in the calling thread)
   */
  public static ParallelScorer of(Executor executor, int tasks) {
    return new ParallelScorer(executor, tasks);
  }

  /** The number of ranges per call. */
  public int tasks() {
    return tasks;
  }

  /**
   * Runs {@code method} over {@code [0, rows)} cut into {@link #tasks()} ranges (fewer when there
   * are fewer rows), on the executor, and waits for all of them.
   *
   * @param rows number of rows, &gt;= 0
   * @param method the batch method over a range
   */
  public void run(int rows, RowRange method) {
    Checks.nonNegative("rows", rows);
    Checks.notNull("method", method);
    int chunks = Math.max(1, Math.min(tasks, rows));
    if (chunks == 1) {
      method.apply(0, rows);
      return;
    }
    RuntimeException[] failures = new RuntimeException[chunks];
    Error[] errors = new Error[chunks];
    CompletableFuture<?>[] futures = new CompletableFuture<?>[chunks];
    for (int k = 0; k < chunks; k++) {
      int chunk = k;
      int from = Parallel.boundary(0, rows, chunks, k);
      int to = Parallel.boundary(0, rows, chunks, k + 1);
      futures[k] =
          CompletableFuture.runAsync(
              () -> {
                try {
                  method.apply(from, to);
                } catch (RuntimeException e) {
                  failures[chunk] = e;
                } catch (Error e) {
                  errors[chunk] = e;
                }
              },
              executor);
    }
    try {
      CompletableFuture.allOf(futures).join();
    } catch (CompletionException e) {
      // Only the executor itself can fail a task here (the tasks catch their own failures).
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
    for (int k = 0; k < chunks; k++) {
      if (errors[k] != null) {
        throw errors[k];
      }
      if (failures[k] != null) {
        throw failures[k];
      }
    }
  }

  /**
   * {@link PurchaseModel#conditionalExpectedPurchases(double, double[], double[], double[],
   * double[], int, int)} over all rows.
   *
   * @param model the purchase model
   * @param t horizon, finite and &gt;= 0
   * @param frequency repeat purchases per customer
   * @param recency time of the last purchase per customer
   * @param age time since the first purchase per customer
   * @param out receives one value per row
   */
  public void conditionalExpectedPurchases(
      PurchaseModel model,
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out) {
    Checks.notNull("model", model);
    run(
        rows(frequency, out),
        (from, to) ->
            model.conditionalExpectedPurchases(t, frequency, recency, age, out, from, to));
  }

  /**
   * {@link PurchaseModel#probabilityAlive(double[], double[], double[], double[], int, int)} over
   * all rows.
   *
   * @param model the purchase model
   * @param frequency repeat purchases per customer
   * @param recency time of the last purchase per customer
   * @param age time since the first purchase per customer
   * @param out receives one value per row
   */
  public void probabilityAlive(
      PurchaseModel model, double[] frequency, double[] recency, double[] age, double[] out) {
    Checks.notNull("model", model);
    run(
        rows(frequency, out),
        (from, to) -> model.probabilityAlive(frequency, recency, age, out, from, to));
  }

  /**
   * {@link PurchaseModel#discountedExpectedPurchases(int, double, double[], double[], double[],
   * double[], int, int)} over all rows.
   *
   * @param model the purchase model
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period, finite and &gt; -1, with (1 +
   *     discountRate)^-periods finite
   * @param frequency repeat purchases per customer
   * @param recency time of the last purchase per customer
   * @param age time since the first purchase per customer
   * @param out receives one value per row
   */
  public void discountedExpectedPurchases(
      PurchaseModel model,
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out) {
    Checks.notNull("model", model);
    run(
        rows(frequency, out),
        (from, to) ->
            model.discountedExpectedPurchases(
                periods, discountRate, frequency, recency, age, out, from, to));
  }

  /** The row count of a call: frequency's length, which out must match. */
  private static int rows(double[] frequency, double[] out) {
    Checks.notNull("frequency", frequency);
    Checks.notNull("out", out);
    Checks.sameLength("out", out.length, "frequency", frequency.length);
    return frequency.length;
  }

  @Override
  public String toString() {
    return "ParallelScorer[tasks=" + tasks + ", executor=" + executor + "]";
  }
}
