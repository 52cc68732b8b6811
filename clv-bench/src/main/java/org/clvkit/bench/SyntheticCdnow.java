package org.clvkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * The benchmarks' customer data: a seeded, deterministic re-creation of {@code synthetic_1m.csv},
 * the file the peers' timings in the performance issue were taken on, of any size.
 *
 * <p><b>Generated</b> ({@link #generate(int, long)}): row i is row {@code i mod 2357} of the CDNOW
 * 39-week calibration summary (Fader, Hardie and Lee 2005; the copy in this module's resources,
 * {@code org/clvkit/bench/cdnow_customers_summary_with_transactions.csv}) with its recency and age
 * multiplied by one factor u ~ Uniform[0.9, 1.1] and rounded to 2 decimals (recency capped at the
 * age after rounding), and its mean repeat spend multiplied by a log-normal factor exp(0.1 Z), Z ~
 * N(0, 1), rounded to the cent (0 for customers without repeat purchases); frequencies are kept. In
 * weeks. This is how {@code shared/README.md} describes the file; the draws differ from the file's
 * (its random numbers are unknown), its distribution does not: 40.1% repeaters, mean frequency 1.04
 * and T from 24.3 to 42.8 weeks in both.
 *
 * <p><b>Loaded</b> ({@link #load(Path, int)}): the first rows of a {@code
 * frequency,recency,T,monetary_value} file such as {@code synthetic_1m.csv} itself. {@link
 * #customers(int)} loads the file named by the system property {@value #PROPERTY} when it is set
 * and generates with {@link #SEED} otherwise, so {@code java -Dclvkit.bench.synthetic=.../
 * synthetic_1m.csv -jar benchmarks.jar ...} times the peers' exact input.
 *
 * <p>Immutable as far as the benchmarks go: the column accessors return the arrays themselves, not
 * copies, so that a benchmark measures the library and not a copy; callers must not modify them.
 */
public final class SyntheticCdnow {
  /** The system property naming a {@code frequency,recency,T,monetary_value} file to load. */
  public static final String PROPERTY = "clvkit.bench.synthetic";

  /** The seed of {@link #customers(int)} when it generates. */
  public static final long SEED = 20_261_124L;

  /** Rows of the CDNOW summary. */
  public static final int CDNOW_CUSTOMERS = 2357;

  private static final String RESOURCE = "cdnow_customers_summary_with_transactions.csv";
  private static final double SPEND_SIGMA = 0.1;

  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] monetaryValue;
  private final String source;

  private SyntheticCdnow(
      double[] frequency, double[] recency, double[] age, double[] monetaryValue, String source) {
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.monetaryValue = monetaryValue;
    this.source = source;
  }

  /**
   * {@code customers} rows: loaded from the file named by {@value #PROPERTY} when that property is
   * set, generated with {@link #SEED} otherwise.
   *
   * @param customers number of rows, &gt; 0
   */
  public static SyntheticCdnow customers(int customers) {
    String file = System.getProperty(PROPERTY);
    if (file != null && !file.isBlank()) {
      return load(Path.of(file), customers);
    }
    return generate(customers, SEED);
  }

  /**
   * Generates {@code customers} rows from the CDNOW summary (see the class comment).
   *
   * @param customers number of rows, &gt; 0
   * @param seed seed of the time and spend factors
   */
  public static SyntheticCdnow generate(int customers, long seed) {
    Checks.positive("customers", customers);
    double[][] cdnow = cdnow();
    double[] x = cdnow[0];
    double[] tx = cdnow[1];
    double[] big = cdnow[2];
    double[] zbar = cdnow[3];
    double[] frequency = new double[customers];
    double[] recency = new double[customers];
    double[] age = new double[customers];
    double[] monetary = new double[customers];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < customers; i++) {
      int k = i % CDNOW_CUSTOMERS;
      double u = 0.9 + 0.2 * random.nextDouble();
      double spendFactor = Math.exp(SPEND_SIGMA * normal(random));
      frequency[i] = x[k];
      age[i] = round2(big[k] * u);
      recency[i] = Math.min(round2(tx[k] * u), age[i]);
      monetary[i] = x[k] == 0 ? 0.0 : round2(zbar[k] * spendFactor);
    }
    String source =
        String.format(
            java.util.Locale.ROOT, "generated from CDNOW (seed %d, %d rows)", seed, customers);
    return new SyntheticCdnow(frequency, recency, age, monetary, source);
  }

  /**
   * The first {@code customers} rows of a CSV file with the header {@code
   * frequency,recency,T,monetary_value} (weeks), such as {@code shared/data/synthetic_1m.csv}.
   *
   * @param file the file
   * @param customers number of rows to read, &gt; 0 and at most the file's
   * @throws UncheckedIOException if the file cannot be read
   * @throws org.clvkit.core.ClvArgumentException if it has fewer rows or a row is malformed
   */
  public static SyntheticCdnow load(Path file, int customers) {
    Checks.notNull("file", file);
    Checks.positive("customers", customers);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      double[][] columns = read(reader, 4, customers, file.toString());
      if (columns[0].length < customers) {
        throw Checks.fail(
            "%s has %d rows, fewer than customers = %d", file, columns[0].length, customers);
      }
      return new SyntheticCdnow(
          columns[0],
          columns[1],
          columns[2],
          columns[3],
          String.format(java.util.Locale.ROOT, "%s (first %d rows)", file, customers));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CDNOW summary's x, t_x, T and zbar columns, from this module's resources. */
  static double[][] cdnow() {
    try (InputStream in = SyntheticCdnow.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      // ID,x,t_x,T,zbar: skip the id.
      double[][] columns = read(reader, 5, CDNOW_CUSTOMERS, RESOURCE);
      return new double[][] {columns[1], columns[2], columns[3], columns[4]};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Up to {@code limit} rows of {@code width} numbers after a header line, as columns. */
  private static double[][] read(BufferedReader reader, int width, int limit, String name)
      throws IOException {
    double[][] columns = new double[width][Math.min(limit, 1 << 16)];
    reader.readLine();
    int n = 0;
    for (String line = reader.readLine(); line != null && n < limit; line = reader.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      if (n == columns[0].length) {
        for (int c = 0; c < width; c++) {
          columns[c] = Arrays.copyOf(columns[c], Math.min(limit, 2 * n));
        }
      }
      int start = 0;
      for (int c = 0; c < width; c++) {
        int end = c == width - 1 ? line.length() : line.indexOf(',', start);
        if (end < 0) {
          throw Checks.fail("%s row %d has fewer than %d fields: %s", name, n + 1, width, line);
        }
        try {
          columns[c][n] = Double.parseDouble(line.substring(start, end).trim());
        } catch (NumberFormatException e) {
          throw Checks.fail("%s row %d field %d is not a number: %s", name, n + 1, c + 1, line);
        }
        start = end + 1;
      }
      n++;
    }
    for (int c = 0; c < width; c++) {
      columns[c] = Arrays.copyOf(columns[c], n);
    }
    return columns;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** A standard normal variate by Box–Muller (stable across JDKs, unlike nextGaussian). */
  private static double normal(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Number of rows. */
  public int size() {
    return frequency.length;
  }

  /** Repeat purchases x per row (the array itself: do not modify). */
  public double[] frequency() {
    return frequency;
  }

  /** Recency t_x per row, weeks from the first to the last purchase (the array itself). */
  public double[] recency() {
    return recency;
  }

  /** Age T per row, weeks from the first purchase to the end of calibration (the array itself). */
  public double[] age() {
    return age;
  }

  /** Mean repeat spend per row, 0 without repeat purchases (the array itself). */
  public double[] monetaryValue() {
    return monetaryValue;
  }

  /** The rows as (uncompressed) histories for the purchase models' fitters. */
  public CustomerHistories histories() {
    return CustomerHistories.of(frequency, recency, age);
  }

  /** Where the rows came from, for reports: the file or the seed. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "SyntheticCdnow[" + source + "]";
  }
}
