package org.clvkit.models.bdw;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.FitReport;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.sbg.SbgFitter;
import org.clvkit.models.sbg.SbgFitterTest;
import org.clvkit.models.sbg.SbgModel;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Fitting the BdW: Fader &amp; Hardie's (2007) segments, nesting of the sBG, recovery. */
class BdwFitterTest {

  /** Survivors at years 0 … 7 of a segment of Fader &amp; Hardie (2007), Table 1, percent × 10. */
  static double[] survivors(String column) {
    return SbgFitterTest.survivors(column);
  }

  /** bdw_fader_hardie_2007.csv: the MLE by mpmath (bdw_reference.py). */
  @Test
  void fitSurvivors_fhSegmentsMatchTheIndependentMaximum() {
    ReferenceTable table = ReferenceTable.load("bdw_fader_hardie_2007.csv");
    for (String segment : new String[] {"high_end", "regular"}) {
      double[] alive = survivors(segment + "_pct_alive");
      BdwModel model = BdwFitter.create().fitSurvivors(alive);
      FitReport report = model.fitReport().orElseThrow();
      assertTrue(report.converged(), report.summaryTable());
      int row = table.find("segment", segment);
      String[] names = {"alpha", "beta", "c"};
      for (int k = 0; k < 3; k++) {
        ParameterEstimate e = report.estimates().get(k);
        Tolerance.relative(1e-6)
            .check(segment + " " + names[k], table.number(row, names[k]), e.value());
        Tolerance.relative(1e-3)
            .check(
                segment + " se " + names[k],
                table.number(row, "se_" + names[k]),
                e.standardError());
      }
      Tolerance.absolute(1e-7)
          .check(
              segment + " log-likelihood",
              table.number(row, "log_likelihood"),
              report.diagnostics().logLikelihood());
    }
  }

  /**
   * The sBG is the BdW with c = 1: the BdW likelihood at (α, β, 1) is the sBG's, and the BdW's
   * maximum is at least the sBG's.
   */
  @Test
  void fitSurvivors_nestsTheShiftedBetaGeometricFit() {
    for (String segment : new String[] {"high_end", "regular"}) {
      double[] alive = survivors(segment + "_pct_alive");
      SbgModel sbg = SbgFitter.create().fitSurvivors(alive);
      double sbgLl = sbg.fitReport().orElseThrow().diagnostics().logLikelihood();
      double atCOne =
          BdwFitter.create()
              .logLikelihoodOfSurvivors(alive)
              .value(sbg.parameters().alpha(), sbg.parameters().beta(), 1.0);
      Tolerance.relative(1e-12).check(segment + " LL at c = 1", sbgLl, atCOne);
      double bdwLl =
          BdwFitter.create()
              .fitSurvivors(alive)
              .fitReport()
              .orElseThrow()
              .diagnostics()
              .logLikelihood();
      assertTrue(bdwLl >= sbgLl, segment + ": " + bdwLl + " < " + sbgLl);
    }
  }

  @Test
  void gradient_matchesCentralDifferences() {
    double[] alive = survivors("regular_pct_alive");
    double[] periods = new double[alive.length];
    double[] churned = new double[alive.length];
    double[] censored = new double[alive.length];
    for (int t = 0; t < alive.length; t++) {
      periods[t] = t;
      churned[t] = t == 0 ? 0 : alive[t - 1] - alive[t];
    }
    censored[alive.length - 1] = alive[alive.length - 1];
    BdwLikelihood likelihood = new BdwLikelihood(ContractLifetimes.of(periods, churned, censored));
    GradientChecks.matchesCentralDifferences(
        "d LL / d log-parameter ",
        likelihood::logLikelihood,
        new double[] {-0.7, 0.3, 0.25},
        1e-6,
        Tolerance.relative(1e-6));
  }

  @Test
  void fitLifetimes_recoversSimulatedParametersWithinThreeStandardErrors() {
    BdwParameters truth = new BdwParameters(0.8, 2.5, 0.6);
    BdwSimulator simulator = BdwSimulator.of(truth);
    double[] lifetimes = simulator.lifetimes(20_000, 12, 31);
    boolean[] churned = simulator.churned(20_000, 12, 31);
    FitReport report =
        BdwFitter.create().fitLifetimes(lifetimes, churned).fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    double[] expected = truth.toArray();
    for (int k = 0; k < 3; k++) {
      ParameterEstimate e = report.estimates().get(k);
      double want = expected[k];
      assertTrue(
          Math.abs(e.value() - want) <= 3 * e.standardError(),
          () -> e.name() + " = " + e.value() + " vs " + want + "\n" + report.summaryTable());
    }
  }

  @Test
  void simulator_survivorsFollowTheModelsCurve() {
    BdwParameters truth = new BdwParameters(1.2, 3.0, 1.8);
    double[] alive = BdwSimulator.of(truth).survivors(200_000, 8, 5);
    BdwModel model = BdwModel.of(truth);
    for (int t = 0; t <= 8; t++) {
      double p = model.survival(t);
      double sd = Math.sqrt(200_000 * p * (1 - p));
      double expected = 200_000 * p;
      int period = t;
      assertTrue(
          Math.abs(alive[t] - expected) <= 4 * sd + 1e-9,
          () -> "t=" + period + ": " + alive[period] + " vs " + expected);
    }
  }

  @Test
  void fitSurvivors_rejectsBadCounts() {
    assertRejects(
        "alive[2] = 700.0 must be <= alive[1] = 600.0",
        () -> BdwFitter.create().fitSurvivors(1000, 600, 700));
    assertRejects(
        "alive has length 1 but needs at least 2 (the cohort and one later count)",
        () -> BdwFitter.create().fitSurvivors(1000));
  }

  @Test
  void fit_reportsTheModelsName() {
    assertEquals(
        "BdW",
        BdwFitter.create()
            .fitSurvivors(survivors("regular_pct_alive"))
            .fitReport()
            .orElseThrow()
            .model());
  }
}
