package org.clvkit.models.gammagamma;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class FrequencySpendCorrelationTest {

  @Test
  void of_cdnowRepeatersMatchAnIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("gamma_gamma_cdnow.csv");
    int row = table.find("quantity", "correlation");
    CdnowSummary cdnow = CdnowSummary.load();
    FrequencySpendCorrelation c =
        FrequencySpendCorrelation.of(cdnow.frequency, cdnow.monetaryValue);
    Tolerance.relative(table.number(row, "relative"))
        .check("correlation", table.number(row, "value"), c.correlation());
    assertEquals(946.0, c.customers());
    assertTrue(c.independencePlausible());
    assertEquals(
        "frequency and spend are weakly correlated (r = 0.114 over 946 repeat customers,"
            + " |r| < 0.3): the Gamma-Gamma independence assumption is plausible",
        c.verdict());
  }

  @Test
  void of_equalsPearsonOverTheRepeatCustomers() {
    // commons-math's Pearson correlation on the filtered rows, an independent implementation.
    qt(50)
        .forAll(integers().between(3, 500))
        .checkAssert(
            n -> {
              SplittableRandom random = new SplittableRandom(n);
              double[] f = new double[n];
              double[] m = new double[n];
              int repeaters = 0;
              for (int i = 0; i < n; i++) {
                f[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(9);
                m[i] = f[i] == 0 ? 0 : 5 + 3 * f[i] + random.nextDouble() * 40;
                if (i < 2) {
                  f[i] = 1 + i;
                  m[i] = 10 - i;
                }
                repeaters += f[i] > 0 ? 1 : 0;
              }
              double[] fx = new double[repeaters];
              double[] mx = new double[repeaters];
              for (int i = 0, k = 0; i < n; i++) {
                if (f[i] > 0) {
                  fx[k] = f[i];
                  mx[k++] = m[i];
                }
              }
              double expected = new PearsonsCorrelation().correlation(fx, mx);
              FrequencySpendCorrelation c = FrequencySpendCorrelation.of(f, m);
              Tolerance.absolute(1e-12).check("r", expected, c.correlation());
              assertEquals(repeaters, c.customers());
            });
  }

  @Test
  void of_weightsEqualDuplicatedRows() {
    double[] f = {1, 2, 3, 0, 4};
    double[] m = {10, 14, 13, 0, 30};
    double[] w = {2, 1, 3, 5, 1};
    double[] fe = {1, 1, 2, 3, 3, 3, 0, 0, 0, 0, 0, 4};
    double[] me = {10, 10, 14, 13, 13, 13, 0, 0, 0, 0, 0, 30};
    FrequencySpendCorrelation weighted = FrequencySpendCorrelation.of(f, m, w);
    FrequencySpendCorrelation expanded = FrequencySpendCorrelation.of(fe, me);
    Tolerance.absolute(1e-14).check("r", expanded.correlation(), weighted.correlation());
    assertEquals(7.0, weighted.customers());
  }

  @Test
  void verdict_flagsAStrongCorrelation() {
    FrequencySpendCorrelation c =
        FrequencySpendCorrelation.of(new double[] {1, 2, 3, 4}, new double[] {10, 22, 29, 41});
    assertFalse(c.independencePlausible());
    assertTrue(c.verdict().startsWith("frequency and spend are correlated (r = 0.99"), c.verdict());
    assertTrue(c.verdict().endsWith("the Gamma-Gamma independence assumption is doubtful"));
    assertTrue(new FrequencySpendCorrelation(-0.2999, 10).independencePlausible());
    assertFalse(new FrequencySpendCorrelation(-0.3, 10).independencePlausible());
  }

  @Test
  void of_rejectsUndefinedCorrelationsAndBadInput() {
    assertRejects(
        "a frequency-spend correlation needs repeat customers (frequency > 0, monetaryValue > 0)"
            + " that differ in both frequency and monetaryValue, had 3.0 such customers",
        () -> FrequencySpendCorrelation.of(new double[] {2, 2, 2, 0}, new double[] {1, 5, 9, 0}));
    assertRejects(
        "a frequency-spend correlation needs repeat customers (frequency > 0, monetaryValue > 0)"
            + " that differ in both frequency and monetaryValue, had 0.0 such customers",
        () -> FrequencySpendCorrelation.of(new double[] {0, 3}, new double[] {0, 0}));
    assertRejects(
        "monetaryValue[0] must be finite and >= 0, was -1.0",
        () -> FrequencySpendCorrelation.of(new double[] {1}, new double[] {-1}));
    assertRejects(
        "weights must not be null",
        () -> FrequencySpendCorrelation.of(new double[] {1}, new double[] {1}, null));
    assertRejects(
        "correlation must be in [-1.0, 1.0], was 1.5", () -> new FrequencySpendCorrelation(1.5, 3));
    assertRejects(
        "customers must be finite and > 0, was 0.0", () -> new FrequencySpendCorrelation(0.5, 0));
  }
}
