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
    try (ByteRecords records = records(source.open(bytes))) {
      int[] at = layout.header() ? null : positions();
      int needed = at == null ? 0 : neededFields(at);
      while (records.next()) {
        if (records.blank()) {
          blank++;
          continue;
        }
        if (at == null) {
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
          continue;
        }
        rows++;
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
                    Locale.ROOT,
                    "customerId (line %d, column %d) must not be empty",
                    line,
                    at[0] + 1));
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
        if (bar != null && (rows & 1023) == 0) {
          bar.update(rows, bytes[0]);
        }
      }
      if (bar != null) {
        bar.finish(rows, bytes[0]);
      }
      badRows.throwIfAny(name);
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    } finally {
      if (bar != null) {
        bar.close();
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
    Delimiter d = layout.delimiter();
    return new ByteRecords(
        in, d.character(), d.isWhitespace(), layout.charset(), layout.maxRowBytes());
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
