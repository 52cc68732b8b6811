package org.clvkit.models.bgnbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The BG/NBD fitter's configuration, inputs and failure reporting. */
class BgNbdFitterTest {
  static final BgNbdParameters TRUTH = new BgNbdParameters(0.5, 5, 0.7, 3);

  @Test
  void fit_columnsGiveTheSameModelAsHistories() {
    CustomerHistories data = BgNbdSimulator.of(TRUTH, 2).histories(1_000, 30);
    BgNbdModel a = BgNbdFitter.create().fit(data);
    BgNbdModel b =
        BgNbdFitter.create().fit(data.frequencyColumn(), data.recencyColumn(), data.ageColumn());
    double[] weights = new double[data.size()];
    Arrays.fill(weights, 1);
    BgNbdModel c =
        BgNbdFitter.create()
            .fit(data.frequencyColumn(), data.recencyColumn(), data.ageColumn(), weights);
    assertEquals(a.parameters(), b.parameters());
    assertEquals(a.parameters(), c.parameters());
    FitReport report = a.fitReport().orElseThrow();
    assertEquals(1_000.0, report.customers());
    assertEquals(data.compressed().size(), report.patterns());
    assertEquals("BG/NBD", report.model());
  }

  @Test
  void fit_penaltyShrinksTheParameters() {
    CustomerHistories data = BgNbdSimulator.of(TRUTH, 4).histories(1_000, 30);
    double[] plain = BgNbdFitter.create().fit(data).parameterValues();
    BgNbdModel penalised =
        BgNbdFitter.create().withSettings(FitSettings.DEFAULT.withPenalty(0.1)).fit(data);
    double[] shrunk = penalised.parameterValues();
    assertTrue(shrunk[1] < plain[1], Arrays.toString(shrunk) + " vs " + Arrays.toString(plain));
    assertEquals(0.1, penalised.fitReport().orElseThrow().penalty());
  }

  @Test
  void fit_withoutRepeatPurchasesFailsAndSaysSo() {
    // Nobody repeated: the likelihood rises as the purchase rate goes to 0 without an interior
    // maximum.
    double[] zeros = new double[50];
    double[] ages = new double[50];
    Arrays.fill(ages, 20);
    FitFailedException e =
        assertThrows(FitFailedException.class, () -> BgNbdFitter.create().fit(zeros, zeros, ages));
    assertTrue(e.getMessage().startsWith("BG/NBD fit failed: "), e.getMessage());
    assertFalse(e.diagnostics().converged());
    BgNbdModel flagged =
        BgNbdFitter.create()
            .withSettings(FitSettings.DEFAULT.withAllowNonConverged(true))
            .fit(zeros, zeros, ages);
    assertFalse(flagged.fitReport().orElseThrow().converged());
    assertTrue(flagged.fitReport().orElseThrow().estimates().isEmpty());
  }

  @Test
  void fit_withoutHeterogeneityRunsAwayAndIsReportedAsSuch() {
    // Every customer buys at the same Poisson rate and never drops out: the likelihood keeps rising
    // as r and alpha grow together (the case where CLVTools reports r ~ 1e17 as a fit).
    SplittableRandom random = new SplittableRandom(3);
    int n = 2_000;
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      age[i] = 40;
      double t = -Math.log1p(-random.nextDouble()) / 0.5;
      while (t <= 40) {
        x[i]++;
        tx[i] = t;
        t += -Math.log1p(-random.nextDouble()) / 0.5;
      }
    }
    FitFailedException e =
        assertThrows(FitFailedException.class, () -> BgNbdFitter.create().fit(x, tx, age));
    // r and alpha grow together while a falls towards 0 (nobody drops out); which of them reaches
    // the box first depends on the last digits of the likelihood along the way.
    assertTrue(
        e.getMessage().matches("BG/NBD fit failed: parameter (r|alpha|a) ran to .*"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("the likelihood has no interior maximum on these data"));
    assertEquals(FitStatus.NO_INTERIOR_MAXIMUM, e.diagnostics().status());
    String parameter = e.diagnostics().offendingParameter().orElseThrow();
    assertTrue(
        e.getMessage().startsWith("BG/NBD fit failed: parameter " + parameter + " ran to"),
        parameter);
  }

  /**
   * The starting-point sample is a setting and is recorded: on 3,000 distinct patterns, a sample
   * from 1,000 patterns on is used and reported (about 400 patterns), and the refined fit reaches
   * the full search's log-likelihood (to 1e-9, as ModelFittingTest states for the internal rule).
   */
  @Test
  void fit_startingPointSampleIsASettingRecordedInTheReport() {
    CustomerHistories data = BgNbdSimulator.of(TRUTH, 8).histories(3_000, 39);
    FitReport sampled =
        BgNbdFitter.create()
            .withSettings(FitSettings.DEFAULT.withStartingPointSample(1_000, 400))
            .fit(data)
            .fitReport()
            .orElseThrow();
    FitReport full =
        BgNbdFitter.create()
            .withSettings(FitSettings.DEFAULT.withoutStartingPointSample())
            .fit(data)
            .fitReport()
            .orElseThrow();
    assertTrue(data.compressed().size() >= 1_000, "patterns " + data.compressed().size());
    assertTrue(
        sampled.startingPointSample() > 200 && sampled.startingPointSample() < 800,
        "sample " + sampled.startingPointSample());
    assertTrue(sampled.summaryTable().contains("starting points searched on "));
    assertEquals(0, full.startingPointSample());
    Tolerance.relative(1e-9)
        .check(
            "log-likelihood",
            full.diagnostics().logLikelihood(),
            sampled.diagnostics().logLikelihood());
    assertEquals(
        0,
        BgNbdFitter.create()
            .fit(CdnowHistories.load())
            .fitReport()
            .orElseThrow()
            .startingPointSample(),
        "CDNOW has fewer than 50,000 patterns");
  }

  @Test
  void fit_recoversTheParametersOfDaysAsWellAsWeeks() {
    // The same customers in days: alpha is 7 times larger, the other parameters unchanged.
    CustomerHistories weeks = BgNbdSimulator.of(TRUTH, 6).histories(3_000, 39);
    CustomerHistories days = weeks.rescaled(1.0 / 7);
    double[] w = BgNbdFitter.create().fit(weeks).parameterValues();
    double[] d = BgNbdFitter.create().fit(days).parameterValues();
    Tolerance close = Tolerance.relative(1e-6);
    close.check("r", w[0], d[0]);
    close.check("alpha", 7 * w[1], d[1]);
    close.check("a", w[2], d[2]);
    close.check("b", w[3], d[3]);
  }

  @Test
  void fit_rejectsMissingAndInvalidData() {
    assertRejects("data must not be null", () -> BgNbdFitter.create().fit(null));
    assertRejects(
        "recency[1] = 12.0 must be <= age[1] = 10.0",
        () ->
            BgNbdFitter.create()
                .fit(new double[] {0, 2}, new double[] {0, 12}, new double[] {10, 10}));
    assertRejects("settings must not be null", () -> BgNbdFitter.create().withSettings(null));
  }
}
