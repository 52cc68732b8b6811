package org.clvkit.models.nbd;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The parameters of the NBD model: a customer's purchase rate λ is Gamma(r, α) across customers
 * (shape r, rate α, mean r/α purchases per period). α is in the caller's period: measured in days
 * rather than weeks it is 7 times larger; r carries no unit.
 *
 * @param r shape of the purchase-rate distribution, finite and &gt; 0
 * @param alpha rate of the purchase-rate distribution, in periods, finite and &gt; 0
 */
public record NbdParameters(double r, double alpha) implements Serializable {

  /** Validates that both parameters are finite and &gt; 0. */
  public NbdParameters {
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
  }

  /**
   * Parameters from an array in the literature's order {@code r, alpha}.
   *
   * @param values two values, each finite and &gt; 0
   */
  public static NbdParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names", 2);
    return new NbdParameters(values[0], values[1]);
  }

  /** The parameters as a new array {@code r, alpha}. */
  public double[] toArray() {
    return new double[] {r, alpha};
  }

  /** Mean purchase rate per period across customers, E[λ] = r/α. */
  public double meanPurchaseRate() {
    return r / alpha;
  }
}
