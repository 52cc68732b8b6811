package org.clvkit.models.simulation;

import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * The summaries of a synthetic customer base ({@link SyntheticCustomerBase#customers(int,
 * double)}): per customer, in order of acquisition, the time of the first purchase and the history
 * (x, t_x, T) with the mean repeat spend m̄, in the period of the generator's parameters. Immutable
 * and thread-safe; column accessors return copies.
 */
public final class SimulatedCustomers {
  private final double[] acquired;
  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] monetaryValue;
  private final double observationEnd;
  private final double[] litt;

  SimulatedCustomers(
      double[] acquired,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] monetaryValue,
      double observationEnd,
      double[] litt) {
    this.acquired = acquired;
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.monetaryValue = monetaryValue;
    this.observationEnd = observationEnd;
    this.litt = litt;
  }

  /**
   * A copy of the litt column: each customer's sum of the logarithms of the inter-purchase times
   * (BTYDplus's {@code litt}, what the (M)BG/CNBD-k fitters choose k from), 0 without repeat
   * purchases.
   *
   * @throws org.clvkit.core.ClvArgumentException for Pareto/NBD customers, whose summaries are
   *     drawn without purchase times (take litt from the transaction log instead)
   */
  public double[] litt() {
    if (litt == null) {
      throw org.clvkit.core.Checks.fail(
          "litt is not drawn for Pareto/NBD summaries: summarise transactions(count,"
              + " observationEnd) instead");
    }
    return litt.clone();
  }

  /** Number of customers. */
  public int size() {
    return frequency.length;
  }

  /** The end of observation, to which ages are measured. */
  public double observationEnd() {
    return observationEnd;
  }

  /** Time of each customer's first purchase, ascending, from the origin 0. */
  public double[] acquisitionTime() {
    return acquired.clone();
  }

  /** Repeat purchases x per customer. */
  public double[] frequency() {
    return frequency.clone();
  }

  /** Time t_x from the first to the last purchase per customer; 0 when x = 0. */
  public double[] recency() {
    return recency.clone();
  }

  /** Age T per customer: time from the first purchase to the end of observation. */
  public double[] age() {
    return age.clone();
  }

  /** Mean value m̄ of each customer's repeat purchases; 0 when x = 0. */
  public double[] monetaryValue() {
    return monetaryValue.clone();
  }

  /** Customer {@code i}'s repeat purchases. */
  public double frequency(int i) {
    return frequency[Checks.index("i", i, frequency.length)];
  }

  /** Customer {@code i}'s recency. */
  public double recency(int i) {
    return recency[Checks.index("i", i, recency.length)];
  }

  /** Customer {@code i}'s age. */
  public double age(int i) {
    return age[Checks.index("i", i, age.length)];
  }

  /** Customer {@code i}'s mean repeat spend. */
  public double monetaryValue(int i) {
    return monetaryValue[Checks.index("i", i, monetaryValue.length)];
  }

  /** The histories (one row per customer, weight 1) for the purchase models' fitters. */
  public CustomerHistories histories() {
    return CustomerHistories.of(frequency, recency, age);
  }

  @Override
  public String toString() {
    long purchases = 0;
    for (double x : frequency) {
      purchases += (long) x;
    }
    return String.format(
        Locale.ROOT,
        "SimulatedCustomers[customers=%d, repeatPurchases=%d, observationEnd=%s]",
        size(),
        purchases,
        observationEnd);
  }
}
