package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/**
 * The summaries' bytes of numbers and times are exactly the text of {@link
 * Double#toString(double)}, {@link Long#toString(long)} and {@link SummaryCsv#time}, cached or not,
 * and whole cents written from their digits equal {@code Double.toString} for every one of the 10^7
 * values it covers.
 */
class NumberTextTest {
  @Test
  void cents_everyWholeNumberOfCentsBelowTheLimit_doubleToString() {
    NumberText.Bytes bytes = new NumberText.Bytes(32);
    for (long n = 0; n < NumberText.MAX_CENTS; n++) {
      double v = n / 100.0;
      bytes.clear();
      assertTrue(NumberText.appendCents(bytes, v));
      String text = ascii(bytes);
      if (!Double.toString(v).equals(text)) {
        assertEquals(Double.toString(v), text, "cents " + n);
      }
    }
  }

  private static String ascii(NumberText.Bytes bytes) {
    return new String(bytes.toArray(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void cents_notWholeCentsOrOutOfRange_nothingAppended() {
    NumberText.Bytes bytes = new NumberText.Bytes(1);
    for (double v :
        new double[] {
          0.1 + 0.2, // 0.30000000000000004
          177.67000000000002,
          100_000.0,
          -1.5,
          Double.NaN,
          1e-3,
          -0.0
        }) {
      assertFalse(NumberText.appendCents(bytes, v), Double.toString(v));
      assertEquals(0, bytes.size(), Double.toString(v));
    }
  }

  @Test
  void append_anyNumberOrTimeRepeatedOrNot_theirTexts() {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    NumberText text = new NumberText();
    NumberText.Bytes bytes = new NumberText.Bytes(1);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 300_000; i++) {
      double v =
          switch (i % 7) {
            case 0 -> random.nextInt(600) / 7.0;
            case 1 -> random.nextInt(1_000_000) / 100.0;
            case 2 -> random.nextInt(1000) / 100.0 + random.nextInt(1000) / 100.0;
            case 3 -> Double.longBitsToDouble(random.nextLong());
            case 4 -> -random.nextDouble() * 1e9;
            case 5 -> random.nextInt(20_000_000) / 100.0; // whole cents above the limit too
            default ->
                new double[] {0.0, -0.0, 1e7, 99_999.99, 1e-3, Double.NaN, Double.POSITIVE_INFINITY}
                    [random.nextInt(7)];
          };
      text.append(bytes, v);
      expected.append(Double.toString(v)).append(',');
      bytes.put((byte) ',');
      long n =
          switch (i % 4) {
            case 0 -> random.nextInt(2_000);
            case 1 -> random.nextLong();
            case 2 -> new long[] {0, 9, 10, 1023, 1024, Long.MAX_VALUE, Long.MIN_VALUE}[i % 7];
            default -> random.nextLong(1L << random.nextInt(63));
          };
      text.append(bytes, n);
      expected.append(n).append(',');
      bytes.put((byte) ',');
      long second = 86_400L * random.nextInt(20_000) + (i % 3 == 0 ? random.nextInt(86_400) : 0);
      text.appendTime(bytes, second);
      expected.append(SummaryCsv.time(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)));
      expected.append('\n');
      bytes.put((byte) '\n');
    }
    assertEquals(expected.toString(), ascii(bytes));
  }
}
