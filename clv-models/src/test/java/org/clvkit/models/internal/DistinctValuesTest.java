package org.clvkit.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/** Distinct values and pairs, and the stable counting sort, of the likelihood kernels. */
class DistinctValuesTest {

  @Test
  void of_listsValuesInOrderOfFirstAppearance() {
    double[] column = {3.5, -0.0, 3.5, 0.0, 7, -0.0};
    int[] index = new int[column.length];
    double[] values = DistinctValues.of(column, index);
    assertArrayEquals(new double[] {3.5, 0.0, 7}, values);
    assertArrayEquals(new int[] {0, 1, 0, 1, 2, 1}, index);
  }

  @Test
  void sorted_indexesTheAscendingValues() {
    Seeded.qt(50)
        .forAll(integers().between(1, 3_000), longs().all())
        .checkAssert(
            (n, seed) -> {
              SplittableRandom random = new SplittableRandom(seed);
              double[] column = new double[n];
              for (int i = 0; i < n; i++) {
                column[i] = random.nextInt(1 + n / 3) / 4.0;
              }
              int[] index = new int[n];
              double[] values = DistinctValues.sorted(column, index);
              for (int k = 1; k < values.length; k++) {
                assertEquals(true, values[k] > values[k - 1], "ascending and distinct");
              }
              for (int i = 0; i < n; i++) {
                assertEquals(column[i], values[index[i]]);
              }
            });
  }

  @Test
  void pairs_listsDistinctIncludedPairs() {
    int[] first = {0, 1, 0, 2, 0, 1};
    int[] second = {5, 5, 5, 0, 6, 5};
    boolean[] include = {true, true, true, false, true, true};
    int[] index = new int[first.length];
    long[] codes = DistinctValues.pairs(first, second, include, index);
    assertArrayEquals(new long[] {5, (1L << 32) | 5, 6}, codes);
    assertArrayEquals(new int[] {0, 1, 0, -1, 2, 1}, index);
  }

  @Test
  void sortStably_sortsByKeyKeepingTheOrderOfTies() {
    int[] key = {2, 0, 1, 0, 2, 1};
    int[] order = DistinctValues.sortStably(new int[] {0, 1, 2, 3, 4, 5}, key, 3);
    assertArrayEquals(new int[] {1, 3, 2, 5, 0, 4}, order);
    // Least significant key first: rows sorted by (key, second key).
    int[] second = {1, 0, 0, 1, 0, 1};
    int[] both = DistinctValues.sortStably(DistinctValues.sortStably(order, second, 2), key, 3);
    assertArrayEquals(new int[] {1, 3, 2, 5, 4, 0}, both);
  }
}
