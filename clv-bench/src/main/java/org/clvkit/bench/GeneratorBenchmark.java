package org.clvkit.bench;

import java.util.concurrent.TimeUnit;
import org.clvkit.models.simulation.SimulatedCustomers;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The performance issue's requirement "a seeded synthetic-data generator ... 1M customers in under
 * 2 s" (target at 1,000,000 customers for {@link #customers()}: 2,000 ms).
 *
 * <p>The generator: {@link SyntheticCustomerBase#bgNbd} with the CDNOW BG/NBD estimates (r =
 * 0.2426, α = 4.414, a = 0.7929, b = 2.426) and Gamma-Gamma estimates (p = 6.25, q = 3.74, γ =
 * 15.44), seed {@value SummariesBenchmark#SEED}, customers acquired uniformly over the first 12
 * weeks and observed for 78 weeks, as in {@link SummariesBenchmark}. One operation of {@link
 * #customers()} draws the per-customer summaries of {@code customers} customers ({@link
 * SyntheticCustomerBase#customers(int, double)}); one of {@link #transactions()} draws their
 * transaction log ({@link SyntheticCustomerBase#transactions(int, double)}, about 2.77 rows a
 * customer, in customer order). Single-threaded: the generator takes no executor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GeneratorBenchmark {
  /** Number of customers. */
  @Param({"1000", "100000", "1000000"})
  public int customers;

  SyntheticCustomerBase base;

  /** Builds the generator. */
  @Setup(Level.Trial)
  public void setup() {
    base =
        SyntheticCustomerBase.bgNbd(
                BgNbdScoringBenchmark.CDNOW, ClvBenchmark.CDNOW_SPEND, SummariesBenchmark.SEED)
            .withAcquisitionPeriod(SummariesBenchmark.ACQUISITION_WEEKS);
  }

  /**
   * The per-customer summaries of {@code customers} customers.
   *
   * @return the simulated customers
   */
  @Benchmark
  public SimulatedCustomers customers() {
    return base.customers(customers, SummariesBenchmark.WEEKS);
  }

  /**
   * The transaction log of {@code customers} customers.
   *
   * @return the simulated log
   */
  @Benchmark
  public SimulatedTransactions transactions() {
    return base.transactions(customers, SummariesBenchmark.WEEKS);
  }
}
