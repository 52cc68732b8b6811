package org.clvkit.models.gammagamma;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The parameters of the Gamma-Gamma model of monetary value, with the literature's names (Fader,
 * Hardie and Lee 2005, "RFM and CLV", JMR 42, the spend sub-model; Fader and Hardie 2013, "The
 * Gamma-Gamma model of monetary value").
 *
 * <p>A customer's transaction values z are Gamma(p, ν) (shape p, rate ν), so the customer's mean
 * transaction value is p/ν; across customers ν is Gamma(q, γ) (shape q, rate γ). The population
 * mean transaction value is pγ/(q − 1), finite only when q &gt; 1. γ carries the unit of money
 * (doubling every amount doubles γ); p and q have no unit.
 *
 * @param p shape of the transaction values around a customer's mean, finite and &gt; 0
 * @param q shape of the customers' transaction rates ν, finite and &gt; 0
 * @param gamma rate (scale of money) of the customers' ν, finite and &gt; 0
 */
public record GammaGammaParameters(double p, double q, double gamma) implements Serializable {

  /** Validates that every parameter is finite and positive. */
  public GammaGammaParameters {
    Checks.positive("p", p);
    Checks.positive("q", q);
    Checks.positive("gamma", gamma);
  }

  /**
   * Parameters from an array in the order {@code p, q, gamma}.
   *
   * @param values three values, each finite and &gt; 0
   */
  public static GammaGammaParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names [p, q, gamma]", 3);
    return new GammaGammaParameters(values[0], values[1], values[2]);
  }

  /** The parameters as a new array in the order {@code p, q, gamma}. */
  public double[] toArray() {
    return new double[] {p, q, gamma};
  }
}
