package org.clvkit.models.ggomnbd;

import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the Gamma-Gompertz/NBD by maximum likelihood (Bemmaor &amp; Glady 2012; CLVTools' {@code
 * ggomnbd}). Immutable and reusable: configure it with the {@code with…} methods, each returning a
 * new fitter.
 *
 * <p>The fit maximises the log-likelihood over distinct (x, t_x, T) patterns, over log-parameters
 * with the analytic gradient (each pattern's integral and its five derivatives on one adaptive
 * Gauss–Kronrod subdivision), in a time unit that puts the largest age at 10 periods, from several
 * seeded starting points ({@link FitSettings}); standard errors come from the observed
 * information. When the data are better described by the Pareto/NBD (the limit b → 0 with β/b
 * fixed, as on CDNOW) the likelihood has no interior maximum: the fit then fails with a message
 * naming the parameter that ran off (or is returned flagged with {@code
 * withAllowNonConverged(true)}).
 */
public final class GgompertzNbdFitter {
  private final FitSettings settings;

  private GgompertzNbdFitter(FitSettings settings) {
    this.settings = Checks.notNull("settings", settings);
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static GgompertzNbdFitter create() {
    return new GgompertzNbdFitter(FitSettings.DEFAULT);
  }

  /** The settings this fitter uses. */
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  public GgompertzNbdFitter withSettings(FitSettings value) {
    return new GgompertzNbdFitter(value);
  }

  /** This fitter with an L2 penalty λ on the parameters (see {@link FitSettings#penalty()}). */
  public GgompertzNbdFitter withPenalty(double value) {
    return new GgompertzNbdFitter(settings.withPenalty(value));
  }

  /** This fitter with another number of starting points. */
  public GgompertzNbdFitter withStarts(int value) {
    return new GgompertzNbdFitter(settings.withStarts(value));
  }

  /** This fitter with another seed for the perturbed starting points. */
  public GgompertzNbdFitter withSeed(long value) {
    return new GgompertzNbdFitter(settings.withSeed(value));
  }

  /** This fitter with another iteration cap per starting point. */
  public GgompertzNbdFitter withMaxIterations(int value) {
    return new GgompertzNbdFitter(settings.withMaxIterations(value));
  }

  /** This fitter returning (true) or throwing on (false) fits that did not converge. */
  public GgompertzNbdFitter withAllowNonConverged(boolean value) {
    return new GgompertzNbdFitter(settings.withAllowNonConverged(value));
  }

  /**
   * The log-likelihood this fitter maximises, on {@code data} compressed to patterns, as a function
   * of the parameters {@code r, alpha, b, s, beta} in the data's units.
   *
   * @param data customer histories, raw or compressed, with weights
   */
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ModelFitting.logLikelihood(new GgompertzNbdLikelihood(Checks.notNull("data", data), 1.0));
  }

  /**
   * Fits the model.
   *
   * @param data customer histories, raw or compressed, with weights
   * @return the fitted model, its {@link GgompertzNbdModel#fitReport()} holding estimates and diagnostics
   * @throws FitFailedException when the fit fails and the settings do not allow that
   */
  public GgompertzNbdModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    ModelFitting.Outcome outcome =
        ModelFitting.fit(new GgompertzNbdLikelihood(data, timeScale), timeScale, settings);
    return GgompertzNbdModel.fitted(GgompertzNbdParameters.of(outcome.parameters()), outcome.report());
  }

  /**
   * Fits the model to one row per customer; see {@link CustomerHistories#of(double[], double[],
   * double[])} for the rules.
   */
  public GgompertzNbdModel fit(double[] frequency, double[] recency, double[] age) {
    return fit(CustomerHistories.of(frequency, recency, age));
  }

  /** Fits the model to patterns with the number of customers sharing each. */
  public GgompertzNbdModel fit(double[] frequency, double[] recency, double[] age, double[] weights) {
    return fit(CustomerHistories.of(frequency, recency, age, weights));
  }
}
