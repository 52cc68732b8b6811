package org.clvkit.models.mbgnbd;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.BgNbdLikelihood;
import org.clvkit.models.internal.BgNbdProblem;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the MBG/NBD by maximum likelihood. Immutable and reusable: configure it with the {@code
 * with…} methods, each returning a new fitter, then call {@link #fit(CustomerHistories)} as often
 * as needed.
 *
 * <p>The fit runs on the distinct (frequency, recency, age) patterns ({@link
 * CustomerHistories#compressed()}) with the number of customers per pattern as weight, which gives
 * the same estimates as the raw rows. It maximises the log-likelihood of Batislam, Denizel &amp;
 * Filiztekin (2007), as BTYDplus writes it ({@code mbgcnbd.LL} with k = 1), over log-parameters
 * with an analytic gradient, in a time unit that puts the largest age at 10 periods, from several
 * seeded starting points ({@link FitSettings}); standard errors come from the observed information.
 * A fit that does not converge, ends on a bound or runs off to absurd values throws {@link
 * FitFailedException} (or is returned flagged, with {@code withAllowNonConverged(true)}).
 *
 * <pre>{@code
 * MbgNbdModel model = MbgNbdFitter.create().fit(frequency, recency, age);
 * System.out.println(model.fitReport().orElseThrow().summaryTable());
 * }</pre>
 */
public final class MbgNbdFitter implements Fitter<MbgNbdModel> {
  private final FitSettings settings;
  private final Executor executor;

  private MbgNbdFitter(FitSettings settings, Executor executor) {
    this.settings = settings;
    this.executor = executor;
  }

  @Override
  public ModelType<MbgNbdModel> type() {
    return MbgNbdModel.TYPE;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static MbgNbdFitter create() {
    return new MbgNbdFitter(FitSettings.DEFAULT, null);
  }

  /** The settings this fitter uses. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public MbgNbdFitter withSettings(FitSettings value) {
    return new MbgNbdFitter(Checks.notNull("settings", value), executor);
  }

  /**
   * This fitter evaluating the log-likelihood in parallel on {@code value}: the patterns are summed
   * in fixed chunks whose partial sums are added in chunk order, so the fit is the same, bit for
   * bit, with or without an executor. The fitter starts no threads; the caller owns the executor (a
   * {@link java.util.concurrent.ForkJoinPool} or a fixed thread pool, say) and shuts it down.
   *
   * @param value where the chunks run, or null (the default) for the calling thread
   */
  @Override
  public MbgNbdFitter withExecutor(Executor value) {
    return new MbgNbdFitter(settings, value);
  }

  /** The executor of the likelihood evaluations, or null for the calling thread. */
  @Override
  public Executor executor() {
    return executor;
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
    return ModelFitting.logLikelihood(
        new BgNbdProblem("MBG/NBD", BgNbdLikelihood.mbgNbd(patterns, executor), 1.0));
  }

  /**
   * Fits the model.
   *
   * @param data customer histories, raw or compressed, with weights
   * @return the fitted model, its {@link MbgNbdModel#fitReport()} holding estimates and diagnostics
   * @throws FitFailedException when the fit fails and the settings do not allow that
   */
  @Override
  public MbgNbdModel fit(CustomerHistories data) {
    CustomerHistories patterns = Checks.notNull("data", data).compressed();
    double timeScale = ModelFitting.defaultTimeScale(patterns.maxAge());
    BgNbdProblem problem =
        new BgNbdProblem("MBG/NBD", BgNbdLikelihood.mbgNbd(patterns, executor), timeScale);
    ModelFitting.Outcome outcome = ModelFitting.fit(problem, timeScale, settings);
    return MbgNbdModel.fitted(MbgNbdParameters.of(outcome.parameters()), outcome.report());
  }

  /**
   * Fits the model to one row per customer; see {@link CustomerHistories#of(double[], double[],
   * double[])} for the rules.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  public MbgNbdModel fit(double[] frequency, double[] recency, double[] age) {
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
  public MbgNbdModel fit(double[] frequency, double[] recency, double[] age, double[] weights) {
    return fit(CustomerHistories.of(frequency, recency, age, weights));
  }
}
