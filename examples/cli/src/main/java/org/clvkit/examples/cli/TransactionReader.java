package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;

/**
 * Streams a transaction table (CSV, TSV, any one-byte delimiter with RFC 4180 quotes, or runs of
 * whitespace; split byte-wise by {@link ByteRecords} and decoded strictly) row by row into a {@link
 * RowSink}: the customer id, the time in seconds and the amount of each row, with its line number.
 * Nothing is kept per row, so memory does not grow with the input.
 *
 * <p>Every line is accounted for: a header line, a blank line, or a data row; a data row is passed
 * on or is bad. A bad row (a byte that does not decode in the input's charset, a line longer than
 * the limit, broken quotes, too few fields, an empty id, a date or amount that does not parse, or a
 * row the sink rejects: a negative or non-finite amount, a date after the observation end) goes to
 * {@link BadRows}: it stops the read with its line number and reason, or is skipped, counted and
 * listed. Missing header columns and empty inputs always stop.
 */
final class TransactionReader {
  /** Receives the rows; may throw {@link ClvArgumentException} to reject one. */
  interface RowSink {
    void accept(long line, String customerId, long epochSecond, double amount);

    /**
     * A row whose id the reader interned in {@code ids} (see {@link #internIds}) as {@code index}:
     * a sink that carries the index on needs not touch the id's string (for a log of a million
     * customers in random order, a cache miss per row).
     */
    default void acceptInterned(
        long line, IdTable ids, int index, long epochSecond, double amount) {
      accept(line, ids.id(index), epochSecond, amount);
    }
  }

  /**
   * Receives one more column of the rows the {@link RowSink} accepted (a segment column): empty
   * when the row has too few fields for it.
   */
  interface ColumnSink {
    /** The column's header name, before any row (not called without a header). */
    void header(String name);

    void accept(long line, String customerId, long epochSecond, String value);
  }

  /**
   * How the table is laid out.
   *
   * @param delimiter the field separator
   * @param header whether the first non-blank line is a header
   * @param id the customer id's column
   * @param date the date's column
   * @param amount the amount's column
   * @param datePattern the dates' {@link java.time.format.DateTimeFormatter} pattern, or null to
   *     detect it from the first rows
   * @param charset the input's encoding
   * @param zone the zone of timestamps with an offset, or null for their own local time
   * @param amounts how amounts are written
   * @param maxRowBytes the longest row; longer ones are bad rows
   */
  record Layout(
      Delimiter delimiter,
      boolean header,
      ColumnSpec id,
      ColumnSpec date,
      ColumnSpec amount,
      String datePattern,
      Charset charset,
      ZoneId zone,
      AmountParser amounts,
      int maxRowBytes) {

    /** Validates that columns given by name come with a header. */
    Layout {
      if (!header) {
        for (ColumnSpec c : List.of(id, date, amount)) {
          if (c.byName()) {
            throw CliException.usage(
                c.option()
                    + " must be a column position (1, 2, ...) with --no-header, was \""
                    + c.name()
                    + "\"");
          }
        }
      }
    }
  }

  /**
   * What a read saw.
   *
   * @param headerLines header lines skipped (0 or 1)
   * @param blankLines empty or whitespace-only lines skipped
   * @param rows data rows, passed on or bad
   * @param skipped bad rows skipped (with {@code --on-bad-row=skip})
   */
  record Stats(long headerLines, long blankLines, long rows, long skipped) {
    /** Rows passed to the sink and accepted by it. */
    long passed() {
      return rows - skipped;
    }
  }

  /** Rows read to detect the date pattern. */
  static final int DETECTION_ROWS = 1000;

  private final InputSource source;
  private final Layout layout;
  private final Progress.Mode progress;
  private final PrintWriter err;
  private DateParser dates;
  private boolean detected;
  private IdTable ids;

  TransactionReader(InputSource source, Layout layout, Progress.Mode progress, PrintWriter err) {
    this.source = source;
    this.layout = layout;
    this.progress = progress;
    this.err = err;
  }

  InputSource source() {
    return source;
  }

  Layout layout() {
    return layout;
  }

