package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 2, last item: under the default {@code --on-bad-row=stop} every problem of a file
 * is reported in one run (on main a user needed a run per problem for CDNOW_master.txt). The file
 * has CDNOW_master.txt's shape (whitespace-separated, no header, yyyyMMdd dates) and three kinds of
 * problems: a date that does not exist, amounts with a decimal comma, and a refund.
 */
class OnePassProblemsTest {
  @TempDir Path dir;

  private static final String MASTER_SHAPED =
      String.join(
          "\n",
          " 00001 19970101  1   11.77",
          " 00002 19970112  1   12.00",
          " 00002 19970231  5   77.00",
          " 00003 19970102  2   20,76",
          " 00003 19970330  2  -20.76",
          " 00004 19970101  2   29.33",
          " 00004 19970118  2   29,73",
          " 00004 19970802  1   14.96",
          "");

  @Test
  void summarize_threeKindsOfProblems_reportedTogetherInOneRun() {
    Path f = Cli.write(dir.resolve("master.txt"), MASTER_SHAPED);
    Path out = dir.resolve("s.csv");
    Cli.Result r =
        Cli.run(
            "summarize",
            f,
            "--delimiter=whitespace",
            "--no-header",
            "--id=1",
            "--date=2",
            "--amount=4",
            "--calibration-end=1997-12-31",
            "--progress=never",
            "-o",
            out);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    String n = System.lineSeparator();
    assertEquals(
        "error: "
            + f
            + ": date (line 3, column 2) must be a date of pattern yyyyMMdd, was \"19970231\""
            + n
            + f
            + ": 4 bad rows in all, read in one pass; nothing was written. The first 4:"
            + n
            + "  date (line 3, column 2) must be a date of pattern yyyyMMdd, was \"19970231\""
            + n
            + "  amount (line 4, column 4) must be a number (for 1,234.50 give --grouping ','; for"
            + " 1.234,50 give --decimal ',' --grouping '.'), was \"20,76\""
            + n
            + "  amount (line 5) must be finite and >= 0, was -20.76"
            + n
            + "  amount (line 7, column 4) must be a number (for 1,234.50 give --grouping ','; for"
            + " 1.234,50 give --decimal ',' --grouping '.'), was \"29,73\""
            + n
            + "By kind, and what addresses it:"
            + n
            + "  1 date that does not parse: --date-format PATTERN (and --zone for offsets)"
            + n
            + "  1 negative amount (refund): --refunds=drop"
            + n
            + "  2 amounts that do not parse: --decimal/--grouping, or --amount (right column?)"
            + n
            + "hint: --on-bad-row=skip skips bad rows, counts them and lists them in a rejects"
            + " file"
            + n,
        r.err(),
        r::toString);
    assertFalse(Files.exists(out));
  }
}
