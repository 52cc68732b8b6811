package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.internal.ModelFitting;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The fit's column kernel (terms cached per distinct frequency, time and pair; chunked sums on an
 * executor) against the per-pattern slow path, and the sample-searched fit against the full one.
 */
class ParetoNbdLikelihoodTest {

  /** Histories on a grid of times (shared pairs), weights 1 to 3, some t_x = T. */
  static CustomerHistories histories(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = 20 + random.nextInt(200) / 10.0;
      f[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(random.nextInt(8) == 0 ? 300 : 12);
      r[i] =
          f[i] == 0 ? 0 : random.nextInt(10) == 0 ? a[i] : Math.floor(random.nextDouble() * a[i]);
      w[i] = 1 + random.nextInt(3);
    }
    return CustomerHistories.of(f, r, a, w);
  }

  static Gen<double[]> parameters() {
    Gen<Double> e = doubles().between(-1.5, 1.5);
    return e.zip(
        e,
        e,
        e,
        (a, b, c, d) ->
            new double[] {
              Math.pow(10, a), 10 * Math.pow(10, b), Math.pow(10, c), 10 * Math.pow(10, d)
            });
  }

  @Test
  void value_equalsTheSumOfPerPatternLogLikelihoodsAndGradients() {
    CustomerHistories data = histories(5, 3_000);
    ParetoNbdLikelihood kernel = new ParetoNbdLikelihood(data, null);
    assertTrue(kernel.pairs() < 2 * data.size(), "pairs are shared: " + kernel.pairs());
    double scale = 3.9;
    Seeded.qt(40)
        .forAll(parameters())
        .checkAssert(
            p -> {
              double[] gradient = new double[4];
              double fast = kernel.value(p[0], p[1], p[2], p[3], scale, gradient);
              ParetoNbdFunctions f = new ParetoNbdFunctions(p[0], p[1], p[2], p[3]);
              double slow = 0;
              double value = 0;
              double magnitude = 0;
              double[] expected = new double[4];
              double[] g = new double[4];
              double[] work = new double[ParetoNbdFunctions.WORK];
              for (int i = 0; i < data.size(); i++) {
                double x = data.frequency(i);
                double t = data.recency(i) / scale;
                double big = data.age(i) / scale;
                double w = data.weight(i);
                double ll = f.logLikelihood(x, t, big, g, work);
                slow += w * ll;
                value += w * f.logLikelihood(x, t, big);
                magnitude += w * Math.abs(ll);
                for (int k = 0; k < 4; k++) {
                  expected[k] += w * g[k];
                }
              }
              String at = Arrays.toString(p);
              // Summation order differs (chunks, sorted patterns): rounding of the sum's terms.
              Tolerance.absolute(1e-14 * magnitude)
                  .check("LL (per-pattern gradient path) " + at, slow, fast);
              Tolerance.absolute(1e-12 * magnitude).check("LL (value path) " + at, value, fast);
              for (int k = 0; k < 4; k++) {
                Tolerance.relative(1e-12)
                    .or(Tolerance.absolute(1e-12 * magnitude))
                    .check("gradient " + k + " " + at, expected[k], gradient[k]);
              }
            });
  }

