package org.clvkit.core.data;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The litt column (BTYDplus's sum of log inter-purchase times; Platzer and Reutterer 2016) on the
 * CDNOW sample against {@code reference/cdnow_litt.csv}, computed from the definition in 50-digit
 * mpmath by {@code reference/litt_reference.py} (same-day purchases merged, calibration to
 * 1997-09-30, weeks); tolerance as the table states (absolute 1e-12).
 */
class CdnowLittTest {
  private static final ReferenceTable TABLE = ReferenceTable.load("cdnow_litt.csv");

  private static void assertMatchesReference(CustomerSummaries s) {
    Tolerance tolerance = TABLE.tolerance();
    assertEquals(2357, TABLE.size());
    assertEquals(2357, s.size());
    double[] litt = s.litt();
    double[] x = s.frequency();
    for (int row = 0; row < TABLE.size(); row++) {
      String id = String.format(Locale.ROOT, "%04d", Integer.parseInt(TABLE.text(row, "id")));
      int i = s.indexOf(id);
      assertEquals(TABLE.number(row, "x"), x[i], "customer " + id + " x");
      tolerance.check("customer " + id + " litt", TABLE.number(row, "litt"), litt[i]);
    }
  }

  @Test
  void litt_unorderedAccumulatorMatchesReference() {
    assertMatchesReference(CdnowSummaryTest.summarise(CdnowSummaryTest.LITERATURE));
  }

  @Test
  void litt_orderedAccumulatorMatchesReferenceAndUnorderedBitForBit() {
    CustomerSummaries ordered =
        CdnowSummaryTest.summarise(CdnowSummaryTest.LITERATURE.withOrderedInput(true));
    assertMatchesReference(ordered);
    CustomerSummaries unordered = CdnowSummaryTest.summarise(CdnowSummaryTest.LITERATURE);
    assertArrayEquals(unordered.litt(), ordered.litt());
  }

  @Test
  void litt_shuffledRowsGiveTheSameColumnBitForBit() throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = CdnowSummaryTest.resource("CDNOW_sample.txt")) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    }
    Collections.shuffle(lines, new Random(Seeded.SEED));
    SummaryAccumulator shuffled = new SummaryAccumulator(CdnowSummaryTest.LITERATURE);
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      LocalDate date = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE);
      shuffled.accept(f[1], date, Double.parseDouble(f[4]));
    }
    CustomerSummaries s = shuffled.result();
    CustomerSummaries expected = CdnowSummaryTest.summarise(CdnowSummaryTest.LITERATURE);
    double[] e = expected.litt();
    double[] a = s.litt();
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(e[i], a[s.indexOf(expected.customerId(i))], expected.customerId(i));
    }
  }

  @Test
  void litt_withoutSameDayMergingIsAbsentAndSaysWhy() {
    CustomerSummaries s =
        CdnowSummaryTest.summarise(CdnowSummaryTest.LITERATURE.withMergeSameDay(false));
    assertFalse(s.hasLitt());
    assertRejects(
        "litt needs same-day merging (SummaryOptions.mergeSameDay), these summaries were made"
            + " without it",
        s::litt);
  }

  @Test
  void rowAccessors_readTheColumnsWithoutCopying() {
    CustomerSummaries s = CdnowSummaryTest.summarise(CdnowSummaryTest.LITERATURE);
    double[][] columns = {
      s.frequency(),
      s.recency(),
      s.age(),
      s.monetaryValue(),
      s.totalSpend(),
      s.holdoutPurchases(),
      s.holdoutSpend(),
      s.litt()
    };
    for (int i = 0; i < s.size(); i++) {
      double[] row = {
        s.frequency(i),
        s.recency(i),
        s.age(i),
        s.monetaryValue(i),
        s.totalSpend(i),
        s.holdoutPurchases(i),
        s.holdoutSpend(i),
        s.litt(i)
      };
      for (int k = 0; k < row.length; k++) {
        assertEquals(columns[k][i], row[k], "column " + k + " row " + i);
      }
    }
    assertRejects("i must be in [0, 2356], was 2357", () -> s.litt(2357));
  }
}
