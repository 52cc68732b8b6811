package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Runs the summaries benchmark's methods once, directly rather than through JMH, on 10,000
 * customers (about 28,000 rows, enough for the column method's bucketed path, which starts at
 * 16,384 rows): the column method must give the row-by-row accumulator's summaries bit for bit (as
 * {@code SummaryAccumulator.summarize} promises), with one thread and with two.
 */
class SummariesBenchmarkTest {
  private static final int CUSTOMERS = 10_000;

  private static SummariesBenchmark benchmark(int threads) {
    SummariesBenchmark benchmark = new SummariesBenchmark();
    benchmark.customers = CUSTOMERS;
    benchmark.threads = threads;
    benchmark.setup();
    return benchmark;
  }

  private static void assertSameSummaries(CustomerSummaries expected, CustomerSummaries actual) {
    assertEquals(expected.customerIds(), actual.customerIds());
    assertArrayEquals(expected.frequency(), actual.frequency());
    assertArrayEquals(expected.recency(), actual.recency());
    assertArrayEquals(expected.age(), actual.age());
    assertArrayEquals(expected.monetaryValue(), actual.monetaryValue());
    assertArrayEquals(expected.totalSpend(), actual.totalSpend());
    assertArrayEquals(expected.purchaseCount(), actual.purchaseCount());
    assertEquals(expected.rows(), actual.rows());
  }

  @Test
  void summarize_equalsRowByRowAccumulatorBitForBit() {
    SummariesBenchmark b = benchmark(1);
    assertTrue(b.customerIds.length > 16_384, "rows: " + b.customerIds.length);
    CustomerSummaries rowByRow = b.rowByRow();
    CustomerSummaries columns = b.summarize();
    assertSameSummaries(rowByRow, columns);
    // Every customer is acquired in the first 12 of 78 weeks, so every one has a summary; same-day
    // merging can only lower the purchase count below the row count.
    assertEquals(CUSTOMERS, columns.size());
    assertEquals(b.customerIds.length, columns.rows());
    long purchases = Arrays.stream(columns.purchaseCount()).asLongStream().sum();
    assertTrue(
        purchases <= b.customerIds.length && purchases > CUSTOMERS, "purchases " + purchases);
  }

  @Test
  void twoThreads_equalOneThread() {
    SummariesBenchmark one = benchmark(1);
    CustomerSummaries expected = one.summarize();
    SummariesBenchmark two = benchmark(2);
    try {
      assertSameSummaries(expected, two.summarize());
      // Two accumulators combined: the same customers in the same order and the same counts; sums
      // of a customer whose rows straddle the halves may differ in the last bits.
      CustomerSummaries combined = two.rowByRow();
      assertEquals(expected.customerIds(), combined.customerIds());
      assertArrayEquals(expected.frequency(), combined.frequency());
      assertArrayEquals(expected.recency(), combined.recency());
      assertArrayEquals(expected.age(), combined.age());
      assertArrayEquals(expected.purchaseCount(), combined.purchaseCount());
      for (int i = 0; i < expected.size(); i++) {
        Tolerance.relative(1e-12)
            .check("total spend " + i, expected.totalSpend()[i], combined.totalSpend()[i]);
        Tolerance.relative(1e-12)
            .check("monetary value " + i, expected.monetaryValue()[i], combined.monetaryValue()[i]);
      }
    } finally {
      two.tearDown();
    }
  }

  @Test
  void log_hasTheTransactionCountOfTheJavadoc() {
    assertEquals(2974, SummariesBenchmark.log(1000).size());
  }
}
