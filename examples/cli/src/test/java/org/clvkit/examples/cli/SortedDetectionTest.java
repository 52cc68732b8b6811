package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 3: a log sorted by customer is detected without {@code --sorted} and streamed (not
 * spilled, whatever its length), with the summaries of {@code --sorted} byte for byte; a log that
 * is not sorted, or stops being sorted at its last row, gives the summaries of the any-order path.
 * The forked runs hold 500 rows in memory, so that the any-order path spills.
 */
class SortedDetectionTest {
  private static final List<String> SPILL_AT_500 = List.of("-Dclvkit.chunkRows=500");

  @TempDir Path dir;

  private Path write(String name, List<String> rows) {
    return Cli.write(
        dir.resolve(name), "customer_id,date,amount\n" + String.join("\n", rows) + "\n");
  }

  private static List<String> sortedLines(Path file) {
    List<String> lines = new ArrayList<>(Cli.lines(file));
    Collections.sort(lines);
    return lines;
  }

  private Cli.Result summarize(Path log, Path out, Object... more) throws Exception {
    List<Object> args =
        new ArrayList<>(
            List.of(
                "summarize",
                log,
                "-o",
                out,
                "--calibration-end",
                "2023-12-31",
                "--holdout-end",
                "2025-06-30",
                "--progress",
                "never",
                "--temp-dir",
                Files.createDirectories(dir.resolve("tmp"))));
    args.addAll(List.of(more));
    Cli.Result r = Cli.fork(SPILL_AT_500, 120, dir, args.toArray());
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      assertEquals(List.of(), left.toList(), "temporary files removed");
    }
    return r;
  }

  @Test
  void summarize_sortedLogWithoutFlag_streamedAsWithSortedFlag() throws Exception {
    List<String> rows = SortedInputTest.sortedRows();
    assertTrue(rows.size() > 1000, "longer than the rows held in memory");
    Path log = write("sorted.csv", rows);
    Path detected = dir.resolve("detected.csv");
    Path declared = dir.resolve("declared.csv");
    Cli.Result r = summarize(log, detected);
    summarize(log, declared, "--sorted");
    assertFalse(r.err().contains("spilled"), r::toString);
    assertEquals(Cli.read(declared), Cli.read(detected));
  }

  @Test
  void summarize_shuffledLog_spilledWithTheSameSummaries() throws Exception {
    List<String> rows = SortedInputTest.sortedRows();
    Path sorted = write("sorted.csv", rows);
    List<String> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(Seeded.SEED));
    Path unsorted = write("shuffled.csv", shuffled);
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    summarize(sorted, a);
    Cli.Result r = summarize(unsorted, b);
    assertTrue(r.err().contains("the log was spilled to temporary files"), r::toString);
    assertEquals(sortedLines(a), sortedLines(b));
  }

  @Test
  void summarize_sortedButACustomerMetAgainAtTheLastRow_summariesOfAnyOrder() throws Exception {
    List<String> rows = new ArrayList<>(SortedInputTest.sortedRows());
    // The first customer's purchase again, last: a customer met again after others' rows.
    String first = rows.get(0);
    rows.add(first.substring(0, first.indexOf(',')) + ",2023-06-01,12.34");
    assertLikeAnyOrder(rows);
  }

  @Test
  void summarize_sortedButTimeGoingBackAtTheLastRow_summariesOfAnyOrder() throws Exception {
    List<String> rows = new ArrayList<>(SortedInputTest.sortedRows());
    String last = rows.get(rows.size() - 1);
    rows.add(last.substring(0, last.indexOf(',')) + ",2022-12-31,7.5");
    assertLikeAnyOrder(rows);
  }

  /** The summaries of {@code rows} equal those of the same rows shuffled (not sorted at all). */
  private void assertLikeAnyOrder(List<String> rows) throws Exception {
    Path log = write("almost.csv", rows);
    List<String> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(Seeded.SEED));
    Path any = write("shuffled.csv", shuffled);
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Cli.Result r = summarize(log, a);
    summarize(any, b);
    assertTrue(r.err().contains("the log was spilled to temporary files"), r::toString);
    assertEquals(sortedLines(b), sortedLines(a));
    assertEquals(301, Cli.lines(a).size());
  }
}
