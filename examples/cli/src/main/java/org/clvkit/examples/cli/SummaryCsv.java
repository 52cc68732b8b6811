package org.clvkit.examples.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
        w.write(block(s, 0, s.size(), row.length, holdout, litt, littAt, escapeFormulas));
        rows(out, s.size());
      } else {
        writeParallel(
            s, out, threads, blockRows, row.length, holdout, litt, littAt, escapeFormulas);
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
      int columns,
      boolean holdout,
      boolean litt,
      int littAt,
      boolean escapeFormulas)
      throws IOException {
    ExecutorService pool = Workers.pool("summary-writer", threads);
    try {
      int n = s.size();
      int blocks = (n + blockRows - 1) / blockRows;
      ArrayDeque<Future<Object>> ahead = new ArrayDeque<>();
      int submitted = 0;
      Writer w = out.writer();
      // A file takes the blocks' bytes (UTF-8, as its writer would encode them, encoded by the
      // formatting threads), after the header; standard output their text.
      java.io.OutputStream bytes = null;
      if (out.target() != null) {
        w.flush();
        bytes = out.stream();
      }
      boolean encode = bytes != null;
      for (int b = 0; b < blocks; b++) {
        while (submitted < blocks && submitted < b + 3 * threads) {
          int from = submitted * blockRows;
          int to = Math.min(n, from + blockRows);
          ahead.add(
              pool.submit(
                  () ->
                      encode
                          ? blockBytes(s, from, to, columns, holdout, litt, littAt, escapeFormulas)
                          : block(s, from, to, columns, holdout, litt, littAt, escapeFormulas)));
          submitted++;
        }
        Object text;
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
          ((NumberText.Bytes) text).writeTo(bytes);
        } else {
          w.write((String) text);
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

  /** The CSV text of rows {@code [from, to)}. */
  private static String block(
      CustomerSummaries s,
      int from,
      int to,
      int columns,
      boolean holdout,
      boolean litt,
      int littAt,
      boolean escapeFormulas)
      throws IOException {
    StringBuilder text = new StringBuilder(Math.max(16, (to - from) * 96));
    StringWriter quoted = null;
    CsvWriter csv = null;
    NumberText numbers = NUMBER_TEXT.get();
    String[] row = new String[columns];
    for (int i = from; i < to; i++) {
      row[0] = CsvOutputOptions.cell(s.customerId(i), escapeFormulas);
      long x = (long) s.frequency(i);
      row[1] = numbers.of(x);
      row[2] = numbers.of(s.recency(i));
      row[3] = numbers.of(s.age(i));
      row[4] = numbers.of(s.monetaryValue(i));
      row[5] = numbers.of(s.totalSpend(i));
      row[6] = numbers.of(x + 1);
      row[7] = numbers.time(s.firstPurchaseEpochSecond(i));
      row[8] = numbers.time(s.lastPurchaseEpochSecond(i));
      if (holdout) {
        row[9] = numbers.of((long) s.holdoutPurchases(i));
        row[10] = numbers.of(s.holdoutSpend(i));
      }
      if (litt) {
        row[littAt] = numbers.of(s.litt(i));
      }
      if (plainCell(row[0])) {
        // Numbers and dates never need quotes; nor does this id: the row as FastCSV writes it.
        text.append(row[0]);
        for (int c = 1; c < columns; c++) {
          text.append(',').append(row[c]);
        }
        text.append('\n');
      } else {
        if (csv == null) {
          quoted = new StringWriter();
          csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(quoted);
        }
        csv.writeRecord(row);
        csv.flush();
        text.append(quoted.getBuffer());
        quoted.getBuffer().setLength(0);
      }
    }
    return text.toString();
  }

  /**
   * The UTF-8 bytes of {@link #block}'s text, made without strings: a row whose id is plain ASCII
   * (see {@link #plainCell}) from the numbers' bytes ({@link NumberText#append}), any other row by
   * {@link #block}.
   */
  private static NumberText.Bytes blockBytes(
      CustomerSummaries s,
      int from,
      int to,
      int columns,
      boolean holdout,
      boolean litt,
      int littAt,
      boolean escapeFormulas)
      throws IOException {
    NumberText numbers = NUMBER_TEXT.get();
    NumberText.Bytes out = new NumberText.Bytes((to - from) * 112);
    for (int i = from; i < to; i++) {
      String id = CsvOutputOptions.cell(s.customerId(i), escapeFormulas);
      if (!plainAsciiCell(id)) {
        out.put(
            block(s, i, i + 1, columns, holdout, litt, littAt, escapeFormulas)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        continue;
      }
      out.putAscii(id);
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

  /** {@link #plainCell} and ASCII (its UTF-8 bytes are its chars). */
  private static boolean plainAsciiCell(String cell) {
    if (cell.isEmpty() || cell.charAt(0) == '#') {
      return false;
    }
    for (int k = 0; k < cell.length(); k++) {
      char c = cell.charAt(k);
      if (c >= 128 || c == '"' || c == ',' || c == '\n' || c == '\r') {
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
