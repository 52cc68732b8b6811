package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 3: {@code --sorted} streams a log sorted by customer (and time within a customer)
 * into the summaries without buffering rows; its summaries equal those of the same rows in any
 * order bit for bit (same-day purchases included, whose sums depend on the order of addition), and
 * a file that is not sorted is an error naming the first row out of order.
 */
class SortedInputTest {
  @TempDir Path dir;

  /** A log sorted by customer and day: 300 customers, decimal amounts, some exact duplicates. */
  static List<String> sortedRows() {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    LocalDate start = LocalDate.of(2023, 1, 1);
    List<String> rows = new ArrayList<>();
    for (int c = 0; c < 300; c++) {
      int day = random.nextInt(200);
      int purchases = 1 + random.nextInt(12);
      for (int k = 0; k < purchases; k++) {
        String row =
            "cust"
                + c
                + ","
                + start.plusDays(day)
                + ","
                + (1 + random.nextInt(300))
                + "."
                + (10 + random.nextInt(90));
        rows.add(row);
        if (random.nextInt(10) == 0) {
          rows.add(row); // an exact duplicate, adjacent as a sorted export has it
        }
        if (random.nextInt(4) == 0) {
          // More purchases that day: the sum of three or more amounts depends on their order.
          for (int extra = 1 + random.nextInt(3); extra > 0; extra--) {
            rows.add(
                "cust"
                    + c
                    + ","
                    + start.plusDays(day)
                    + ","
                    + (1 + random.nextInt(300))
                    + "."
                    + (10 + random.nextInt(90)));
          }
        }
        day += 1 + random.nextInt(40);
      }
    }
    return rows;
  }

  private Path write(String name, List<String> rows) {
    return Cli.write(
        dir.resolve(name), "customer_id,date,amount\n" + String.join("\n", rows) + "\n");
  }

  private static List<String> sortedLines(Path file) {
    List<String> lines = new ArrayList<>(Cli.lines(file));
    Collections.sort(lines);
    return lines;
  }

  @Test
  void summarize_sortedFlagAndAnyOrder_giveIdenticalSummaries() {
    List<String> rows = sortedRows();
    Path sorted = write("sorted.csv", rows);
    List<String> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(Seeded.SEED));
    Path unsorted = write("shuffled.csv", shuffled);
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    String[] common = {
      "--calibration-end", "2023-12-31", "--holdout-end", "2025-06-30", "--progress", "never"
    };
    Cli.Result streamed =
        Cli.run(concat(new Object[] {"summarize", sorted, "--sorted", "-o", a}, common));
    Cli.Result any = Cli.run(concat(new Object[] {"summarize", unsorted, "-o", b}, common));
    assertEquals(ExitCodes.OK, streamed.code(), streamed::toString);
    assertEquals(ExitCodes.OK, any.code(), any::toString);
    assertEquals(301, Cli.lines(a).size());
    assertEquals(sortedLines(b), sortedLines(a));
    // Both count the same duplicates.
    String count = any.err().substring(0, any.err().indexOf(" exact duplicate rows"));
    count = count.substring(count.lastIndexOf('\n') + 1);
    assertTrue(streamed.err().contains(count + " exact duplicate rows"), streamed + "\nvs\n" + any);
    assertFalse(count.equals("0"), "the log has duplicates");
  }

  @Test
  void summarize_sortedFlagOnACustomerMetAgain_namesTheRow() {
    Path f =
        write(
            "again.csv",
            List.of("a,2024-01-02,5", "a,2024-01-09,7", "b,2024-01-03,6", "a,2024-02-01,5"));
    Path out = dir.resolve("s.csv");
    Cli.Result r =
        Cli.run("summarize", f, "--sorted", "--calibration-end", "2024-03-01", "-o", out);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + f
            + ": line 5 breaks --sorted: customer \"a\" appears again after other customers' rows;"
            + " the input is not sorted by customer and time",
        r.firstErrorLine());
    assertTrue(r.err().contains("hint: leave out --sorted to read the rows in any order"));
    assertFalse(Files.exists(out));
  }

  @Test
  void summarize_sortedFlagOnATimeGoingBack_namesTheRow() {
    Path f = write("back.csv", List.of("a,2024-01-09,5", "a,2024-01-02,7", "b,2024-01-03,6"));
    Cli.Result r =
        Cli.run(
            "summarize", f, "--sorted", "--calibration-end", "2024-03-01", "-o", dir.resolve("s"));
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + f
            + ": line 3 breaks --sorted: the time 2024-01-02 of customer \"a\" is before its"
            + " previous row's 2024-01-09; the input is not sorted by customer and time",
        r.firstErrorLine());
  }

  @Test
  void summarize_sortedFlagWithEndFromData_readsTheDatesFirst() {
    List<String> rows = sortedRows();
    Path sorted = write("sorted.csv", rows);
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Cli.Result streamed = Cli.run("summarize", sorted, "--sorted", "-o", a);
    Cli.Result any = Cli.run("summarize", sorted, "-o", b);
    assertEquals(ExitCodes.OK, streamed.code(), streamed::toString);
    assertEquals(ExitCodes.OK, any.code(), any::toString);
    assertEquals(sortedLines(b), sortedLines(a));
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] all = new Object[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
