package org.clvkit.examples.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How ids are written into CSV outputs that analysts open in spreadsheets: by default a text cell
 * that a spreadsheet would run as a formula (it begins with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return) gets a leading {@code '}, as OWASP's "CSV Injection"
 * guidance recommends; {@code --csv-formulas=raw} writes ids as they are.
 */
final class CsvOutputOptions {
  @Option(
      names = "--csv-formulas",
      paramLabel = "escape|raw",
      description =
          "Customer ids that a spreadsheet would run as a formula (beginning with = + - @, tab or"
              + " CR): escape (default) writes them with a leading ' (OWASP CSV injection"
              + " guidance), raw writes them unchanged. The rejects file is always verbatim.")
  String csvFormulas;

  /** Whether to escape formula-like cells. */
  boolean escape() {
    if (csvFormulas == null) {
      return true;
    }
    switch (csvFormulas.toLowerCase(Locale.ROOT)) {
      case "escape":
        return true;
      case "raw":
        return false;
      default:
        throw CliException.usage(
            "--csv-formulas must be escape or raw, was \"" + csvFormulas + "\"");
    }
  }

  /** {@code text}, with a leading {@code '} when a spreadsheet would run it and escaping is on. */
  static String cell(String text, boolean escape) {
    if (!escape || text.isEmpty()) {
      return text;
    }
    char c = text.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return "'" + text;
    }
    return text;
  }
}
