package org.clvkit.models.bayes;

import org.clvkit.core.Checks;

/**
 * A posterior quantity per customer: its posterior mean and the 2.5 % and 97.5 % quantiles of its
 * conditional value over the kept draws, in customer (row) order. Immutable; the column methods
 * return copies.
 */
public final class CustomerIntervals implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] mean;
  private final double[] lower;
  private final double[] upper;

  CustomerIntervals(double[] mean, double[] lower, double[] upper) {
    this.mean = mean;
    this.lower = lower;
    this.upper = upper;
  }

  /** Number of customers. */
  public int size() {
    return mean.length;
  }

  /** Customer i's posterior mean. */
  public double mean(int i) {
    return mean[Checks.index("customer", i, mean.length)];
  }

  /** Customer i's 2.5 % quantile. */
  public double lower(int i) {
    return lower[Checks.index("customer", i, lower.length)];
  }

  /** Customer i's 97.5 % quantile. */
  public double upper(int i) {
    return upper[Checks.index("customer", i, upper.length)];
  }

  /** The posterior means, a new array. */
  public double[] meanColumn() {
    return mean.clone();
  }

  /** The 2.5 % quantiles, a new array. */
  public double[] lowerColumn() {
    return lower.clone();
  }

  /** The 97.5 % quantiles, a new array. */
  public double[] upperColumn() {
    return upper.clone();
  }
}
