package org.clvkit.bench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.simulation.SimulatedTransactions;
import org.clvkit.models.simulation.SyntheticCustomerBase;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The performance issue's row "transaction log → customer summaries, 2.8M transactions of 1M
 * simulated customers" (target at 1,000,000 customers: 700 ms).
 *
 * <p>Input: the transaction log of {@code customers} BG/NBD customers with the CDNOW estimates (r =
 * 0.2426, α = 4.414, a = 0.7929, b = 2.426) and Gamma-Gamma spend with the CDNOW estimates (p =
 * 6.25, q = 3.74, γ = 15.44), acquired uniformly over the first 12 weeks and observed for 78 weeks
 * ({@link SyntheticCustomerBase#bgNbd}{@code (..., }{@value #SEED}{@code
 * ).withAcquisitionPeriod(12).transactions(customers, 78).sortedByTime()}), in time order as an
 * event log lists it, with times as epoch seconds from {@link #ORIGIN} in weeks. That is 2,974
 * transactions for 1,000 customers, 277,776 for 100,000 and 2,772,085 for 1,000,000 (first
 * purchases included).
 *
 * <p>One operation of {@link #summarize()} is {@link SummaryAccumulator#summarize(SummaryOptions,
 * long[], long[], double[])} with {@code long} customer ids ({@code threads = 1}), or its overload
 * with two tasks on a {@link ForkJoinPool} of two threads ({@code threads = 2}), under {@link
 * SummaryOptions#of(TimeScale, LocalDate)} in weeks ending 78 weeks after the origin: same-day
 * merging on (the default, as in the literature), unordered input. {@link #rowByRow()} is the
 * baseline: a fresh {@link SummaryAccumulator} fed the rows one by one with string ids by {@link
 * SummaryAccumulator#acceptEpochSecond(String, long, double)}, then its {@link
 * SummaryAccumulator#result()}; with {@code threads = 2}, one fresh accumulator per half of the log
 * on the two threads, then combined (the accumulator's documented parallel use).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SummariesBenchmark {
  /** Seed of the synthetic customer base. */
  static final long SEED = 20_261_125L;

  /** Calendar time of the generator's time 0. */
  static final LocalDateTime ORIGIN = LocalDateTime.of(2024, 1, 1, 0, 0);

  /** Weeks observed. */
  static final int WEEKS = 78;

  /** Weeks over which customers are acquired. */
  static final double ACQUISITION_WEEKS = 12;

  /** Number of customers. */
  @Param({"1000", "100000", "1000000"})
  public int customers;

  /** 1: the calling thread only; 2: two tasks on a ForkJoinPool of two threads. */
  @Param({"1", "2"})
  public int threads;

  SummaryOptions options;
  long[] customerIds;
  String[] customerNames;
  long[] epochSeconds;
  double[] amounts;
  ForkJoinPool pool;

  /** Simulates the log and converts it to columns; for two threads, starts the pool. */
  @Setup(Level.Trial)
  public void setup() {
    SimulatedTransactions log = log(customers);
    options = SummaryOptions.of(TimeScale.WEEKS, ORIGIN.toLocalDate().plusWeeks(WEEKS));
    customerIds = log.customerIds();
    epochSeconds = log.epochSeconds(ORIGIN, TimeScale.WEEKS);
    amounts = log.amounts();
    String[] names = new String[customers];
    for (int c = 0; c < customers; c++) {
      names[c] = Long.toString(c);
    }
    customerNames = new String[customerIds.length];
    for (int i = 0; i < customerIds.length; i++) {
      customerNames[i] = names[(int) customerIds[i]];
    }
    if (threads > 1) {
      pool = new ForkJoinPool(threads);
    }
  }

  /** The benchmark's transaction log of {@code customers} customers, in time order. */
  static SimulatedTransactions log(int customers) {
    return SyntheticCustomerBase.bgNbd(BgNbdScoringBenchmark.CDNOW, ClvBenchmark.CDNOW_SPEND, SEED)
        .withAcquisitionPeriod(ACQUISITION_WEEKS)
        .transactions(customers, WEEKS)
        .sortedByTime();
  }

  /** Shuts the pool down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  /**
   * The summaries by the column method.
   *
   * @return one summary per customer
   */
  @Benchmark
  public CustomerSummaries summarize() {
    if (pool == null) {
      return SummaryAccumulator.summarize(options, customerIds, epochSeconds, amounts);
    }
    return SummaryAccumulator.summarize(options, customerIds, epochSeconds, amounts, pool, threads);
  }

  /**
   * Baseline: the summaries by a fresh accumulator fed row by row with string ids (two, combined,
   * for two threads).
   *
   * @return one summary per customer
   */
  @Benchmark
  public CustomerSummaries rowByRow() {
    int rows = customerIds.length;
    if (pool == null) {
      return accumulate(0, rows).result();
    }
    int half = rows / 2;
    CompletableFuture<SummaryAccumulator> first =
        CompletableFuture.supplyAsync(() -> accumulate(0, half), pool);
    CompletableFuture<SummaryAccumulator> second =
        CompletableFuture.supplyAsync(() -> accumulate(half, rows), pool);
    return first.join().combine(second.join()).result();
  }

  private SummaryAccumulator accumulate(int from, int to) {
    SummaryAccumulator accumulator = new SummaryAccumulator(options);
    for (int i = from; i < to; i++) {
      accumulator.acceptEpochSecond(customerNames[i], epochSeconds[i], amounts[i]);
    }
    return accumulator;
  }
}
