package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
 * <p><b>Any order</b> (the default). Customer ids are interned to dense indexes ({@link IdTable}),
 * so a row is 28 bytes (index, time, amount, line). The first {@link #DEFAULT_CHUNK_ROWS} rows are
 * held in memory; a longer log is spilled: rows go, by their customer's index, into {@link
 * #PARTITIONS} temporary files (so that all rows of a customer, and all copies of a row, share one
 * file). At the end each part (the memory, or each file in turn) is grouped by customer with a
 * counting sort, each customer's rows put in time order (a stable sort, so ties keep file order),
 * duplicates counted, and the rows fed to one accumulator in its ordered mode, which keeps a fixed
 * size per customer. Memory grows with customers (the ids, the summaries) plus one part's rows, not
 * with the log; the temporary folder is deleted on every exit path but a kill (and by a shutdown
 * hook on Ctrl-C). Customers of a spilled log are listed part by part, each part in order of first
 * appearance.
 *
 * <p><b>Sorted</b> ({@code --sorted}: the rows of each customer together and in time order, as in
 * CDNOW's files). The rows stream straight into the ordered accumulator: nothing is buffered, no
 * temporary file, memory grows with customers only, customers are listed in file order. A row that
 * breaks the order (a customer met again after another's rows, or a time before its customer's
 * previous row) ends the run with an error naming its line. The summaries equal those of the
 * default path bit for bit, as each customer's rows reach the accumulator in the same order.
 *
 * <p><b>Detected sorted</b> (no {@code --sorted}, but the summary's ends known before the read:
 * given, or found by a first scan of the dates when the log's first rows look sorted by customer).
 * The rows take the any-order path and, while they arrive sorted by customer (each customer's rows
 * together and in time order), also stream into an ordered accumulator as above. If the whole log
 * was sorted, that accumulator's summaries are the result (the same summaries, customers in file
 * order, as the any-order path without spilling) and the any-order rows are discarded; at the first
 * row out of order the stream is dropped and the any-order path, which has every row, goes on
 * alone. The file is read once either way.
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

  private static final int PARTITION_BITS = 8;

  /** Bytes of a spilled row: customer index, time, amount bits, line. */
  private static final int RECORD_BYTES = 28;

  /**
   * Most rows in a segment of a part's file: its row count (4 bytes), then its customer indexes,
   * times, amount bits and lines, each a column (written and read back in bulk, in the platform's
   * byte order: the file lives only as long as the run).
   */
  private static final int SEGMENT_ROWS = 4096;

  /** What to do with exact duplicate rows. */
  enum Duplicates {
    KEEP,
    DROP
  }

  private final String source;
  private final RowPolicy zeros;
  private final RowPolicy refunds;
  private final Duplicates duplicates;
  private final int chunkRows;
  private final Path tempParent;
  private final IdTable ids = new IdTable();

  // Any order: the rows held in memory.
  private int[] customers;
  private long[] seconds;
  private long[] amounts;
  private long[] lines;
  private int size;

  private Path spillDir;
  private FileChannel[] partitions;
  // Spilling: a chunk's rows grouped by partition (a counting sort), and a segment's bytes.
  private int[] spillCustomers;
  private long[] spillSeconds;
  private long[] spillAmounts;
  private long[] spillLines;
  private ByteBuffer segment;
  private Thread cleanup;
  private long duplicateRows;
  private boolean sortedStream;
  // The customers, once every row is in (read by the threads that summarise).
  private int idCount;
  // Threads that summarise, and a test hook run by them before each part (or range) they take.
  private int threads = summaryThreads();
  private java.util.function.IntConsumer beforePart = p -> {};

  // Sorted: the accumulator fed row by row, and the current customer's rows at its latest time.
  private SummaryAccumulator streamed;
  // Detected sorted: whether rows have come sorted by customer so far (streamed beside the
  // any-order path), the current customer's index, and the duplicates the stream counted.
  private boolean detecting;
  private int currentCustomer = -1;
  private long streamedDuplicates;
  private String currentId;
  // The current customer's numeric id (IdTable.number), or -1: then currentId names it.
  private long currentNumber = -1;
  private long currentSecond;
  private long[] amountsAtSecond = new long[4];
  private long[] linesAtSecond = new long[4];
  private int amountsCount;
  private int pendingCount;

  /**
   * A pipeline.
   *
   * @param source the input's name, for messages
   * @param zeros the zero-amount policy (rejection is checked here)
   * @param refunds the refund policy (rejection is checked here)
   * @param duplicates what to do with exact duplicates
   * @param chunkRows rows held in memory before spilling
   * @param tempParent where the temporary folder goes, or null for the system's
   * @param sorted the summary options when the input is declared sorted (streamed), else null
   * @param detect the summary options when the input is not declared sorted but may be (rows
   *     streamed while they come sorted by customer), else null
   */
  RowPipeline(
      String source,
      RowPolicy zeros,
      RowPolicy refunds,
      Duplicates duplicates,
      int chunkRows,
      Path tempParent,
      SummaryOptions sorted,
      SummaryOptions detect) {
    this.source = source;
    this.zeros = zeros;
    this.refunds = refunds;
    this.duplicates = duplicates;
    this.chunkRows = chunkRows;
    this.tempParent = tempParent;
    if (sorted != null) {
      streamed = new SummaryAccumulator(sorted.withOrderedInput(true), 1 << 12);
    } else {
      if (detect != null) {
        streamed = new SummaryAccumulator(detect.withOrderedInput(true), 1 << 12);
        detecting = true;
      }
      int initial = Math.min(chunkRows, 1 << 12);
      customers = new int[initial];
      seconds = new long[initial];
      amounts = new long[initial];
      lines = new long[initial];
    }
  }

  /**
   * Checks a row against the rules and rejecting policies, with the accumulator's messages, and
   * takes it.
   *
   * @throws ClvArgumentException for a row to reject
   * @throws CliException for a row that breaks the order of a sorted input
   */
  void accept(long line, String id, long second, double amount) {
    accept(line, id, -1, second, amount);
  }

  /**
   * As {@link #accept(long, String, long, double)}, with the id's index in {@link #ids()} when the
   * reader interned it already (else -1); {@code id} may then be null.
   */
  void accept(long line, String id, int index, long second, double amount) {
    if (!Double.isFinite(amount)) {
      throw new ClvArgumentException(
          String.format(Locale.ROOT, "amount (line %d) must be finite, was %s", line, amount));
    }
    if (amount < 0 && refunds == RowPolicy.REJECT) {
      throw new ClvArgumentException(
          String.format(
              Locale.ROOT, "amount (line %d) must be finite and >= 0, was %s", line, amount));
    }
    if (amount == 0 && zeros == RowPolicy.REJECT) {
      throw new ClvArgumentException(
          String.format(
              Locale.ROOT, "amount (line %d) must be finite and > 0, was %s", line, amount));
    }
    long bits = Double.doubleToLongBits(amount == 0 ? 0.0 : amount);
    if (streamed != null && !detecting) {
      stream(line, id, second, bits);
      return;
    }
    int customer = index >= 0 ? index : ids.index(id);
    if (detecting) {
      detect(line, customer, second, bits);
    }
    if (size == customers.length) {
      if (size < chunkRows) {
        int n = Math.min(chunkRows, size * 2);
        customers = Arrays.copyOf(customers, n);
        seconds = Arrays.copyOf(seconds, n);
        amounts = Arrays.copyOf(amounts, n);
        lines = Arrays.copyOf(lines, n);
      } else {
        spill();
      }
    }
    customers[size] = customer;
    seconds[size] = second;
    amounts[size] = bits;
    lines[size] = line;
    size++;
  }

  /**
   * Streams a row while the rows come sorted by customer: the same customer at the same or a later
   * time, or a customer not met before (indexes are given in order of first appearance, so a higher
   * index than the current customer's); else stops streaming for good.
   */
  private void detect(long line, int customer, long second, long bits) {
    if (customer == currentCustomer ? second < currentSecond : customer < currentCustomer) {
      detecting = false;
      streamed = null;
      amountsCount = 0;
      amountsAtSecond = null;
      linesAtSecond = null;
      return;
    }
    if (customer != currentCustomer || second != currentSecond) {
      flushPending();
      currentCustomer = customer;
      currentNumber = ids.number(customer);
      currentId = currentNumber >= 0 ? null : ids.id(customer);
      currentSecond = second;
    }
    pend(line, bits);
  }

  private void stream(long line, String id, long second, long bits) {
    boolean same = id.equals(currentId);
    if (same && second < currentSecond) {
      throw notSorted(
          line,
          String.format(
              Locale.ROOT,
              "the time %s of customer \"%s\" is before its previous row's %s",
              SummaryCsv.time(DateParser.time(second)),
              id,
              SummaryCsv.time(DateParser.time(currentSecond))));
    }
    if (!same || second != currentSecond) {
      flushPending();
      if (!same && currentId != null && streamed.hasCustomer(id)) {
        throw notSorted(
            line,
            String.format(
                Locale.ROOT, "customer \"%s\" appears again after other customers' rows", id));
      }
      amountsCount = 0;
      currentSecond = second;
      currentId = id;
    }
    pend(line, bits);
  }

  /** Adds a row of the current customer at the current time, counting exact duplicates. */
  private void pend(long line, long bits) {
    boolean duplicate = false;
    for (int k = 0; k < amountsCount && !duplicate; k++) {
      duplicate = amountsAtSecond[k] == bits;
    }
    if (duplicate) {
      streamedDuplicates++;
      if (duplicates == Duplicates.DROP) {
        return;
      }
    }
    if (amountsCount == amountsAtSecond.length) {
      amountsAtSecond = Arrays.copyOf(amountsAtSecond, amountsCount * 2);
      linesAtSecond = Arrays.copyOf(linesAtSecond, amountsCount * 2);
    }
    amountsAtSecond[amountsCount] = bits;
    linesAtSecond[amountsCount] = line;
    amountsCount++;
  }

  /**
   * Feeds the current customer's rows at its current time, ordered by amount (as the any-order path
   * orders them, so that both give the same sums).
   */
  private void flushPending() {
    int n = amountsCount;
    for (int q = 1; q < n; q++) {
      long a = amountsAtSecond[q];
      long l = linesAtSecond[q];
      int k = q - 1;
      while (k >= 0 && amountsAtSecond[k] > a) {
        amountsAtSecond[k + 1] = amountsAtSecond[k];
        linesAtSecond[k + 1] = linesAtSecond[k];
        k--;
      }
      amountsAtSecond[k + 1] = a;
      linesAtSecond[k + 1] = l;
    }
    for (int q = 0; q < n; q++) {
      double amount = Double.longBitsToDouble(amountsAtSecond[q]);
      if (currentId == null) {
        streamed.acceptAtLine(linesAtSecond[q], currentNumber, currentSecond, amount);
      } else {
        streamed.acceptAtLine(linesAtSecond[q], currentId, currentSecond, amount);
      }
    }
    amountsCount = 0;
  }

  private CliException notSorted(long line, String what) {
    return new CliException(
        ExitCodes.DATA,
        String.format(
            Locale.ROOT,
            "%s: line %d breaks --sorted: %s; the input is not sorted by customer and time",
            source,
            line,
            what),
        "leave out --sorted to read the rows in any order");
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
        partitions = new FileChannel[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
          partitions[p] =
              FileChannel.open(
                  spillDir.resolve("part-" + p),
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE);
        }
        segment =
            ByteBuffer.allocate(4 + SEGMENT_ROWS * RECORD_BYTES).order(ByteOrder.nativeOrder());
      }
      int n = size;
      if (spillCustomers == null || spillCustomers.length < n) {
        spillCustomers = new int[n];
        spillSeconds = new long[n];
        spillAmounts = new long[n];
        spillLines = new long[n];
      }
      int[] start = new int[PARTITIONS + 1];
      for (int i = 0; i < n; i++) {
        start[(customers[i] & (PARTITIONS - 1)) + 1]++;
      }
      for (int p = 0; p < PARTITIONS; p++) {
        start[p + 1] += start[p];
      }
      int[] fill = Arrays.copyOf(start, PARTITIONS);
      for (int i = 0; i < n; i++) {
        int c = customers[i];
        int q = fill[c & (PARTITIONS - 1)]++;
        spillCustomers[q] = c;
        spillSeconds[q] = seconds[i];
        spillAmounts[q] = amounts[i];
        spillLines[q] = lines[i];
      }
      for (int p = 0; p < PARTITIONS; p++) {
        for (int from = start[p]; from < start[p + 1]; from += SEGMENT_ROWS) {
          writeSegment(p, from, Math.min(start[p + 1], from + SEGMENT_ROWS));
        }
      }
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

  /**
   * Writes the grouped rows {@code [from, to)}, all of part {@code p}, as a segment of its file.
   */
  private void writeSegment(int p, int from, int to) throws IOException {
    int k = to - from;
    ByteBuffer b = segment;
    b.clear();
    b.putInt(k);
    b.asIntBuffer().put(spillCustomers, from, k);
    b.position(4 + 4 * k);
    java.nio.LongBuffer columns = b.asLongBuffer();
    columns.put(spillSeconds, from, k).put(spillAmounts, from, k).put(spillLines, from, k);
    b.position(4 + RECORD_BYTES * k);
    b.flip();
    while (b.hasRemaining()) {
      partitions[p].write(b);
    }
  }

  /**
   * Summarises everything taken.
   *
   * @param options how to summarise (for a sorted input, those it was made with)
   */
  CustomerSummaries finish(SummaryOptions options) {
    if (streamed != null) {
      flushPending();
      duplicateRows += streamedDuplicates;
      sortedStream = true;
      return streamed.result();
    }
    ids.freeLookup(); // every row is in: only the ids by index are needed from here
    idCount = ids.size();
    SummaryOptions ordered = options.withOrderedInput(true);
    if (partitions == null) {
      Part part = new Part(customers, seconds, amounts, lines, idCount, 0, 0, size);
      customers = null;
      if (threads <= 1 || idCount < 2 * MIN_GROUPS_PER_TASK) {
        part.sortGroups(0, part.groups);
        SummaryAccumulator total = new SummaryAccumulator(ordered, Math.max(16, idCount));
        duplicateRows += part.feed(total, 0, part.groups);
        return total.result();
      }
      return summariseInMemory(part, ordered, threads);
    }
    spill();
    try {
      for (int p = 0; p < PARTITIONS; p++) {
        partitions[p].close();
      }
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.IO, "cannot read temporary files in " + spillDir + ": " + e.getMessage(), e);
    }
    customers = null;
    seconds = null;
    amounts = null;
    lines = null;
    spillCustomers = null;
    spillSeconds = null;
    spillAmounts = null;
    spillLines = null;
    segment = null;
    return summariseParts(ordered, threads);
  }

  /** Tasks that summarise, from {@code -Dclvkit.summaryThreads}: by default the cores, up to 4. */
  static int summaryThreads() {
    return Math.max(
        1,
        Integer.getInteger(
            "clvkit.summaryThreads",
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))));
  }

  /** Summarises on {@code n} threads (tests: the default is {@link #summaryThreads()}). */
  RowPipeline threads(int n) {
    threads = Math.max(1, n);
    return this;
  }

  /** Runs {@code hook} with the part's (or range's) number before each (tests). */
  RowPipeline beforePart(java.util.function.IntConsumer hook) {
    beforePart = hook;
    return this;
  }

  /** Fewest customers per task when a log held in memory is summarised on several threads. */
  private static final int MIN_GROUPS_PER_TASK = 1 << 12;

  /** Daemon threads named {@code clv-summary-N}. */
  private static ExecutorService pool(int threads) {
    return Workers.pool("summary", threads);
  }

  /**
   * Summarises the rows held in memory on {@code threads} threads: contiguous ranges of customers
   * (in order of index), each sorted and fed to an accumulator of its own, the results listed range
   * after range: the same summaries in the same order as one accumulator over all.
   */
  private CustomerSummaries summariseInMemory(Part part, SummaryOptions ordered, int threads) {
    int tasks = (int) Math.min(4L * threads, part.groups / MIN_GROUPS_PER_TASK);
    SummaryAccumulator[] accs = new SummaryAccumulator[tasks];
    long[] dups = new long[tasks];
    ExecutorService pool = pool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int k = 0; k < tasks; k++) {
        int task = k;
        int from = (int) ((long) part.groups * k / tasks);
        int to = (int) ((long) part.groups * (k + 1) / tasks);
        futures.add(
            pool.submit(
                () -> {
                  beforePart.accept(task);
                  part.sortGroups(from, to);
                  SummaryAccumulator acc = new SummaryAccumulator(ordered, Math.max(16, to - from));
                  dups[task] = part.feed(acc, from, to);
                  accs[task] = acc;
                }));
      }
      // Every task ends first; then the first failure in customer order, as one thread would meet
      // it.
      Throwable first = null;
      for (Future<?> f : futures) {
        try {
          take(f);
        } catch (RuntimeException | Error e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        rethrow(first);
      }
      for (long d : dups) {
        duplicateRows += d;
      }
      return SummaryAccumulator.resultOfDisjoint(Arrays.asList(accs), pool, threads);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Summarises the spilled parts on {@code threads} threads: each thread takes the next part, reads
   * it back, puts it in order and feeds it to an accumulator of its own; the results are listed
   * part after part: the same summaries in the same order as one accumulator fed the parts in turn.
   * A failure is the one of the first failing part (the parts before it all done), as one thread
   * would meet it.
   */
  private CustomerSummaries summariseParts(SummaryOptions ordered, int threads) {
    SummaryAccumulator[] accs = new SummaryAccumulator[PARTITIONS];
    long[] dups = new long[PARTITIONS];
    Throwable[] failures = new Throwable[PARTITIONS];
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed =
        new java.util.concurrent.atomic.AtomicInteger(PARTITIONS);
    ExecutorService pool = pool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int p = next.getAndIncrement();
                      p < PARTITIONS && p < failed.get();
                      p = next.getAndIncrement()) {
                    try {
                      beforePart.accept(p);
                      Part part = readPart(p);
                      part.sortGroups(0, part.groups);
                      SummaryAccumulator acc =
                          new SummaryAccumulator(ordered, Math.max(16, part.groups));
                      dups[p] = part.feed(acc, 0, part.groups);
                      accs[p] = acc;
                    } catch (Throwable e) { // an OutOfMemoryError too: the caller rethrows it
                      failures[p] = e;
                      failed.accumulateAndGet(p, Math::min);
                      return;
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        take(f);
      }
      int first = failed.get();
      if (first < PARTITIONS) {
        rethrow(failures[first]);
      }
      for (long d : dups) {
        duplicateRows += d;
      }
      return SummaryAccumulator.resultOfDisjoint(Arrays.asList(accs), pool, threads);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for a task; its failure as this pipeline's error. */
  private void take(Future<?> task) {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(
          ExitCodes.IO,
          "interrupted while summarising" + (spillDir == null ? "" : " " + spillDir),
          e);
    } catch (ExecutionException e) {
      rethrow(e.getCause());
    }
  }

  /** Rethrows a task's failure: an I/O error on the temporary files as this pipeline's. */
  private void rethrow(Throwable cause) {
    if (cause instanceof UncheckedIOException) {
      IOException io = ((UncheckedIOException) cause).getCause();
      throw new CliException(
          ExitCodes.IO, "cannot read temporary files in " + spillDir + ": " + io.getMessage(), io);
    }
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    throw new IllegalStateException(cause);
  }

  /** Reads part {@code p} back, deletes its file, and puts its rows in order. */
  private Part readPart(int p) {
    Path file = spillDir.resolve("part-" + p);
    try {
      long bytes = Files.size(file);
      ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.nativeOrder());
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
        while (b.hasRemaining() && in.read(b) >= 0) {
          // fill
        }
      }
      Files.delete(file);
      b.flip();
      int n = 0;
      for (int at = 0; at < b.limit(); at += 4 + RECORD_BYTES * b.getInt(at)) {
        n += b.getInt(at);
      }
      int[] local = new int[n];
      long[] partSeconds = new long[n];
      long[] partAmounts = new long[n];
      long[] partLines = new long[n];
      for (int at = 0; at < n; ) {
        int k = b.getInt();
        int pos = b.position();
        b.asIntBuffer().get(local, at, k);
        b.position(pos + 4 * k);
        b.asLongBuffer().get(partSeconds, at, k).get(partAmounts, at, k).get(partLines, at, k);
        b.position(pos + RECORD_BYTES * k);
        at += k;
      }
      for (int i = 0; i < n; i++) {
        local[i] >>>= PARTITION_BITS;
      }
      int groups = Math.max(0, (idCount - p + PARTITIONS - 1) >>> PARTITION_BITS);
      return new Part(local, partSeconds, partAmounts, partLines, groups, PARTITION_BITS, p, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Rows {@code [0, n)} of some columns, whose customers are {@code local} (global index {@code
   * (local << shift) | p}, below {@code groups} distinct locals), grouped by customer in order of
   * index, each group in time order (ties in file order); {@link #feed} counts duplicates and feeds
   * them.
   */
  private final class Part {
    private final long[] seconds;
    private final long[] amounts;
    private final long[] lines;
    private final int groups;
    private final int shift;
    private final int p;
    private final int[] start;
    private final int[] order;

    Part(
        int[] local,
        long[] seconds,
        long[] amounts,
        long[] lines,
        int groups,
        int shift,
        int p,
        int n) {
      this.seconds = seconds;
      this.amounts = amounts;
      this.lines = lines;
      this.groups = groups;
      this.shift = shift;
      this.p = p;
      start = new int[groups + 1];
      for (int i = 0; i < n; i++) {
        start[local[i] + 1]++;
      }
      for (int g = 0; g < groups; g++) {
        start[g + 1] += start[g];
      }
      order = new int[n];
      int[] fill = Arrays.copyOf(start, groups);
      for (int i = 0; i < n; i++) {
        order[fill[local[i]]++] = i;
      }
    }

    /** Puts the rows of groups {@code [gFrom, gTo)} in time order (each range by one thread). */
    void sortGroups(int gFrom, int gTo) {
      int[] scratch = new int[0];
      for (int g = gFrom; g < gTo; g++) {
        int from = start[g];
        int to = start[g + 1];
        if (to - from > 32 && scratch.length < to - from) {
          scratch = new int[to - from];
        }
        if (to - from > 1) {
          sortByTimeAndAmount(from, to, scratch);
        }
      }
    }

    /**
     * Feeds the rows of groups {@code [gFrom, gTo)} to {@code acc}, counting (and perhaps dropping)
     * exact duplicates; returns their count.
     */
    long feed(SummaryAccumulator acc, int gFrom, int gTo) {
      long duplicateRows = 0;
      for (int g = gFrom; g < gTo; g++) {
        int from = start[g];
        int to = start[g + 1];
        if (from == to) {
          continue;
        }
        int customer = (g << shift) | p;
        long number = ids.number(customer);
        String id = number >= 0 ? null : ids.id(customer);
        for (int q = from; q < to; q++) {
          int i = order[q];
          boolean duplicate = false;
          for (int back = q - 1; back >= from && seconds[order[back]] == seconds[i]; back--) {
            duplicate |= amounts[order[back]] == amounts[i];
          }
          if (duplicate) {
            duplicateRows++;
            if (duplicates == Duplicates.DROP) {
              continue;
            }
          }
          if (id == null) {
            acc.acceptAtLine(lines[i], number, seconds[i], Double.longBitsToDouble(amounts[i]));
          } else {
            acc.acceptAtLine(lines[i], id, seconds[i], Double.longBitsToDouble(amounts[i]));
          }
        }
      }
      return duplicateRows;
    }

    /**
     * Sorts {@code order[from, to)} by time, then by amount (its bits): a customer's rows reach the
     * accumulator in an order that does not depend on the order of the file, so that sums, and
     * hence the summaries, are the same bit for bit whatever the row order. Rows equal in both are
     * exact duplicates, whose order does not matter.
     */
    private void sortByTimeAndAmount(int from, int to, int[] scratch) {
      if (to - from <= 32) {
        for (int q = from + 1; q < to; q++) {
          int v = order[q];
          int k = q - 1;
          while (k >= from && after(order[k], v)) {
            order[k + 1] = order[k];
            k--;
          }
          order[k + 1] = v;
        }
        return;
      }
      int mid = (from + to) >>> 1;
      sortByTimeAndAmount(from, mid, scratch);
      sortByTimeAndAmount(mid, to, scratch);
      if (!after(order[mid - 1], order[mid])) {
        return;
      }
      System.arraycopy(order, from, scratch, 0, mid - from);
      int a = 0;
      int aEnd = mid - from;
      int b = mid;
      int out = from;
      while (a < aEnd && b < to) {
        order[out++] = after(scratch[a], order[b]) ? order[b++] : scratch[a++];
      }
      while (a < aEnd) {
        order[out++] = scratch[a++];
      }
    }

    /** Whether row x comes after row y: later, or at the same time with larger amount bits. */
    private boolean after(int x, int y) {
      long sx = seconds[x];
      long sy = seconds[y];
      return sx > sy || (sx == sy && amounts[x] > amounts[y]);
    }
  }

  /** The table the reader interns ids in, or null for a declared sorted input (streamed). */
  IdTable ids() {
    return streamed == null || detecting ? ids : null;
  }

  /** Exact duplicate rows seen (kept or dropped by the policy). */
  long duplicateRows() {
    return duplicateRows;
  }

  /** Whether the log was spilled to temporary files (and the spilled rows summarised). */
  boolean spilled() {
    return partitions != null && !sortedStream;
  }

  /**
   * Whether the summaries came from the rows as they streamed in, sorted by customer (declared or
   * detected).
   */
  boolean streamedSorted() {
    return sortedStream;
  }

  /** Deletes the temporary files. */
  @Override
  public void close() {
    if (partitions != null) {
      for (FileChannel out : partitions) {
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
