package org.clvkit.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.clvkit.core.Checks;
import org.clvkit.core.ClvArgumentException;

/**
 * The layout of a text transaction log, and a reader that streams it into a {@link
 * SummaryAccumulator}: one transaction per line, fields separated by a delimiter character or by
 * runs of whitespace, with the customer id, the date (or date-time) and the amount in given
 * columns. Other columns are ignored. Immutable and thread-safe; each {@code with…} method returns
 * a new format.
 *
 * <p>For example the CDNOW sample of the BTYD literature (master id, sample id, date, CDs,
 * dollars):
 *
 * <pre>{@code
 * TransactionLogFormat cdnow =
 *     TransactionLogFormat.whitespace().withColumns(2, 3, 5).withDatePattern("yyyyMMdd");
 * SummaryAccumulator acc = new SummaryAccumulator(
 *     SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30))
 *         .withHoldoutUntil(LocalDate.of(1998, 6, 30))
 *         .withZeroAmounts(RowPolicy.KEEP));
 * ReadReport report = cdnow.read(Path.of("CDNOW_sample.txt"), acc);
 * CustomerSummaries summaries = acc.result();
 * }</pre>
 *
 * <p><b>Fields.</b> Columns are numbered from 1, as in the messages. Fields are trimmed of spaces
 * and tabs. With a delimiter, a field may be enclosed in double quotes (which may then contain the
 * delimiter, and {@code ""} for a quote), as in RFC 4180, but not span lines. Dates are parsed
 * strictly with a {@link DateTimeFormatter} pattern ({@code yyyy} is read as the year, so no era is
 * needed; February 30 is an error, not March 2); a pattern with a time of day gives date-times, one
 * without gives dates at the start of the day. Amounts are decimal numbers ({@code 12.5}, {@code
 * -3}, {@code 1e3}); {@code NaN} and {@code Infinity} are read and then rejected as not finite.
 *
 * <p><b>Errors.</b> The first bad line stops the read with a {@link ClvArgumentException} naming
 * the line number (counted from 1 over all lines, header included), the field and its column, and
 * the value: {@code date (line 12, column 3) must be a date of pattern yyyyMMdd, was "19971301"}.
 * The rules on rows (amount finite, zero and negative amounts, time after the observation end) are
 * the accumulator's, with its options' policies; rows it drops or keeps at zero are counted in the
 * {@link ReadReport}, as are skipped header and blank lines, so no line goes unaccounted. Rows
 * before a bad line stay in the accumulator. A leading byte-order mark is ignored.
 */
public final class TransactionLogFormat {
  private static final int FAST_NONE = 0;
  private static final int FAST_BASIC = 1; // yyyyMMdd
  private static final int FAST_ISO = 2; // yyyy-MM-dd

  private final char delimiter; // 0: runs of whitespace
  private final int idColumn;
  private final int dateColumn;
  private final int amountColumn;
  private final String datePattern;
  private final DateTimeFormatter formatter;
  private final int fastDate;
  private final int headerLines;

  private TransactionLogFormat(
      char delimiter,
      int idColumn,
      int dateColumn,
      int amountColumn,
      String datePattern,
      int headerLines) {
    this.delimiter = delimiter;
    this.idColumn = idColumn;
    this.dateColumn = dateColumn;
    this.amountColumn = amountColumn;
    this.datePattern = datePattern;
    this.headerLines = headerLines;
    try {
      this.formatter =
          new DateTimeFormatterBuilder()
              .appendPattern(datePattern)
              .parseDefaulting(ChronoField.ERA, 1)
              .toFormatter(Locale.ROOT)
              .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      ClvArgumentException error = Checks.malformed("datePattern", datePattern, "a date pattern");
      error.initCause(e);
      throw error;
    }
    String p = datePattern.replace('u', 'y');
    this.fastDate =
        p.equals("yyyyMMdd") ? FAST_BASIC : p.equals("yyyy-MM-dd") ? FAST_ISO : FAST_NONE;
  }

  /**
   * A log whose fields are separated by runs of spaces and tabs (leading ones ignored); columns 1,
   * 2, 3 are id, date, amount; dates {@code yyyy-MM-dd}; no header.
   */
  public static TransactionLogFormat whitespace() {
    return new TransactionLogFormat((char) 0, 1, 2, 3, "yyyy-MM-dd", 0);
  }

  /**
   * A log whose fields are separated by {@code delimiter} (for example {@code ','}, {@code ';'} or
   * {@code '\t'}); columns 1, 2, 3 are id, date, amount; dates {@code yyyy-MM-dd}; no header.
   *
   * @param delimiter the separator; not a quote, a line break, or a space (use {@link
   *     #whitespace()})
   */
  public static TransactionLogFormat delimited(char delimiter) {
    if (delimiter == '"'
        || delimiter == '\n'
        || delimiter == '\r'
        || delimiter == ' '
        || delimiter == 0) {
      throw Checks.malformed(
          "delimiter",
          String.valueOf(delimiter),
          "a character other than quote, space, line break");
    }
    return new TransactionLogFormat(delimiter, 1, 2, 3, "yyyy-MM-dd", 0);
  }

