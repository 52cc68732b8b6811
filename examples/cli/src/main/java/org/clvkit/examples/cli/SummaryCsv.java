package org.clvkit.examples.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
    int threads =
        Integer.getInteger(
            "clvkit.writerThreads",
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    int blockRows = Math.max(1, Integer.getInteger("clvkit.writerBlockRows", BLOCK_ROWS));
    write(s, out, escapeFormulas, threads, blockRows);
  }

  /** As {@link #write(CustomerSummaries, AtomicOutput, boolean)} on {@code threads} threads. */
  static void write(
      CustomerSummaries s, AtomicOutput out, boolean escapeFormulas, int threads, int blockRows) {
    long started = System.nanoTime();
    try {
      writeRows(s, out, escapeFormulas, threads, blockRows);
    } finally {
      SummaryRun.phase("write the summary CSV", started);
    }
  }

  private static void writeRows(
      CustomerSummaries s, AtomicOutput out, boolean escapeFormulas, int threads, int blockRows) {
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
      csv.flush();
      if (threads <= 1 || s.size() <= blockRows) {
        Writer w = out.writer();
        w.write(block(s, 0, s.size(), holdout, litt, escapeFormulas).text());
        rows(out, s.size());
      } else {
        writeParallel(s, out, threads, blockRows, holdout, litt, escapeFormulas);
      }
      csv.flush();
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(
          ExitCodes.IO, (file == null ? "stdout" : file) + ": cannot write: " + e.getMessage(), e);
    }
  }

  /**
   * Rows formatted per task when writing in parallel ({@code -Dclvkit.writerBlockRows}; {@code
   * -Dclvkit.writerThreads=1} writes on one thread, for tests).
   */
  static final int BLOCK_ROWS = 1 << 13;

  /**
   * Formats blocks of {@code blockRows} rows on {@code threads} daemon threads, a few blocks ahead,
   * and writes them in order on this thread: the same text as one thread writes.
   */
  private static void writeParallel(
      CustomerSummaries s,
      AtomicOutput out,
      int threads,
      int blockRows,
      boolean holdout,
      boolean litt,
      boolean escapeFormulas)
      throws IOException {
    ExecutorService pool = Workers.pool("summary-writer", threads);
    try {
      int n = s.size();
      int blocks = (n + blockRows - 1) / blockRows;
      ArrayDeque<Future<NumberText.Bytes>> ahead = new ArrayDeque<>();
      int submitted = 0;
      Writer w = out.writer();
      // A file takes the blocks' bytes (UTF-8, as its writer would encode them), after the header;
      // standard output their text.
      java.io.OutputStream bytes = null;
      if (out.target() != null) {
        w.flush();
        bytes = out.stream();
      }
      for (int b = 0; b < blocks; b++) {
        while (submitted < blocks && submitted < b + 3 * threads) {
          int from = submitted * blockRows;
          int to = Math.min(n, from + blockRows);
          ahead.add(pool.submit(() -> block(s, from, to, holdout, litt, escapeFormulas)));
          submitted++;
        }
        NumberText.Bytes text;
        try {
          text = ahead.poll().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error r) {
            throw r;
          }
          throw new IOException(cause);
        }
        if (bytes != null) {
          text.writeTo(bytes);
        } else {
          w.write(text.text());
        }
        rows(out, Math.min(n, (b + 1) * blockRows) - b * blockRows);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void rows(AtomicOutput out, int n) {
    for (int i = 0; i < n; i++) {
      out.row();
    }
  }

  /**
   * The CSV bytes (UTF-8) of rows {@code [from, to)}: the id cell as FastCSV writes it (quoted when
   * it must be: {@link #idCell}), then the numbers and dates, which never need quotes, from {@link
   * NumberText}'s bytes.
   */
  private static NumberText.Bytes block(
      CustomerSummaries s, int from, int to, boolean holdout, boolean litt, boolean escapeFormulas)
      throws IOException {
    NumberText numbers = NUMBER_TEXT.get();
    NumberText.Bytes out = new NumberText.Bytes((to - from) * 112);
    for (int i = from; i < to; i++) {
      String id = CsvOutputOptions.cell(s.customerId(i), escapeFormulas);
      if (plainAsciiCell(id)) {
        out.putAscii(id);
      } else {
        out.put(idCell(id).getBytes(StandardCharsets.UTF_8));
      }
      long x = (long) s.frequency(i);
      out.put((byte) ',');
      numbers.append(out, x);
      out.put((byte) ',');
      numbers.append(out, s.recency(i));
      out.put((byte) ',');
      numbers.append(out, s.age(i));
      out.put((byte) ',');
      numbers.append(out, s.monetaryValue(i));
      out.put((byte) ',');
      numbers.append(out, s.totalSpend(i));
      out.put((byte) ',');
      numbers.append(out, x + 1);
      out.put((byte) ',');
      numbers.appendTime(out, s.firstPurchaseEpochSecond(i));
      out.put((byte) ',');
      numbers.appendTime(out, s.lastPurchaseEpochSecond(i));
      if (holdout) {
        out.put((byte) ',');
        numbers.append(out, (long) s.holdoutPurchases(i));
        out.put((byte) ',');
        numbers.append(out, s.holdoutSpend(i));
      }
      if (litt) {
        out.put((byte) ',');
        numbers.append(out, s.litt(i));
      }
      out.put((byte) '\n');
    }
    return out;
  }

  /**
   * The first cell of a record as FastCSV writes it: {@code id} in quotes when it needs them (a
   * quote, comma or line break in it, or a leading {@code #}), else as it is. Written as the first
   * of two cells, the second empty, so that an empty id is written as in a longer record.
   */
  static String idCell(String id) throws IOException {
    StringWriter text = new StringWriter();
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text);
    csv.writeRecord(id, "");
    csv.flush();
    String record = text.toString();
    return record.substring(0, record.length() - 2); // the empty cell's comma and the LF
  }

  /** {@link #plainCell} and ASCII (its UTF-8 bytes are its chars). */
  private static boolean plainAsciiCell(String cell) {
    if (!plainCell(cell)) {
      return false;
    }
    for (int k = 0; k < cell.length(); k++) {
      if (cell.charAt(k) >= 128) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether FastCSV writes {@code cell}, the first of a record, without quotes: not empty, not
   * starting with its comment character {@code #}, and without a quote, comma, CR or LF.
   */
  static boolean plainCell(String cell) {
    if (cell.isEmpty() || cell.charAt(0) == '#') {
      return false;
    }
    for (int k = 0; k < cell.length(); k++) {
      char c = cell.charAt(k);
      if (c == '"' || c == ',' || c == '\n' || c == '\r') {
        return false;
      }
    }
    return true;
  }

  /** One {@link NumberText} (not thread-safe) per writing thread. */
  private static final ThreadLocal<NumberText> NUMBER_TEXT =
      ThreadLocal.withInitial(NumberText::new);

  /** A date when the time is midnight (merged same-day purchases), else an ISO date-time. */
  static String time(LocalDateTime t) {
    return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
  }
}
