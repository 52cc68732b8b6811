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
 * Issue 12, part 5: the speed paths give the same output as the plain ones. A generated log of
 * 3,000 customers (numeric ids, kept as numbers, and string ids), its copy sorted by customer and a
 * shuffled copy; the summary CSV written in blocks on several threads equals the one written on one
 * thread byte for byte; a log sorted by customer without any end given is detected and streamed (a
 * scan of its dates first, no spill) with the summaries of {@code --sorted}; and a bad row late in
 * a spilled log is reported by its line. The forked runs hold 500 rows in memory, so that the
 * any-order path spills.
 */
class IngestSpeedPathsTest {
  @TempDir Path dir;

  /** Rows in time order: customers' purchases interleaved, as an export by date has them. */
  private static List<String> timeOrderedRows() {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    LocalDate start = LocalDate.of(2023, 1, 1);
    List<String[]> rows = new ArrayList<>();
    for (int c = 0; c < 3000; c++) {
      String id = c % 3 == 0 ? "c" + c : Integer.toString(c * 7);
      int first = random.nextInt(300);
      for (int k = 1 + random.nextInt(6); k > 0; k--) {
        int day = first + random.nextInt(400);
        String amount = (1 + random.nextInt(300)) + "." + (10 + random.nextInt(90));
        rows.add(new String[] {String.format("%05d", day), id, start.plusDays(day) + "", amount});
        if (random.nextInt(20) == 0) {
          rows.add(rows.get(rows.size() - 1)); // an exact duplicate
        }
      }
    }
    rows.sort((a, b) -> a[0].compareTo(b[0]));
    List<String> lines = new ArrayList<>();
    for (String[] r : rows) {
      lines.add(r[1] + "," + r[2] + "," + r[3]);
    }
    return lines;
  }

  private Path write(String name, List<String> rows) {
    return Cli.write(
        dir.resolve(name), "customer_id,date,amount\n" + String.join("\n", rows) + "\n");
  }

  private Cli.Result summarize(List<String> jvm, Path log, Path out, Object... more)
      throws Exception {
    List<String> options = new ArrayList<>(List.of("-Dclvkit.chunkRows=500"));
    options.addAll(jvm);
    List<Object> args =
        new ArrayList<>(List.of("summarize", log, "-o", out, "--progress", "never"));
    args.addAll(List.of(more));
    return Cli.fork(options, 120, dir, args.toArray());
  }

  private static List<String> sortedLines(Path file) {
    List<String> lines = new ArrayList<>(Cli.lines(file));
    Collections.sort(lines);
    return lines;
  }

  @Test
  void summarize_parallelWriterAndAnyRowOrder_sameSummaries() throws Exception {
    List<String> rows = timeOrderedRows();
    Path byTime = write("by-time.csv", rows);
    List<String> shuffledRows = new ArrayList<>(rows);
    Collections.shuffle(shuffledRows, new Random(Seeded.SEED));
    Path shuffled = write("shuffled.csv", shuffledRows);
    List<String> byCustomerRows = new ArrayList<>(rows);
    byCustomerRows.sort(
        (a, b) -> a.substring(0, a.indexOf(',')).compareTo(b.substring(0, b.indexOf(','))));
    Path byCustomer = write("by-customer.csv", byCustomerRows);

    List<String> parallel = List.of("-Dclvkit.writerBlockRows=64", "-Dclvkit.writerThreads=3");
    List<String> single = List.of("-Dclvkit.writerThreads=1");
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Cli.Result r =
        summarize(
            parallel,
            shuffled,
            a,
            "--calibration-end",
            "2024-06-30",
            "--holdout-end",
            "2025-12-31");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.err().contains("spilled"), r::toString);
    assertEquals(
        ExitCodes.OK,
        summarize(
                single,
                shuffled,
                b,
                "--calibration-end",
                "2024-06-30",
                "--holdout-end",
                "2025-12-31")
            .code());
    assertEquals(Cli.read(b), Cli.read(a), "written on three threads as on one");
    assertTrue(Cli.lines(a).size() > 2000);

