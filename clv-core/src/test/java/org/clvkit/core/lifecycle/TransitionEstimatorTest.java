package org.clvkit.core.lifecycle;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.core.lifecycle.TransitionEstimator.UnobservedStage;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class TransitionEstimatorTest {
  private static final StageSet ABC = StageSet.of("A", "B", "C");
  private static final Tolerance TIGHT = Tolerance.relative(1e-15).or(Tolerance.absolute(1e-16));

  /** Sequences A A B / B C / A B B C C: counts AA 1, AB 2, BB 1, BC 2, CC 1. */
  private static TransitionCounts handCounts() {
    return new TransitionCounts(ABC)
        .accept(new int[] {0, 0, 1})
        .accept(new int[] {1, 2})
        .acceptNames(List.of("A", "B", "B", "C", "C"));
  }

  @Test
  void estimate_maximumLikelihoodIsRowProportionsWithMultinomialErrors() {
    TransitionEstimate estimate = TransitionEstimator.maximumLikelihood().estimate(handCounts());
    assertArrayEquals(new long[][] {{1, 2, 0}, {0, 1, 2}, {0, 0, 1}}, estimate.counts());
    assertEquals(3, estimate.transitionsFrom(0));
    // Row A: 1/3, 2/3, 0 with standard errors sqrt(p(1 − p)/3) = sqrt(2/27), sqrt(2/27), 0.
    TIGHT.check("p(A,A)", 1.0 / 3, estimate.probability(0, 0));
    TIGHT.check("p(A,B)", 2.0 / 3, estimate.probability(0, 1));
    assertEquals(0.0, estimate.probability(0, 2));
    TIGHT.check("se(A,A)", Math.sqrt(2.0 / 27), estimate.standardError(0, 0));
    TIGHT.check("se(A,B)", Math.sqrt(2.0 / 27), estimate.standardError(0, 1));
    assertEquals(0.0, estimate.standardError(0, 2));
    // Row C: only C → C observed, p = 1 with standard error 0.
    assertEquals(1.0, estimate.probability(2, 2));
    assertEquals(0.0, estimate.standardError(2, 2));
    assertEquals(2, estimate.count(1, 2));
    assertEquals(estimate.transitionMatrix(), estimate.model().transitionMatrix());
    assertEquals(TransitionEstimator.maximumLikelihood(), estimate.estimator());
  }

  @Test
  void estimate_additiveSmoothing() {
    // α = 0.5, k = 3: row A is (1 + .5, 2 + .5, 0 + .5)/(3 + 1.5); its standard errors use the
    // 3 observed transitions only.
    TransitionEstimate estimate =
        TransitionEstimator.maximumLikelihood().withSmoothing(0.5).estimate(handCounts());
    TIGHT.check("p(A,A)", 1.5 / 4.5, estimate.probability(0, 0));
    TIGHT.check("p(A,B)", 2.5 / 4.5, estimate.probability(0, 1));
    TIGHT.check("p(A,C)", 0.5 / 4.5, estimate.probability(0, 2));
    double p = 0.5 / 4.5;
    TIGHT.check("se(A,C)", Math.sqrt(p * (1 - p) / 3), estimate.standardError(0, 2));
    TIGHT.check("p(C,C)", 1.5 / 2.5, estimate.probability(2, 2));
  }

  @Test
  void estimate_unobservedStagePolicies() {
    TransitionCounts counts = new TransitionCounts(ABC).accept(new int[] {0, 1, 2});
    assertRejects(
        "stage 2 (C) has no observed transitions out of it; supply sequences that leave it or"
            + " choose an UnobservedStage policy",
        () -> TransitionEstimator.maximumLikelihood().estimate(counts));
    TransitionEstimate absorbing =
        TransitionEstimator.maximumLikelihood()
            .withUnobserved(UnobservedStage.ABSORBING)
            .estimate(counts);
    assertArrayEquals(new double[] {0, 0, 1}, absorbing.transitionMatrix().row(2));
    assertEquals(Double.POSITIVE_INFINITY, absorbing.standardError(2, 2));
    assertTrue(absorbing.model().isAbsorbing());
    TransitionEstimate uniform =
        new TransitionEstimator(0.5, UnobservedStage.UNIFORM).estimate(counts);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, uniform.transitionMatrix().row(2));
    assertArrayEquals(
        new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        uniform.standardErrors()[2]);
  }

  @Test
  void estimate_recoversKnownMatrixWithinThreeStandardErrors() {
    // 3,000 customers followed for 24 periods in the default-stage win-back chain: every cell
    // of the estimate lies within 3 standard errors of the true probability (structural zeros
    // stay 0).
    double[][] truth = {
      {0.50, 0.30, 0, 0.20, 0},
      {0, 0.55, 0.25, 0.20, 0},
      {0, 0, 0.85, 0.15, 0},
      {0, 0.20, 0.20, 0.30, 0.30},
      {0.04, 0.01, 0, 0, 0.95}
    };
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    List<int[]> sequences = new ArrayList<>();
    for (int customer = 0; customer < 3_000; customer++) {
      int[] sequence = new int[25];
      for (int t = 1; t < sequence.length; t++) {
        sequence[t] = Chains.step(truth, sequence[t - 1], random);
      }
      sequences.add(sequence);
    }
    TransitionEstimate estimate =
        TransitionEstimator.maximumLikelihood().estimate(StageSet.defaults(), sequences);
    for (int i = 0; i < 5; i++) {
      assertTrue(estimate.transitionsFrom(i) > 1_000, "enough data in row " + i);
      for (int j = 0; j < 5; j++) {
        double se = estimate.standardError(i, j);
        double error = Math.abs(estimate.probability(i, j) - truth[i][j]);
        assertTrue(
            error <= 3 * se,
            "cell ("
                + i
                + ", "
                + j
                + "): |"
                + estimate.probability(i, j)
                + " - "
                + truth[i][j]
                + "| > 3 × "
                + se);
        if (truth[i][j] > 0) {
          assertTrue(se > 0 && se < 0.02, "standard error of cell (" + i + ", " + j + ") = " + se);
        }
      }
    }
  }

  @Test
  void combine_equalsOneAccumulatorInAnySplitAndOrder() {
    Seeded.qt(100)
        .forAll(longs().all(), integers().between(0, 30), integers().between(0, 30))
        .checkAssert(
            (seed, cut1, cut2) -> {
              SplittableRandom random = new SplittableRandom(seed);
              List<int[]> sequences = new ArrayList<>();
              for (int c = 0; c < 30; c++) {
                int[] s = new int[random.nextInt(6)];
                for (int t = 0; t < s.length; t++) {
                  s[t] = random.nextInt(3);
                }
                sequences.add(s);
              }
              TransitionCounts whole = new TransitionCounts(ABC).acceptAll(sequences);
              int lo = Math.min(cut1, cut2);
              int hi = Math.max(cut1, cut2);
              TransitionCounts a = new TransitionCounts(ABC).acceptAll(sequences.subList(0, lo));
              TransitionCounts b = new TransitionCounts(ABC).acceptAll(sequences.subList(lo, hi));
              TransitionCounts c = new TransitionCounts(ABC).acceptAll(sequences.subList(hi, 30));
              assertArrayEquals(whole.toArray(), c.combine(a).combine(b).toArray());
              List<int[]> shuffled = new ArrayList<>(sequences);
              Collections.shuffle(shuffled, new java.util.Random(seed));
              assertArrayEquals(
                  whole.toArray(), new TransitionCounts(ABC).acceptAll(shuffled).toArray());
            });
  }

  @Test
  void counts_rejectInvalidInput() {
    TransitionCounts counts = new TransitionCounts(ABC);
    assertRejects(
        "sequence[3] must be in [0, 2], was 7", () -> counts.accept(new int[] {0, 1, 2, 7}));
    assertEquals(0, counts.count(0, 1), "nothing counted from a rejected sequence");
    assertRejects("from must be in [0, 2], was -1", () -> counts.accept(-1, 0));
    assertRejects("to must be in [0, 2], was 3", () -> counts.accept(0, 3));
    assertRejects(
        "sequence[1] must be one of [A, B, C], was D", () -> counts.acceptNames(List.of("A", "D")));
    assertRejects("sequence must not be null", () -> counts.accept((int[]) null));
    assertRejects(
        "other.stages = [A, B] must equal stages = [A, B, C]",
        () -> counts.combine(new TransitionCounts(StageSet.of("A", "B"))));
    assertRejects("stages must not be null", () -> new TransitionCounts(null));
  }

  @Test
  void estimator_rejectsInvalidConfiguration() {
    assertRejects(
        "smoothing must be finite and >= 0, was -1.0",
        () -> TransitionEstimator.maximumLikelihood().withSmoothing(-1));
    assertRejects("unobserved must not be null", () -> new TransitionEstimator(0, null));
    assertRejects(
        "counts must not be null", () -> TransitionEstimator.maximumLikelihood().estimate(null));
  }

  @Test
  void estimate_isSerializable() {
    TransitionEstimate estimate = TransitionEstimator.maximumLikelihood().estimate(handCounts());
    TransitionEstimate copy = Chains.roundTrip(estimate);
    assertEquals(estimate.transitionMatrix(), copy.transitionMatrix());
    assertArrayEquals(estimate.counts(), copy.counts());
    assertEquals(estimate.estimator(), copy.estimator());
  }
}
