package org.clvkit.models.cnbd;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;

/**
 * Fits the MBG/CNBD-k by maximum likelihood as BTYDplus's {@code mbgcnbd.EstimateParameters} does:
 * r, α, a, b by maximum likelihood at each k = 1, 2, … up to k_max (default {@value
 * #DEFAULT_MAX_K}, as BTYDplus), stopping early once the log-likelihood fell twice in a row, and
 * the k with the largest log-likelihood kept. Choosing k needs each customer's litt (the sum of the
 * log inter-purchase times, in the data's period): give it to {@link #fit(CustomerHistories,
 * double[])}, or fix k with {@link #withK(int)}. At a fixed k litt only adds a constant and may be
 * left out (as BTYDplus allows); the reported log-likelihood then leaves out (k−1)·Σ litt.
 *
 * <p>The maximisation is {@code ModelFitting}'s, as for the other models: log-parameters with an
 * analytic gradient, time rescaled so that the largest age is 10 periods, several seeded starts
 * ({@link FitSettings}), standard errors from the observed information. The report's estimates
 * start with k, chosen over the grid (or fixed) rather than estimated: it has no standard error,
 * and the report holds 0 with the interval [k, k]. Immutable and reusable.
 *
 * <p>With an executor ({@link #withExecutor}) the fits at the several k of the grid run as tasks on
 * it, and a fit at a fixed k sums its likelihood over chunks of patterns on it; the results are
 * bit-identical with and without it. The fitter starts no threads; the caller owns the executor.
 *
 * <pre>{@code
 * MbgCnbdModel model = MbgCnbdFitter.create().fit(histories, litt);
 * System.out.println(model.k() + "\n" + model.fitReport().orElseThrow().summaryTable());
 * }</pre>
 */
public final class MbgCnbdFitter implements LittFitter<MbgCnbdModel> {
  /** The largest k searched by default: 12, BTYDplus's grid. */
  public static final int DEFAULT_MAX_K = 12;

  private final FitSettings settings;
  private final Executor executor;
  private final int k;
  private final int maxK;

  private MbgCnbdFitter(FitSettings settings, Executor executor, int k, int maxK) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
    this.k = k;
    this.maxK = maxK;
  }

  /** A fitter choosing k in 1..12 with {@link FitSettings#DEFAULT}. */
  public static MbgCnbdFitter create() {
    return new MbgCnbdFitter(FitSettings.DEFAULT, null, 0, DEFAULT_MAX_K);
  }

  /** {@code MbgCnbdModel.TYPE}. */
  @Override
  public ModelType<MbgCnbdModel> type() {
    return MbgCnbdModel.TYPE;
  }

  @Override
  public FitSettings settings() {
    return settings;
  }

  @Override
  public MbgCnbdFitter withSettings(FitSettings value) {
    return new MbgCnbdFitter(value, executor, k, maxK);
  }

  /** The executor of the fits at the several k and of the likelihood's chunks, or null. */
  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * This fitter running its work on {@code value} (null for the calling thread): the fits at the
   * several k of the grid as tasks, or the chunks of the likelihood at a fixed k; bit-identical
   * results with and without it.
   */
  @Override
  public MbgCnbdFitter withExecutor(Executor value) {
    return new MbgCnbdFitter(settings, value, k, maxK);
  }

  /** True unless k is fixed ({@link #withK}): choosing k needs litt. */
  @Override
  public boolean needsLitt() {
    return k == 0;
  }

  /** The fixed k, or 0 when k is chosen over 1..{@link #maxK()}. */
  public int k() {
    return k;
  }

  /** The largest k the search tries. */
  public int maxK() {
    return maxK;
  }

  /**
   * This fitter with k fixed (no search; litt optional).
   *
   * @param value a whole number in [1, 100]
   */
  public MbgCnbdFitter withK(int value) {
    checkK("k", value);
    return new MbgCnbdFitter(settings, executor, value, maxK);
  }

  /**
   * This fitter choosing k in 1..{@code value}.
   *
   * @param value a whole number in [1, 100]
   */
  public MbgCnbdFitter withMaxK(int value) {
    checkK("maxK", value);
    return new MbgCnbdFitter(settings, executor, 0, value);
  }

  static void checkK(String name, int value) {
    if (value < 1 || value > CnbdParameters.MAX_K) {
      throw Checks.fail(
          "%s must be a whole number in [1, %d], was %d", name, CnbdParameters.MAX_K, value);
    }
  }

  /**
   * Fits the model: with the histories' litt column when they carry one ({@link
   * CustomerHistories#hasLitt()}, as {@code CustomerHistories.of(summaries)} attaches it), as
   * {@link #fit(CustomerHistories, double[])}; otherwise at the fixed k.
   *
   * @param data customer histories, raw or compressed, with weights
   * @throws org.clvkit.core.ClvArgumentException when k is to be chosen (no {@link #withK}) and the
   *     histories carry no litt column
   * @throws FitFailedException when the fit fails and the settings do not allow that
   */
  @Override
  public MbgCnbdModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    if (data.hasLitt()) {
      return fit(data, data.littColumn());
    }
    if (k == 0) {
      throw CnbdFitting.missingLitt(MbgCnbdModel.TYPE.id());
    }
    return build(CnbdFitting.fitAt(MbgCnbdModel.NAME, 1, k, data, 0.0, settings, executor));
  }

  /**
   * Fits the model, choosing k unless it is fixed.
   *
   * @param data customer histories, raw or compressed, with weights
   * @param litt one value per row of {@code data}: the sum of the logarithms of the customer's x
   *     inter-purchase times in the data's period (for a compressed row, the mean over its
   *     customers); finite, 0 when x = 0
   * @throws FitFailedException when the fit at k = 1 (or at the fixed k) fails and the settings do
   *     not allow that
   */
  @Override
  public MbgCnbdModel fit(CustomerHistories data, double[] litt) {
    Checks.notNull("data", data);
    if (k != 0) {
      return build(
          CnbdFitting.fitAt(
              MbgCnbdModel.NAME, 1, k, data, CnbdFitting.littSum(data, litt), settings, executor));
    }
    return build(CnbdFitting.fitBest(MbgCnbdModel.NAME, 1, maxK, data, litt, settings, executor));
  }

  private static MbgCnbdModel build(CnbdFitting.Fit fit) {
    return MbgCnbdModel.fitted(fit.parameters(), fit.report());
  }

  /**
   * The log-likelihood over {@code k, r, alpha, a, b} without the litt term (see {@link
   * MbgCnbdModel#logLikelihood(double, double, double)}); the gradient's k entry is 0.
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return CnbdFitting.logLikelihood(MbgCnbdModel.NAME, 1, data, 0.0);
  }

  /** The full log-likelihood over {@code k, r, alpha, a, b}, with one litt per row. */
  public LogLikelihood logLikelihood(CustomerHistories data, double[] litt) {
    Checks.notNull("data", data);
    return CnbdFitting.logLikelihood(MbgCnbdModel.NAME, 1, data, CnbdFitting.littSum(data, litt));
  }
}
