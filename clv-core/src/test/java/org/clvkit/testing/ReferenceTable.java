package org.clvkit.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference table from {@code src/test/resources/reference/}: a CSV file whose leading {@code #}
 * lines carry metadata as {@code # key: value} (at least {@code source}), followed by a header row
 * and data rows. Cells are read as text; {@link #number(int, String)} parses one as a double.
 */
public final class ReferenceTable {
  private final String name;
  private final Map<String, String> metadata;
  private final List<String> columns;
  private final List<String[]> rows;

  private ReferenceTable(
      String name, Map<String, String> metadata, List<String> columns, List<String[]> rows) {
    this.name = name;
    this.metadata = metadata;
    this.columns = columns;
    this.rows = rows;
  }

  /** Loads {@code /reference/<file>} from the test class path; fails if it names no source. */
  public static ReferenceTable load(String file) {
    String resource = "/reference/" + file;
    try (InputStream in = ReferenceTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing reference table " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> metadata = new LinkedHashMap<>();
      List<String> columns = null;
      List<String[]> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith("#")) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            String key = line.substring(1, colon).trim();
            String value = line.substring(colon + 1).trim();
            metadata.merge(key, value, (a, b) -> a + " " + b);
          }
          continue;
        }
        String[] cells =
            Arrays.stream(line.split(",", -1)).map(String::trim).toArray(String[]::new);
        if (columns == null) {
          columns = List.of(cells);
        } else {
          if (cells.length != columns.size()) {
            throw new IllegalStateException(
                resource + ": row has " + cells.length + " cells: " + line);
          }
          rows.add(cells);
        }
      }
      if (!metadata.containsKey("source")) {
        throw new IllegalStateException(resource + " names no '# source:'");
      }
      if (columns == null) {
        throw new IllegalStateException(resource + " has no header row");
      }
      return new ReferenceTable(resource, metadata, columns, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metadata value for {@code key}, or fails when absent. */
  public String meta(String key) {
    String value = metadata.get(key);
    if (value == null) {
      throw new IllegalStateException(name + " has no '# " + key + ":'");
    }
    return value;
  }

  /**
   * The table's own tolerance, from its {@code # tolerance:} line, so that it is stated in one
   * place: the line starts with {@code absolute X} or {@code relative X}, optionally followed by
   * {@code or absolute Y} / {@code or relative Y}; the rest of the line is commentary.
   */
  public Tolerance tolerance() {
    String text = meta("tolerance");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "^(absolute|relative) ([0-9.eE+-]+)(?: or (absolute|relative) ([0-9.eE+-]+))?")
            .matcher(text.strip());
    if (!m.find()) {
      throw new IllegalStateException(
          name + ": the tolerance line must start with 'absolute X' or 'relative X': " + text);
    }
    Tolerance first = tolerance(m.group(1), m.group(2));
    return m.group(3) == null ? first : first.or(tolerance(m.group(3), m.group(4)));
  }

  private static Tolerance tolerance(String kind, String value) {
    double v = Double.parseDouble(value);
    return kind.equals("absolute") ? Tolerance.absolute(v) : Tolerance.relative(v);
  }

  /** Number of data rows. */
  public int size() {
    return rows.size();
  }

  /** The text of a cell. */
  public String text(int row, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalStateException(name + " has no column " + column + "; has " + columns);
    }
    return rows.get(row)[index];
  }

  /** A cell parsed as a double. */
  public double number(int row, String column) {
    return Double.parseDouble(text(row, column));
  }

  /** The first row whose {@code keyColumn} equals {@code key}, as its index. */
  public int find(String keyColumn, String key) {
    for (int i = 0; i < rows.size(); i++) {
      if (text(i, keyColumn).equals(key)) {
        return i;
      }
    }
    throw new IllegalStateException(name + " has no row with " + keyColumn + " = " + key);
  }
}