  /**
   * This format with the id, date and amount in the given columns, numbered from 1.
   *
   * @param idColumn the customer id's column, &gt; 0
   * @param dateColumn the date's column, &gt; 0
   * @param amountColumn the amount's column, &gt; 0
   */
  public TransactionLogFormat withColumns(int idColumn, int dateColumn, int amountColumn) {
    Checks.positive("idColumn", idColumn);
    Checks.positive("dateColumn", dateColumn);
    Checks.positive("amountColumn", amountColumn);
    return new TransactionLogFormat(
        delimiter, idColumn, dateColumn, amountColumn, datePattern, headerLines);
  }

  /**
   * This format with dates in a {@link DateTimeFormatter} pattern, for example {@code yyyyMMdd} or
   * {@code yyyy-MM-dd HH:mm:ss}.
   */
  public TransactionLogFormat withDatePattern(String pattern) {
    Checks.notEmptyText("datePattern", pattern);
    return new TransactionLogFormat(
        delimiter, idColumn, dateColumn, amountColumn, pattern, headerLines);
  }

  /** This format skipping {@code lines} &gt;= 0 leading lines (a header). */
  public TransactionLogFormat withHeaderLines(int lines) {
    Checks.nonNegative("headerLines", lines);
    return new TransactionLogFormat(
        delimiter, idColumn, dateColumn, amountColumn, datePattern, lines);
  }