  /**
   * Reads the whole input into {@code sink}.
   *
   * @param sink receives the rows
   * @param badRows what to do with bad rows
   * @param showProgress whether this pass may show the progress bar
   * @return the counts
   * @throws CliException for a bad row when stopping, a missing column, an empty input, or an I/O
   *     error
   */
  Stats read(RowSink sink, BadRows badRows, boolean showProgress) {
    return read(sink, badRows, showProgress, null, null);
  }

  /**
   * Reads the whole input into {@code sink}, and one more column of the accepted rows into {@code
   * extraSink}.
   *
   * @param extra the extra column, or null
   * @param extraSink receives it, or null
   * @see #read(RowSink, BadRows, boolean)
   */
  Stats read(
      RowSink sink, BadRows badRows, boolean showProgress, ColumnSpec extra, ColumnSink extraSink) {
    if (extra != null && !layout.header() && extra.byName()) {
      throw CliException.usage(
          extra.option()
              + " must be a column position (1, 2, ...) with --no-header, was \""
              + extra.name()
              + "\"");
    }
    int extraAt = extra == null || extra.byName() ? -1 : extra.index();
    String name = source.name();
    long[] bytes = {0};
    DateParser dates = dates();
    dates.resetCounts();
    AmountParser amounts = layout.amounts();
    long headerLines = 0;
    long blank = 0;
    long rows = 0;
    long headerLine = 0;
    long skippedBefore = badRows.skipped();
    Progress bar =
        showProgress ? Progress.start(progress, err, "reading " + name, source.size()) : null;
    ByteRecords records = null;
    long cpuBefore = PHASES ? THREADS.getCurrentThreadCpuTime() : 0;
    WORKER_NANOS.set(0);
    try {
      records = records(source.open(bytes));
      int[] at = layout.header() ? null : positions();
      int needed = at == null ? 0 : neededFields(at);
      while (at == null && records.next()) {
        if (records.blank()) {
          blank++;
          continue;
        }
        headerLines++;
        headerLine = records.line();
        if (records.tooLong()) {
          throw CliException.data(
              String.format(
                  Locale.ROOT,
                  "%s: the header (line %d) must be at most %,d bytes long",
                  name,
                  headerLine,
                  layout.maxRowBytes()));
        }
        long invalid = records.invalidByte();
        if (invalid >= 0) {
          throw CliException.data(badBytes(name, records, invalid, "the header"));
        }
        List<String> header = records.fields();
        String hint = header.size() == 1 ? layout.delimiter().hint(records.text(200), 3) : "";
        at =
            new int[] {
              layout.id().resolve(header, name, headerLine, hint),
              layout.date().resolve(header, name, headerLine, hint),
              layout.amount().resolve(header, name, headerLine, hint)
            };
        needed = neededFields(at);
        if (extra != null) {
          extraAt = extra.resolve(header, name, headerLine, hint);
          extraSink.header(header.get(extraAt).strip());
        }
      }
      if (at != null && parallelRead(extraSink)) {
        long[] tally = {rows, blank};
        long[] rest =
            new Blocks(records, at, needed, sink, badRows, dates, amounts, name, bar, bytes, tally)
                .run();
        rows = tally[0];
        blank = tally[1];
        if (rest != null) {
          // the rest of the file on this thread, from a record the blocks could not read
          records.close();
          records = null;
          bytes[0] = 0;
          InputStream in = source.open(bytes);
          try {
            in.skipNBytes(rest[0]);
            records = records(in, rest[0], rest[1]);
          } finally {
            if (records == null) {
              in.close();
            }
          }
        } else {
          records.close();
          records = null;
        }
      }
      while (records != null && records.next()) {
        if (records.blank()) {
          blank++;
          continue;
        }
        rows++;
        row(records, at, needed, sink, extraSink, extraAt, dates, amounts, badRows, name);
        if (bar != null && (rows & 1023) == 0) {
          bar.update(rows, bytes[0]);
        }
      }
      if (bar != null) {
        bar.finish(rows, bytes[0]);
      }
      if (PHASES) {
        System.err.printf(
            Locale.ROOT,
            "phase read and parse, CPU: %.3f s on the reading thread, %.3f s on parsing threads%n",
            (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9,
            WORKER_NANOS.get() / 1e9);
      }
      badRows.throwIfAny(name);
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    } finally {
      if (bar != null) {
        bar.close();
      }
      if (records != null) {
        try {
          records.close();
        } catch (IOException e) {
          // reading is done or failed already
        }
      }
    }
    if (rows == 0) {
      if (headerLines == 0) {
        throw CliException.data(
            name
                + " must contain at least one transaction, was empty"
                + (blank > 0 ? " (" + blank + " blank lines)" : ""));
      }
      throw CliException.data(
          String.format(
              Locale.ROOT,
              "%s must contain at least one transaction after its header (line %d), had none",
              name,
              headerLine));
    }
    return new Stats(headerLines, blank, rows, badRows.skipped() - skippedBefore);
  }

  /** One data row on this thread: checked, parsed and passed on, or reported to {@code badRows}. */
  private void row(
      ByteRecords records,
      int[] at,
      int needed,
      RowSink sink,
      ColumnSink extraSink,
      int extraAt,
      DateParser dates,
      AmountParser amounts,
      BadRows badRows,
      String name)
      throws IOException {
    long line = records.line();
    try {
      if (records.tooLong()) {
        throw new ClvArgumentException(
            String.format(
                Locale.ROOT,
                "line %d must be at most %,d bytes long (--max-row-bytes), was longer",
                line,
                layout.maxRowBytes()));
      }
      long invalid = records.invalidByte();
      if (invalid >= 0) {
        throw new ClvArgumentException(badBytes(null, records, invalid, "line " + line));
      }
      if (records.malformed() != null) {
        throw new ClvArgumentException(
            String.format(Locale.ROOT, "line %d: %s", line, records.malformed()));
      }
      if (records.size() < needed) {
        String text = records.text(200);
        String hint = records.size() == 1 ? layout.delimiter().hint(text, needed) : "";
        throw new ClvArgumentException(
            String.format(
                Locale.ROOT,
                "line %d must be a row of at least %d fields, was \"%s\"%s",
                line,
                needed,
                text,
                hint));
      }
      int index = internedId(records, at[0]);
      String id = index >= 0 ? null : trim(records.field(at[0]));
      if (index < 0 && id.isEmpty()) {
        throw new ClvArgumentException(
            String.format(
                Locale.ROOT, "customerId (line %d, column %d) must not be empty", line, at[0] + 1));
      }
      long second = date(records, at[1], dates, line);
      double amount = amount(records, at[2], amounts, line);
      if (index >= 0) {
        sink.acceptInterned(line, ids, index, second, amount);
      } else {
        sink.accept(line, id, second, amount);
      }
      if (extraSink != null) {
        if (id == null) {
          id = ids.id(index);
        }
        extraSink.accept(
            line, id, second, records.size() > extraAt ? trim(records.field(extraAt)) : "");
      }
    } catch (ClvArgumentException e) {
      badRows.bad(name, line, e.getMessage(), records);
    }
  }

  private static final boolean PHASES = Boolean.getBoolean("clvkit.phases");
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** CPU time of the parsing threads in the current read (with -Dclvkit.phases=true). */
  private static final java.util.concurrent.atomic.AtomicLong WORKER_NANOS =
      new java.util.concurrent.atomic.AtomicLong();

  /** Bytes of a block of the parallel read (package-private: tests make it tiny). */
  static int blockBytes = Integer.getInteger("clvkit.blockBytes", 1 << 20);

  /**
   * Heaps smaller than this read on one thread: the blocks in flight take about 3 x 2.5 times
   * {@link #blockBytes} (their bytes and their parsed rows).
   */
  static final long PARALLEL_MIN_HEAP = 128L << 20;

  /** Files smaller than this are read on one thread. */
  static final long PARALLEL_MIN_BYTES = 8L << 20;

  /**
   * For tests: {@code TRUE} reads every plain file in blocks, {@code FALSE} none; null decides by
   * the file's size and the processors.
   */
  static Boolean parallel;

  /** For tests: run by each block's worker before it parses (e.g. to throw an error there). */
  static volatile Runnable blockHook;

  /**
   * Records longer than this end the parallel read (the rest of the file is read on one thread), so
   * that the limit of {@link ByteRecords} (at least 64 KiB) applies to them as to any record.
   */
  static final int BLOCK_RECORD_LIMIT = 60_000;

  /**
   * Whether this read parses blocks of the file on worker threads: a plain (not compressed) file of
   * at least {@link #PARALLEL_MIN_BYTES} on two processors or more, ids interned, no extra column;
   * any other input is read on one thread.
   */
  private boolean parallelRead(ColumnSink extraSink) {
    if (extraSink != null || ids == null || !source.plainFile()) {
      return false;
    }
    String name = layout.charset().name();
    if (name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
      return false;
    }
    if (parallel != null) {
      return parallel;
    }
    return workers() > 1
        && source.size() >= PARALLEL_MIN_BYTES
        && Runtime.getRuntime().maxMemory() >= PARALLEL_MIN_HEAP;
  }

  /** Parsing threads: the processors, or {@code -Dclvkit.parseThreads}. */
  static int workers() {
    int n = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(n, Integer.getInteger("clvkit.parseThreads", n)));
  }

