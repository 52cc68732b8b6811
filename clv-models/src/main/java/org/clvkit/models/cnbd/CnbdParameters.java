package org.clvkit.models.cnbd;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The parameters of the (M)BG/CNBD-k models (Platzer &amp; Reutterer 2016; Reutterer, Platzer &amp;
 * Schröder 2021): a customer's inter-purchase times are Erlang-k with rate λ per phase (mean k/λ
 * periods), λ ~ Gamma(r, α) across customers, and after each purchase the customer drops out for
 * good with probability p, p ~ Beta(a, b) across customers. k = 1 gives the BG/NBD and the MBG/NBD.
 * α is in the caller's period (7 times larger in days than in weeks); k, r, a and b carry no unit.
 *
 * @param k the Erlang shape, the degree of regularity: a whole number from 1 to {@link #MAX_K}
 * @param r shape of the phase-rate distribution, finite and &gt; 0
 * @param alpha rate of the phase-rate distribution, in periods, finite and &gt; 0
 * @param a first shape of the drop-out probability distribution, finite and &gt; 0
 * @param b second shape of the drop-out probability distribution, finite and &gt; 0
 */
public record CnbdParameters(int k, double r, double alpha, double a, double b)
    implements Serializable {

  /** The largest k accepted: 100 (the fitters search 1 to 12 by default, as BTYDplus does). */
  public static final int MAX_K = 100;

  /** Validates k in [1, {@link #MAX_K}] and the other parameters finite and &gt; 0. */
  public CnbdParameters {
    if (k < 1 || k > MAX_K) {
      throw Checks.fail("k must be a whole number in [1, %d], was %d", MAX_K, k);
    }
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("a", a);
    Checks.positive("b", b);
  }

  /**
   * Parameters from an array in BTYDplus's order {@code k, r, alpha, a, b}.
   *
   * @param values five values: k a whole number in [1, {@link #MAX_K}], the others finite and &gt;
   *     0
   */
  public static CnbdParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names", 5);
    double k = values[0];
    if (!(k >= 1 && k <= MAX_K && k == Math.rint(k))) {
      throw Checks.fail("k must be a whole number in [1, %d], was %s", MAX_K, k);
    }
    return new CnbdParameters((int) k, values[1], values[2], values[3], values[4]);
  }

  /** The parameters as a new array {@code k, r, alpha, a, b}. */
  public double[] toArray() {
    return new double[] {k, r, alpha, a, b};
  }
}
