package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 2: the input is never altered without a word. Each test failed on main (bytes
 * replaced by U+FFFD, a 2099 row taken as the end, Infinity written, rows re-serialised, a long
 * line aborting the run, formulas written raw, offsets and grouped amounts unreadable).
 */
class IngestTest {
  @TempDir Path dir;

  private Path bytes(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The first column of the summary's data rows. */
  private static List<String> ids(Path summary) {
    List<String> ids = new ArrayList<>();
    List<String> lines = Cli.lines(summary);
    for (String line : lines.subList(1, lines.size())) {
      ids.add(line.substring(0, line.indexOf(',')));
    }
    return ids;
  }

  /** The named column of the summary row of customer {@code id}. */
  private static String value(Path summary, String id, String column) {
    List<String> lines = Cli.lines(summary);
    List<String> header = List.of(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (f[0].equals(id)) {
        return f[header.indexOf(column)];
      }
    }
    throw new AssertionError("no customer " + id + " in " + lines);
  }

  private static final byte[] LATIN1 =
      concat(
          ascii("customer_id,date,amount\n"),
          latin1("M\u00fcller,2024-01-02,5\n"),
          latin1("M\u00f6ller,2024-01-03,6\n"),
          latin1("M\u00e4ller,2024-01-04,7\n"));

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void summarize_latin1BytesReadAsUtf8_isABadRowWithLineAndByteOffset() throws IOException {
    Path f = bytes("latin1.csv", LATIN1);
    Cli.Result r = Cli.run("summarize", f, "-o", dir.resolve("s.csv"));
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + f
            + ": line 2 must be text in the input's encoding, has a byte that is not (at byte"
            + " offset 25 of the file): \"M\\xFCller,2024-01-02,5\"; give --encoding (e.g."
            + " ISO-8859-1, windows-1252, GB18030)",
        r.firstErrorLine());
    assertFalse(Files.exists(dir.resolve("s.csv")));
  }

  @Test
  void summarize_encodingOption_keepsLatin1NamesApart() throws IOException {
    Path f = bytes("latin1.csv", LATIN1);
    Path s = dir.resolve("s.csv");
    for (String encoding : List.of("ISO-8859-1", "windows-1252")) {
      Cli.Result r = Cli.run("summarize", f, "--encoding", encoding, "-o", s);
      assertEquals(ExitCodes.OK, r.code(), r::toString);
      assertEquals(List.of("M\u00fcller", "M\u00f6ller", "M\u00e4ller"), ids(s));
    }
  }

  @Test
  void summarize_gb18030_readsChineseIds() throws IOException {
    Charset gb = Charset.forName("GB18030");
    Path f =
        bytes(
            "gb.csv",
            "customer_id,date,amount\n张伟,2024-01-02,5\n王芳,2024-01-03,6\n张伟,2024-02-03,8\n"
                .getBytes(gb));
    Path s = dir.resolve("s.csv");
    Cli.Result r = Cli.run("summarize", f, "--encoding", "GB18030", "-o", s);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals(List.of("张伟", "王芳"), ids(s));
    assertEquals("1", value(s, "张伟", "frequency"));
  }

  @Test
  void summarize_rowInTheFuture_isABadRowNotTheObservationEnd() throws IOException {
    Path f =
        bytes(
            "future.csv",
            ascii(
                "customer_id,date,amount\na,2024-01-02,5\nb,2024-03-01,6\nc,2099-01-01,7\n"
                    + "a,2024-02-01,5\n"));
    Cli.Result stop = Cli.run("summarize", f, "-o", dir.resolve("s.csv"));
    assertEquals(ExitCodes.DATA, stop.code(), stop::toString);
    // One read: the end is taken from the data while reading, so a row is judged against today.
    assertEquals(
        "error: "
            + f
            + ": date (line 4) must not be after today "
            + SummaryRun.today()
            + " (the observation end is taken from the data), was 2099-01-01",
        stop.firstErrorLine());
    Path s = dir.resolve("s.csv");
    Cli.Result skip =
        Cli.run("summarize", f, "--on-bad-row=skip", "--rejects", dir.resolve("r.csv"), "-o", s);
    assertEquals(ExitCodes.OK, skip.code(), skip::toString);
    assertTrue(
        skip.err()
            .contains(
                "observation end taken from the data: 2024-03-01, its last date (rows after"
                    + " today, "),
        skip::toString);
    assertEquals("8.428571428571429", value(s, "a", "age"), "weeks from 2024-01-02 to 2024-03-01");
  }