  @Test
  void value_onCompressedPatternsEqualsValueOnEveryRow() {
    CustomerHistories rows = histories(9, 2_000);
    double[] f = new double[(int) rows.totalWeight()];
    double[] r = new double[f.length];
    double[] a = new double[f.length];
    int k = 0;
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < rows.weight(i); j++) {
        f[k] = rows.frequency(i);
        r[k] = rows.recency(i);
        a[k] = rows.age(i);
        k++;
      }
    }
    CustomerHistories raw = CustomerHistories.of(f, r, a);
    ParetoNbdLikelihood compressed = new ParetoNbdLikelihood(raw.compressed(), null);
    ParetoNbdLikelihood uncompressed = new ParetoNbdLikelihood(raw, null);
    assertTrue(compressed.patterns() < uncompressed.patterns());
    Seeded.qt(20)
        .forAll(parameters())
        .checkAssert(
            p -> {
              double[] g1 = new double[4];
              double[] g2 = new double[4];
              double v1 = compressed.value(p[0], p[1], p[2], p[3], 2.0, g1);
              double v2 = uncompressed.value(p[0], p[1], p[2], p[3], 2.0, g2);
              Tolerance.relative(1e-12).check("LL at " + Arrays.toString(p), v2, v1);
              for (int i = 0; i < 4; i++) {
                Tolerance.relative(1e-10)
                    .or(Tolerance.absolute(1e-9 * Math.abs(v2)))
                    .check("gradient " + i, g2[i], g1[i]);
              }
            });
  }

  @Test
  void value_onAnExecutorIsBitIdenticalToTheCallingThread() {
    CustomerHistories data = histories(13, 40_000);
    ParetoNbdLikelihood sequential = new ParetoNbdLikelihood(data, null);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      ParetoNbdLikelihood parallel = new ParetoNbdLikelihood(data, pool);
      assertTrue(ParetoNbdLikelihood.chunks(data.size()) > 2);
      Seeded.qt(10)
          .forAll(parameters())
          .checkAssert(
              p -> {
                double[] g1 = new double[4];
                double[] g2 = new double[4];
                double v1 = sequential.value(p[0], p[1], p[2], p[3], 3.0, g1);
                double v2 = parallel.value(p[0], p[1], p[2], p[3], 3.0, g2);
                assertEquals(v1, v2);
                assertArrayEquals(g1, g2);
              });
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void fit_sampleSearchGivesTheFullSearchAnswer() {
    ModelFitting.Sampling small = new ModelFitting.Sampling(1_000, 800);
    Seeded.qt(3)
        .forAll(longs().between(1, 1_000))
        .checkAssert(
            seed -> {
              CustomerHistories data =
                  ParetoNbdSimulator.of(new ParetoNbdParameters(0.55, 10.6, 0.6, 11.7), seed)
                      .histories(3_000, 39)
                      .compressed();
              double scale = ModelFitting.defaultTimeScale(data.maxAge());
              ParetoNbdProblem problem =
                  new ParetoNbdProblem(new ParetoNbdLikelihood(data, null), scale);
              ModelFitting.Outcome full =
                  ModelFitting.fit(
                      problem, scale, FitSettings.DEFAULT, ModelFitting.Sampling.NEVER);
              ModelFitting.Outcome fast =
                  ModelFitting.fit(problem, scale, FitSettings.DEFAULT, small);
              FitReport a = full.report();
              FitReport b = fast.report();
              assertTrue(a.converged() && b.converged(), b.summaryTable());
              Tolerance.relative(1e-9)
                  .check(
                      "log-likelihood",
                      a.diagnostics().logLikelihood(),
                      b.diagnostics().logLikelihood());
              for (int i = 0; i < 4; i++) {
                Tolerance.relative(1e-5)
                    .check("parameter " + i, full.parameters()[i], fast.parameters()[i]);
                Tolerance.relative(1e-4)
                    .check(
                        "standard error " + i,
                        a.estimates().get(i).standardError(),
                        b.estimates().get(i).standardError());
              }
            });
  }

  @Test
  void fit_onAnExecutorEqualsTheFitInTheCallingThread() {
    CustomerHistories data =
        ParetoNbdSimulator.of(new ParetoNbdParameters(0.55, 10.6, 0.6, 11.7), 8)
            .histories(20_000, 39);
    ParetoNbdModel alone =
        ParetoNbdFitter.create().withSettings(FitSettings.DEFAULT.withStarts(1)).fit(data);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      ParetoNbdFitter fitter =
          ParetoNbdFitter.create()
              .withSettings(FitSettings.DEFAULT.withStarts(1))
              .withExecutor(pool);
      assertEquals(pool, fitter.executor());
      ParetoNbdModel parallel = fitter.fit(data);
      assertEquals(alone.parameters(), parallel.parameters());
      assertEquals(
          alone.fitReport().orElseThrow().diagnostics(),
          parallel.fitReport().orElseThrow().diagnostics());
    } finally {
      pool.shutdown();
    }
  }
}
