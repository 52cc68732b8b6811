package org.clvkit.models.covariates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clvkit.core.Checks;

/**
 * Time-varying covariates read from a long CSV (one row per customer and period: a customer id, the
 * period's start date and numeric covariate columns), and their alignment with the customers of a
 * summary, in the summary's time unit and calibration window. Immutable.
 *
 * <p>Format: a header row naming the id column, the date column (ISO {@code yyyy-MM-dd}) and the
 * covariate columns, comma-separated (no quoting); every covariate value a finite number (encode
 * categorical attributes as 0/1 columns beforehand). Each period lasts one period length (the
 * summary's time unit in days, see {@link #alignTo}): within a customer, consecutive start dates
 * must be one period apart (within {@value #SLACK_SHARE} of a period, at least half a day, so that
 * calendar months of 28 to 31 days pass); closer is an overlap, further a gap, both errors naming
 * the two lines. Blank cells, rows of the wrong length and a repeated (id, date) are errors naming
 * the line. Rows need not be sorted.
 */
public final class TimeVaryingCovariateTable {
  /** The share of a period by which consecutive starts may deviate from one period. */
  public static final double SLACK_SHARE = 0.1;

  private final String source;
  private final List<String> names;
  private final String[] ids;
  private final long[] days;
  private final long[] lines;
  private final double[] values;

  private TimeVaryingCovariateTable(
      String source, List<String> names, String[] ids, long[] days, long[] lines, double[] values) {
    this.source = source;
    this.names = names;
    this.ids = ids;
    this.days = days;
    this.lines = lines;
    this.values = values;
  }

