package org.clvkit.examples.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;

/**
 * Between the reader and core's {@link SummaryAccumulator}: checks each row at once (so that a bad
 * row is reported while its original bytes are at hand), counts exact duplicate rows (same
 * customer, time and amount) and keeps or drops them, and bounds memory whatever the length and
 * order of the log.
 *
 * <p>The first {@link #DEFAULT_CHUNK_ROWS} rows are held in memory; a log that ends within them is
 * summarised in file order. A longer log is spilled: rows go, by a hash of the customer id, into
 * {@link #PARTITIONS} temporary files (so that all rows of a customer, and all copies of a row,
 * share one file), and each file is then summarised on its own and the results combined. Memory
 * then grows with customers (the summaries) plus one partition's rows, not with the log; the
 * temporary folder is deleted on every exit path but a kill (and by a shutdown hook on Ctrl-C).
 * Customers of a spilled log are listed partition by partition.
 */
final class RowPipeline implements AutoCloseable {
  /** Rows held in memory before spilling. */
  static final int DEFAULT_CHUNK_ROWS = 1 << 18;

  /** The rows held before spilling: the default, or fewer in a small heap (~256 bytes a row). */
  static int chunkRows() {
    return (int)
        Math.max(1024, Math.min(DEFAULT_CHUNK_ROWS, Runtime.getRuntime().maxMemory() / 256));
  }

  /** Temporary files of a spilled log. */
  static final int PARTITIONS = 256;

  /** What to do with exact duplicate rows. */
  enum Duplicates {
    KEEP,
    DROP
  }

  private record RowKey(String id, long second, long amountBits) {}

  private final SummaryOptions options;
  private final Duplicates duplicates;
  private final int chunkRows;
  private final Path tempParent;

  private String[] ids;
  private long[] seconds;
  private long[] amounts;
  private long[] lines;
  private int size;

  private Path spillDir;
  private DataOutputStream[] partitions;
  private Thread cleanup;
  private long duplicateRows;
  private long spilledRows;

  RowPipeline(SummaryOptions options, Duplicates duplicates, int chunkRows, Path tempParent) {
    this.options = options;
    this.duplicates = duplicates;
    this.chunkRows = chunkRows;
    this.tempParent = tempParent;
    int initial = Math.min(chunkRows, 1 << 12);
    ids = new String[initial];
    seconds = new long[initial];
    amounts = new long[initial];
    lines = new long[initial];
  }

  /**
   * Checks a row against the rules and rejecting policies, with the accumulator's messages, and
   * takes it.
   *
   * @throws ClvArgumentException for a row to reject
   */
  void accept(long line, String id, long second, double amount) {
    String name = "amount (line " + line + ")";
    if (!Double.isFinite(amount)) {
      throw new ClvArgumentException(
          String.format(Locale.ROOT, "%s must be finite, was %s", name, amount));
    }
    if (amount < 0 && options.refunds() == RowPolicy.REJECT) {
      throw new ClvArgumentException(
          String.format(Locale.ROOT, "%s must be finite and >= 0, was %s", name, amount));
    }
    if (amount == 0 && options.zeroAmounts() == RowPolicy.REJECT) {
      throw new ClvArgumentException(
          String.format(Locale.ROOT, "%s must be finite and > 0, was %s", name, amount));
    }
    if (size == ids.length) {
      if (size < chunkRows) {
        int n = Math.min(chunkRows, size * 2);
        ids = Arrays.copyOf(ids, n);
        seconds = Arrays.copyOf(seconds, n);
        amounts = Arrays.copyOf(amounts, n);
        lines = Arrays.copyOf(lines, n);
      } else {
        spill();
      }
    }
    ids[size] = id;
    seconds[size] = second;
    amounts[size] = Double.doubleToLongBits(amount == 0 ? 0.0 : amount);
    lines[size] = line;
    size++;
  }

