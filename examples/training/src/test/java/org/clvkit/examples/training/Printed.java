package org.clvkit.examples.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clvkit.testing.Tolerance;

/** Reads back what the walkthrough printed: sections, tables and numbers. */
final class Printed {
  private Printed() {}

  /** The lines of section {@code n}, from its heading "n. ..." to the next heading or the end. */
  static List<String> section(String text, int n) {
    List<String> lines = text.lines().toList();
    int start = -1;
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(n + ". ")) {
        start = i;
      } else if (start >= 0 && lines.get(i).startsWith((n + 1) + ". ")) {
        end = i;
        break;
      }
    }
    assertTrue(start >= 0, "no section " + n + " in\n" + text);
    return lines.subList(start, end);
  }

  /**
   * The table in {@code lines} whose header row (the first line after a blank line) has the first
   * cell {@code firstCell}: the header and the rows up to the next blank line, each split into
   * cells on runs of two or more spaces.
   */
  static List<String[]> table(List<String> lines, String firstCell) {
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if ((i == 0 || lines.get(i - 1).isBlank()) && cells(lines.get(i))[0].equals(firstCell)) {
        header = i;
        break;
      }
    }
    assertTrue(header >= 0, "no table starting with '" + firstCell + "' in\n" + lines);
    List<String[]> rows = new ArrayList<>();
    for (int i = header; i < lines.size() && !lines.get(i).isBlank(); i++) {
      rows.add(cells(lines.get(i)));
    }
    return rows;
  }

  /** A table row split into cells on runs of two or more spaces. */
  static String[] cells(String line) {
    return line.strip().split("\\s{2,}");
  }

  /** The data rows of a table (without its header) whose first cell is {@code label}. */
  static String[] row(List<String[]> table, String label) {
    return table.stream()
        .skip(1)
        .filter(r -> r[0].equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row '" + label + "' in " + show(table)));
  }

  /** A printed number: {@code 1,234.56}, {@code -7.00}, or a percentage {@code 12 %} as 0.12. */
  static double number(String cell) {
    String s = cell.replace(",", "").strip();
    if (s.endsWith("%")) {
      return Double.parseDouble(s.substring(0, s.length() - 1).strip()) / 100;
    }
    return Double.parseDouble(s);
  }

  /** The groups of the first match of {@code regex} in {@code lines} joined by newlines. */
  static String[] find(List<String> lines, String regex) {
    Matcher m = Pattern.compile(regex).matcher(String.join("\n", lines));
    assertTrue(m.find(), "no match of " + regex + " in\n" + String.join("\n", lines));
    String[] groups = new String[m.groupCount()];
    for (int g = 1; g <= m.groupCount(); g++) {
      groups[g - 1] = m.group(g);
    }
    return groups;
  }

  /**
   * The tolerance of a number printed with {@code decimals} decimals: half a unit in the last
   * printed place, plus 1e-9 for binary values that sit on a rounding boundary.
   */
  static Tolerance printed(int decimals) {
    return Tolerance.absolute(0.5 * Math.pow(10, -decimals) + 1e-9);
  }

  private static String show(List<String[]> table) {
    StringBuilder s = new StringBuilder();
    for (String[] r : table) {
      s.append(Arrays.toString(r)).append('\n');
    }
    return s.toString();
  }
}
