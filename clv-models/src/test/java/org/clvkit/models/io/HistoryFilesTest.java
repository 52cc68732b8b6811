package org.clvkit.models.io;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.junit.jupiter.api.Test;

/**
 * The library's readers of customer summaries and aggregated patterns, on the two published files
 * the tests already hold (compared with the tests' own loaders) and on bad input.
 */
class HistoryFilesTest {

  private static CustomerHistories resource(String name) throws IOException {
    try (InputStream in = HistoryFilesTest.class.getResourceAsStream(name);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return HistoryFiles.read(reader);
    }
  }

  @Test
  void read_donationPatternsWithWeights() throws IOException {
    // Fader, Hardie and Shang (2010): 11,104 donors in distinct (x, t_x, n = 6) patterns.
    CustomerHistories read = resource("/data/donations.csv");
    CustomerHistories expected = SampleModels.donations();
    assertEquals(11_104.0, read.totalWeight());
    assertArrayEquals(expected.frequencyColumn(), read.frequencyColumn());
    assertArrayEquals(expected.recencyColumn(), read.recencyColumn());
    assertArrayEquals(expected.ageColumn(), read.ageColumn());
    assertArrayEquals(expected.weightColumn(), read.weightColumn());
    assertFalse(read.hasMonetaryValue());
  }

  @Test
  void read_cdnowSummaryByHeaderNames() throws IOException {
    // Hardie's CDNOW summary, ID,x,t_x,T,zbar: the ids are ignored, zbar is the monetary value.
    CustomerHistories read = resource("/data/cdnow_customers_summary_with_transactions.csv");
    CustomerHistories expected = CdnowHistories.load();
    assertEquals(2_357, read.size());
    assertArrayEquals(expected.frequencyColumn(), read.frequencyColumn());
    assertArrayEquals(expected.recencyColumn(), read.recencyColumn());
    assertArrayEquals(expected.ageColumn(), read.ageColumn());
    double[] m = read.monetaryValueColumn();
    int repeaters = 0;
    for (int i = 0; i < m.length; i++) {
      repeaters += read.frequency(i) > 0 ? 1 : 0;
      assertEquals(read.frequency(i) == 0, m[i] == 0, "row " + i);
    }
    assertEquals(946, repeaters); // Hardie's note: 946 repeat customers.
  }

  @Test
  void read_rejectsBadHeadersAndCells() {
    assertRejects(
        "line 1: a recency column is required (one of [recency, t_x]), the header is"
            + " frequency,age",
        () -> HistoryFiles.read(new StringReader("frequency,age\n1,2\n")));
    assertRejects(
        "line 1: columns x and frequency both give the frequency",
        () -> HistoryFiles.read(new StringReader("x,frequency,recency,age\n")));
    assertRejects(
        "line 3: recency = \"abc\" is not a finite number",
        () -> HistoryFiles.read(new StringReader("frequency,recency,age\n1,2,3\n1,abc,3\n")));
    assertRejects(
        "line 2: 2 fields, the header has 3",
        () -> HistoryFiles.read(new StringReader("frequency,recency,age\n1,2\n")));
    assertRejects(
        "the text has a header but no rows",
        () -> HistoryFiles.read(new StringReader("frequency,recency,age\n\n")));
    assertRejects(
        "recency[0] = 4.0 must be <= age[0] = 3.0",
        () -> HistoryFiles.read(new StringReader("frequency,recency,age\n1,4,3\n")));
  }
}
