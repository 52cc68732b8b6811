package org.clvkit.core.data;

import java.util.concurrent.Executor;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.internal.Parallel;

/**
 * The engine of {@link SummaryAccumulator#summarize}: a transaction log in columns summarised by
 * customer buckets (a radix partition by a hash of the id, as in partitioned hash aggregation), so
 * that each bucket's customer state stays in a core's cache instead of every row missing it. Four
 * passes, each split over the tasks: count the rows per bucket (per chunk of rows), scatter the
 * rows into bucket order (stable: a customer's rows keep their order), summarise each bucket with
 * an accumulator of its own, and write the customers out by first row. Not API.
 */
final class BucketedSummaries {
  /** Below this many rows, row by row is as fast. */
  static final int MIN_ROWS = 1 << 14;

  /** Rows per bucket aimed at: a few thousand customers, a few hundred kilobytes of state. */
  private static final int ROWS_PER_BUCKET = 1 << 13;

  private static final int MAX_BUCKET_BITS = 12;

  private BucketedSummaries() {}

  /** Buckets as a power of two for n rows. */
  private static int bucketBits(int n) {
    int bits = 0;
    while (bits < MAX_BUCKET_BITS && ((long) ROWS_PER_BUCKET << bits) < n) {
      bits++;
    }
    return bits;
  }

  /** Summarises long ids; see {@link SummaryAccumulator#summarize}. */
  static CustomerSummaries of(
      SummaryOptions options,
      long[] ids,
      long[] seconds,
      double[] amounts,
      Executor executor,
      int tasks) {
    return of(options, new LongIds(ids), seconds, amounts, executor, tasks);
  }

  /** Summarises string ids; see {@link SummaryAccumulator#summarize}. */
  static CustomerSummaries of(
      SummaryOptions options,
      String[] ids,
      long[] seconds,
      double[] amounts,
      Executor executor,
      int tasks) {
    return of(options, new StringIds(ids), seconds, amounts, executor, tasks);
  }

  /**
   * The customer-id column as the passes see it: each row's bucket, a copy of the ids in bucket
   * order, and rows offered to an accumulator from either order.
   */
  private abstract static class IdColumn {
    /** Number of rows. */
    abstract int size();

    /** The bucket of the row's customer, in [0, 2^bits). */
    abstract int bucket(int row, int bits);

    /** Makes room for the ids in bucket order. */
    abstract void allocateScattered();

    /** Copies the row's id to position {@code p} of the bucket order. */
    abstract void scatter(int row, int p);

    /** Offers the row at position {@code p} of the bucket order, originally row {@code row}. */
    abstract void acceptScattered(
        SummaryAccumulator acc, int p, long second, double amount, int row);

    /** Offers row {@code row} in log order. */
    abstract void accept(SummaryAccumulator acc, int row, long second, double amount);
  }

  private static final class LongIds extends IdColumn {
    private final long[] ids;
    private long[] scattered;

    LongIds(long[] ids) {
      this.ids = ids;
    }

    @Override
    int size() {
      return ids.length;
    }

    /** The top bits of a multiplicative hash. */
    @Override
    int bucket(int row, int bits) {
      return bits == 0 ? 0 : (int) ((ids[row] * 0xD6E8FEB86659FD93L) >>> (64 - bits));
    }

    @Override
    void allocateScattered() {
      scattered = new long[ids.length];
    }

    @Override
    void scatter(int row, int p) {
      scattered[p] = ids[row];
    }

    @Override
    void acceptScattered(SummaryAccumulator acc, int p, long second, double amount, int row) {
      acc.acceptSecondAt(scattered[p], second, amount, row);
    }

    @Override
    void accept(SummaryAccumulator acc, int row, long second, double amount) {
      acc.acceptEpochSecond(ids[row], second, amount);
    }
  }

  private static final class StringIds extends IdColumn {
    private final String[] ids;
    private String[] scattered;

