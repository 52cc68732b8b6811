package org.clvkit.core.data;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.zip.GZIPOutputStream;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogFormatTest {
  static final SummaryOptions DAILY =
      SummaryOptions.of(TimeScale.DAYS, LocalDate.of(2024, 1, 31))
          .withHoldoutUntil(LocalDate.of(2024, 2, 29));
  static final TransactionLogFormat CSV = TransactionLogFormat.delimited(',').withHeaderLines(1);

  static ReadReport read(TransactionLogFormat format, String text, SummaryAccumulator into) {
    try {
      return format.read(new BufferedReader(new StringReader(text)), into);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ReadReport read(TransactionLogFormat format, String text) {
    return read(format, text, new SummaryAccumulator(DAILY));
  }

  @Test
  void read_csvWithHeaderQuotesBlankLinesAndCrlf() {
    String log =
        "\uFEFFcustomer,date,amount\r\n"
            + "a,2024-01-01,10.5\r\n"
            + "\r\n"
            + "\"b, Inc.\", 2024-01-02 , 3\r\n"
            + "\"say \"\"hi\"\"\",2024-01-03,1e1\r\n"
            + "   \t\r\n"
            + "a,2024-01-11,4.5,extra,columns\r\n";
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    assertEquals(new ReadReport(7, 1, 2, 4, PolicyCounts.NONE), read(CSV, log, acc));
    CustomerSummaries s = acc.result();
    assertEquals(java.util.List.of("a", "b, Inc.", "say \"hi\""), s.customerIds());
    assertEquals(
        new CustomerSummary(
            "a",
            1,
            10,
            30,
            4.5,
            15,
            2,
            LocalDateTime.of(2024, 1, 1, 0, 0),
            LocalDateTime.of(2024, 1, 11, 0, 0)),
        s.summary(0));
    assertEquals(10.0, s.totalSpend()[2]);
  }

  @Test
  void read_whitespaceColumnsAndDateTimes() {
    TransactionLogFormat format =
        TransactionLogFormat.whitespace()
            .withColumns(3, 1, 4)
            .withDatePattern("yyyy-MM-dd'T'HH:mm");
    String log = "  2024-01-01T09:15  x  a  2.0\n\t2024-01-01T20:00 y a 3.0\n";
    SummaryAccumulator acc = new SummaryAccumulator(DAILY.withMergeSameDay(false));
    assertEquals(new ReadReport(2, 0, 0, 2, PolicyCounts.NONE), read(format, log, acc));
    CustomerSummary a = acc.result().summary(0);
    assertEquals(1, a.frequency());
    assertEquals(LocalDateTime.of(2024, 1, 1, 9, 15), a.firstPurchase());
    assertEquals(LocalDateTime.of(2024, 1, 1, 20, 0), a.lastPurchase());
  }

  @Test
  void read_countsWhatThePoliciesDid() {
    SummaryOptions lenient =
        DAILY
            .withZeroAmounts(RowPolicy.KEEP)
            .withRefunds(RowPolicy.DROP)
            .withAfterObservationEnd(RowPolicy.DROP);
    String log =
        "id,date,amount\na,2024-01-01,0\na,2024-01-02,-3\nb,2024-03-01,5\nb,2024-01-05,5\n";
    ReadReport report = read(CSV, log, new SummaryAccumulator(lenient));
    assertEquals(new ReadReport(5, 1, 0, 4, new PolicyCounts(1, 0, 1, 1)), report);
    assertEquals(2, report.accepted());
  }

  @Test
  void read_gzipFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          "id,date,amount\na,2024-01-01,1\na,2024-01-08,2\n".getBytes(StandardCharsets.UTF_8));
    }
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    assertEquals(new ReadReport(3, 1, 0, 2, PolicyCounts.NONE), CSV.read(file, acc));
    assertEquals(7.0, acc.result().recency()[0]);
  }

  @Test
  void read_basicDatesParseAsTheFormatterDoes() {
    // The fast path for yyyyMMdd must agree with java.time's strict parsing on valid and invalid
    // text.
    TransactionLogFormat basic = TransactionLogFormat.whitespace().withDatePattern("yyyyMMdd");
    DateTimeFormatter strict =
        DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    Seeded.qt()
        .forAll(integers().between(1, 9999), integers().between(0, 13), integers().between(0, 32))
        .checkAssert(
            (y, m, d) -> {
              String text = String.format(java.util.Locale.ROOT, "%04d%02d%02d", y, m, d);
              LocalDate expected;
              try {
                expected = LocalDate.parse(text, strict);
              } catch (DateTimeException e) {
                expected = null;
              }
              SummaryAccumulator acc =
                  new SummaryAccumulator(
                      SummaryOptions.of(TimeScale.DAYS, LocalDate.of(9999, 12, 31)));
              if (expected == null) {
                ClvArgumentException e =
                    org.junit.jupiter.api.Assertions.assertThrows(
                        ClvArgumentException.class, () -> read(basic, "a " + text + " 1", acc));
                assertEquals(
                    "date (line 1, column 2) must be a date of pattern yyyyMMdd, was \""
                        + text
                        + "\"",
                    e.getMessage());
                assertInstanceOf(DateTimeException.class, e.getCause());
              } else {
                read(basic, "a " + text + " 1", acc);
                assertEquals(expected.atStartOfDay(), acc.result().firstPurchase(0));
              }
            });
  }

  // ---- one test per rule, exact messages ----

  @Test
  void read_rejectsRowsWithTooFewFields() {
    assertRejects(
        "line 3 must be a row of at least 3 fields, was \"b,2024-01-01\"",
        () -> read(CSV, "id,date,amount\na,2024-01-01,1\nb,2024-01-01\n"));
    assertRejects(
        "line 1 must be a row of at least 3 fields, was \" a 2024-01-01 \"",
        () -> read(TransactionLogFormat.whitespace(), " a 2024-01-01 \n"));
  }

  @Test
  void read_rejectsUnclosedQuotes() {
    assertRejects(
        "line 2 must be a row whose quotes are closed, was \"\"a,2024-01-01,1\"",
        () -> read(CSV, "id,date,amount\n\"a,2024-01-01,1\n"));
  }

  @Test
  void read_rejectsTextAfterAClosingQuote() {
    assertRejects(
        "line 2 must be a row with nothing between a closing quote and a delimiter, was"
            + " \"\"a\"b,2024-01-01,1\"",
        () -> read(CSV, "id,date,amount\n\"a\"b,2024-01-01,1\n"));
  }

  @Test
  void read_rejectsAnEmptyId() {
    assertRejects(
        "customerId (line 2, column 1) must not be empty",
        () -> read(CSV, "id,date,amount\n  ,2024-01-01,1\n"));
  }

  @Test
  void read_rejectsAnUnparseableDate() {
    assertRejects(
        "date (line 2, column 2) must be a date of pattern yyyy-MM-dd, was \"01/02/2024\"",
        () -> read(CSV, "id,date,amount\na,01/02/2024,1\n"));
    assertRejects(
        "date (line 2, column 2) must be a date of pattern yyyy-MM-dd, was \"2024-02-30\"",
        () -> read(CSV, "id,date,amount\na,2024-02-30,1\n"));
  }

  @Test
  void read_rejectsAnUnparseableAmount() {
    assertRejects(
        "amount (line 2, column 3) must be a number, was \"$12.50\"",
        () -> read(CSV, "id,date,amount\na,2024-01-01,$12.50\n"));
    assertRejects(
        "amount (line 2, column 3) must be a number, was \"12d\"",
        () -> read(CSV, "id,date,amount\na,2024-01-01,12d\n"));
    assertRejects(
        "amount (line 2, column 3) must be a number, was \"1.2.3\"",
        () -> read(CSV, "id,date,amount\na,2024-01-01,1.2.3\n"));
    assertRejects(
        "amount (line 2, column 3) must be a number, was \"\"",
        () -> read(CSV, "id,date,amount\na,2024-01-01,\n"));
  }

  @Test
  void read_rowRulesNameTheLineAndColumn() {
    assertRejects(
        "amount (line 2, column 3) must be finite, was NaN",
        () -> read(CSV, "id,date,amount\na,2024-01-01,NaN\n"));
    assertRejects(
        "amount (line 2, column 3) must be finite and >= 0, was -2.5",
        () -> read(CSV, "id,date,amount\na,2024-01-01,-2.5\n"));
    assertRejects(
        "amount (line 2, column 3) must be finite and > 0, was 0.0",
        () -> read(CSV, "id,date,amount\na,2024-01-01,0.00\n"));
    assertRejects(
        "date (line 2, column 2) = 2024-03-01T00:00 must not be after observationEnd ="
            + " 2024-02-29T00:00",
        () -> read(CSV, "id,date,amount\na,2024-03-01,1\n"));
  }

  @Test
  void read_keepsRowsBeforeTheBadLine() {
    SummaryAccumulator acc = new SummaryAccumulator(DAILY);
    assertRejects(
        "amount (line 3, column 3) must be a number, was \"x\"",
        () -> read(CSV, "id,date,amount\na,2024-01-01,1\na,2024-01-02,x\n", acc));
    assertEquals(1, acc.result().size());
  }

  @Test
  void format_rejectsBadSettings() {
    assertRejects(
        "datePattern must be a date pattern, was \"yyyy-MM-dd-q{\"",
        () -> CSV.withDatePattern("yyyy-MM-dd-q{"));
    assertRejects("datePattern must not be empty", () -> CSV.withDatePattern(""));
    assertRejects("idColumn must be > 0, was 0", () -> CSV.withColumns(0, 1, 2));
    assertRejects("dateColumn must be > 0, was -1", () -> CSV.withColumns(1, -1, 2));
    assertRejects("amountColumn must be > 0, was 0", () -> CSV.withColumns(1, 2, 0));
    assertRejects("headerLines must be >= 0, was -1", () -> CSV.withHeaderLines(-1));
    assertRejects(
        "delimiter must be a character other than quote, space, line break, was \"\"\"",
        () -> TransactionLogFormat.delimited('"'));
    assertRejects("into must not be null", () -> read(CSV, "", null));
  }

  @Test
  void readReport_rejectsCountsThatDoNotAddUp() {
    assertRejects(
        "headerLines + blankLines + rows = 3 must equal lines = 4",
        () -> new ReadReport(4, 1, 1, 1, PolicyCounts.NONE));
    assertRejects(
        "policyCounts.dropped() = 2.0 must be <= rows = 1.0",
        () -> new ReadReport(1, 0, 0, 1, new PolicyCounts(0, 1, 1, 0)));
  }

  @Test
  void plainDecimal_equalsParseDouble_orNaNWhenNotPlain() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(Seeded.SEED);
    String[] fixed = {
      "0",
      "-0",
      "0.0",
      "-0.0",
      "5.",
      ".5",
      "007.50",
      "123456789012345",
      "1234567890123456",
      "99999999999999.9",
      "0.000000000000001",
      "1e3",
      "+5",
      "-",
      ".",
      "",
      "1.2.3",
      "NaN",
      "12,5"
    };
    for (String text : fixed) {
      check(text);
    }
    for (int k = 0; k < 200_000; k++) {
      StringBuilder b = new StringBuilder();
      if (random.nextInt(5) == 0) {
        b.append('-');
      }
      int intDigits = random.nextInt(10);
      for (int d = 0; d < intDigits; d++) {
        b.append((char) ('0' + random.nextInt(10)));
      }
      if (random.nextBoolean()) {
        b.append('.');
        for (int d = random.nextInt(9); d > 0; d--) {
          b.append((char) ('0' + random.nextInt(10)));
        }
      }
      check(b.toString());
    }
  }

  private static void check(String text) {
    double fast = TransactionLogFormat.plainDecimal(text);
    if (Double.isNaN(fast)) {
      return; // parsed the slow way
    }
    assertEquals(
        Double.doubleToRawLongBits(Double.parseDouble(text)),
        Double.doubleToRawLongBits(fast),
        text);
  }

  @Test
  void read_numericIds_sameSummariesAsTheirStrings() throws IOException {
    StringBuilder log = new StringBuilder();
    java.util.SplittableRandom random = new java.util.SplittableRandom(Seeded.SEED);
    SummaryOptions options =
        SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(2024, 6, 30))
            .withHoldoutUntil(LocalDate.of(2024, 12, 31));
    SummaryAccumulator byStrings = new SummaryAccumulator(options);
    for (int row = 0; row < 5_000; row++) {
      int c = random.nextInt(700);
      String id = c % 10 == 0 ? "07" + c : c % 10 == 1 ? "c" + c : Integer.toString(c);
      LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(360));
      String amount = random.nextInt(100) + "." + random.nextInt(10) + random.nextInt(10);
      log.append(id).append(',').append(day).append(',').append(amount).append('\n');
      byStrings.accept(id, day, Double.parseDouble(amount));
    }
    SummaryAccumulator read = new SummaryAccumulator(options);
    TransactionLogFormat.delimited(',')
        .read(new BufferedReader(new StringReader(log.toString())), read);
    CustomerSummaries a = byStrings.result();
    CustomerSummaries b = read.result();
    assertEquals(a.customerIds(), b.customerIds());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.summary(i), b.summary(i));
    }
    assertEquals(TransactionLogFormat.canonicalNumber("42"), 42);
    assertEquals(TransactionLogFormat.canonicalNumber("042"), -1);
    assertEquals(TransactionLogFormat.canonicalNumber("0"), 0);
    assertEquals(TransactionLogFormat.canonicalNumber("1234567890123456789"), -1);
  }
}
