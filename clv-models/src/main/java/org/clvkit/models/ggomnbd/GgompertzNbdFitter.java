package org.clvkit.models.ggomnbd;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the Gamma-Gompertz/NBD by maximum likelihood (Bemmaor &amp; Glady 2012; CLVTools' {@code
 * ggomnbd}). Immutable and reusable: configure it with the {@code with…} methods, each returning a
 * new fitter.
 *
 * <p>The fit maximises the log-likelihood over distinct (x, t_x, T) patterns, over log-parameters
 * with the analytic gradient (each pattern's integral and its five derivatives on one adaptive
 * Gauss–Kronrod subdivision), in a time unit that puts the largest age at 10 periods, from several
 * seeded starting points ({@link FitSettings}); standard errors come from the observed information.
 * When the data are better described by the Pareto/NBD (the limit b → 0 with β/b fixed, as on
 * CDNOW) the likelihood has no interior maximum: the fit then fails with a message naming the
 * parameter that ran off (or is returned flagged with {@code withAllowNonConverged(true)}).
 */
public final class GgompertzNbdFitter implements Fitter<GgompertzNbdModel> {
  private final FitSettings settings;
  private final Executor executor;

  private GgompertzNbdFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static GgompertzNbdFitter create() {
    return new GgompertzNbdFitter(FitSettings.DEFAULT, null);
  }

  /** {@code GgompertzNbdModel.TYPE}. */
  @Override
  public ModelType<GgompertzNbdModel> type() {
    return GgompertzNbdModel.TYPE;
  }

  /**
   * The executor given to {@link #withExecutor}, or null. This model's likelihood is small enough
   * (distinct patterns of one cohort) that it is always evaluated in the calling thread.
   */
  @Override
  public Executor executor() {
    return executor;
  }

  /** This fitter remembering {@code value}; the likelihood still runs in the calling thread. */
  @Override
  public GgompertzNbdFitter withExecutor(Executor value) {
    return new GgompertzNbdFitter(settings, value);
  }

  /** The settings this fitter uses. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public GgompertzNbdFitter withSettings(FitSettings value) {
    return new GgompertzNbdFitter(value, executor);
  }

  /**
   * The log-likelihood this fitter maximises, on {@code data} compressed to patterns, as a function
   * of the parameters {@code r, alpha, b, s, beta} in the data's units.
   *
   * @param data customer histories, raw or compressed, with weights
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ModelFitting.logLikelihood(
        new GgompertzNbdLikelihood(Checks.notNull("data", data), 1.0));
  }

  /**
   * Fits the model.
   *
   * @param data customer histories, raw or compressed, with weights
   * @return the fitted model, its {@link GgompertzNbdModel#fitReport()} holding estimates and
   *     diagnostics
   * @throws FitFailedException when the fit fails and the settings do not allow that
   */
  @Override
  public GgompertzNbdModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    ModelFitting.Outcome outcome =
        ModelFitting.fit(new GgompertzNbdLikelihood(data, timeScale), timeScale, settings);
    return GgompertzNbdModel.fitted(
        GgompertzNbdParameters.of(outcome.parameters()), outcome.report());
  }

  /**
   * Fits the model to one row per customer; see {@link CustomerHistories#of(double[], double[],
   * double[])} for the rules.
   */
  public GgompertzNbdModel fit(double[] frequency, double[] recency, double[] age) {
    return fit(CustomerHistories.of(frequency, recency, age));
  }

  /** Fits the model to patterns with the number of customers sharing each. */
  public GgompertzNbdModel fit(
      double[] frequency, double[] recency, double[] age, double[] weights) {
    return fit(CustomerHistories.of(frequency, recency, age, weights));
  }
}
