package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitStatus;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Fits of the Pareto/NBD with time-varying covariates on customers drawn from the model. */
class ParetoNbdTimeVaryingFitterTest {
  private static final List<String> NAMES = List.of("promo", "season");
  private static final ParetoNbdTimeVaryingModel TRUTH =
      ParetoNbdTimeVaryingModel.of(
          new ParetoNbdParameters(0.8, 8.0, 0.7, 20.0),
          NAMES,
          new double[] {0.5, -0.3},
          NAMES,
          new double[] {-0.4, 0.6});

  /** Periods of 8 weeks from a random offset, a random promotion flag and a seasonal wave. */
  static TimeVaryingCovariates periods(SplittableRandom random, double[] ages) {
    int n = ages.length;
    int[] offsets = new int[n + 1];
    double[] first = new double[n];
    for (int i = 0; i < n; i++) {
      first[i] = -8 * random.nextDouble();
      offsets[i + 1] = offsets[i] + (int) Math.ceil((ages[i] - first[i]) / 8) + 1;
    }
    double[] starts = new double[offsets[n]];
    double[] rows = new double[2 * offsets[n]];
    for (int i = 0; i < n; i++) {
      for (int k = offsets[i]; k < offsets[i + 1]; k++) {
        starts[k] = first[i] + 8 * (k - offsets[i]);
        rows[2 * k] = random.nextInt(3) == 0 ? 1 : 0;
        rows[2 * k + 1] = Math.sin((starts[k] + 40 * random.nextDouble()) / 8.3);
      }
    }
    return TimeVaryingCovariates.of(NAMES, offsets, starts, rows);
  }

  /**
   * Covariates of calendar periods common to all customers: 4-week periods over a 52-week
   * calibration, a promotion flag (1 in about a third of the periods, seeded) and a yearly wave.
   * Customer i's first purchase is on day d of week w (w uniform in 0..25, d in 0..6), so its age
   * is 52 − (w + d/7) weeks and its periods (on its own clock) depend on (w, d) alone: 182
   * covariate paths. Writes the ages into {@code ages}.
   */
  static TimeVaryingCovariates calendar(SplittableRandom random, double[] ages) {
    int n = ages.length;
    int periods = 13;
    double[] promo = new double[periods];
    for (int p = 0; p < periods; p++) {
      promo[p] = random.nextInt(3) == 0 ? 1 : 0;
    }
    int[] offsets = new int[n + 1];
    double[] first = new double[n];
    for (int i = 0; i < n; i++) {
      first[i] = random.nextInt(26) + random.nextInt(7) / 7.0;
      ages[i] = 52 - first[i];
      offsets[i + 1] = offsets[i] + periods - (int) Math.floor(first[i] / 4);
    }
    double[] starts = new double[offsets[n]];
    double[] rows = new double[2 * offsets[n]];
    for (int i = 0; i < n; i++) {
      int p0 = (int) Math.floor(first[i] / 4);
      for (int k = offsets[i]; k < offsets[i + 1]; k++) {
        int p = p0 + k - offsets[i];
        starts[k] = 4 * p - first[i];
        rows[2 * k] = promo[p];
        rows[2 * k + 1] = Math.sin(2 * Math.PI * 4 * p / 52);
      }
    }
    return TimeVaryingCovariates.of(NAMES, offsets, starts, rows);
  }

  /**
   * The histories with recency rounded to whole days (as {@link
   * ParetoNbdCovariateFitterTest#days}).
   */
  static CustomerHistories days(CustomerHistories data) {
    return ParetoNbdCovariateFitterTest.days(data);
  }

