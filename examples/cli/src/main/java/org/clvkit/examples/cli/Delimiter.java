package org.clvkit.examples.cli;

import java.util.Locale;

/**
 * How the fields of a line are separated: one character (with RFC 4180 quoting) or runs of spaces
 * and tabs ({@link #WHITESPACE}, as in the CDNOW log).
 *
 * @param character the separator, or 0 for runs of whitespace
 */
record Delimiter(char character) {
  static final Delimiter WHITESPACE = new Delimiter((char) 0);
  static final Delimiter COMMA = new Delimiter(',');
  static final Delimiter TAB = new Delimiter('\t');

  private static final char[] CANDIDATES = {',', ';', '\t', '|'};

  /**
   * Reads an option value: {@code whitespace}, {@code tab} (or {@code \t}), {@code comma}, {@code
   * semicolon}, {@code pipe}, or one character other than a quote or a line break.
   */
  static Delimiter parse(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "whitespace":
      case "space":
      case "spaces":
        return WHITESPACE;
      case "tab":
      case "\\t":
      case "\t":
        return TAB;
      case "comma":
        return COMMA;
      case "semicolon":
        return new Delimiter(';');
      case "pipe":
        return new Delimiter('|');
      default:
        break;
    }
    if (text.length() != 1 || "\"\r\n".indexOf(text.charAt(0)) >= 0) {
      throw CliException.usage(
          "--delimiter must be one character (not a quote or line break), tab or whitespace, was \""
              + text
              + "\"");
    }
    if (text.charAt(0) == ' ') {
      return WHITESPACE;
    }
    return new Delimiter(text.charAt(0));
  }

  /** The default for a file name: tab for {@code .tsv} and {@code .tab}, otherwise comma. */
  static Delimiter forFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    return n.endsWith(".tsv") || n.endsWith(".tab") ? TAB : COMMA;
  }

  boolean isWhitespace() {
    return character == 0;
  }

  /** The value to give {@code --delimiter} for this delimiter. */
  String optionValue() {
    if (character == 0) {
      return "whitespace";
    }
    if (character == '\t') {
      return "tab";
    }
    return "'" + character + "'";
  }

  /**
   * When a line was read as one field, a hint naming a delimiter that the line does contain: {@code
   * " (one field with delimiter ','; the line contains ';': try --delimiter=';')"}; otherwise "".
   */
  String hint(String line, int fieldsWanted) {
    for (char c : CANDIDATES) {
      if (c != character && line.indexOf(c) >= 0) {
        Delimiter other = new Delimiter(c);
        return String.format(
            Locale.ROOT,
            " (one field with delimiter %s; the line contains %s: try --delimiter=%s)",
            optionValue(),
            c == '\t' ? "tabs" : "'" + c + "'",
            other.optionValue());
      }
    }
    if (!isWhitespace() && line.strip().split("[ \t]+").length >= fieldsWanted) {
      return String.format(
          Locale.ROOT,
          " (one field with delimiter %s; the line has fields separated by spaces: try"
              + " --delimiter=whitespace)",
          optionValue());
    }
    return "";
  }

  @Override
  public String toString() {
    return optionValue();
  }
}
