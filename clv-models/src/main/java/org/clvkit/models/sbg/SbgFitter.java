package org.clvkit.models.sbg;

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
 * Fits the shifted-beta-geometric model by maximum likelihood (Fader &amp; Hardie 2007, eq. 5),
 * either from a cohort's survivor counts or from customers' observed lifetimes with right
 * censoring, from the start α = β = 1 and seeded perturbations of it. Immutable and thread-safe;
 * {@code with…} methods return a new fitter.
 *
 * <p>Example, Fader &amp; Hardie's (2007) "regular" segment, years 0 to 7 of a cohort of 1,000:
 *
 * <pre>{@code
 * SbgModel model = SbgFitter.create().fitSurvivors(1000, 631, 468, 382, 326, 289, 262, 241);
 * model.parameters();   // alpha 0.704, beta 1.182
 * }</pre>
 */
public final class SbgFitter implements Fitter<SbgModel> {
  private final FitSettings settings;
  private final Executor executor;

  private SbgFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  @Override
  public ModelType<SbgModel> type() {
    return SbgModel.TYPE;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static SbgFitter create() {
    return new SbgFitter(FitSettings.DEFAULT, null);
  }

  /** The settings. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public SbgFitter withSettings(FitSettings value) {
    return new SbgFitter(value, executor);
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
  public SbgFitter withExecutor(Executor value) {
    return new SbgFitter(settings, value);
  }

  /**
   * Fits the model to contract histories in the shared customer columns: row i is a customer who
   * made x = {@code frequency} renewals in n = {@code age} renewal opportunities (recency = x,
   * renewals being consecutive), so that x &lt; n means the customer churned in period x + 1 and x
   * = n that the customer is still active (right-censored after n renewals); weights count the
   * customers. This is the BG/BB's reading of the columns with a purchase probability of 1 (Fader
   * and Hardie 2007 note the sBG as that limit). Equivalent to {@link #fitLifetimes(double[],
   * boolean[], double[])} with lifetimes x + 1 (churned) or n (active).
   *
   * @param data contract histories: whole numbers, recency = frequency &lt;= age
   */
  @Override
  public SbgModel fit(CustomerHistories data) {
    return fit(new SbgLikelihood(ContractLifetimes.ofHistories(data)));
  }

  /**
   * The log-likelihood this fitter maximises on contract histories read as {@link
   * #fit(CustomerHistories)} reads them, as a function of (α, β).
   *
   * @param data contract histories
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ModelFitting.logLikelihood(new SbgLikelihood(ContractLifetimes.ofHistories(data)));
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
  public SbgModel fitSurvivors(double... alive) {
    return fit(new SbgLikelihood(ContractLifetimes.ofSurvivors(alive)));
  }

  /**
   * Fits the model to one observed lifetime per customer.
   *
   * @param periods periods each customer was observed as a customer, whole numbers &gt;= 0
   * @param churned whether the customer left at the end of its last observed period (true) or was
   *     still a customer when observation ended (false, right-censored)
   * @return the fitted model
   */
  public SbgModel fitLifetimes(double[] periods, boolean[] churned) {
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
  public SbgModel fitLifetimes(double[] periods, boolean[] churned, double[] weights) {
    return fit(new SbgLikelihood(ContractLifetimes.ofLifetimes(periods, churned, weights)));
  }

  private SbgModel fit(SbgLikelihood likelihood) {
    ModelFitting.Outcome outcome = ModelFitting.fit(likelihood, 1.0, settings);
    return SbgModel.fitted(SbgParameters.of(outcome.parameters()), outcome.report());
  }
}