  /**
   * The parallel read: this thread reads the file in blocks of about {@link #blockBytes} that end
   * at a line end, worker threads split them into records and parse the plain ones (ASCII id not
   * quoted, date and amount in their fast forms), and this thread interns the ids and passes the
   * rows on in file order. Any other record (bad, quoted, non-ASCII id, a date or amount in another
   * form) this thread reads again from the block with the one-thread code, so messages, rejects and
   * interning order are those of the one-thread read. A block whose last line end falls inside a
   * quoted field, or that holds a record longer than {@link #BLOCK_RECORD_LIMIT}, ends the blocks:
   * the rest of the file is read on one thread from that record.
   */
  private final class Blocks {
    private final ByteRecords head;
    private final int[] at;
    private final int needed;
    private final RowSink sink;
    private final BadRows badRows;
    private final DateParser dates;
    private final AmountParser amounts;
    private final String name;
    private final Progress bar;
    private final long[] bytes;
    private final long[] tally;
    private final ByteRecords again;

    Blocks(
        ByteRecords head,
        int[] at,
        int needed,
        RowSink sink,
        BadRows badRows,
        DateParser dates,
        AmountParser amounts,
        String name,
        Progress bar,
        long[] bytes,
        long[] tally) {
      this.head = head;
      this.at = at;
      this.needed = needed;
      this.sink = sink;
      this.badRows = badRows;
      this.dates = dates;
      this.amounts = amounts;
      this.name = name;
      this.bar = bar;
      this.bytes = bytes;
      this.tally = tally;
      this.again = blockRecords();
    }

