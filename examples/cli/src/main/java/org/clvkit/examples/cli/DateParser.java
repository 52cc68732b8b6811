package org.clvkit.examples.cli;

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
import org.clvkit.core.ClvArgumentException;

/**
 * Parses the date column strictly with a {@link DateTimeFormatter} pattern, as core's {@code
 * TransactionLogFormat} does: {@code yyyy} is the year (no era needed), February 30 is an error, a
 * pattern with a time of day gives date-times and one without gives the start of the day. Times are
 * seconds since 1970-01-01T00:00 without time zone. Remembers the last text, since logs repeat
 * dates.
 */
final class DateParser {
  private static final long SECONDS_PER_DAY = 86_400L;

  private final String pattern;
  private final DateTimeFormatter formatter;
  private String lastText;
  private long lastSecond;

  DateParser(String pattern) {
    this.pattern = pattern;
    try {
      this.formatter =
          new DateTimeFormatterBuilder()
              .appendPattern(pattern)
              .parseDefaulting(ChronoField.ERA, 1)
              .toFormatter(Locale.ROOT)
              .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "--date-format must be a date pattern such as yyyy-MM-dd, was \""
              + pattern
              + "\": "
              + e.getMessage());
    }
  }

  String pattern() {
    return pattern;
  }

  /**
   * The time of {@code text} in seconds since 1970-01-01T00:00.
   *
   * @throws ClvArgumentException naming the line and column when the text does not parse
   */
  long epochSecond(String text, long line, int column) {
    if (text.equals(lastText)) {
      return lastSecond;
    }
    long second;
    try {
      TemporalAccessor t = formatter.parseBest(text, LocalDateTime::from, LocalDate::from);
      second =
          t instanceof LocalDateTime
              ? ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC)
              : ((LocalDate) t).toEpochDay() * SECONDS_PER_DAY;
    } catch (DateTimeException e) {
      throw new ClvArgumentException(
          String.format(
              Locale.ROOT,
              "date (line %d, column %d) must be a date of pattern %s, was \"%s\"",
              line,
              column,
              pattern,
              text),
          e);
    }
    lastText = text;
    lastSecond = second;
    return second;
  }

  /** The date-time of a time in seconds since 1970-01-01T00:00. */
  static LocalDateTime time(long epochSecond) {
    return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
  }
}
