package org.clvkit.examples.quickstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' own reading of the bundled CDNOW sample, independent of clv-core's data package: each
 * customer's purchase days with the day's total spend (same-day purchases merged, as the literature
 * does), customers in id order.
 */
final class CdnowLog {
  private CdnowLog() {}

  /** Customer id to (date to that day's spend), both sorted. */
  static Map<String, TreeMap<LocalDate, Double>> purchaseDays() {
    Map<String, TreeMap<LocalDate, Double>> days = new TreeMap<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                CdnowLog.class.getResourceAsStream("/cdnow/CDNOW_sample.txt"),
                StandardCharsets.US_ASCII))) {
      reader
          .lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty())
          .map(line -> line.split("\\s+"))
          .forEach(
              c ->
                  days.computeIfAbsent(c[1], k -> new TreeMap<>())
                      .merge(
                          LocalDate.of(
                              Integer.parseInt(c[2].substring(0, 4)),
                              Integer.parseInt(c[2].substring(4, 6)),
                              Integer.parseInt(c[2].substring(6, 8))),
                          Double.parseDouble(c[4]),
                          Double::sum));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return days;
  }
}
