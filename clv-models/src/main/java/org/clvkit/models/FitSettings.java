package org.clvkit.models;

import org.clvkit.core.Checks;

/**
 * Settings shared by every maximum-likelihood fitter. Fitters hold one and offer {@code with…} methods
 * that return a new fitter; the defaults suit data sets from a few hundred to millions of customers.
 *
 * @param penalty L2 penalty coefficient λ: the fit maximises {@code LL − λ Σ θ²} over the parameters θ
 *     in the caller's time unit; 0 (the default) for plain maximum likelihood
 * @param starts number of starting points (the model's default start plus seeded perturbations of it), &gt;= 1
 * @param seed seed of the perturbed starting points, so that fits are reproducible
 * @param maxIterations iteration cap per starting point, &gt; 0
 * @param allowNonConverged when true a fit that did not converge is returned, flagged in its {@link
 *     FitReport}, instead of throwing {@link FitFailedException}
 */
public record FitSettings(
    double penalty, int starts, long seed, int maxIterations, boolean allowNonConverged)
    implements java.io.Serializable {

  /** Plain maximum likelihood, 3 starting points, seed 42, 1000 iterations, failures throw. */
  public static final FitSettings DEFAULT = new FitSettings(0.0, 3, 42L, 1000, false);

  /** Validates the settings. */
  public FitSettings {
    Checks.nonNegative("penalty", penalty);
    Checks.positive("starts", starts);
    Checks.positive("maxIterations", maxIterations);
  }

  /** These settings with another penalty. */
  public FitSettings withPenalty(double value) {
    return new FitSettings(value, starts, seed, maxIterations, allowNonConverged);
  }

  /** These settings with another number of starting points. */
  public FitSettings withStarts(int value) {
    return new FitSettings(penalty, value, seed, maxIterations, allowNonConverged);
  }

  /** These settings with another seed. */
  public FitSettings withSeed(long value) {
    return new FitSettings(penalty, starts, value, maxIterations, allowNonConverged);
  }

  /** These settings with another iteration cap. */
  public FitSettings withMaxIterations(int value) {
    return new FitSettings(penalty, starts, seed, value, allowNonConverged);
  }

  /** These settings, returning (true) or throwing on (false) a fit that did not converge. */
  public FitSettings withAllowNonConverged(boolean value) {
    return new FitSettings(penalty, starts, seed, maxIterations, value);
  }
}
