package org.clvkit.examples.cli;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.ModelType;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * Customer summaries as columns, read from a summary CSV (the output of {@code clv summarize}, or
 * any CSV with a header naming frequency, recency and age columns) or taken from {@link
 * CustomerSummaries}: what {@code fit} and {@code score} work on. Optional columns are null when
 * absent; {@code litt} (the sum of log inter-purchase times) is read when a column of that name
 * exists and is attached to the histories, so files without it (older summaries, other tools) read
 * as before.
 */
final class SummaryTable {
  final String source;
  final String[] ids;
  final double[] frequency;
  final double[] recency;
  final double[] age;
  final double[] monetary;
  final double[] totalSpend;
  final double[] weight;
  final double[] litt;

  private SummaryTable(
      String source,
      String[] ids,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] monetary,
      double[] totalSpend,
      double[] weight,
      double[] litt) {
    this.source = source;
    this.ids = ids;
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.monetary = monetary;
    this.totalSpend = totalSpend;
    this.weight = weight;
    this.litt = litt;
  }

  /** The columns of summaries made by core's accumulator. */
  static SummaryTable of(String source, CustomerSummaries s) {
    return new SummaryTable(
        source,
        s.customerIds().toArray(new String[0]),
        s.frequency(),
        s.recency(),
        s.age(),
        s.monetaryValue(),
        s.totalSpend(),
        null,
        s.hasLitt() ? s.litt() : null);
  }

  int size() {
    return frequency.length;
  }

  /** The histories for the purchase models, validated with the models' rules. */
  CustomerHistories histories() {
    try {
      CustomerHistories histories =
          weight == null
              ? CustomerHistories.of(frequency, recency, age)
              : CustomerHistories.of(frequency, recency, age, weight);
      return litt == null ? histories : histories.withLitt(litt);
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(source + " (rows counted from 0 after the header)", e);
    }
  }

  /**
   * The histories a model of this type is fitted on: with the monetary column, required, for a
   * spend model.
   */
  CustomerHistories histories(ModelType<?> type) {
    if (!GammaGammaModel.class.isAssignableFrom(type.modelClass())) {
      return histories();
    }
    double[] spend = monetary("--monetary-column");
    try {
      return histories().withMonetaryValue(spend);
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(source + " (rows counted from 0 after the header)", e);
    }
  }

  /** The monetary column, required. */
  double[] monetary(String option) {
    if (monetary == null) {
      throw CliException.data(
          source + ": a monetary value column is needed (" + option + "), the file has none");
    }
    return monetary;
  }

  /**
   * The columns the caller named (header names or positions from 1), null for the defaults:
   * frequency, recency and age are required ({@code frequency}, {@code recency}, {@code age} by
   * default); the id, monetary value and total spend are read when named or when the default column
   * ({@code customer_id}, {@code monetary_value}, {@code total_spend}) exists; weights only when
   * named.
   */
  record Columns(
      String id,
      String frequency,
      String recency,
      String age,
      String monetary,
      String totalSpend,
      String weight) {}

  /**
   * Reads a summary CSV (comma-separated, header required, gzip recognised).
   *
   * @throws CliException for a missing column, a value that is not a number, an empty file
   */
  static SummaryTable read(Path file, Columns columns) {
    InputSource source = InputSource.file(file);
    String name = source.name();
    try (InputStream in = source.open(null);
        CsvReader<CsvRecord> reader =
            CsvReader.builder()
                .skipEmptyLines(true)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
        CloseableIterator<CsvRecord> it = reader.iterator()) {
      if (!it.hasNext()) {
        throw CliException.data(name + " must contain a header and at least one row, was empty");
      }
      CsvRecord header = it.next();
      List<String> names = header.getFields();
      long headerLine = header.getStartingLineNumber();
      String hint = names.size() == 1 ? Delimiter.COMMA.hint(String.join(",", names), 3) : "";
      int idAt =
          column(columns.id(), "customer_id", false, "--id-column", names, name, headerLine, hint);
      int f =
          column(
              columns.frequency(),
              "frequency",
              true,
              "--frequency-column",
              names,
              name,
              headerLine,
              hint);
      int r =
          column(
              columns.recency(),
              "recency",
              true,
              "--recency-column",
              names,
              name,
              headerLine,
              hint);
      int a = column(columns.age(), "age", true, "--age-column", names, name, headerLine, hint);
      int m =
          column(
              columns.monetary(),
              "monetary_value",
              false,
              "--monetary-column",
              names,
              name,
              headerLine,
              hint);
      int t =
          column(
              columns.totalSpend(),
              "total_spend",
              false,
              "--total-spend-column",
              names,
              name,
              headerLine,
              hint);
      int w =
          columns.weight() == null
              ? -1
              : column(
                  columns.weight(), null, true, "--weight-column", names, name, headerLine, hint);
      int l = column(null, "litt", false, null, names, name, headerLine, hint);
      int capacity = 1024;
      String[] ids = new String[capacity];
      double[][] cols = new double[7][capacity];
      int[] at = {f, r, a, m, t, w, l};
      String[] labels = {
        "frequency", "recency", "age", "monetary_value", "total_spend", "weight", "litt"
      };
      int n = 0;
      while (it.hasNext()) {
        CsvRecord row = it.next();
        long line = row.getStartingLineNumber();
        if (n == capacity) {
          capacity *= 2;
          ids = Arrays.copyOf(ids, capacity);
          for (int c = 0; c < cols.length; c++) {
            cols[c] = Arrays.copyOf(cols[c], capacity);
          }
        }
        ids[n] = idAt >= 0 ? field(row, idAt) : Long.toString(n + 1);
        for (int c = 0; c < at.length; c++) {
          if (at[c] >= 0) {
            cols[c][n] = number(field(row, at[c]), labels[c], name, line, at[c] + 1);
          }
        }
        n++;
      }
      if (n == 0) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s must contain at least one row after its header (line %d), had none",
                name,
                headerLine));
      }
      return new SummaryTable(
          name,
          Arrays.copyOf(ids, n),
          Arrays.copyOf(cols[0], n),
          Arrays.copyOf(cols[1], n),
          Arrays.copyOf(cols[2], n),
          m >= 0 ? Arrays.copyOf(cols[3], n) : null,
          t >= 0 ? Arrays.copyOf(cols[4], n) : null,
          w >= 0 ? Arrays.copyOf(cols[5], n) : null,
          l >= 0 ? Arrays.copyOf(cols[6], n) : null);
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    } catch (CsvParseException e) {
      throw CliException.data(name + ": " + e.getMessage());
    }
  }

  private static String field(CsvRecord row, int i) {
    return i < row.getFieldCount() ? row.getField(i).strip() : "";
  }

  private static double number(String text, String label, String file, long line, int column) {
    try {
      if (!text.isEmpty()) {
        double v = Double.parseDouble(text);
        if (Double.isFinite(v)) {
          return v;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CliException.data(
        String.format(
            Locale.ROOT,
            "%s: %s (line %d, column %d) must be a finite number, was \"%s\"",
            file,
            label,
            line,
            column,
            text));
  }

  /**
   * The 0-based index of a column: the one named on the command line (which must exist), else the
   * default name, which must exist when {@code required} and is otherwise looked up (ignoring
   * case), -1 when absent.
   */
  private static int column(
      String given,
      String defaultName,
      boolean required,
      String option,
      List<String> names,
      String file,
      long line,
      String hint) {
    if (given != null || required) {
      return ColumnSpec.parse(option, given != null ? given : defaultName)
          .resolve(names, file, line, hint);
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).strip().equalsIgnoreCase(defaultName)) {
        return i;
      }
    }
    return -1;
  }
}