  /**
   * Reads a UTF-8 file (gzip-compressed when its name ends in {@code .gz}) into {@code into}.
   *
   * @param file the log
   * @param into the accumulator to feed
   * @return what was read, skipped and dropped
   * @throws IOException when the file cannot be read
   * @throws ClvArgumentException at the first bad line
   */
  public ReadReport read(Path file, SummaryAccumulator into) throws IOException {
    Checks.notNull("file", file);
    Checks.notNull("into", into);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 65_536) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 65_536)) {
      return read(reader, into);
    }
  }

  /**
   * Reads lines from {@code reader} to its end into {@code into}; does not close the reader.
   *
   * @param reader the log
   * @param into the accumulator to feed
   * @return what was read, skipped and dropped
   * @throws IOException when the reader fails
   * @throws ClvArgumentException at the first bad line
   */
  public ReadReport read(BufferedReader reader, SummaryAccumulator into) throws IOException {
    Checks.notNull("reader", reader);
    Checks.notNull("into", into);
    RowRules.RowNames names = this::name;
    PolicyCounts before = into.policyCounts();
    int fieldCount = Math.max(idColumn, Math.max(dateColumn, amountColumn));
    String[] fields = new String[fieldCount];
    long lines = 0;
    long header = 0;
    long blank = 0;
    long rows = 0;
    String line;
    while ((line = reader.readLine()) != null) {
      lines++;
      if (lines == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (lines <= headerLines) {
        header++;
        continue;
      }
      if (line.isBlank()) {
        blank++;
        continue;
      }
      split(line, lines, fields);
      String idText = fields[idColumn - 1];
      long numericId = canonicalNumber(idText);
      String id = numericId >= 0 ? null : Checks.notEmptyText(name("customerId", lines), idText);
      long second = epochSecond(fields[dateColumn - 1], lines);
      double amount = amount(fields[amountColumn - 1], lines);
      rows++;
      if (id == null) {
        into.acceptRow(numericId, second, amount, lines, names); // the same customer as its text
      } else {
        into.acceptRow(id, second, amount, lines, names);
      }
    }
    return new ReadReport(lines, header, blank, rows, into.policyCounts().minus(before));
  }

  private String name(String field, long line) {
    int column;
    String label = field;
    switch (field) {
      case "customerId":
        column = idColumn;
        break;
      case "amount":
        column = amountColumn;
        break;
      default:
        label = "date";
        column = dateColumn;
    }
    return label + " (line " + line + ", column " + column + ")";
  }

  /** Splits the first {@code fields.length} fields of a line into {@code fields}. */
  private void split(String line, long lineNumber, String[] fields) {
    int n = line.length();
    int pos = 0;
    int count = 0;
    if (delimiter == 0) {
      while (count < fields.length) {
        while (pos < n && isBlank(line.charAt(pos))) {
          pos++;
        }
        if (pos == n) {
          break;
        }
        int start = pos;
        while (pos < n && !isBlank(line.charAt(pos))) {
          pos++;
        }
        fields[count++] = line.substring(start, pos);
      }
    } else {
      while (count < fields.length && pos <= n) {
        while (pos < n && isBlank(line.charAt(pos))) {
          pos++;
        }
        if (pos < n && line.charAt(pos) == '"') {
          StringBuilder text = new StringBuilder();
          pos++;
          while (true) {
            if (pos >= n) {
              throw Checks.malformed("line " + lineNumber, line, "a row whose quotes are closed");
            }
            char ch = line.charAt(pos++);
            if (ch == '"') {
              if (pos < n && line.charAt(pos) == '"') {
                text.append('"');
                pos++;
              } else {
                break;
              }
            } else {
              text.append(ch);
            }
          }
          while (pos < n && isBlank(line.charAt(pos))) {
            pos++;
          }
          if (pos < n && line.charAt(pos) != delimiter) {
            throw Checks.malformed(
                "line " + lineNumber,
                line,
                "a row with nothing between a closing quote and a delimiter");
          }
          fields[count++] = text.toString();
        } else {
          int start = pos;
          while (pos < n && line.charAt(pos) != delimiter) {
            pos++;
          }
          int end = pos;
          while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
          }
          fields[count++] = line.substring(start, end);
        }
        pos++; // past the delimiter (or beyond the end)
      }
    }
    if (count < fields.length) {
      throw Checks.malformed(
          "line " + lineNumber, line, "a row of at least " + fields.length + " fields");
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private long epochSecond(String text, long line) {
    if (fastDate == FAST_BASIC && text.length() == 8) {
      long day = epochDay(text, 0, 4, 6);
      if (day != Long.MIN_VALUE) {
        return day * SummaryAccumulator.SECONDS_PER_DAY;
      }
    } else if (fastDate == FAST_ISO
        && text.length() == 10
        && text.charAt(4) == '-'
        && text.charAt(7) == '-') {
      long day = epochDay(text, 0, 5, 8);
      if (day != Long.MIN_VALUE) {
        return day * SummaryAccumulator.SECONDS_PER_DAY;
      }
    }
    try {
      TemporalAccessor t = formatter.parseBest(text, LocalDateTime::from, LocalDate::from);
      return t instanceof LocalDateTime
          ? ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC)
          : ((LocalDate) t).toEpochDay() * SummaryAccumulator.SECONDS_PER_DAY;
    } catch (DateTimeException e) {
      ClvArgumentException error =
          Checks.malformed(name("time", line), text, "a date of pattern " + datePattern);
      error.initCause(e);
      throw error;
    }
  }

  /**
   * The epoch day of four year digits and two month and day digits at the given offsets, or
   * Long.MIN_VALUE when they are not all digits or not a valid date (the formatter then reports).
   */
  private static long epochDay(String text, int year, int month, int day) {
    int y = digits(text, year, 4);
    int m = digits(text, month, 2);
    int d = digits(text, day, 2);
    if (y <= 0 || m < 1 || m > 12 || d < 1 || d > 31) {
      return Long.MIN_VALUE;
    }
    try {
      return LocalDate.of(y, m, d).toEpochDay();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The value of an id written as a plain decimal number (digits only, at most 18, no leading zero
   * but for {@code "0"}), which {@code Long.toString} spells the same, else -1: such ids are given
   * to the accumulator as numbers (the same customers, kept without their strings).
   */
  static long canonicalNumber(String text) {
    int n = text.length();
    if (n == 0 || n > 18 || (n > 1 && text.charAt(0) == '0')) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /**
   * {@code Double.parseDouble(text)} for a plain decimal ({@code -12.50}: an optional minus, at
   * most 15 digits in all, at least one, an optional point) without its cost, else NaN (the caller
   * then parses). The digits as a whole number m &lt; 10^15 and 10^k are exact doubles, so m / 10^k
   * is the correctly rounded value of the text, which is what {@code parseDouble} returns.
   */
  static double plainDecimal(String text) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && text.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    long m = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        m = m * 10 + (c - '0');
        digits++;
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0 || digits > 15) {
      return Double.NaN;
    }
    double v = fraction > 0 ? m / POWERS_OF_TEN[fraction] : (double) m;
    return negative ? -v : v;
  }

  private double amount(String text, long line) {
    double fast = plainDecimal(text);
    if (fast == fast) {
      return fast;
    }
    boolean plain = !text.isEmpty();
    for (int i = 0; i < text.length() && plain; i++) {
      char c = text.charAt(i);
      plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
    if (plain || text.equals("NaN") || text.endsWith("Infinity")) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        ClvArgumentException error = Checks.malformed(name("amount", line), text, "a number");
        error.initCause(e);
        throw error;
      }
    }
    throw Checks.malformed(name("amount", line), text, "a number");
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "TransactionLogFormat[delimiter=%s, idColumn=%d, dateColumn=%d, amountColumn=%d,"
            + " datePattern=%s, headerLines=%d]",
        delimiter == 0 ? "whitespace" : "'" + delimiter + "'",
        idColumn,
        dateColumn,
        amountColumn,
        datePattern,
        headerLines);
  }
}
