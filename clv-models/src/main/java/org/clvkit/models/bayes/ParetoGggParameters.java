package org.clvkit.models.bayes;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The six population parameters of the Pareto/GGG (Platzer &amp; Reutterer 2016, "Ticking away the
 * moments: timing regularity helps to better predict customer activity", Marketing Science 35(5),
 * 779–799): across customers the regularity k ~ Gamma(t, γ), the purchase rate λ ~ Gamma(r, α) and
 * the drop-out rate μ ~ Gamma(s, β), independently; while alive a customer's inter-purchase times
 * are Gamma(k, kλ) (mean 1/λ, coefficient of variation 1/√k; k = 1 is the Pareto/NBD's Poisson
 * purchasing), and the lifetime is Exponential(μ).
 *
 * <p>{@code alpha} and {@code beta} are rates per period and carry the caller's time unit; t, γ, r
 * and s have none.
 *
 * @param t shape of the Gamma distribution of regularities, finite and &gt; 0
 * @param gamma rate of the Gamma distribution of regularities, finite and &gt; 0
 * @param r shape of the Gamma distribution of purchase rates, finite and &gt; 0
 * @param alpha rate of the Gamma distribution of purchase rates, finite and &gt; 0
 * @param s shape of the Gamma distribution of drop-out rates, finite and &gt; 0
 * @param beta rate of the Gamma distribution of drop-out rates, finite and &gt; 0
 */
public record ParetoGggParameters(
    double t, double gamma, double r, double alpha, double s, double beta) implements Serializable {

  /** Validates that every parameter is finite and positive. */
  public ParetoGggParameters {
    Checks.positive("t", t);
    Checks.positive("gamma", gamma);
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("s", s);
    Checks.positive("beta", beta);
  }

  /** The parameters in the order {@code t, gamma, r, alpha, s, beta}, as a new array. */
  public double[] toArray() {
    return new double[] {t, gamma, r, alpha, s, beta};
  }

  /**
   * Parameters from an array in the order {@code t, gamma, r, alpha, s, beta}.
   *
   * @param values six finite positive values
   */
  public static ParetoGggParameters of(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "parameter names [t, gamma, r, alpha, s, beta]", 6);
    return new ParetoGggParameters(
        values[0], values[1], values[2], values[3], values[4], values[5]);
  }
}
