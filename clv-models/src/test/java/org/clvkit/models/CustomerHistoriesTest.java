package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.junit.jupiter.api.Test;

class CustomerHistoriesTest {
  private static final double[] F = {1, 1, 1, 0, 1};
  private static final double[] R = {2, 2, 2, 0, 2};
  private static final double[] A = {5, 5, 5, 5, 5};

  @Test
  void compressed_sumsWeightsOfIdenticalPatternsInOrderOfFirstAppearance() {
    CustomerHistories h =
        CustomerHistories.of(
            new double[] {0, 2, 0, 2, 1},
            new double[] {0, 5, 0, 5, 3},
            new double[] {10, 10, 10, 10, 12},
            new double[] {1, 2, 3, 0.5, 1});
    CustomerHistories c = h.compressed();
    assertEquals(3, c.size());
    assertEquals(List.of(0.0, 2.0, 1.0), List.of(c.frequency(0), c.frequency(1), c.frequency(2)));
    assertEquals(4.0, c.weight(0));
    assertEquals(2.5, c.weight(1));
    assertEquals(h.totalWeight(), c.totalWeight());
    assertSame(c, c.compressed());
  }

  @Test
  void compressed_keepsEveryCustomer() {
    qt(100)
        .forAll(integers().between(1, 2_000), integers().between(1, 50))
        .checkAssert(
            (n, distinct) -> {
              SplittableRandom random = new SplittableRandom(n * 31L + distinct);
              double[] f = new double[n];
              double[] r = new double[n];
              double[] a = new double[n];
              Map<List<Double>, Double> expected = new HashMap<>();
              for (int i = 0; i < n; i++) {
                int k = random.nextInt(distinct);
                f[i] = k % 3;
                r[i] = f[i] == 0 ? 0 : k;
                a[i] = 60;
                expected.merge(List.of(f[i], r[i], a[i]), 1.0, Double::sum);
              }
              CustomerHistories c = CustomerHistories.of(f, r, a).compressed();
              assertEquals(expected.size(), c.size());
              for (int i = 0; i < c.size(); i++) {
                assertEquals(
                    expected.get(List.of(c.frequency(i), c.recency(i), c.age(i))), c.weight(i));
              }
              assertTrue(c.totalWeight() == n);
            });
  }

  @Test
  void rescaled_dividesTimesOnly() {
    CustomerHistories h =
        CustomerHistories.of(new double[] {3}, new double[] {14}, new double[] {28});
    CustomerHistories weeks = h.rescaled(7);
    assertEquals(3.0, weeks.frequency(0));
    assertEquals(2.0, weeks.recency(0));
    assertEquals(4.0, weeks.age(0));
  }

  @Test
  void of_rejectsBadRowsNamingTheRow() {
    double[] one = {1};
    assertRejects(
        "frequency[0] must be a whole number >= 0, was 1.5",
        () -> CustomerHistories.of(new double[] {1.5}, one, one));
    assertRejects(
        "frequency[1] must be a whole number >= 0, was -1.0",
        () -> CustomerHistories.of(new double[] {1, -1}, new double[] {1, 1}, new double[] {2, 2}));
    assertRejects(
        "recency[0] must be finite and >= 0, was NaN",
        () -> CustomerHistories.of(one, new double[] {Double.NaN}, one));
    assertRejects(
        "age[0] must be finite and >= 0, was Infinity",
        () -> CustomerHistories.of(one, one, new double[] {Double.POSITIVE_INFINITY}));
    assertRejects(
        "recency[0] = 40.0 must be <= age[0] = 39.0",
        () -> CustomerHistories.of(one, new double[] {40}, new double[] {39}));
    assertRejects(
        "recency[0] = 3.0 must be 0 when frequency[0] = 0",
        () -> CustomerHistories.of(new double[] {0}, new double[] {3}, new double[] {39}));
    assertRejects(
        "weights[0] must be finite and >= 0, was -2.0",
        () -> CustomerHistories.of(one, one, one, new double[] {-2}));
    assertRejects(
        "weights must not all be 0", () -> CustomerHistories.of(one, one, one, new double[] {0}));
    assertRejects(
        "age has length 2 but frequency has length 1",
        () -> CustomerHistories.of(one, one, new double[] {1, 2}));
    assertRejects(
        "frequency must not be empty", () -> CustomerHistories.of(new double[0], one, one));
  }

  @Test
  void withLitt_rejectsImpossibleValuesNamingTheRow() {
    CustomerHistories h =
        CustomerHistories.of(
            new double[] {0, 2, 1}, new double[] {0, 4, 0}, new double[] {10, 10, 10});
    assertRejects(
        "litt[0] = 0.5 must be 0 when frequency[0] = 0",
        () -> h.withLitt(new double[] {0.5, 0, 0}));
    assertRejects(
        "litt[1] must be finite, was NaN", () -> h.withLitt(new double[] {0, Double.NaN, 0}));
    // Two gaps summing to 4 weeks: ln(2) + ln(2) = 1.386... is the largest possible sum of logs.
    assertRejects(
        "litt[1] = 1.5 must be <= x ln(t_x / x) = 1.3862943611198906 (x = 2.0, t_x = 4.0): gaps"
            + " summing to t_x cannot have a larger sum of logs",
        () -> h.withLitt(new double[] {0, 1.5, 0}));
    assertRejects(
        "recency[2] = 0.0 must be > 0 when litt[2] is given (a gap of 0 has no log)",
        () -> h.withLitt(new double[] {0, 0, 0}));
  }

  @Test
  void withLitt_keptByCompressionWithLittDroppedByCompressedShiftedByRescaling() {
    double[] litt = {0, Math.log(1) + Math.log(3), Math.log(2) + Math.log(2), 0};
    CustomerHistories h =
        CustomerHistories.of(
                new double[] {0, 2, 2, 0}, new double[] {0, 4, 4, 0}, new double[] {10, 10, 10, 10})
            .withLitt(litt);
    CustomerHistories c = h.compressedWithLitt();
    // Rows 1 and 2 share (x, t_x, T) but not litt: three patterns; two without litt.
    assertEquals(3, c.size());
    assertEquals(2, h.compressed().size());
    assertEquals(false, h.compressed().hasLitt());
    assertEquals(litt[1], c.litt(1));
    assertEquals(litt[2], c.litt(2));
    assertEquals(2.0, c.weight(0));
    // Times in units of 2 old periods: each of the x logs loses ln 2.
    CustomerHistories r = h.rescaled(2);
    assertEquals(Math.log(0.5) + Math.log(1.5), r.litt(1), 1e-15);
    assertEquals(0.0, r.litt(0));
  }

  @Test
  void littColumn_withoutLittSaysHowToAttachIt() {
    CustomerHistories h =
        CustomerHistories.of(new double[] {0}, new double[] {0}, new double[] {1});
    assertEquals(false, h.hasLitt());
    assertRejects(
        "litt is required (attach it with withLitt, or summarise with same-day merging)",
        h::littColumn);
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
