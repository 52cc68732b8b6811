package org.clvkit.core.rfm;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;

/**
 * Value tiers by CLV percentile ({@link ValueTier}), fitted on a reference customer base and
 * applicable to any value. Immutable, thread-safe and {@link Serializable}; keeps three thresholds.
 *
 * <p><b>Definition and ties.</b> Among N reference values let G(v) be the number strictly greater
 * than v. A value is in the top p % when {@code G(v) < p N / 100}, that is when fewer than p % of
 * the customers are strictly more valuable; its tier is the smallest such p of 1, 5, 20, else
 * {@link ValueTier#REST}. The most valuable customer is therefore always in the top 1 %, whatever
 * N; customers tied at a boundary all go to the higher tier (so a tier may hold more than its
 * share, never a customer less valuable than one left out); the result does not depend on the order
 * of the data. Computed exactly in integers: the threshold of tier p is the (k + 1)-th largest
 * value with {@code k = floor((p N - 1) / 100)}.
 */
public final class ValueTiers implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ValueTier[] TIERS = {
    ValueTier.TOP_1_PERCENT, ValueTier.TOP_5_PERCENT, ValueTier.TOP_20_PERCENT
  };

  private final int customers;

  /** Thresholds of the top 1, 5 and 20 %: in a tier when value >= its threshold. */
  private final double[] thresholds;

  private ValueTiers(int customers, double[] thresholds) {
    this.customers = customers;
    this.thresholds = thresholds;
  }

  /**
   * Tiers fitted on the given customer values.
   *
   * @param value each customer's value (CLV), finite; not empty
   * @return the fitted tiers
   */
  public static ValueTiers fit(double[] value) {
    Checks.notEmpty("value", value);
    Checks.finite("value", value);
    double[] sorted = value.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double[] thresholds = new double[TIERS.length];
    for (int t = 0; t < TIERS.length; t++) {
      long k = ((long) TIERS[t].percent() * n - 1) / 100;
      thresholds[t] = sorted[n - 1 - (int) k];
    }
    return new ValueTiers(n, thresholds);
  }

  /** The number of reference customers the tiers were fitted on. */
  public int customers() {
    return customers;
  }

  /** The least value in the given tier; for {@link ValueTier#REST}, negative infinity. */
  public double threshold(ValueTier tier) {
    Checks.notNull("tier", tier);
    return tier == ValueTier.REST ? Double.NEGATIVE_INFINITY : thresholds[tier.ordinal()];
  }

  /**
   * The tier of a value.
   *
   * @param value a customer's value, finite
   * @return the highest tier whose threshold the value reaches
   */
  public ValueTier tier(double value) {
    Checks.finite("value", value);
    return kernel(value);
  }

  private ValueTier kernel(double value) {
    for (int t = 0; t < TIERS.length; t++) {
      if (value >= thresholds[t]) {
        return TIERS[t];
      }
    }
    return ValueTier.REST;
  }

  /**
   * The tiers of the values with indexes in {@code [from, to)}, written to the same indexes of
   * {@code out}; validates first, then allocates nothing.
   *
   * @param value customer values, finite in [from, to)
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param out tiers (modified in [from, to))
   */
  public void tiers(double[] value, int from, int to, ValueTier[] out) {
    Checks.notNull("value", value);
    Checks.notNull("out", out);
    Checks.range(from, to, value.length);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      if (!Double.isFinite(value[i])) {
        Checks.finite(Checks.indexed("value", i), value[i]);
      }
    }
    for (int i = from; i < to; i++) {
      out[i] = kernel(value[i]);
    }
  }
}
