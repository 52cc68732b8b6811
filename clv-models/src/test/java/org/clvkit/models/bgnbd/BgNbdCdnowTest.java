package org.clvkit.models.bgnbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance on CDNOW (issue 4): the published BG/NBD estimates, log-likelihood and predictions of
 * Fader, Hardie &amp; Lee (2005), and standard errors from an independent computation. Sources and
 * tolerances are in the reference tables.
 */
class BgNbdCdnowTest {
  private static CustomerHistories data;
  private static BgNbdModel fitted;

  @BeforeAll
  static void fit() {
    data = CdnowHistories.load();
    fitted = BgNbdFitter.create().fit(data);
  }

  static Tolerance tolerance(ReferenceTable table, int row) {
    double bound = table.number(row, "tolerance");
    return switch (table.text(row, "kind")) {
      case "relative" -> Tolerance.relative(bound);
      case "absolute" -> Tolerance.absolute(bound);
      default -> throw new IllegalStateException(table.text(row, "kind"));
    };
  }

  @Test
  void fit_cdnowMatchesPublishedEstimatesAndLogLikelihood() {
    ReferenceTable table = ReferenceTable.load("bgnbd_cdnow_fit.csv");
    FitReport report = fitted.fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    assertEquals(2357.0, report.customers());
    double[] values = fitted.parameterValues();
    String[] names = {"r", "alpha", "a", "b"};
    for (int i = 0; i < 4; i++) {
      int row = table.find("quantity", names[i]);
      tolerance(table, row).check(names[i], table.number(row, "value"), values[i]);
    }
    int row = table.find("quantity", "log_likelihood");
    tolerance(table, row)
        .check("log-likelihood", table.number(row, "value"), report.diagnostics().logLikelihood());
  }

  @Test
  void fit_reportedLogLikelihoodEqualsTheModelsSumOverCustomers() {
    Tolerance.relative(1e-12)
        .check(
            "log-likelihood",
            fitted.logLikelihood(data),
            fitted.fitReport().orElseThrow().diagnostics().logLikelihood());
  }

  @Test
  void fit_cdnowStandardErrorsMatchAnIndependentHessian() {
    ReferenceTable table = ReferenceTable.load("bgnbd_cdnow_standard_errors.csv");
    FitReport report = fitted.fitReport().orElseThrow();
    assertEquals(4, report.estimates().size());
    for (ParameterEstimate e : report.estimates()) {
      int row = table.find("parameter", e.name());
      tolerance(table, row)
          .check("se(" + e.name() + ")", table.number(row, "value"), e.standardError());
      assertTrue(e.lower() < e.value() && e.value() < e.upper(), e.toString());
    }
  }

  @Test
  void expectedPurchases_cdnowMatchesPublishedValues() {
    ReferenceTable table = ReferenceTable.load("bgnbd_cdnow_expected.csv");
    for (int row = 0; row < table.size(); row++) {
      double t = table.number(row, "t");
      tolerance(table, row)
          .check("E[X(" + t + ")]", table.number(row, "value"), fitted.expectedPurchases(t));
    }
  }

  @Test
  void singleCustomer_matchesPublishedValues() {
    ReferenceTable table = ReferenceTable.load("bgnbd_single_customer.csv");
    for (int row = 0; row < table.size(); row++) {
      BgNbdModel model =
          BgNbdModel.of(
              new BgNbdParameters(
                  table.number(row, "r"),
                  table.number(row, "alpha"),
                  table.number(row, "a"),
                  table.number(row, "b")));
      double x = table.number(row, "frequency");
      double tx = table.number(row, "recency");
      double age = table.number(row, "age");
      String quantity = table.text(row, "quantity");
      double actual =
          switch (quantity) {
            case "conditional_expected_purchases" ->
                model.conditionalExpectedPurchases(table.number(row, "t"), x, tx, age);
            case "log_likelihood" -> model.logLikelihood(x, tx, age);
            default -> throw new IllegalStateException(quantity);
          };
      tolerance(table, row).check(quantity, table.number(row, "value"), actual);
    }
  }
}
