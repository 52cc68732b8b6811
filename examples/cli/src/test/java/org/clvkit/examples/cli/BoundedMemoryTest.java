package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 3: summaries in memory that grows with customers, not rows, whatever the order of
 * the log; exact duplicate rows counted. A log longer than the rows held in memory is spilled to
 * temporary files by customer and summarised partition by partition; the result equals the
 * in-memory one and the temporary files are gone afterwards.
 */
class BoundedMemoryTest {
  @TempDir Path dir;

  /** Rows in random order, integer amounts (so that sums are exact in any order). */
  private Path log(String name, int customers, int rows, int days) throws IOException {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    LocalDate start = LocalDate.of(2015, 1, 1);
    Path file = dir.resolve(name);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("customer_id,date,amount\n");
      for (int i = 0; i < rows; i++) {
        int c = random.nextInt(customers);
        out.write("c" + c + "," + start.plusDays(random.nextInt(days)) + "," + (1 + c % 50) + "\n");
      }
    }
    return file;
  }

  private static List<String> sortedLines(Path file) {
    List<String> lines = new ArrayList<>(Cli.lines(file));
    Collections.sort(lines);
    return lines;
  }

  @Test
  void summarize_spilledLog_equalsTheInMemorySummaryAndLeavesNoTemporaryFile() throws Exception {
    Path log = log("log.csv", 300, 6000, 400);
    Cli.write(dir.resolve("dups.csv"), Cli.read(log) + "c1,2015-01-02,2\nc1,2015-01-02,2\n");
    Path inMemory = dir.resolve("a.csv");
    Path spilled = dir.resolve("b.csv");
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Cli.Result a =
        Cli.run("summarize", dir.resolve("dups.csv"), "-o", inMemory, "--duplicates=drop");
    Cli.Result b =
        Cli.fork(
            List.of("-Dclvkit.chunkRows=500"),
            120,
            dir,
            "summarize",
            dir.resolve("dups.csv"),
            "-o",
            spilled,
            "--duplicates=drop",
            "--temp-dir",
            temp);
    assertEquals(ExitCodes.OK, a.code(), a::toString);
    assertEquals(ExitCodes.OK, b.code(), b::toString);
    assertTrue(b.err().contains("the log was spilled to temporary files"), b::toString);
    assertEquals(sortedLines(inMemory), sortedLines(spilled));
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(List.of(), left.toList(), "temporary files removed");
    }
  }

  @Test
  void summarize_exactDuplicates_areCountedAndKeptOrDropped() throws IOException {
    Path f =
        Cli.write(
            dir.resolve("d.csv"),
            "customer_id,date,amount\na,2024-01-02,5\na,2024-01-02,5\na,2024-01-09,7\n"
                + "a,2024-01-02,6\n");
    Path s = dir.resolve("s.csv");
    Cli.Result keep = Cli.run("summarize", f, "-o", s);
    assertEquals(ExitCodes.OK, keep.code(), keep::toString);
    assertTrue(
        keep.err()
            .contains(
                "1 exact duplicate rows (same customer, time and amount) kept as purchases"
                    + " (--duplicates=drop leaves them out)"),
        keep::toString);
    assertTrue(Cli.read(s).contains(",23.0,"), "5 + 5 + 7 + 6");
    Cli.Result drop = Cli.run("summarize", f, "-o", s, "--duplicates=drop");
    assertEquals(ExitCodes.OK, drop.code(), drop::toString);
    assertTrue(drop.err().contains("1 exact duplicate rows"), drop::toString);
    assertTrue(Cli.read(s).contains(",18.0,"), "5 + 7 + 6");
  }

  @Test
  void summarize_longUnsortedLogOfFewCustomers_runsIn24MbHeap() throws Exception {
    // 2,000 customers buying on ~870 distinct days each of ten years: the day sets of unordered
    // input would need ~14 MB (28 MB while growing); spilled, memory is the customers' summaries.
    Path log = log("few.csv", 2000, 2_000_000, 3650);
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Cli.Result r =
        Cli.fork(
            List.of("-Xmx24m", "-XX:+UseSerialGC"),
            300,
            dir,
            "summarize",
            log,
            "-o",
            "s.csv",
            "--temp-dir",
            temp);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals(2001, Cli.lines(dir.resolve("s.csv")).size());
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(List.of(), left.toList(), "temporary files removed");
    }
  }
}
