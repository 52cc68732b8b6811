package org.clvkit.models.ggomnbd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Fitting the GGompertz/NBD: CDNOW's boundary maximum and the analytic gradient. */
class GgompertzNbdFitterTest {

  /**
   * On CDNOW the likelihood rises towards the Pareto/NBD boundary (b → 0 with β/b fixed), as
   * CLVTools' test notes (its optimum fails the second-order KKT check): the fit says so, and the
   * log-likelihood it reaches is the supremum both CLVTools (−9594.9762) and Bemmaor &amp; Glady
   * (2012, Table 2: −9594.98) print.
   */
  @Test
  void fit_cdnowRunsToTheParetoBoundaryAtThePublishedLogLikelihood() {
    ReferenceTable table = ReferenceTable.load("ggomnbd_cdnow.csv");
    GgompertzNbdModel model =
        GgompertzNbdFitter.create()
            .withSettings(org.clvkit.models.FitSettings.DEFAULT.withAllowNonConverged(true))
            .fit(CdnowHistories.load());
    FitReport report = model.fitReport().orElseThrow();
    double ll = report.diagnostics().logLikelihood();
    for (int i = 0; i < table.size(); i++) {
      Tolerance.absolute(0.01)
          .check(
              table.text(i, "source") + " published supremum",
              table.number(i, "published_log_likelihood"),
              ll);
    }
    GgompertzNbdParameters p = model.parameters();
    assertTrue(p.b() < 1e-3, () -> "b = " + p.b() + "\n" + report.summaryTable());
    // β/b tends to the Pareto/NBD's β (11.67 on CDNOW, Fader, Hardie & Lee 2005)
    Tolerance.relative(0.05).check("beta / b", 11.67, p.beta() / p.b());
  }

  @Test
  void gradient_matchesCentralDifferences() {
    CustomerHistories data = CdnowHistories.load();
    GgompertzNbdLikelihood likelihood = new GgompertzNbdLikelihood(data, 3.9);
    GradientChecks.matchesCentralDifferences(
        "d LL / d log-parameter ",
        (theta, gradient) -> {
          double[] p = new double[5];
          for (int k = 0; k < 5; k++) {
            p[k] = Math.exp(theta[k]);
          }
          return likelihood.logLikelihood(p, 3.9, gradient);
        },
        new double[] {-0.6, 1.0, -1.5, 0.2, -0.4},
        1e-5,
        Tolerance.relative(1e-6));
  }

  @Test
  void fit_failsWithoutAllowNonConvergedOnCdnow() {
    org.clvkit.models.FitFailedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.clvkit.models.FitFailedException.class,
            () -> GgompertzNbdFitter.create().fit(CdnowHistories.load()));
    assertFalse(e.diagnostics().converged());
    assertTrue(e.getMessage().contains("GGompertz/NBD"), e.getMessage());
  }
}
