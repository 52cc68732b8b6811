package org.clvkit.models.mbgnbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance on CDNOW (issue 4): the MBG/NBD estimates and log-likelihood of Batislam et al. (2007)
 * as fitted by BTYDplus, and standard errors from an independent computation.
 */
class MbgNbdCdnowTest {
  private static CustomerHistories data;
  private static MbgNbdModel fitted;

  @BeforeAll
  static void fit() {
    data = CdnowHistories.load();
    fitted = MbgNbdFitter.create().fit(data);
  }

  static Tolerance tolerance(ReferenceTable table, int row) {
    double bound = table.number(row, "tolerance");
    return table.text(row, "kind").equals("relative")
        ? Tolerance.relative(bound)
        : Tolerance.absolute(bound);
  }

  @Test
  void fit_cdnowMatchesPublishedEstimatesAndLogLikelihood() {
    ReferenceTable table = ReferenceTable.load("mbgnbd_cdnow_fit.csv");
    FitReport report = fitted.fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    assertEquals("MBG/NBD", report.model());
    double[] values = fitted.parameterValues();
    String[] names = {"r", "alpha", "a", "b"};
    for (int i = 0; i < 4; i++) {
      int row = table.find("quantity", names[i]);
      tolerance(table, row).check(names[i], table.number(row, "value"), values[i]);
    }
    int row = table.find("quantity", "log_likelihood");
    tolerance(table, row)
        .check("log-likelihood", table.number(row, "value"), report.diagnostics().logLikelihood());
    Tolerance.relative(1e-12)
        .check(
            "sum over customers", fitted.logLikelihood(data), report.diagnostics().logLikelihood());
  }

  @Test
  void fit_cdnowStandardErrorsMatchAnIndependentHessian() {
    ReferenceTable table = ReferenceTable.load("mbgnbd_cdnow_standard_errors.csv");
    FitReport report = fitted.fitReport().orElseThrow();
    assertEquals(4, report.estimates().size());
    for (ParameterEstimate e : report.estimates()) {
      int row = table.find("parameter", e.name());
      tolerance(table, row)
          .check("se(" + e.name() + ")", table.number(row, "value"), e.standardError());
    }
  }
}
