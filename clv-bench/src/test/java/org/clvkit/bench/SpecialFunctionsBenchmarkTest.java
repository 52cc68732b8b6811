package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.special.SpecialFunctions;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Runs each {@link SpecialFunctionsBenchmark} pass once, directly rather than through JMH, on 2,000
 * arguments, and checks it against element-wise calls; and, so that the arguments are the intended
 * ones, the passes against each other through identities: 2F1 at z and at 1 − z, ln U(s, s; y) = ln
 * Γ(1 − s, y) + y (DLMF 13.6.6 with 8.2.2), and the log-Pochhammer symbol against differences of
 * commons-math3's {@code Gamma.logGamma}.
 */
class SpecialFunctionsBenchmarkTest {
  private static final int SIZE = 2000;

  static SpecialFunctionsBenchmark benchmark() {
    SpecialFunctionsBenchmark benchmark = new SpecialFunctionsBenchmark(SIZE);
    benchmark.setup();
    return benchmark;
  }

  @Test
  void setup_drawsTheModelsArguments() {
    SpecialFunctionsBenchmark b = benchmark();
    for (int i = 0; i < SIZE; i++) {
      assertTrue(b.z[i] >= 0 && b.z[i] < 1, "z " + b.z[i]);
      assertEquals(1 - b.z[i], b.oneMinusZ[i], 1e-15);
      assertEquals(b.a[i] - b.b[i] + 1, b.gap[i], 1e-12);
      assertTrue(b.y[i] > 0 && b.y[i] < 5, "y " + b.y[i]);
    }
    assertEquals(SpecialFunctionsBenchmark.ARGUMENTS, new SpecialFunctionsBenchmark().size);
  }

  @Test
  void hypergeometricPasses_equalElementwiseCallsAndAgree() {
    SpecialFunctionsBenchmark b = benchmark();
    double[] direct = b.log2F1().clone();
    double[] oneMinus = b.log2F1OneMinus().clone();
    double[] withDerivatives = b.log2F1AndDerivatives().clone();
    // 1e-12 relative, or 1e-13 absolute for values near 0 (z near 0): the documented accuracy.
    Tolerance agree = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-13));
    for (int i = 0; i < SIZE; i++) {
      double a = b.a[i];
      assertEquals(SpecialFunctions.log2F1(a, b.b[i], a + 1, b.z[i]), direct[i]);
      assertEquals(SpecialFunctions.log2F1OneMinus(a, b.b[i], a + 1, b.oneMinusZ[i]), oneMinus[i]);
      double[] out = new double[4];
      SpecialFunctions.log2F1WithDerivatives(a, b.b[i], b.gap[i], b.z[i], b.oneMinusZ[i], out, 0);
      for (int j = 0; j < 4; j++) {
        assertEquals(out[j], withDerivatives[4 * i + j]);
      }
      agree.check("2F1 at 1 - z, row " + i, direct[i], oneMinus[i]);
      agree.check("2F1 with derivatives, row " + i, direct[i], withDerivatives[4 * i]);
    }
  }

  @Test
  void confluentAndIncompleteGammaPasses_equalElementwiseCallsAndAgree() {
    SpecialFunctionsBenchmark b = benchmark();
    double[] u = b.confluentU().clone();
    double[] gamma = b.incompleteGamma().clone();
    for (int i = 0; i < SIZE; i++) {
      assertEquals(SpecialFunctions.logConfluentUDiagonal(b.shape[i], b.y[i]), u[i]);
      assertEquals(SpecialFunctions.logUpperIncompleteGamma(1 - b.shape[i], b.y[i]), gamma[i]);
      // ln U(s, s; y) = y + ln Γ(1 − s, y); rounding of the two forms, terms of size up to ~10.
      Tolerance.absolute(1e-13)
          .or(Tolerance.relative(1e-14))
          .check("U against Γ, row " + i, gamma[i] + b.y[i], u[i]);
    }
  }

  @Test
  void logPochhammerPass_equalsElementwiseCallsAndLogGammaDifferences() {
    SpecialFunctionsBenchmark b = benchmark();
    double[] values = b.logPochhammer().clone();
    for (int i = 0; i < SIZE; i++) {
      double x = b.pochhammerX[i];
      double delta = b.pochhammerDelta[i];
      assertEquals(SpecialFunctions.logPochhammer(x, delta), values[i]);
      // Gamma.logGamma differences lose about |ln Γ| · 1e-16 each (LogPochhammer's Javadoc).
      double slow = Gamma.logGamma(x + delta) - Gamma.logGamma(x);
      double loss = 1e-14 * (1 + Math.abs(Gamma.logGamma(x + delta)) + Math.abs(Gamma.logGamma(x)));
      Tolerance.absolute(loss).check("log Pochhammer, row " + i, slow, values[i]);
    }
  }
}
