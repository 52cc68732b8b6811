package org.clvkit.models.bgbb;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Fitting the BG/BB model: the paper's donor cohort, simulated data and bad input. */
class BgBbFitterTest {

  /**
   * The donor cohort of Fader, Hardie &amp; Shang (2010) in pattern form (22 patterns, 11,104
   * donors).
   */
  static CustomerHistories donations() {
    try (InputStream in = BgBbFitterTest.class.getResourceAsStream("/data/donations.csv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<double[]> rows = new ArrayList<>();
      String line = reader.readLine(); // header: frequency,recency,periods,weights
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String[] cells = line.split(",");
          double[] row = new double[4];
          for (int i = 0; i < 4; i++) {
            row[i] = Double.parseDouble(cells[i].trim());
          }
          rows.add(row);
        }
      }
      double[][] columns = new double[4][rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < 4; c++) {
          columns[c][r] = rows.get(r)[c];
        }
      }
      return CustomerHistories.of(columns[0], columns[1], columns[2], columns[3]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final BgBbModel DONATIONS = BgBbFitter.create().fit(donations());

  @Test
  void fit_donationsGiveThePublishedParametersAndLogLikelihood() {
    ReferenceTable table = ReferenceTable.load("bgbb_donations_fit.csv");
    FitReport report = DONATIONS.fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    assertEquals(11_104.0, report.customers());
    assertEquals(22, report.patterns());
    double[] fitted = DONATIONS.parameterValues();
    String[] names = {"alpha", "beta", "gamma", "delta"};
    for (int i = 0; i < 4; i++) {
      Tolerance.relative(0.002)
          .check(names[i], table.number(table.find("quantity", names[i]), "value"), fitted[i]);
    }
    Tolerance.absolute(0.01)
        .check(
            "log-likelihood",
            table.number(table.find("quantity", "log_likelihood"), "value"),
            report.diagnostics().logLikelihood());
  }

  @Test
  void probabilityAlive_donationsMatchTable6() {
    ReferenceTable table = ReferenceTable.load("bgbb_donations_palive.csv");
    for (int r = 0; r < table.size(); r++) {
      double x = table.number(r, "x");
      double tx = table.number(r, "t_x");
      double n = table.number(r, "n");
      Tolerance.absolute(0.005)
          .check(
              "P(alive in 2002) for (" + x + ", " + tx + ")",
              table.number(r, "p_alive"),
              DONATIONS.probabilityAlive(x, tx, n));
    }
  }

  @Test
  void fit_reportedLogLikelihoodIsTheWeightedSumOverCustomers() {
    CustomerHistories data = donations();
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum +=
          data.weight(i) * DONATIONS.logLikelihood(data.frequency(i), data.recency(i), data.age(i));
    }
    Tolerance.relative(1e-12)
        .check(
            "sum of log-likelihoods",
            sum,
            DONATIONS.fitReport().orElseThrow().diagnostics().logLikelihood());
  }

  @Test
  void fit_analyticGradientMatchesFiniteDifferences() {
    BgBbLikelihood likelihood = new BgBbLikelihood(donations().compressed());
    GradientChecks.matchesCentralDifferences(
        "d LL / d log-parameter ",
        likelihood::logLikelihood,
        new double[] {0.3, -0.4, -0.2, 0.9},
        1e-6,
        Tolerance.relative(1e-6));
  }

  @Test
  void fit_analyticGradientMatchesFiniteDifferencesOnLongHistories() {
    CustomerHistories data =
        CustomerHistories.of(
            new double[] {0, 3, 10, 2},
            new double[] {0, 20, 40, 2},
            new double[] {50, 60, 40, 300});
    BgBbLikelihood likelihood = new BgBbLikelihood(data.compressed());
    GradientChecks.matchesCentralDifferences(
        "d LL / d log-parameter ",
        likelihood::logLikelihood,
        new double[] {-1.5, 0.7, 1.2, -0.3},
        1e-6,
        Tolerance.relative(1e-6));
  }

  @Test
  void fit_recoversParametersFromCohortsOfDifferentLengths() {
    // Five yearly cohorts observed for 4 … 12 opportunities; truth = the paper's donor parameters.
    double[] truth = {1.204, 0.750, 0.657, 2.783};
    double[] opportunities = new double[25_000];
    for (int i = 0; i < opportunities.length; i++) {
      opportunities[i] = 4 + 2 * (i % 5);
    }
    CustomerHistories data =
        BgBbSimulator.of(BgBbParameters.of(truth)).simulate(opportunities, 2024);
    FitReport report = BgBbFitter.create().fit(data).fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    for (int i = 0; i < 4; i++) {
      ParameterEstimate e = report.estimates().get(i);
      double expected = truth[i];
      assertTrue(
          Math.abs(e.value() - expected) <= 3 * e.standardError(),
          () -> e.name() + " = " + e.value() + " vs " + expected + "\n" + report.summaryTable());
    }
  }

  @Test
  void fit_penaltyIsReportedAndShrinksTheParameters() {
    BgBbModel penalised =
        BgBbFitter.create().withSettings(FitSettings.DEFAULT.withPenalty(1.0)).fit(donations());
    assertEquals(1.0, penalised.fitReport().orElseThrow().penalty());
    assertTrue(penalised.parameters().delta() < DONATIONS.parameters().delta());
  }

  @Test
  void fit_rejectsNonDiscreteHistoriesNamingTheRow() {
    BgBbFitter fitter = BgBbFitter.create();
    assertRejects(
        "recency[1] must be a whole number >= 0, was 2.5",
        () -> fitter.fit(new double[] {0, 2}, new double[] {0, 2.5}, new double[] {6, 6}));
    assertRejects(
        "age[0] must be a whole number >= 0, was 6.5",
        () -> fitter.fit(new double[] {0, 2}, new double[] {0, 2}, new double[] {6.5, 6}));
    assertRejects(
        "frequency[1] = 3.0 must be <= recency[1] = 2.0",
        () -> fitter.fit(new double[] {0, 3}, new double[] {0, 2}, new double[] {6, 6}));
    assertRejects(
        "recency[1] = 7.0 must be <= age[1] = 6.0",
        () -> fitter.fit(new double[] {0, 3}, new double[] {0, 7}, new double[] {6, 6}));
    assertRejects("data must not be null", () -> fitter.fit(null));
  }
}