  @Test
  void summarize_rowAfterTheGivenCalibrationEnd_isABadRow() throws IOException {
    Path f = bytes("late.csv", ascii("customer_id,date,amount\na,2024-01-02,5\nb,2024-03-09,6\n"));
    Cli.Result r = Cli.run("summarize", f, "--calibration-end", "2024-03-01");
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + f
            + ": date (line 3) must not be after the calibration end 2024-03-01, was 2024-03-09",
        r.firstErrorLine());
  }

  @Test
  void summarize_lastDateFarBeyondTheRest_isWarnedAboutWithTheRule() throws IOException {
    StringBuilder text = new StringBuilder("customer_id,date,amount\n");
    for (int i = 0; i < 2000; i++) {
      text.append("c").append(i % 300).append(",2024-01-").append(10 + i % 20).append(",5\n");
    }
    text.append("z,2025-06-01,5\n");
    Path f = bytes("far.csv", ascii(text.toString()));
    Cli.Result r = Cli.run("summarize", f, "-o", dir.resolve("s.csv"));
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(
        r.err()
            .contains(
                "warning: the last date 2025-06-01 stands far beyond the rest: 99.9 % of the rows"
                    + " are on or before 2024-01-29 and only 1 after it (the rule: more than 30"
                    + " days after the 99.9th percentile date)."),
        r::toString);
  }

  @Test
  void summarize_sumsBeyondTheFiniteRange_areBadInputNamingTheCustomer() throws IOException {
    Path f =
        bytes(
            "huge.csv",
            ascii(
                "customer_id,date,amount\nok,2024-01-01,5\nbig,2024-01-02,1e308\n"
                    + "big,2024-01-03,1e308\n"));
    Path s = dir.resolve("s.csv");
    Cli.Result r = Cli.run("summarize", f, "-o", s);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + f
            + ": the spend of customer \"big\" must be a finite sum, was Infinity (its amounts add"
            + " up beyond 1.798e+308); no summary was written",
        r.firstErrorLine());
    assertFalse(Files.exists(s));
  }

  @Test
  void summarize_rejects_areTheOriginalBytesWithTheirLineNumbers() throws IOException {
    byte[] badLatin1 = latin1("x\u00e9,2024-01-05,1");
    byte[] badQuotes = ascii("\"y\"\"z\",2024-13-01,2");
    Path f =
        bytes(
            "mixed.csv",
            concat(
                ascii("customer_id,date,amount\r\na,2024-01-02,5\r\n"),
                badLatin1,
                ascii("\r\n"),
                badQuotes,
                ascii("\r\nb,2024-01-06,3\r\n")));
    Path rejects = dir.resolve("r.csv");
    Cli.Result r =
        Cli.run(
            "summarize", f, "--on-bad-row=skip", "--rejects", rejects, "-o", dir.resolve("s.csv"));
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    byte[] expected =
        concat(
            ascii("line,reason,row\n3,"),
            ascii(
                "\"line 3 must be text in the input's encoding, has a byte that is not (at byte"
                    + " offset 42 of the file): \"\"x\\xE9,2024-01-05,1\"\"; give --encoding (e.g."
                    + " ISO-8859-1, windows-1252, GB18030)\",\""),
            badLatin1,
            ascii("\"\n4,"),
            ascii(
                "\"date (line 4, column 2) must be a date of pattern yyyy-MM-dd, was"
                    + " \"\"2024-13-01\"\"\",\""),
            ascii("\"\"y\"\"\"\"z\"\",2024-13-01,2"),
            ascii("\"\n"));
    byte[] actual = Files.readAllBytes(rejects);
    assertEquals(
        new String(expected, StandardCharsets.ISO_8859_1),
        new String(actual, StandardCharsets.ISO_8859_1));
    assertArrayEquals(expected, actual);
  }

  @Test
  void summarize_fiftyMegabyteLine_isABadRowUnderSkip() throws IOException {
    Path f = dir.resolve("long.csv");
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write(ascii("customer_id,date,amount\na,2024-01-02,5\nb,2024-01-03,"));
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) '7');
      for (int i = 0; i < 50; i++) {
        out.write(chunk);
      }
      out.write(ascii("\na,2024-01-09,6\n"));
    }
    Path s = dir.resolve("s.csv");
    Path rejects = dir.resolve("r.csv");
    Cli.Result r = Cli.run("summarize", f, "--on-bad-row=skip", "--rejects", rejects, "-o", s);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(
        r.err().startsWith(f + ": 3 rows (1 header line, 0 blank lines skipped): 2 summarised, 1"),
        r::toString);
    assertEquals(List.of("a"), ids(s));
    assertEquals("1", value(s, "a", "frequency"));
    assertEquals(50L * (1 << 20) + 200, Files.size(rejects), 200, "the long row copied whole");
  }

  @Test
  void summarizeAndScore_formulaLikeIds_areEscapedUnlessRawIsAsked() throws IOException {
    Path f =
        bytes(
            "formula.csv",
            ascii(
                "customer_id,date,amount\n\"=HYPERLINK(\"\"http://x\"\")\",2024-01-02,5\n"
                    + "@cmd,2024-01-03,5\n-2,2024-01-04,5\nplain,2024-01-05,5\n"));
    Path s = dir.resolve("s.csv");
    Cli.Result r = Cli.run("summarize", f, "-o", s);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals(List.of("\"'=HYPERLINK(\"\"http://x\"\")\"", "'@cmd", "'-2", "plain"), ids(s));
    Cli.Result raw = Cli.run("summarize", f, "-o", s, "--csv-formulas=raw");
    assertEquals(ExitCodes.OK, raw.code(), raw::toString);
    assertEquals(List.of("\"=HYPERLINK(\"\"http://x\"\")\"", "@cmd", "-2", "plain"), ids(s));
  }

  @Test
  void summarize_isoTimestampsWithOffsets_detectedAndOnTheirWrittenDay() throws IOException {
    Path f =
        bytes(
            "iso.csv",
            ascii(
                "customer_id,date,amount\na,2024-03-01T23:30:00+08:00,5\n"
                    + "a,2024-03-05T01:00:00Z,5\nb,2024-03-02T08:00:00.250+0100,5\n"));
    Path s = dir.resolve("s.csv");
    Cli.Result r = Cli.run("summarize", f, "-o", s);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(
        r.err().contains("dates read as " + DateParser.ISO_DATE_TIME + " (detected"), r::toString);
    assertTrue(
        r.err()
            .contains(
                "3 timestamps with an offset: each belongs to the calendar day written in it"),
        r::toString);
    assertEquals("2024-03-01", value(s, "a", "first_purchase"));
    Cli.Result utc = Cli.run("summarize", f, "-o", s, "--zone", "UTC");
    assertEquals(ExitCodes.OK, utc.code(), utc::toString);
    assertEquals("2024-03-01", value(s, "a", "first_purchase"), "15:30 UTC, merged to its day");
    Cli.Result tokyo = Cli.run("summarize", f, "-o", s, "--zone", "Asia/Tokyo");
    assertEquals(ExitCodes.OK, tokyo.code(), tokyo::toString);
    assertEquals("2024-03-02", value(s, "a", "first_purchase"), "00:30 on March 2 in Tokyo");
  }

  @Test
  void summarize_groupedAmounts_readWithDecimalAndGrouping() throws IOException {
    Path us =
        bytes(
            "us.csv",
            ascii("customer_id,date,amount\na,2024-01-02,\"1,234.50\"\na,2024-01-09,10\n"));
    Path de =
        bytes("de.csv", ascii("customer_id;date;amount\na;2024-01-02;1.234,50\na;2024-01-09;10\n"));
    Path s1 = dir.resolve("s1.csv");
    Path s2 = dir.resolve("s2.csv");
    Cli.Result r1 = Cli.run("summarize", us, "--grouping", ",", "-o", s1);
    Cli.Result r2 =
        Cli.run("summarize", de, "--delimiter", ";", "--decimal", ",", "--grouping", ".", "-o", s2);
    assertEquals(ExitCodes.OK, r1.code(), r1::toString);
    assertEquals(ExitCodes.OK, r2.code(), r2::toString);
    assertEquals("1244.5", value(s1, "a", "total_spend"));
    assertEquals(Cli.read(s1), Cli.read(s2));
    Cli.Result bad = Cli.run("summarize", us, "-o", s1);
    assertEquals(
        "error: "
            + us
            + ": amount (line 2, column 3) must be a number (for 1,234.50 give --grouping ',';"
            + " for 1.234,50 give --decimal ',' --grouping '.'), was \"1,234.50\"",
        bad.firstErrorLine());
  }

  @Test
  void summarize_refundsDrop_leavesNegativeAmountsOutAndCountsThem() throws IOException {
    Path f =
        bytes(
            "refunds.csv",
            ascii("customer_id,date,amount\na,2024-01-02,5\na,2024-01-03,-5\na,2024-01-09,7\n"));
    Path s = dir.resolve("s.csv");
    Cli.Result r = Cli.run("summarize", f, "--refunds", "drop", "-o", s);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.err().contains("1 refunds (negative amounts) dropped"), r::toString);
    assertEquals("12.0", value(s, "a", "total_spend"));
  }

  @Test
  void summarize_dateAtTheStartOfTime_withTheEndFromTheData_isSummarised() throws IOException {
    // The one read gathers the rows per day for the end taken from the data; a date near
    // LocalDateTime.MIN (accepted by the ISO-8601 pattern) once overflowed that count's array.
    Path f =
        bytes(
            "old.csv",
            ascii(
                "customer_id,date,amount\na,2024-01-02T10:00,5\nb,-999999999-01-01T00:00,6\n"
                    + "a,2024-02-01T09:30,5\n"));
    Path s = dir.resolve("s.csv");
    Cli.Result r = Cli.run("summarize", f, "-o", s);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals(List.of("a", "b"), ids(s));
  }
}
