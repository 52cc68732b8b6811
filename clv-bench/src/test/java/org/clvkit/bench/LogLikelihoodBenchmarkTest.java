package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Runs each {@link LogLikelihoodBenchmark} method once, directly rather than through JMH, and
 * checks that the fitters' kernels on the compressed patterns give the per-customer sums (1e-10
 * relative: the kernels sum in another order, with log-gamma differences from {@code LogPochhammer}
 * instead of differences of {@code Gamma.logGamma}), and that two threads give one thread's value
 * and gradient bit for bit.
 */
class LogLikelihoodBenchmarkTest {
  private static final Tolerance SAME_SUM = Tolerance.relative(1e-10);

  static LogLikelihoodBenchmark data(int customers) {
    LogLikelihoodBenchmark benchmark = new LogLikelihoodBenchmark();
    benchmark.customers = customers;
    benchmark.setup();
    return benchmark;
  }

  static LogLikelihoodBenchmark.Kernels kernels(LogLikelihoodBenchmark data, int threads) {
    LogLikelihoodBenchmark.Kernels kernels = new LogLikelihoodBenchmark.Kernels();
    kernels.threads = threads;
    kernels.setup(data);
    return kernels;
  }

  @Test
  void setup_compressesAndKeepsTheRepeatCustomers() {
    LogLikelihoodBenchmark b = data(1000);
    assertEquals(1000, b.histories.size());
    assertEquals(1000.0, b.patterns.totalWeight());
    assertTrue(b.patterns.size() < 1000, "patterns: " + b.patterns.size());
    assertTrue(b.spendFrequency.length > 300 && b.spendFrequency.length < 500);
    for (double x : b.spendFrequency) {
      assertTrue(x > 0);
    }
  }

  @Test
  void kernels_equalPerCustomerSums() {
    LogLikelihoodBenchmark b = data(1000);
    LogLikelihoodBenchmark.Kernels k = kernels(b, 1);
    SAME_SUM.check("BG/NBD", b.bgNbdPerCustomer(), b.bgNbdKernel(k));
    SAME_SUM.check("Pareto/NBD", b.paretoNbdPerCustomer(), b.paretoNbdKernel(k));
    SAME_SUM.check("Gamma-Gamma", b.gammaGammaPerCustomer(), b.gammaGammaKernel(k));
  }

  /**
   * 300,000 customers make about 112,000 purchase patterns and 40,000 spend patterns: at least two
   * chunks of every kernel's sums, so the pool takes part.
   */
  @Test
  void kernels_twoThreadsEqualOneThreadBitForBit() {
    LogLikelihoodBenchmark b = data(300_000);
    LogLikelihoodBenchmark.Kernels one = kernels(b, 1);
    LogLikelihoodBenchmark.Kernels two = kernels(b, 2);
    try {
      assertTrue(one.paretoNbd.patterns() >= 2 * 16_384, "patterns: " + one.paretoNbd.patterns());
      assertTrue(one.gammaGamma.patterns() >= 2 * 16_384, "spend: " + one.gammaGamma.patterns());
      double[] ones = {b.bgNbdKernel(one), b.paretoNbdKernel(one), b.gammaGammaKernel(one)};
      double[][] oneGradients = {
        gradient(one, () -> b.bgNbdKernel(one)),
        gradient(one, () -> b.paretoNbdKernel(one)),
        gradient(one, () -> b.gammaGammaKernel(one))
      };
      double[] twos = {b.bgNbdKernel(two), b.paretoNbdKernel(two), b.gammaGammaKernel(two)};
      double[][] twoGradients = {
        gradient(two, () -> b.bgNbdKernel(two)),
        gradient(two, () -> b.paretoNbdKernel(two)),
        gradient(two, () -> b.gammaGammaKernel(two))
      };
      assertArrayEquals(ones, twos);
      for (int m = 0; m < 3; m++) {
        assertArrayEquals(oneGradients[m], twoGradients[m], "model " + m);
      }
      SAME_SUM.check("BG/NBD", b.bgNbdPerCustomer(), ones[0]);
      SAME_SUM.check("Pareto/NBD", b.paretoNbdPerCustomer(), ones[1]);
      SAME_SUM.check("Gamma-Gamma", b.gammaGammaPerCustomer(), ones[2]);
    } finally {
      one.tearDown();
      two.tearDown();
    }
  }

  /** The gradient a kernel method leaves in the state's array. */
  private static double[] gradient(LogLikelihoodBenchmark.Kernels k, Runnable evaluation) {
    java.util.Arrays.fill(k.gradient, Double.NaN);
    evaluation.run();
    return k.gradient.clone();
  }
}
