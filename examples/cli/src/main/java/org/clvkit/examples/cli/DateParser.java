package org.clvkit.examples.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;

/**
 * Parses the date column strictly, as core's {@code TransactionLogFormat} does: {@code yyyy} is the
 * year (no era needed), February 30 is an error, a pattern with a time of day gives date-times and
 * one without gives the start of the day. Times are "local seconds": seconds since 1970-01-01T00:00
 * of the wall-clock date-time, without time zone.
 *
 * <p><b>Timestamps with an offset</b> ({@code 2024-03-01T23:30:00+08:00}, {@code ...Z}) belong to
 * the calendar day written in them, at their own offset (23:30 on March 1 above, whatever the
 * offset): the shop's local day. With {@code --zone} every timestamp with an offset is first moved
 * to that zone ({@code --zone UTC} puts the example on March 1 at 15:30); timestamps without an
 * offset are taken as already local.
 *
 * <p><b>Detection</b>: without {@code --date-format} the pattern is chosen from the first rows
 * ({@link #detect}): of yyyy-MM-dd, yyyyMMdd and ISO-8601 date-times (with 'T' or a space, optional
 * seconds and fraction, optional offset), the one that reads the most sampled dates. Day-month
 * orders such as 01/02/2024 are ambiguous and are never guessed.
 */
final class DateParser {
  private static final long SECONDS_PER_DAY = 86_400L;

  /** The ISO-8601 date-time pattern of detection, as shown to the user. */
  static final String ISO_DATE_TIME = "ISO-8601 date-time (yyyy-MM-dd'T'HH:mm[:ss[.f]][offset])";

  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  private final String pattern;
  private final DateTimeFormatter formatter;
  private final boolean isoDate;
  private final boolean compactDate;
  private final ZoneId zone;
  private String lastText;
  private long lastSecond;
  private long offsetTimestamps;
  private boolean lastWasOffset;

  private DateParser(String pattern, DateTimeFormatter formatter, ZoneId zone) {
    this.pattern = pattern;
    this.formatter = formatter;
    this.isoDate = pattern.equals("yyyy-MM-dd");
    this.compactDate = pattern.equals("yyyyMMdd");
    this.zone = zone;
  }

  /** A parser of a java.time pattern, or of {@link #ISO_DATE_TIME}. */
  DateParser(String pattern) {
    this(pattern, null);
  }

  DateParser(String pattern, ZoneId zone) {
    this(pattern, formatter(pattern), zone);
  }

