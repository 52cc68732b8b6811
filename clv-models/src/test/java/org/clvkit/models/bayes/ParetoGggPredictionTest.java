package org.clvkit.models.bayes;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Model;
import org.clvkit.models.cnbd.CdnowWithLitt;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.testing.ReferenceTable;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/GGG's individual predictions at the population parameters (empirical Bayes): P(alive)
 * by quadrature against an independent computation, the Monte Carlo expected purchases against the
 * full posterior's and the Pareto/NBD limit, and their properties (range, monotonicity,
 * reproducibility whatever the order, batch or thread).
 */
class ParetoGggPredictionTest {
  /** Posterior means of a short CDNOW fit (2 chains × 400 after 200, seed 7; weeks). */
  static final ParetoGggParameters CDNOW =
      new ParetoGggParameters(200.416, 194.527, 0.587351, 10.8764, 0.631032, 11.7997);

  private static CustomerHistories cdnow() {
    CdnowWithLitt c = CdnowWithLitt.load();
    return c.histories.withLitt(c.litt);
  }

  /**
   * Source: {@code src/test/python/pggg_alive_reference.py} (scipy, λ integrated numerically, not
   * through the incomplete beta function), committed beside {@code pggg_alive.csv}; tolerance 1e-6
   * absolute (the file's).
   */
  @Test
  void probabilityAlive_matchesTheIndependentQuadrature() {
    ReferenceTable table = ReferenceTable.load("pggg_alive.csv");
    assertTrue(table.size() >= 10);
    for (int row = 0; row < table.size(); row++) {
      ParetoGggModel model =
          ParetoGggModel.of(
              new ParetoGggParameters(
                  table.number(row, "t"),
                  table.number(row, "gamma"),
                  table.number(row, "r"),
                  table.number(row, "alpha"),
                  table.number(row, "s"),
                  table.number(row, "beta")));
      double actual =
          model.probabilityAlive(
              table.number(row, "x"),
              table.number(row, "t_x"),
              table.number(row, "T"),
              table.number(row, "litt"));
      assertEquals(table.number(row, "p_alive"), actual, 1e-6, "row " + row);
    }
  }

  /**
   * P(alive) with the dead term interpolated in ln k (the default) equals the quadrature that
   * computes it at every node, within 1e-6, on CDNOW's first 400 customers at CDNOW's means and on
   * simulated customers at BTYDplus's test parameters (a broad k population).
   */
  @Test
  void probabilityAlive_interpolatedDeadTermMatchesTheExactQuadrature() {
    CustomerHistories cdnow = cdnow();
    CustomerHistories simulated = ParetoGggFitterTest.simulated(200, 31L).histories();
    double[] logs = new double[ParetoGggLikelihood.GRID + 1];
    double[] exact = new double[2];
    double[] fast = new double[2];
    double worst = 0;
    for (int set = 0; set < 2; set++) {
      CustomerHistories data = set == 0 ? cdnow : simulated;
      ParetoGggParameters p = set == 0 ? CDNOW : ParetoGggFitterTest.TRUE;
      for (int i = 0; i < Math.min(400, data.size()); i++) {
        double x = data.frequency(i);
        double tx = data.recency(i);
        double age = data.age(i);
        double litt = data.litt(i);
        if (!(age > tx)) {
          continue;
        }
        ParetoGggLikelihood.integrals(p, x, tx, age, litt, 1e-6, 0, logs, exact);
        double expected = Math.exp(exact[1] - exact[0]);
        double actual = ParetoGggLikelihood.probabilityAlive(p, x, tx, age, litt, logs);
        worst = Math.max(worst, Math.abs(expected - actual));
        assertEquals(expected, actual, 1e-6, "set " + set + " customer " + i);
      }
    }
    assertTrue(worst < 1e-6, "worst " + worst);
  }

