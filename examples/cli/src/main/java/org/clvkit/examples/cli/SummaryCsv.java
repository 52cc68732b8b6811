package org.clvkit.examples.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.clvkit.core.data.CustomerSummaries;

/**
 * Writes customer summaries as CSV, one row per customer with a calibration purchase: {@code
 * customer_id, frequency, recency, age, monetary_value, total_spend, purchases, first_purchase,
 * last_purchase}, with a holdout {@code holdout_purchases, holdout_spend}, and last, when same-day
 * purchases are merged, {@code litt}. Frequency is x (repeat purchases), recency t_x (first to last
 * purchase), age T (first purchase to the calibration end) and litt the sum of the logs of the
 * inter-purchase times (BTYDplus's {@code litt}, 0 when x = 0), in the time unit; numbers in the
 * shortest form that reads back exactly.
 */
final class SummaryCsv {
  static final String[] COLUMNS = {
    "customer_id",
    "frequency",
    "recency",
    "age",
    "monetary_value",
    "total_spend",
    "purchases",
    "first_purchase",
    "last_purchase"
  };

  private SummaryCsv() {}

  /** Writes the summaries into {@code out}, complete but not committed. */
  static void write(CustomerSummaries s, AtomicOutput out, boolean escapeFormulas) {
    boolean holdout = s.hasHoldout();
    boolean litt = s.hasLitt();
    Path file = out.target();
    try {
      CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out.writer());
      int littAt = COLUMNS.length + (holdout ? 2 : 0);
      String[] row = new String[littAt + (litt ? 1 : 0)];
      System.arraycopy(COLUMNS, 0, row, 0, COLUMNS.length);
      if (holdout) {
        row[COLUMNS.length] = "holdout_purchases";
        row[COLUMNS.length + 1] = "holdout_spend";
      }
      if (litt) {
        row[littAt] = "litt";
      }
      csv.writeRecord(row);
      NumberText text = new NumberText();
      for (int i = 0; i < s.size(); i++) {
        row[0] = CsvOutputOptions.cell(s.customerId(i), escapeFormulas);
        long x = (long) s.frequency(i);
        row[1] = text.of(x);
        row[2] = text.of(s.recency(i));
        row[3] = text.of(s.age(i));
        row[4] = text.of(s.monetaryValue(i));
        row[5] = text.of(s.totalSpend(i));
        row[6] = text.of(x + 1);
        row[7] = text.time(s.firstPurchase(i));
        row[8] = text.time(s.lastPurchase(i));
        if (holdout) {
          row[9] = text.of((long) s.holdoutPurchases(i));
          row[10] = text.of(s.holdoutSpend(i));
        }
        if (litt) {
          row[littAt] = text.of(s.litt(i));
        }
        csv.writeRecord(row);
        out.row();
      }
      csv.flush();
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(
          ExitCodes.IO, (file == null ? "stdout" : file) + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** A date when the time is midnight (merged same-day purchases), else an ISO date-time. */
  static String time(LocalDateTime t) {
    return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
  }
}
