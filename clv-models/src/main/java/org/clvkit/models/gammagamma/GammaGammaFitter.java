package org.clvkit.models.gammagamma;

import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the Gamma-Gamma model of monetary value by maximum likelihood (Fader and Hardie 2013, "The
 * Gamma-Gamma model of monetary value", the marginal density of m̄ given x) on the repeat
 * customers' number of transactions x and mean transaction value m̄. Immutable and reusable; {@code
 * with…} methods return a new fitter.
 *
 * <p>Only repeat customers carry information on spend: rows with frequency 0 or monetary value 0
 * (or weight 0) are left out and their number is reported by {@link
 * GammaGammaModel#customersLeftOut()}. Identical (x, m̄) rows are compressed to one pattern with
 * their weights summed, which gives the same fit. The optimisation runs over log-parameters with
 * money rescaled to the data's geometric mean spend, γ mapped back to the caller's money; standard
 * errors, diagnostics and failures follow {@link FitSettings} and {@link
 * org.clvkit.models.FitReport}.
 *
 * <pre>{@code
 * GammaGammaModel spend = GammaGammaFitter.create().fit(frequency, monetaryValue);
 * double expected = spend.conditionalExpectedSpend(2, 22.35);
 * }</pre>
 *
 * <p>The model assumes spend is independent of purchase frequency; check with {@link
 * FrequencySpendCorrelation#of(double[], double[])} before relying on it.
 */
public final class GammaGammaFitter implements Fitter<GammaGammaModel> {
  private final FitSettings settings;
  private final Executor executor;

  private GammaGammaFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  @Override
  public ModelType<GammaGammaModel> type() {
    return GammaGammaModel.TYPE;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static GammaGammaFitter create() {
    return new GammaGammaFitter(FitSettings.DEFAULT, null);
  }

  /** The settings of this fitter. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public GammaGammaFitter withSettings(FitSettings value) {
    return new GammaGammaFitter(value, executor);
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
  public GammaGammaFitter withExecutor(Executor value) {
    return new GammaGammaFitter(settings, value);
  }

  /** The executor of the likelihood evaluations, or null for the calling thread. */
  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * Fits the model on one row per customer.
   *
   * @param frequency repeat transactions x per customer, whole numbers &gt;= 0
   * @param monetaryValue mean value m̄ of each customer's repeat transactions, finite and &gt;= 0
   * @throws org.clvkit.core.ClvArgumentException for bad input or when no row has frequency &gt; 0
   *     and monetary value &gt; 0
   * @throws org.clvkit.models.FitFailedException when the fit did not converge (unless allowed)
   */
  public GammaGammaModel fit(double[] frequency, double[] monetaryValue) {
    return fit(SpendPatterns.of(frequency, monetaryValue, null));
  }

  /**
   * Fits the model on rows that each stand for {@code weights[i]} customers with the same history.
   *
   * @param frequency repeat transactions x per row, whole numbers &gt;= 0
   * @param monetaryValue mean value m̄ of the repeat transactions per row, finite and &gt;= 0
   * @param weights number of customers per row, finite and &gt;= 0
   * @throws org.clvkit.core.ClvArgumentException for bad input or when no row has frequency &gt; 0,
   *     monetary value &gt; 0 and weight &gt; 0
   * @throws org.clvkit.models.FitFailedException when the fit did not converge (unless allowed)
   */
  public GammaGammaModel fit(double[] frequency, double[] monetaryValue, double[] weights) {
    Checks.notNull("weights", weights);
    return fit(SpendPatterns.of(frequency, monetaryValue, weights));
  }

  /**
   * Fits the model on the frequency and monetary-value columns of {@code data} with its weights
   * (rows without repeat purchases or spend are left out and counted in {@link
   * GammaGammaModel#customersLeftOut()}).
   *
   * @param data histories with a monetary-value column ({@link
   *     CustomerHistories#withMonetaryValue}, or {@link CustomerHistories#of(
   *     org.clvkit.core.data.CustomerSummaries)})
   * @throws org.clvkit.core.ClvArgumentException for bad input, a missing monetary-value column or
   *     when no row has frequency &gt; 0 and monetary value &gt; 0
   * @throws org.clvkit.models.FitFailedException when the fit did not converge (unless allowed)
   */
  @Override
  public GammaGammaModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    return fit(data.frequencyColumn(), data.monetaryValueColumn(), data.weightColumn());
  }

  /**
   * The log-likelihood this fitter maximises on the frequency, monetary-value and weight columns of
   * {@code data}; see {@link #logLikelihood(double[], double[])}.
   *
   * @param data histories with a monetary-value column
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    return ModelFitting.logLikelihood(
        new GammaGammaLikelihood(
            SpendPatterns.of(
                data.frequencyColumn(), data.monetaryValueColumn(), data.weightColumn()),
            executor));
  }

  /**
   * The log-likelihood this fitter maximises, in the caller's money, on the rows with frequency
   * &gt; 0 and monetary value &gt; 0 compressed to distinct (x, m̄) patterns, as a function of (p,
   * q, γ); evaluated on this fitter's executor.
   *
   * @param frequency repeat transactions x per customer, whole numbers &gt;= 0
   * @param monetaryValue mean value m̄ of each customer's repeat transactions, finite and &gt;= 0
   */
  public LogLikelihood logLikelihood(double[] frequency, double[] monetaryValue) {
    return ModelFitting.logLikelihood(
        new GammaGammaLikelihood(SpendPatterns.of(frequency, monetaryValue, null), executor));
  }

  private GammaGammaModel fit(SpendPatterns data) {
    ModelFitting.Outcome outcome =
        ModelFitting.fit(new GammaGammaLikelihood(data, executor), data.meanSpend, settings);
    double[] theta = outcome.parameters();
    return new GammaGammaModel(
        new GammaGammaParameters(theta[0], theta[1], theta[2]), outcome.report(), data.leftOut);
  }
}