  private void spill() {
    try {
      if (partitions == null) {
        Path parent =
            tempParent != null ? tempParent : Path.of(System.getProperty("java.io.tmpdir"));
        spillDir = Files.createTempDirectory(parent, "clv-spill-");
        Path dir = spillDir;
        cleanup = new Thread(() -> deleteQuietly(dir));
        Runtime.getRuntime().addShutdownHook(cleanup);
        partitions = new DataOutputStream[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
          partitions[p] =
              new DataOutputStream(
                  new BufferedOutputStream(
                      Files.newOutputStream(spillDir.resolve("part-" + p)), 1 << 14));
        }
      }
      for (int i = 0; i < size; i++) {
        DataOutputStream out = partitions[partition(ids[i])];
        byte[] id = ids[i].getBytes(StandardCharsets.UTF_8);
        out.writeInt(id.length);
        out.write(id);
        out.writeLong(seconds[i]);
        out.writeLong(amounts[i]);
        out.writeLong(lines[i]);
        ids[i] = null;
      }
      spilledRows += size;
      size = 0;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.IO,
          "cannot write temporary files in "
              + (spillDir != null ? spillDir : tempParent)
              + " (--temp-dir sets the folder): "
              + e.getMessage(),
          e);
    }
  }

  private static int partition(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return (h >>> 24) & (PARTITIONS - 1);
  }

  /** Summarises everything taken. */
  CustomerSummaries finish() {
    if (partitions == null) {
      SummaryAccumulator acc = new SummaryAccumulator(options, 1 << 12);
      Set<RowKey> seen = new HashSet<>();
      feed(acc, seen, ids, seconds, amounts, lines, size);
      return acc.result();
    }
    spill();
    try {
      for (DataOutputStream out : partitions) {
        out.close();
      }
      // Every customer's rows are in one partition and are fed together in time order, so the
      // accumulator can run in its ordered mode, which keeps a fixed size per customer.
      SummaryAccumulator total = new SummaryAccumulator(options.withOrderedInput(true), 1 << 12);
      for (int p = 0; p < PARTITIONS; p++) {
        readPartition(spillDir.resolve("part-" + p), total);
        Files.delete(spillDir.resolve("part-" + p));
      }
      return total.result();
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.IO, "cannot read temporary files in " + spillDir + ": " + e.getMessage(), e);
    }
  }

  private void readPartition(Path file, SummaryAccumulator acc) throws IOException {
    int n = 0;
    String[] pid = new String[1024];
    long[] ps = new long[1024];
    long[] pa = new long[1024];
    long[] pl = new long[1024];
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          break;
        }
        byte[] id = new byte[length];
        in.readFully(id);
        if (n == pid.length) {
          pid = Arrays.copyOf(pid, n * 2);
          ps = Arrays.copyOf(ps, n * 2);
          pa = Arrays.copyOf(pa, n * 2);
          pl = Arrays.copyOf(pl, n * 2);
        }
        pid[n] = new String(id, StandardCharsets.UTF_8);
        ps[n] = in.readLong();
        pa[n] = in.readLong();
        pl[n] = in.readLong();
        n++;
      }
    }
    // Group by customer (in order of first appearance: a counting sort), then order each group by
    // time and line: the order of a time-ordered log, so sums add up as in memory.
    java.util.HashMap<String, Integer> customer = new java.util.HashMap<>(n * 2);
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      Integer k = customer.putIfAbsent(pid[i], customer.size());
      c[i] = k == null ? customer.size() - 1 : k;
    }
    int k = customer.size();
    int[] start = new int[k + 1];
    for (int i = 0; i < n; i++) {
      start[c[i] + 1]++;
    }
    for (int j = 0; j < k; j++) {
      start[j + 1] += start[j];
    }
    int[] order = new int[n];
    int[] fill = Arrays.copyOf(start, k);
    for (int i = 0; i < n; i++) {
      order[fill[c[i]]++] = i;
    }
    for (int j = 0; j < k; j++) {
      sortGroup(order, start[j], start[j + 1], ps, pa, pl);
    }
    for (int g = 0; g < k; g++) {
      for (int q = start[g]; q < start[g + 1]; q++) {
        int i = order[q];
        boolean duplicate = false;
        for (int back = q - 1; back >= start[g] && ps[order[back]] == ps[i]; back--) {
          duplicate |= pa[order[back]] == pa[i];
        }
        if (duplicate) {
          duplicateRows++;
          if (duplicates == Duplicates.DROP) {
            continue;
          }
        }
        acc.acceptAtLine(pl[i], pid[i], ps[i], Double.longBitsToDouble(pa[i]));
      }
    }
  }

  /** Insertion sort of {@code order[from, to)} by time and line (groups are small). */
  private static void sortGroup(int[] order, int from, int to, long[] s, long[] a, long[] l) {
    if (to - from > 64) {
      Integer[] boxed = new Integer[to - from];
      for (int q = from; q < to; q++) {
        boxed[q - from] = order[q];
      }
      Arrays.sort(boxed, (x, y) -> compare(x, y, s, a, l));
      for (int q = from; q < to; q++) {
        order[q] = boxed[q - from];
      }
      return;
    }
    for (int q = from + 1; q < to; q++) {
      int v = order[q];
      int p = q - 1;
      while (p >= from && compare(order[p], v, s, a, l) > 0) {
        order[p + 1] = order[p];
        p--;
      }
      order[p + 1] = v;
    }
  }

  private static int compare(int x, int y, long[] s, long[] a, long[] l) {
    if (s[x] != s[y]) {
      return Long.compare(s[x], s[y]);
    }
    return Long.compare(l[x], l[y]);
  }

  private void feed(
      SummaryAccumulator acc,
      Set<RowKey> seen,
      String[] id,
      long[] second,
      long[] amount,
      long[] line,
      int n) {
    for (int i = 0; i < n; i++) {
      if (!seen.add(new RowKey(id[i], second[i], amount[i]))) {
        duplicateRows++;
        if (duplicates == Duplicates.DROP) {
          continue;
        }
      }
      acc.acceptAtLine(line[i], id[i], second[i], Double.longBitsToDouble(amount[i]));
    }
  }

  /** Exact duplicate rows seen (kept or dropped by the policy). */
  long duplicateRows() {
    return duplicateRows;
  }

  /** Whether the log was spilled to temporary files. */
  boolean spilled() {
    return partitions != null;
  }

  /** Deletes the temporary files. */
  @Override
  public void close() {
    if (partitions != null) {
      for (DataOutputStream out : partitions) {
        try {
          out.close();
        } catch (IOException ignored) {
          // deleted below
        }
      }
    }
    if (spillDir != null) {
      deleteQuietly(spillDir);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      spillDir = null;
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      OutputFolder.deleteTree(dir);
    } catch (IOException ignored) {
      // a folder in the temporary directory: nothing more can be done
    }
  }
}
