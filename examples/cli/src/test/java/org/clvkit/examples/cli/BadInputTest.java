package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad transaction files through {@code clv summarize}: each kind of problem gives its exact message
 * (first line of stderr) and exit code; with {@code --on-bad-row=skip} the bad rows are counted and
 * listed and nothing else is lost.
 */
class BadInputTest {
  @TempDir Path dir;

  static final String GOOD =
      "customer_id,date,amount\n"
          + "a,2024-01-05,10.00\n"
          + "b,2024-01-06,20.50\n"
          + "a,2024-02-01,5.25\n"
          + "c,2024-02-10,0\n"
          + "b,2024-03-01,7.75\n"
          + "a,2024-03-01,1.00\n";

  private Path file(String name, String text) {
    return Cli.write(dir.resolve(name), text);
  }

  private Cli.Result summarize(Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = "summarize";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all);
  }

  private void assertFails(int code, String message, Cli.Result r) {
    assertEquals(code, r.code(), r::toString);
    assertEquals("error: " + message, r.firstErrorLine(), r::toString);
    assertEquals("", r.out(), "no partial output on stdout");
  }

  @Test
  void summarize_missingColumn_namesTheColumnsOfTheHeader() {
    Path f = file("orders.csv", GOOD.replace("customer_id,date,amount", "customer_id,day,amount"));
    assertFails(
        ExitCodes.DATA,
        f
            + ": --date \"date\" must name a column of the header (line 1), which has"
            + " \"customer_id\", \"day\", \"amount\"",
        summarize(f));
  }

  @Test
  void summarize_unparseableDate_namesLineColumnPatternAndValue() {
    Path f = file("orders.csv", GOOD.replace("2024-02-01", "2024-02-30"));
    Cli.Result r = summarize(f);
    assertFails(
        ExitCodes.DATA,
        f + ": date (line 4, column 2) must be a date of pattern yyyy-MM-dd, was \"2024-02-30\"",
        r);
    assertTrue(
        r.err().contains("hint: --on-bad-row=skip skips bad rows, counts them and lists them"),
        r::toString);
  }

  @Test
  void summarize_negativeAmount_isRejectedWithItsLine() {
    Path f = file("orders.csv", GOOD.replace("7.75", "-7.75"));
    assertFails(
        ExitCodes.DATA, f + ": amount (line 6) must be finite and >= 0, was -7.75", summarize(f));
  }

  @Test
  void summarize_amountNotANumber_namesLineColumnAndValue() {
    Path f = file("orders.csv", GOOD.replace("20.50", "$20.50"));
    assertFails(
        ExitCodes.DATA,
        f + ": amount (line 3, column 3) must be a number, was \"$20.50\"",
        summarize(f));
  }

  @Test
  void summarize_emptyFile_isRejected() {
    Path f = file("orders.csv", "");
    assertFails(
        ExitCodes.DATA, f + " must contain at least one transaction, was empty", summarize(f));
  }

  @Test
  void summarize_headerOnly_isRejected() {
    Path f = file("orders.csv", "customer_id,date,amount\n\n");
    assertFails(
        ExitCodes.DATA,
        f + " must contain at least one transaction after its header (line 1), had none",
        summarize(f));
  }

  @Test
  void summarize_wrongDelimiter_suggestsTheOneInTheFile() {
    Path f = file("orders.csv", GOOD.replace(',', ';'));
    assertFails(
        ExitCodes.DATA,
        f
            + ": --id \"customer_id\" must name a column of the header (line 1), which has"
            + " \"customer_id;date;amount\" (one field with delimiter ','; the line contains"
            + " ';': try --delimiter=';')",
        summarize(f));
    Cli.Result fixed = summarize(f, "--delimiter", ";");
    assertEquals(ExitCodes.OK, fixed.code(), fixed::toString);
  }

  @Test
  void summarize_shortRow_namesTheLine() {
    Path f = file("orders.csv", GOOD.replace("b,2024-01-06,20.50", "b,2024-01-06"));
    assertFails(
        ExitCodes.DATA,
        f + ": line 3 must be a row of at least 3 fields, was \"b,2024-01-06\"",
        summarize(f));
  }

  @Test
  void summarize_emptyCustomerId_namesLineAndColumn() {
    Path f = file("orders.csv", GOOD.replace("b,2024-03-01", ",2024-03-01"));
    assertFails(
        ExitCodes.DATA, f + ": customerId (line 6, column 1) must not be empty", summarize(f));
  }

  @Test
  void summarize_missingFile_isAnInputOutputError() {
    Path f = dir.resolve("nothing.csv");
    assertFails(ExitCodes.IO, f + ": file not found", summarize(f));
  }

  @Test
  void summarize_badOptionValue_isAUsageError() {
    Path f = file("orders.csv", GOOD);
    assertFails(
        ExitCodes.USAGE,
        "--on-bad-row must be stop or skip, was \"maybe\"",
        summarize(f, "--on-bad-row", "maybe"));
    assertFails(
        ExitCodes.USAGE,
        "--holdout-end = 2024-01-01 must not be before the calibration end 2024-02-01",
        summarize(f, "--calibration-end", "2024-02-01", "--holdout-end", "2024-01-01"));
  }

  @Test
  void summarize_skipBadRows_countsListsAndLosesNothingElse() throws IOException {
    String bad =
        GOOD
            + "d,2024-13-01,3.00\n" // line 8: bad date
            + "e,2024-03-02,-1\n" // line 9: refund
            + "f,2024-03-03,abc\n" // line 10: not a number
            + "g,2024-03-04\n" // line 11: too few fields
            + "b,2024-03-05,2.00\n"; // line 12: good
    String good = GOOD + "b,2024-03-05,2.00\n";
    Path badFile = file("bad.csv", bad);
    Path goodFile = file("good.csv", good);
    Path rejects = dir.resolve("rejects.csv");
    Cli.Result skipped =
        summarize(
            badFile,
            "--on-bad-row=skip",
            "--rejects",
            rejects,
            "--calibration-end",
            "2024-03-05",
            "-o",
            dir.resolve("from-bad.csv"));
    Cli.Result clean =
        summarize(goodFile, "--calibration-end", "2024-03-05", "-o", dir.resolve("from-good.csv"));
    assertEquals(ExitCodes.OK, skipped.code(), skipped::toString);
    assertEquals(ExitCodes.OK, clean.code(), clean::toString);
    assertTrue(
        skipped
            .err()
            .startsWith(
                badFile
                    + ": 11 rows (1 header line, 0 blank lines skipped): 7 summarised, 4 bad rows"
                    + " skipped (listed in "
                    + rejects
                    + "); 1 zero amounts kept as purchases."),
        skipped::toString);
    assertEquals(
        Cli.read(dir.resolve("from-good.csv")),
        Cli.read(dir.resolve("from-bad.csv")),
        "the good rows give the same summary as the file without the bad ones");
    List<String> listed = Cli.lines(rejects);
    assertEquals(
        List.of(
            "line,reason,row",
            "8,\"date (line 8, column 2) must be a date of pattern yyyy-MM-dd, was"
                + " \"\"2024-13-01\"\"\",\"d,2024-13-01,3.00\"",
            "9,\"amount (line 9) must be finite and >= 0, was -1.0\",\"e,2024-03-02,-1\"",
            "10,\"amount (line 10, column 3) must be a number, was"
                + " \"\"abc\"\"\",\"f,2024-03-03,abc\"",
            "11,\"line 11 must be a row of at least 3 fields, was"
                + " \"\"g,2024-03-04\"\"\",\"g,2024-03-04\""),
        listed);
  }

  @Test
  void summarize_allRowsBad_isADataError() {
    Path f = file("orders.csv", "customer_id,date,amount\na,01/02/2024,1\nb,01/03/2024,2\n");
    Path rejects = dir.resolve("r.csv");
    Cli.Result r =
        summarize(f, "--on-bad-row=skip", "--rejects", rejects, "--calibration-end", "2024-12-31");
    assertFails(
        ExitCodes.DATA,
        f
            + ": no row was usable: all 2 rows were bad; the first: date (line 2, column 2) must"
            + " be a date of pattern yyyy-MM-dd, was \"01/02/2024\"; date (line 3, column 2) must"
            + " be a date of pattern yyyy-MM-dd, was \"01/03/2024\"",
        r);
    assertFalse(Files.exists(rejects), "a failed run writes no output");
  }

  @Test
  void summarize_gzipNoHeaderIndexesAndPattern_readsLikeThePlainFile() throws IOException {
    String plain = GOOD.replace("customer_id,date,amount\n", "").replace("-", "");
    String tabbed = plain.replace(',', '\t');
    Path gz = dir.resolve("orders.tsv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(tabbed.getBytes(StandardCharsets.UTF_8));
    }
    Cli.Result fromGzip =
        summarize(
            gz,
            "--no-header",
            "--id",
            "1",
            "--date",
            "2",
            "--amount",
            "3",
            "--date-format",
            "yyyyMMdd",
            "-o",
            dir.resolve("a.csv"));
    Cli.Result fromCsv = summarize(file("orders.csv", GOOD), "-o", dir.resolve("b.csv"));
    assertEquals(ExitCodes.OK, fromGzip.code(), fromGzip::toString);
    assertEquals(ExitCodes.OK, fromCsv.code(), fromCsv::toString);
    assertEquals(Cli.read(dir.resolve("b.csv")), Cli.read(dir.resolve("a.csv")));
    assertEquals(4, Cli.lines(dir.resolve("a.csv")).size(), "a header and three customers");
  }

  @Test
  void summarize_notATerminal_drawsNoProgressBarUnlessAsked() {
    Path f = file("orders.csv", GOOD);
    Cli.Result quiet = summarize(f, "-o", dir.resolve("q.csv"));
    assertFalse(quiet.err().contains("\r"), quiet::toString);
    Cli.Result asked = summarize(f, "-o", dir.resolve("p.csv"), "--progress", "always");
    assertTrue(
        asked.err().contains("\rreading " + f + " [##############################] 100%")
            && asked.err().contains("rows/s"),
        asked::toString);
  }
}
