package org.clvkit.models.sbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.CovariateGroups;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The sBG with covariates: an independent mpmath computation, the model without covariates at zero
 * coefficients, the gradient, and recovery from simulated lifetimes.
 */
class SbgCovariateTest {
  /** The values of src/test/python/sbg_covariates_reference.py. */
  private static final SbgCovariateModel MODEL =
      SbgCovariateModel.of(
          new SbgParameters(0.704, 1.182),
          List.of("plan_annual", "age_scaled"),
          new double[] {-0.6, 0.2},
          List.of("plan_annual"),
          new double[] {0.5});

  @Test
  void perCustomer_matchesMpmathReference() {
    // Reference: src/test/python/sbg_covariates_reference.py (mpmath, 50 digits; DERL summed
    // directly); tolerances as stated in the table.
    ReferenceTable table = ReferenceTable.load("sbg_covariates.csv");
    for (int i = 0; i < table.size(); i++) {
      String name = table.text(i, "name");
      double[] row = {table.number(i, "plan_annual"), table.number(i, "age_scaled")};
      int t = (int) table.number(i, "t");
      int n = (int) table.number(i, "n");
      SbgParameters p = MODEL.parametersFor(row);
      Tolerance tight = Tolerance.relative(1e-12);
      tight.check(name + " alpha_i", table.number(i, "alpha_i"), p.alpha());
      tight.check(name + " beta_i", table.number(i, "beta_i"), p.beta());
      tight.check(name + " survival", table.number(i, "survival"), MODEL.survival(t, row));
      Tolerance.relative(1e-10)
          .check(
              name + " derl",
              table.number(i, "derl"),
              MODEL.discountedExpectedResidualLifetime(0.1, n, row));
    }
  }

