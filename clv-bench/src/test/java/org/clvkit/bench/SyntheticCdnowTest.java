package org.clvkit.bench;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the generated benchmark data follow {@code shared/README.md}'s description of {@code
 * synthetic_1m.csv}: CDNOW rows tiled in order, times scaled by one factor in [0.9, 1.1] per row
 * and rounded to 2 decimals, recency at most the age, spend jittered by a log-normal factor with σ
 * 0.1.
 */
class SyntheticCdnowTest {
  private static final int N = 3 * SyntheticCdnow.CDNOW_CUSTOMERS + 11;

  @Test
  void generate_tilesCdnowRowsWithOneTimeFactorPerRow() {
    SyntheticCdnow data = SyntheticCdnow.generate(N, 7);
    double[][] cdnow = SyntheticCdnow.cdnow();
    assertEquals(N, data.size());
    for (int i = 0; i < N; i++) {
      int k = i % SyntheticCdnow.CDNOW_CUSTOMERS;
      assertEquals(cdnow[0][i % SyntheticCdnow.CDNOW_CUSTOMERS], data.frequency()[i]);
      double t = data.age()[i];
      // rounding to 2 decimals moves the product by at most 0.005
      assertTrue(t >= 0.9 * cdnow[2][k] - 0.005 && t <= 1.1 * cdnow[2][k] + 0.005, "age " + i);
      assertEquals(t, Math.round(t * 100) / 100.0, "age " + i + " has 2 decimals");
      double r = data.recency()[i];
      assertTrue(r <= t, "recency <= age at row " + i);
      if (cdnow[1][k] > 0) {
        // one factor u for both times: the u that round to the age and those that round to the
        // recency (unless it was capped at the age) overlap
        double low = (t - 0.005) / cdnow[2][k];
        double high = (t + 0.005) / cdnow[2][k];
        if (r < t) {
          low = Math.max(low, (r - 0.005) / cdnow[1][k]);
          high = Math.min(high, (r + 0.005) / cdnow[1][k]);
        }
        assertTrue(low <= high * (1 + 1e-12), "one factor for recency and age at row " + i);
      } else {
        assertEquals(0.0, r);
      }
    }
  }

  @Test
  void generate_spendFactorIsLogNormalWithSigmaOneTenth() {
    SyntheticCdnow data = SyntheticCdnow.generate(200_000, 11);
    double[][] cdnow = SyntheticCdnow.cdnow();
    double sum = 0;
    double squares = 0;
    int n = 0;
    for (int i = 0; i < data.size(); i++) {
      int k = i % SyntheticCdnow.CDNOW_CUSTOMERS;
      if (cdnow[0][k] == 0) {
        assertEquals(0.0, data.monetaryValue()[i]);
        continue;
      }
      double log = Math.log(data.monetaryValue()[i] / cdnow[3][k]);
      sum += log;
      squares += log * log;
      n++;
    }
    double mean = sum / n;
    double sd = Math.sqrt(squares / n - mean * mean);
    // ~80,000 repeaters: the standard error of the mean is 0.1/283 = 3.5e-4, of the sd 2.5e-4; the
    // rounding to the cent adds at most 0.005/2.99 to each log.
    Tolerance.absolute(2e-3).check("mean log factor", 0.0, mean);
    Tolerance.absolute(2e-3).check("sd of log factor", 0.1, sd);
  }

  @Test
  void generate_matchesTheSummaryStatisticsOfSynthetic1m() {
    // shared/README.md and the file itself: 401,366 repeaters and 1,042,509 repeat purchases of
    // 1,000,000 rows, T from 24.3 to 42.75 weeks (frequencies are tiled exactly, so these match to
    // the row).
    SyntheticCdnow data = SyntheticCdnow.generate(1_000_000, SyntheticCdnow.SEED);
    int repeaters = 0;
    double purchases = 0;
    double minAge = Double.POSITIVE_INFINITY;
    double maxAge = 0;
    for (int i = 0; i < data.size(); i++) {
      repeaters += data.frequency()[i] > 0 ? 1 : 0;
      purchases += data.frequency()[i];
      minAge = Math.min(minAge, data.age()[i]);
      maxAge = Math.max(maxAge, data.age()[i]);
    }
    assertEquals(401_366, repeaters);
    assertEquals(1_042_509.0, purchases);
    Tolerance.absolute(0.05).check("min age", 24.3, minAge);
    Tolerance.absolute(0.05).check("max age", 42.75, maxAge);
  }

  @Test
  void generate_isDeterministicPerSeed() {
    SyntheticCdnow a = SyntheticCdnow.generate(5000, 3);
    SyntheticCdnow b = SyntheticCdnow.generate(5000, 3);
    SyntheticCdnow c = SyntheticCdnow.generate(5000, 4);
    assertArrayEquals(a.age(), b.age());
    assertArrayEquals(a.recency(), b.recency());
    assertArrayEquals(a.monetaryValue(), b.monetaryValue());
    assertFalse(java.util.Arrays.equals(a.age(), c.age()));
  }

  @Test
  void load_readsTheFirstRowsOfAFile(@TempDir Path dir) throws IOException {
    SyntheticCdnow generated = SyntheticCdnow.generate(100, 5);
    StringBuilder csv = new StringBuilder("frequency,recency,T,monetary_value\n");
    for (int i = 0; i < generated.size(); i++) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%s%n",
              (int) generated.frequency()[i],
              generated.recency()[i],
              generated.age()[i],
              generated.monetaryValue()[i]));
    }
    Path file = dir.resolve("synthetic.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    SyntheticCdnow loaded = SyntheticCdnow.load(file, 60);
    assertEquals(60, loaded.size());
    assertArrayEquals(java.util.Arrays.copyOf(generated.age(), 60), loaded.age());
    assertArrayEquals(java.util.Arrays.copyOf(generated.recency(), 60), loaded.recency());
    assertArrayEquals(java.util.Arrays.copyOf(generated.frequency(), 60), loaded.frequency());
    assertArrayEquals(
        java.util.Arrays.copyOf(generated.monetaryValue(), 60), loaded.monetaryValue());
    assertEquals(60, loaded.histories().size());
    assertRejects(
        file + " has 100 rows, fewer than customers = 101", () -> SyntheticCdnow.load(file, 101));
  }
}
