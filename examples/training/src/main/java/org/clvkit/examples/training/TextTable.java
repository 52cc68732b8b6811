package org.clvkit.examples.training;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the walkthrough: a header row and data rows of preformatted cells, the
 * first column left-aligned and the others right-aligned, columns separated by at least two spaces
 * (so that a reader, or a test, can split a row on runs of two or more spaces; cells never contain
 * two spaces in a row). Not thread-safe; build it, render it, drop it.
 */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  private TextTable(String[] header) {
    this.columns = header.length;
    rows.add(header);
  }

  /** A table with the given column headers. */
  static TextTable of(String... header) {
    return new TextTable(check(header.clone()));
  }

  /** Adds a row; it must have one cell per column. */
  TextTable row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells but the table has " + columns + " columns");
    }
    rows.add(check(cells.clone()));
    return this;
  }

  /** The table, every line starting with {@code indent} and ending with {@code \n}. */
  String render(String indent) {
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < columns; c++) {
        String cell = row[c];
        String pad = " ".repeat(width[c] - cell.length());
        if (c == 0) {
          line.append(cell).append(pad);
        } else {
          line.append("  ").append(pad).append(cell);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String[] check(String[] cells) {
    for (String cell : cells) {
      if (cell.isBlank()
          || !cell.strip().equals(cell)
          || cell.contains("  ")
          || cell.contains("\n")) {
        throw new IllegalArgumentException("bad table cell \"" + cell + "\"");
      }
    }
    return cells;
  }
}
