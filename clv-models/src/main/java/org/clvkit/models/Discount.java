package org.clvkit.models;

import java.io.Serializable;
import java.util.Locale;
import org.clvkit.core.Checks;

/**
 * A discount rate, the one convention for every discounted quantity of the models: a rate d per
 * period, so that a value at time t (in periods) is worth {@code (1 + d)^(−t)} now, or equivalently
 * a continuously compounded rate {@code δ = ln(1 + d)}, worth {@code e^(−δt)}. Both forms name the
 * same discount; which one was given is kept exactly, and the other is derived from it, so that a
 * formula written for δ (the Pareto/NBD's DERT) and one written for d (the BG/BB's) each get their
 * own rate without rounding.
 *
 * <p>Discrete-time models apply the factor at whole periods, continuous-time models at any t. An
 * annual 10 % is {@code perPeriod(0.10)} with yearly periods; with weekly periods it is {@code
 * perPeriod(Math.pow(1.10, 1 / 52.0) − 1)}. Immutable value.
 */
public final class Discount implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double perPeriod;
  private final double continuous;

  private Discount(double perPeriod, double continuous) {
    this.perPeriod = perPeriod;
    this.continuous = continuous;
  }

  /**
   * A discount of {@code rate} per period: a value one period away is worth {@code 1/(1 + rate)}.
   *
   * @param rate finite and &gt; 0
   */
  public static Discount perPeriod(double rate) {
    Checks.positive("discountRate", rate);
    return new Discount(rate, Math.log1p(rate));
  }

  /**
   * A continuously compounded discount at {@code rate} per period: a value t periods away is worth
   * {@code e^(−rate t)}.
   *
   * @param rate finite and &gt; 0
   */
  public static Discount continuous(double rate) {
    Checks.positive("continuousRate", rate);
    return new Discount(Math.expm1(rate), rate);
  }

  /** The rate per period d. */
  public double perPeriodRate() {
    return perPeriod;
  }

  /** The continuously compounded rate δ = ln(1 + d). */
  public double continuousRate() {
    return continuous;
  }

  /** The factor of a value {@code t} periods away, {@code e^(−δt)}. */
  public double factor(double t) {
    return Math.exp(-continuous * t);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Discount d
        && Double.compare(d.perPeriod, perPeriod) == 0
        && Double.compare(d.continuous, continuous) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(perPeriod) * 31 + Double.hashCode(continuous);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "Discount(%s per period, %s continuous)", perPeriod, continuous);
  }
}
