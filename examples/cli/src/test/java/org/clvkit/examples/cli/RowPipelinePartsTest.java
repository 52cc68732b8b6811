package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.Stream;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spilled parts, read back and put in order on a second thread: the same summaries in the same
 * order as when everything stays in memory, duplicates counted alike, and a failure of that thread
 * reported as the pipeline's I/O error (no hang).
 */
class RowPipelinePartsTest {
  private static final SummaryOptions OPTIONS =
      SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(2025, 6, 30));

  @TempDir Path temp;

  private static RowPipeline pipeline(int chunkRows, Path temp, RowPipeline.Duplicates dups) {
    return new RowPipeline(
        "test.csv", RowPolicy.KEEP, RowPolicy.KEEP, dups, chunkRows, temp, null, null);
  }

  /** Random rows (with exact duplicates) fed to a pipeline. */
  private static void feed(RowPipeline p, long seed, int rows) {
    Random random = new Random(seed);
    long base = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    long[] last = new long[3];
    for (int line = 2; line < rows + 2; line++) {
      if (line > 2 && random.nextInt(10) == 0) {
        p.accept(line, "c" + last[0], last[1], Double.longBitsToDouble(last[2]));
        continue;
      }
      last[0] = random.nextInt(3000);
      last[1] = base + 86_400L * random.nextInt(500);
      last[2] = Double.doubleToLongBits((1 + random.nextInt(10_000)) / 100.0);
      p.accept(line, "c" + last[0], last[1], Double.longBitsToDouble(last[2]));
    }
  }

  @Test
  void spilledPartsGiveTheSummariesOfTheInMemoryPath() {
    for (RowPipeline.Duplicates dups : RowPipeline.Duplicates.values()) {
      CustomerSummaries inMemory;
      long inMemoryDuplicates;
      try (RowPipeline p = pipeline(1 << 20, temp, dups)) {
        feed(p, 7, 40_000);
        inMemory = p.finish(OPTIONS);
        inMemoryDuplicates = p.duplicateRows();
        assertTrue(!p.spilled(), "in memory");
      }
      try (RowPipeline p = pipeline(1024, temp, dups)) {
        feed(p, 7, 40_000);
        CustomerSummaries spilled = p.finish(OPTIONS);
        assertTrue(p.spilled());
        assertEquals(inMemoryDuplicates, p.duplicateRows());
        assertTrue(inMemoryDuplicates > 0);
        assertEquals(inMemory.size(), spilled.size());
        // Customers are listed part by part when spilled: compare by id.
        for (int i = 0; i < spilled.size(); i++) {
          int j = inMemory.indexOf(spilled.customerId(i));
          assertEquals(inMemory.frequency()[j], spilled.frequency()[i]);
          assertEquals(inMemory.recency()[j], spilled.recency()[i]);
          assertEquals(inMemory.age()[j], spilled.age()[i]);
          assertEquals(
              Double.doubleToLongBits(inMemory.monetaryValue()[j]),
              Double.doubleToLongBits(spilled.monetaryValue()[i]));
        }
      }
      // The same log twice gives the same summaries in the same order.
      try (RowPipeline a = pipeline(1024, temp, dups);
          RowPipeline b = pipeline(1024, temp, dups)) {
        feed(a, 11, 20_000);
        feed(b, 11, 20_000);
        CustomerSummaries x = a.finish(OPTIONS);
        CustomerSummaries y = b.finish(OPTIONS);
        assertEquals(x.customerIds(), y.customerIds());
        assertArrayEquals(x.monetaryValue(), y.monetaryValue());
      }
    }
  }

  @Test
  void aPartThatCannotBeReadBackIsAnIoErrorNotAHang() throws IOException {
    try (RowPipeline p = pipeline(1024, temp, RowPipeline.Duplicates.KEEP)) {
      feed(p, 3, 20_000);
      Path dir;
      try (Stream<Path> s = Files.list(temp)) {
        dir = s.filter(f -> f.getFileName().toString().startsWith("clv-spill-")).findFirst().get();
      }
      Files.delete(dir.resolve("part-200"));
      CliException e = assertThrows(CliException.class, () -> p.finish(OPTIONS));
      assertEquals(ExitCodes.IO, e.exitCode());
      assertTrue(
          e.getMessage().startsWith("cannot read temporary files in " + dir), e.getMessage());
    }
    try (Stream<Path> s = Files.list(temp)) {
      assertEquals(0, s.count(), "the temporary folder is deleted");
    }
  }
}
