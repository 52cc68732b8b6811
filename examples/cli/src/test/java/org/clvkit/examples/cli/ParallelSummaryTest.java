package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 5: the summaries made on several threads (spilled parts, or ranges of customers
 * held in memory, each by an accumulator of its own) and the CSV formatted on several threads are
 * byte for byte those of one thread, over logs with numeric and string ids (some that need quotes,
 * some not ASCII), exact duplicates kept and dropped, zero and negative amounts, times of day, rows
 * after the observation end, a holdout and the litt column; a failure in a summarising thread is
 * the first in part order, an {@link OutOfMemoryError} reaches the caller (which prints its one
 * line), and the threads and temporary files are gone afterwards.
 */
class ParallelSummaryTest {
  @TempDir Path temp;

  private static final LocalDate CALIBRATION_END = LocalDate.of(2024, 9, 30);

  private static SummaryOptions options(boolean holdout, boolean merge) {
    SummaryOptions o =
        SummaryOptions.of(TimeScale.WEEKS, CALIBRATION_END)
            .withZeroAmounts(RowPolicy.KEEP)
            .withRefunds(RowPolicy.DROP)
            .withAfterObservationEnd(RowPolicy.DROP)
            .withMergeSameDay(merge);
    return holdout ? o.withHoldoutUntil(LocalDate.of(2025, 3, 31)) : o;
  }

