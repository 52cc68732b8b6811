package org.clvkit.models.mbgnbd;

import org.clvkit.core.Checks;
import org.clvkit.models.bgnbd.BgNbdFamilyParameters;

/**
 * The four parameters of the MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007, "Empirical
 * validation and comparison of models for customer base analysis", International Journal of
 * Research in Marketing 24(3); as implemented by the R package BTYDplus): while alive a customer
 * buys at a Poisson rate λ, and drops out with probability p right after every purchase, the first
 * purchase (at time 0, not counted in the frequency) included, so that a customer with no repeat
 * purchase may already be gone; across customers λ ~ Gamma(r, α) and p ~ Beta(a, b). The BG/NBD
 * differs only in allowing no dropout at time 0.
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
public record MbgNbdParameters(double r, double alpha, double a, double b)
    implements BgNbdFamilyParameters {

  /** Validates that every parameter is finite and positive. */
  public MbgNbdParameters {
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
  public static MbgNbdParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names [r, alpha, a, b]", 4);
    return new MbgNbdParameters(values[0], values[1], values[2], values[3]);
  }
}
