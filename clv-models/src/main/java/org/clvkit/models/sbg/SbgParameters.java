package org.clvkit.models.sbg;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The parameters of the shifted-beta-geometric model (Fader &amp; Hardie 2007, section 3): the
 * probability θ that a customer leaves at the end of a period is Beta(alpha, beta) across
 * customers. They carry no time unit; the period is the contract period.
 *
 * <p>Example: Fader &amp; Hardie's (2007) "high end" segment is {@code new SbgParameters(0.668,
 * 3.806)}, with mean churn probability α/(α+β) = 0.149 and an infinite expected lifetime (α &lt;=
 * 1).
 *
 * @param alpha first shape of the churn-probability distribution, finite and &gt; 0
 * @param beta second shape of the churn-probability distribution, finite and &gt; 0
 */
public record SbgParameters(double alpha, double beta) implements Serializable {

  /** Validates that both parameters are finite and &gt; 0. */
  public SbgParameters {
    Checks.positive("alpha", alpha);
    Checks.positive("beta", beta);
  }

  /**
   * Parameters from an array in the literature's order {@code alpha, beta}.
   *
   * @param values two values, each finite and &gt; 0
   */
  public static SbgParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names", 2);
    return new SbgParameters(values[0], values[1]);
  }

  /** The parameters as a new array {@code alpha, beta}. */
  public double[] toArray() {
    return new double[] {alpha, beta};
  }

  /** Mean churn probability per period across new customers, E[θ] = α/(α+β). */
  public double meanChurnProbability() {
    return alpha / (alpha + beta);
  }
}
