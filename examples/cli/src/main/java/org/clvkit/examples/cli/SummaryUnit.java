package org.clvkit.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The time unit of a summary written by {@code clv summarize}, read back from it: on the first rows
 * with a positive recency, the days from {@code first_purchase} to {@code last_purchase} divided by
 * {@code recency} is the length of a period in days (7 for weeks). So {@code fit} records the unit
 * the summary was made in, whatever {@code --time-unit} says.
 */
final class SummaryUnit {
  private SummaryUnit() {}

  /**
   * The unit of the summary, or null when it has no {@code first_purchase}, {@code last_purchase}
   * and {@code recency} columns or no repeat customer in its first 10,000 rows.
   */
  static TimeUnit infer(Path file) {
    InputSource source = InputSource.file(file);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(source.open(null), StandardCharsets.UTF_8))) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        return null;
      }
      List<String> header = Arrays.asList(headerLine.split(",", -1));
      int recency = header.indexOf("recency");
      int first = header.indexOf("first_purchase");
      int last = header.indexOf("last_purchase");
      if (recency < 0 || first < 0 || last < 0) {
        return null;
      }
      String line;
      for (int n = 0; n < 10_000 && (line = in.readLine()) != null; n++) {
        if (line.indexOf('"') >= 0) {
          continue; // a quoted id: not worth parsing here
        }
        String[] f = line.split(",", -1);
        if (f.length <= Math.max(recency, Math.max(first, last))) {
          continue;
        }
        double r;
        try {
          r = Double.parseDouble(f[recency]);
        } catch (NumberFormatException e) {
          continue;
        }
        if (!(r > 0)) {
          continue;
        }
        LocalDateTime a = time(f[first]);
        LocalDateTime b = time(f[last]);
        if (a == null || b == null) {
          continue;
        }
        double days = ChronoUnit.SECONDS.between(a, b) / 86_400.0;
        long period = Math.round(days / r);
        if (period >= 1 && Math.abs(days / r - period) < 1e-6 * period) {
          return TimeUnit.parse(period + "d");
        }
        return null;
      }
    } catch (IOException | RuntimeException e) {
      return null; // the reading of the summary reports what is wrong with it
    }
    return null;
  }

  private static LocalDateTime time(String text) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The unit to record: {@code --time-unit} when given (it must agree with the summary's), else the
   * summary's, else weeks.
   */
  static TimeUnit choose(String option, Path summary) {
    TimeUnit inferred = infer(summary);
    if (option == null) {
      return inferred != null ? inferred : TimeUnit.WEEKS;
    }
    TimeUnit given = TimeUnit.parse(option);
    if (inferred != null && !inferred.equals(given)) {
      throw CliException.usage(
          String.format(
              Locale.ROOT,
              "--time-unit %s does not match the summary %s, whose recency is in %s (first to"
                  + " last purchase over recency); leave --time-unit out",
              option,
              summary,
              inferred.plural()));
    }
    return given;
  }
}
