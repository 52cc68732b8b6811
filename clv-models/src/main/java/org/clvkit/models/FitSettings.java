package org.clvkit.models;

import org.clvkit.core.Checks;

/**
 * Settings shared by every maximum-likelihood fitter. Fitters hold one and offer {@code with…}
 * methods that return a new fitter; the defaults suit data sets from a few hundred to millions of
 * customers.
 *
 * @param penalty L2 penalty coefficient λ: the fit maximises {@code LL − λ Σ θ²} over the
 *     parameters θ in the caller's time unit; 0 (the default) for plain maximum likelihood
 * @param starts number of starting points (the model's default start plus seeded perturbations of
 *     it), &gt;= 1
 * @param seed seed of the perturbed starting points, so that fits are reproducible
 * @param maxIterations iteration cap per starting point, &gt; 0
 * @param allowNonConverged when true a fit that did not converge is returned, flagged in its {@link
 *     FitReport}, instead of throwing {@link FitFailedException}
 * @param sampleFrom the least number of distinct patterns from which the starting points are
 *     searched on a seeded sample of the patterns (then refined on all of them), &gt; 0; {@link
 *     Integer#MAX_VALUE} never samples
 * @param sampleSize the expected number of patterns in that sample, &gt; 0
 */
public record FitSettings(
    double penalty,
    int starts,
    long seed,
    int maxIterations,
    boolean allowNonConverged,
    int sampleFrom,
    int sampleSize)
    implements java.io.Serializable {

  /** Default least number of patterns for a starting-point sample. */
  public static final int SAMPLE_FROM = 50_000;

  /**
   * Default number of patterns in a starting-point sample: the sample search then costs about as
   * much as 5 to 10 evaluations on all the patterns, and the refinement on all of them gives the
   * full search's log-likelihood to 1e-9.
   */
  public static final int SAMPLE_SIZE = 5_000;

  /**
   * Plain maximum likelihood, 3 starting points, seed 42, 1000 iterations, failures throw, starting
   * points searched on a 5,000-pattern sample from 50,000 patterns on.
   */
  public static final FitSettings DEFAULT =
      new FitSettings(0.0, 3, 42L, 1000, false, SAMPLE_FROM, SAMPLE_SIZE);

  /** Settings with the default starting-point sample. */
  public FitSettings(
      double penalty, int starts, long seed, int maxIterations, boolean allowNonConverged) {
    this(penalty, starts, seed, maxIterations, allowNonConverged, SAMPLE_FROM, SAMPLE_SIZE);
  }

  /** Validates the settings. */
  public FitSettings {
    Checks.nonNegative("penalty", penalty);
    Checks.positive("starts", starts);
    Checks.positive("maxIterations", maxIterations);
    Checks.positive("sampleFrom", sampleFrom);
    Checks.positive("sampleSize", sampleSize);
  }

  /**
   * These settings searching starting points on a sample of about {@code size} patterns when the
   * data have at least {@code from} distinct patterns.
   */
  public FitSettings withStartingPointSample(int from, int size) {
    return new FitSettings(penalty, starts, seed, maxIterations, allowNonConverged, from, size);
  }

  /** These settings searching starting points on all the patterns, however many. */
  public FitSettings withoutStartingPointSample() {
    return withStartingPointSample(Integer.MAX_VALUE, 1);
  }

  /** These settings with another penalty. */
  public FitSettings withPenalty(double value) {
    return new FitSettings(
        value, starts, seed, maxIterations, allowNonConverged, sampleFrom, sampleSize);
  }

  /** These settings with another number of starting points. */
  public FitSettings withStarts(int value) {
    return new FitSettings(
        penalty, value, seed, maxIterations, allowNonConverged, sampleFrom, sampleSize);
  }

  /** These settings with another seed. */
  public FitSettings withSeed(long value) {
    return new FitSettings(
        penalty, starts, value, maxIterations, allowNonConverged, sampleFrom, sampleSize);
  }

  /** These settings with another iteration cap. */
  public FitSettings withMaxIterations(int value) {
    return new FitSettings(penalty, starts, seed, value, allowNonConverged, sampleFrom, sampleSize);
  }

  /** These settings, returning (true) or throwing on (false) a fit that did not converge. */
  public FitSettings withAllowNonConverged(boolean value) {
    return new FitSettings(penalty, starts, seed, maxIterations, value, sampleFrom, sampleSize);
  }
}