    for (Path other : List.of(byTime, byCustomer)) {
      Path c = dir.resolve("c.csv");
      assertEquals(
          ExitCodes.OK,
          summarize(
                  parallel,
                  other,
                  c,
                  "--calibration-end",
                  "2024-06-30",
                  "--holdout-end",
                  "2025-12-31")
              .code());
      assertEquals(sortedLines(a), sortedLines(c), other.toString());
    }
  }

  @Test
  void summarize_sortedByCustomerWithoutEnds_detectedAndStreamedAsWithSortedFlag()
      throws Exception {
    List<String> rows = new ArrayList<>(SortedInputTest.sortedRows());
    Path log = write("sorted.csv", rows);
    Path detected = dir.resolve("detected.csv");
    Path declared = dir.resolve("declared.csv");
    Path shuffledOut = dir.resolve("shuffled-out.csv");
    Cli.Result r = summarize(List.of(), log, detected);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertFalse(r.err().contains("spilled"), r::toString);
    assertTrue(r.err().contains("observation end taken from the data"), r::toString);
    Cli.Result s = summarize(List.of(), log, declared, "--sorted");
    assertEquals(ExitCodes.OK, s.code(), s::toString);
    assertEquals(Cli.read(declared), Cli.read(detected));
    assertEquals(
        s.err().replace("declared.csv", "detected.csv"), r.err(), "the same notes and counts");

    List<String> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(Seeded.SEED));
    Cli.Result any = summarize(List.of(), write("shuffled.csv", shuffled), shuffledOut);
    assertEquals(ExitCodes.OK, any.code(), any::toString);
    assertTrue(any.err().contains("spilled"), any::toString);
    assertEquals(sortedLines(shuffledOut), sortedLines(detected));
  }

  @Test
  void summarize_sortedByCustomerButBrokenAtTheEnd_anyOrderSummaries() throws Exception {
    List<String> rows = new ArrayList<>(SortedInputTest.sortedRows());
    String first = rows.get(0);
    rows.add(first.substring(0, first.indexOf(',')) + ",2023-06-01,12.34");
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Cli.Result r = summarize(List.of(), write("almost.csv", rows), a);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.err().contains("spilled"), r::toString);
    Collections.shuffle(rows, new Random(Seeded.SEED));
    assertEquals(ExitCodes.OK, summarize(List.of(), write("shuffled.csv", rows), b).code());
    assertEquals(sortedLines(b), sortedLines(a));
  }

  @Test
  void summarize_badRowsLateInASpilledLog_firstReportedByItsLine() throws Exception {
    List<String> rows = new ArrayList<>(timeOrderedRows());
    int late = rows.size() - 10;
    rows.set(late, "c3,2024-02-30,5.00");
    rows.set(rows.size() - 3, "c6,2024-03-01,abc");
    Cli.Result r =
        summarize(
            List.of(),
            write("bad.csv", rows),
            dir.resolve("o.csv"),
            "--calibration-end",
            "2024-06-30",
            "--holdout-end",
            "2025-12-31");
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertTrue(r.err().contains("line " + (late + 2)), r::toString);
    assertFalse(Files.exists(dir.resolve("o.csv")));
  }

  @Test
  void plainCellAndIdCell_exactlyAsFastCsvWritesTheId() throws Exception {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    String alphabet = "ab1#\",;\r\n '=-@\tü";
    for (int k = 0; k < 20_000; k++) {
      StringBuilder id = new StringBuilder();
      for (int n = random.nextInt(5); n > 0; n--) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String cell = id.toString();
      java.io.StringWriter out = new java.io.StringWriter();
      de.siegmar.fastcsv.writer.CsvWriter csv =
          de.siegmar.fastcsv.writer.CsvWriter.builder()
              .lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF)
              .build(out);
      csv.writeRecord(cell, "1");
      csv.flush();
      boolean unquoted = out.toString().equals(cell + ",1\n");
      // An empty id (never read) takes FastCSV's own path: plainCell may say no to it.
      assertEquals(unquoted && !cell.isEmpty(), SummaryCsv.plainCell(cell), cell);
      // idCell is the record's first cell, empty or not
      assertEquals(out.toString(), SummaryCsv.idCell(cell) + ",1\n", cell);
    }
  }
}
