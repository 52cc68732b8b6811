package org.clvkit.models.bdw;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.LogPochhammer;

/**
 * A beta-discrete-Weibull (BdW) retention model with known or fitted parameters (Fader, Hardie,
 * Liu, Davin &amp; Steenburgh 2018, '"How to project customer retention" revisited: the role of
 * duration dependence', J. Interactive Marketing 43, 1–16; pymc-marketing's {@code
 * ShiftedBetaGeometric}'s generalisation). Immutable, thread-safe and {@link Serializable}.
 *
 * <p>A customer's lifetime T is the number of periods it pays for. Given its churn parameter θ, it
 * survives t periods with the discrete-Weibull probability (1−θ)^(t^c), so that its churn
 * probability in period t, 1 − (1−θ)^(t^c − (t−1)^c), rises with t when c &gt; 1 and falls when c
 * &lt; 1; θ ~ Beta(α, β) across customers. Then
 *
 * <ul>
 *   <li>{@code S(t) = P(T > t) = B(α, β + t^c) / B(α, β)}, S(0) = 1;
 *   <li>{@code P(T = t) = S(t−1) − S(t)}, t = 1, 2, …;
 *   <li>{@code r(t) = S(t)/S(t−1)}, the retention rate of period t, and {@code 1 − r(t)} the churn
 *       probability of a customer in its t-th period ({@link #churnProbability(int)}).
 * </ul>
 *
 * <p>At c = 1 the model is the shifted-beta-geometric model ({@link
 * org.clvkit.models.sbg.SbgModel}, Fader &amp; Hardie 2007), and every quantity here equals that
 * model's. Log-survival is computed as {@code ln (β)_α − ln (β+t^c)_α} by {@link LogPochhammer},
 * without the cancellation of differences of log-beta functions. The discounted lifetimes DEL and
 * DERL have no closed form for c ≠ 1 and are summed until the remaining terms, bounded by
 * S(N)·z^(N+1)/(1−z), fall below 1e-16 of the sum (z = 1/(1+d)); that takes about 37/d terms at
 * most, so rates below about 1e-5 are slow, and beyond 10^7 terms the sum gives up with an {@link
 * ArithmeticException}.
 */
public final class BdwModel implements Model {
  private static final long serialVersionUID = 1L;

  /** The model's name in reports. */
  public static final String NAME = "BdW";

  /** Most terms of a DEL or DERL sum. */
  static final int MAX_TERMS = 10_000_000;

  /** The model's type: id {@code "bdw"}, parameters alpha, beta, c. */
  public static final ModelType<BdwModel> TYPE =
      ModelType.of(
          "bdw",
          NAME,
          BdwModel.class,
          List.of("alpha", "beta", "c"),
          (parameters, report, extras) ->
              report == null
                  ? of(BdwParameters.of(parameters))
                  : fitted(BdwParameters.of(parameters), report),
          BdwFitter::create);

  private final BdwParameters parameters;
  private final FitReport report;

