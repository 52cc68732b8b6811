package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log reader against the CDNOW sample's documented shape (shared/README.md: 6,919 rows, 2,357
 * customers, January 1997 to June 1998) and its first lines.
 */
class CdnowLogTest {

  static List<Purchase> read(String text) throws IOException {
    return CdnowLog.read(new BufferedReader(new StringReader(text)));
  }

  @Test
  void bundled_isTheCdnowSample() {
    List<Purchase> log = CdnowLog.bundled();
    assertEquals(6919, log.size());
    assertEquals(2357, log.stream().map(Purchase::customerId).distinct().count());
    assertEquals(Purchase.of("0001", LocalDate.of(1997, 1, 1), 29.33), log.get(0));
    assertEquals(Purchase.of("0001", LocalDate.of(1997, 1, 18), 29.73), log.get(1));
    List<Purchase> replay = CdnowLog.inEventTimeOrder(log);
    assertEquals(LocalDate.of(1997, 1, 1).atStartOfDay(), replay.get(0).time());
    assertEquals(LocalDate.of(1998, 6, 30).atStartOfDay(), replay.get(6918).time());
  }

  @Test
  void inEventTimeOrder_keepsTiesInTheirGivenOrder() {
    Purchase a = Purchase.of("b", LocalDate.of(1997, 1, 2), 1);
    Purchase b = Purchase.of("a", LocalDate.of(1997, 1, 1), 2);
    Purchase c = Purchase.of("c", LocalDate.of(1997, 1, 2), 3);
    assertEquals(List.of(b, a, c), CdnowLog.inEventTimeOrder(List.of(a, b, c)));
  }

  @Test
  void read_skipsBlankLinesAndReadsFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.txt");
    Files.writeString(file, " 00004 0001 19970101  2   29.33\n\n\t00005 0002 19970312 1 0.00\n");
    assertEquals(
        List.of(
            Purchase.of("0001", LocalDate.of(1997, 1, 1), 29.33),
            Purchase.of("0002", LocalDate.of(1997, 3, 12), 0)),
        CdnowLog.read(file));
  }

  @Test
  void read_rejectsEachBadLineNamingIt() {
    assertRejects(
        "line 2 must be a row of at least 5 fields, was \"00004 0001 19970101 2\"",
        () -> read("00004 0001 19970101 2 29.33\n00004 0001 19970101 2\n"));
    assertRejects(
        "time (line 1, column 3) must be a date of pattern yyyyMMdd, was \"19970230\"",
        () -> read("00004 0001 19970230 2 29.33\n"));
    assertRejects(
        "amount (line 1, column 5) must be a number, was \"$29\"",
        () -> read("00004 0001 19970101 2 $29\n"));
    assertRejects(
        "amount (line 1, column 5) must be finite and >= 0, was -29.33",
        () -> read("00004 0001 19970101 2 -29.33\n"));
    assertRejects("reader must not be null", () -> CdnowLog.read((BufferedReader) null));
    assertRejects("file must not be null", () -> CdnowLog.read((Path) null));
    assertRejects("purchases must not be null", () -> CdnowLog.inEventTimeOrder(null));
  }
}
