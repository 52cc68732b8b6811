package org.clvkit.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

/**
 * The start of the refinement when the sample's information matrix is not positive definite: the
 * inverse of information + μI with the least tried μ (Nocedal &amp; Wright, Numerical Optimization,
 * 2nd ed., Algorithm 3.3), and the plain inverse when no shift is needed.
 */
class InverseShiftedTest {

  @Test
  void positiveDefiniteInformation_isInvertedWithoutShift() {
    qt().forAll(
            doubles().between(0.1, 100), doubles().between(0.1, 100), doubles().between(-0.9, 0.9))
        .checkAssert(
            (a, d, rho) -> {
              double b = rho * Math.sqrt(a * d);
              double[][] information = {{a, b}, {b, d}};
              double[][] inverse = MaximumLikelihood.inverseShifted(information);
              double[][] plain = MaximumLikelihood.inverseSpd(information);
              assertNotNull(plain);
              for (int i = 0; i < 2; i++) {
                assertArrayEquals(plain[i], inverse[i], 0.0);
              }
            });
  }

  @Test
  void indefiniteInformation_getsAPositiveDefiniteInverseOfTheLeastShift() {
    // A ridge: one large positive curvature, one slightly negative.
    qt().forAll(doubles().between(1e3, 1e6), doubles().between(1e-3, 10))
        .checkAssert(
            (big, negative) -> {
              double[][] information = {{big, 0}, {0, -negative}};
              assertNull(MaximumLikelihood.inverseSpd(information));
              double[][] inverse = MaximumLikelihood.inverseShifted(information);
              assertNotNull(inverse);
              assertTrue(inverse[0][0] > 0 && inverse[1][1] > 0);
              assertTrue(inverse[0][0] * inverse[1][1] - inverse[0][1] * inverse[1][0] > 0);
              // information + mu I inverted: mu is the least of 1e-8, 1e-7, ... x big above
              // -(-negative)
              double mu = 1 / inverse[1][1] + negative;
              assertTrue(mu > negative, "shift " + mu + " not above " + negative);
              assertTrue(mu / 10 <= negative * (1 + 1e-9), "shift " + mu + " not the least");
              assertEquals(1 / (big + mu), inverse[0][0], 1e-12 / big);
            });
  }

  @Test
  void informationThatNoShiftUpToItsLargestElementHelps_givesNull() {
    assertNull(MaximumLikelihood.inverseShifted(new double[][] {{1, 0}, {0, -1e6}}));
    assertNull(MaximumLikelihood.inverseShifted(new double[][] {{0, 0}, {0, 0}}));
  }
}
