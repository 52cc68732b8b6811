package org.clvkit.models.covariates;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.junit.jupiter.api.Test;

/**
 * The covariate matrix: its shape rules, its readers, and how it travels with {@link
 * CustomerHistories} (rows stay with the customers, compression groups only equal covariate rows so
 * that weights stay right).
 */
class CovariateMatrixTest {
  private static final double[] F = {1, 1, 1, 0, 1};
  private static final double[] R = {2, 2, 2, 0, 2};
  private static final double[] A = {5, 5, 5, 5, 5};

  @Test
  void of_readsRowsAndColumns() {
    CovariateMatrix c = CovariateMatrix.of(List.of("a", "b"), new double[] {1, 2, 3, 4});
    assertEquals(2, c.rows());
    assertEquals(2, c.columns());
    assertEquals(3.0, c.value(1, 0));
    assertEquals(4.0, c.value(1, 1));
    assertEquals(1, c.indexOf("b"));
    assertArrayEquals(new double[] {1, 2, 3, 4}, c.rowMajor());
    CovariateMatrix byColumns =
        CovariateMatrix.ofColumns(List.of("a", "b"), new double[] {1, 3}, new double[] {2, 4});
    assertEquals(c, byColumns);
    assertEquals(c.hashCode(), byColumns.hashCode());
    assertNotEquals(c, CovariateMatrix.of(List.of("a", "c"), new double[] {1, 2, 3, 4}));
    assertNotEquals(c, CovariateMatrix.of(List.of("a", "b"), new double[] {1, 2, 3, 5}));
    assertArrayEquals(new double[] {2, 4}, c.select(List.of("b")).rowMajor());
    assertArrayEquals(new double[] {3, 4}, c.rows(1, 2).rowMajor());
    assertEquals("CovariateMatrix([a, b], 2 rows)", c.toString());
  }

  @Test
  void of_copiesItsInput() {
    double[] values = {1, 2};
    CovariateMatrix c = CovariateMatrix.of(List.of("a"), values);
    values[0] = 9;
    assertEquals(1.0, c.value(0, 0));
    c.rowMajor()[1] = 9;
    assertEquals(2.0, c.value(1, 0));
  }

  @Test
  void of_rejectsBadInput() {
    assertRejects(
        "covariates[1, b] must be finite, was NaN",
        () -> CovariateMatrix.of(List.of("a", "b"), new double[] {1, 2, 3, Double.NaN}));
    assertRejects(
        "covariates[0, a] must be finite, was NaN",
        () -> CovariateMatrix.of(List.of("a"), new double[] {Double.NaN, 1}));
    assertRejects(
        "covariates length 3 must be a multiple of the number of columns 2",
        () -> CovariateMatrix.of(List.of("a", "b"), new double[] {1, 2, 3}));
    assertRejects(
        "names[1] = a is a duplicate", () -> CovariateMatrix.of(List.of("a", "a"), new double[2]));
    assertRejects("names must not be empty", () -> CovariateMatrix.of(List.of(), new double[0]));
    CovariateMatrix c = CovariateMatrix.of(List.of("a", "b"), new double[] {1, 2, 3, 4});
    assertRejects("covariate z is not among the columns [a, b]", () -> c.indexOf("z"));
  }

  @Test
  void compressed_groupsOnlyEqualCovariateRows() {
    // Rows 0, 1, 2 share (x, t_x, T); rows 0 and 2 also share their covariates, row 1 does not.
    CovariateMatrix c =
        CovariateMatrix.of(
            List.of("gender", "income"), new double[] {1, 3.5, 0, 3.5, 1, 3.5, 1, 2, 1, 3.5});
    CustomerHistories data = CustomerHistories.of(F, R, A).withCovariates(c);
    assertSame(c, data.covariates().orElseThrow());
    CustomerHistories patterns = data.compressed();
    assertEquals(3, patterns.size());
    assertArrayEquals(new double[] {3, 1, 1}, patterns.weightColumn());
    CovariateMatrix kept = patterns.covariates().orElseThrow();
    assertEquals(List.of("gender", "income"), kept.names());
    assertArrayEquals(new double[] {1, 3.5, 0, 3.5, 1, 2}, kept.rowMajor());
    assertEquals(5.0, patterns.totalWeight());
    // Covariates survive rescaling; without them the same rows make two patterns.
    assertEquals(c, data.rescaled(7).covariates().orElseThrow());
    assertEquals(2, CustomerHistories.of(F, R, A).compressed().size());
    assertTrue(CustomerHistories.of(F, R, A).covariates().isEmpty());
  }

  @Test
  void withCovariates_rejectsAnotherNumberOfRows() {
    CovariateMatrix c = CovariateMatrix.of(List.of("a", "b"), new double[] {1, 2, 3, 4});
    assertRejects(
        "covariates rows has length 2 but frequency has length 5",
        () -> CustomerHistories.of(F, R, A).withCovariates(c));
    assertRejects(
        "covariates must not be null", () -> CustomerHistories.of(F, R, A).withCovariates(null));
  }
}
