package org.clvkit.models.uncertainty;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/** The bootstrap over customers and per-customer percentile intervals, on CDNOW (BG/NBD). */
class BootstrapTest {

  @Test
  void weights_anyReplicate_drawAsManyCustomersAsTheDataHoldReproducibly() {
    double[] w = {1, 2, 0, 3, 1.5, 0.5};
    for (int k = 0; k < 20; k++) {
      double[] b = Bootstrap.weights(w, k, Seeded.SEED);
      assertEquals(8, java.util.Arrays.stream(b).sum());
      assertEquals(0, b[2], "a row of weight 0 is never drawn");
      assertArrayEquals(b, Bootstrap.weights(w, k, Seeded.SEED));
    }
  }

  @Test
  void purchaseModels_cdnow_spreadOfLogRAgreesWithTheCovariance() {
    CustomerHistories cdnow = CdnowHistories.load();
    BgNbdModel fitted = BgNbdFitter.create().fit(cdnow);
    List<PurchaseModel> replicates =
        Bootstrap.purchaseModels(cdnow, d -> BgNbdFitter.create().fit(d), 40, Seeded.SEED);
    assertEquals(40, replicates.size());
    double[] logR =
        replicates.stream().mapToDouble(m -> Math.log(m.parameterValues()[0])).toArray();
    double mean = java.util.Arrays.stream(logR).average().orElseThrow();
    double variance = 0;
    for (double v : logR) {
      variance += (v - mean) * (v - mean) / (logR.length - 1);
    }
    double expected = ParameterCovariance.of(fitted, cdnow).logCovariance()[0][0];
    // 40 replicates estimate a variance to about +-22 % (one standard error); allow 60 %
    double ratio = variance / expected;
    assertTrue(ratio > 0.4 && ratio < 1.6, () -> "bootstrap / asymptotic variance " + ratio);
    Interval r =
        Intervals.percentile(
            fitted.parameterValues()[0],
            replicates.stream().mapToDouble(m -> m.parameterValues()[0]).toArray(),
            0.9);
    assertTrue(r.contains(fitted.parameterValues()[0]), r::toString);
  }

  @Test
  void perCustomer_moreCustomersThanABlock_equalsEachCustomersOwnPercentiles() {
    CustomerHistories cdnow = CdnowHistories.load();
    int n = Intervals.BLOCK + 1000;
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      int j = i % cdnow.size();
      f[i] = cdnow.frequency(j);
      r[i] = cdnow.recency(j);
      a[i] = cdnow.age(j);
    }
    BgNbdModel fitted = BgNbdFitter.create().fit(cdnow);
    List<PurchaseModel> draws =
        ParameterCovariance.of(fitted, cdnow).sampleModels(fitted, 30, Seeded.SEED);
    double[] lower = new double[n];
    double[] upper = new double[n];
    Intervals.perCustomer(
        draws,
        (m, from, to, out) -> m.conditionalExpectedPurchases(39, f, r, a, out, from, to),
        n,
        0.9,
        lower,
        upper);
    for (int i : new int[] {0, 17, Intervals.BLOCK - 1, Intervals.BLOCK, n - 1}) {
      double[] values = new double[draws.size()];
      for (int d = 0; d < values.length; d++) {
        values[d] = draws.get(d).conditionalExpectedPurchases(39, f[i], r[i], a[i]);
      }
      double estimate = fitted.conditionalExpectedPurchases(39, f[i], r[i], a[i]);
      Interval expected = Intervals.percentile(estimate, values, 0.9);
      assertEquals(expected.lower(), lower[i], 0, "lower " + i);
      assertEquals(expected.upper(), upper[i], 0, "upper " + i);
      assertTrue(lower[i] <= upper[i]);
    }
  }

  @Test
  void perCustomer_oneDraw_isRejected() {
    assertRejects(
        "draws must hold at least 2 models, was 1",
        () ->
            Intervals.perCustomer(
                List.of(1), (m, from, to, out) -> {}, 1, 0.9, new double[1], new double[1]));
  }

  @Test
  void percentile_knownDraws_takesInterpolatedQuantiles() {
    // Hyndman-Fan 7 on 0..10: the 5 % and 95 % quantiles are 0.5 and 9.5
    double[] draws = new double[11];
    for (int i = 0; i <= 10; i++) {
      draws[i] = 10 - i;
    }
    Interval i = Intervals.percentile(5, draws, 0.9);
    assertEquals(0.5, i.lower(), 1e-12);
    assertEquals(9.5, i.upper(), 1e-12);
  }
}
