package org.clvkit.models.nbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Fitting the NBD: CDNOW against an independent mpmath maximum, gradients and failures. */
class NbdFitterTest {

  /**
   * nbd_cdnow.csv: the MLE, its standard errors and log-likelihood by mpmath (nbd_reference.py).
   */
  @Test
  void fit_cdnowMatchesTheIndependentMaximum() {
    ReferenceTable table = ReferenceTable.load("nbd_cdnow.csv");
    NbdModel model = NbdFitter.create().fit(CdnowHistories.load());
    FitReport report = model.fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    Tolerance estimate = Tolerance.relative(1e-6);
    Tolerance error = Tolerance.relative(1e-4);
    estimate.check("r", table.number(table.find("quantity", "r"), "value"), model.parameters().r());
    estimate.check(
        "alpha",
        table.number(table.find("quantity", "alpha"), "value"),
        model.parameters().alpha());
    error.check(
        "se(r)",
        table.number(table.find("quantity", "se_r"), "value"),
        report.estimates().get(0).standardError());
    error.check(
        "se(alpha)",
        table.number(table.find("quantity", "se_alpha"), "value"),
        report.estimates().get(1).standardError());
    Tolerance.absolute(1e-6)
        .check(
            "log-likelihood",
            table.number(table.find("quantity", "log_likelihood"), "value"),
            report.diagnostics().logLikelihood());
    Tolerance.relative(1e-12)
        .check(
            "weighted sum of ln L",
            model.logLikelihood(CdnowHistories.load()),
            report.diagnostics().logLikelihood());
    assertEquals(2357.0, report.customers());
    Tolerance.relative(1e-12)
        .check(
            "LogLikelihood view",
            report.diagnostics().logLikelihood(),
            NbdFitter.create().logLikelihood(CdnowHistories.load()).value(model.parameterValues()));
  }

  @Test
  void gradient_matchesCentralDifferences() {
    NbdLikelihood likelihood = new NbdLikelihood(CdnowHistories.load(), 3.9);
    GradientChecks.matchesCentralDifferences(
        "d LL / d log-parameter ",
        (theta, gradient) ->
            likelihood.logLikelihood(Math.exp(theta[0]), Math.exp(theta[1]), 3.9, gradient),
        new double[] {-0.9, 1.2},
        1e-6,
        Tolerance.relative(1e-6));
  }

  @Test
  void fit_noRepeatPurchasesFailsWithItsDiagnostics() {
    FitFailedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            FitFailedException.class,
            () ->
                NbdFitter.create()
                    .fit(new double[] {0, 0, 0}, new double[] {0, 0, 0}, new double[] {5, 6, 7}));
    assertTrue(e.getMessage().contains("NBD"), e.getMessage());
  }

  @Test
  void fit_rejectsBadRows() {
    assertRejects(
        "recency[1] = 9.0 must be <= age[1] = 4.0",
        () ->
            NbdFitter.create().fit(new double[] {0, 1}, new double[] {0, 9}, new double[] {1, 4}));
    assertRejects("data must not be null", () -> NbdFitter.create().fit((CustomerHistories) null));
  }
}
