package org.clvkit.models.sbg;

import java.io.Serializable;
import org.clvkit.core.Checks;
import org.clvkit.models.bdw.BdwParameters;
import org.clvkit.models.bdw.BdwSimulator;

/**
 * Simulates customers from the shifted-beta-geometric model with known parameters: each customer
 * draws θ ~ Beta(α, β) and then renews at the end of each period with probability 1 − θ (Fader
 * &amp; Hardie 2007, section 3). The sBG is the beta-discrete-Weibull at c = 1 (Fader et al. 2018),
 * so the draws are those of {@link BdwSimulator} with c = 1: P(T &gt; t) = (1 − θ)^t. Immutable and
 * thread-safe: every method takes its seed, and the same seed gives the same customers.
 */
public final class SbgSimulator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SbgParameters parameters;
  private final BdwSimulator bdw;

  private SbgSimulator(SbgParameters parameters) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.bdw = BdwSimulator.of(new BdwParameters(parameters.alpha(), parameters.beta(), 1.0));
  }

  /**
   * A simulator for the given parameters.
   *
   * @param parameters alpha, beta
   */
  public static SbgSimulator of(SbgParameters parameters) {
    return new SbgSimulator(parameters);
  }

  /** The parameters simulated from. */
  public SbgParameters parameters() {
    return parameters;
  }

  /**
   * Lifetimes of {@code customers} customers observed for at most {@code horizon} periods: entry i
   * is min(T_i, horizon) where T_i is the number of periods customer i pays for. A customer whose
   * lifetime is at least {@code horizon} is still a customer at the end (right-censored) unless T_i
   * = horizon exactly; {@link #churned} tells them apart for the same seed.
   *
   * @param customers number of customers, &gt; 0
   * @param horizon observation window in periods, &gt; 0
   * @param seed seed of the random numbers
   * @return the observed periods per customer
   */
  public double[] lifetimes(int customers, int horizon, long seed) {
    return bdw.lifetimes(customers, horizon, seed);
  }

  /**
   * Whether each of the customers of {@link #lifetimes(int, int, long)} (same arguments) left
   * within the horizon: true when its lifetime T_i &lt;= horizon.
   *
   * @param customers number of customers, &gt; 0
   * @param horizon observation window in periods, &gt; 0
   * @param seed seed of the random numbers
   */
  public boolean[] churned(int customers, int horizon, long seed) {
    return bdw.churned(customers, horizon, seed);
  }

  /**
   * The survivor counts of a simulated cohort: entry t is the number of the {@code customers} still
   * active after t periods, t = 0 … periods, in the form {@link SbgFitter#fitSurvivors} takes.
   *
   * @param customers cohort size, &gt; 0
   * @param periods number of periods, &gt; 0
   * @param seed seed of the random numbers
   */
  public double[] survivors(int customers, int periods, long seed) {
    return bdw.survivors(customers, periods, seed);
  }
}
