package org.clvkit.models.internal;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/** The samplers' ln Γ against commons-math's and against known values. */
class LogGammaTest {
  @Test
  void of_equalsCommonsMathFrom1e6To1e6() {
    qt().forAll(doubles().between(-6, 6).map(e -> Math.pow(10, e)))
        .checkAssert(
            x -> {
              double expected = Gamma.logGamma(x);
              assertEquals(expected, LogGamma.of(x), 2e-12 + 4e-15 * Math.abs(expected), "x=" + x);
            });
  }

  @Test
  void of_knowsExactValues() {
    assertEquals(0.0, LogGamma.of(1), 2e-12);
    assertEquals(0.0, LogGamma.of(2), 2e-12);
    assertEquals(Math.log(120), LogGamma.of(6), 2e-12);
    assertEquals(0.5 * Math.log(Math.PI), LogGamma.of(0.5), 2e-12);
    // ln Γ(1e-3) = 6.90717888538385 (mpmath.loggamma).
    assertEquals(6.90717888538385, LogGamma.of(1e-3), 1e-12);
  }
}
