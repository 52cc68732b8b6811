package org.clvkit.examples.cli;

import java.util.Locale;
import org.clvkit.core.ClvArgumentException;

/**
 * Reads amounts: a decimal number with an optional sign, a decimal mark ({@code --decimal}, '.' by
 * default) and an optional grouping mark ({@code --grouping}, none by default) between groups of
 * three digits ({@code 1,234.50} with {@code --grouping ,}; {@code 1.234,50} with {@code --decimal
 * , --grouping .}); with the default '.' decimal mark also an exponent ({@code 1e3}). {@code NaN}
 * and {@code Infinity} are read so that the summary rejects them as not finite. Currency signs are
 * not numbers. Values are correctly rounded (the same double as {@link Double#parseDouble}).
 */
final class AmountParser {
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private final char decimal;
  private final char grouping;

  AmountParser(char decimal, char grouping) {
    if (decimal == grouping) {
      throw CliException.usage("--decimal and --grouping must differ, were both '" + decimal + "'");
    }
    this.decimal = decimal;
    this.grouping = grouping;
  }

  /** Parses {@code --decimal} and {@code --grouping} (null: '.' and none). */
  static AmountParser of(String decimal, String grouping) {
    char d = '.';
    if (decimal != null) {
      if (!decimal.equals(".") && !decimal.equals(",")) {
        throw CliException.usage("--decimal must be '.' or ',', was \"" + decimal + "\"");
      }
      d = decimal.charAt(0);
    }
    char g = 0;
    if (grouping != null) {
      switch (grouping) {
        case ",", ".", "'", "_" -> g = grouping.charAt(0);
        case "space", " " -> g = ' ';
        case "none", "" -> g = 0;
        default ->
            throw CliException.usage(
                "--grouping must be ',', '.', \"'\", '_', space or none, was \"" + grouping + "\"");
      }
    }
    return new AmountParser(d, g);
  }

  /**
   * The amount in {@code text}.
   *
   * @throws ClvArgumentException naming the line, the column and the text
   */
  double parse(String text, long line, int column) {
    double fast = fast(text);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    String plain = normalise(text);
    if (plain != null) {
      try {
        return Double.parseDouble(plain);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new ClvArgumentException(
        String.format(
            Locale.ROOT,
            "amount (line %d, column %d) must be a number%s, was \"%s\"",
            line,
            column,
            hint(text),
            text));
  }

  private String hint(String text) {
    if (decimal == '.' && grouping == 0) {
      if (text.indexOf(',') < 0) {
        return "";
      }
      return " (for 1,234.50 give --grouping ','; for 1.234,50 give --decimal ',' --grouping '.')";
    }
    return String.format(
        " with decimal mark '%c'%s",
        decimal,
        grouping == 0 ? "" : " and groups of three digits separated by '" + grouping + "'");
  }

  /**
   * Plain digits with at most one decimal mark and at most 15 significant digits: exact by one
   * division of two exactly represented numbers; NaN when the text is not of that form.
   */
  private double fast(String text) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    if (i >= n) {
      return Double.NaN;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits >= 15) {
          return Double.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) {
          digits++;
        }
        if (fraction >= 0 && ++fraction >= POWERS.length) {
          return Double.NaN;
        }
      } else if (c == decimal && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (fraction == 0 && n == (negative || text.charAt(0) == '+' ? 2 : 1)) {
      return Double.NaN; // only a mark
    }
    double value = fraction > 0 ? mantissa / POWERS[fraction] : mantissa;
    return negative ? -value : value;
  }

  /**
   * The amount in the ASCII bytes {@code b[from, to)} when they are plain digits with at most one
   * decimal mark and at most 15 significant digits (as {@link #fast(String)}, without making a
   * string); NaN otherwise (the caller then parses the field's text, which reports errors).
   */
  double fast(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    boolean signed = false;
    if (to > from && (b[from] == '-' || b[from] == '+')) {
      negative = b[from] == '-';
      signed = true;
      i++;
    }
    if (i >= to) {
      return Double.NaN;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        if (digits >= 15) {
          return Double.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) {
          digits++;
        }
        if (fraction >= 0 && ++fraction >= POWERS.length) {
          return Double.NaN;
        }
      } else if (c == decimal && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (fraction == 0 && to - from == (signed ? 2 : 1)) {
      return Double.NaN; // only a mark
    }
    double value = fraction > 0 ? mantissa / POWERS[fraction] : mantissa;
    return negative ? -value : value;
  }

  /** The text in Java's syntax, or null when it breaks the grouping rule or has other signs. */
  private String normalise(String text) {
    if (text.equals("NaN") || text.endsWith("Infinity")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int digitsInGroup = -1; // -1: no grouping mark seen yet
    int leadDigits = 0;
    boolean inFraction = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
        if (!inFraction) {
          if (digitsInGroup >= 0) {
            digitsInGroup++;
          } else {
            leadDigits++;
          }
        }
      } else if (grouping != 0 && c == grouping && !inFraction) {
        if ((digitsInGroup < 0 && (leadDigits == 0 || leadDigits > 3))
            || (digitsInGroup >= 0 && digitsInGroup != 3)) {
          return null;
        }
        digitsInGroup = 0;
      } else if (c == decimal && !inFraction) {
        if (digitsInGroup >= 0 && digitsInGroup != 3) {
          return null;
        }
        inFraction = true;
        out.append('.');
      } else if ((c == '-' || c == '+') && i == 0) {
        out.append(c);
      } else if (decimal == '.' && (c == 'e' || c == 'E' || c == '-' || c == '+')) {
        out.append(c);
        inFraction = true;
      } else {
        return null;
      }
    }
    if (digitsInGroup >= 0 && !inFraction && digitsInGroup != 3) {
      return null;
    }
    return out.toString();
  }
}
