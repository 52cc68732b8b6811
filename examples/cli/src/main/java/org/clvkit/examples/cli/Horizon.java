package org.clvkit.examples.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A horizon: a number of periods of the model's time unit ({@code 52}, {@code 207.14}) or a
 * duration ({@code 104w}, {@code 104 weeks}, {@code 730d}, {@code 24m} months, {@code 2y}),
 * converted to periods with a year of 365.2425 days (the Gregorian mean) and a month of a twelfth
 * of it.
 */
final class Horizon {
  private static final Pattern DURATION =
      Pattern.compile(
          "([0-9]+(?:\\.[0-9]+)?)\\s*(d|days?|w|weeks?|m|months?|y|years?)",
          Pattern.CASE_INSENSITIVE);

  private Horizon() {}

  /**
   * The horizon in periods of {@code unit}.
   *
   * @throws CliException usage for text that is neither a number &gt;= 0 nor a duration
   */
  static double periods(String option, String text, TimeUnit unit) {
    String t = text.strip();
    try {
      double v = Double.parseDouble(t);
      if (v >= 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // a duration, below
    }
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      char u = Character.toLowerCase(m.group(2).charAt(0));
      double days =
          switch (u) {
            case 'd' -> n;
            case 'w' -> 7 * n;
            case 'm' -> n * 365.2425 / 12;
            default -> n * 365.2425;
          };
      double unitDays = unit.scale().period().getSeconds() / 86_400.0;
      return days / unitDays;
    }
    throw CliException.usage(
        String.format(
            Locale.ROOT,
            "%s must be a number of periods >= 0 (52, 207.14) or a duration (104w, 730d, 24m,"
                + " 2y), was \"%s\"",
            option,
            text));
  }

  /** The horizon for sentences: "52 weeks", "207.14 weeks". */
  static String text(double periods, TimeUnit unit) {
    String number =
        periods == Math.rint(periods)
            ? Long.toString((long) periods)
            : String.format(Locale.ROOT, "%.4f", periods).replaceAll("\\.?0+$", "");
    return number + " " + unit.plural();
  }

  /** The days of a duration with a unit ({@code 39w}, {@code 273d}, {@code 9m}), else null. */
  static Double days(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    double n = Double.parseDouble(m.group(1));
    return switch (Character.toLowerCase(m.group(2).charAt(0))) {
      case 'd' -> n;
      case 'w' -> 7 * n;
      case 'm' -> n * 365.2425 / 12;
      default -> n * 365.2425;
    };
  }
}
