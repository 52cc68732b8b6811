package org.clvkit.bench;

import java.util.concurrent.TimeUnit;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
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
 * The "Gamma-Gamma fit" row of the performance issue's table: one operation is {@code
 * GammaGammaFitter.create().fit(frequency, monetaryValue)} (with {@code withExecutor} on a {@code
 * ForkJoinPool(2)} when {@code threads = 2}) on the repeat customers (frequency &gt; 0, about 40%)
 * of {@link SyntheticCdnow#customers(int)}, whose columns are extracted once per trial; the
 * compression to distinct (x, m̄) patterns and the standard errors are inside the timed operation.
 * {@code customers} counts all customers, repeaters or not, as the row does ("1M customers,
 * ~400k repeaters").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GammaGammaFitBenchmark extends CustomerColumnsState {
  double[] repeatFrequency;
  double[] repeatMonetaryValue;

  /** Extracts the repeat customers' columns. */
  @Override
  void prepare() {
    double[][] repeaters = repeatCustomers(frequency, monetaryValue);
    repeatFrequency = repeaters[0];
    repeatMonetaryValue = repeaters[1];
  }

  /** The frequency and monetary-value columns of the rows with frequency &gt; 0, in order. */
  static double[][] repeatCustomers(SyntheticCdnow data) {
    return repeatCustomers(data.frequency(), data.monetaryValue());
  }

  /** The frequency and monetary-value columns of the rows with frequency &gt; 0, in order. */
  static double[][] repeatCustomers(double[] x, double[] m) {
    int n = 0;
    for (double value : x) {
      if (value > 0) {
        n++;
      }
    }
    double[] frequency = new double[n];
    double[] monetary = new double[n];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0) {
        frequency[k] = x[i];
        monetary[k] = m[i];
        k++;
      }
    }
    return new double[][] {frequency, monetary};
  }

  /** Fits the Gamma-Gamma model to the repeat customers. */
  @Benchmark
  public GammaGammaModel fit() {
    GammaGammaFitter fitter = GammaGammaFitter.create();
    if (pool != null) {
      fitter = fitter.withExecutor(pool);
    }
    return fitter.fit(repeatFrequency, repeatMonetaryValue);
  }
}