  @Test
  void zeroCoefficients_equalModelWithoutCovariates() {
    SbgParameters base = new SbgParameters(0.704, 1.182);
    SbgCovariateModel zero =
        SbgCovariateModel.of(base, List.of("x"), new double[1], List.of("x"), new double[1]);
    SbgModel plain = SbgModel.of(base);
    int m = 50;
    double[] n = new double[m];
    double[] x = new double[m];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < m; i++) {
      n[i] = 1 + random.nextInt(20);
      x[i] = random.nextGaussian();
    }
    double[] out = new double[m];
    zero.discountedExpectedResidualLifetime(
        0.1, n, CovariateMatrix.ofColumns(List.of("x"), x), out, 0, m);
    for (int i = 0; i < m; i++) {
      assertEquals(plain.discountedExpectedResidualLifetime(0.1, (int) n[i]), out[i], 0.0);
      assertEquals(plain.survival((int) n[i]), zero.survival((int) n[i], new double[] {x[i]}), 0.0);
    }
  }

  @Test
  void fitObjective_gradientMatchesCentralDifferences() {
    Lifetimes data = simulate(2_000, 3, 10);
    CovariateLayout layout =
        CovariateLayout.resolve(
            data.covariates.names(),
            new CovariateSettings(null, null, List.of(), 0.01, 0.02),
            "alpha",
            "beta");
    CovariateGroups.Assignment groups = CovariateGroups.assign(data.covariates.values(), 2, 2_000);
    SbgLikelihood[] likelihoods = new SbgLikelihood[groups.count()];
    // One likelihood per covariate row over that row's lifetimes (one entry per customer).
    for (int g = 0; g < groups.count(); g++) {
      java.util.List<Double> periods = new java.util.ArrayList<>();
      java.util.List<Double> churn = new java.util.ArrayList<>();
      java.util.List<Double> censor = new java.util.ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        if (groups.group()[i] == g) {
          periods.add(data.periods[i]);
          churn.add(data.churned[i] ? 1.0 : 0.0);
          censor.add(data.churned[i] ? 0.0 : 1.0);
        }
      }
      likelihoods[g] =
          new SbgLikelihood(
              ContractLifetimes.of(
                  periods.stream().mapToDouble(Double::doubleValue).toArray(),
                  churn.stream().mapToDouble(Double::doubleValue).toArray(),
                  censor.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    SbgCovariateFitter.Objective objective =
        new SbgCovariateFitter.Objective(likelihoods, groups, layout, 2_000, true);
    double[] theta = {Math.log(0.7), Math.log(1.2), 0.3, -0.2, 0.1, 0.4};
    GradientChecks.matchesCentralDifferences(
        "gradient ",
        objective::value,
        theta,
        1e-5,
        Tolerance.relative(1e-6).or(Tolerance.absolute(1e-6)));
  }

  @Test
  void fit_recoversCoefficientsWithinThreeStandardErrors() {
    Lifetimes data = simulate(20_000, 5, 12);
    CovariateFitReport report =
        SbgCovariateFitter.create()
            .fitLifetimes(data.periods, data.churned, data.covariates)
            .covariateFitReport()
            .orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    within3(report.coefficient("alpha.annual"), -0.6);
    within3(report.coefficient("alpha.region"), 0.3);
    within3(report.coefficient("beta.annual"), 0.5);
    within3(report.coefficient("beta.region"), 0.0);
    assertEquals(4, report.likelihoodRatioTest().orElseThrow().degreesOfFreedom());
    assertTrue(report.likelihoodRatioTest().orElseThrow().pValue() < 1e-6);
  }

  @Test
  void fit_historiesCarryingCovariatesEqualTheLifetimeForm() {
    // The same customers as contract histories: x renewals in n = 6 opportunities, x = t - 1 for
    // a customer churned in period t, x = 6 for one still active.
    int horizon = 6;
    Lifetimes lifetimes = simulate(2_000, 7, horizon);
    int n = lifetimes.periods.length;
    double[] x = new double[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = lifetimes.churned[i] ? lifetimes.periods[i] - 1 : lifetimes.periods[i];
      age[i] = horizon;
    }
    CustomerHistories data = CustomerHistories.of(x, x, age);
    SbgCovariateModel byLifetimes =
        SbgCovariateFitter.create()
            .fitLifetimes(lifetimes.periods, lifetimes.churned, lifetimes.covariates);
    SbgCovariateModel byMatrix = SbgCovariateFitter.create().fit(data, lifetimes.covariates);
    SbgCovariateModel carried =
        SbgCovariateFitter.create().fit(data.withCovariates(lifetimes.covariates));
    assertEquals(byMatrix.toString(), carried.toString());
    assertEquals(byLifetimes.toString(), carried.toString());
    org.clvkit.testing.ClvAssertions.assertRejects(
        "data must carry covariates (CustomerHistories.withCovariates)",
        () -> SbgCovariateFitter.create().fit(data));
  }

  /** Lifetimes with their covariates. */
  record Lifetimes(double[] periods, boolean[] churned, CovariateMatrix covariates) {}

  /**
   * Customers with two 0/1 covariates; θ_i ~ Beta(α_i, β_i) with the log links (γ_α = (−0.6, 0.3),
   * γ_β = (0.5, 0)); each period the customer churns with probability θ_i; observed for up to
   * {@code horizon} periods, then censored.
   */
  static Lifetimes simulate(int n, long seed, int horizon) {
    SbgCovariateModel truth =
        SbgCovariateModel.of(
            new SbgParameters(0.7, 1.2),
            List.of("annual", "region"),
            new double[] {-0.6, 0.3},
            List.of("annual", "region"),
            new double[] {0.5, 0.0});
    org.apache.commons.math3.random.MersenneTwister random =
        new org.apache.commons.math3.random.MersenneTwister(seed);
    double[] z = new double[2 * n];
    double[] periods = new double[n];
    boolean[] churned = new boolean[n];
    double[] row = new double[2];
    for (int i = 0; i < n; i++) {
      row[0] = random.nextBoolean() ? 1 : 0;
      row[1] = random.nextBoolean() ? 1 : 0;
      z[2 * i] = row[0];
      z[2 * i + 1] = row[1];
      SbgParameters p = truth.parametersFor(row);
      double theta =
          new org.apache.commons.math3.distribution.BetaDistribution(random, p.alpha(), p.beta())
              .sample();
      int t = 1;
      while (t <= horizon && random.nextDouble() >= theta) {
        t++;
      }
      if (t <= horizon) {
        periods[i] = t;
        churned[i] = true;
      } else {
        periods[i] = horizon;
      }
    }
    return new Lifetimes(periods, churned, CovariateMatrix.of(List.of("annual", "region"), z));
  }

  private static void within3(CoefficientEstimate e, double truth) {
    assertTrue(Math.abs(e.value() - truth) <= 3 * e.standardError(), e + " vs truth " + truth);
  }
}