    StringIds(String[] ids) {
      this.ids = ids;
    }

    @Override
    int size() {
      return ids.length;
    }

    /** A multiplicative hash of the string's hash code; null in bucket 0, which rejects it. */
    @Override
    int bucket(int row, int bits) {
      String id = ids[row];
      return bits == 0 || id == null ? 0 : (id.hashCode() * 0x85EBCA6B) >>> (32 - bits);
    }

    @Override
    void allocateScattered() {
      scattered = new String[ids.length];
    }

    @Override
    void scatter(int row, int p) {
      scattered[p] = ids[row];
    }

    @Override
    void acceptScattered(SummaryAccumulator acc, int p, long second, double amount, int row) {
      acc.acceptSecondAt(scattered[p], second, amount, row);
    }

    @Override
    void accept(SummaryAccumulator acc, int row, long second, double amount) {
      acc.acceptEpochSecond(ids[row], second, amount);
    }
  }

  private static CustomerSummaries of(
      SummaryOptions options,
      IdColumn ids,
      long[] seconds,
      double[] amounts,
      Executor executor,
      int tasks) {
    int n = ids.size();
    if (n < MIN_ROWS) {
      // Row by row is as fast: one accumulator, the rows in log order.
      SummaryAccumulator acc = new SummaryAccumulator(options, n / 2);
      for (int i = 0; i < n; i++) {
        ids.accept(acc, i, seconds[i], amounts[i]);
      }
      return acc.result();
    }
    int bits = bucketBits(n);
    int buckets = 1 << bits;
    int chunks = tasks;
    int[][] counts = new int[chunks][buckets];
    // The bucket of each row, kept so that the scatter does not hash every id again.
    short[] bucketOf = new short[n];
    Parallel.run(
        executor,
        0,
        chunks,
        chunks,
        (kFrom, kTo) -> {
          for (int k = kFrom; k < kTo; k++) {
            int[] count = counts[k];
            int to = Parallel.boundary(0, n, chunks, k + 1);
            for (int i = Parallel.boundary(0, n, chunks, k); i < to; i++) {
              int b = ids.bucket(i, bits);
              bucketOf[i] = (short) b;
              count[b]++;
            }
          }
        });
    int[] starts = offsets(counts, buckets, n);
    ids.allocateScattered();
    long[] bucketSeconds = new long[n];
    double[] bucketAmounts = new double[n];
    int[] bucketRows = new int[n];
    Parallel.run(
        executor,
        0,
        chunks,
        chunks,
        (kFrom, kTo) -> {
          for (int k = kFrom; k < kTo; k++) {
            int[] next = counts[k]; // now the chunk's next position per bucket
            int to = Parallel.boundary(0, n, chunks, k + 1);
            for (int i = Parallel.boundary(0, n, chunks, k); i < to; i++) {
              int p = next[bucketOf[i]]++;
              ids.scatter(i, p);
              bucketSeconds[p] = seconds[i];
              bucketAmounts[p] = amounts[i];
              bucketRows[p] = i;
            }
          }
        });
    SummaryAccumulator[] accumulators =
        summarizeBuckets(
            options,
            starts,
            executor,
            tasks,
            (acc, from, to) -> {
              for (int p = from; p < to; p++) {
                ids.acceptScattered(acc, p, bucketSeconds[p], bucketAmounts[p], bucketRows[p]);
              }
            });
    if (accumulators == null) {
      SummaryAccumulator acc = new SummaryAccumulator(options, n / 2);
      for (int i = 0; i < n; i++) {
        ids.accept(acc, i, seconds[i], amounts[i]);
      }
      return acc.result();
    }
    return write(options, accumulators, n, executor, tasks);
  }

