package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/NBD fitted to the CDNOW 39-week calibration data against the published estimates
 * (issue 4 acceptance table; sources and tolerances in {@code reference/paretonbd_cdnow.csv}).
 */
class ParetoNbdCdnowTest {
  private static final ReferenceTable REFERENCE = ReferenceTable.load("paretonbd_cdnow.csv");
  private static CustomerHistories data;
  private static ParetoNbdModel model;

  @BeforeAll
  static void fit() {
    data = Cdnow.histories();
    model = ParetoNbdFitter.create().fit(data);
  }

  private static void check(String quantity, double actual) {
    int row = REFERENCE.find("quantity", quantity);
    double expected = REFERENCE.number(row, "value");
    double bound = REFERENCE.number(row, "tolerance");
    Tolerance tolerance =
        REFERENCE.text(row, "kind").equals("relative")
            ? Tolerance.relative(bound)
            : Tolerance.absolute(bound);
    tolerance.check(quantity, expected, actual);
  }

  @Test
  void fit_matchesPublishedParameters() {
    ParetoNbdParameters p = model.parameters();
    check("r", p.r());
    check("alpha", p.alpha());
    check("s", p.s());
    check("beta", p.beta());
  }

  @Test
  void fit_matchesPublishedLogLikelihood() {
    FitReport report = model.fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    check("logLikelihood", report.diagnostics().logLikelihood());
    assertEquals(2357.0, report.customers());
  }

  @Test
  void fit_reportedLogLikelihoodIsTheModelsSumOverCustomers() {
    Tolerance.relative(1e-12)
        .check(
            "sum of per-customer log-likelihoods",
            model.fitReport().orElseThrow().diagnostics().logLikelihood(),
            model.logLikelihood(data));
  }

  @Test
  void fit_matchesPublishedStandardErrors() {
    List<ParameterEstimate> estimates = model.fitReport().orElseThrow().estimates();
    check("se_r", estimates.get(0).standardError());
    check("se_alpha", estimates.get(1).standardError());
    check("se_s", estimates.get(2).standardError());
    check("se_beta", estimates.get(3).standardError());
  }

  @Test
  void expectedPurchases_matchesPublishedValueAtOneYear() {
    check("expectedPurchases_52", model.expectedPurchases(52));
  }
}
