package org.clvkit.models.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;

/**
 * The nonparametric bootstrap over customers (Efron and Tibshirani 1993, ch. 6; CLVTools' {@code
 * uncertainty = "boots"}): each replicate draws as many customers as the data hold, with
 * replacement, and refits. A replicate is a vector of weights (how often each row was drawn), so
 * fits stay on the compressed patterns and cost what the original fit cost.
 *
 * <p>Replicate {@code k} of seed {@code s} is the same whatever the number of replicates asked for:
 * its random stream is seeded from {@code (s, k)} alone.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * The weights of replicate {@code replicate}: {@code round(Σ weights)} customers drawn with
   * replacement, each row with probability proportional to its weight.
   *
   * @param weights customers per row (1 each for one row per customer), finite and &gt;= 0, not all
   *     0
   * @param replicate the replicate's index, &gt;= 0
   * @param seed the seed
   * @return how many times each row was drawn
   */
  public static double[] weights(double[] weights, int replicate, long seed) {
    Checks.nonNegative("weights", Checks.finite("weights", Checks.notEmpty("weights", weights)));
    Checks.nonNegative("replicate", replicate);
    int n = weights.length;
    double[] cumulative = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += weights[i];
      cumulative[i] = total;
    }
    if (!(total > 0)) {
      throw Checks.fail("weights must not all be 0");
    }
    long draws = Math.round(total);
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (replicate + 1L)));
    double[] out = new double[n];
    for (long d = 0; d < draws; d++) {
      double u = random.nextDouble() * total;
      int lo = 0;
      int hi = n - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      out[lo]++;
    }
    return out;
  }

  /**
   * Refits a purchase model on {@code replicates} bootstrap replicates of the data.
   *
   * @param data the histories (one row per customer, or compressed with weights)
   * @param fitter the fit to repeat, e.g. {@code d -> BgNbdFitter.create().fit(d)}
   * @param replicates number of replicates, &gt; 0
   * @param seed the seed
   */
  public static List<PurchaseModel> purchaseModels(
      CustomerHistories data,
      Function<CustomerHistories, ? extends PurchaseModel> fitter,
      int replicates,
      long seed) {
    Checks.notNull("data", data);
    Checks.notNull("fitter", fitter);
    Checks.positive("replicates", replicates);
    CustomerHistories c = data.compressed();
    double[] f = c.frequencyColumn();
    double[] r = c.recencyColumn();
    double[] a = c.ageColumn();
    double[] w = c.weightColumn();
    List<PurchaseModel> out = new ArrayList<>(replicates);
    for (int k = 0; k < replicates; k++) {
      out.add(fitter.apply(CustomerHistories.of(f, r, a, weights(w, k, seed))));
    }
    return out;
  }
}