  private BdwModel(BdwParameters parameters, FitReport report) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
  }

  /**
   * A model with known parameters and no fit report.
   *
   * @param parameters alpha, beta, c
   */
  public static BdwModel of(BdwParameters parameters) {
    return new BdwModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them (made by {@link
   * BdwFitter}).
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static BdwModel fitted(BdwParameters parameters, FitReport report) {
    return new BdwModel(parameters, Checks.notNull("report", report));
  }

  /** {@link #TYPE}. */
  @Override
  public ModelType<BdwModel> type() {
    return TYPE;
  }

  /** The parameters. */
  public BdwParameters parameters() {
    return parameters;
  }

  /** The parameters in the order {@code alpha, beta, c}, as a copy. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  /** How the model was fitted; empty when it was built from known parameters. */
  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /**
   * ln S(t) = ln B(α, β+u) − ln B(α, β) with u = t^c, written as ln (β)_α − ln (β+u)_α (both
   * Pochhammer symbols of step α, each accurate relative to α(1 + |ln β|)), so that no two terms of
   * size u ln u cancel when u is large; 0 at t = 0.
   */
  static double logSurvival(double alpha, double beta, double c, double t) {
    if (t == 0) {
      return 0.0;
    }
    double u = Math.pow(t, c);
    return LogPochhammer.value(beta, alpha) - LogPochhammer.value(beta + u, alpha);
  }

  private double logSurvival(double t) {
    return logSurvival(parameters.alpha(), parameters.beta(), parameters.c(), t);
  }

  /**
   * Survival S(t) = B(α, β+t^c)/B(α, β): the probability that a new customer is still a customer
   * after t periods (has renewed t times). S(0) = 1; non-increasing.
   *
   * @param t number of periods, &gt;= 0
   */
  public double survival(int t) {
    Checks.nonNegative("t", t);
    return Math.exp(logSurvival(t));
  }

  /**
   * Probability that a new customer's lifetime is exactly t periods, P(T = t) = S(t−1) − S(t),
   * evaluated as S(t−1)·(−expm1(ln S(t) − ln S(t−1))).
   *
   * @param t lifetime in periods, &gt; 0
   */
  public double probabilityOfChurn(int t) {
    Checks.positive("t", t);
    double previous = logSurvival(t - 1);
    return Math.exp(previous) * -Math.expm1(logSurvival(t) - previous);
  }

  /**
   * Retention rate of period t, r(t) = S(t)/S(t−1): the share of the customers active in period t
   * who renew at its end.
   *
   * @param t period, &gt; 0
   */
  public double retention(int t) {
    Checks.positive("t", t);
    return Math.exp(logSurvival(t) - logSurvival(t - 1));
  }

  /**
   * Churn probability by tenure, 1 − r(t) = 1 − S(t)/S(t−1) (as {@code −expm1}): the probability
   * that a customer in its t-th period leaves at its end. Across the cohort it falls with t when c
   * &lt;= 1 (the sBG's sorting effect); with c &gt; 1 each customer's hazard rises and the
   * aggregate may rise at first.
   *
   * @param t period (tenure), &gt; 0
   */
  public double churnProbability(int t) {
    Checks.positive("t", t);
    return -Math.expm1(logSurvival(t) - logSurvival(t - 1));
  }

  /**
   * The survival curve S(1) … S(periods), in the form {@link
   * org.clvkit.core.value.RetentionCurveClv.Builder#survival(double...)} takes.
   *
   * @param periods number of periods, &gt;= 0
   * @return a new array of length {@code periods}
   */
  public double[] survivalCurve(int periods) {
    return conditionalSurvivalCurve(1, periods);
  }

  /**
   * The survival curve of a customer who has renewed n − 1 times (is in its n-th period): S(n−1+t)
   * / S(n−1) for t = 1 … periods. For n = 1 it is {@link #survivalCurve(int)}.
   *
   * @param n the customer's current period, &gt; 0
   * @param periods number of future periods, &gt;= 0
   * @return a new array of length {@code periods}
   */
  public double[] conditionalSurvivalCurve(int n, int periods) {
    Checks.positive("n", n);
    Checks.nonNegative("periods", periods);
    double base = logSurvival(n - 1);
    double[] out = new double[periods];
    for (int t = 0; t < periods; t++) {
      out[t] = Math.exp(logSurvival(n + t) - base);
    }
    return out;
  }

  /**
   * Expected survivors of a cohort after 0 … periods periods, {@code cohort · S(t)}.
   *
   * @param cohort cohort size at period 0, finite and &gt;= 0
   * @param periods last period to project, &gt;= 0
   * @return a new array of length {@code periods + 1}
   */
  public double[] expectedSurvivors(double cohort, int periods) {
    Checks.nonNegative("cohort", cohort);
    Checks.nonNegative("periods", periods);
    double[] out = new double[periods + 1];
    for (int t = 0; t <= periods; t++) {
      out[t] = cohort * Math.exp(logSurvival(t));
    }
    return out;
  }

  /**
   * Discounted expected lifetime of a new customer, DEL(d) = Σ_{t&gt;=0} S(t)/(1+d)^t (Fader &amp;
   * Hardie 2010's definition, eq. 5 there for the sBG): the present value of one unit paid at the
   * start of every period the customer is active.
   *
   * @param discountRate discount rate per period d, finite and &gt; 0
   * @return DEL, &gt;= 1
   * @throws ArithmeticException when the sum needs more than 10^7 terms (d below about 4e-6)
   */
  public double discountedExpectedLifetime(double discountRate) {
    Checks.positive("discountRate", discountRate);
    return residualSum(discountRate, 0, 0.0);
  }

  /**
   * Discounted expected residual lifetime of a customer who has renewed n − 1 times, DERL(d, n) =
   * Σ_{t&gt;=n} S(t)/S(n−1) · (1+d)^{−(t−n)} (Fader &amp; Hardie 2010, eq. 6, for any survival
   * function): the expected number of its future renewal payments, the first (at the start of
   * period n+1) undiscounted.
   *
   * @param discountRate discount rate per period d, finite and &gt; 0
   * @param n the customer's current period (n − 1 renewals so far), &gt; 0
   * @return DERL, &gt; 0
   * @throws ArithmeticException when the sum needs more than 10^7 terms
   */
  public double discountedExpectedResidualLifetime(double discountRate, int n) {
    Checks.positive("discountRate", discountRate);
    Checks.positive("n", n);
    return residualSum(discountRate, n, logSurvival(n - 1));
  }

  /**
   * Batch form of {@link #discountedExpectedResidualLifetime(double, int)} over customers {@code
   * [from, to)}, each with its current period in {@code n}, written into {@code out}; bit for bit
   * the per-customer values.
   *
   * @param discountRate discount rate per period d, finite and &gt; 0
   * @param n each customer's current period, a whole number &gt; 0
   * @param out receives DERL
   * @param from first index
   * @param to one past the last index
   */
  public void discountedExpectedResidualLifetime(
      double discountRate, double[] n, double[] out, int from, int to) {
    Checks.positive("discountRate", discountRate);
    Checks.notNull("n", n);
    Checks.notNull("out", out);
    Checks.range(from, to, n.length);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      double v = n[i];
      if (!(v >= 1 && v == Math.rint(v) && v <= Integer.MAX_VALUE)) {
        String name = Checks.indexed("n", i);
        Checks.count(name, v);
        Checks.positive(name, v);
        throw Checks.fail("%s = %s must be <= %d", name, v, Integer.MAX_VALUE);
      }
    }
    for (int i = from; i < to; i++) {
      int period = (int) n[i];
      out[i] = residualSum(discountRate, period, logSurvival(period - 1));
    }
  }

  /**
   * Σ_{t&gt;=first} exp(ln S(t) − base) z^(t−first), z = 1/(1+d), until the bound on the rest,
   * S(N)/S(base)·z^(N+1−first)/(1−z), is below 1e-16 of the sum.
   */
  private double residualSum(double discountRate, int first, double base) {
    double logZ = -Math.log1p(discountRate);
    double tailFactor = (1 + discountRate) / discountRate; // 1/(1−z)
    double total = 0;
    for (long k = 0; k < MAX_TERMS; k++) {
      double term = Math.exp(logSurvival(first + k) - base + k * logZ);
      total += term;
      if (term * Math.exp(logZ) * tailFactor <= 1e-16 * total) {
        return total;
      }
    }
    throw new ArithmeticException(
        String.format(
            Locale.ROOT,
            "BdW discounted lifetime did not converge in %d terms for %s, discountRate = %s, n = %d",
            MAX_TERMS,
            parameters,
            discountRate,
            first));
  }

  /**
   * The log-likelihood of contract histories read as {@link BdwFitter#fit(CustomerHistories)} reads
   * them: a customer with x renewals in n opportunities contributes ln P(T = x + 1) when x &lt; n
   * (churned) and ln S(n) when x = n (still active).
   */
  @Override
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    double total = 0;
    for (int i = 0; i < data.size(); i++) {
      int renewals = ContractLifetimes.renewals(data, i);
      int opportunities = (int) data.age(i);
      if (data.weight(i) > 0) {
        total +=
            data.weight(i)
                * (renewals < opportunities
                    ? Math.log(probabilityOfChurn(renewals + 1))
                    : logSurvival(opportunities));
      }
    }
    return total;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "BdW(alpha=%s, beta=%s, c=%s%s)",
        parameters.alpha(),
        parameters.beta(),
        parameters.c(),
        report == null ? "" : ", fitted on " + Math.round(report.customers()) + " customers");
  }
}
