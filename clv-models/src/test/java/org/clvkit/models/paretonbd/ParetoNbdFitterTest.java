package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The fitter's configuration, its input forms, and how it reports fits that fail. */
class ParetoNbdFitterTest {

  @Test
  void fit_arraysEqualHistories() {
    CustomerHistories data =
        ParetoNbdSimulator.of(new ParetoNbdParameters(0.55, 10.6, 0.6, 11.7), 4)
            .histories(1500, 39);
    ParetoNbdModel a = ParetoNbdFitter.create().fit(data);
    ParetoNbdModel b =
        ParetoNbdFitter.create()
            .fit(data.frequencyColumn(), data.recencyColumn(), data.ageColumn());
    CustomerHistories c = data.compressed();
    ParetoNbdModel d =
        ParetoNbdFitter.create()
            .fit(c.frequencyColumn(), c.recencyColumn(), c.ageColumn(), c.weightColumn());
    assertEquals(a.parameters(), b.parameters());
    double[] pa = a.parameterValues();
    double[] pd = d.parameterValues();
    for (int i = 0; i < 4; i++) {
      Tolerance.relative(1e-6).check("parameter " + i, pa[i], pd[i]);
    }
    assertEquals(1500.0, a.fitReport().orElseThrow().customers());
  }

  @Test
  void fit_penaltyShrinksTheRates() {
    CustomerHistories data = Cdnow.histories();
    ParetoNbdModel plain = ParetoNbdFitter.create().fit(data);
    ParetoNbdModel penalised =
        ParetoNbdFitter.create().withSettings(FitSettings.DEFAULT.withPenalty(0.01)).fit(data);
    assertTrue(penalised.parameters().beta() < plain.parameters().beta());
    assertTrue(penalised.parameters().alpha() < plain.parameters().alpha());
    assertEquals(0.01, penalised.fitReport().orElseThrow().penalty());
  }

  /**
   * Customers who never come back: the likelihood rises without bound as purchase rates go to 0, so
   * the fit must fail loudly, and with allowNonConverged return a model flagged as not converged.
   */
  @Test
  void fit_dataWithoutRepeatPurchasesIsReportedAsFailed() {
    int n = 300;
    double[] zeros = new double[n];
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 10 + i % 30;
    }
    FitFailedException e =
        assertThrows(
            FitFailedException.class, () -> ParetoNbdFitter.create().fit(zeros, zeros, ages));
    assertTrue(e.getMessage().startsWith("Pareto/NBD fit failed: "), e.getMessage());
    assertFalse(e.diagnostics().converged());
    FitReport flagged =
        ParetoNbdFitter.create()
            .withSettings(FitSettings.DEFAULT.withAllowNonConverged(true))
            .fit(zeros, zeros, ages)
            .fitReport()
            .orElseThrow();
    assertFalse(flagged.converged());
    assertTrue(flagged.estimates().isEmpty());
  }

  @Test
  void fit_summaryTableNamesTheModelAndParameters() {
    FitReport report = ParetoNbdFitter.create().fit(Cdnow.histories()).fitReport().orElseThrow();
    String table = report.summaryTable();
    assertTrue(table.startsWith("Pareto/NBD fitted on 2357 customers ("), table);
    for (String name : new String[] {"r ", "alpha ", "s ", "beta "}) {
      assertTrue(table.contains("\n" + name), table);
    }
  }
}
