package org.clvkit.models.bgnbd;

import org.clvkit.core.Checks;

/**
 * The four parameters of the BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers
 * the easy way", Marketing Science 24(2), section 3): while alive a customer buys at a Poisson rate
 * λ, and after each repeat purchase drops out with probability p; across customers λ ~ Gamma(r, α)
 * and p ~ Beta(a, b).
 *
 * <p>{@code alpha} is a rate per period and carries the caller's time unit: the same customers
 * measured in days instead of weeks have {@code alpha} seven times larger; {@code r}, {@code a} and
 * {@code b} have no unit. The mean purchase rate is {@code r / alpha} per period and the mean
 * dropout probability {@code a / (a + b)}.
 *
 * @param r shape of the Gamma distribution of purchase rates, finite and &gt; 0
 * @param alpha rate (inverse scale) of the Gamma distribution of purchase rates, finite and &gt; 0
 * @param a first shape of the Beta distribution of dropout probabilities, finite and &gt; 0
 * @param b second shape of the Beta distribution of dropout probabilities, finite and &gt; 0
 */
public record BgNbdParameters(double r, double alpha, double a, double b)
    implements BgNbdFamilyParameters {

  /** Validates that every parameter is finite and positive. */
  public BgNbdParameters {
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("a", a);
    Checks.positive("b", b);
  }

  /**
   * Parameters from an array in the order {@code r, alpha, a, b}.
   *
   * @param values four finite positive values
   */
  public static BgNbdParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names [r, alpha, a, b]", 4);
    return new BgNbdParameters(values[0], values[1], values[2], values[3]);
  }
}