  private static DateTimeFormatter formatter(String pattern) {
    if (pattern.equals(ISO_DATE_TIME)) {
      return ISO;
    }
    try {
      return new DateTimeFormatterBuilder()
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

  /** The candidates of detection, in order. */
  static final List<String> CANDIDATES = List.of("yyyy-MM-dd", "yyyyMMdd", ISO_DATE_TIME);

  /**
   * The candidate pattern that reads the most of {@code samples}, the first in order on a tie (so a
   * few bad dates among the sampled rows, such as a February 31, do not change the choice; they are
   * then reported as bad rows); yyyy-MM-dd when none reads any (its rows are then reported as bad
   * with that pattern).
   */
  static DateParser detect(List<String> samples, ZoneId zone) {
    String best = "yyyy-MM-dd";
    int bestCount = 0;
    for (String candidate : CANDIDATES) {
      DateParser p = new DateParser(candidate, zone);
      int count = 0;
      for (String s : samples) {
        try {
          p.epochSecond(s, 0, 0);
          count++;
        } catch (ClvArgumentException e) {
          // not this pattern
        }
      }
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return new DateParser(best, zone);
  }

  String pattern() {
    return pattern;
  }

  /** Starts counting timestamps with an offset anew (each reading pass). */
  void resetCounts() {
    offsetTimestamps = 0;
  }

  /** How many timestamps with an offset were read (for the account of the run). */
  long offsetTimestamps() {
    return offsetTimestamps;
  }

  /**
   * The time of {@code text} in local seconds since 1970-01-01T00:00.
   *
   * @throws ClvArgumentException naming the line and column when the text does not parse
   */
  long epochSecond(String text, long line, int column) {
    if (text.equals(lastText)) {
      if (lastWasOffset) {
        offsetTimestamps++;
      }
      return lastSecond;
    }
    long offsetsBefore = offsetTimestamps;
    long second;
    if (isoDate && text.length() == 10) {
      second = fastDate(text, 5, 8, line, column);
    } else if (compactDate && text.length() == 8) {
      second = fastDate(text, 4, 6, line, column);
    } else {
      second = slow(text, line, column);
    }
    lastText = text;
    lastSecond = second;
    lastWasOffset = offsetTimestamps != offsetsBefore;
    return second;
  }

  /**
   * The time of the ASCII date in {@code b[from, to)} when it has the pattern's plain form
   * (yyyy-MM-dd or yyyyMMdd) and is a real date, read without making a string; {@link #NOT_FAST}
   * otherwise (the caller then parses the field's text with {@link #epochSecond(String, long,
   * int)}, which reports errors).
   */
  long fastEpochSecond(byte[] b, int from, int to) {
    int n = to - from;
    int m;
    int d;
    if (isoDate && n == 10 && b[from + 4] == '-' && b[from + 7] == '-') {
      m = 5;
      d = 8;
    } else if (compactDate && n == 8) {
      m = 4;
      d = 6;
    } else {
      return NOT_FAST;
    }
    int year = digits(b, from, from + 4);
    int month = digits(b, from + m, from + m + 2);
    int day = digits(b, from + d, from + d + 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
      return NOT_FAST;
    }
    return epochDay(year, month, day) * SECONDS_PER_DAY;
  }

  /** What {@link #fastEpochSecond} returns for a field it does not read. */
  static final long NOT_FAST = Long.MIN_VALUE;

  private static int digits(byte[] b, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      v = v * 10 + c;
    }
    return v;
  }

  private static int monthLength(int year, int month) {
    boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2
        ? (leap ? 29 : 28)
        : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
  }

  /** yyyy, MM at m and dd at d, checked as strictly as java.time (else the slow path). */
  private long fastDate(String t, int m, int d, long line, int column) {
    int year = digits(t, 0, 4);
    int month = digits(t, m, m + 2);
    int day = digits(t, d, d + 2);
    boolean dashes = !isoDate || (t.charAt(4) == '-' && t.charAt(7) == '-');
    if (year < 0 || month < 1 || month > 12 || day < 1 || !dashes) {
      return slow(t, line, column);
    }
    boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    int length =
        month == 2
            ? (leap ? 29 : 28)
            : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
    if (day > length) {
      return slow(t, line, column);
    }
    return epochDay(year, month, day) * SECONDS_PER_DAY;
  }

  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (as {@link LocalDate#toEpochDay()}). */
  static long epochDay(int year, int month, int day) {
    long y = year;
    long m = month;
    long total = 365 * y;
    if (y >= 0) {
      total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
      total -= y / -4 - y / -100 + y / -400;
    }
    total += (367 * m - 362) / 12;
    total += day - 1;
    if (m > 2) {
      total--;
      boolean leap = (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
      if (!leap) {
        total--;
      }
    }
    return total - 719528;
  }

  private long slow(String text, long line, int column) {
    try {
      TemporalAccessor t =
          formatter.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (t instanceof OffsetDateTime) {
        offsetTimestamps++;
        OffsetDateTime o = (OffsetDateTime) t;
        LocalDateTime local =
            zone == null ? o.toLocalDateTime() : o.atZoneSameInstant(zone).toLocalDateTime();
        return local.toEpochSecond(ZoneOffset.UTC);
      }
      if (t instanceof LocalDateTime) {
        return ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC);
      }
      return ((LocalDate) t).toEpochDay() * SECONDS_PER_DAY;
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
  }

  /** The date-time of a time in seconds since 1970-01-01T00:00. */
  static LocalDateTime time(long epochSecond) {
    return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
  }
}
