package org.clvkit.models.sbg;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Fitting the sBG model: Fader &amp; Hardie's (2007) segments, simulated lifetimes and bad input.
 */
public class SbgFitterTest {

  /**
   * Survivors of a cohort of 1,000 at years 0 … 7 for a segment of Fader &amp; Hardie (2007), Table
   * 1 (column {@code high_end_pct_alive} or {@code regular_pct_alive}), percent × 10; the BdW tests
   * read the same table.
   */
  public static double[] survivors(String column) {
    try (InputStream in =
        SbgFitterTest.class.getResourceAsStream("/data/sbg_retention_fader_hardie_2007.csv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = Arrays.asList(reader.readLine().split(","));
      int index = header.indexOf(column);
      List<Double> values = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.split(",");
        if (Integer.parseInt(cells[0].trim()) <= 7) {
          values.add(10 * Double.parseDouble(cells[index].trim()));
        }
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void fitSurvivors_yearsOneToSevenGiveThePublishedParameters() {
    ReferenceTable table = ReferenceTable.load("sbg_fader_hardie_2007_fit.csv");
    String[][] segments = {{"high_end", "high_end_pct_alive"}, {"regular", "regular_pct_alive"}};
    for (String[] segment : segments) {
      double[] alive = survivors(segment[1]);
      assertEquals(8, alive.length);
      assertEquals(1000.0, alive[0]);
      SbgModel model = SbgFitter.create().fitSurvivors(alive);
      FitReport report = model.fitReport().orElseThrow();
      assertTrue(report.converged(), report.summaryTable());
      assertEquals(1000.0, report.customers(), 1e-9);
      int row = table.find("segment", segment[0]);
      Tolerance.relative(0.005)
          .check(segment[0] + " alpha", table.number(row, "alpha"), model.parameters().alpha());
      Tolerance.relative(0.005)
          .check(segment[0] + " beta", table.number(row, "beta"), model.parameters().beta());
    }
  }

  @Test
  void fitSurvivors_percentagesGiveTheSameEstimatesAsCounts() {
    double[] counts = survivors("regular_pct_alive");
    double[] percent = counts.clone();
    for (int i = 0; i < percent.length; i++) {
      percent[i] /= 10;
    }
    SbgModel a = SbgFitter.create().fitSurvivors(counts);
    SbgModel b = SbgFitter.create().fitSurvivors(percent);
    Tolerance.relative(1e-7).check("alpha", a.parameters().alpha(), b.parameters().alpha());
    Tolerance.relative(1e-7).check("beta", a.parameters().beta(), b.parameters().beta());
  }

  @Test
  void fitLifetimes_ofTheCohortsCustomersEqualsFitSurvivors() {
    // The 1,000 customers of the high-end cohort one by one: churned after t years, or censored at
    // 7.
    double[] alive = survivors("high_end_pct_alive");
    double[] periods = new double[1000];
    boolean[] churned = new boolean[1000];
    int next = 0;
    for (int t = 1; t < alive.length; t++) {
      for (int k = 0; k < (int) Math.round(alive[t - 1] - alive[t]); k++) {
        periods[next] = t;
        churned[next++] = true;
      }
    }
    while (next < 1000) {
      periods[next++] = 7;
    }
    SbgModel fromCounts = SbgFitter.create().fitSurvivors(alive);
    SbgModel fromLifetimes = SbgFitter.create().fitLifetimes(periods, churned);
    Tolerance.relative(1e-7)
        .check("alpha", fromCounts.parameters().alpha(), fromLifetimes.parameters().alpha());
    Tolerance.relative(1e-7)
        .check("beta", fromCounts.parameters().beta(), fromLifetimes.parameters().beta());
    Tolerance.relative(1e-9)
        .check(
            "log-likelihood",
            fromCounts.fitReport().orElseThrow().diagnostics().logLikelihood(),
            fromLifetimes.fitReport().orElseThrow().diagnostics().logLikelihood());
  }

  @Test
  void fitLifetimes_weightsEqualDuplicatedRows() {
    double[] periods = {1, 1, 1, 2, 3, 3, 5, 5, 5, 5, 5};
    boolean[] churned = {true, true, true, true, true, false, true, false, false, false, false};
    SbgModel expanded = SbgFitter.create().fitLifetimes(periods, churned);
    SbgModel weighted =
        SbgFitter.create()
            .fitLifetimes(
                new double[] {5, 1, 2, 3, 3, 5},
                new boolean[] {false, true, true, true, false, true},
                new double[] {4, 3, 1, 1, 1, 1});
    Tolerance.relative(1e-7)
        .check("alpha", expanded.parameters().alpha(), weighted.parameters().alpha());
    Tolerance.relative(1e-7)
        .check("beta", expanded.parameters().beta(), weighted.parameters().beta());
  }

  @Test
  void fitLifetimes_recoversSimulatedParametersWithinThreeStandardErrors() {
    double[][] truths = {{0.704, 1.182}, {3.80, 15.20}, {0.668, 3.806}};
    for (double[] truth : truths) {
      SbgSimulator simulator = SbgSimulator.of(SbgParameters.of(truth));
      double[] periods = simulator.lifetimes(20_000, 8, 31);
      boolean[] churned = simulator.churned(20_000, 8, 31);
      FitReport report =
          SbgFitter.create().fitLifetimes(periods, churned).fitReport().orElseThrow();
      assertTrue(report.converged(), report.summaryTable());
      for (int i = 0; i < 2; i++) {
        ParameterEstimate e = report.estimates().get(i);
        double expected = truth[i];
        assertTrue(
            Math.abs(e.value() - expected) <= 3 * e.standardError(),
            () -> e.name() + " = " + e.value() + " vs " + expected + "\n" + report.summaryTable());
      }
    }
  }

  @Test
  void fitSurvivors_recoversSimulatedParametersWithinThreeStandardErrors() {
    double[] truth = {0.704, 1.182};
    double[] alive = SbgSimulator.of(SbgParameters.of(truth)).survivors(10_000, 7, 47);
    FitReport report = SbgFitter.create().fitSurvivors(alive).fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    for (int i = 0; i < 2; i++) {
      ParameterEstimate e = report.estimates().get(i);
      double expected = truth[i];
      assertTrue(
          Math.abs(e.value() - expected) <= 3 * e.standardError(),
          () -> e.name() + " = " + e.value() + " vs " + expected + "\n" + report.summaryTable());
    }
  }

  @Test
  void fit_analyticGradientMatchesFiniteDifferences() {
    SbgLikelihood likelihood =
        new SbgLikelihood(
            ContractLifetimes.of(
                new double[] {0, 1, 2, 7, 30},
                new double[] {0, 130, 60, 20, 5},
                new double[] {4, 0, 3, 500, 40}));
    GradientChecks.matchesCentralDifferences(
        "d LL / d log-parameter ",
        likelihood::logLikelihood,
        new double[] {-0.3, 0.8},
        1e-6,
        Tolerance.relative(1e-6));
  }

  @Test
  void fitSurvivors_withoutChurnHasNoInteriorMaximumAndSaysSo() {
    FitFailedException e =
        assertThrows(
            FitFailedException.class, () -> SbgFitter.create().fitSurvivors(100, 100, 100, 100));
    assertTrue(e.getMessage().startsWith("sBG fit failed: "), e.getMessage());
  }

  @Test
  void fitSurvivors_rejectsBadCounts() {
    SbgFitter fitter = SbgFitter.create();
    assertRejects("alive must not be null", () -> fitter.fitSurvivors((double[]) null));
    assertRejects("alive must not be empty", () -> fitter.fitSurvivors());
    assertRejects(
        "alive has length 1 but needs at least 2 (the cohort and one later count)",
        () -> fitter.fitSurvivors(100));
    assertRejects(
        "alive[2] must be finite and >= 0, was -1.0", () -> fitter.fitSurvivors(100, 50, -1));
    assertRejects(
        "alive[1] must be finite and >= 0, was NaN", () -> fitter.fitSurvivors(100, Double.NaN));
    assertRejects("alive[0] must be finite and > 0, was 0.0", () -> fitter.fitSurvivors(0, 0));
    assertRejects(
        "alive[2] = 60.0 must be <= alive[1] = 50.0", () -> fitter.fitSurvivors(100, 50, 60));
  }

  @Test
  void fitLifetimes_rejectsBadLifetimes() {
    SbgFitter fitter = SbgFitter.create();
    boolean[] two = {true, false};
    assertRejects(
        "periods must not be empty", () -> fitter.fitLifetimes(new double[0], new boolean[0]));
    assertRejects("churned must not be null", () -> fitter.fitLifetimes(new double[] {1}, null));
    assertRejects(
        "churned has length 2 but periods has length 1",
        () -> fitter.fitLifetimes(new double[] {1}, two));
    assertRejects(
        "periods[1] must be a whole number >= 0, was 2.5",
        () -> fitter.fitLifetimes(new double[] {1, 2.5}, two));
    assertRejects(
        "periods[0] = 0.0 must be >= 1 when churned[0] = true",
        () -> fitter.fitLifetimes(new double[] {0, 2}, two));
    assertRejects(
        "weights[1] must be finite and >= 0, was -2.0",
        () -> fitter.fitLifetimes(new double[] {1, 2}, two, new double[] {1, -2}));
    assertRejects(
        "weights has length 1 but periods has length 2",
        () -> fitter.fitLifetimes(new double[] {1, 2}, two, new double[] {1}));
    assertRejects(
        "weights must not all be 0",
        () -> fitter.fitLifetimes(new double[] {1, 2}, two, new double[] {0, 0}));
  }
}