  /**
   * With k concentrated at 1 (t = γ = 10^4: mean 1, sd 0.01) the Pareto/GGG is the Pareto/NBD:
   * P(alive) within 2e-3 of the Pareto/NBD's closed form, P(alive at T + t) too, and the expected
   * purchases within 4 % + 0.005 (Monte Carlo and the remaining spread of k).
   */
  @Test
  void predictions_tendToTheParetoNbdsAsKConcentratesAtOne() {
    CustomerHistories data = ParetoGggFitterTest.simulated(60, 8L).histories();
    ParetoGggModel ggg = ParetoGggModel.of(new ParetoGggParameters(1e4, 1e4, 0.9, 5, 0.8, 12));
    ParetoNbdModel pnbd = ParetoNbdModel.of(new ParetoNbdParameters(0.9, 5, 0.8, 12));
    double[] alive = ggg.probabilityAlive(data);
    double[] expected = ggg.conditionalExpectedPurchases(20, data);
    double sumGgg = 0;
    double sumPnbd = 0;
    for (int i = 0; i < data.size(); i++) {
      double x = data.frequency(i);
      double tx = data.recency(i);
      double age = data.age(i);
      assertEquals(pnbd.probabilityAlive(x, tx, age), alive[i], 2e-3, "customer " + i);
      assertEquals(
          pnbd.probabilityAlive(10, x, tx, age),
          ggg.probabilityAlive(10, x, tx, age, data.litt(i)),
          2e-3,
          "customer " + i);
      double e = pnbd.conditionalExpectedPurchases(20, x, tx, age);
      assertEquals(e, expected[i], 0.04 * e + 0.005, "customer " + i);
      sumGgg += expected[i];
      sumPnbd += e;
    }
    assertEquals(sumPnbd, sumGgg, 0.01 * sumPnbd);
  }

  /**
   * The empirical-Bayes predictions (at the posterior means) agree with the full posterior's
   * (averaged over each customer's own draws and the population's) on CDNOW: they differ by the
   * population's posterior uncertainty (and the posterior's own simulation noise). Tolerances: mean
   * absolute difference of P(alive) 0.03, of the expected purchases over 39 weeks 10 % of their
   * mean; the sums within 2 % (P(alive)) and 5 % (purchases).
   */
  @Test
  void predictions_agreeWithTheFullPosteriorOnCdnow() {
    CustomerHistories data = cdnow();
    ParetoGggPosterior posterior =
        ParetoGggFitter.create().withMcmc(new McmcSettings(2, 200, 400, 4, 7L)).sample(data);
    ParetoGggModel model = posterior.model();
    int n = data.size();
    double[] alive = new double[n];
    double[] expected = new double[n];
    model.predict(
        39,
        data.frequencyColumn(),
        data.recencyColumn(),
        data.ageColumn(),
        data.littColumn(),
        alive,
        expected,
        0,
        n);
    CustomerIntervals fullAlive = posterior.probabilityAlive();
    CustomerIntervals fullExpected = posterior.expectedPurchases(39);
    double sumAlive = 0;
    double sumFullAlive = 0;
    double sumExpected = 0;
    double sumFullExpected = 0;
    double deviationAlive = 0;
    double deviationExpected = 0;
    for (int i = 0; i < n; i++) {
      sumAlive += alive[i];
      sumFullAlive += fullAlive.mean(i);
      sumExpected += expected[i];
      sumFullExpected += fullExpected.mean(i);
      deviationAlive += Math.abs(alive[i] - fullAlive.mean(i));
      deviationExpected += Math.abs(expected[i] - fullExpected.mean(i));
    }
    assertEquals(sumFullAlive, sumAlive, 0.02 * sumFullAlive);
    assertEquals(sumFullExpected, sumExpected, 0.05 * sumFullExpected);
    assertTrue(deviationAlive / n < 0.03, "mean |ΔP(alive)| " + deviationAlive / n);
    assertTrue(
        deviationExpected < 0.10 * sumFullExpected,
        "mean |ΔE[X]| " + deviationExpected / n + " of mean " + sumFullExpected / n);
  }

