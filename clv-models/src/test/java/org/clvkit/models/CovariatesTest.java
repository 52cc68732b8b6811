package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.junit.jupiter.api.Test;

/**
 * Covariates and the optional columns of {@link CustomerHistories}: rows travel with the customers,
 * compression groups only equal covariate rows (so weights stay right), and the monetary column is
 * attached before compression and dropped by it.
 */
class CovariatesTest {
  private static final double[] F = {1, 1, 1, 0, 1};
  private static final double[] R = {2, 2, 2, 0, 2};
  private static final double[] A = {5, 5, 5, 5, 5};

  @Test
  void compressed_groupsOnlyEqualCovariateRows() {
    // Rows 0, 1, 2 share (x, t_x, T); rows 0 and 2 also share their covariates, row 1 does not.
    Covariates c =
        Covariates.of(
            List.of("gender", "income"), new double[] {1, 3.5, 0, 3.5, 1, 3.5, 1, 2, 1, 3.5});
    CustomerHistories data = CustomerHistories.of(F, R, A).withCovariates(c);
    CustomerHistories patterns = data.compressed();
    assertEquals(3, patterns.size());
    assertArrayEquals(new double[] {3, 1, 1}, patterns.weightColumn());
    Covariates kept = patterns.covariates().orElseThrow();
    assertEquals(List.of("gender", "income"), kept.names());
    assertArrayEquals(new double[] {1, 3.5, 0, 3.5, 1, 2}, kept.values());
    assertEquals(5.0, patterns.totalWeight());
    // Without covariates the same rows make two patterns.
    assertEquals(2, CustomerHistories.of(F, R, A).compressed().size());
  }

  @Test
  void covariates_readRowsAndRejectBadShapes() {
    Covariates c = Covariates.of(List.of("a", "b"), new double[] {1, 2, 3, 4});
    assertEquals(2, c.rows());
    assertEquals(2, c.columns());
    assertEquals(3.0, c.value(1, 0));
    double[] row = new double[3];
    c.copyRow(1, row, 1);
    assertArrayEquals(new double[] {0, 3, 4}, row);
    assertRejects(
        "values has length 3, not a multiple of the 2 covariates",
        () -> Covariates.of(List.of("a", "b"), new double[] {1, 2, 3}));
    assertRejects(
        "names must be distinct, was [a, a]",
        () -> Covariates.of(List.of("a", "a"), new double[] {1, 2}));
    assertRejects(
        "values[1] must be finite, was NaN",
        () -> Covariates.of(List.of("a"), new double[] {1, Double.NaN}));
    assertRejects(
        "covariates rows has length 2 but frequency has length 5",
        () -> CustomerHistories.of(F, R, A).withCovariates(c));
  }

  @Test
  void monetaryValue_isAttachedBeforeCompressionAndDroppedByIt() {
    CustomerHistories data =
        CustomerHistories.of(F, R, A).withMonetaryValue(new double[] {10, 20, 30, 0, 40});
    assertTrue(data.hasMonetaryValue());
    assertEquals(30.0, data.monetaryValue(2));
    assertFalse(data.compressed().hasMonetaryValue());
    assertEquals(data.size(), data.rescaled(2).monetaryValueColumn().length);
    assertRejects(
        "monetaryValue is required (attach it with withMonetaryValue)",
        () -> CustomerHistories.of(F, R, A).monetaryValueColumn());
    assertRejects(
        "monetary values must be attached before compression",
        () -> data.compressed().withMonetaryValue(new double[] {1, 2}));
    assertRejects(
        "monetaryValue[1] must be finite and >= 0, was -1.0",
        () -> CustomerHistories.of(F, R, A).withMonetaryValue(new double[] {1, -1, 1, 1, 1}));
  }

  @Test
  void of_summariesCarriesTheMonetaryValue() {
    // Customer a: first purchase 2020-01-01, repeats after 1 and 3 weeks of 20 and 40; observed
    // to 2020-03-04 (9 weeks). Customer b: one purchase.
    SummaryAccumulator acc =
        new SummaryAccumulator(SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(2020, 3, 4)));
    acc.accept("a", LocalDate.of(2020, 1, 1), 10.0);
    acc.accept("a", LocalDate.of(2020, 1, 8), 20.0);
    acc.accept("a", LocalDate.of(2020, 1, 22), 40.0);
    acc.accept("b", LocalDate.of(2020, 2, 5), 5.0);
    CustomerSummaries summaries = acc.result();
    CustomerHistories histories = CustomerHistories.of(summaries);
    assertArrayEquals(summaries.frequency(), histories.frequencyColumn());
    assertArrayEquals(summaries.recency(), histories.recencyColumn());
    assertArrayEquals(summaries.age(), histories.ageColumn());
    assertArrayEquals(summaries.monetaryValue(), histories.monetaryValueColumn());
    int a = summaries.indexOf("a");
    assertEquals(2.0, histories.frequency(a));
    assertEquals(30.0, histories.monetaryValue(a));
    CustomerSummaries none = null;
    assertRejects("summaries must not be null", () -> CustomerHistories.of(none));
  }
}
