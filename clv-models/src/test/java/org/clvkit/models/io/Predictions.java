package org.clvkit.models.io;

import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.Discount;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.sbg.SbgModel;

/**
 * Many predictions of a model in one array, so that two models can be compared bit for bit with
 * {@code assertArrayEquals} (which compares doubles by their bits).
 */
final class Predictions {
  private Predictions() {}

  /**
   * Per-customer and batch predictions of a purchase model over a grid of histories: P(alive),
   * conditional expected purchases at several horizons, expected purchases, probabilities of
   * purchase counts, log-likelihoods and discounted expected purchases.
   *
   * @param discrete whether times must be whole (BG/BB)
   */
  static double[] of(PurchaseModel model, boolean discrete) {
    List<double[]> histories = new ArrayList<>();
    double[] ages = discrete ? new double[] {1, 6, 11} : new double[] {0.5, 38.86, 78};
    for (double age : ages) {
      histories.add(new double[] {0, 0, age});
      for (int x = 1; x <= 7; x += 3) {
        for (double share : new double[] {0.25, 1}) {
          double recency = discrete ? Math.ceil(share * age) : share * age;
          if (!discrete || x <= recency) {
            histories.add(new double[] {x, recency, age});
          }
        }
      }
    }
    int n = histories.size();
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = histories.get(i)[0];
      r[i] = histories.get(i)[1];
      a[i] = histories.get(i)[2];
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(model.probabilityAlive(f[i], r[i], a[i]));
      out.add(model.logLikelihood(f[i], r[i], a[i]));
      for (double t : new double[] {1, 5, 39}) {
        out.add(model.conditionalExpectedPurchases(t, f[i], r[i], a[i]));
      }
      out.add(model.discountedExpectedPurchases(10, 0.01, f[i], r[i], a[i]));
    }
    for (double v : model.probabilityAlive(f, r, a)) {
      out.add(v);
    }
    for (double v : model.conditionalExpectedPurchases(5, f, r, a)) {
      out.add(v);
    }
    for (double t : new double[] {1, 6, 39}) {
      out.add(model.expectedPurchases(t));
      for (int k = 0; k <= 5; k++) {
        out.add(model.probabilityOfPurchases(k, t));
      }
    }
    if (model instanceof BgBbModel bgbb) {
      out.add(bgbb.conditionalDiscountedResidualPurchases(Discount.perPeriod(0.1), 2, 4, 6));
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Survival, retention, lifetimes and DERL of an sBG model. */
  static double[] of(SbgModel model) {
    List<Double> out = new ArrayList<>();
    for (int t = 0; t <= 30; t++) {
      out.add(model.survival(t));
      if (t > 0) {
        out.add(model.probabilityOfChurn(t));
        out.add(model.retention(t));
      }
    }
    out.add(model.expectedLifetime());
    out.add(model.discountedExpectedLifetime(0.1));
    for (int n = 1; n <= 5; n++) {
      out.add(model.discountedExpectedResidualLifetime(0.1, n));
    }
    for (double v : model.expectedSurvivors(1000, 12)) {
      out.add(v);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Expected spend, conditional expected spend over a grid, and log-likelihoods of Gamma-Gamma. */
  static double[] of(GammaGammaModel model) {
    List<Double> out = new ArrayList<>();
    out.add(model.expectedSpend());
    double[] f = {1, 2, 5, 20, 100};
    double[] m = {0.5, 12.5, 35.0, 350.0, 2000.0};
    for (double x : f) {
      for (double spend : m) {
        out.add(model.conditionalExpectedSpend(x, spend));
        out.add(model.logLikelihood(x, spend));
      }
    }
    for (double v : model.conditionalExpectedSpend(f, m)) {
      out.add(v);
    }
    out.add(model.customersLeftOut());
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
