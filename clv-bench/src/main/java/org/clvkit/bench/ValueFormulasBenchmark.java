package org.clvkit.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.clvkit.core.value.CashFlowTiming;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.SimpleClv;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Column throughput of the value formulas in {@code org.clvkit.core.value}: simple CLV and
 * discounted retention CLV (finite and infinite horizon) over {@code size} customers, the
 * per-customer record API for comparison, and a baseline loop computing the infinite-horizon
 * formula with no validation. Inputs are drawn once per trial from a fixed seed; every method
 * returns its output column.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ValueFormulasBenchmark {
  /** Seed of the inputs. */
  static final long SEED = 20_261_123L;

  static final double GROSS_MARGIN = 0.3;
  static final double COST_TO_SERVE = 2.0;
  static final double ACQUISITION_COST = 15.0;
  static final double DISCOUNT = 0.1;
  static final int PERIODS = 10;

  /** Number of customers. */
  @Param({"1000", "100000", "1000000"})
  public int size;

  double[] averageOrderValue;
  double[] purchasesPerPeriod;
  double[] lifespanPeriods;
  double[] margin;
  double[] retention;
  double[] out;

  /** Draws the input columns. */
  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(SEED);
    averageOrderValue = new double[size];
    purchasesPerPeriod = new double[size];
    lifespanPeriods = new double[size];
    margin = new double[size];
    retention = new double[size];
    out = new double[size];
    for (int i = 0; i < size; i++) {
      averageOrderValue[i] = random.nextDouble(5, 300);
      purchasesPerPeriod[i] = random.nextDouble(0, 12);
      lifespanPeriods[i] = random.nextDouble(0, 10);
      margin[i] = averageOrderValue[i] * purchasesPerPeriod[i] * GROSS_MARGIN;
      retention[i] = random.nextDouble(0.2, 0.95);
    }
  }

  /** {@link SimpleClv#values} over the columns. */
  @Benchmark
  public double[] simpleClvColumns() {
    SimpleClv.values(
        averageOrderValue,
        purchasesPerPeriod,
        lifespanPeriods,
        GROSS_MARGIN,
        COST_TO_SERVE,
        ACQUISITION_COST,
        out);
    return out;
  }

  /** One {@link SimpleClv} record per customer, for comparison with the column method. */
  @Benchmark
  public double[] simpleClvPerCustomer() {
    for (int i = 0; i < size; i++) {
      out[i] =
          new SimpleClv(
                  averageOrderValue[i],
                  purchasesPerPeriod[i],
                  lifespanPeriods[i],
                  GROSS_MARGIN,
                  COST_TO_SERVE,
                  ACQUISITION_COST)
              .value();
    }
    return out;
  }

  /** {@link DiscountedClv#infiniteHorizonValues}, cash at the end of each period. */
  @Benchmark
  public double[] discountedClvInfiniteColumns() {
    DiscountedClv.infiniteHorizonValues(
        margin, retention, DISCOUNT, 0.0, CashFlowTiming.END_OF_PERIOD, out);
    return out;
  }

  /**
   * {@link DiscountedClv#values} over {@value #PERIODS} periods, cash at the end of each period.
   */
  @Benchmark
  public double[] discountedClvFiniteColumns() {
    DiscountedClv.values(
        margin, retention, DISCOUNT, 0.0, CashFlowTiming.END_OF_PERIOD, PERIODS, out);
    return out;
  }

  /**
   * Baseline: the infinite-horizon margin multiple {@code m r / (1 + d - r)} in a bare loop,
   * without validation, to show what the checks in {@link #discountedClvInfiniteColumns()} cost.
   */
  @Benchmark
  public double[] marginMultipleBaseline() {
    double onePlusD = 1 + DISCOUNT;
    for (int i = 0; i < size; i++) {
      out[i] = margin[i] * retention[i] / (onePlusD - retention[i]);
    }
    return out;
  }
}
