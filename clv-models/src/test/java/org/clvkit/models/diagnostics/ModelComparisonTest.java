package org.clvkit.models.diagnostics;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.bgnbd.BgNbdSimulator;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Model comparison by information criteria (CDNOW) and by holdout error (simulated data). */
class ModelComparisonTest {

  @Test
  void of_cdnow_givesThePublishedLogLikelihoodsAndCriteria() {
    CustomerHistories cdnow = CdnowHistories.load();
    PurchaseModel bgnbd = BgNbdFitter.create().fit(cdnow);
    PurchaseModel pnbd = ParetoNbdFitter.create().fit(cdnow);
    ModelComparison c = ModelComparison.of(List.of(bgnbd, pnbd), cdnow);
    ReferenceTable fit = ReferenceTable.load("bgnbd_cdnow_fit.csv");
    int ll = fit.find("quantity", "log_likelihood");
    Tolerance.absolute(fit.number(ll, "tolerance"))
        .check("BG/NBD LL", fit.number(ll, "value"), c.rows().get(0).logLikelihood());
    for (ModelComparison.Row r : c.rows()) {
      assertEquals(4, r.parameters());
      assertEquals(2357, r.customers());
      assertEquals(8 - 2 * r.logLikelihood(), r.aic(), 1e-9);
      assertEquals(4 * Math.log(2357) - 2 * r.logLikelihood(), r.bic(), 1e-9);
      assertTrue(r.holdoutMae().isEmpty());
    }
    assertEquals(ModelComparison.Rule.BIC, c.rule());
    int best = c.rows().get(0).bic() <= c.rows().get(1).bic() ? 0 : 1;
    assertEquals(best, c.chosen());
  }

  @Test
  void withHoldout_simulatedBgNbd_choosesTheFittedModelOverAWrongOne() {
    BgNbdParameters truth = new BgNbdParameters(0.25, 4.0, 0.8, 2.5);
    int n = 3000;
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 78 - 12.0 * i / n;
    }
    double[][] times = BgNbdSimulator.of(truth, Seeded.SEED).purchaseTimes(ages);
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    double[] holdout = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = ages[i] - 39;
      for (double t : times[i]) {
        if (t <= a[i]) {
          f[i]++;
          r[i] = t;
        } else {
          holdout[i]++;
        }
      }
    }
    BgNbdModel fitted = BgNbdFitter.create().fit(f, r, a);
    BgNbdModel wrong = BgNbdModel.of(new BgNbdParameters(0.5, 4.0, 0.8, 2.5));
    ModelComparison c =
        ModelComparison.withHoldout(List.of(wrong, fitted), f, r, a, holdout, 39, List.of(), 0);
    assertEquals(ModelComparison.Rule.HOLDOUT_MAE, c.rule());
    assertSame(fitted, c.chosenModel());
    double mae = 0;
    double[] predicted = fitted.conditionalExpectedPurchases(39, f, r, a);
    for (int i = 0; i < n; i++) {
      mae += Math.abs(predicted[i] - holdout[i]) / n;
    }
    assertEquals(mae, c.rows().get(1).holdoutMae().getAsDouble(), 1e-12);
    assertTrue(
        c.rows().get(1).holdoutRmse().getAsDouble() >= c.rows().get(1).holdoutMae().getAsDouble());
    assertTrue(c.toCsv().startsWith("model,parameters,customers,log_likelihood,aic,bic,"));
  }

  @Test
  void row_smallCase_givesTheCriteriaAndHoldoutErrorsComputedByHand() {
    double[] predicted = {1.0, 0.5, 2.0, 0.0};
    double[] actual = {0, 1, 2, 3};
    ModelComparison.Row r = ModelComparison.row("Other", 6, 4, -10, predicted, actual);
    // errors 1, -0.5, 0, -3: MAE (1 + 0.5 + 0 + 3) / 4, RMSE sqrt((1 + 0.25 + 0 + 9) / 4)
    assertEquals("Other", r.model());
    assertEquals(6, r.parameters());
    assertEquals(4, r.customers());
    assertEquals(-10, r.logLikelihood());
    assertEquals(12 + 20, r.aic(), 1e-12);
    assertEquals(6 * Math.log(4) + 20, r.bic(), 1e-12);
    assertEquals(4.5 / 4, r.holdoutMae().getAsDouble(), 1e-15);
    assertEquals(Math.sqrt(10.25 / 4), r.holdoutRmse().getAsDouble(), 1e-15);
    assertTrue(r.trackingMape().isEmpty());
    ModelComparison.Row none = ModelComparison.row("Other", 6, 4, -10, null, null);
    assertTrue(none.holdoutMae().isEmpty() && none.holdoutRmse().isEmpty());
    assertEquals(r.bic(), none.bic());
  }

  @Test
  void toCsv_withOutsideRows_appendsThemAfterItsOwnNeverChosen() {
    CustomerHistories cdnow = CdnowHistories.load();
    ModelComparison c = ModelComparison.of(List.of(BgNbdFitter.create().fit(cdnow)), cdnow);
    ModelComparison.Row other =
        ModelComparison.row("Other", 6, 2, -10, new double[] {1, 0.5}, new double[] {0, 1});
    String[] lines = c.toCsv(List.of(other)).split("\n");
    String[] own = c.toCsv().split("\n");
    assertEquals(own.length + 1, lines.length);
    for (int i = 0; i < own.length; i++) {
      assertEquals(own[i], lines[i]);
    }
    assertEquals(
        "Other,6,2,-10.000000,32.000000,"
            + String.format(java.util.Locale.ROOT, "%.6f", 6 * Math.log(2) + 20)
            + ",0.750000,0.790569,,false",
        lines[lines.length - 1]);
    rejected("outside", () -> c.toCsv(null));
  }

  @Test
  void row_ofAModelsOwnPredictions_isItsWithHoldoutRow() {
    CustomerHistories cdnow = CdnowHistories.load();
    int n = cdnow.size();
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    double[] holdout = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = cdnow.frequency(i);
      r[i] = cdnow.recency(i);
      a[i] = cdnow.age(i);
      holdout[i] = i % 3; // any whole numbers serve
    }
    BgNbdModel m = BgNbdFitter.create().fit(cdnow);
    ModelComparison.Row expected =
        ModelComparison.withHoldout(List.of(m), f, r, a, holdout, 39, List.of(), 0).rows().get(0);
    ModelComparison.Row row =
        ModelComparison.row(
            m.name(),
            4,
            n,
            expected.logLikelihood(),
            m.conditionalExpectedPurchases(39, f, r, a),
            holdout);
    assertEquals(expected, row);
  }

  @Test
  void row_badInput_isRejectedNamingTheArgument() {
    double[] two = {1, 2};
    rejected("holdoutPurchases", () -> ModelComparison.row("m", 1, 2, -1, two, null));
    rejected("holdoutPurchases", () -> ModelComparison.row("m", 1, 2, -1, two, new double[] {1}));
    rejected("predictedHoldout", () -> ModelComparison.row("m", 1, 2, -1, new double[] {-1}, two));
    rejected("logLikelihood", () -> ModelComparison.row("m", 1, 2, Double.NaN, null, null));
    rejected("customers", () -> ModelComparison.row("m", 1, 0, -1, null, null));
  }

  private static void rejected(String argument, Executable call) {
    ClvArgumentException e = assertThrows(ClvArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(argument), e.getMessage());
  }

  @Test
  void of_noModels_isRejected() {
    assertRejects(
        "models must hold at least 1 model, was empty",
        () -> ModelComparison.of(List.of(), CdnowHistories.load()));
  }
}