  /**
   * Reads a long covariate CSV.
   *
   * @param in the text; not closed
   * @param source the file's name for messages
   * @param idColumn the id column's name in the header
   * @param dateColumn the period start column's name in the header
   * @throws org.clvkit.core.ClvArgumentException on a malformed file, naming source and line
   * @throws IOException when reading fails
   */
  public static TimeVaryingCovariateTable read(
      Reader in, String source, String idColumn, String dateColumn) throws IOException {
    Checks.notNull("in", in);
    Checks.notNull("source", source);
    BufferedReader reader = new BufferedReader(in);
    String header = reader.readLine();
    if (header == null) {
      throw Checks.fail("%s is empty: expected a header row", source);
    }
    String[] columns = split(header);
    int idAt = Arrays.asList(columns).indexOf(idColumn);
    int dateAt = Arrays.asList(columns).indexOf(dateColumn);
    if (idAt < 0) {
      throw Checks.fail(
          "%s: id column %s is not in the header %s", source, idColumn, Arrays.toString(columns));
    }
    if (dateAt < 0) {
      throw Checks.fail(
          "%s: date column %s is not in the header %s",
          source, dateColumn, Arrays.toString(columns));
    }
    List<String> names = new ArrayList<>();
    int[] covariateAt = new int[columns.length - 2];
    for (int j = 0; j < columns.length; j++) {
      if (j != idAt && j != dateAt) {
        covariateAt[names.size()] = j;
        names.add(columns[j]);
      }
    }
    if (names.isEmpty()) {
      throw Checks.fail("%s: no covariate columns besides %s and %s", source, idColumn, dateColumn);
    }
    int k = names.size();
    List<String> ids = new ArrayList<>();
    long[] days = new long[16];
    long[] lines = new long[16];
    double[] values = new double[16 * k];
    int n = 0;
    String line;
    long number = 1;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = split(line);
      if (cells.length != columns.length) {
        throw Checks.fail(
            "%s line %d: %d fields, expected %d as in the header",
            source, number, cells.length, columns.length);
      }
      for (int j = 0; j < cells.length; j++) {
        if (cells[j].isEmpty()) {
          throw Checks.fail("%s line %d: column %s is blank", source, number, columns[j]);
        }
      }
      if (n == days.length) {
        days = Arrays.copyOf(days, 2 * n);
        lines = Arrays.copyOf(lines, 2 * n);
        values = Arrays.copyOf(values, 2 * n * k);
      }
      try {
        days[n] = LocalDate.parse(cells[dateAt]).toEpochDay();
      } catch (DateTimeParseException e) {
        throw Checks.fail(
            "%s line %d: %s = %s is not a date (yyyy-MM-dd)",
            source, number, dateColumn, cells[dateAt]);
      }
      for (int j = 0; j < k; j++) {
        String cell = cells[covariateAt[j]];
        double v;
        try {
          v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
          throw Checks.fail(
              "%s line %d: %s = %s is not a finite number", source, number, names.get(j), cell);
        }
        values[n * k + j] = v;
      }
      ids.add(cells[idAt]);
      lines[n] = number;
      n++;
    }
    if (n == 0) {
      throw Checks.fail("%s has no data rows", source);
    }
    return new TimeVaryingCovariateTable(
        source,
        List.copyOf(names),
        ids.toArray(new String[0]),
        Arrays.copyOf(days, n),
        Arrays.copyOf(lines, n),
        Arrays.copyOf(values, n * k));
  }

  private static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int j = 0; j < cells.length; j++) {
      cells[j] = cells[j].strip();
    }
    return cells;
  }

  /** The covariates' names, in file order. */
  public List<String> names() {
    return names;
  }

  /** The number of data rows. */
  public int rows() {
    return ids.length;
  }

  /**
   * The alignment of time-varying covariates with a summary's customers.
   *
   * @param covariates the periods of each kept summary customer, in summary order, in the
   *     customers' clocks and the summary's unit
   * @param keptRows the summary rows kept, ascending
   * @param missingCovariates summary customers without covariate rows (dropped)
   * @param missingSummaries covariate ids without a summary row (ignored)
   */
  public record Alignment(
      TimeVaryingCovariates covariates,
      int[] keptRows,
      List<String> missingCovariates,
      List<String> missingSummaries) {}

  /**
   * Aligns the periods with a summary's customers: customer i's period starting on day D starts at
   * (D − first purchase day) / unit in the customer's clock, and its periods must cover the
   * calibration window, from the first purchase (the earliest period starts on or before it) to the
   * age T (the latest period, one period long, ends at or after first purchase + T units). Periods
   * after the calibration window are kept: predictions use them.
   *
   * @param summaryIds the summary's customer ids, in its order
   * @param firstPurchaseDays each summary customer's first purchase, in days since 1970-01-01
   *     (fractional for times of day)
   * @param ages each summary customer's age T in the summary's unit
   * @param unitDays the length of the summary's unit (and of a period) in days, &gt; 0
   * @param dropMissing as in {@link CovariateTable#alignTo}
   * @throws org.clvkit.core.ClvArgumentException on a gap, an overlap, a window not covered (each
   *     naming the customer and lines), or customers missing when {@code dropMissing} is false
   */
  public Alignment alignTo(
      List<String> summaryIds,
      double[] firstPurchaseDays,
      double[] ages,
      double unitDays,
      boolean dropMissing) {
    Checks.notNull("summaryIds", summaryIds);
    Checks.notNull("firstPurchaseDays", firstPurchaseDays);
    Checks.notNull("ages", ages);
    Checks.sameLength(
        "firstPurchaseDays", firstPurchaseDays.length, "summaryIds", summaryIds.size());
    Checks.sameLength("ages", ages.length, "summaryIds", summaryIds.size());
    Checks.positive("unitDays", Checks.finite("unitDays", unitDays));
    Map<String, List<Integer>> byId = new LinkedHashMap<>();
    for (int i = 0; i < ids.length; i++) {
      byId.computeIfAbsent(ids[i], id -> new ArrayList<>()).add(i);
    }
    double slack = Math.max(0.5, SLACK_SHARE * unitDays);
    int k = names.size();
    List<String> missingCovariates = new ArrayList<>();
    Set<String> used = new HashSet<>();
    int[] kept = new int[summaryIds.size()];
    int[] offsets = new int[summaryIds.size() + 1];
    double[] starts = new double[ids.length];
    double[] out = new double[ids.length * k];
    int count = 0;
    int periods = 0;
    for (int s = 0; s < summaryIds.size(); s++) {
      String id = summaryIds.get(s);
      List<Integer> rows = byId.get(id);
      if (rows == null) {
        missingCovariates.add(id);
        continue;
      }
      if (!used.add(id)) {
        throw Checks.fail("summary id %s appears twice", id);
      }
      Integer[] order = rows.toArray(new Integer[0]);
      Arrays.sort(order, (a, b) -> Long.compare(days[a], days[b]));
      for (int q = 1; q < order.length; q++) {
        long step = days[order[q]] - days[order[q - 1]];
        if (step < unitDays - slack) {
          throw Checks.fail(
              "%s: customer %s: the periods of line %d (%s) and line %d (%s) overlap: they start"
                  + " %d days apart, a period is %s days",
              source,
              id,
              lines[order[q - 1]],
              LocalDate.ofEpochDay(days[order[q - 1]]),
              lines[order[q]],
              LocalDate.ofEpochDay(days[order[q]]),
              step,
              unitDays);
        }
        if (step > unitDays + slack) {
          throw Checks.fail(
              "%s: customer %s: gap between line %d (%s) and line %d (%s): they start %d days"
                  + " apart, a period is %s days",
              source,
              id,
              lines[order[q - 1]],
              LocalDate.ofEpochDay(days[order[q - 1]]),
              lines[order[q]],
              LocalDate.ofEpochDay(days[order[q]]),
              step,
              unitDays);
        }
      }
      double origin = firstPurchaseDays[s];
      int firstRow = order[0];
      int lastRow = order[order.length - 1];
      if (days[firstRow] > origin + 1e-6) { // a millionth of a day against rounding in T
        throw Checks.fail(
            "%s: customer %s: the covariates start on %s (line %d), after the first purchase on"
                + " %s",
            source,
            id,
            LocalDate.ofEpochDay(days[firstRow]),
            lines[firstRow],
            LocalDate.ofEpochDay((long) Math.floor(origin)));
      }
      double end = origin + ages[s] * unitDays;
      if (days[lastRow] + unitDays < end - 1e-9) {
        throw Checks.fail(
            "%s: customer %s: the covariates end with the period of %s (line %d), before the end"
                + " of the calibration window on %s",
            source,
            id,
            LocalDate.ofEpochDay(days[lastRow]),
            lines[lastRow],
            LocalDate.ofEpochDay((long) Math.ceil(end)));
      }
      for (int q = 0; q < order.length; q++) {
        starts[periods] = (days[order[q]] - origin) / unitDays;
        System.arraycopy(values, order[q] * k, out, periods * k, k);
        periods++;
      }
      kept[count] = s;
      count++;
      offsets[count] = periods;
    }
    List<String> missingSummaries = new ArrayList<>();
    for (String id : byId.keySet()) {
      if (!used.contains(id)) {
        missingSummaries.add(id);
      }
    }
    if (!dropMissing && (!missingCovariates.isEmpty() || !missingSummaries.isEmpty())) {
      throw Checks.fail(
          "%d summary customers have no time-varying covariates (first: %s) and %d covariate ids"
              + " have no summary row (first: %s); drop them explicitly to go on",
          missingCovariates.size(),
          first(missingCovariates),
          missingSummaries.size(),
          first(missingSummaries));
    }
    if (count == 0) {
      throw Checks.fail("no summary customer has time-varying covariates");
    }
    return new Alignment(
        TimeVaryingCovariates.of(
            names,
            Arrays.copyOf(offsets, count + 1),
            Arrays.copyOf(starts, periods),
            Arrays.copyOf(out, periods * k)),
        Arrays.copyOf(kept, count),
        List.copyOf(missingCovariates),
        List.copyOf(missingSummaries));
  }

  private static String first(List<String> values) {
    return values.isEmpty()
        ? "none"
        : String.join(", ", values.subList(0, Math.min(3, values.size())));
  }
}
