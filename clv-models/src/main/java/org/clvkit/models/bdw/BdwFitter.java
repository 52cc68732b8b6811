package org.clvkit.models.bdw;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the beta-discrete-Weibull model by maximum likelihood (Fader, Hardie, Liu, Davin &amp;
 * Steenburgh 2018), from a cohort's survivor counts or from customers' observed lifetimes with
 * right censoring, over log-parameters with an analytic gradient, from the start α = β = c = 1 (the
 * sBG with a uniform churn parameter) and seeded perturbations of it. Standard errors come from the
 * observed information. Immutable and thread-safe; {@code with…} methods return a new fitter.
 *
 * <p>Example, Fader &amp; Hardie's (2007) "regular" segment, years 0 to 7 of a cohort of 1,000:
 *
 * <pre>{@code
 * BdwModel model = BdwFitter.create().fitSurvivors(1000, 631, 468, 382, 326, 289, 262, 241);
 * model.parameters();   // alpha 0.456, beta 0.779, c 1.283
 * }</pre>
 */
public final class BdwFitter implements Fitter<BdwModel> {
  private final FitSettings settings;
  private final Executor executor;

  private BdwFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static BdwFitter create() {
    return new BdwFitter(FitSettings.DEFAULT, null);
  }

  /** {@code BdwModel.TYPE}. */
  @Override
  public ModelType<BdwModel> type() {
    return BdwModel.TYPE;
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
  public BdwFitter withExecutor(Executor value) {
    return new BdwFitter(settings, value);
  }

  /**
   * Fits the model to contract histories in the shared customer columns, as {@link
   * org.clvkit.models.sbg.SbgFitter#fit(CustomerHistories)} reads them: row i made x = {@code
   * frequency} renewals in n = {@code age} opportunities (recency = x); x &lt; n means it churned
   * after x + 1 periods, x = n that it is still active after n.
   *
   * @param data contract histories: whole numbers, recency = frequency &lt;= age
   */
  @Override
  public BdwModel fit(CustomerHistories data) {
    return fit(new BdwLikelihood(ContractLifetimes.ofHistories(data)));
  }

  /**
   * The log-likelihood this fitter maximises on contract histories read as {@link
   * #fit(CustomerHistories)} reads them, as a function of (α, β, c).
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ModelFitting.logLikelihood(new BdwLikelihood(ContractLifetimes.ofHistories(data)));
  }

  /** The settings. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public BdwFitter withSettings(FitSettings value) {
    return new BdwFitter(value, executor);
  }

  /**
   * Fits the model to a cohort's survivor counts: {@code alive[t]} customers are still active at
   * the start of period t + 1 (after t renewals), {@code alive[0]} being the cohort at acquisition.
   * Then {@code alive[t−1] − alive[t]} customers lasted exactly t periods and {@code alive[T]} were
   * still active when observation ended. Counts need not be whole (percentages work: the estimates
   * do not depend on the scale, only the standard errors do).
   *
   * @param alive at least two counts, each finite and &gt;= 0, non-increasing, the first &gt; 0
   * @return the fitted model with its {@link org.clvkit.models.FitReport}
   * @throws FitFailedException when the fit did not converge and the settings do not allow that
   */
  public BdwModel fitSurvivors(double... alive) {
    return fit(survivorLikelihood(alive));
  }

  private static BdwLikelihood survivorLikelihood(double... alive) {
    return new BdwLikelihood(ContractLifetimes.ofSurvivors(alive));
  }

  /**
   * Fits the model to one observed lifetime per customer.
   *
   * @param periods periods each customer was observed as a customer, whole numbers &gt;= 0
   * @param churned whether the customer left at the end of its last observed period (true) or was
   *     still a customer when observation ended (false, right-censored)
   * @return the fitted model
   */
  public BdwModel fitLifetimes(double[] periods, boolean[] churned) {
    Checks.notEmpty("periods", periods);
    double[] weights = new double[periods.length];
    Arrays.fill(weights, 1.0);
    return fitLifetimes(periods, churned, weights);
  }

  /**
   * Fits the model to observed lifetimes, each shared by {@code weights[i]} customers. A customer
   * who churned after t periods contributes P(T = t); one still active after t periods contributes
   * S(t).
   *
   * @param periods periods observed as a customer, whole numbers &gt;= 0, and &gt; 0 where churned
   * @param churned whether the customer left at the end of its last observed period
   * @param weights number of customers with that lifetime, finite and &gt;= 0, not all 0
   * @return the fitted model
   * @throws FitFailedException when the fit did not converge and the settings do not allow that
   */
  public BdwModel fitLifetimes(double[] periods, boolean[] churned, double[] weights) {
    return fit(new BdwLikelihood(ContractLifetimes.ofLifetimes(periods, churned, weights)));
  }

  /**
   * The log-likelihood this fitter maximises on a cohort's survivor counts (see {@link
   * #fitSurvivors}), as a function of {@code alpha, beta, c}.
   *
   * @param alive the survivor counts, as {@link #fitSurvivors} takes them
   */
  public LogLikelihood logLikelihoodOfSurvivors(double... alive) {
    return ModelFitting.logLikelihood(survivorLikelihood(alive));
  }

  private BdwModel fit(BdwLikelihood likelihood) {
    ModelFitting.Outcome outcome = ModelFitting.fit(likelihood, 1.0, settings);
    return BdwModel.fitted(BdwParameters.of(outcome.parameters()), outcome.report());
  }
}
