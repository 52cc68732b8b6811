package org.clvkit.models.uncertainty;

import java.util.Arrays;
import java.util.List;
import org.clvkit.core.Checks;

/**
 * Intervals from draws (parameter draws or bootstrap replicates) and from the delta method.
 *
 * <p>Percentile intervals take the {@code (1 - level) / 2} and {@code (1 + level) / 2} sample
 * quantiles of the draws, by linear interpolation between order statistics (Hyndman and Fan 1996,
 * definition 7). Delta-method intervals of a positive quantity are taken on the log scale, {@code
 * estimate · exp(± z · sd / estimate)}, so they stay positive.
 */
public final class Intervals {
  private Intervals() {}

  /**
   * A statistic computed on a block of customers for one model: writes {@code out[from..to)}.
   *
   * @param <M> the model type (a purchase model, or a pair of purchase and spend models)
   */
  @FunctionalInterface
  public interface ColumnStatistic<M> {
    /** Writes the statistic of rows {@code [from, to)} under {@code model} into {@code out}. */
    void compute(M model, int from, int to, double[] out);
  }

  /** The number of customers whose draws are held at once by {@link #perCustomer}. */
  static final int BLOCK = 4096;

  /**
   * The standard normal quantile {@code z} with {@code P(|Z| <= z) = level}.
   *
   * @param level in (0, 1)
   */
  public static double normalQuantile(double level) {
    Checks.inRange("level", level, Math.ulp(0.0), 1 - Math.ulp(1.0));
    return new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
        .inverseCumulativeProbability(0.5 + level / 2);
  }

  /**
   * The percentile interval of draws around a point estimate.
   *
   * @param estimate the point estimate, finite
   * @param draws at least 2 finite draws (not modified)
   * @param level coverage in (0, 1)
   */
  public static Interval percentile(double estimate, double[] draws, double level) {
    Checks.finite("draws", draws);
    if (draws.length < 2) {
      throw Checks.fail("draws must hold at least 2 values, was %d", draws.length);
    }
    double[] sorted = draws.clone();
    Arrays.sort(sorted);
    return new Interval(
        estimate, quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), level);
  }

  /**
   * A delta-method interval of a positive quantity on the log scale.
   *
   * @param estimate the point estimate, &gt; 0
   * @param variance the delta-method variance of the estimate, &gt;= 0
   * @param level coverage in (0, 1)
   */
  public static Interval logNormal(double estimate, double variance, double level) {
    Checks.positive("estimate", estimate);
    Checks.nonNegative("variance", variance);
    double half = normalQuantile(level) * Math.sqrt(variance) / estimate;
    return new Interval(estimate, estimate * Math.exp(-half), estimate * Math.exp(half), level);
  }

  /**
   * Per-customer percentile intervals: the statistic is computed under every draw for blocks of
   * {@value #BLOCK} customers at a time (memory {@code draws × block}), and each customer's
   * quantiles are taken.
   *
   * @param draws the models, at least 2
   * @param statistic the per-customer statistic
   * @param customers number of rows
   * @param level coverage in (0, 1)
   * @param lower receives the lower ends, length &gt;= customers
   * @param upper receives the upper ends, length &gt;= customers
   */
  public static <M> void perCustomer(
      List<M> draws,
      ColumnStatistic<M> statistic,
      int customers,
      double level,
      double[] lower,
      double[] upper) {
    Checks.notNull("draws", draws);
    Checks.notNull("statistic", statistic);
    Checks.nonNegative("customers", customers);
    Checks.inRange("level", level, Math.ulp(0.0), 1 - Math.ulp(1.0));
    Checks.range(0, customers, Checks.notNull("lower", lower).length);
    Checks.range(0, customers, Checks.notNull("upper", upper).length);
    if (draws.size() < 2) {
      throw Checks.fail("draws must hold at least 2 models, was %d", draws.size());
    }
    int d = draws.size();
    double[] scratch = new double[customers];
    double[][] block = new double[Math.min(BLOCK, Math.max(1, customers))][d];
    for (int from = 0; from < customers; from += BLOCK) {
      int to = Math.min(customers, from + BLOCK);
      for (int k = 0; k < d; k++) {
        statistic.compute(draws.get(k), from, to, scratch);
        for (int i = from; i < to; i++) {
          block[i - from][k] = scratch[i];
        }
      }
      for (int i = from; i < to; i++) {
        double[] values = block[i - from];
        Checks.finite(Checks.indexed("statistic", i), values);
        Arrays.sort(values);
        lower[i] = quantile(values, (1 - level) / 2);
        upper[i] = quantile(values, (1 + level) / 2);
      }
    }
  }

  /** Quantile {@code p} of sorted values, Hyndman–Fan definition 7. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