  /**
   * Turns per-chunk bucket counts into each chunk's first position per bucket (bucket-major, then
   * chunk: a stable order), in place; returns each bucket's start, with the end at index buckets.
   */
  private static int[] offsets(int[][] counts, int buckets, int n) {
    int[] starts = new int[buckets + 1];
    int position = 0;
    for (int b = 0; b < buckets; b++) {
      starts[b] = position;
      for (int[] count : counts) {
        int c = count[b];
        count[b] = position;
        position += c;
      }
    }
    starts[buckets] = n;
    return starts;
  }

  /** Offers the rows {@code [from, to)} of one bucket to its accumulator. */
  private interface BucketRows {
    void accept(SummaryAccumulator acc, int from, int to);
  }

  /** One accumulator per bucket; null when a row was rejected. */
  private static SummaryAccumulator[] summarizeBuckets(
      SummaryOptions options, int[] starts, Executor executor, int tasks, BucketRows rows) {
    int buckets = starts.length - 1;
    SummaryAccumulator[] accumulators = new SummaryAccumulator[buckets];
    boolean[] failed = new boolean[tasks];
    Parallel.run(
        executor,
        0,
        tasks,
        tasks,
        (kFrom, kTo) -> {
          for (int k = kFrom; k < kTo; k++) {
            int to = Parallel.boundary(0, buckets, tasks, k + 1);
            for (int b = Parallel.boundary(0, buckets, tasks, k); b < to && !failed[k]; b++) {
              int size = starts[b + 1] - starts[b];
              SummaryAccumulator acc = new SummaryAccumulator(options, size / 2 + 16);
              acc.recordFirstRows();
              try {
                rows.accept(acc, starts[b], starts[b + 1]);
              } catch (ClvArgumentException e) {
                failed[k] = true;
              }
              accumulators[b] = acc;
            }
          }
        });
    for (boolean f : failed) {
      if (f) {
        return null;
      }
    }
    return accumulators;
  }

  /**
   * The summaries of the buckets' accumulators (disjoint customers), each customer at the position
   * of its first row among all customers, as one accumulator over all rows orders them.
   */
  private static CustomerSummaries write(
      SummaryOptions options,
      SummaryAccumulator[] accumulators,
      int n,
      Executor executor,
      int tasks) {
    int buckets = accumulators.length;
    // Mark each customer's first row (+1 with a calibration purchase, −1 holdout only), then
    // number the marks in row order: the customer's position in its part of the result.
    int[] position = new int[n];
    Parallel.run(
        executor,
        0,
        buckets,
        tasks,
        (from, to) -> {
          for (int b = from; b < to; b++) {
            SummaryAccumulator acc = accumulators[b];
            for (int c = 0; c < acc.customers(); c++) {
              position[(int) acc.firstRow(c)] = acc.isCalibrationCustomer(c) ? 1 : -1;
            }
          }
        });
    int calibration = 0;
    int holdoutOnly = 0;
    for (int i = 0; i < n; i++) {
      int mark = position[i];
      if (mark > 0) {
        position[i] = calibration++;
      } else if (mark < 0) {
        position[i] = holdoutOnly++;
      }
    }
    boolean longKeys = true;
    for (SummaryAccumulator acc : accumulators) {
      longKeys &= acc.hasLongKeys();
    }
    SummaryColumns out =
        new SummaryColumns(options, calibration, calibration + holdoutOnly, longKeys);
    Parallel.run(
        executor,
        0,
        buckets,
        tasks,
        (from, to) -> {
          for (int b = from; b < to; b++) {
            SummaryAccumulator acc = accumulators[b];
            for (int c = 0; c < acc.customers(); c++) {
              acc.writeCustomer(c, out, position[(int) acc.firstRow(c)]);
            }
          }
        });
    long rows = 0;
    PolicyCounts counts = PolicyCounts.NONE;
    for (SummaryAccumulator acc : accumulators) {
      rows += acc.rowCount();
      counts = counts.plus(acc.policyCounts());
    }
    return out.summaries(rows, counts);
  }
}
