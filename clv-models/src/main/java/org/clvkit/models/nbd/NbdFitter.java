package org.clvkit.models.nbd;

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
 * Fits the NBD by maximum likelihood (BTYDplus's {@code nbd.EstimateParameters}; Fader &amp; Hardie
 * 2004, note 005, section 3). Immutable and reusable: configure it with the {@code with…} methods,
 * each returning a new fitter.
 *
 * <p>The fit maximises {@link NbdModel#logLikelihood(double, double, double)} summed over the
 * customers, over log-parameters with an analytic gradient, in a time unit that puts the largest
 * age at 10 periods, from several seeded starting points ({@link FitSettings}); the data are first
 * reduced to distinct (x, T) pairs. Standard errors come from the observed information. Only the
 * frequency and the age of each history enter.
 *
 * <pre>{@code
 * NbdModel model = NbdFitter.create().fit(frequency, recency, age);
 * System.out.println(model.fitReport().orElseThrow().summaryTable());
 * }</pre>
 */
public final class NbdFitter implements Fitter<NbdModel> {
  private final FitSettings settings;
  private final Executor executor;

  private NbdFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static NbdFitter create() {
    return new NbdFitter(FitSettings.DEFAULT, null);
  }

  /** {@code NbdModel.TYPE}. */
  @Override
  public ModelType<NbdModel> type() {
    return NbdModel.TYPE;
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
  public NbdFitter withExecutor(Executor value) {
    return new NbdFitter(settings, value);
  }

  /** The settings this fitter uses. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public NbdFitter withSettings(FitSettings value) {
    return new NbdFitter(value, executor);
  }

  /**
   * The log-likelihood this fitter maximises, on {@code data} reduced to distinct (x, T) pairs, as
   * a function of the parameters {@code r, alpha} in the data's units.
   *
   * @param data customer histories, raw or compressed, with weights
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ModelFitting.logLikelihood(new NbdLikelihood(Checks.notNull("data", data), 1.0));
  }

  /**
   * Fits the model.
   *
   * @param data customer histories, raw or compressed, with weights
   * @return the fitted model, its {@link NbdModel#fitReport()} holding estimates and diagnostics
   * @throws FitFailedException when the fit fails and the settings do not allow that (for example
   *     when nobody bought again: the likelihood then rises without bound as α → ∞)
   */
  @Override
  public NbdModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    ModelFitting.Outcome outcome =
        ModelFitting.fit(new NbdLikelihood(data, timeScale), timeScale, settings);
    return NbdModel.fitted(NbdParameters.of(outcome.parameters()), outcome.report());
  }

  /**
   * Fits the model to one row per customer; see {@link CustomerHistories#of(double[], double[],
   * double[])} for the rules.
   */
  public NbdModel fit(double[] frequency, double[] recency, double[] age) {
    return fit(CustomerHistories.of(frequency, recency, age));
  }

  /** Fits the model to patterns with the number of customers sharing each. */
  public NbdModel fit(double[] frequency, double[] recency, double[] age, double[] weights) {
    return fit(CustomerHistories.of(frequency, recency, age, weights));
  }
}
