package org.clvkit.models;

import java.util.concurrent.Executor;

/**
 * Fits a model of type {@code M} to customer histories by maximum likelihood. Every clvkit fitter
 * implements it: immutable, reusable and thread-safe, configured by one {@link FitSettings} and an
 * optional {@link Executor}, each {@code with…} method returning a new fitter. A fitter is a
 * different object from the immutable model it produces (as in Tribuo).
 *
 * <pre>{@code
 * Fitter<BgNbdModel> fitter =
 *     BgNbdFitter.create().withSettings(FitSettings.DEFAULT.withStarts(5).withPenalty(0.01));
 * BgNbdModel model = fitter.fit(CustomerHistories.of(frequency, recency, age));
 * }</pre>
 *
 * @param <M> the model type it produces
 */
public interface Fitter<M extends Model> {

  /** The type of model this fitter produces. */
  ModelType<M> type();

  /** The settings this fitter uses. */
  FitSettings settings();

  /** This fitter with other settings. */
  Fitter<M> withSettings(FitSettings settings);

  /** The executor of the likelihood evaluations, or null for the calling thread. */
  Executor executor();

  /**
   * This fitter evaluating the log-likelihood in parallel on {@code executor}: the patterns are
   * summed in fixed chunks whose partial sums are added in chunk order, so the fit is the same, bit
   * for bit, with or without an executor. The fitter starts no threads; the caller owns the
   * executor and shuts it down. Fitters whose likelihood is too small to split ignore it.
   *
   * @param executor where the chunks run, or null (the default) for the calling thread
   */
  Fitter<M> withExecutor(Executor executor);

  /**
   * Fits the model.
   *
   * @param data customer histories, raw or compressed, with weights and the columns the model needs
   *     (see the model's fitter)
   * @return the fitted model, its {@link Model#fitReport()} holding estimates and diagnostics
   * @throws FitFailedException when the fit fails and the settings do not allow that
   * @throws org.clvkit.core.ClvArgumentException when the data are outside the model's domain
   */
  M fit(CustomerHistories data);

  /**
   * The log-likelihood this fitter maximises on {@code data}, as a function of the parameters in
   * the data's units, set up once (patterns compressed, tables built) for repeated evaluation.
   *
   * @param data customer histories as for {@link #fit(CustomerHistories)}
   */
  LogLikelihood logLikelihood(CustomerHistories data);
}
