package org.clvkit.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/**
 * {@link SummaryAccumulator#resultOfDisjoint}: accumulators over disjoint customers give, listed
 * part after part, the summaries of one accumulator fed the parts' rows in turn, bit for bit and in
 * the same order, with or without an executor; long and string ids mixed across parts.
 */
class SummaryAccumulatorDisjointTest {
  private static final int PARTS = 5;

  private static SummaryOptions options(boolean merge) {
    return SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(2024, 9, 30))
        .withHoldoutUntil(LocalDate.of(2025, 3, 31))
        .withZeroAmounts(RowPolicy.KEEP)
        .withRefunds(RowPolicy.DROP)
        .withAfterObservationEnd(RowPolicy.DROP)
        .withMergeSameDay(merge);
  }

  /** Rows {id, second, amount bits} in random order; customers 0 mod 7 have string ids. */
  private static List<long[]> rows(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long base = LocalDateTime.of(2023, 6, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    List<long[]> rows = new ArrayList<>();
    for (int k = 0; k < 30_000; k++) {
      long c = random.nextInt(4_000);
      long second = base + 86_400L * random.nextInt(700) + (random.nextInt(4) == 0 ? 3_601 : 0);
      int kind = random.nextInt(30);
      double amount =
          kind == 0 ? 0 : kind == 1 ? -1.5 : (1 + random.nextInt(30_000)) / (kind < 5 ? 3.0 : 100);
      rows.add(new long[] {c, second, Double.doubleToLongBits(amount)});
    }
    return rows;
  }

  private static void accept(SummaryAccumulator acc, long[] row) {
    double amount = Double.longBitsToDouble(row[2]);
    if (row[0] % 7 == 0) {
      acc.acceptEpochSecond("s" + row[0], row[1], amount);
    } else {
      acc.acceptEpochSecond(row[0], row[1], amount);
    }
  }

  private static void assertSame(CustomerSummaries want, CustomerSummaries got) {
    assertEquals(want.customerIds(), got.customerIds());
    assertArrayEquals(want.frequency(), got.frequency());
    assertArrayEquals(want.recency(), got.recency());
    assertArrayEquals(want.age(), got.age());
    assertArrayEquals(want.monetaryValue(), got.monetaryValue());
    assertArrayEquals(want.totalSpend(), got.totalSpend());
    assertArrayEquals(want.holdoutPurchases(), got.holdoutPurchases());
    assertArrayEquals(want.holdoutSpend(), got.holdoutSpend());
    assertEquals(want.hasLitt(), got.hasLitt());
    if (want.hasLitt()) {
      assertArrayEquals(want.litt(), got.litt());
    }
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.firstPurchaseEpochSecond(i), got.firstPurchaseEpochSecond(i));
      assertEquals(want.lastPurchase(i), got.lastPurchase(i));
    }
    assertEquals(want.holdoutOnlyCustomerIds(), got.holdoutOnlyCustomerIds());
    assertEquals(want.holdoutOnlyPurchases(), got.holdoutOnlyPurchases());
    assertEquals(
        Double.doubleToLongBits(want.holdoutOnlySpend()),
        Double.doubleToLongBits(got.holdoutOnlySpend()));
    assertEquals(want.rows(), got.rows());
    assertEquals(want.policyCounts(), got.policyCounts());
  }

  @Test
  void disjointParts_theSummariesOfOneAccumulatorFedPartAfterPart() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (boolean merge : new boolean[] {true, false}) {
        // Part 4 has only long ids (customers 0 mod 7 go to parts 0 to 3): the result has
        // string ids, as one accumulator's would.
        List<long[]> rows = rows(Seeded.SEED + (merge ? 1 : 0));
        SummaryOptions o = options(merge);
        SummaryAccumulator one = new SummaryAccumulator(o);
        List<SummaryAccumulator> parts = new ArrayList<>();
        for (int p = 0; p < PARTS; p++) {
          SummaryAccumulator part = new SummaryAccumulator(o);
          for (long[] row : rows) {
            if (part(row[0]) == p) {
              accept(one, row);
              accept(part, row);
            }
          }
          parts.add(part);
        }
        CustomerSummaries want = one.result();
        assertEquals(true, want.size() > 3_000);
        assertEquals(true, want.holdoutOnlyCustomerIds().size() > 0);
        assertEquals(true, want.policyCounts().refundsDropped() > 0);
        assertSame(want, SummaryAccumulator.resultOfDisjoint(parts, null, 1));
        assertSame(want, SummaryAccumulator.resultOfDisjoint(parts, pool, 3));
        assertSame(
            parts.get(0).result(),
            SummaryAccumulator.resultOfDisjoint(parts.subList(0, 1), pool, 3));
        // Long ids only: the ids stay numbers.
        CustomerSummaries longs = SummaryAccumulator.resultOfDisjoint(parts.subList(4, 5), pool, 2);
        assertSame(parts.get(4).result(), longs);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int part(long customer) {
    return customer % 7 == 0 ? (int) (customer % 4) : (int) ((customer * 31) % PARTS);
  }

  @Test
  void resultOfDisjoint_badArguments() {
    SummaryAccumulator a = new SummaryAccumulator(options(true));
    SummaryAccumulator b = new SummaryAccumulator(options(false));
    assertThrows(
        ClvArgumentException.class, () -> SummaryAccumulator.resultOfDisjoint(List.of(), null, 1));
    assertThrows(
        ClvArgumentException.class,
        () -> SummaryAccumulator.resultOfDisjoint(List.of(a, b), null, 1));
    assertThrows(
        ClvArgumentException.class, () -> SummaryAccumulator.resultOfDisjoint(List.of(a), null, 0));
  }
}
