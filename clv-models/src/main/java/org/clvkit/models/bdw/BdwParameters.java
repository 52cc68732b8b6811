package org.clvkit.models.bdw;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The parameters of the beta-discrete-Weibull model (Fader, Hardie, Liu, Davin &amp; Steenburgh
 * 2018): the churn parameter θ is Beta(alpha, beta) across customers and {@code c} sets how a
 * customer's churn probability changes with tenure (c &lt; 1 falling, c = 1 constant, the sBG; c
 * &gt; 1 rising). They carry no time unit; the period is the contract period.
 *
 * @param alpha first shape of the churn-parameter distribution, finite and &gt; 0
 * @param beta second shape of the churn-parameter distribution, finite and &gt; 0
 * @param c the Weibull shape (duration dependence), finite and &gt; 0
 */
public record BdwParameters(double alpha, double beta, double c) implements Serializable {

  /** Validates that the parameters are finite and &gt; 0. */
  public BdwParameters {
    Checks.positive("alpha", alpha);
    Checks.positive("beta", beta);
    Checks.positive("c", c);
  }

  /**
   * Parameters from an array in the order {@code alpha, beta, c}.
   *
   * @param values three values, each finite and &gt; 0
   */
  public static BdwParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names", 3);
    return new BdwParameters(values[0], values[1], values[2]);
  }

  /** The parameters as a new array {@code alpha, beta, c}. */
  public double[] toArray() {
    return new double[] {alpha, beta, c};
  }
}