  /**
   * The Monte Carlo error stated in the Javadoc: over 12 seeds, the relative standard deviation of
   * a CDNOW customer's expected purchases over 39 weeks is below 7 % (below 3 % for repeat buyers),
   * and of the sum over 100 customers below 0.5 %.
   */
  @Test
  void conditionalExpectedPurchases_monteCarloErrorIsAsStated() {
    CustomerHistories data = cdnow();
    ParetoGggModel model = ParetoGggModel.of(CDNOW);
    int[] rows = {0, 2, 10, 100};
    int seeds = 12;
    for (int i : rows) {
      double[] values = new double[seeds];
      for (int seed = 0; seed < seeds; seed++) {
        values[seed] = expected39(model, data, i, seed);
      }
      double[] meanSd = meanAndSd(values);
      double bound = data.frequency(i) > 0 ? 0.03 : 0.07;
      assertTrue(
          meanSd[1] < bound * meanSd[0],
          "row " + i + ": sd " + meanSd[1] + " of mean " + meanSd[0]);
    }
    double[] totals = new double[4];
    for (int seed = 0; seed < totals.length; seed++) {
      for (int i = 0; i < 100; i++) {
        totals[seed] += expected39(model, data, i, seed);
      }
    }
    double[] meanSd = meanAndSd(totals);
    assertTrue(meanSd[1] < 0.005 * meanSd[0], "sum: sd " + meanSd[1] + " of mean " + meanSd[0]);
  }

  /** Row {@code i}'s expected purchases over 39 weeks from the default draws with {@code seed}. */
  private static double expected39(ParetoGggModel model, CustomerHistories data, int i, int seed) {
    return model.conditionalExpectedPurchases(
        39,
        data.frequency(i),
        data.recency(i),
        data.age(i),
        data.litt(i),
        ParetoGggModel.DRAWS,
        seed);
  }

  /** The mean and the sample standard deviation of {@code values}. */
  private static double[] meanAndSd(double[] values) {
    int n = values.length;
    double s1 = 0;
    double s2 = 0;
    for (double v : values) {
      s1 += v;
      s2 += v * v;
    }
    double mean = s1 / n;
    return new double[] {mean, Math.sqrt(Math.max(0, (s2 - n * mean * mean) / (n - 1)))};
  }

  @Test
  void predictions_areProbabilitiesAndNonNegativeIncreasingCounts() {
    ParetoGggModel model = ParetoGggModel.of(ParetoGggFitterTest.TRUE);
    double[][] customers = {
      {0, 0, 39, 0},
      {1, 10, 39, 2.302585},
      {3, 30, 39, 6.866933},
      {2, 5, 60, 1.791759},
      {10, 35, 52, 11.727},
      {25, 50, 52, 15.83},
      {4, 39, 39, 5.0}
    };
    for (double[] c : customers) {
      double alive = model.probabilityAlive(c[0], c[1], c[2], c[3]);
      assertTrue(alive >= 0 && alive <= 1, "P(alive) " + alive);
      double previousAlive = alive;
      double previous = 0;
      for (double t : new double[] {0, 1, 5, 13, 26, 52, 104}) {
        double e = model.conditionalExpectedPurchases(t, c[0], c[1], c[2], c[3]);
        assertTrue(e >= previous, "E[X(" + t + ")] = " + e + " < " + previous);
        previous = e;
        double future = model.probabilityAlive(t, c[0], c[1], c[2], c[3]);
        assertTrue(future <= previousAlive && future >= 0, "P(alive at T+" + t + ")");
        previousAlive = future;
      }
      assertEquals(0, model.conditionalExpectedPurchases(0, c[0], c[1], c[2], c[3]));
    }
    assertEquals(1.0, model.probabilityAlive(4, 39, 39, 5.0));
    // Discounting at rate 0 over whole periods is the expected purchases (another estimator of
    // the same value: within Monte Carlo error).
    double e = model.conditionalExpectedPurchases(26, 3, 30, 39, 6.866933);
    double d = model.discountedExpectedPurchases(26, 0, 3, 30, 39, 6.866933);
    assertEquals(e, d, 0.05 * e);
    assertTrue(model.discountedExpectedPurchases(26, 0.05, 3, 30, 39, 6.866933) < d);
  }