  private static double[] ages(SplittableRandom random, int n) {
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 20 + 58 * random.nextDouble();
    }
    return ages;
  }

  @Test
  void fit_recoversSimulatedCoefficientsWithinFourStandardErrors() {
    SplittableRandom random = new SplittableRandom(2021);
    int n = 2500;
    double[] ages = ages(random, n);
    TimeVaryingCovariates tv = periods(random, ages);
    CustomerHistories data = ParetoNbdTimeVaryingSimulator.of(TRUTH, 16).histories(tv, ages);
    ParetoNbdTimeVaryingModel fitted = ParetoNbdTimeVaryingFitter.create().fit(data, tv);
    CovariateFitReport report = assertRecovered(fitted);
    assertTrue(report.likelihoodRatioTest().orElseThrow().pValue() < 1e-6);
  }

  @Test
  void fit_withRepeatPurchasesRecoversSimulatedCoefficients() {
    // The likelihood of the purchase times (the repeat purchases per period known): the same
    // customers as above, each coefficient within four standard errors of the truth.
    SplittableRandom random = new SplittableRandom(2021);
    int n = 2500;
    double[] ages = ages(random, n);
    TimeVaryingCovariates tv = periods(random, ages);
    ParetoNbdTimeVaryingSimulator simulator = ParetoNbdTimeVaryingSimulator.of(TRUTH, 16);
    CustomerHistories data = simulator.histories(tv, ages);
    TimeVaryingCovariates exact = simulator.withRepeatPurchases(tv, ages);
    assertTrue(exact.hasRepeatPurchases());
    ParetoNbdTimeVaryingModel fitted = ParetoNbdTimeVaryingFitter.create().fit(data, exact);
    assertRecovered(fitted);
  }

  /** The fit converged and each of TRUTH's coefficients lies within 4 standard errors. */
  private static CovariateFitReport assertRecovered(ParetoNbdTimeVaryingModel fitted) {
    CovariateFitReport report = fitted.covariateFitReport().orElseThrow();
    assertTrue(report.converged(), report.diagnostics().message());
    double[] truth = {0.5, -0.3, -0.4, 0.6};
    List<CoefficientEstimate> estimates = report.coefficients();
    assertEquals(4, estimates.size());
    for (int j = 0; j < 4; j++) {
      CoefficientEstimate e = estimates.get(j);
      assertTrue(
          Math.abs(e.value() - truth[j]) < 4 * e.standardError(),
          e.name() + " = " + e.value() + " ± " + e.standardError() + ", truth " + truth[j]);
    }
    return report;
  }

  @Test
  void likelihood_withRepeatPurchasesGradientMatchesDifferences() {
    // The compressed likelihood of the purchase times: its analytic gradient against central
    // differences, and its value against the model's per-customer sum.
    SplittableRandom random = new SplittableRandom(77);
    int n = 400;
    double[] ages = ages(random, n);
    TimeVaryingCovariates tv = periods(random, ages);
    ParetoNbdTimeVaryingSimulator simulator = ParetoNbdTimeVaryingSimulator.of(TRUTH, 78);
    CustomerHistories data = simulator.histories(tv, ages);
    TimeVaryingCovariates exact = simulator.withRepeatPurchases(tv, ages);
    org.clvkit.models.internal.CovariateLayout layout =
        org.clvkit.models.internal.CovariateLayout.resolve(
            NAMES, org.clvkit.models.covariates.CovariateSettings.DEFAULT);
    ParetoNbdTimeVaryingFitter.Likelihood likelihood =
        new ParetoNbdTimeVaryingFitter.Likelihood(data, exact, layout, 1.0, null);
    double[] theta = {
      Math.log(0.7), Math.log(9.0), Math.log(0.8), Math.log(18.0), 0.4, -0.2, -0.3, 0.5
    };
    double[] gradient = new double[8];
    double value = likelihood.value(theta, gradient);
    ParetoNbdTimeVaryingModel model =
        ParetoNbdTimeVaryingModel.of(
            new ParetoNbdParameters(0.7, 9.0, 0.8, 18.0),
            NAMES,
            new double[] {0.4, -0.2},
            NAMES,
            new double[] {-0.3, 0.5});
    Tolerance.relative(1e-12).check("value", model.logLikelihood(data, exact), value);
    assertTrue(
        Math.abs(model.logLikelihood(data, exact) - model.logLikelihood(data, tv)) > 1,
        "the purchase times change the likelihood");
    for (int j = 0; j < 8; j++) {
      double h = 1e-5;
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[j] += h;
      down[j] -= h;
      double difference = (likelihood.value(up, null) - likelihood.value(down, null)) / (2 * h);
      Tolerance.relative(1e-6)
          .or(Tolerance.absolute(1e-5))
          .check("gradient " + j, difference, gradient[j]);
    }
  }

  @Test
  void fit_constantCovariatesGiveTheStaticCovariateFit() {
    // With one period per customer the time-varying likelihood is the static model's (to 1e-12,
    // see ParetoNbdTimeVaryingModelTest), so both fits reach the same maximum.
    SplittableRandom random = new SplittableRandom(5);
    int n = 2000;
    double[] ages = ages(random, n);
    double[] z = new double[2 * n];
    for (int i = 0; i < n; i++) {
      z[2 * i] = random.nextInt(2);
      z[2 * i + 1] = random.nextDouble() * 2 - 1;
    }
    CovariateMatrix matrix = CovariateMatrix.of(NAMES, z);
    TimeVaryingCovariates tv = TimeVaryingCovariates.constant(matrix);
    CustomerHistories data = ParetoNbdTimeVaryingSimulator.of(TRUTH, 3).histories(tv, ages);
    ParetoNbdTimeVaryingModel dynamic = ParetoNbdTimeVaryingFitter.create().fit(data, tv);
    ParetoNbdCovariateModel fixed = ParetoNbdCovariateFitter.create().fit(data, matrix);
    Tolerance tolerance = Tolerance.absolute(1e-6);
    tolerance.check(
        "log-likelihood",
        fixed.fitReport().orElseThrow().diagnostics().logLikelihood(),
        dynamic.fitReport().orElseThrow().diagnostics().logLikelihood());
    Tolerance close = Tolerance.absolute(1e-4);
    for (int j = 0; j < 2; j++) {
      close.check(
          "purchase " + j, fixed.purchaseCoefficients()[j], dynamic.purchaseCoefficients()[j]);
      close.check("dropout " + j, fixed.dropoutCoefficients()[j], dynamic.dropoutCoefficients()[j]);
    }
    // The histories carrying the same matrix: the same fit, bit for bit.
    ParetoNbdTimeVaryingModel carried =
        ParetoNbdTimeVaryingFitter.create().fit(data.withCovariates(matrix));
    assertEquals(dynamic.toString(), carried.toString());
    assertArrayEquals(dynamic.purchaseCoefficients(), carried.purchaseCoefficients(), 0.0);
    assertArrayEquals(dynamic.dropoutCoefficients(), carried.dropoutCoefficients(), 0.0);
    org.clvkit.testing.ClvAssertions.assertRejects(
        "data must carry covariates (CustomerHistories.withCovariates)",
        () -> ParetoNbdTimeVaryingFitter.create().fit(data));
  }

  @Test
  void fit_sameResultWithAndWithoutExecutor() {
    SplittableRandom random = new SplittableRandom(9);
    int n = 1200;
    double[] ages = ages(random, n);
    TimeVaryingCovariates tv = periods(random, ages);
    CustomerHistories data = ParetoNbdTimeVaryingSimulator.of(TRUTH, 4).histories(tv, ages);
    ParetoNbdTimeVaryingModel alone = ParetoNbdTimeVaryingFitter.create().fit(data, tv);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      ParetoNbdTimeVaryingModel parallel =
          ParetoNbdTimeVaryingFitter.create().withExecutor(pool).fit(data, tv);
      assertArrayEquals(alone.purchaseCoefficients(), parallel.purchaseCoefficients());
      assertArrayEquals(alone.dropoutCoefficients(), parallel.dropoutCoefficients());
      assertEquals(alone.parameters(), parallel.parameters());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void likelihood_compressedEqualsTheSumOverCustomers() {
    // Calendar covariates: 3,000 customers on 182 paths; the compressed likelihood (and its
    // gradient) equals the per-customer kernel summed over all customers.
    SplittableRandom random = new SplittableRandom(31);
    int n = 3000;
    double[] ages = new double[n];
    TimeVaryingCovariates tv = calendar(random, ages);
    CustomerHistories data = days(ParetoNbdTimeVaryingSimulator.of(TRUTH, 32).histories(tv, ages));
    org.clvkit.models.internal.CovariateLayout layout =
        org.clvkit.models.internal.CovariateLayout.resolve(
            NAMES, org.clvkit.models.covariates.CovariateSettings.DEFAULT);
    ParetoNbdTimeVaryingFitter.Likelihood likelihood =
        new ParetoNbdTimeVaryingFitter.Likelihood(data, tv, layout, 1.0, null);
    assertTrue(likelihood.pathCount() <= 182, "paths " + likelihood.pathCount());
    assertTrue(likelihood.patternCount() < n, "patterns " + likelihood.patternCount());
    double[] theta = {
      Math.log(0.7), Math.log(9.0), Math.log(0.8), Math.log(18.0), 0.4, -0.2, -0.3, 0.5
    };
    double[] gradient = new double[8];
    double value = likelihood.value(theta, gradient);
    ParetoNbdTimeVaryingKernel kernel =
        new ParetoNbdTimeVaryingKernel(
            Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
    double[] coefficients = java.util.Arrays.copyOfRange(theta, 4, 8);
    int[] offsets = tv.offsets();
    double[] rows = tv.values();
    double[] la = new double[tv.periods()];
    double[] lc = new double[tv.periods()];
    double[] ga = new double[tv.periods()];
    double[] gc = new double[tv.periods()];
    double[] g4 = new double[4];
    double[] expected = new double[8];
    double[] work = new double[ParetoNbdTimeVaryingKernel.workLength(13)];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int q = offsets[i]; q < offsets[i + 1]; q++) {
        la[q] = layout.purchaseIndex(coefficients, rows, 2 * q);
        lc[q] = layout.dropoutIndex(coefficients, rows, 2 * q);
      }
      sum +=
          kernel.logLikelihood(
              data.frequency(i),
              data.recency(i),
              data.age(i),
              tv.starts(),
              offsets[i],
              offsets[i + 1],
              la,
              lc,
              null,
              g4,
              ga,
              gc,
              work,
              null);
      for (int j = 0; j < 4; j++) {
        expected[j] += g4[j];
      }
      for (int q = offsets[i]; q < offsets[i + 1]; q++) {
        layout.addGradient(ga[q], gc[q], rows, 2 * q, expected, 4);
      }
    }
    Tolerance tolerance = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-9));
    tolerance.check("log-likelihood", sum, value);
    for (int j = 0; j < 8; j++) {
      tolerance.check("gradient " + j, expected[j], gradient[j]);
    }
  }

  @Test
  void fit_calendarCovariatesCompressAndRecoverCoefficients() {
    // 12,000 customers on 182 paths share about 8,000 patterns (recency in days); a million share
    // far fewer per customer.
    SplittableRandom random = new SplittableRandom(41);
    int n = 12_000;
    double[] ages = new double[n];
    TimeVaryingCovariates tv = calendar(random, ages);
    CustomerHistories data = days(ParetoNbdTimeVaryingSimulator.of(TRUTH, 42).histories(tv, ages));
    ParetoNbdTimeVaryingModel fitted = ParetoNbdTimeVaryingFitter.create().fit(data, tv);
    CovariateFitReport report = fitted.covariateFitReport().orElseThrow();
    assertTrue(report.converged(), report.diagnostics().message());
    assertTrue(report.patterns() < 0.8 * n, report.summaryTable());
    assertEquals(182, report.groups(), report.summaryTable());
    double[] truth = {0.5, -0.3, -0.4, 0.6};
    for (int j = 0; j < 4; j++) {
      CoefficientEstimate e = report.coefficients().get(j);
      assertTrue(
          Math.abs(e.value() - truth[j]) < 4 * e.standardError(),
          e.name() + " = " + e.value() + " ± " + e.standardError() + ", truth " + truth[j]);
    }
  }

  @Test
  void fit_covariateConstantEverywhereIsSingularNotConverged() {
    // A column of ones is a second intercept: ln alpha0 and its coefficient cannot be told apart.
    SplittableRandom random = new SplittableRandom(12);
    int n = 800;
    double[] ages = ages(random, n);
    double[] ones = new double[2 * n];
    for (int i = 0; i < n; i++) {
      ones[2 * i] = 1;
      ones[2 * i + 1] = random.nextDouble();
    }
    TimeVaryingCovariates tv = TimeVaryingCovariates.constant(CovariateMatrix.of(NAMES, ones));
    CustomerHistories data = ParetoNbdTimeVaryingSimulator.of(TRUTH, 8).histories(tv, ages);
    FitFailedException e =
        assertThrows(
            FitFailedException.class,
            () ->
                ParetoNbdTimeVaryingFitter.create()
                    .withCovariateSettings(
                        org.clvkit.models.covariates.CovariateSettings.DEFAULT
                            .withPurchase(List.of("promo"))
                            .withDropout(List.of("season")))
                    .fit(data, tv));
    assertEquals(FitStatus.SINGULAR_INFORMATION, e.diagnostics().status(), e::getMessage);
  }
}
