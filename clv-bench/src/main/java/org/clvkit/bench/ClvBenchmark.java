package org.clvkit.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.ParallelScorer;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The performance issue's row "12-period CLV (BG/NBD + Gamma-Gamma), 1M customers" (target at
 * 1,000,000 customers: 300 ms).
 *
 * <p>One operation of {@link #batch()} computes {@link CustomerLifetimeValue#conditionalValue(int,
 * double, double[], double[], double[], double[], double[], int, int)} for every customer of {@link
 * SyntheticCdnow#customers(int)} into an output column allocated in the setup: {@value #PERIODS}
 * periods of the models' time unit (weeks), a discount rate of {@value #DISCOUNT_RATE} per period
 * (the per-period rate of Python lifetimes' {@code customer_lifetime_value} default) and margin 1
 * (revenue), with the CDNOW BG/NBD estimates (r = 0.2426, α = 4.414, a = 0.7929, b = 2.426) and the
 * CDNOW Gamma-Gamma estimates (p = 6.25, q = 3.74, γ = 15.44; Fader, Hardie and Lee 2005). With
 * {@code threads = 2} the rows are split into two tasks by {@link ParallelScorer#run} on a {@link
 * ForkJoinPool} of two threads. {@link #perCustomer()} is the baseline: the per-customer method,
 * one call per customer (split over the same two tasks when {@code threads = 2}).
 *
 * <p>{@link #batchMonths()} is the same computation as Python lifetimes' {@code
 * customer_lifetime_value} default, which the peer timing used: 12 <em>months</em>
 * discounted at 0.01 per month, from the same weekly data and model. The data are expressed in
 * months ({@value #WEEKS_PER_MONTH} weeks) and the BG/NBD's time scale α with them (r, a and b do
 * not depend on the unit), so that 12 periods are 12 months. With α + T of about 9 months the
 * 12-period horizon is beyond the one-series path, and every customer's value comes from the
 * period-by-period path (12 hypergeometric functions per distinct (x, T) pattern).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClvBenchmark extends CustomerColumnsState {
  /** The CDNOW Gamma-Gamma estimates (Fader, Hardie and Lee 2005). */
  static final GammaGammaParameters CDNOW_SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);

  /** Horizon, periods of the models (weeks). */
  static final int PERIODS = 12;

  /** Discount rate per period. */
  static final double DISCOUNT_RATE = 0.01;

  /** Weeks per month (365.25 / 12 / 7). */
  static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;

  /** Share of spend counted as value (1: revenue). */
  static final double MARGIN = 1;

  CustomerLifetimeValue clv;
  double[] out;
  CustomerLifetimeValue monthly;
  double[] recencyMonths;
  double[] ageMonths;
  ParallelScorer scorer;

  /** Builds the models, the monthly columns, the output column and, for two threads, the scorer. */
  @Override
  void prepare() {
    clv =
        CustomerLifetimeValue.of(
            BgNbdModel.of(BgNbdScoringBenchmark.CDNOW), GammaGammaModel.of(CDNOW_SPEND), MARGIN);
    out = new double[customers];
    BgNbdParameters weekly = BgNbdScoringBenchmark.CDNOW;
    monthly =
        CustomerLifetimeValue.of(
            BgNbdModel.of(
                new BgNbdParameters(
                    weekly.r(), weekly.alpha() / WEEKS_PER_MONTH, weekly.a(), weekly.b())),
            GammaGammaModel.of(CDNOW_SPEND),
            MARGIN);
    recencyMonths = new double[customers];
    ageMonths = new double[customers];
    for (int i = 0; i < customers; i++) {
      recencyMonths[i] = recency[i] / WEEKS_PER_MONTH;
      ageMonths[i] = age[i] / WEEKS_PER_MONTH;
    }
    scorer = pool == null ? null : ParallelScorer.of(pool, threads);
  }

  /**
   * The value of all customers by the batch method.
   *
   * @return the preallocated output column
   */
  @Benchmark
  public double[] batch() {
    if (scorer == null) {
      batch(0, customers);
    } else {
      scorer.run(customers, this::batch);
    }
    return out;
  }

  /**
   * The value of all customers over 12 months at 0.01 per month, by the batch method (see the class
   * comment).
   *
   * @return the preallocated output column
   */
  @Benchmark
  public double[] batchMonths() {
    if (scorer == null) {
      batchMonths(0, customers);
    } else {
      scorer.run(customers, this::batchMonths);
    }
    return out;
  }

  /**
   * Baseline: the value of all customers by the per-customer method.
   *
   * @return the preallocated output column
   */
  @Benchmark
  public double[] perCustomer() {
    if (scorer == null) {
      perCustomer(0, customers);
    } else {
      scorer.run(customers, this::perCustomer);
    }
    return out;
  }

  private void batch(int from, int to) {
    clv.conditionalValue(
        PERIODS, DISCOUNT_RATE, frequency, recency, age, monetaryValue, out, from, to);
  }

  void batchMonths(int from, int to) {
    monthly.conditionalValue(
        PERIODS, DISCOUNT_RATE, frequency, recencyMonths, ageMonths, monetaryValue, out, from, to);
  }

  private void perCustomer(int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] =
          clv.conditionalValue(
              PERIODS, DISCOUNT_RATE, frequency[i], recency[i], age[i], monetaryValue[i]);
    }
  }
}
