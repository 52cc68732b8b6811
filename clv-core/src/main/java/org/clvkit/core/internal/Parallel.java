package org.clvkit.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;

/**
 * Splits index ranges into chunks and runs them on a caller-supplied {@link Executor}. clvkit never
 * starts threads of its own: without an executor (null) everything runs in the calling thread. Not
 * API.
 *
 * <p>Chunk boundaries depend only on the range and the chunk count, never on timing, so sums
 * combined in chunk order ({@link #sum}) are reproducible run to run.
 */
public final class Parallel {
  private Parallel() {}

  /** Work on the half-open range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeTask {
    /** Processes rows {@code from} (inclusive) to {@code to} (exclusive). */
    void run(int from, int to);
  }

  /** A partial sum over the half-open range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeSum {
    /** Returns the sum over rows {@code from} (inclusive) to {@code to} (exclusive). */
    double sum(int chunk, int from, int to);
  }

  /** The start of chunk {@code k} of {@code chunks} over {@code [from, to)}. */
  public static int boundary(int from, int to, int chunks, int k) {
    return from + (int) ((long) (to - from) * k / chunks);
  }

  /**
   * Runs {@code task} over {@code [from, to)} split into {@code chunks} nearly equal chunks, on
   * {@code executor} (or in this thread when it is null or there is one chunk), and waits for all
   * of them. The first failure is rethrown unwrapped when it is unchecked.
   */
  public static void run(Executor executor, int from, int to, int chunks, RangeTask task) {
    Checks.range(from, to, Integer.MAX_VALUE);
    Checks.positive("chunks", chunks);
    if (executor == null || chunks == 1 || to - from < 2) {
      task.run(from, to);
      return;
    }
    CompletableFuture<?>[] futures = new CompletableFuture<?>[chunks];
    for (int k = 0; k < chunks; k++) {
      int start = boundary(from, to, chunks, k);
      int end = boundary(from, to, chunks, k + 1);
      futures[k] = CompletableFuture.runAsync(() -> task.run(start, end), executor);
    }
    join(futures);
  }

  /**
   * Sums {@code f} over {@code [from, to)} split into {@code chunks} chunks, adding the partial
   * sums in chunk order, so that the result does not depend on which thread finished first. With
   * {@code chunks = 1} it is the plain sequential sum.
   */
  public static double sum(Executor executor, int from, int to, int chunks, RangeSum f) {
    Checks.positive("chunks", chunks);
    double[] partial = new double[chunks];
    if (executor == null || chunks == 1) {
      for (int k = 0; k < chunks; k++) {
        partial[k] = f.sum(k, boundary(from, to, chunks, k), boundary(from, to, chunks, k + 1));
      }
    } else {
      CompletableFuture<?>[] futures = new CompletableFuture<?>[chunks];
      for (int k = 0; k < chunks; k++) {
        int chunk = k;
        int start = boundary(from, to, chunks, k);
        int end = boundary(from, to, chunks, k + 1);
        futures[k] =
            CompletableFuture.runAsync(() -> partial[chunk] = f.sum(chunk, start, end), executor);
      }
      join(futures);
    }
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
  }

  private static void join(CompletableFuture<?>[] futures) {
    try {
      CompletableFuture.allOf(futures).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
