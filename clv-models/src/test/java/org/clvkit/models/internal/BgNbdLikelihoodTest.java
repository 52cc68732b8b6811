package org.clvkit.models.internal;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.bgnbd.BgNbdSimulator;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The fitting kernel of the BG/NBD and MBG/NBD against the per-customer log-likelihood of {@link
 * BgNbdFunctions} (a slower path with log-gamma and log-beta everywhere) and its gradient against
 * central differences.
 */
class BgNbdLikelihoodTest {

  /** Random histories with repeated patterns, frequencies up to 10^4 and ages up to 10^3. */
  static CustomerHistories histories(long seed, int n) {
    return histories(seed, n, 4);
  }

  /** Random histories with repeated patterns, frequencies up to 10^digits and ages up to 10^3. */
  static CustomerHistories histories(long seed, int n, int digits) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = Math.rint(Math.pow(10, -1 + 4 * random.nextDouble()) * 4) / 4;
      int kind = random.nextInt(4);
      f[i] =
          kind == 0
              ? 0
              : kind == 1
                  ? random.nextInt(12)
                  : Math.floor(Math.pow(10, digits * random.nextDouble()));
      r[i] = f[i] == 0 ? 0 : Math.rint(random.nextDouble() * a[i] * 4) / 4;
      w[i] = 1 + random.nextInt(3);
    }
    return CustomerHistories.of(f, r, a, w);
  }

  static Gen<double[]> parameters() {
    Gen<Double> logUniform = doubles().between(-3, 3).map(e -> Math.pow(10, e));
    return logUniform.zip(
        logUniform, logUniform, logUniform, (r, al, a, b) -> new double[] {r, al, a, b});
  }

  static BgNbdLikelihood kernel(CustomerHistories data, int shift) {
    return shift == 0 ? BgNbdLikelihood.bgNbd(data) : BgNbdLikelihood.mbgNbd(data);
  }

  static BgNbdFunctions functions(double[] p, int shift) {
    return shift == 0
        ? BgNbdFunctions.bgNbd(p[0], p[1], p[2], p[3])
        : BgNbdFunctions.mbgNbd(p[0], p[1], p[2], p[3]);
  }

  @Test
  void value_equalsTheSumOfPerCustomerLogLikelihoods() {
    CustomerHistories data = histories(3, 400);
    qt(100)
        .forAll(parameters(), integers().between(0, 1))
        .checkAssert(
            (p, shift) -> {
              double fast = kernel(data, shift).value(p[0], p[1], p[2], p[3], 1.0, null);
              double slow = functions(p, shift).logLikelihood(data);
              Tolerance.relative(1e-10)
                  .or(Tolerance.absolute(1e-8))
                  .check("LL shift " + shift + " at " + java.util.Arrays.toString(p), slow, fast);
            });
  }

  @Test
  void value_onRescaledTimeDiffersByTheJacobianOfThePurchaseTimes() {
    // Dividing times by s multiplies the density of the x purchase times by s^x: LL' = LL + Σ w x
    // ln s,
    // with alpha' = alpha / s.
    CustomerHistories data = histories(5, 200);
    double purchases = 0;
    for (int i = 0; i < data.size(); i++) {
      purchases += data.weight(i) * data.frequency(i);
    }
    double total = purchases;
    qt(50)
        .forAll(parameters(), doubles().between(0.1, 10), integers().between(0, 1))
        .checkAssert(
            (p, s, shift) -> {
              BgNbdLikelihood k = kernel(data, shift);
              double plain = k.value(p[0], p[1], p[2], p[3], 1.0, null);
              double scaled = k.value(p[0], p[1] / s, p[2], p[3], s, null);
              Tolerance.relative(1e-10)
                  .or(Tolerance.absolute(1e-7))
                  .check("rescaled LL", plain + total * Math.log(s), scaled);
            });
  }

  @Test
  void value_gradientMatchesCentralDifferences() {
    // Frequencies up to 100 keep the log-likelihood near 1e4, so that differences of it are
    // precise.
    CustomerHistories data = histories(7, 300, 2).compressed();
    Gen<double[]> moderate =
        doubles()
            .between(-1.5, 1.5)
            .map(e -> Math.pow(10, e))
            .zip(
                doubles().between(-1.5, 1.5).map(e -> Math.pow(10, e)),
                doubles().between(-1.5, 1.5).map(e -> Math.pow(10, e)),
                doubles().between(-1.5, 1.5).map(e -> Math.pow(10, e)),
                (r, al, a, b) -> new double[] {r, al, a, b});
    qt(50)
        .forAll(moderate, integers().between(0, 1))
        .checkAssert(
            (p, shift) -> {
              BgNbdLikelihood k = kernel(data, shift);
              double[] g = new double[4];
              k.value(p[0], p[1], p[2], p[3], 2.5, g);
              double h = 1e-6;
              for (int i = 0; i < 4; i++) {
                double[] up = p.clone();
                double[] down = p.clone();
                up[i] *= Math.exp(h);
                down[i] *= Math.exp(-h);
                double numeric =
                    (k.value(up[0], up[1], up[2], up[3], 2.5, null)
                            - k.value(down[0], down[1], down[2], down[3], 2.5, null))
                        / (2 * h);
                Tolerance.relative(1e-5)
                    .or(Tolerance.absolute(1e-4))
                    .check("dLL/dlog p" + i + " at " + java.util.Arrays.toString(p), numeric, g[i]);
              }
            });
  }

  @Test
  void value_weightsEqualDuplicatedRows() {
    CustomerHistories weighted =
        CustomerHistories.of(
            new double[] {0, 3, 3},
            new double[] {0, 2, 5},
            new double[] {9, 9, 9},
            new double[] {3, 2, 1});
    CustomerHistories rows =
        CustomerHistories.of(
            new double[] {0, 0, 0, 3, 3, 3},
            new double[] {0, 0, 0, 2, 2, 5},
            new double[] {9, 9, 9, 9, 9, 9});
    for (int shift = 0; shift <= 1; shift++) {
      double[] g1 = new double[4];
      double[] g2 = new double[4];
      double a = kernel(weighted, shift).value(0.3, 2, 0.7, 2.5, 1, g1);
      double b = kernel(rows, shift).value(0.3, 2, 0.7, 2.5, 1, g2);
      Tolerance.relative(1e-13).check("LL", a, b);
      for (int i = 0; i < 4; i++) {
        Tolerance.relative(1e-12).check("gradient " + i, g1[i], g2[i]);
      }
    }
  }

  @Test
  void meanRate_isPurchasesPerPeriodOfExposure() {
    CustomerHistories data =
        CustomerHistories.of(
            new double[] {0, 4}, new double[] {0, 3}, new double[] {10, 10}, new double[] {3, 1});
    assertEquals(4.0 / 40.0, BgNbdLikelihood.bgNbd(data).meanRate(), 1e-15);
    assertEquals(4.0, BgNbdLikelihood.mbgNbd(data).customers());
    assertEquals(2, BgNbdLikelihood.mbgNbd(data).patterns());
  }

  // Fast paths against slow ones (issue 6).

  @Test
  void value_onCompressedPatternsEqualsValueOnEveryRow() {
    CustomerHistories rows = histories(17, 3_000, 2);
    CustomerHistories patterns = rows.compressed();
    assertTrue(patterns.size() < rows.size());
    qt(50)
        .forAll(parameters(), integers().between(0, 1))
        .checkAssert(
            (p, shift) -> {
              double[] g1 = new double[4];
              double[] g2 = new double[4];
              double a = kernel(patterns, shift).value(p[0], p[1], p[2], p[3], 2.0, g1);
              double b = kernel(rows, shift).value(p[0], p[1], p[2], p[3], 2.0, g2);
              Tolerance.relative(1e-12).or(Tolerance.absolute(1e-9)).check("LL", b, a);
              for (int i = 0; i < 4; i++) {
                Tolerance.relative(1e-10)
                    .or(Tolerance.absolute(1e-10 * Math.abs(b)))
                    .check("gradient " + i, g2[i], g1[i]);
              }
            });
  }

  @Test
  void value_onAnExecutorIsBitIdenticalToTheCallingThread() {
    CustomerHistories data = histories(19, 120_000, 3).compressed();
    assertTrue(BgNbdLikelihood.chunks(data.size()) >= 3, "patterns " + data.size());
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      qt(20)
          .forAll(parameters(), integers().between(0, 1))
          .checkAssert(
              (p, shift) -> {
                BgNbdLikelihood alone =
                    shift == 0 ? BgNbdLikelihood.bgNbd(data) : BgNbdLikelihood.mbgNbd(data);
                BgNbdLikelihood parallel =
                    shift == 0
                        ? BgNbdLikelihood.bgNbd(data, pool)
                        : BgNbdLikelihood.mbgNbd(data, pool);
                double[] g1 = new double[4];
                double[] g2 = new double[4];
                assertEquals(
                    alone.value(p[0], p[1], p[2], p[3], 4.0, g1),
                    parallel.value(p[0], p[1], p[2], p[3], 4.0, g2));
                assertArrayEquals(g1, g2);
              });
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void fit_sampleSearchGivesTheFullSearchAnswer() {
    ModelFitting.Sampling small = new ModelFitting.Sampling(1_000, 1_000);
    qt(4)
        .forAll(longs().between(1, 1_000), integers().between(0, 1))
        .checkAssert(
            (seed, shift) -> {
              CustomerHistories data =
                  BgNbdSimulator.of(new BgNbdParameters(0.25, 4.4, 0.8, 2.4), seed)
                      .histories(20_000, 39)
                      .compressed();
              double scale = ModelFitting.defaultTimeScale(data.maxAge());
              BgNbdProblem problem = new BgNbdProblem("BG/NBD", kernel(data, shift), scale);
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
              assertTrue(
                  b.diagnostics().evaluations() > 0 && b.diagnostics().iterations() > 0,
                  b.summaryTable());
            });
  }

  @Test
  void sample_standsForAllTheCustomers() {
    CustomerHistories data = histories(23, 20_000, 2).compressed();
    BgNbdLikelihood kernel = BgNbdLikelihood.bgNbd(data);
    BgNbdLikelihood sample = kernel.sample(2_000, 5);
    assertTrue(Math.abs(sample.patterns() - 2_000) < 250, "patterns " + sample.patterns());
    // An unbiased estimate of the number of customers, off by sampling error only.
    Tolerance.relative(0.05).check("customers", kernel.customers(), sample.customers());
    // The log-likelihood terms are heavy-tailed here (frequencies up to 100), so one sample's
    // estimate is noisy; the mean of 400 samples' estimates is within 2 %.
    double mean = 0;
    for (long seed = 1; seed <= 400; seed++) {
      mean += kernel.sample(2_000, seed).value(0.5, 3, 0.7, 2, 1, null) / 400;
    }
    Tolerance.relative(0.02).check("LL", kernel.value(0.5, 3, 0.7, 2, 1, null), mean);
  }
}
