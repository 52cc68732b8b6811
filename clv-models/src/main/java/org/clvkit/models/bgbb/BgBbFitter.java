package org.clvkit.models.bgbb;

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
 * Fits the BG/BB model by maximum likelihood (Fader, Hardie &amp; Shang 2010, eq. 5) over the
 * distinct (x, t_x, n) patterns of the data, weighted by the number of customers sharing each, from
 * the start α = β = γ = δ = 1 and seeded perturbations of it. Immutable and thread-safe; {@code
 * with…} methods return a new fitter.
 *
 * <p>Example, with the donor cohort of the paper in pattern form:
 *
 * <pre>{@code
 * BgBbModel model = BgBbFitter.create().fit(frequency, recency, periods, donors);
 * model.fitReport().orElseThrow().summaryTable(); // alpha 1.204, beta 0.750, gamma 0.657, ...
 * }</pre>
 */
public final class BgBbFitter implements Fitter<BgBbModel> {
  private final FitSettings settings;
  private final Executor executor;

  private BgBbFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  @Override
  public ModelType<BgBbModel> type() {
    return BgBbModel.TYPE;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static BgBbFitter create() {
    return new BgBbFitter(FitSettings.DEFAULT, null);
  }

  /** The settings. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public BgBbFitter withSettings(FitSettings value) {
    return new BgBbFitter(value, executor);
  }

  /**
   * The executor given to {@link #withExecutor}, or null; the likelihood sums too few terms to
   * split.
   */
  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * This fitter with an executor, kept for the {@link Fitter} contract and unused: see {@link
   * #executor()}.
   */
  @Override
  public BgBbFitter withExecutor(Executor value) {
    return new BgBbFitter(settings, value);
  }

  /**
   * The log-likelihood this fitter maximises, on {@code data} compressed to patterns, as a function
   * of the parameters in the data's units.
   *
   * @param data customer histories, raw or compressed, with weights
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    for (int i = 0; i < data.size(); i++) {
      BgBbModel.validateHistory(data.frequency(i), data.recency(i), data.age(i), i);
    }
    return ModelFitting.logLikelihood(new BgBbLikelihood(data.compressed()));
  }

  /**
   * Fits the model to histories (one row per customer or per pattern with weights). Every row must
   * be a discrete-time history (see {@link BgBbModel#validateHistory}); the fit runs on {@link
   * CustomerHistories#compressed()}.
   *
   * @param data frequency x, recency t_x and age n (opportunities) per row
   * @return the fitted model with its {@link org.clvkit.models.FitReport}
   * @throws FitFailedException when the fit did not converge and the settings do not allow that
   */
  @Override
  public BgBbModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    for (int i = 0; i < data.size(); i++) {
      BgBbModel.validateHistory(data.frequency(i), data.recency(i), data.age(i), i);
    }
    ModelFitting.Outcome outcome =
        ModelFitting.fit(new BgBbLikelihood(data.compressed()), 1.0, settings);
    return BgBbModel.fitted(BgBbParameters.of(outcome.parameters()), outcome.report());
  }

  /**
   * Fits the model to one history per customer.
   *
   * @param frequency purchases x per customer
   * @param recency opportunity of the last purchase t_x per customer
   * @param age number of opportunities n per customer
   */
  public BgBbModel fit(double[] frequency, double[] recency, double[] age) {
    return fit(CustomerHistories.of(frequency, recency, age));
  }

  /**
   * Fits the model to patterns with the number of customers sharing each.
   *
   * @param frequency purchases x per pattern
   * @param recency opportunity of the last purchase t_x per pattern
   * @param age number of opportunities n per pattern
   * @param weights number of customers with the pattern, finite and &gt;= 0
   */
  public BgBbModel fit(double[] frequency, double[] recency, double[] age, double[] weights) {
    return fit(CustomerHistories.of(frequency, recency, age, weights));
  }
}
