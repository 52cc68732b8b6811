package org.clvkit.models.bgnbd;

import java.io.Serializable;
import org.clvkit.models.mbgnbd.MbgNbdParameters;

/**
 * The four parameters {@code r, alpha, a, b} shared by the two models of the BG/NBD family: the
 * BG/NBD ({@link BgNbdParameters}) and the MBG/NBD ({@link MbgNbdParameters}). In both, a customer
 * buys at a Poisson rate λ ~ Gamma(r, α) while alive and drops out with probability p ~ Beta(a, b)
 * right after a purchase; they differ only in whether the first purchase (at time 0) can be the
 * last one. Implementations are records whose compact constructors reject a parameter that is not
 * finite and positive.
 */
public sealed interface BgNbdFamilyParameters extends Serializable
    permits BgNbdParameters, MbgNbdParameters {

  /** Shape of the Gamma distribution of purchase rates, finite and &gt; 0. */
  double r();

  /** Rate (inverse scale) of the Gamma distribution of purchase rates, finite and &gt; 0. */
  double alpha();

  /** First shape of the Beta distribution of dropout probabilities, finite and &gt; 0. */
  double a();

  /** Second shape of the Beta distribution of dropout probabilities, finite and &gt; 0. */
  double b();

  /** The parameters in the literature's order {@code r, alpha, a, b}, as a new array. */
  default double[] toArray() {
    return new double[] {r(), alpha(), a(), b()};
  }
}
