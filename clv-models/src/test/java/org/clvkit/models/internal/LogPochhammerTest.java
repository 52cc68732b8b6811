package org.clvkit.models.internal;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.apache.commons.math3.special.Gamma;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class LogPochhammerTest {

  @Test
  void value_matchesLogGammaDifferenceForModerateArguments() {
    // where ln Γ(x + δ) − ln Γ(x) loses little to cancellation, commons-math's logGamma is a
    // reference
    Seeded.qt()
        .forAll(doubles().between(0.01, 30), doubles().between(0.5, 30))
        .checkAssert(
            (x, delta) ->
                Tolerance.absolute(1e-13)
                    .check(
                        "(" + x + ")_" + delta,
                        Gamma.logGamma(x + delta) - Gamma.logGamma(x),
                        LogPochhammer.value(x, delta)));
  }

  @Test
  void value_matchesExactProductForIntegerSteps() {
    // ln (x)_n = Σ_(k<n) ln(x + k) for integer n, summed with no cancellation
    Seeded.qt()
        .forAll(doubles().between(-3, 5))
        .checkAssert(
            e -> {
              double x = Math.pow(10, e);
              double sum = 0;
              for (int k = 0; k < 7; k++) {
                sum += Math.log(x + k);
              }
              double size = 0;
              for (int k = 0; k < 7; k++) {
                size += Math.abs(Math.log(x + k));
              }
              Tolerance.absolute(8e-16 * (1 + size))
                  .check("(" + x + ")_7", sum, LogPochhammer.value(x, 7));
            });
  }

  @Test
  void reduced_equalsDigammaAtZero() {
    // ψ(x) from mpmath 1.3.0 digamma at 30 digits. (commons-math3 3.6.1 Gamma.digamma is off by
    // about
    // 2.9e-9 below x = 49, e.g. ψ(1) = −0.5772156677920679, so it cannot serve as the reference.)
    double[][] reference = {
      {0.001, -1000.57557193181027965},
      {0.37, -2.79530141089056399876},
      {1.0, -0.577215664901532860607},
      {2.5, 0.703156640645243187226},
      {9.99, 2.25070037283120112198},
      {10.0, 2.25175258906672110765},
      {48.5, 3.87121909402534085475},
      {1234.5, 7.11801623182799784331},
      {1e6, 13.8155100579641907708}
    };
    for (double[] row : reference) {
      Tolerance.relative(1e-15)
          .check("psi(" + row[0] + ")", row[1], LogPochhammer.reduced(row[0], 0));
      Tolerance.relative(1e-15)
          .check("digamma(" + row[0] + ")", row[1], LogPochhammer.digamma(row[0]));
    }
  }

  @Test
  void reduced_isContinuousThroughZeroStep() {
    Seeded.qt()
        .forAll(doubles().between(-3, 4))
        .checkAssert(
            e -> {
              double x = Math.pow(10, e);
              // the derivative in δ is about ψ'(x)/2 <= (1/x + 1/x²)/2, here times δ = 1e-12 x
              Tolerance.absolute(
                      1e-14 * (1 + Math.abs(LogPochhammer.reduced(x, 0))) + 1e-12 * (1 + 1 / x))
                  .check(
                      "near 0 at " + x,
                      LogPochhammer.reduced(x, 0),
                      LogPochhammer.reduced(x, 1e-12 * x));
            });
  }

  @Test
  void value_isAdditive() {
    // (x)_(d1+d2) = (x)_d1 (x+d1)_d2
    Seeded.qt()
        .forAll(
            doubles().between(1e-3, 1e4), doubles().between(-0.5, 3), doubles().between(-0.4, 3))
        .checkAssert(
            (x, d1, d2) -> {
              if (x + d1 > 0 && x + d1 + d2 > 0) {
                double whole = LogPochhammer.value(x, d1 + d2);
                Tolerance.absolute(1e-13 * (1 + Math.abs(whole)))
                    .check(
                        "additive",
                        whole,
                        LogPochhammer.value(x, d1) + LogPochhammer.value(x + d1, d2));
              }
            });
  }

  @Test
  void value_isZeroForZeroStep() {
    assertEquals(0.0, LogPochhammer.value(3.5, 0));
  }

  @Test
  void value_rejectsArgumentsOutsideDomain() {
    assertRejects("x must be finite and > 0, was -1.0", () -> LogPochhammer.value(-1, 0.5));
    assertRejects("delta must be finite, was NaN", () -> LogPochhammer.reduced(1, Double.NaN));
    assertRejects(
        "x + delta must be finite and > 0.0, was -0.5", () -> LogPochhammer.value(1, -1.5));
  }
}
