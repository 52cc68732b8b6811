package org.clvkit.models.bgbb;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The parameters of the BG/BB model (Fader, Hardie &amp; Shang 2010, section 3), with the paper's
 * names. The purchase probability p of an alive customer at each opportunity is Beta(alpha, beta)
 * across customers; the probability θ that an alive customer dies at the start of an opportunity is
 * Beta(gamma, delta). None of them carries a time unit: an opportunity is the period.
 *
 * <p>Example: the paper's fit to the 1995 donor cohort of a US non-profit is {@code new
 * BgBbParameters(1.204, 0.750, 0.657, 2.783)}.
 *
 * @param alpha first shape of the purchase-probability distribution, finite and &gt; 0
 * @param beta second shape of the purchase-probability distribution, finite and &gt; 0
 * @param gamma first shape of the dropout-probability distribution, finite and &gt; 0
 * @param delta second shape of the dropout-probability distribution, finite and &gt; 0
 */
public record BgBbParameters(double alpha, double beta, double gamma, double delta)
    implements Serializable {

  /** Validates that every parameter is finite and &gt; 0. */
  public BgBbParameters {
    Checks.positive("alpha", alpha);
    Checks.positive("beta", beta);
    Checks.positive("gamma", gamma);
    Checks.positive("delta", delta);
  }

  /**
   * Parameters from an array in the literature's order {@code alpha, beta, gamma, delta}.
   *
   * @param values four values, each finite and &gt; 0
   */
  public static BgBbParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names", 4);
    return new BgBbParameters(values[0], values[1], values[2], values[3]);
  }

  /** The parameters as a new array in the order {@code alpha, beta, gamma, delta}. */
  public double[] toArray() {
    return new double[] {alpha, beta, gamma, delta};
  }

  /** Mean purchase probability of an alive customer at one opportunity, E[p] = α/(α+β). */
  public double meanPurchaseProbability() {
    return alpha / (alpha + beta);
  }

  /** Mean dropout probability at one opportunity, E[θ] = γ/(γ+δ). */
  public double meanDropoutProbability() {
    return gamma / (gamma + delta);
  }
}
