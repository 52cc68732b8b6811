package org.clvkit.examples.cli;

import java.util.List;
import java.util.Locale;

/**
 * A column given on the command line, by its name in the header or by its position (from 1): {@code
 * --date order_date} or {@code --date 3}. A value of digits only is a position.
 *
 * @param option the option that named the column, for messages ({@code --date})
 * @param name the header name, or null when given by position
 * @param position the position from 1, or 0 when given by name
 */
record ColumnSpec(String option, String name, int position) {

  /** Reads an option value: digits are a position (&gt;= 1), anything else a name. */
  static ColumnSpec parse(String option, String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw CliException.usage(option + " must name a column or give its position, was empty");
    }
    if (t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int position;
      try {
        position = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        position = 0;
      }
      if (position < 1) {
        throw CliException.usage(
            option + " must be a column position >= 1 or a column name, was " + t);
      }
      return new ColumnSpec(option, null, position);
    }
    return new ColumnSpec(option, t, 0);
  }

  boolean byName() {
    return name != null;
  }

  /**
   * The 0-based index of this column in a header: an exact match of the name first, then one
   * ignoring case and surrounding spaces; a position must be within the header.
   *
   * @param header the header's fields
   * @param file the file's name, for messages
   * @param line the header's line number
   * @param hint a sentence to append when the header looks like a wrong delimiter, or ""
   */
  int resolve(List<String> header, String file, long line, String hint) {
    if (!byName()) {
      if (position > header.size()) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s: %s column %d must be at most the number of columns of the header (line %d),"
                    + " %d%s",
                file,
                option,
                position,
                line,
                header.size(),
                hint));
      }
      return position - 1;
    }
    int found = header.indexOf(name);
    if (found >= 0) {
      return found;
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equalsIgnoreCase(name)) {
        return i;
      }
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < header.size(); i++) {
      names.append(i == 0 ? "" : ", ").append('"').append(header.get(i)).append('"');
    }
    throw CliException.data(
        String.format(
            Locale.ROOT,
            "%s: %s \"%s\" must name a column of the header (line %d), which has %s%s",
            file,
            option,
            name,
            line,
            names,
            hint));
  }

  /** The position from 1, for a file without header. */
  int index() {
    return position - 1;
  }

  @Override
  public String toString() {
    return byName() ? "\"" + name + "\"" : Integer.toString(position);
  }
}
