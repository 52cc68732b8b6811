package org.clvkit.models.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Reads customer histories from comma-separated text with a header line, the two forms the
 * literature and the peers publish: one row per customer (a customer summary: frequency, recency,
 * age and, when present, the mean repeat spend) and aggregated patterns with the number of
 * customers per pattern (such as the BG/BB donation table {@code
 * frequency,recency,periods,weights}).
 *
 * <p>Columns are found by header name, case-insensitive, under the names the literature and the
 * peers use; other columns (ids, totals) are ignored:
 *
 * <ul>
 *   <li>frequency: {@code frequency}, {@code x};
 *   <li>recency: {@code recency}, {@code t_x};
 *   <li>age: {@code age}, {@code T}, {@code periods}, {@code n};
 *   <li>weight (optional, aggregated patterns): {@code weights}, {@code weight}, {@code count};
 *   <li>monetary value (optional, attached with {@link CustomerHistories#withMonetaryValue}):
 *       {@code monetary_value}, {@code monetary}, {@code zbar}.
 * </ul>
 *
 * <p>Blank lines are skipped. Fields are plain numbers (no quoting). A bad header or cell throws
 * {@link org.clvkit.core.ClvArgumentException} naming the line, the column and the text; the rules
 * of {@link CustomerHistories} then name the row of any invalid history.
 */
public final class HistoryFiles {
  private static final List<List<String>> NAMES =
      List.of(
          List.of("frequency", "x"),
          List.of("recency", "t_x"),
          List.of("age", "t", "periods", "n"),
          List.of("weights", "weight", "count"),
          List.of("monetary_value", "monetary", "zbar"));

  private HistoryFiles() {}

  /**
   * Reads a UTF-8 file; see the class comment.
   *
   * @param file the file
   * @throws IOException when the file cannot be read
   */
  public static CustomerHistories read(Path file) throws IOException {
    Checks.notNull("file", file);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in);
    }
  }

  /**
   * Reads histories from text; see the class comment.
   *
   * @param text a reader positioned at the header line; not closed
   * @throws IOException when the reader fails
   */
  public static CustomerHistories read(Reader text) throws IOException {
    Checks.notNull("text", text);
    BufferedReader in = text instanceof BufferedReader b ? b : new BufferedReader(text);
    String header = in.readLine();
    if (header == null || header.isBlank()) {
      throw Checks.fail("line 1: a header line is required, the text is empty");
    }
    String[] names = header.split(",", -1);
    int[] column = new int[NAMES.size()];
    Arrays.fill(column, -1);
    for (int c = 0; c < names.length; c++) {
      String name = names[c].strip().toLowerCase(Locale.ROOT);
      for (int k = 0; k < NAMES.size(); k++) {
        if (NAMES.get(k).contains(name)) {
          if (column[k] >= 0) {
            throw Checks.fail(
                "line 1: columns %s and %s both give the %s",
                names[column[k]].strip(), names[c].strip(), NAMES.get(k).get(0));
          }
          column[k] = c;
        }
      }
    }
    for (int k = 0; k < 3; k++) {
      if (column[k] < 0) {
        throw Checks.fail(
            "line 1: a %s column is required (one of %s), the header is %s",
            NAMES.get(k).get(0), NAMES.get(k), header.strip());
      }
    }
    double[][] columns = new double[NAMES.size()][64];
    int rows = 0;
    int lineNumber = 1;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != names.length) {
        throw Checks.fail(
            "line %d: %d fields, the header has %d", lineNumber, cells.length, names.length);
      }
      if (rows == columns[0].length) {
        for (int k = 0; k < columns.length; k++) {
          columns[k] = Arrays.copyOf(columns[k], rows * 2);
        }
      }
      for (int k = 0; k < NAMES.size(); k++) {
        if (column[k] >= 0) {
          columns[k][rows] = number(cells[column[k]], names[column[k]].strip(), lineNumber);
        }
      }
      rows++;
    }
    if (rows == 0) {
      throw Checks.fail("the text has a header but no rows");
    }
    double[] frequency = Arrays.copyOf(columns[0], rows);
    double[] recency = Arrays.copyOf(columns[1], rows);
    double[] age = Arrays.copyOf(columns[2], rows);
    CustomerHistories histories =
        column[3] < 0
            ? CustomerHistories.of(frequency, recency, age)
            : CustomerHistories.of(frequency, recency, age, Arrays.copyOf(columns[3], rows));
    return column[4] < 0 ? histories : histories.withMonetaryValue(Arrays.copyOf(columns[4], rows));
  }

  private static double number(String cell, String name, int line) {
    String text = cell.strip();
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)
          && text.chars().allMatch(ch -> "0123456789+-.eE".indexOf(ch) >= 0)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Checks.fail("line %d: %s = \"%s\" is not a finite number", line, name, text);
  }
}