  /** Equal histories get equal scores whatever their row, batch, order or thread. */
  @Test
  void predictions_areReproducibleAcrossOrdersBatchesAndThreads() throws Exception {
    CustomerHistories data = ParetoGggFitterTest.simulated(80, 21L).histories();
    ParetoGggModel model = ParetoGggModel.of(ParetoGggFitterTest.TRUE);
    int n = data.size();
    double[] f = data.frequencyColumn();
    double[] r = data.recencyColumn();
    double[] a = data.ageColumn();
    double[] l = data.littColumn();
    double[] whole = new double[n];
    model.conditionalExpectedPurchases(26, f, r, a, l, whole, 0, n);
    double[] batches = new double[n];
    for (int from = 0; from < n; from += 7) {
      model.conditionalExpectedPurchases(26, f, r, a, l, batches, from, Math.min(n, from + 7));
    }
    assertArrayEquals(whole, batches);
    double[] rf = new double[n];
    double[] rr = new double[n];
    double[] ra = new double[n];
    double[] rl = new double[n];
    for (int i = 0; i < n; i++) {
      rf[i] = f[n - 1 - i];
      rr[i] = r[n - 1 - i];
      ra[i] = a[n - 1 - i];
      rl[i] = l[n - 1 - i];
    }
    double[] reversed = new double[n];
    model.conditionalExpectedPurchases(26, rf, rr, ra, rl, reversed, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(whole[n - 1 - i], reversed[i], "row " + i);
    }
    double[] threaded = new double[n];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> first =
          pool.submit(() -> model.conditionalExpectedPurchases(26, f, r, a, l, threaded, 0, n / 2));
      Future<?> second =
          pool.submit(() -> model.conditionalExpectedPurchases(26, f, r, a, l, threaded, n / 2, n));
      first.get();
      second.get();
    } finally {
      pool.shutdown();
    }
    assertArrayEquals(whole, threaded);
    for (int i = 0; i < n; i++) {
      assertEquals(
          whole[i], model.conditionalExpectedPurchases(26, f[i], r[i], a[i], l[i]), "row " + i);
    }
    // The same history twice in one batch: the same value.
    double[] twice = new double[2];
    model.conditionalExpectedPurchases(
        26,
        new double[] {f[3], f[3]},
        new double[] {r[3], r[3]},
        new double[] {a[3], a[3]},
        new double[] {l[3], l[3]},
        twice,
        0,
        2);
    assertEquals(whole[3], twice[0]);
    assertEquals(whole[3], twice[1]);
  }

  @Test
  void savedAndLoadedModel_predictsTheSame() {
    ParetoGggModel model = ParetoGggModel.of(CDNOW);
    String text = ModelFiles.toText(model, Provenance.now("week"));
    ParetoGggModel back = ParetoGggModel.TYPE.cast(ModelFiles.fromText(text, Model.class).model());
    assertEquals(
        model.probabilityAlive(2, 30.43, 38.86, 2.6), back.probabilityAlive(2, 30.43, 38.86, 2.6));
    assertEquals(
        model.conditionalExpectedPurchases(39, 2, 30.43, 38.86, 2.6),
        back.conditionalExpectedPurchases(39, 2, 30.43, 38.86, 2.6));
  }

  @Test
  void predictions_rejectBadArgumentsNamingThem() {
    ParetoGggModel model = ParetoGggModel.of(CDNOW);
    CustomerHistories noLitt =
        CustomerHistories.of(new double[] {1}, new double[] {2}, new double[] {5});
    assertRejects(
        "litt is required (attach it with withLitt, or summarise with same-day merging)",
        () -> model.probabilityAlive(noLitt));
    assertRejects(
        "litt is required (attach it with withLitt, or summarise with same-day merging)",
        () -> model.conditionalExpectedPurchases(10, noLitt));
    assertRejects(
        "t must be finite and >= 0, was -1.0",
        () -> model.conditionalExpectedPurchases(-1, 1, 2, 5, 0.5));
    assertRejects(
        "litt must be finite, was NaN", () -> model.probabilityAlive(1, 2, 5, Double.NaN));
    assertRejects(
        "litt = 1.0 must be 0 when frequency = 0", () -> model.probabilityAlive(0, 0, 5, 1.0));
    assertRejects(
        "litt[1] must be finite, was NaN",
        () ->
            model.probabilityAlive(
                new double[] {1, 1},
                new double[] {2, 2},
                new double[] {5, 5},
                new double[] {0.5, Double.NaN},
                new double[2],
                0,
                2));
    assertRejects(
        "draws must be > 0, was 0",
        () -> model.conditionalExpectedPurchases(5, 1, 2, 5, 0.5, 0, 1L));
  }
}
