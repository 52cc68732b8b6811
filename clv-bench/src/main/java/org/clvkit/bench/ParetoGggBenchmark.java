package org.clvkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bayes.McmcSettings;
import org.clvkit.models.bayes.ParetoGggFitter;
import org.clvkit.models.bayes.ParetoGggPosterior;
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
 * The Pareto/GGG MCMC row: one operation is the Pareto/GGG on CDNOW (2,357 customers,
 * 39-week calibration, weeks, with litt from the event log) with 4 chains × 2,000 kept iterations
 * after 500 of burn-in, customers' draws thinned by 10 ({@link McmcSettings#DEFAULT}), from the
 * data to the posterior with its R-hat, effective sample sizes, per-customer draws and the marginal
 * log-likelihood at the posterior means; the chains on the calling thread ({@code threads = 1}) or
 * on a {@code ForkJoinPool(2)} ({@code threads = 2}, the same draws). Single-shot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ParetoGggBenchmark {
  /** Threads running the chains: 1 (calling thread) or 2 (a ForkJoinPool). */
  @Param({"1", "2"})
  public int threads;

  private CustomerHistories data;
  private ForkJoinPool pool;

  /** Summarises the CDNOW event log with litt and makes the pool. */
  @Setup(Level.Trial)
  public void setUp() {
    data = cdnowWithLitt();
    pool = threads > 1 ? new ForkJoinPool(threads) : null;
  }

  /** Shuts the pool down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** 4 chains × 2,000 iterations on CDNOW. */
  @Benchmark
  public ParetoGggPosterior sample() {
    ParetoGggFitter fitter = ParetoGggFitter.create().withMcmc(McmcSettings.DEFAULT);
    if (pool != null) {
      fitter = fitter.withExecutor(pool);
    }
    return fitter.sample(data);
  }

  /**
   * CDNOW's calibration summary with litt, as BTYDplus's {@code elog2cbs}: days merged, weeks from
   * each customer's first purchase, calibration to 1997-09-30.
   */
  static CustomerHistories cdnowWithLitt() {
    TreeMap<Integer, TreeSet<LocalDate>> days = new TreeMap<>();
    try (InputStream in = ParetoGggBenchmark.class.getResourceAsStream("CDNOW_sample.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing CDNOW_sample.txt");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.trim().split("\\s+");
        if (cells.length < 3) {
          continue;
        }
        days.computeIfAbsent(Integer.parseInt(cells[1]), c -> new TreeSet<>())
            .add(LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalDate end = LocalDate.of(1997, 9, 30);
    int n = days.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] litt = new double[n];
    int i = 0;
    for (TreeSet<LocalDate> customer : days.values()) {
      LocalDate first = customer.first();
      double previous = 0;
      for (LocalDate day : customer) {
        if (day.isAfter(end)) {
          break;
        }
        double t = ChronoUnit.DAYS.between(first, day) / 7.0;
        if (t > 0) {
          x[i]++;
          litt[i] += Math.log(t - previous);
          tx[i] = t;
        }
        previous = t;
      }
      age[i] = ChronoUnit.DAYS.between(first, end) / 7.0;
      i++;
    }
    return CustomerHistories.of(x, tx, age).withLitt(litt);
  }
}
