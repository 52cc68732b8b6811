package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/**
 * The byte-wise splitter against records generated from their fields: fields plain and quoted (with
 * delimiters, quotes and line ends inside), non-ASCII characters and bytes that are not UTF-8, LF
 * and CRLF, the delimiters {@code , ; tab |} and runs of whitespace, read from a stream that hands
 * over a few bytes at a time (so that records cross the buffer's refills anywhere): the fields,
 * their quoting, the line numbers and the first byte that does not decode are those of the
 * generated records.
 */
class ByteRecordsTest {
  private static final String[] PIECES = {
    "0", "7", "123", "2024-01-05", "12.50", "-3", "c", "Ab", "é", "客", " ", "x y", "."
  };

  /** A stream that returns 1 to 7 bytes per read. */
  private static InputStream trickle(byte[] bytes, SplittableRandom random) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
      }
    };
  }

  @Test
  void generatedRecords_fieldsQuotesLinesAndBadBytes() throws IOException {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    int badRecords = 0;
    for (int round = 0; round < 300; round++) {
      char delimiter = ",;\t|".charAt(random.nextInt(4));
      boolean whitespace = round % 5 == 4;
      String eol = random.nextBoolean() ? "\n" : "\r\n";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<List<String>> expected = new ArrayList<>();
      List<List<Boolean>> expectedQuoted = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      List<Long> bad = new ArrayList<>();
      long line = 1;
      for (int r = 0; r < 40; r++) {
        List<String> fields = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        long badAt = -1;
        lines.add(line);
        int n = 1 + random.nextInt(5);
        for (int f = 0; f < n; f++) {
          StringBuilder text = new StringBuilder();
          for (int k = random.nextInt(whitespace ? 1 : 0, 4); k > 0; k--) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            text.append(whitespace ? piece.replace(" ", "") : piece);
          }
          boolean quote = !whitespace && random.nextInt(4) == 0;
          if (quote && random.nextBoolean()) {
            text.append(random.nextBoolean() ? delimiter : '"');
          }
          if (quote && random.nextInt(6) == 0) {
            text.append("\nmore");
          }
          boolean invalid = random.nextInt(30) == 0;
          if (f > 0) {
            String separator =
                whitespace ? (random.nextBoolean() ? " \t " : "\t") : String.valueOf(delimiter);
            out.write(separator.getBytes(StandardCharsets.US_ASCII));
          }
          String body =
              quote ? "\"" + text.toString().replace("\"", "\"\"") + "\"" : text.toString();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          if (invalid && badAt < 0 && bytes.length > 0 && !quote) {
            badAt = out.size() + bytes.length;
            out.write(bytes);
            out.write(0xFF);
            fields.add(null);
          } else {
            out.write(bytes);
            fields.add(text.toString());
          }
          quoted.add(quote);
          line += text.chars().filter(c -> c == '\n').count();
        }
        if (whitespace) {
          fields.removeIf(s -> s != null && s.isEmpty());
        }
        out.write(eol.getBytes(StandardCharsets.US_ASCII));
        line++;
        expected.add(fields);
        expectedQuoted.add(quoted);
        bad.add(badAt);
        badRecords += badAt >= 0 ? 1 : 0;
      }
      byte[] all = out.toByteArray();
      try (ByteRecords records =
          new ByteRecords(
              trickle(all, random), delimiter, whitespace, StandardCharsets.UTF_8, 1 << 20)) {
        for (int r = 0; r < expected.size(); r++) {
          String what = "round " + round + ", record " + r;
          assertTrue(records.next(), what);
          assertEquals(lines.get(r), records.line(), what);
          assertNull(records.malformed(), what);
          assertEquals((long) bad.get(r), records.invalidByte(), what);
          if (bad.get(r) >= 0) {
            continue;
          }
          assertEquals(expected.get(r), records.fields(), what);
          if (!whitespace) {
            for (int f = 0; f < records.size(); f++) {
              assertEquals(expectedQuoted.get(r).get(f), records.quoted(f), what);
            }
          }
        }
        assertFalse(records.next());
      }
    }
    assertTrue(badRecords > 100, "records with a bad byte: " + badRecords);
  }

  @Test
  void quotes_malformedAfterTheClosingQuoteAndLiteralInside() throws IOException {
    String text = "\"ab\"x,1\n\"ab\",1\na\"b,1\n\"é\"€,2\n\"open,1\n";
    try (ByteRecords r =
        new ByteRecords(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            ',',
            false,
            StandardCharsets.UTF_8,
            1 << 20)) {
      assertTrue(r.next());
      assertNotNull(r.malformed());
      assertTrue(r.next());
      assertNull(r.malformed());
      assertEquals(List.of("ab", "1"), r.fields());
      assertTrue(r.next());
      assertNull(r.malformed());
      assertEquals(List.of("a\"b", "1"), r.fields());
      assertTrue(r.next());
      assertNotNull(r.malformed());
      assertEquals(-1, r.invalidByte());
      assertTrue(r.next());
      assertNotNull(r.malformed()); // not closed by the end of the file
      assertFalse(r.next());
    }
  }
}
