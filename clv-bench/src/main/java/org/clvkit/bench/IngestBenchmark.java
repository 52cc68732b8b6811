package org.clvkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.TransactionLogFormat;
import org.clvkit.models.simulation.SimulatedTransactions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest (issue 12, part 5), parser and accumulator apart: the log of {@link SummariesBenchmark}
 * ({@code customers} simulated BG/NBD + Gamma-Gamma customers with the CDNOW estimates, seed
 * {@value SummariesBenchmark#SEED}, 78 weeks; 2,772,085 rows for 1,000,000 customers) as the text
 * of a {@code customer_id,date,amount} CSV with yyyy-MM-dd dates (what {@code IngestLogs} writes),
 * in time order or shuffled ({@code order}).
 *
 * <ul>
 *   <li>{@link #parseAndAccumulate()}: clv-core's {@link TransactionLogFormat} reads the text into
 *       a fresh {@link SummaryAccumulator} (unordered input, same-day merging), then its result;
 *   <li>{@link #accumulate()}: the parsed rows (string ids, epoch seconds, amounts) fed to a fresh
 *       accumulator row by row, then its result: the accumulator alone;
 *   <li>{@link #accumulateSortedByCustomer()}: the same rows sorted by customer and time (what
 *       {@code clv summarize --sorted} reads) into an accumulator in its ordered mode (fixed size
 *       per customer, no day sets).
 * </ul>
 *
 * <p>The whole process ({@code clv summarize} on the file, start-up and output included) is
 * measured against DuckDB by {@code clv-bench/scripts/ingest-vs-duckdb.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IngestBenchmark {
  /** Number of customers. */
  @Param({"100000", "1000000"})
  public int customers;

  /** Row order of the log: "time" (as generated) or "shuffled". */
  @Param({"time", "shuffled"})
  public String order;

  SummaryOptions options;
  String text;
  String[] ids;
  long[] seconds;
  double[] amounts;
  String[] sortedIds;
  long[] sortedSeconds;
  double[] sortedAmounts;

  /** Simulates the log, writes it as text, and keeps its columns. */
  @Setup(Level.Trial)
  public void setup() {
    SimulatedTransactions log = SummariesBenchmark.log(customers);
    options =
        SummaryOptions.of(
            TimeScale.WEEKS,
            SummariesBenchmark.ORIGIN.toLocalDate().plusWeeks(SummariesBenchmark.WEEKS));
    long[] customerIds = log.customerIds();
    long[] epochSeconds = log.epochSeconds(SummariesBenchmark.ORIGIN, TimeScale.WEEKS);
    double[] values = log.amounts();
    int n = customerIds.length;
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    if (order.equals("shuffled")) {
      SplittableRandom random = new SplittableRandom(SummariesBenchmark.SEED);
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
      }
    }
    String[] names = new String[customers];
    for (int c = 0; c < customers; c++) {
      names[c] = Long.toString(c);
    }
    ids = new String[n];
    seconds = new long[n];
    amounts = new double[n];
    StringBuilder csv = new StringBuilder(n * 24).append("customer_id,date,amount\n");
    for (int k = 0; k < n; k++) {
      int i = rows[k];
      long day = Math.floorDiv(epochSeconds[i], 86_400L);
      double cents = Math.round(values[i] * 100) / 100.0;
      ids[k] = names[(int) customerIds[i]];
      seconds[k] = day * 86_400L;
      amounts[k] = cents;
      csv.append(ids[k])
          .append(',')
          .append(java.time.LocalDate.ofEpochDay(day))
          .append(',')
          .append(cents)
          .append('\n');
    }
    text = csv.toString();
    Integer[] byCustomer = new Integer[n];
    for (int k = 0; k < n; k++) {
      byCustomer[k] = k;
    }
    Arrays.sort(
        byCustomer,
        (a, b) -> {
          int c = Long.compare(Long.parseLong(ids[a]), Long.parseLong(ids[b]));
          return c != 0 ? c : Long.compare(seconds[a], seconds[b]);
        });
    sortedIds = new String[n];
    sortedSeconds = new long[n];
    sortedAmounts = new double[n];
    for (int k = 0; k < n; k++) {
      sortedIds[k] = ids[byCustomer[k]];
      sortedSeconds[k] = seconds[byCustomer[k]];
      sortedAmounts[k] = amounts[byCustomer[k]];
    }
  }

  /**
   * The library's parser and accumulator on the CSV text.
   *
   * @return one summary per customer
   */
  @Benchmark
  public CustomerSummaries parseAndAccumulate() {
    SummaryAccumulator acc = new SummaryAccumulator(options, customers);
    try (BufferedReader in = new BufferedReader(new StringReader(text), 1 << 16)) {
      TransactionLogFormat.delimited(',')
          .withHeaderLines(1)
          .withColumns(1, 2, 3)
          .withDatePattern("yyyy-MM-dd")
          .read(in, acc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return acc.result();
  }

  /**
   * The accumulator alone, row by row, on the parsed rows in the log's order.
   *
   * @return one summary per customer
   */
  @Benchmark
  public CustomerSummaries accumulate() {
    SummaryAccumulator acc = new SummaryAccumulator(options, customers);
    for (int i = 0; i < ids.length; i++) {
      acc.acceptEpochSecond(ids[i], seconds[i], amounts[i]);
    }
    return acc.result();
  }

  /**
   * The accumulator in its ordered mode on the rows sorted by customer and time.
   *
   * @return one summary per customer
   */
  @Benchmark
  public CustomerSummaries accumulateSortedByCustomer() {
    SummaryAccumulator acc = new SummaryAccumulator(options.withOrderedInput(true), customers);
    for (int i = 0; i < sortedIds.length; i++) {
      acc.acceptEpochSecond(sortedIds[i], sortedSeconds[i], sortedAmounts[i]);
    }
    return acc.result();
  }
}
