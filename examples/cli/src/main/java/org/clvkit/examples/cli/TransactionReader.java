package org.clvkit.examples.cli;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;

/**
 * Streams a transaction table (CSV, TSV, any one-character delimiter through FastCSV, or runs of
 * whitespace) row by row into a {@link RowSink}: the customer id, the time in seconds and the
 * amount of each row, with its line number. Nothing is kept per row, so memory does not grow with
 * the input.
 *
 * <p>Every line is accounted for: a header line, a blank line, or a data row; a data row is passed
 * on or is bad. A bad row (too few fields, an empty id, a date or amount that does not parse, or a
 * row the sink rejects: a negative or non-finite amount) goes to {@link BadRows}: it stops the read
 * with its line number and reason, or is skipped, counted and listed. Missing header columns and
 * empty inputs always stop.
 */
final class TransactionReader {
  /** Receives the rows; may throw {@link ClvArgumentException} to reject one. */
  interface RowSink {
    void accept(long line, String customerId, long epochSecond, double amount);
  }

  /**
   * How the table is laid out.
   *
   * @param delimiter the field separator
   * @param header whether the first non-blank line is a header
   * @param id the customer id's column
   * @param date the date's column
   * @param amount the amount's column
   * @param datePattern the dates' {@link java.time.format.DateTimeFormatter} pattern
   */
  record Layout(
      Delimiter delimiter,
      boolean header,
      ColumnSpec id,
      ColumnSpec date,
      ColumnSpec amount,
      String datePattern) {

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

  private final InputSource source;
  private final Layout layout;
  private final Progress.Mode progress;
  private final PrintWriter err;

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
    String name = source.name();
    long[] bytes = {0};
    DateParser dates = new DateParser(layout.datePattern());
    long headerLines = 0;
    long blank = 0;
    long rows = 0;
    long headerLine = 0;
    long skippedBefore = badRows.skipped();
    Progress bar =
        showProgress ? Progress.start(progress, err, "reading " + name, source.size()) : null;
    try (InputStream in = source.open(bytes);
        Records records = layout.delimiter().isWhitespace() ? new Lines(in) : new Csv(in)) {
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
          List<String> header = records.fields();
          String hint = header.size() == 1 ? layout.delimiter().hint(records.text(), 3) : "";
          at =
              new int[] {
                layout.id().resolve(header, name, headerLine, hint),
                layout.date().resolve(header, name, headerLine, hint),
                layout.amount().resolve(header, name, headerLine, hint)
              };
          needed = neededFields(at);
          continue;
        }
        rows++;
        long line = records.line();
        try {
          if (records.size() < needed) {
            String hint =
                records.size() == 1 ? layout.delimiter().hint(records.text(), needed) : "";
            throw new ClvArgumentException(
                String.format(
                    Locale.ROOT,
                    "line %d must be a row of at least %d fields, was \"%s\"%s",
                    line,
                    needed,
                    records.text(),
                    hint));
          }
          String id = trim(records.field(at[0]));
          if (id.isEmpty()) {
            throw new ClvArgumentException(
                String.format(
                    Locale.ROOT,
                    "customerId (line %d, column %d) must not be empty",
                    line,
                    at[0] + 1));
          }
          long second = dates.epochSecond(trim(records.field(at[1])), line, at[1] + 1);
          double amount = amount(trim(records.field(at[2])), line, at[2] + 1);
          sink.accept(line, id, second, amount);
        } catch (ClvArgumentException e) {
          badRows.bad(name, line, e.getMessage(), records.text());
        }
        if (bar != null && (rows & 1023) == 0) {
          bar.update(rows, bytes[0]);
        }
      }
      if (bar != null) {
        bar.finish(rows, bytes[0]);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    } catch (CsvParseException e) {
      throw CliException.data(name + ": " + csvMessage(e));
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

  /**
   * The latest time among the rows that parse, for a default end of observation; bad rows are
   * passed over here (the reading pass reports them).
   *
   * @return seconds since 1970-01-01T00:00
   */
  long latestTime() {
    long[] latest = {Long.MIN_VALUE};
    read((line, id, second, amount) -> latest[0] = Math.max(latest[0], second), ignore(), false);
    return latest[0];
  }

  private static BadRows ignore() {
    return BadRows.ignore();
  }

  private int[] positions() {
    return new int[] {layout.id().index(), layout.date().index(), layout.amount().index()};
  }

  private static int neededFields(int[] at) {
    return Math.max(at[0], Math.max(at[1], at[2])) + 1;
  }

  private static String csvMessage(CsvParseException e) {
    String message = e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      message = message + ": " + e.getCause().getMessage();
    }
    return message;
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

  /**
   * An amount: a plain decimal number ({@code 12.5}, {@code -3}, {@code 1e3}); {@code NaN} and
   * {@code Infinity} are read so that the summary rejects them as not finite. Currency signs and
   * thousands separators are not numbers.
   */
  static double amount(String text, long line, int column) {
    boolean plain = !text.isEmpty();
    for (int i = 0; i < text.length() && plain; i++) {
      char c = text.charAt(i);
      plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
    if (plain || text.equals("NaN") || text.endsWith("Infinity")) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new ClvArgumentException(
        String.format(
            Locale.ROOT,
            "amount (line %d, column %d) must be a number, was \"%s\"",
            line,
            column,
            text));
  }

  /** One record at a time, with its line number and text. */
  private interface Records extends Closeable {
    boolean next() throws IOException;

    long line();

    int size();

    String field(int i);

    List<String> fields();

    /** The record as read (for a CSV, its fields joined again), for messages and rejects. */
    String text();

    boolean blank();
  }

  /** Lines whose fields are separated by runs of spaces and tabs. */
  private static final class Lines implements Records {
    private final BufferedReader reader;
    private final List<String> fields = new ArrayList<>();
    private String text;
    private long line;

    Lines(InputStream in) {
      reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public boolean next() throws IOException {
      text = reader.readLine();
      if (text == null) {
        return false;
      }
      line++;
      if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
      fields.clear();
      int n = text.length();
      int pos = 0;
      while (true) {
        while (pos < n && isBlank(text.charAt(pos))) {
          pos++;
        }
        if (pos == n) {
          break;
        }
        int start = pos;
        while (pos < n && !isBlank(text.charAt(pos))) {
          pos++;
        }
        fields.add(text.substring(start, pos));
      }
      return true;
    }

    @Override
    public long line() {
      return line;
    }

    @Override
    public int size() {
      return fields.size();
    }

    @Override
    public String field(int i) {
      return fields.get(i);
    }

    @Override
    public List<String> fields() {
      return List.copyOf(fields);
    }

    @Override
    public String text() {
      return text;
    }

    @Override
    public boolean blank() {
      return fields.isEmpty();
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /** RFC 4180 records through FastCSV, with one delimiter character. */
  private final class Csv implements Records {
    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> iterator;
    private CsvRecord record;

    Csv(InputStream in) {
      reader =
          CsvReader.builder()
              .fieldSeparator(layout.delimiter().character())
              .quoteCharacter('"')
              .skipEmptyLines(false)
              .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
              .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
              .detectBomHeader(true)
              .ofCsvRecord(in, StandardCharsets.UTF_8);
      iterator = reader.iterator();
    }

    @Override
    public boolean next() {
      if (!iterator.hasNext()) {
        return false;
      }
      record = iterator.next();
      return true;
    }

    @Override
    public long line() {
      return record.getStartingLineNumber();
    }

    @Override
    public int size() {
      return record.getFieldCount();
    }

    @Override
    public String field(int i) {
      return record.getField(i);
    }

    @Override
    public List<String> fields() {
      return record.getFields();
    }

    @Override
    public String text() {
      char d = layout.delimiter().character();
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < record.getFieldCount(); i++) {
        String f = record.getField(i);
        if (i > 0) {
          out.append(d);
        }
        if (f.indexOf(d) >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
          out.append('"').append(f.replace("\"", "\"\"")).append('"');
        } else {
          out.append(f);
        }
      }
      return out.toString();
    }

    @Override
    public boolean blank() {
      return record.getFieldCount() == 1 && record.getField(0).isBlank();
    }

    @Override
    public void close() throws IOException {
      iterator.close();
      reader.close();
    }
  }
}
