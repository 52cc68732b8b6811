package org.clvkit.core.lifecycle;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class LifecycleModelTest {
  private static final Tolerance TIGHT = Tolerance.relative(1e-13).or(Tolerance.absolute(1e-14));

  /**
   * Pfeifer and Carraway (2000), recency example: p = (0.30, 0.20, 0.15, 0.05), state 5 absorbing.
   */
  private static LifecycleModel pfeiferCarraway() {
    double[] p = {0.30, 0.20, 0.15, 0.05};
    double[][] rows = new double[5][5];
    for (int i = 0; i < 4; i++) {
      rows[i][0] = p[i];
      rows[i][i + 1] = 1 - p[i];
    }
    rows[4][4] = 1;
    return LifecycleModel.of(StageSet.of("1", "2", "3", "4", "5"), TransitionMatrix.of(rows));
  }

  /** NC − M = 36 in state 1, −M = −4 in states 2–4, 0 for a former customer. */
  private static final double[] PC_MARGINS = {36, -4, -4, -4, 0};

  /** Three stages ACTIVE, AT_RISK, CHURNED (absorbing); values checked by hand in the tests. */
  private static LifecycleModel threeStage() {
    return LifecycleModel.of(
        StageSet.of("ACTIVE", "AT_RISK", "CHURNED"),
        TransitionMatrix.of(new double[][] {{0.8, 0.15, 0.05}, {0.3, 0.5, 0.2}, {0, 0, 1}}));
  }

  /** The default five stages with win-back from CHURNED (the chain of winback_stationary.csv). */
  private static LifecycleModel winBack() {
    return LifecycleModel.of(
        StageSet.defaults(),
        TransitionMatrix.of(
            new double[][] {
              {0.50, 0.30, 0, 0.20, 0},
              {0, 0.55, 0.25, 0.20, 0},
              {0, 0, 0.85, 0.15, 0},
              {0, 0.20, 0.20, 0.30, 0.30},
              {0.04, 0.01, 0, 0, 0.95}
            }));
  }

  private static LifecycleModel twoStage(double a, double b) {
    return LifecycleModel.of(
        StageSet.of("active", "churned"),
        TransitionMatrix.of(new double[][] {{1 - a, a}, {b, 1 - b}}));
  }

  // ---------------------------------------------------------------------------------------------
  // Hand-checked two- and three-stage examples

  @Test
  void twoStageRetention_matchesClosedForms() {
    // Active customers churn with probability c each period; churn is absorbing. Hand-checked:
    // N = 1/c, expected lifetime 1/c, P(churned by h) = 1 − (1 − c)^h, and with margin m while
    // active V = m (1 + d) / (d + c) (the retention "margin multiple") and
    // V_T = m Σ_{t=0}^{T} ((1 − c)/(1 + d))^t.
    double c = 0.2;
    double d = 0.1;
    double m = 50;
    LifecycleModel model = twoStage(c, 0);
    assertTrue(model.isAbsorbing());
    assertArrayEquals(new int[] {1}, model.absorbingStages());
    TIGHT.check("N[0][0]", 1 / c, model.fundamentalMatrix()[0][0]);
    assertEquals(0.0, model.fundamentalMatrix()[1][1]);
    TIGHT.check("lifetime", 1 / c, model.expectedLifetime()[0]);
    assertEquals(0.0, model.expectedLifetime()[1]);
    for (int h : new int[] {0, 1, 5, 30}) {
      TIGHT.check("churn by " + h, 1 - Math.pow(1 - c, h), model.churnProbabilityBy(h)[0]);
      assertEquals(1.0, model.churnProbabilityBy(h)[1]);
    }
    double[] v = model.value(new double[] {m, 0}, d);
    TIGHT.check("V active", m * (1 + d) / (d + c), v[0]);
    assertEquals(0.0, v[1]);
    for (int horizon : new int[] {0, 1, 3, 25}) {
      double q = (1 - c) / (1 + d);
      double expected = m * (1 - Math.pow(q, horizon + 1)) / (1 - q);
      TIGHT.check("V_" + horizon, expected, model.value(new double[] {m, 0}, d, horizon)[0]);
    }
    assertArrayEquals(new double[] {0, 1}, model.absorptionProbabilities()[0], 1e-15);
    assertArrayEquals(new double[] {0, 1}, model.stationaryDistribution());
  }

  @Test
  void twoStageWinBack_matchesClosedForms() {
    // P = [[1 − a, a], [b, 1 − b]]: π = (b, a)/(a + b); x_k = π + (1 − a − b)^k (x_0 − π);
    // P(reach churned within h | active) = 1 − (1 − a)^h; V = A⁻¹R with A = I − P/(1 + d) inverted
    // by the 2 × 2 cofactor formula.
    double a = 0.25;
    double b = 0.1;
    double d = 0.05;
    LifecycleModel model = twoStage(a, b);
    assertFalse(model.isAbsorbing());
    double[] pi = model.stationaryDistribution();
    TIGHT.check("pi active", b / (a + b), pi[0]);
    TIGHT.check("pi churned", a / (a + b), pi[1]);
    double[] x0 = {1, 0};
    for (int k : new int[] {0, 1, 2, 10, 60}) {
      double lambda = Math.pow(1 - a - b, k);
      double[] x = model.distributionAfter(k, x0);
      Tolerance.absolute(1e-14).check("x_" + k, b / (a + b) + lambda * (1 - b / (a + b)), x[0]);
      Tolerance.absolute(1e-14).check("1 - x_" + k, 1 - x[0], x[1]);
    }
    for (int h : new int[] {0, 1, 4, 12}) {
      TIGHT.check("reach by " + h, 1 - Math.pow(1 - a, h), model.probabilityOfReachingBy(1, h)[0]);
      assertEquals(1.0, model.probabilityOfReachingBy(1, h)[1]);
    }
    double r = 1 / (1 + d);
    double a11 = 1 - r * (1 - a);
    double a12 = -r * a;
    double a21 = -r * b;
    double a22 = 1 - r * (1 - b);
    double det = a11 * a22 - a12 * a21;
    double[] margins = {20, -1};
    double[] v = model.value(margins, d);
    TIGHT.check("V active", (a22 * margins[0] - a12 * margins[1]) / det, v[0]);
    TIGHT.check("V churned", (-a21 * margins[0] + a11 * margins[1]) / det, v[1]);
  }

  @Test
  void threeStage_handChecked() {
    // Q = [[0.8, 0.15], [0.3, 0.5]], I − Q = [[0.2, −0.15], [−0.3, 0.5]], det = 0.055, so
    // N = [[100/11, 30/11], [60/11, 40/11]] and the expected lifetimes are 130/11 and 100/11.
    LifecycleModel model = threeStage();
    double[][] n = model.fundamentalMatrix();
    TIGHT.check("N[0][0]", 100.0 / 11, n[0][0]);
    TIGHT.check("N[0][1]", 30.0 / 11, n[0][1]);
    TIGHT.check("N[1][0]", 60.0 / 11, n[1][0]);
    TIGHT.check("N[1][1]", 40.0 / 11, n[1][1]);
    assertArrayEquals(new double[] {0, 0, 0}, n[2]);
    assertEquals(0.0, n[0][2]);
    double[] lifetime = model.expectedLifetime();
    TIGHT.check("lifetime ACTIVE", 130.0 / 11, lifetime[0]);
    TIGHT.check("lifetime AT_RISK", 100.0 / 11, lifetime[1]);
    // P² row 0 = (0.685, 0.195, 0.12);
    // P(churned by 2 | AT_RISK) = 0.3·0.05 + 0.5·0.2 + 0.2 = 0.315.
    double[] x2 = model.distributionAfter(2, new double[] {1, 0, 0});
    TIGHT.check("x2[0]", 0.685, x2[0]);
    TIGHT.check("x2[1]", 0.195, x2[1]);
    TIGHT.check("x2[2]", 0.12, x2[2]);
    double[] churn2 = model.churnProbabilityBy(2);
    TIGHT.check("churn by 2 ACTIVE", 0.12, churn2[0]);
    TIGHT.check("churn by 2 AT_RISK", 0.315, churn2[1]);
    // Margins (10, 2, 0), d = 0.25: V = (100/3, 50/3, 0);
    // check: 10 + 0.8(0.8·100/3 + 0.15·50/3) = 100/3 and 2 + 0.8(0.3·100/3 + 0.5·50/3) = 50/3.
    double[] v = model.value(new double[] {10, 2, 0}, 0.25);
    TIGHT.check("V ACTIVE", 100.0 / 3, v[0]);
    TIGHT.check("V AT_RISK", 50.0 / 3, v[1]);
    assertEquals(0.0, v[2]);
    // A base of 1,000 active and 200 at-risk customers: 1000·100/3 + 200·50/3 = 110,000/3.
    TIGHT.check(
        "base value",
        110_000.0 / 3,
        model.baseValue(new double[] {1000, 200, 0}, new double[] {10, 2, 0}, 0.25));
    assertArrayEquals(new double[] {0, 0, 1}, model.stationaryDistribution());
    for (double[] row : model.absorptionProbabilities()) {
      TIGHT.check("absorbed in CHURNED", 1, row[2]);
    }
  }

  @Test
  void absorptionProbabilities_splitBetweenTwoAbsorbingStages() {
    // From stage 0: stay 0.5, absorb in 1 w.p. 0.3, in 2 w.p. 0.2,
    // so B = (0.3, 0.2)/0.5 = (0.6, 0.4).
    LifecycleModel model =
        LifecycleModel.of(
            Chains.names(3),
            TransitionMatrix.of(new double[][] {{0.5, 0.3, 0.2}, {0, 1, 0}, {0, 0, 1}}));
    double[][] b = model.absorptionProbabilities();
    TIGHT.check("B[0][1]", 0.6, b[0][1]);
    TIGHT.check("B[0][2]", 0.4, b[0][2]);
    assertArrayEquals(new double[] {0, 1, 0}, b[1]);
    assertRejects(
        "the stationary distribution is not unique: stages 1 (s1) and 2 (s2) lie in different"
            + " closed classes",
        model::stationaryDistribution);
  }

  // ---------------------------------------------------------------------------------------------
  // Pfeifer and Carraway (2000) and other independent references

  @Test
  void pfeiferCarraway_reproducesReferenceValues() {
    ReferenceTable table = ReferenceTable.load("pfeifer_carraway_2000.csv");
    Tolerance tol = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-12));
    LifecycleModel model = pfeiferCarraway();
    String[] columns = {"s1", "s2", "s3", "s4", "s5"};
    double[][] fundamental = model.fundamentalMatrix();
    double[] lifetime = model.expectedLifetime();
    int checked = 0;
    for (int row = 0; row < table.size(); row++) {
      String quantity = table.text(row, "quantity");
      String horizon = table.text(row, "horizon");
      double[] actual;
      if (quantity.equals("value")) {
        actual =
            horizon.equals("inf")
                ? model.value(PC_MARGINS, 0.2)
                : model.value(PC_MARGINS, 0.2, Integer.parseInt(horizon));
      } else if (quantity.startsWith("fundamental_")) {
        actual = fundamental[Integer.parseInt(quantity.substring("fundamental_".length())) - 1];
      } else if (quantity.equals("lifetime")) {
        actual = lifetime;
      } else if (quantity.equals("churn_by")) {
        actual = model.churnProbabilityBy(Integer.parseInt(horizon));
      } else {
        throw new AssertionError("unknown quantity " + quantity);
      }
      for (int j = 0; j < 5; j++) {
        tol.check(
            quantity + "(" + horizon + ")[" + j + "]", table.number(row, columns[j]), actual[j]);
        checked++;
      }
    }
    assertEquals(70, checked);
  }

  @Test
  void stationaryDistribution_winBackMatchesReference() {
    ReferenceTable table = ReferenceTable.load("winback_stationary.csv");
    double[] pi = winBack().stationaryDistribution();
    assertEquals(5, table.size());
    for (int i = 0; i < 5; i++) {
      Tolerance.absolute(1e-14).check("pi[" + i + "]", table.number(i, "pi"), pi[i]);
    }
  }

  @Test
  void stationaryDistribution_zeroOnTransientStages() {
    // Stage 0 is transient; the closed class {1, 2} has π ∝ (0.6, 0.8) by its balance equation
    // 0.8 π1 = 0.6 π2, so π = (0, 3/7, 4/7).
    LifecycleModel model =
        LifecycleModel.of(
            Chains.names(3),
            TransitionMatrix.of(new double[][] {{0.5, 0.5, 0}, {0, 0.2, 0.8}, {0, 0.6, 0.4}}));
    double[] pi = model.stationaryDistribution();
    assertEquals(0.0, pi[0]);
    TIGHT.check("pi1", 3.0 / 7, pi[1]);
    TIGHT.check("pi2", 4.0 / 7, pi[2]);
  }

  // ---------------------------------------------------------------------------------------------
  // Simulation

  @Test
  void fundamentalMatrix_equalsSimulationAverages() {
    // 10^5 seeded paths of the Pfeifer–Carraway chain from state 1: mean periods in each transient
    // state before absorption, and mean lifetime, within 1 % of N's first row and of N·1 (the
    // Monte Carlo standard errors, estimated from a pilot run, are 0.07–0.24 %, so 1 % is at
    // least 4 standard errors).
    LifecycleModel model = pfeiferCarraway();
    double[][] p = model.transitionMatrix().toArray();
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    int paths = 100_000;
    long[] visits = new long[5];
    long lifetime = 0;
    long churnedBy3 = 0;
    for (int path = 0; path < paths; path++) {
      int stage = 0;
      int t = 0;
      while (stage != 4) {
        visits[stage]++;
        lifetime++;
        stage = Chains.step(p, stage, random);
        t++;
        if (stage == 4 && t <= 3) {
          churnedBy3++;
        }
      }
    }
    double[] n0 = model.fundamentalMatrix()[0];
    Tolerance onePercent = Tolerance.relative(0.01);
    for (int j = 0; j < 4; j++) {
      onePercent.check("mean periods in state " + (j + 1), n0[j], visits[j] / (double) paths);
    }
    onePercent.check("mean lifetime", model.expectedLifetime()[0], lifetime / (double) paths);
    // P(churned by 3 | state 1) = 0 (state 5 needs four non-purchases in a row): the simulation
    // agrees exactly.
    assertEquals(0, churnedBy3);
    assertEquals(0.0, model.churnProbabilityBy(3)[0]);
  }

  @Test
  void fundamentalMatrix_equalsSimulationAveragesOnThreeStages() {
    // 3 × 10^5 seeded paths from each transient stage: visit counts vary more here (relative
    // standard errors up to 0.46 % at 10^5 paths in a pilot run), so at 3 × 10^5 they are at most
    // 0.27 % and 1 % is at least 3.7 of them.
    LifecycleModel model = threeStage();
    double[][] p = model.transitionMatrix().toArray();
    SplittableRandom random = new SplittableRandom(Seeded.SEED + 1);
    int paths = 300_000;
    long[][] visits = new long[2][2];
    for (int start = 0; start < 2; start++) {
      for (int path = 0; path < paths; path++) {
        int stage = start;
        while (stage != 2) {
          visits[start][stage]++;
          stage = Chains.step(p, stage, random);
        }
      }
    }
    double[][] n = model.fundamentalMatrix();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        Tolerance.relative(0.01)
            .check("N[" + i + "][" + j + "]", n[i][j], visits[i][j] / (double) paths);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Properties

  @Test
  void forecast_distributionsSumToOneAtEveryStep() {
    Seeded.qt()
        .forAll(integers().between(1, 12), longs().all(), integers().between(0, 60))
        .checkAssert(
            (n, seed, periods) -> {
              LifecycleModel model =
                  LifecycleModel.of(
                      Chains.names(n), TransitionMatrix.of(Chains.randomStochastic(n, seed, true)));
              double[] initial = Chains.randomStochastic(n, ~seed, false)[0];
              double[][] path = model.forecast(periods, initial);
              assertEquals(periods + 1, path.length);
              assertArrayEquals(initial, path[0]);
              for (double[] x : path) {
                double sum = 0;
                for (double v : x) {
                  assertTrue(v >= 0);
                  sum += v;
                }
                Tolerance.absolute(1e-12).check("sum", 1, sum);
              }
              assertArrayEquals(path[periods], model.distributionAfter(periods, initial));
            });
  }

  @Test
  void stationaryDistribution_isInvariantUnderP() {
    Seeded.qt()
        .forAll(integers().between(1, 20), longs().all())
        .checkAssert(
            (n, seed) -> {
              LifecycleModel model =
                  LifecycleModel.of(
                      Chains.names(n),
                      TransitionMatrix.of(Chains.randomStochastic(n, seed, false)));
              double[] pi = model.stationaryDistribution();
              double[] next = model.distributionAfter(1, pi);
              for (int j = 0; j < n; j++) {
                assertTrue(pi[j] > 0);
                Tolerance.absolute(1e-14).check("(πP)[" + j + "]", pi[j], next[j]);
              }
            });
  }

  @Test
  void value_infiniteHorizonEqualsLongFiniteSum() {
    Tolerance tol = Tolerance.relative(1e-11).or(Tolerance.absolute(1e-9));
    double[] pc = pfeiferCarraway().value(PC_MARGINS, 0.2);
    double[] pcFinite = pfeiferCarraway().value(PC_MARGINS, 0.2, 400);
    for (int i = 0; i < 5; i++) {
      tol.check("P&C V[" + i + "]", pc[i], pcFinite[i]);
    }
    Seeded.qt(100)
        .forAll(integers().between(1, 10), longs().all(), doubles().between(0.02, 0.5))
        .checkAssert(
            (n, seed, d) -> {
              LifecycleModel model =
                  LifecycleModel.of(
                      Chains.names(n), TransitionMatrix.of(Chains.randomStochastic(n, seed, true)));
              double[] margins = randomMargins(n, seed, -50, 100);
              // (1 + d)^−T < 1e-15 relative to the largest margin, so the tail is negligible.
              int horizon = (int) Math.ceil(15 * Math.log(10) / Math.log1p(d)) + 1;
              double[] infinite = model.value(margins, d);
              double[] finite = model.value(margins, d, horizon);
              for (int i = 0; i < n; i++) {
                tol.check("V[" + i + "]", infinite[i], finite[i]);
              }
            });
  }

  @Test
  void value_risesWithMarginsAndFallsWithDiscount() {
    Seeded.qt()
        .forAll(integers().between(1, 10), longs().all(), doubles().between(0.01, 0.5))
        .checkAssert(
            (n, seed, d) -> {
              LifecycleModel model =
                  LifecycleModel.of(
                      Chains.names(n), TransitionMatrix.of(Chains.randomStochastic(n, seed, true)));
              double[] margins = randomMargins(n, seed, 0.1, 100);
              int j = (int) Math.floorMod(seed, (long) n);
              double[] higher = margins.clone();
              higher[j] += 1;
              double[] v = model.value(margins, d);
              double[] vHigher = model.value(higher, d);
              double[] vMoreDiscount = model.value(margins, d * 1.5);
              double[] finite = model.value(margins, d, 12);
              double[] finiteHigher = model.value(higher, d, 12);
              double[] finiteMoreDiscount = model.value(margins, d * 1.5, 12);
              for (int i = 0; i < n; i++) {
                double slack = 1e-12 * Math.abs(v[i]);
                assertTrue(vHigher[i] >= v[i] - slack, "V rises with a margin");
                assertTrue(finiteHigher[i] >= finite[i] - slack, "V_T rises with a margin");
                assertTrue(vMoreDiscount[i] < v[i], "V falls with the discount rate");
                assertTrue(finiteMoreDiscount[i] < finite[i], "V_T falls with the discount rate");
              }
              // A margin raised by 1 raises its own stage's value by at least 1 (the current
              // period's margin).
              assertTrue(vHigher[j] - v[j] >= 1 - 1e-9);
              assertTrue(finiteHigher[j] - finite[j] >= 1 - 1e-9);
            });
  }

  @Test
  void churnProbabilityBy_risesWithHorizonTowardsOne() {
    Seeded.qt(100)
        .forAll(integers().between(2, 10), longs().all())
        .checkAssert(
            (n, seed) -> {
              LifecycleModel model =
                  LifecycleModel.of(
                      Chains.names(n), TransitionMatrix.of(Chains.randomAbsorbing(n, seed)));
              double[] previous = model.churnProbabilityBy(0);
              for (int h = 1; h <= 40; h++) {
                double[] current = model.churnProbabilityBy(h);
                for (int i = 0; i < n; i++) {
                  assertTrue(current[i] >= previous[i] - 1e-15);
                  assertTrue(current[i] <= 1 + 1e-15);
                }
                previous = current;
              }
              double[] far = model.churnProbabilityBy(5_000);
              for (int i = 0; i < n; i++) {
                Tolerance.absolute(1e-9).check("churn by 5000", 1, far[i]);
              }
              // Expected lifetime = Σ_{t≥0} P(not yet churned at t); every stage churns with
              // probability >= 0.02 per period, so 3,000 terms leave a tail below 1e-25.
              double[] lifetime = model.expectedLifetime();
              for (int i = 0; i < n - 1; i++) {
                double[] start = new double[n];
                start[i] = 1;
                double sum = 0;
                for (double[] x : model.forecast(3_000, start)) {
                  sum += 1 - x[n - 1];
                }
                Tolerance.relative(1e-9).check("lifetime", lifetime[i], sum);
              }
            });
  }

  // ---------------------------------------------------------------------------------------------
  // Validation, immutability, serialization

  @Test
  void of_rejectsMismatchedSizes() {
    assertRejects(
        "transitionMatrix has length 2 but stages has length 5",
        () -> LifecycleModel.of(StageSet.defaults(), TransitionMatrix.identity(2)));
    assertRejects(
        "stages must not be null", () -> LifecycleModel.of(null, TransitionMatrix.identity(2)));
    assertRejects(
        "transitionMatrix must not be null", () -> LifecycleModel.of(Chains.names(2), null));
  }

  @Test
  void distributionAfter_rejectsInvalidInitialDistribution() {
    LifecycleModel model = threeStage();
    assertRejects("initial must not be null", () -> model.distributionAfter(1, null));
    assertRejects(
        "initial has length 2 but stages has length 3",
        () -> model.distributionAfter(1, new double[] {0.5, 0.5}));
    assertRejects(
        "initial[1] must be in [0, 1], was 1.5",
        () -> model.distributionAfter(1, new double[] {0, 1.5, -0.5}));
    assertRejects(
        "initial must sum to 1 within 1.0E-9, was 0.75",
        () -> model.forecast(1, new double[] {0.5, 0.25, 0}));
    assertRejects(
        "periods must be >= 0, was -1", () -> model.distributionAfter(-1, new double[] {1, 0, 0}));
    assertRejects("periods must be >= 0, was -2", () -> model.forecast(-2, new double[] {1, 0, 0}));
  }

  @Test
  void value_rejectsInvalidMarginsDiscountAndHorizon() {
    LifecycleModel model = threeStage();
    assertRejects(
        "margins has length 2 but stages has length 3",
        () -> model.value(new double[] {1, 2}, 0.1));
    assertRejects(
        "margins[1] must be finite, was NaN",
        () -> model.value(new double[] {1, Double.NaN, 0}, 0.1));
    assertRejects(
        "discountRate must be finite and > 0, was 0.0",
        () -> model.value(new double[] {1, 2, 0}, 0));
    assertRejects(
        "discountRate must be finite and >= 0, was -0.1",
        () -> model.value(new double[] {1, 2, 0}, -0.1, 5));
    assertRejects(
        "horizon must be >= 0, was -1", () -> model.value(new double[] {1, 2, 0}, 0.1, -1));
    assertRejects(
        "stageCounts[0] must be finite and >= 0, was -3.0",
        () -> model.baseValue(new double[] {-3, 0, 0}, new double[] {1, 2, 0}, 0.1));
    assertRejects(
        "stageCounts has length 1 but stages has length 3",
        () -> model.baseValue(new double[] {3}, new double[] {1, 2, 0}, 0.1, 4));
  }

  @Test
  void value_zeroDiscountFiniteHorizonIsUndiscountedSum() {
    // d = 0, T = 1 from ACTIVE: 10 + (0.8·10 + 0.15·2) = 18.3.
    TIGHT.check("V_1", 18.3, threeStage().value(new double[] {10, 2, 0}, 0, 1)[0]);
  }

  @Test
  void absorbingAnalysis_rejectsChainsThatAreNotAbsorbing() {
    assertRejects(
        "the chain has no absorbing stage (a stage i with P(i, i) = 1); stages are [active,"
            + " churned]",
        () -> twoStage(0.25, 0.1).fundamentalMatrix());
    assertRejects(
        "the chain has no absorbing stage (a stage i with P(i, i) = 1); stages are [active,"
            + " churned]",
        () -> twoStage(0.25, 0.1).churnProbabilityBy(3));
    LifecycleModel trapped =
        LifecycleModel.of(
            StageSet.of("a", "b", "c", "gone"),
            TransitionMatrix.of(
                new double[][] {
                  {0.5, 0, 0, 0.5}, {0, 0.5, 0.5, 0}, {0, 0.5, 0.5, 0}, {0, 0, 0, 1}
                }));
    assertFalse(trapped.isAbsorbing());
    assertRejects(
        "the chain is not absorbing: stage 1 (b) cannot reach an absorbing stage",
        trapped::expectedLifetime);
    assertRejects(
        "the chain is not absorbing: stage 1 (b) cannot reach an absorbing stage",
        trapped::absorptionProbabilities);
    assertRejects("horizon must be >= 0, was -1", () -> threeStage().churnProbabilityBy(-1));
    assertRejects(
        "stage must be in [0, 2], was 3", () -> threeStage().probabilityOfReachingBy(3, 1));
  }

  @Test
  void model_isImmutableAndSerializable() {
    LifecycleModel model = winBack();
    double[][] rows = model.transitionMatrix().toArray();
    rows[0][0] = 0;
    assertEquals(0.5, model.transitionMatrix().get(0, 0));
    LifecycleModel copy = Chains.roundTrip(model);
    assertEquals(model, copy);
    assertArrayEquals(model.stationaryDistribution(), copy.stationaryDistribution());
  }

  private static double[] randomMargins(int n, long seed, double lower, double upper) {
    SplittableRandom random = new SplittableRandom(seed * 31 + 7);
    double[] margins = new double[n];
    for (int i = 0; i < n; i++) {
      margins[i] = random.nextDouble(lower, upper);
    }
    return margins;
  }
}
