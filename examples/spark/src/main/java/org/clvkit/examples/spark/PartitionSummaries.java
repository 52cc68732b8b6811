package org.clvkit.examples.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.clvkit.core.Checks;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;

/**
 * The customer summaries of one Spark partition, made by clv-core's {@link SummaryAccumulator},
 * with the line at which each customer first appeared in the log. Immutable once built; {@link
 * Serializable} so that Spark can cache and ship it.
 *
 * <p><b>Why the result equals the single-JVM summary exactly.</b> The job hashes transactions by
 * customer, so every customer's rows are in one partition, and groups them by customer sorted by
 * line, so each customer's rows arrive in the order of the log. One accumulator per partition then
 * adds each customer's amounts in the same order as one accumulator reading the whole log: the
 * floating-point sums, hence every field, are the same bit for bit, and no {@code combine} is
 * needed. The first line per customer restores the single-JVM order of customers (order of first
 * appearance), which the fits use to sum their likelihoods in the same order.
 */
public final class PartitionSummaries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CustomerSummaries summaries;
  private final long[] firstLine;

  private PartitionSummaries(CustomerSummaries summaries, long[] firstLine) {
    this.summaries = summaries;
    this.firstLine = firstLine;
  }

  /** The summaries of this partition's customers (those with calibration purchases). */
  public CustomerSummaries summaries() {
    return summaries;
  }

  /** The line of the first accepted row of summary row {@code i}'s customer. */
  public long firstLine(int i) {
    return firstLine[i];
  }

  /**
   * Summarises one partition of numbered rows {@code (customer_id, date, amount, line)} from {@link
   * TransactionInput}, each customer's rows in line order.
   *
   * @param rows the partition's rows
   * @param options how to summarise
   * @param datePattern the pattern of text dates
   * @return the partition's summaries
   * @throws ClvArgumentException at the first bad row, naming its line: a missing or empty customer
   *     id, an unparseable or missing date or amount, and the accumulator's rules
   */
  public static PartitionSummaries summarise(
      Iterator<Row> rows, SummaryOptions options, String datePattern) {
    DateTimeFormatter formatter = formatter(datePattern);
    SummaryAccumulator accumulator = new SummaryAccumulator(options);
    String[] ids = new String[16];
    long[] lines = new long[16];
    while (rows.hasNext()) {
      Row row = rows.next();
      long line = row.getLong(3);
      String id = Checks.notEmptyText(name("customerId", line), row.getString(0));
      long second = epochSecond(row.get(1), line, formatter, datePattern);
      double amount = amount(row.get(2), line);
      int before = accumulator.customers();
      accumulator.acceptAtLine(line, id, second, amount);
      if (accumulator.customers() > before) {
        if (before == ids.length) {
          ids = Arrays.copyOf(ids, before * 2);
          lines = Arrays.copyOf(lines, before * 2);
        }
        ids[before] = id;
        lines[before] = line;
      }
    }
    CustomerSummaries summaries = accumulator.result();
    // The result lists the customers with calibration purchases in order of first acceptance;
    // the others (holdout only) are listed apart, in the same order.
    List<String> holdoutOnly = summaries.holdoutOnlyCustomerIds();
    long[] firstLine = new long[summaries.size()];
    int i = 0;
    int h = 0;
    for (int c = 0; c < accumulator.customers(); c++) {
      if (h < holdoutOnly.size() && holdoutOnly.get(h).equals(ids[c])) {
        h++;
      } else {
        firstLine[i++] = lines[c];
      }
    }
    return new PartitionSummaries(summaries, firstLine);
  }

  /** The strict parser of a date pattern, as clv-core's log reader builds it. */
  static DateTimeFormatter formatter(String pattern) {
    try {
      return new DateTimeFormatterBuilder()
          .appendPattern(pattern)
          .parseDefaulting(ChronoField.ERA, 1)
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      ClvArgumentException error = Checks.malformed("datePattern", pattern, "a date pattern");
      error.initCause(e);
      throw error;
    }
  }

  private static String name(String field, long line) {
    return field + " (line " + line + ")";
  }

  private static long epochSecond(
      Object value, long line, DateTimeFormatter formatter, String pattern) {
    Checks.notNull(name("date", line), value);
    if (value instanceof Long day) {
      return day * 86_400L;
    }
    String text = ((String) value).trim();
    try {
      TemporalAccessor parsed = formatter.parse(text);
      LocalDate date = parsed.query(TemporalQueries.localDate());
      if (date != null) {
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return date.toEpochDay() * 86_400L + (time == null ? 0 : time.toSecondOfDay());
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw Checks.malformed(name("date", line), text, "a date of pattern " + pattern);
  }

  private static double amount(Object value, long line) {
    Checks.notNull(name("amount", line), value);
    if (value instanceof Double number) {
      return number;
    }
    String text = ((String) value).trim();
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw Checks.malformed(name("amount", line), text, "a number");
    }
  }
}
