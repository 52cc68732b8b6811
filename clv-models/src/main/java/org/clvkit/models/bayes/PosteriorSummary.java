package org.clvkit.models.bayes;

import org.clvkit.core.Checks;

/**
 * The marginal posterior of one population parameter over all chains' kept draws, with the chains'
 * convergence diagnostics.
 *
 * @param name the parameter's name in the literature ({@code r}, {@code alpha}, ...)
 * @param mean the posterior mean
 * @param standardDeviation the posterior standard deviation
 * @param lower the 2.5 % quantile (type 7, linear interpolation between order statistics)
 * @param upper the 97.5 % quantile
 * @param rhat rank-normalised split R-hat, the "bulk" R-hat of Vehtari, Gelman, Simpson, Carpenter
 *     &amp; Bürkner (2021), Bayesian Analysis 16(2): the split R-hat of Gelman et al. (2013),
 *     <i>Bayesian Data Analysis</i>, 3rd ed., eq. 11.3–11.4, on the draws' normal scores; values
 *     near 1 (below 1.05) say the chains agree
 * @param effectiveSampleSize the bulk effective sample size over all chains (BDA3 eq. 11.5–11.8,
 *     Geyer's initial monotone sequence, on the normal scores)
 */
public record PosteriorSummary(
    String name,
    double mean,
    double standardDeviation,
    double lower,
    double upper,
    double rhat,
    double effectiveSampleSize)
    implements java.io.Serializable {

  /** Validates finiteness and order. */
  public PosteriorSummary {
    Checks.notNull("name", name);
    Checks.finite(name + " mean", mean);
    Checks.nonNegative(name + " standardDeviation", standardDeviation);
    Checks.finite(name + " lower", lower);
    Checks.finite(name + " upper", upper);
    Checks.atMost(name + " lower", lower, name + " upper", upper);
    Checks.nonNegative(name + " rhat", rhat);
    Checks.nonNegative(name + " effectiveSampleSize", effectiveSampleSize);
  }

  /** The Monte Carlo standard error of the mean: standardDeviation / sqrt(effectiveSampleSize). */
  public double monteCarloStandardError() {
    return standardDeviation / Math.sqrt(effectiveSampleSize);
  }
}
