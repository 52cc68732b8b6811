package org.clvkit.models.cnbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.uncertainty.ParameterCovariance;
import org.junit.jupiter.api.Test;

/**
 * {@link ParameterCovariance} of an (M)BG/CNBD-k fit: k, chosen over the grid and not estimated,
 * has variance 0 and keeps its whole value in every draw (the report's parameter draws); the other
 * parameters' standard errors are the fit's.
 */
class CnbdCovarianceTest {
  @Test
  void covariance_holdsKFixedAndGivesTheFitsStandardErrors() {
    double[] ages = new double[3000];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = 27 + 12.0 * i / ages.length;
    }
    CnbdSimulator simulator = CnbdSimulator.mbgCnbd(new CnbdParameters(2, 1.2, 4.0, 0.6, 2.5), 7);
    CustomerHistories h = simulator.histories(ages);
    MbgCnbdModel model = MbgCnbdFitter.create().withMaxK(4).fit(h, simulator.litt(ages));
    assertEquals(2, model.k());
    ParameterCovariance covariance = ParameterCovariance.of(model, h);
    assertEquals(0, covariance.standardError(0));
    var estimates = model.fitReport().orElseThrow().estimates();
    for (int i = 1; i < 5; i++) {
      double se = estimates.get(i).standardError();
      assertEquals(se, covariance.standardError(i), 1e-3 * se, estimates.get(i).name());
    }
    for (PurchaseModel draw : covariance.sampleModels(model, 50, 3)) {
      assertEquals(2.0, draw.parameterValues()[0]);
    }
    assertTrue(covariance.deltaVariance(v -> v[1] / v[2]) > 0);
  }
}
