package org.clvkit.models.bgnbd;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.internal.BgNbdLikelihood;
import org.clvkit.models.internal.BgNbdProblem;
import org.clvkit.models.internal.ModelFitting;
import org.clvkit.models.mbgnbd.MbgNbdFitter;

/**
 * Fits a model of the {@link BgNbdFamilyModel BG/NBD family} by maximum likelihood: the one
 * implementation behind {@link BgNbdFitter} and {@link MbgNbdFitter}. Immutable and reusable:
 * configure it with the {@code with…} methods, each returning a new fitter, then call {@link
 * #fit(CustomerHistories)} as often as needed.
 *
 * <p>The fit runs on the distinct (frequency, recency, age) patterns ({@link
 * CustomerHistories#compressed()}) with the number of customers per pattern as weight, which gives
 * the same estimates as the raw rows. It maximises the model's log-likelihood (see the model class)
 * over log-parameters with an analytic gradient, in a time unit that puts the largest age at 10
 * periods, from several seeded starting points ({@link FitSettings}); standard errors come from the
 * observed information. A fit that does not converge, ends on a bound or runs off to absurd values
 * throws {@link FitFailedException} (or is returned flagged, with {@code
 * withAllowNonConverged(true)}).
 *
 * @param <M> the model it produces
 */
public abstract sealed class BgNbdFamilyFitter<M extends BgNbdFamilyModel<?>> implements Fitter<M>
    permits BgNbdFitter, MbgNbdFitter {
  private final FitSettings settings;
  private final Executor executor;

  /**
   * A fitter with these settings and executor. Only the two permitted subclasses call it.
   *
   * @param settings the settings, not null
   * @param executor where the likelihood's chunks run, or null for the calling thread
   */
  protected BgNbdFamilyFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  /** The settings this fitter uses. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** The executor of the likelihood evaluations, or null for the calling thread. */
  @Override
  public Executor executor() {
    return executor;
  }

  /** The likelihood of the parameterisation on {@code patterns}, on this fitter's executor. */
  private BgNbdProblem problem(CustomerHistories patterns, double timeScale) {
    BgNbdLikelihood likelihood =
        this instanceof MbgNbdFitter
            ? BgNbdLikelihood.mbgNbd(patterns, executor)
            : BgNbdLikelihood.bgNbd(patterns, executor);
    return new BgNbdProblem(type().name(), likelihood, timeScale);
  }

  /**
   * The log-likelihood this fitter maximises, on {@code data} compressed to patterns, as a function
   * of the parameters in the data's units; evaluated on this fitter's executor.
   *
   * @param data customer histories, raw or compressed, with weights
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    CustomerHistories patterns = Checks.notNull("data", data).compressed();
    return ModelFitting.logLikelihood(problem(patterns, 1.0));
  }

  /**
   * Fits the model.
   *
   * @param data customer histories, raw or compressed, with weights
   * @return the fitted model, its {@link BgNbdFamilyModel#fitReport()} holding estimates and
   *     diagnostics
   * @throws FitFailedException when the fit fails and the settings do not allow that
   */
  @Override
  public M fit(CustomerHistories data) {
    CustomerHistories patterns = Checks.notNull("data", data).compressed();
    double timeScale = ModelFitting.defaultTimeScale(patterns.maxAge());
    ModelFitting.Outcome outcome =
        ModelFitting.fit(problem(patterns, timeScale), timeScale, settings);
    return type().restore(outcome.parameters(), outcome.report(), new double[0]);
  }

  /**
   * Fits the model to one row per customer; see {@link CustomerHistories#of(double[], double[],
   * double[])} for the rules.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  public M fit(double[] frequency, double[] recency, double[] age) {
    return fit(CustomerHistories.of(frequency, recency, age));
  }

  /**
   * Fits the model to patterns with the number of customers sharing each.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @param weights number of customers with that pattern
   */
  public M fit(double[] frequency, double[] recency, double[] age, double[] weights) {
    return fit(CustomerHistories.of(frequency, recency, age, weights));
  }
}
