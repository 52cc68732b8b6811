package org.clvkit.models.ggomnbd;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The parameters of the Gamma-Gompertz/NBD model (Bemmaor &amp; Glady 2012), in CLVTools' order:
 * the purchase rate λ is Gamma(r, α); a customer's lifetime τ has the Gompertz survival
 * exp(−η(e^{bτ} − 1)) with η ~ Gamma(s, β). α is a rate in the caller's period (days instead of
 * weeks make it 7 times larger) and b a rate per period (7 times smaller); r, s and β carry no
 * unit.
 *
 * @param r shape of the purchase-rate distribution, finite and &gt; 0
 * @param alpha rate of the purchase-rate distribution, finite and &gt; 0
 * @param b the Gompertz rate of ageing, per period, finite and &gt; 0
 * @param s shape of the Gompertz scale's distribution, finite and &gt; 0
 * @param beta rate of the Gompertz scale's distribution, finite and &gt; 0
 */
public record GgompertzNbdParameters(double r, double alpha, double b, double s, double beta)
    implements Serializable {

  /** Validates that every parameter is finite and &gt; 0. */
  public GgompertzNbdParameters {
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("b", b);
    Checks.positive("s", s);
    Checks.positive("beta", beta);
  }

  /**
   * Parameters from an array in the order {@code r, alpha, b, s, beta}.
   *
   * @param values five values, each finite and &gt; 0
   */
  public static GgompertzNbdParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names", 5);
    return new GgompertzNbdParameters(values[0], values[1], values[2], values[3], values[4]);
  }

  /** The parameters as a new array {@code r, alpha, b, s, beta}. */
  public double[] toArray() {
    return new double[] {r, alpha, b, s, beta};
  }
}
