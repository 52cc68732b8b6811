package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.covariates.LikelihoodRatioTest;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Fits of the Pareto/NBD with static covariates: recovery of known coefficients from the seeded
 * simulator, the optimum's first-order conditions, constraints, the penalty as CLVTools defines it,
 * and the likelihood-ratio test.
 */
class ParetoNbdCovariateFitterTest {
  private static final ParetoNbdParameters TRUTH = new ParetoNbdParameters(0.8, 8.0, 0.6, 12.0);

  /** Customers with a binary covariate and a three-level one (two indicators). */
  static CovariateMatrix categorical(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[3 * n];
    for (int i = 0; i < n; i++) {
      values[3 * i] = random.nextBoolean() ? 1 : 0;
      int level = random.nextInt(3);
      values[3 * i + 1] = level == 1 ? 1 : 0;
      values[3 * i + 2] = level == 2 ? 1 : 0;
    }
    return CovariateMatrix.of(List.of("female", "region_b", "region_c"), values);
  }

  /** Ages spread over 20 to 52 periods, as cohorts acquired over time. */
  static double[] ages(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = 20 + Math.floor(32 * random.nextDouble());
    }
    return out;
  }

  /**
   * The histories with recency rounded to whole days (sevenths of the weekly period), as recorded
   * data are: the distinct patterns then number a few thousand, as in real customer bases, instead
   * of one per customer. The rounding moves a recency by at most half a day, far below what moves
   * the estimates by a standard error at these sizes.
   */
  static CustomerHistories days(CustomerHistories data) {
    double[] recency = data.recencyColumn();
    double[] age = data.ageColumn();
    for (int i = 0; i < recency.length; i++) {
      recency[i] = Math.min(age[i], Math.rint(7 * recency[i]) / 7);
    }
    return CustomerHistories.of(data.frequencyColumn(), recency, age, data.weightColumn());
  }

  static final ParetoNbdCovariateModel TRUE_MODEL =
      ParetoNbdCovariateModel.of(
          TRUTH,
          List.of("female", "region_b", "region_c"),
          new double[] {0.4, -0.3, 0.2},
          List.of("female", "region_b", "region_c"),
          new double[] {-0.5, 0.3, 0.0});

  @Test
  void fit_recoversCoefficientsWithinThreeStandardErrors() {
    int n = 30_000;
    CovariateMatrix z = categorical(n, 1);
    CustomerHistories data =
        days(ParetoNbdCovariateSimulator.of(TRUE_MODEL, 2).histories(z, ages(n, 3)));
    ParetoNbdCovariateModel fitted = ParetoNbdCovariateFitter.create().fit(data, z);
    CovariateFitReport report = fitted.covariateFitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    double[] truePurchase = TRUE_MODEL.purchaseCoefficients();
    double[] trueDropout = TRUE_MODEL.dropoutCoefficients();
    for (int j = 0; j < 3; j++) {
      String name = TRUE_MODEL.purchaseCovariates().get(j);
      within3(report.coefficient("purchase." + name), truePurchase[j]);
      within3(report.coefficient("dropout." + name), trueDropout[j]);
    }
    double[] truth = TRUTH.toArray();
    for (int i = 0; i < 4; i++) {
      var e = report.parameters().get(i);
      assertTrue(
          Math.abs(e.value() - truth[i]) <= 3 * e.standardError(),
          e + " vs " + truth[i] + "\n" + report.summaryTable());
    }
    // Fitted coefficients as the model reports them per process.
    assertEquals(report.coefficient("purchase.female").value(), fitted.purchaseCoefficients()[0]);
    assertEquals(report.coefficient("dropout.region_c").value(), fitted.dropoutCoefficients()[2]);
    LikelihoodRatioTest test = report.likelihoodRatioTest().orElseThrow();
    assertEquals(6, test.degreesOfFreedom());
    assertTrue(test.pValue() < 1e-6, report.summaryTable());
    assertEquals(report.diagnostics().logLikelihood(), fitted.logLikelihood(data, z), 1e-6);
  }

  @Test
  void fit_recoversContinuousCovariateCoefficients() {
    // Every customer its own covariate row: the pattern-by-pattern path of the likelihood.
    int n = 4_000;
    SplittableRandom random = new SplittableRandom(5);
    double[] spend = new double[n];
    for (int i = 0; i < n; i++) {
      spend[i] = random.nextGaussian();
    }
    CovariateMatrix z = CovariateMatrix.ofColumns(List.of("spend"), spend);
    ParetoNbdCovariateModel truth =
        ParetoNbdCovariateModel.of(
            TRUTH, List.of("spend"), new double[] {0.5}, List.of("spend"), new double[] {-0.4});
    CustomerHistories data = ParetoNbdCovariateSimulator.of(truth, 6).histories(z, ages(n, 7));
    CovariateFitReport report =
        ParetoNbdCovariateFitter.create().fit(data, z).covariateFitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    assertEquals(n, report.groups());
    within3(report.coefficient("purchase.spend"), 0.5);
    within3(report.coefficient("dropout.spend"), -0.4);
  }

  @Test
  void fit_constrainedCovariateSharesOneCoefficient() {
    int n = 20_000;
    CovariateMatrix z = categorical(n, 11);
    ParetoNbdCovariateModel truth =
        ParetoNbdCovariateModel.of(
            TRUTH,
            List.of("female", "region_b"),
            new double[] {0.4, 0.3},
            List.of("female", "region_b"),
            new double[] {-0.2, 0.3});
    CustomerHistories data =
        days(ParetoNbdCovariateSimulator.of(truth, 12).histories(z, ages(n, 13)));
    ParetoNbdCovariateModel fitted =
        ParetoNbdCovariateFitter.create()
            .withPurchaseCovariates(List.of("female", "region_b"))
            .withDropoutCovariates(List.of("female", "region_b"))
            .withConstrained(List.of("region_b"))
            .fit(data, z);
    CovariateFitReport report = fitted.covariateFitReport().orElseThrow();
    assertEquals(
        List.of("purchase.female", "dropout.female", "constrained.region_b"),
        report.coefficients().stream().map(CoefficientEstimate::name).toList());
    double shared = report.coefficient("constrained.region_b").value();
    assertEquals(shared, fitted.purchaseCoefficients()[1], 0.0);
    assertEquals(shared, fitted.dropoutCoefficients()[1], 0.0);
    within3(report.coefficient("constrained.region_b"), 0.3);
    assertEquals(3, report.likelihoodRatioTest().orElseThrow().degreesOfFreedom());
  }

  @Test
  void fit_penaltyMeetsCLVToolsFirstOrderConditions() {
    // CLVTools minimises −LL/n + λ_p ‖γ_p‖² + λ_d ‖γ_d‖²: at its minimum, for each coefficient,
    // (1/n) ∂LL/∂γ_k = 2 λ_k γ_k. Checked with central differences of the unpenalised LL.
    int n = 5_000;
    CovariateMatrix z = categorical(n, 21);
    CustomerHistories data =
        days(ParetoNbdCovariateSimulator.of(TRUE_MODEL, 22).histories(z, ages(n, 23)));
    double lp = 0.05;
    double ld = 0.2;
    ParetoNbdCovariateModel fitted =
        ParetoNbdCovariateFitter.create().withPenalties(lp, ld).fit(data, z);
    CovariateFitReport report = fitted.covariateFitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    CovariateLayout layout = CovariateLayout.resolve(z.names(), CovariateSettings.DEFAULT);
    ParetoNbdCovariateFitter.Objective ll =
        new ParetoNbdCovariateFitter.Objective(
            new ParetoNbdCovariateLikelihood(data, z.values(), 3, null), layout, 1.0, false);
    double[] theta = new double[10];
    double[] p = fitted.parameters().toArray();
    for (int i = 0; i < 4; i++) {
      theta[i] = Math.log(p[i]);
    }
    for (int j = 0; j < 6; j++) {
      theta[4 + j] = report.coefficients().get(j).value();
    }
    double[] gradient = new double[10];
    double value = ll.value(theta, gradient);
    assertEquals(report.diagnostics().logLikelihood(), value, 1e-9 * Math.abs(value));
    double penalty = 0;
    for (int j = 0; j < 6; j++) {
      double lambda = j < 3 ? lp : ld;
      double g = theta[4 + j];
      penalty += lambda * g * g;
      Tolerance.absolute(1e-6).check("stationarity " + j, 2 * lambda * g, gradient[4 + j] / n);
    }
    Tolerance.relative(1e-12).check("objective", -value / n + penalty, report.objective());
    // Shrinkage: the penalised drop-out coefficients are smaller than the unpenalised ones.
    CovariateFitReport plain =
        ParetoNbdCovariateFitter.create().fit(data, z).covariateFitReport().orElseThrow();
    double penalisedNorm = 0;
    double plainNorm = 0;
    for (int j = 3; j < 6; j++) {
      penalisedNorm += Math.pow(report.coefficients().get(j).value(), 2);
      plainNorm += Math.pow(plain.coefficients().get(j).value(), 2);
    }
    assertTrue(penalisedNorm < plainNorm, penalisedNorm + " vs " + plainNorm);
  }

  @Test
  void fit_withoutEffectsGivesInsignificantTest() {
    // Covariates unrelated to behaviour: the likelihood-ratio statistic is small.
    int n = 5_000;
    CovariateMatrix z = categorical(n, 31);
    CustomerHistories data = days(ParetoNbdSimulator.of(TRUTH, 32).histories(ages(n, 33)));
    CovariateFitReport report =
        ParetoNbdCovariateFitter.create().fit(data, z).covariateFitReport().orElseThrow();
    LikelihoodRatioTest test = report.likelihoodRatioTest().orElseThrow();
    assertTrue(test.statistic() >= -1e-6, report.summaryTable());
    assertTrue(test.pValue() > 0.01, report.summaryTable());
    assertTrue(report.diagnostics().logLikelihood() >= test.restrictedLogLikelihood() - 1e-6);
  }

  @Test
  void fit_historiesCarryingCovariatesEqualTheMatrixForm() {
    int n = 3_000;
    CovariateMatrix z = categorical(n, 41);
    CustomerHistories data =
        days(ParetoNbdCovariateSimulator.of(TRUE_MODEL, 42).histories(z, ages(n, 43)));
    ParetoNbdCovariateModel matrixForm = ParetoNbdCovariateFitter.create().fit(data, z);
    ParetoNbdCovariateModel carried = ParetoNbdCovariateFitter.create().fit(data.withCovariates(z));
    assertEquals(matrixForm.toString(), carried.toString());
    assertEquals(matrixForm.parameters(), carried.parameters());
    org.clvkit.testing.ClvAssertions.assertRejects(
        "data must carry covariates (CustomerHistories.withCovariates)",
        () -> ParetoNbdCovariateFitter.create().fit(data));
  }

  @Test
  void fit_withExecutorIsBitIdentical() {
    // 60,000 customers (the sample search, then the refinement on all of them) with a 0/1
    // covariate and a continuous one: large covariate groups and one-customer groups both.
    int n = 60_000;
    SplittableRandom random = new SplittableRandom(21);
    double[] values = new double[2 * n];
    for (int i = 0; i < n; i++) {
      values[2 * i] = random.nextBoolean() ? 1 : 0;
      values[2 * i + 1] = i % 3 == 0 ? Math.rint(100 * random.nextGaussian()) / 100 : 0;
    }
    CovariateMatrix z = CovariateMatrix.of(List.of("female", "spend"), values);
    ParetoNbdCovariateModel truth =
        ParetoNbdCovariateModel.of(
            TRUTH,
            List.of("female", "spend"),
            new double[] {0.4, 0.2},
            List.of("female"),
            new double[] {-0.5});
    CustomerHistories data =
        days(ParetoNbdCovariateSimulator.of(truth, 22).histories(z, ages(n, 23)));
    ParetoNbdCovariateFitter fitter =
        ParetoNbdCovariateFitter.create()
            .withPurchaseCovariates(List.of("female", "spend"))
            .withDropoutCovariates(List.of("female"));
    ParetoNbdCovariateModel alone = fitter.fit(data, z);
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
    try {
      ParetoNbdCovariateModel parallel = fitter.withExecutor(pool).fit(data, z);
      assertEquals(alone.toString(), parallel.toString());
      assertEquals(alone.parameters(), parallel.parameters());
      assertEquals(
          alone.fitReport().orElseThrow().summaryTable(),
          parallel.fitReport().orElseThrow().summaryTable());
      assertEquals(
          alone.fitReport().orElseThrow().diagnostics().logLikelihood(),
          parallel.fitReport().orElseThrow().diagnostics().logLikelihood(),
          0.0);
    } finally {
      pool.shutdown();
    }
  }

  private static void within3(CoefficientEstimate e, double truth) {
    assertTrue(Math.abs(e.value() - truth) <= 3 * e.standardError(), e + " vs truth " + truth);
  }
}
