package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated log of 1,000,000 transactions by 100,000 customers streams through {@code clv
 * summarize} in a child JVM limited to a 256 MB heap: the summary has one row per customer and
 * every row is accounted for. The file is about 25 MB, and the reader keeps nothing per row.
 */
class StreamingMemoryTest {
  static final int ROWS = 1_000_000;
  static final int CUSTOMERS = 100_000;

  @TempDir Path dir;

  @Test
  void summarize_millionRowsIn256MbHeap_givesOneRowPerCustomer() throws Exception {
    Path log = dir.resolve("transactions.csv");
    generate(log);
    Path summary = dir.resolve("summary.csv");
    Cli.Result r =
        Cli.fork(
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
            300,
            dir,
            "summarize",
            log,
            "-o",
            summary);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(
        r.err()
            .startsWith(
                log
                    + ": 1,000,000 rows (1 header line, 0 blank lines skipped): 1,000,000"
                    + " summarised."),
        r::toString);
    assertFalse(r.err().contains("\r"), "no progress bar when stderr is not a terminal");
    long lines;
    try (var stream = Files.lines(summary)) {
      lines = stream.count();
    }
    assertEquals(CUSTOMERS + 1, lines, "a header and one row per customer");
  }

  /** Every customer buys once in the first 100,000 rows, then at random, over two years. */
  private static void generate(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    LocalDate start = LocalDate.of(2023, 1, 1);
    String[] dates = new String[730];
    for (int d = 0; d < dates.length; d++) {
      dates[d] = start.plusDays(d).toString();
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("customer_id,date,amount\n");
      for (int i = 0; i < ROWS; i++) {
        int customer = i < CUSTOMERS ? i : random.nextInt(CUSTOMERS);
        out.write("c");
        out.write(Integer.toString(customer));
        out.write(',');
        out.write(dates[random.nextInt(dates.length)]);
        out.write(',');
        out.write(String.format(Locale.ROOT, "%.2f", 1 + 99 * random.nextDouble()));
        out.write('\n');
      }
    }
  }
}