  /** A log in time order of {@code customers} customers, as the reader hands it over. */
  private static void feed(RowPipeline p, long seed, int customers, int rows, boolean numeric) {
    SplittableRandom random = new SplittableRandom(seed);
    long base = LocalDateTime.of(2023, 6, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    long[] last = new long[3];
    String lastId = null;
    for (int line = 2; line < rows + 2; line++) {
      if (lastId != null && random.nextInt(15) == 0) {
        p.accept(line, lastId, last[1], Double.longBitsToDouble(last[2])); // exact duplicate
        continue;
      }
      int c = random.nextInt(customers);
      lastId =
          numeric || c % 4 != 0
              ? Integer.toString(c * 13)
              : c % 8 == 0
                  ? "c" + c
                  : c % 16 == 4
                      ? "=x" + c
                      : c % 64 == 28 ? "Müller客" + c : c % 64 == 60 ? "#h" + c : "a,\"" + c;
      long day = random.nextInt(700);
      last[1] =
          base + 86_400L * day + (random.nextInt(5) == 0 ? 3600L * random.nextInt(24) + 17 : 0);
      int kind = random.nextInt(40);
      double amount =
          kind == 0
              ? 0.0
              : kind == 1
                  ? -(1 + random.nextInt(500)) / 100.0
                  : kind < 6 ? random.nextInt(100_000) / 3.0 : (1 + random.nextInt(20_000)) / 100.0;
      last[2] = Double.doubleToLongBits(amount);
      p.accept(line, lastId, last[1], amount);
    }
  }

  private record Run(byte[] csv, long duplicates, boolean spilled, CustomerSummaries summaries) {}

  private Run run(
      long seed,
      int customers,
      int rows,
      boolean numeric,
      int chunkRows,
      RowPipeline.Duplicates dups,
      SummaryOptions options,
      int threads)
      throws IOException {
    try (RowPipeline p =
        new RowPipeline(
                "test.csv", RowPolicy.KEEP, RowPolicy.DROP, dups, chunkRows, temp, null, null)
            .threads(threads)) {
      feed(p, seed, customers, rows, numeric);
      CustomerSummaries s = p.finish(options);
      Path out = temp.resolve("out-" + threads + ".csv");
      try (AtomicOutput o = AtomicOutput.open(out)) {
        SummaryCsv.write(
            s, o, options.hasHoldout(), threads, threads == 1 ? SummaryCsv.BLOCK_ROWS : 64);
        o.commit();
      }
      byte[] bytes = Files.readAllBytes(out);
      Files.delete(out);
      return new Run(bytes, p.duplicateRows(), p.spilled(), s);
    }
  }

  @Test
  void severalThreads_theBytesOfOneThread_spilledAndInMemory() throws IOException {
    int cases = 0;
    for (int chunkRows : new int[] {700, 1 << 20}) {
      for (boolean numeric : new boolean[] {true, false}) {
        for (RowPipeline.Duplicates dups : RowPipeline.Duplicates.values()) {
          for (boolean holdout : new boolean[] {true, false}) {
            boolean merge = holdout == numeric;
            SummaryOptions o = options(holdout, merge);
            long seed = Seeded.SEED + cases;
            Run one = run(seed, 12_000, 40_000, numeric, chunkRows, dups, o, 1);
            assertEquals(chunkRows == 700, one.spilled());
            assertTrue(one.duplicates() > 0);
            assertTrue(one.summaries().size() > 8_000);
            assertEquals(merge, one.summaries().hasLitt());
            if (holdout) {
              assertFalse(one.summaries().holdoutOnlyCustomerIds().isEmpty());
            }
            assertTrue(one.summaries().policyCounts().refundsDropped() > 0);
            assertTrue(one.summaries().policyCounts().zeroAmountsKept() > 0);
            for (int threads : new int[] {2, 3}) {
              Run many = run(seed, 12_000, 40_000, numeric, chunkRows, dups, o, threads);
              String what =
                  "chunk "
                      + chunkRows
                      + ", numeric "
                      + numeric
                      + ", "
                      + dups
                      + ", holdout "
                      + holdout
                      + ", threads "
                      + threads;
              assertArrayEquals(one.csv(), many.csv(), what);
              assertEquals(one.duplicates(), many.duplicates(), what);
              assertEquals(one.summaries().policyCounts(), many.summaries().policyCounts(), what);
              assertEquals(one.summaries().rows(), many.summaries().rows(), what);
              assertEquals(
                  one.summaries().holdoutOnlyCustomerIds(),
                  many.summaries().holdoutOnlyCustomerIds(),
                  what);
              assertEquals(
                  Double.doubleToLongBits(one.summaries().holdoutOnlySpend()),
                  Double.doubleToLongBits(many.summaries().holdoutOnlySpend()),
                  what);
            }
            cases++;
          }
        }
      }
    }
    assertEquals(16, cases);
  }

  private RowPipeline failing(int chunkRows, List<Integer> failAt, Error error) {
    RowPipeline p =
        new RowPipeline(
                "test.csv",
                RowPolicy.KEEP,
                RowPolicy.DROP,
                RowPipeline.Duplicates.KEEP,
                chunkRows,
                temp,
                null,
                null)
            .threads(2)
            .beforePart(
                part -> {
                  if (failAt.contains(part)) {
                    if (error != null) {
                      throw error;
                    }
                    throw new ClvArgumentException("failed at part " + part);
                  }
                });
    feed(p, 5, 12_000, 40_000, true);
    return p;
  }

  @Test
  void aFailingPart_theFirstInPartOrderIsReported_threadsAndFilesGone() throws Exception {
    for (int chunkRows : new int[] {700, 1 << 20}) {
      try (RowPipeline p = failing(chunkRows, List.of(2, 1), null)) {
        ClvArgumentException e =
            assertThrows(ClvArgumentException.class, () -> p.finish(options(true, true)));
        assertEquals("failed at part 1", e.getMessage());
      }
      try (RowPipeline p = failing(chunkRows, List.of(1), new OutOfMemoryError("test"))) {
        OutOfMemoryError e =
            assertThrows(OutOfMemoryError.class, () -> p.finish(options(true, true)));
        assertEquals("test", e.getMessage());
      }
    }
    try (Stream<Path> s = Files.list(temp)) {
      assertEquals(0, s.count(), "the temporary folders are deleted");
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (summaryThreadsAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(summaryThreadsAlive(), "the summarising threads stopped");
  }

  private static boolean summaryThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("clv-summary-") && t.isAlive());
  }

  @Test
  void summaryThreads_areDaemonsNamedClv() throws Exception {
    try (RowPipeline p =
        failing(700, List.of(), null)
            .beforePart(
                part -> {
                  Thread t = Thread.currentThread();
                  if (!t.isDaemon() || !t.getName().startsWith("clv-summary-")) {
                    throw new AssertionError(t.getName());
                  }
                })) {
      assertTrue(p.finish(options(false, false)).size() > 8_000);
    }
  }
}
