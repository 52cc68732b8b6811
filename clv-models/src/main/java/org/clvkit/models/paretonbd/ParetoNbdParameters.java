package org.clvkit.models.paretonbd;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The four parameters of the Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987, "Counting
 * your customers: who are they and what will they do next?", Management Science 33(1)): while alive
 * a customer buys at a Poisson rate λ and dies at an exponentially distributed time with rate μ;
 * across customers λ ~ Gamma(r, α) and μ ~ Gamma(s, β), independently.
 *
 * <p>{@code alpha} and {@code beta} are rates per period and carry the caller's time unit: the same
 * customers measured in days instead of weeks have {@code alpha} and {@code beta} seven times
 * larger; {@code r} and {@code s} have no unit. The mean purchase rate is {@code r / alpha} per
 * period and the mean death rate {@code s / beta} per period.
 *
 * @param r shape of the Gamma distribution of purchase rates, finite and &gt; 0
 * @param alpha rate (inverse scale) of the Gamma distribution of purchase rates, finite and &gt; 0
 * @param s shape of the Gamma distribution of death rates, finite and &gt; 0
 * @param beta rate (inverse scale) of the Gamma distribution of death rates, finite and &gt; 0
 */
public record ParetoNbdParameters(double r, double alpha, double s, double beta)
    implements Serializable {

  /** Validates that every parameter is finite and positive. */
  public ParetoNbdParameters {
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("s", s);
    Checks.positive("beta", beta);
  }

  /** The parameters in the literature's order {@code r, alpha, s, beta}, as a new array. */
  public double[] toArray() {
    return new double[] {r, alpha, s, beta};
  }

  /**
   * Parameters from an array in the order {@code r, alpha, s, beta}.
   *
   * @param values four finite positive values
   */
  public static ParetoNbdParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names [r, alpha, s, beta]", 4);
    return new ParetoNbdParameters(values[0], values[1], values[2], values[3]);
  }
}
