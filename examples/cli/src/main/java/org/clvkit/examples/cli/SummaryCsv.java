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
 * last_purchase} and, with a holdout, {@code holdout_purchases, holdout_spend}. Frequency is x
 * (repeat purchases), recency t_x (first to last purchase) and age T (first purchase to the
 * calibration end), in the time unit; numbers in the shortest form that reads back exactly.
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
    double[] frequency = s.frequency();
    double[] recency = s.recency();
    double[] age = s.age();
    double[] monetary = s.monetaryValue();
    double[] total = s.totalSpend();
    double[] holdoutPurchases = holdout ? s.holdoutPurchases() : null;
    double[] holdoutSpend = holdout ? s.holdoutSpend() : null;
    Path file = out.target();
    try {
      CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out.writer());
      String[] row = new String[COLUMNS.length + (holdout ? 2 : 0)];
      System.arraycopy(COLUMNS, 0, row, 0, COLUMNS.length);
      if (holdout) {
        row[COLUMNS.length] = "holdout_purchases";
        row[COLUMNS.length + 1] = "holdout_spend";
      }
      csv.writeRecord(row);
      for (int i = 0; i < s.size(); i++) {
        row[0] = CsvOutputOptions.cell(s.customerId(i), escapeFormulas);
        row[1] = Long.toString((long) frequency[i]);
        row[2] = Double.toString(recency[i]);
        row[3] = Double.toString(age[i]);
        row[4] = Double.toString(monetary[i]);
        row[5] = Double.toString(total[i]);
        row[6] = Long.toString((long) frequency[i] + 1);
        row[7] = time(s.firstPurchase(i));
        row[8] = time(s.lastPurchase(i));
        if (holdout) {
          row[9] = Long.toString((long) holdoutPurchases[i]);
          row[10] = Double.toString(holdoutSpend[i]);
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