    /** Rows whose ids {@link #consume} looks up together. */
    static final int LOOKUP_ROWS = 256;

    private final int[] known = new int[LOOKUP_ROWS];

    /**
     * Reads the rest of the input after {@code head}'s current record.
     *
     * @return null when done, else the stream offset and line number of the record from which the
     *     rest must be read on one thread
     */
    long[] run() throws IOException {
      int workers = workers();
      java.util.concurrent.ExecutorService pool = Workers.pool("parse", workers);
      java.util.ArrayDeque<java.util.concurrent.Future<Block>> inFlight =
          new java.util.ArrayDeque<>();
      java.util.ArrayDeque<Block> free = new java.util.ArrayDeque<>();
      InputStream in = head.stream();
      byte[] carry = head.pending();
      int carried = carry.length;
      boolean eof = head.atEnd();
      long offset = head.nextOffset();
      long line = head.nextLine();
      int maxInFlight = workers + 1;
      try {
        while (true) {
          while (inFlight.size() < maxInFlight && (!eof || carried > 0)) {
            Block b = free.isEmpty() ? new Block() : free.poll();
            int cap = Math.max(blockBytes, carried + 1);
            if (b.bytes == null || b.bytes.length < cap) {
              b.bytes = new byte[cap];
            }
            byte[] a = b.bytes;
            System.arraycopy(carry, 0, a, 0, carried);
            int n = carried;
            int cut;
            b.noLineEnd = false;
            while (true) {
              if (!eof && n < a.length) {
                n += in.readNBytes(a, n, a.length - n);
                eof = n < a.length;
              }
              cut = eof ? n : lastLineEnd(a, n) + 1;
              if (cut > 0 || n == 0) {
                break;
              }
              if (n >= blockBytes + (1 << 16)) {
                cut = n;
                b.noLineEnd = true;
                break;
              }
              a = java.util.Arrays.copyOf(a, Math.max(2 * a.length, 64));
              b.bytes = a;
            }
            if (n == 0) {
              carried = 0;
              free.add(b);
              break;
            }
            carried = n - cut;
            if (carried > carry.length) {
              carry = new byte[Math.max(carried, 2 * carry.length)];
            }
            System.arraycopy(a, cut, carry, 0, carried);
            b.length = cut;
            b.offset = offset;
            b.last = eof && carried == 0;
            offset += cut;
            inFlight.add(pool.submit(() -> parse(b)));
          }
          if (inFlight.isEmpty()) {
            return null;
          }
          Block b = await(inFlight.poll());
          long[] rest = consume(b, line);
          if (rest != null) {
            return rest;
          }
          line += b.lines;
          free.add(b);
        }
      } finally {
        pool.shutdownNow();
        for (java.util.concurrent.Future<Block> f : inFlight) {
          f.cancel(true);
        }
        try {
          pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private Block await(java.util.concurrent.Future<Block> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCodes.IO, name + ": reading interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof Error) {
          throw (Error) c;
        }
        if (c instanceof RuntimeException) {
          throw (RuntimeException) c;
        }
        throw new IllegalStateException(c);
      }
    }

    /** A worker's part: splits the block into records and parses the plain ones. */
    private Block parse(Block b) {
      if (!PHASES) {
        return parseBlock(b);
      }
      long before = THREADS.getCurrentThreadCpuTime();
      try {
        return parseBlock(b);
      } finally {
        WORKER_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime() - before);
      }
    }

