package org.clvkit.models.internal;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/** The weighted pattern sample that fits search their starting points on. */
class PatternSampleTest {

  /** Weights like a customer base's patterns: many of weight 1 to 3, a few heavy ones. */
  private static double[] weights(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = random.nextInt(50) == 0 ? 100 + random.nextInt(1000) : 1 + random.nextInt(3);
    }
    return w;
  }

  private static int[] rows(PatternSample sample) {
    int[] rows = new int[sample.size()];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = sample.row(k);
    }
    return rows;
  }

  @Test
  void draw_isReproducibleAndHasAboutTheRequestedSize() {
    Seeded.qt(30)
        .forAll(integers().between(2_000, 20_000), integers().between(50, 1_500), longs().all())
        .checkAssert(
            (n, size, seed) -> {
              double[] w = weights(n, seed);
              PatternSample a = PatternSample.draw(w, size, seed);
              PatternSample b = PatternSample.draw(w, size, seed);
              assertArrayEquals(rows(a), rows(b));
              assertArrayEquals(a.weights(), b.weights());
              // Poisson sampling: the size is a sum of independent Bernoulli draws with mean size.
              assertTrue(
                  Math.abs(a.size() - size) <= 5 * Math.sqrt(size),
                  "size " + a.size() + " for " + size);
              for (int k = 1; k < a.size(); k++) {
                assertTrue(a.row(k) > a.row(k - 1), "rows ascend");
              }
            });
  }

  @Test
  void draw_keepsHeavyPatternsWithTheirOwnWeightAndGivesTheOthersOneWeight() {
    double[] w = weights(10_000, 3);
    PatternSample sample = PatternSample.draw(w, 1_000, 3);
    double common = Double.NaN;
    int heavyKept = 0;
    for (int k = 0; k < sample.size(); k++) {
      double original = w[sample.row(k)];
      double weight = sample.weight(k);
      if (weight == original) {
        heavyKept++;
      } else {
        assertTrue(weight > original, "a sampled pattern stands for more customers");
        if (Double.isNaN(common)) {
          common = weight;
        }
        assertEquals(common, weight, 1e-9 * common, "weight 1/c for every light pattern");
      }
    }
    int heavy = 0;
    for (double v : w) {
      heavy += v >= common ? 1 : 0;
    }
    assertEquals(heavy, heavyKept, "every pattern of weight >= 1/c is kept");
  }

  @Test
  void draw_weightedSumsEstimateTheFullSumsWithoutBias() {
    // The Horvitz-Thompson estimate of Σ w v over many seeds: its mean is the full sum.
    int n = 5_000;
    double[] w = weights(n, 11);
    double[] v = new double[n];
    SplittableRandom random = new SplittableRandom(12);
    double full = 0;
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble() * 10;
      full += w[i] * v[i];
    }
    int draws = 400;
    double mean = 0;
    double square = 0;
    for (int seed = 0; seed < draws; seed++) {
      PatternSample sample = PatternSample.draw(w, 300, seed);
      double estimate = 0;
      for (int k = 0; k < sample.size(); k++) {
        estimate += sample.weight(k) * v[sample.row(k)];
      }
      mean += estimate / draws;
      square += estimate * estimate / draws;
    }
    double standardError = Math.sqrt((square - mean * mean) / draws);
    assertTrue(
        Math.abs(mean - full) <= 4 * standardError,
        "mean " + mean + " against " + full + " (standard error " + standardError + ")");
    assertTrue(standardError < 0.01 * full, "standard error " + standardError);
  }

  @Test
  void draw_takesEveryPatternOfPositiveWeightWhenThereAreNoMore() {
    double[] w = {2, 0, 5, 1};
    PatternSample sample = PatternSample.draw(w, 3, 1);
    assertArrayEquals(new int[] {0, 2, 3}, rows(sample));
    assertArrayEquals(new double[] {2, 5, 1}, sample.weights());
    assertArrayEquals(new double[] {20, 50, 10}, sample.select(new double[] {20, 30, 50, 10}));
  }

  @Test
  void draw_rejectsBadArguments() {
    assertRejects("weight must not be empty", () -> PatternSample.draw(new double[0], 1, 1));
    assertRejects("size must be > 0, was 0", () -> PatternSample.draw(new double[] {1}, 0, 1));
  }
}
