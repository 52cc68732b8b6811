package org.clvkit.examples.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clvkit.core.data.TimeScale;

/**
 * The period of summaries and models, from {@code --time-unit}: {@code weeks} (the CDNOW
 * literature's), {@code days}, or a number of days such as {@code 30d} or {@code 30days} (there are
 * no calendar months: a "month" is whatever number of days you name).
 *
 * @param scale the period
 * @param name the period's name for model files and the report: {@code week}, {@code day}, {@code
 *     30 days}
 */
record TimeUnit(TimeScale scale, String name) {
  static final TimeUnit WEEKS = new TimeUnit(TimeScale.WEEKS, "week");
  static final TimeUnit DAYS = new TimeUnit(TimeScale.DAYS, "day");

  private static final Pattern N_DAYS = Pattern.compile("(\\d{1,5})\\s*(d|day|days)");

  static TimeUnit parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "week":
      case "weeks":
      case "w":
        return WEEKS;
      case "day":
      case "days":
      case "d":
        return DAYS;
      default:
        break;
    }
    Matcher m = N_DAYS.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      if (n >= 1) {
        return n == 1
            ? DAYS
            : n == 7 ? WEEKS : new TimeUnit(TimeScale.of(Duration.ofDays(n)), n + " days");
      }
    }
    throw CliException.usage(
        "--time-unit must be weeks, days or a number of days such as 30d, was \"" + text + "\"");
  }

  /** The plural for sentences: "weeks", "days", "periods of 30 days". */
  String plural() {
    if (this.equals(WEEKS)) {
      return "weeks";
    }
    if (this.equals(DAYS)) {
      return "days";
    }
    return "periods of " + name;
  }
}
