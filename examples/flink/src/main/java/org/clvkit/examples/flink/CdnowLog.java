package org.clvkit.examples.flink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.core.ClvArgumentException;

/**
 * Reads a transaction log in the layout of the CDNOW sample (whitespace-separated: master id,
 * customer id, date {@code yyyyMMdd}, number of items, amount) into purchase events, one per line,
 * and orders them for replay as a stream.
 *
 * <p>A log file is not a stream: the CDNOW sample is sorted by customer, so read in file order its
 * event times jump back by up to 18 months at every new customer and almost every event would be
 * late. {@link #inEventTimeOrder(List)} replays it the way a live feed would deliver it.
 */
public final class CdnowLog {
  /** The class-path location of the bundled CDNOW sample. */
  public static final String BUNDLED = "/cdnow/CDNOW_sample.txt";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  private CdnowLog() {}

  /** The bundled CDNOW sample (6,919 purchases by 2,357 customers, 1997-01-01 to 1998-06-30). */
  public static List<Purchase> bundled() {
    try (InputStream in = CdnowLog.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + BUNDLED);
      }
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a log file.
   *
   * @param file a log in the CDNOW layout, US-ASCII
   * @return the purchases in file order
   * @throws IOException when the file cannot be read
   */
  public static List<Purchase> read(Path file) throws IOException {
    Checks.notNull("file", file);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      return read(reader);
    }
  }

  /**
   * Reads a log; blank lines are skipped.
   *
   * @param reader the log in the CDNOW layout
   * @return the purchases in input order, one per non-blank line
   * @throws IOException when reading fails
   * @throws ClvArgumentException for the first bad line, naming the line (counted from 1), the
   *     field, its column and the value, for example {@code amount (line 7, column 5) must be a
   *     number, was "x"}
   */
  public static List<Purchase> read(BufferedReader reader) throws IOException {
    Checks.notNull("reader", reader);
    List<Purchase> purchases = new ArrayList<>();
    String line;
    long number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 5) {
        throw Checks.malformed("line " + number, line, "a row of at least 5 fields");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(fields[2], DATE);
      } catch (DateTimeException e) {
        ClvArgumentException error =
            Checks.malformed(field("time", number, 3), fields[2], "a date of pattern yyyyMMdd");
        error.initCause(e);
        throw error;
      }
      double amount;
      try {
        amount = Double.parseDouble(fields[4]);
      } catch (NumberFormatException e) {
        ClvArgumentException error =
            Checks.malformed(field("amount", number, 5), fields[4], "a number");
        error.initCause(e);
        throw error;
      }
      Checks.nonNegative(field("amount", number, 5), amount);
      purchases.add(Purchase.of(fields[1], date, amount));
    }
    return purchases;
  }

  /**
   * The purchases sorted by event time, ties in their given order: the order of a live feed.
   *
   * @param purchases events in any order
   * @return a new list
   */
  public static List<Purchase> inEventTimeOrder(List<Purchase> purchases) {
    Checks.notNull("purchases", purchases);
    List<Purchase> sorted = new ArrayList<>(purchases);
    sorted.sort(Comparator.comparingLong(Purchase::epochMilli));
    return sorted;
  }

  private static String field(String name, long line, int column) {
    return name + " (line " + line + ", column " + column + ")";
  }
}
