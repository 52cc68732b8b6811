package org.clvkit.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The adaptive Gauss–Kronrod quadrature on integrals with known closed forms. */
class GaussKronrodTest {

  @Test
  void integrate_polynomialsOfDegreeUpToThirteenExactlyOnOneInterval() {
    // K15 integrates polynomials of degree 3·7+1 = 22 exactly and G7 those of degree 13, so the
    // error estimate vanishes for degree <= 13 and the first rule is accepted.
    GaussKronrod.Workspace w = new GaussKronrod.Workspace(1);
    double[] out = new double[1];
    for (int k = 0; k <= 13; k++) {
      int power = k;
      w.integrate((x, o) -> o[0] = Math.pow(x, power), 0, 2, 1e-15, 0, out);
      Tolerance.relative(1e-14).check("x^" + k, Math.pow(2, k + 1) / (k + 1), out[0]);
      assertEquals(1, w.intervals());
    }
  }

  @Test
  void integrate_smoothFunctionsToTheirClosedForms() {
    Tolerance close = Tolerance.relative(1e-13);
    close.check("sin on [0, pi]", 2.0, GaussKronrod.integrate(Math::sin, 0, Math.PI, 1e-14, 0));
    close.check(
        "exp on [-3, 5]",
        Math.exp(5) - Math.exp(-3),
        GaussKronrod.integrate(Math::exp, -3, 5, 1e-14, 0));
    close.check(
        "1/(1+x^2) on [0, 1]",
        Math.PI / 4,
        GaussKronrod.integrate(x -> 1 / (1 + x * x), 0, 1, 1e-14, 0));
    // erf(1) · sqrt(pi)/2, erf(1) = 0.8427007929497148693412206350826 (A&S 7.1)
    close.check(
        "exp(-x^2) on [0, 1]",
        0.8427007929497148693 * Math.sqrt(Math.PI) / 2,
        GaussKronrod.integrate(x -> Math.exp(-x * x), 0, 1, 1e-14, 0));
    close.check("reversed limits", -2.0, GaussKronrod.integrate(Math::sin, Math.PI, 0, 1e-14, 0));
  }

  @Test
  void integrate_sharpPeakAndEndpointSingularityByBisection() {
    // ∫_{-1}^{1} dx / (1e-6 + x^2) = 2 atan(1000) / 1e-3
    double peak = GaussKronrod.integrate(x -> 1 / (1e-6 + x * x), -1, 1, 1e-12, 0);
    Tolerance.relative(1e-11).check("peak", 2 * Math.atan(1000) / 1e-3, peak);
    // ∫_0^1 x^{-1/2} dx = 2 and ∫_0^1 ln x dx = -1: integrable singularities at 0
    Tolerance.relative(1e-9)
        .check("1/sqrt(x)", 2.0, GaussKronrod.integrate(x -> 1 / Math.sqrt(x), 0, 1, 1e-10, 0));
    Tolerance.relative(1e-11)
        .check("ln x", -1.0, GaussKronrod.integrate(Math::log, 0, 1, 1e-12, 0));
  }

  @Test
  void errorEstimate_boundsTheActualError() {
    GaussKronrod.Workspace w = new GaussKronrod.Workspace(1);
    double[] out = new double[1];
    double[] tolerances = {1e-3, 1e-6, 1e-9};
    for (double tol : tolerances) {
      w.integrate((x, o) -> o[0] = Math.sqrt(x) * Math.cos(20 * x), 0, 3, tol, 0, out);
      // ∫_0^3 sqrt(x) cos(20x) dx, mpmath.quad at 30 digits
      double exact = -0.0340926464041199913;
      double actual = Math.abs(out[0] - exact);
      assertTrue(actual <= w.error(), tol + ": error " + actual + " > estimate " + w.error());
      assertTrue(w.error() <= tol * Math.abs(out[0]), () -> "estimate above tolerance");
    }
  }

  @Test
  void integrate_vectorComponentsShareOneSubdivision() {
    GaussKronrod.Workspace w = new GaussKronrod.Workspace(3);
    double[] out = new double[3];
    w.integrate(
        (x, o) -> {
          o[0] = Math.exp(-x);
          o[1] = x * Math.exp(-x);
          o[2] = x * x * Math.exp(-x);
        },
        0,
        10,
        1e-14,
        0,
        out);
    Tolerance close = Tolerance.relative(1e-13);
    close.check("e^-x", -Math.expm1(-10), out[0]);
    close.check("x e^-x", 1 - 11 * Math.exp(-10), out[1]);
    close.check("x^2 e^-x", 2 - 122 * Math.exp(-10), out[2]);
  }

  @Test
  void integrate_divergentIntegralThrowsWithWhereItStopped() {
    ArithmeticException e =
        assertThrows(
            ArithmeticException.class, () -> GaussKronrod.integrate(x -> 1 / x, 0, 1, 1e-10, 0));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Gauss-Kronrod quadrature did not converge on [0.0, 1.0] in 500 subintervals"),
        e.getMessage());
    IllegalArgumentException limits =
        assertThrows(
            IllegalArgumentException.class,
            () -> GaussKronrod.integrate(Math::exp, 0, Double.POSITIVE_INFINITY, 1e-10, 0));
    assertEquals("integration limits must be finite, were 0.0 and Infinity", limits.getMessage());
  }
}
