package org.clvkit.core.rfm;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.TransactionLogFormat;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

class RfmScorerTest {
  static final double[] ONE_TO_TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  static int[] frequencyScores(RfmScorer scorer, double[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = scorer.frequencyScore(values[i]);
    }
    return out;
  }

  @Test
  void fit_distinctValuesGiveQuintilesOfTwo() {
    RfmScorer scorer = RfmScorer.fit(ONE_TO_TEN, ONE_TO_TEN, ONE_TO_TEN);
    // score = 1 + floor(5 L / 10), L = number of strictly worse values
    assertArrayEquals(
        new int[] {1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, frequencyScores(scorer, ONE_TO_TEN));
    for (int i = 0; i < 10; i++) {
      // a short time since the last purchase is good
      assertEquals(new int[] {5, 5, 4, 4, 3, 3, 2, 2, 1, 1}[i], scorer.recencyScore(ONE_TO_TEN[i]));
      assertEquals(scorer.frequencyScore(ONE_TO_TEN[i]), scorer.monetaryScore(ONE_TO_TEN[i]));
    }
  }

  @Test
  void fit_tiedValuesShareTheScoreOfTheirLowestRank() {
    double[] frequency = {0, 0, 0, 0, 0, 0, 1, 1, 2, 5};
    RfmScorer scorer = RfmScorer.fit(ONE_TO_TEN, frequency, ONE_TO_TEN);
    // 0: L = 0 -> 1; 1: L = 6 -> 1 + floor(30 / 10) = 4; 2: L = 8 -> 5; 5: L = 9 -> 5
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 4, 4, 5, 5}, frequencyScores(scorer, frequency));
    // Values outside the reference range take the extreme scores.
    assertEquals(5, scorer.frequencyScore(100));
    assertEquals(1, scorer.recencyScore(1e6));
    assertEquals(5, scorer.recencyScore(0));
  }

  @Test
  void fit_cdnowFrequencyScoresSkipWhereNonRepeatersTie() {
    CustomerSummaries cdnow = cdnow();
    RfmScorer scorer =
        RfmScorer.fit(cdnow, LocalDate.of(1997, 9, 30).atStartOfDay(), RfmScorer.DEFAULT_LEVELS);
    // 1,411 of 2,357 customers made no repeat purchase: all get F = 1, and one repeat purchase has
    // L = 1,411, so F = 1 + floor(5 * 1411 / 2357) = 3; score 2 is skipped.
    assertEquals(1, scorer.frequencyScore(0));
    assertEquals(3, scorer.frequencyScore(1));
    assertEquals(2357, scorer.customers());
  }

  static CustomerSummaries cdnow() {
    SummaryAccumulator acc =
        new SummaryAccumulator(
            SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30))
                .withHoldoutUntil(LocalDate.of(1998, 6, 30))
                .withZeroAmounts(RowPolicy.KEEP));
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                RfmScorerTest.class.getResourceAsStream("/data/CDNOW_sample.txt"),
                StandardCharsets.UTF_8))) {
      TransactionLogFormat.whitespace()
          .withColumns(2, 3, 5)
          .withDatePattern("yyyyMMdd")
          .read(in, acc);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return acc.result();
  }

  /** Reference data with many ties: values drawn from a few integers. */
  static double[] tiedValues(Random random, int n) {
    double[] v = new double[n];
    int distinct = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      v[i] = random.nextInt(distinct);
    }
    return v;
  }

  @Test
  void fit_scoresEqualTheRankDefinitionComputedByCounting() {
    Seeded.qt()
        .forAll(longs().all(), integers().between(RfmScorer.MIN_LEVELS, RfmScorer.MAX_LEVELS))
        .checkAssert(
            (seed, levels) -> {
              Random random = new Random(seed);
              int n = 1 + random.nextInt(300);
              double[] t = tiedValues(random, n);
              double[] f = tiedValues(random, n);
              double[] m = tiedValues(random, n);
              RfmScorer scorer = RfmScorer.fit(t, f, m, levels);
              for (int i = 0; i < n; i++) {
                int worseT = 0;
                int worseF = 0;
                int worseM = 0;
                for (int j = 0; j < n; j++) {
                  worseT += t[j] > t[i] ? 1 : 0;
                  worseF += f[j] < f[i] ? 1 : 0;
                  worseM += m[j] < m[i] ? 1 : 0;
                }
                assertEquals(1 + levels * worseT / n, scorer.recencyScore(t[i]));
                assertEquals(1 + levels * worseF / n, scorer.frequencyScore(f[i]));
                assertEquals(1 + levels * worseM / n, scorer.monetaryScore(m[i]));
              }
            });
  }

  @Test
  void fit_distinctValuesFillEachLevelEvenly() {
    Seeded.qt()
        .forAll(
            integers().between(1, 500),
            integers().between(RfmScorer.MIN_LEVELS, RfmScorer.MAX_LEVELS))
        .checkAssert(
            (n, levels) -> {
              double[] v = new double[n];
              for (int i = 0; i < n; i++) {
                v[i] = (i * 7919L) % n; // a permutation of 0..n-1 (7919 is prime, n < 7919)
              }
              RfmScorer scorer = RfmScorer.fit(v, v, v, levels);
              int[] perLevel = new int[levels + 1];
              for (double x : v) {
                perLevel[scorer.frequencyScore(x)]++;
              }
              for (int s = 1; s <= levels; s++) {
                // floor(levels L / n) = s - 1 for L in [ceil((s-1) n / levels), ceil(s n / levels))
                int expected = (s * n + levels - 1) / levels - ((s - 1) * n + levels - 1) / levels;
                assertEquals(expected, perLevel[s], "level " + s);
                assertEquals(n / (double) levels, perLevel[s], 1.0);
              }
            });
  }

  @Test
  void score_columnsEqualPerCustomerAndIgnoreCustomerOrder() {
    Seeded.qt()
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random random = new Random(seed);
              int n = 1 + random.nextInt(200);
              double[] t = tiedValues(random, n);
              double[] f = tiedValues(random, n);
              double[] m = tiedValues(random, n);
              RfmScorer scorer = RfmScorer.fit(t, f, m);
              RfmScorer reversed = RfmScorer.fit(reverse(t), reverse(f), reverse(m));
              int from = random.nextInt(n + 1);
              int to = from + random.nextInt(n - from + 1);
              int[] r = new int[n];
              int[] fr = new int[n];
              int[] mo = new int[n];
              RfmSegment[] seg = new RfmSegment[n];
              scorer.score(t, f, m, from, to, r, fr, mo);
              scorer.segments(t, f, m, from, to, seg);
              for (int i = 0; i < n; i++) {
                RfmScore one = scorer.score(t[i], f[i], m[i]);
                if (i >= from && i < to) {
                  assertEquals(one, new RfmScore(r[i], fr[i], mo[i], 5));
                  assertEquals(one.segment(), seg[i]);
                } else { // outside the range the outputs are untouched
                  assertEquals(0, r[i] + fr[i] + mo[i]);
                  assertNull(seg[i]);
                }
                assertEquals(one, reversed.score(t[i], f[i], m[i]));
                assertEquals(one.segment(), scorer.segment(t[i], f[i], m[i]));
              }
            });
  }

  static double[] reverse(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[v.length - 1 - i];
    }
    return out;
  }

  @Test
  void segment_rulesPartitionTheFiveLevelCube() {
    Map<RfmSegment, Integer> cells = new EnumMap<>(RfmSegment.class);
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          cells.merge(new RfmScore(r, f, m, 5).segment(), 1, Integer::sum);
        }
      }
    }
    // Counted by hand from the rules (M matters only for champions and can't-lose).
    assertEquals(8, cells.get(RfmSegment.CHAMPIONS));
    assertEquals(22, cells.get(RfmSegment.LOYAL));
    assertEquals(10, cells.get(RfmSegment.NEW));
    assertEquals(20, cells.get(RfmSegment.POTENTIAL_LOYALIST));
    assertEquals(10, cells.get(RfmSegment.PROMISING));
    assertEquals(5, cells.get(RfmSegment.NEEDS_ATTENTION));
    assertEquals(8, cells.get(RfmSegment.CANNOT_LOSE));
    assertEquals(22, cells.get(RfmSegment.AT_RISK));
    assertEquals(10, cells.get(RfmSegment.HIBERNATING));
    assertEquals(10, cells.get(RfmSegment.LOST));
  }

  @Test
  void segment_namedExamples() {
    assertEquals(RfmSegment.CHAMPIONS, new RfmScore(5, 5, 5, 5).segment());
    assertEquals(RfmSegment.LOYAL, new RfmScore(5, 5, 1, 5).segment());
    assertEquals(RfmSegment.LOYAL, new RfmScore(3, 4, 5, 5).segment());
    assertEquals(RfmSegment.NEW, new RfmScore(5, 1, 5, 5).segment());
    assertEquals(RfmSegment.POTENTIAL_LOYALIST, new RfmScore(4, 3, 1, 5).segment());
    assertEquals(RfmSegment.PROMISING, new RfmScore(3, 2, 5, 5).segment());
    assertEquals(RfmSegment.NEEDS_ATTENTION, new RfmScore(3, 3, 3, 5).segment());
    assertEquals(RfmSegment.CANNOT_LOSE, new RfmScore(1, 5, 4, 5).segment());
    assertEquals(RfmSegment.AT_RISK, new RfmScore(2, 5, 3, 5).segment());
    assertEquals(RfmSegment.HIBERNATING, new RfmScore(2, 2, 5, 5).segment());
    assertEquals(RfmSegment.LOST, new RfmScore(1, 2, 5, 5).segment());
    // Three levels sit at 1, 3 and 5 on the five-level scale.
    assertEquals(RfmSegment.CHAMPIONS, new RfmScore(3, 3, 3, 3).segment());
    assertEquals(RfmSegment.LOYAL, new RfmScore(2, 3, 1, 3).segment());
    assertEquals(RfmSegment.NEW, new RfmScore(3, 1, 1, 3).segment());
    assertEquals(RfmSegment.NEEDS_ATTENTION, new RfmScore(2, 2, 1, 3).segment());
    assertEquals(RfmSegment.CANNOT_LOSE, new RfmScore(1, 3, 3, 3).segment());
    assertEquals(RfmSegment.LOST, new RfmScore(1, 1, 3, 3).segment());
  }

  @Test
  void serialization_scorerAndTiersScoreAlikeAfterARoundTrip() throws Exception {
    double[] t = tiedValues(new Random(Seeded.SEED), 50);
    RfmScorer scorer = RfmScorer.fit(t, reverse(t), t, 4);
    ValueTiers tiers = ValueTiers.fit(t);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(scorer);
      out.writeObject(tiers);
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      RfmScorer scorerCopy = (RfmScorer) in.readObject();
      ValueTiers tiersCopy = (ValueTiers) in.readObject();
      for (double v : t) {
        assertEquals(scorer.score(v, v, v), scorerCopy.score(v, v, v));
        assertEquals(tiers.tier(v), tiersCopy.tier(v));
      }
    }
  }

  @Test
  void score_codeAndTotal() {
    RfmScore s = new RfmScore(5, 4, 3, 5);
    assertEquals(543, s.code());
    assertEquals(12, s.total());
  }

  // ---- one test per rule, exact messages ----

  @Test
  void fit_rejectsBadColumns() {
    double[] three = {1, 2, 3};
    assertRejects("levels must be in [2, 9], was 10", () -> RfmScorer.fit(three, three, three, 10));
    assertRejects(
        "timeSinceLast must not be empty", () -> RfmScorer.fit(new double[0], three, three));
    assertRejects(
        "frequency has length 2 but timeSinceLast has length 3",
        () -> RfmScorer.fit(three, new double[] {1, 2}, three));
    assertRejects(
        "timeSinceLast[1] must be finite and >= 0, was -1.0",
        () -> RfmScorer.fit(new double[] {1, -1, 2}, three, three));
    assertRejects(
        "frequency[2] must be finite and >= 0, was Infinity",
        () -> RfmScorer.fit(three, new double[] {1, 2, Double.POSITIVE_INFINITY}, three));
    assertRejects(
        "monetary[0] must be finite, was NaN",
        () -> RfmScorer.fit(three, three, new double[] {Double.NaN, 1, 2}));
    assertRejects("monetary must not be null", () -> RfmScorer.fit(three, three, null));
  }

  @Test
  void score_rejectsBadValuesAndRanges() {
    double[] three = {1, 2, 3};
    RfmScorer scorer = RfmScorer.fit(three, three, three);
    assertRejects(
        "timeSinceLast must be finite and >= 0, was -0.5", () -> scorer.recencyScore(-0.5));
    assertRejects(
        "frequency must be finite and >= 0, was NaN", () -> scorer.frequencyScore(Double.NaN));
    assertRejects(
        "monetary must be finite, was -Infinity",
        () -> scorer.monetaryScore(Double.NEGATIVE_INFINITY));
    int[] out = new int[3];
    assertRejects(
        "range [from, to) = [0, 4) must lie within [0, 3]",
        () -> scorer.score(three, three, three, 0, 4, out, out, out));
    assertRejects(
        "range [from, to) = [0, 3) must lie within [0, 2]",
        () -> scorer.score(three, three, three, 0, 3, out, new int[2], out));
    assertRejects(
        "frequency[1] must be finite and >= 0, was -2.0",
        () -> scorer.segments(three, new double[] {1, -2, 3}, three, 0, 3, new RfmSegment[3]));
  }

  @Test
  void rfmScore_rejectsScoresOutsideTheLevels() {
    assertRejects("recency must be in [1, 5], was 6", () -> new RfmScore(6, 1, 1, 5));
    assertRejects("monetary must be in [1, 3], was 0", () -> new RfmScore(1, 1, 0, 3));
    assertRejects("levels must be in [2, 9], was 1", () -> new RfmScore(1, 1, 1, 1));
    assertRejects("score must not be null", () -> RfmSegment.of(null));
  }
}