    private Block parseBlock(Block b) {
      Runnable hook = blockHook;
      if (hook != null) {
        hook.run();
      }
      b.rows = 0;
      b.blank = 0;
      b.fallbackAt = -1;
      b.fallbackLine = 0;
      if (b.noLineEnd) {
        b.fallbackAt = 0;
        b.lines = 0;
        return b;
      }
      ByteRecords r = blockRecords();
      r.wrap(b.bytes, 0, b.length, b.offset, 0);
      byte[] buf = b.bytes;
      int k0 = at[0];
      int k1 = at[1];
      int k2 = at[2];
      try {
        while (r.next()) {
          int s = r.recordStart();
          if (r.nextStart() - s > BLOCK_RECORD_LIMIT || (r.endedInQuotes() && !b.last)) {
            b.fallbackAt = s;
            b.fallbackLine = (int) r.line();
            break;
          }
          if (r.blank()) {
            b.blank++;
            continue;
          }
          int row = b.add(s, (int) r.line());
          if (r.invalidByte() >= 0
              || r.malformed() != null
              || r.size() < needed
              || r.quoted(k0)
              || r.quoted(k1)
              || r.quoted(k2)) {
            continue;
          }
          int from = trimFrom(buf, r.fieldStart(k0), r.fieldEnd(k0));
          int to = trimTo(buf, from, r.fieldEnd(k0));
          if (from >= to) {
            continue;
          }
          int df = trimFrom(buf, r.fieldStart(k1), r.fieldEnd(k1));
          long second = dates.fastEpochSecond(buf, df, trimTo(buf, df, r.fieldEnd(k1)));
          if (second == DateParser.NOT_FAST) {
            continue;
          }
          int af = trimFrom(buf, r.fieldStart(k2), r.fieldEnd(k2));
          double amount = amounts.fast(buf, af, trimTo(buf, af, r.fieldEnd(k2)));
          if (Double.isNaN(amount)) {
            continue;
          }
          long key = IdTable.key(buf, from, to);
          b.plain(row, from, to, key, second, amount);
          if (key == IdTable.STRING_ID) {
            b.idHash[row] = IdTable.stringHash(buf, from, to);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // not thrown: the block is in memory
      }
      b.lines = (int) r.nextLine();
      return b;
    }

    /**
     * Passes the block's rows on; returns where to go on on one thread, or null. The ids of each
     * {@link #LOOKUP_ROWS} rows are first looked up together ({@link IdTable#find}, with the keys
     * and hashes the parsing threads computed: the cache misses overlap), then the rows are passed
     * on in order, the ids not found interned one by one as the one-thread read does (an id new in
     * these rows may come twice: the second time it is found).
     */
    private long[] consume(Block b, long line) throws IOException {
      byte[] buf = b.bytes;
      long rows = tally[0];
      int[] known = this.known;
      for (int i = 0; i < b.rows; i++) {
        int k = i % LOOKUP_ROWS;
        if (k == 0) {
          ids.find(
              b.idValue,
              b.idHash,
              buf,
              b.idFrom,
              b.idTo,
              i,
              Math.min(b.rows, i + LOOKUP_ROWS),
              known);
        }
        rows++;
        int index =
            known[k] != 0
                ? known[k] - 1
                : b.idFrom[i] < 0
                    ? -1
                    : b.idValue[i] >= 0
                        ? ids.internNumber(b.idValue[i])
                        : ids.internIndex(buf, b.idFrom[i], b.idTo[i]);
        if (index < 0) {
          again.wrap(buf, b.start[i], b.length, b.offset, line + b.line[i]);
          again.next();
          row(again, at, needed, sink, null, -1, dates, amounts, badRows, name);
        } else {
          long rowLine = line + b.line[i];
          try {
            sink.acceptInterned(rowLine, ids, index, b.second[i], b.amount[i]);
          } catch (ClvArgumentException e) {
            again.wrap(buf, b.start[i], b.length, b.offset, rowLine);
            again.next();
            badRows.bad(name, rowLine, e.getMessage(), again);
          }
        }
        if (bar != null && (rows & 1023) == 0) {
          bar.update(rows, bytes[0]);
        }
      }
      tally[0] = rows;
      tally[1] += b.blank;
      if (b.fallbackAt >= 0) {
        return new long[] {b.offset + b.fallbackAt, line + b.fallbackLine};
      }
      return null;
    }
  }

  /** The last LF in {@code a[0, n)}, or -1. */
  private static int lastLineEnd(byte[] a, int n) {
    for (int i = n - 1; i >= 0; i--) {
      if (a[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private ByteRecords blockRecords() {
    Delimiter d = layout.delimiter();
    return ByteRecords.blocks(
        d.character(), d.isWhitespace(), layout.charset(), layout.maxRowBytes());
  }

  /** A block of the parallel read and what a worker made of it. */
  private static final class Block {
    byte[] bytes;
    int length;
    long offset;
    boolean last;
    boolean noLineEnd;
    int lines;
    long blank;
    int fallbackAt;
    int fallbackLine;
    int rows;
    int[] start = new int[1024];
    int[] line = new int[1024];
    int[] idFrom = new int[1024];
    int[] idTo = new int[1024];
    long[] idValue = new long[1024];
    int[] idHash = new int[1024];
    long[] second = new long[1024];
    double[] amount = new double[1024];

    /** Adds a row read on this thread (not parsed); returns its number. */
    int add(int recordStart, int recordLine) {
      if (rows == start.length) {
        int n = 2 * rows;
        start = java.util.Arrays.copyOf(start, n);
        line = java.util.Arrays.copyOf(line, n);
        idFrom = java.util.Arrays.copyOf(idFrom, n);
        idTo = java.util.Arrays.copyOf(idTo, n);
        idValue = java.util.Arrays.copyOf(idValue, n);
        idHash = java.util.Arrays.copyOf(idHash, n);
        second = java.util.Arrays.copyOf(second, n);
        amount = java.util.Arrays.copyOf(amount, n);
      }
      start[rows] = recordStart;
      line[rows] = recordLine;
      idFrom[rows] = -1;
      idValue[rows] = IdTable.OTHER_ID;
      return rows++;
    }

    /**
     * Row {@code row} parsed: its id's bytes and {@link IdTable#key} (for a string id, the caller
     * sets {@link #idHash}), time and amount.
     */
    void plain(int row, int from, int to, long number, long sec, double value) {
      idFrom[row] = from;
      idTo[row] = to;
      idValue[row] = number;
      second[row] = sec;
      amount[row] = value;
    }
  }

  /** Interns the customer ids of the next reads in {@code table} (null: plain strings). */
  void internIds(IdTable table) {
    this.ids = table;
  }

  /**
   * The index of the id field when interned from its bytes (plain ASCII, not empty), else -1 (the
   * caller decodes and trims it).
   */
  private int internedId(ByteRecords records, int k) {
    if (ids != null && !records.quoted(k) && records.asciiCompatible()) {
      byte[] b = records.buffer();
      int from = trimFrom(b, records.fieldStart(k), records.fieldEnd(k));
      int to = trimTo(b, from, records.fieldEnd(k));
      if (from < to) {
        return ids.internIndex(b, from, to);
      }
    }
    return -1;
  }

  /** The date field: read from its bytes in the pattern's plain form, else parsed as text. */
  private static long date(ByteRecords records, int k, DateParser dates, long line) {
    if (!records.quoted(k) && records.asciiCompatible()) {
      byte[] b = records.buffer();
      int from = trimFrom(b, records.fieldStart(k), records.fieldEnd(k));
      long second = dates.fastEpochSecond(b, from, trimTo(b, from, records.fieldEnd(k)));
      if (second != DateParser.NOT_FAST) {
        return second;
      }
    }
    return dates.epochSecond(trim(records.field(k)), line, k + 1);
  }

  /** The amount field: read from its bytes when plain digits, else parsed as text. */
  private static double amount(ByteRecords records, int k, AmountParser amounts, long line) {
    if (!records.quoted(k) && records.asciiCompatible()) {
      byte[] b = records.buffer();
      int from = trimFrom(b, records.fieldStart(k), records.fieldEnd(k));
      double v = amounts.fast(b, from, trimTo(b, from, records.fieldEnd(k)));
      if (!Double.isNaN(v)) {
        return v;
      }
    }
    return amounts.parse(trim(records.field(k)), line, k + 1);
  }

  private static int trimFrom(byte[] b, int from, int to) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimTo(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
      to--;
    }
    return to;
  }

  private ByteRecords records(InputStream in) throws IOException {
    return records(in, 0, 1);
  }

  private ByteRecords records(InputStream in, long offset, long line) throws IOException {
    Delimiter d = layout.delimiter();
    return new ByteRecords(
        in, d.character(), d.isWhitespace(), layout.charset(), layout.maxRowBytes(), offset, line);
  }

  private static String badBytes(String name, ByteRecords records, long offset, String where) {
    return String.format(
        Locale.ROOT,
        "%s%s must be text in the input's encoding, has a byte that is not (at byte offset %,d of"
            + " the file): \"%s\"; give --encoding (e.g. ISO-8859-1, windows-1252, GB18030)",
        name == null ? "" : name + ": ",
        where,
        offset,
        records.text(200));
  }

  /** The date parser: of --date-format, or detected from the first rows. */
  DateParser dates() {
    if (dates == null) {
      if (layout.datePattern() != null) {
        dates = new DateParser(layout.datePattern(), layout.zone());
      } else {
        dates = DateParser.detect(sampleDates(), layout.zone());
        detected = true;
      }
    }
    return dates;
  }

  /** Whether the date pattern was detected rather than given. */
  boolean detectedDates() {
    dates();
    return detected;
  }

  /**
   * Whether the first {@link #SORTED_SAMPLE_ROWS} rows look sorted by customer: each id's rows
   * together, and some customer with more than one row (so that a log in time order, whose first
   * rows are each a different customer's, does not count). A hint only: the reading pass checks
   * every row and falls back to the any-order path at the first one out of order.
   */
  boolean looksSortedByCustomer() {
    java.util.HashSet<String> done = new java.util.HashSet<>();
    String current = null;
    int rows = 0;
    boolean repeated = false;
    try (ByteRecords records = records(source.open(null))) {
      int[] at = layout.header() ? null : positions();
      while (rows < SORTED_SAMPLE_ROWS && records.next()) {
        if (records.blank() || records.tooLong()) {
          continue;
        }
        if (at == null) {
          try {
            at =
                new int[] {
                  layout.id().resolve(records.fields(), source.name(), records.line(), ""), 0, 0
                };
          } catch (CliException e) {
            return false; // the reading pass reports it
          }
          continue;
        }
        if (records.size() <= at[0] || records.invalidByte() >= 0) {
          continue;
        }
        String id = trim(records.field(at[0]));
        rows++;
        if (id.equals(current)) {
          repeated = true;
        } else {
          if (current != null) {
            done.add(current);
          }
          if (done.contains(id)) {
            return false;
          }
          current = id;
        }
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, source.name() + ": cannot read: " + e.getMessage(), e);
    }
    return repeated;
  }

  /** Rows looked at by {@link #looksSortedByCustomer()}. */
  static final int SORTED_SAMPLE_ROWS = 4096;

  /** The date fields of the first {@link #DETECTION_ROWS} rows that have one. */
  private List<String> sampleDates() {
    List<String> samples = new ArrayList<>();
    try (ByteRecords records = records(source.open(null))) {
      int[] at = layout.header() ? null : positions();
      while (samples.size() < DETECTION_ROWS && records.next()) {
        if (records.blank() || records.tooLong()) {
          continue;
        }
        if (at == null) {
          List<String> header = records.fields();
          try {
            at =
                new int[] {
                  layout.id().resolve(header, source.name(), records.line(), ""),
                  layout.date().resolve(header, source.name(), records.line(), ""),
                  layout.amount().resolve(header, source.name(), records.line(), "")
                };
          } catch (CliException e) {
            return samples; // the reading pass reports it
          }
          continue;
        }
        if (records.size() > at[1] && records.invalidByte() < 0) {
          String date = trim(records.field(at[1]));
          if (!date.isEmpty()) {
            samples.add(date);
          }
        }
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, source.name() + ": cannot read: " + e.getMessage(), e);
    }
    return samples;
  }

  /**
   * The dates of the rows that parse and are not after {@code notAfterSecond}, for a default end of
   * observation; bad rows are passed over here (the reading pass reports them).
   */
  DateScan scanDates(long notAfterSecond) {
    java.util.HashMap<Long, long[]> days = new java.util.HashMap<>();
    long[] latest = {Long.MIN_VALUE, 0, Long.MAX_VALUE};
    read(
        (line, id, second, amount) -> {
          if (second > notAfterSecond) {
            return;
          }
          latest[0] = Math.max(latest[0], second);
          latest[2] = Math.min(latest[2], second);
          latest[1]++;
          days.computeIfAbsent(Math.floorDiv(second, 86_400L), k -> new long[1])[0]++;
        },
        ignore(),
        false);
    long[] sorted = days.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    long below = (long) Math.ceil(latest[1] * 0.999);
    long seen = 0;
    long percentileDay = Long.MIN_VALUE;
    long after = 0;
    for (long day : sorted) {
      seen += days.get(day)[0];
      if (percentileDay == Long.MIN_VALUE && seen >= below) {
        percentileDay = day;
        after = latest[1] - seen;
      }
    }
    return new DateScan(latest[0], latest[1], percentileDay, after, latest[2]);
  }

  /**
   * What {@link #scanDates} found.
   *
   * @param latest the latest time (local seconds), or Long.MIN_VALUE when no row had a date
   * @param rows rows with a usable date
   * @param percentileDay the epoch day by which 99.9 % of those rows fall
   * @param rowsAfterPercentile how many rows come after that day
   * @param earliest the earliest time, or Long.MAX_VALUE when no row had a date
   */
  record DateScan(
      long latest, long rows, long percentileDay, long rowsAfterPercentile, long earliest) {}

  private static BadRows ignore() {
    return BadRows.ignore();
  }

  private int[] positions() {
    return new int[] {layout.id().index(), layout.date().index(), layout.amount().index()};
  }

  private static int neededFields(int[] at) {
    return Math.max(at[0], Math.max(at[1], at[2])) + 1;
  }

  private static String trim(String field) {
    int start = 0;
    int end = field.length();
    while (start < end && isBlank(field.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(field.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == field.length() ? field : field.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
