package org.clvkit.models.diagnostics;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
  void of_noModels_isRejected() {
    assertRejects(
        "models must hold at least 1 model, was empty",
        () -> ModelComparison.of(List.of(), CdnowHistories.load()));
  }
}
