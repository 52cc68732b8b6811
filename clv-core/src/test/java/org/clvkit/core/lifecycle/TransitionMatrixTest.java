package org.clvkit.core.lifecycle;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class TransitionMatrixTest {

  @Test
  void of_rejectsNullAndEmpty() {
    assertRejects("transitionMatrix must not be null", () -> TransitionMatrix.of(null));
    assertRejects("transitionMatrix must not be empty", () -> TransitionMatrix.of(new double[0][]));
    assertRejects(
        "transitionMatrix[1] must not be null",
        () -> TransitionMatrix.of(new double[][] {{1, 0}, null}));
  }

  @Test
  void of_rejectsNonSquare() {
    assertRejects(
        "transitionMatrix[1] has length 3 but transitionMatrix has length 2",
        () -> TransitionMatrix.of(new double[][] {{1, 0}, {0, 0.5, 0.5}}));
  }

  @Test
  void of_rejectsNegativeAndNonFiniteEntries() {
    assertRejects(
        "transitionMatrix[0][1] must be finite and >= 0, was -0.1",
        () -> TransitionMatrix.of(new double[][] {{1.1, -0.1}, {0, 1}}));
    assertRejects(
        "transitionMatrix[1][0] must be finite and >= 0, was NaN",
        () -> TransitionMatrix.of(new double[][] {{1, 0}, {Double.NaN, 1}}));
    assertRejects(
        "transitionMatrix[1][1] must be finite and >= 0, was Infinity",
        () -> TransitionMatrix.of(new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}}));
  }

  @Test
  void of_rejectsRowNotSummingToOneNamingRowAndSum() {
    assertRejects(
        "transitionMatrix[2] must sum to 1 within 1.0E-9, was 0.875",
        () -> TransitionMatrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0.5, 0.25, 0.125}}));
    assertRejects(
        "transitionMatrix[0] must sum to 1 within 1.0E-9, was 1.0000000037252903",
        () -> TransitionMatrix.of(new double[][] {{0.5 + 0x1p-28, 0.5}, {0, 1}}));
  }

  @Test
  void of_acceptsRowSumWithinTolerance() {
    TransitionMatrix m = TransitionMatrix.of(new double[][] {{0.5000000005, 0.5}, {0, 1}});
    assertEquals(0.5000000005, m.get(0, 0));
  }

  @Test
  void accessors_returnCopies() {
    double[][] rows = {{0.9, 0.1}, {0.2, 0.8}};
    TransitionMatrix m = TransitionMatrix.of(rows);
    rows[0][0] = 0.5;
    assertEquals(0.9, m.get(0, 0));
    m.toArray()[0][0] = 0.5;
    m.row(0)[0] = 0.5;
    assertEquals(0.9, m.get(0, 0));
    assertArrayEquals(new double[] {0.2, 0.8}, m.row(1));
    assertEquals(2, m.size());
  }

  @Test
  void get_rejectsIndexOutsideStages() {
    TransitionMatrix m = TransitionMatrix.identity(2);
    assertRejects("from must be in [0, 1], was 2", () -> m.get(2, 0));
    assertRejects("to must be in [0, 1], was -1", () -> m.get(0, -1));
  }

  @Test
  void isAbsorbing_onlyForUnitDiagonal() {
    TransitionMatrix m = TransitionMatrix.of(new double[][] {{0.9, 0.1}, {0, 1}});
    assertFalse(m.isAbsorbing(0));
    assertTrue(m.isAbsorbing(1));
  }

  @Test
  void power_matchesTwoStateClosedForm() {
    // P = [[1-a, a], [b, 1-b]]: P^k = Π + (1-a-b)^k (I - Π), each row of Π = (b, a)/(a+b), by
    // diagonalising P (eigenvalues 1 and 1-a-b); checked by hand for k = 0 and k = 1.
    double a = 0.3;
    double b = 0.1;
    TransitionMatrix m = TransitionMatrix.of(new double[][] {{1 - a, a}, {b, 1 - b}});
    Tolerance tol = Tolerance.absolute(1e-15);
    for (int k : new int[] {0, 1, 2, 7, 40}) {
      double lambda = Math.pow(1 - a - b, k);
      double pi0 = b / (a + b);
      double pi1 = a / (a + b);
      TransitionMatrix pk = m.power(k);
      tol.check("P^" + k + "[0][0]", pi0 + lambda * (1 - pi0), pk.get(0, 0));
      tol.check("P^" + k + "[0][1]", pi1 - lambda * pi1, pk.get(0, 1));
      tol.check("P^" + k + "[1][0]", pi0 - lambda * pi0, pk.get(1, 0));
      tol.check("P^" + k + "[1][1]", pi1 + lambda * (1 - pi1), pk.get(1, 1));
    }
    assertRejects("k must be >= 0, was -1", () -> m.power(-1));
  }

  @Test
  void power_equalsRepeatedMultiplication() {
    Seeded.qt(50)
        .forAll(integers().between(1, 7), longs().all(), integers().between(0, 20))
        .checkAssert(
            (n, seed, k) -> {
              TransitionMatrix m = TransitionMatrix.of(Chains.randomStochastic(n, seed, true));
              double[][] expected = TransitionMatrix.identity(n).toArray();
              for (int step = 0; step < k; step++) {
                double[][] next = new double[n][n];
                for (int i = 0; i < n; i++) {
                  for (int l = 0; l < n; l++) {
                    for (int j = 0; j < n; j++) {
                      next[i][j] += expected[i][l] * m.get(l, j);
                    }
                  }
                }
                expected = next;
              }
              TransitionMatrix pk = m.power(k);
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  Tolerance.absolute(1e-13).check("P^k", expected[i][j], pk.get(i, j));
                }
              }
            });
  }

  @Test
  void equalsAndSerialization_roundTrip() {
    TransitionMatrix m = TransitionMatrix.of(new double[][] {{0.9, 0.1}, {0.25, 0.75}});
    TransitionMatrix copy = Chains.roundTrip(m);
    assertEquals(m, copy);
    assertEquals(m.hashCode(), copy.hashCode());
    assertNotEquals(m, TransitionMatrix.identity(2));
    assertEquals("TransitionMatrix[[0.9, 0.1], [0.25, 0.75]]", m.toString());
  }
}
