package org.clvkit.models.nbd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.DiscountRates;
import org.clvkit.models.internal.LogPochhammer;

/**
 * The NBD model of repeat buying (Ehrenberg 1959, "The pattern of consumer purchases", Applied
 * Statistics 8(1); Morrison &amp; Schmittlein 1988, "Generalizing the NBD model for customer
 * purchases", J. Business &amp; Economic Statistics 6(2)), with the formulas of Fader &amp; Hardie
 * (2004), "Illustrating the performance of the NBD as a benchmark model for customer-base analysis"
 * (Hardie's note 005). Immutable, thread-safe and {@link java.io.Serializable}; build one from
 * known parameters with {@link #of(NbdParameters)} or fit one with {@link NbdFitter}.
 *
 * <p>A customer buys as a Poisson process with rate λ ~ Gamma(r, α) and never drops out. The number
 * of repeat purchases in (0, t] is then negative binomial: P(X(t) = n) = Γ(r+n)/(Γ(r) n!) ·
 * (α/(α+t))^r · (t/(α+t))^n. Given x purchases in (0, T], the posterior of λ is Gamma(r+x, α+T):
 * the timing of the purchases (recency) carries no information, and every customer is alive, so
 * {@link #probabilityAlive} is exactly 1 for every valid history.
 *
 * <p>Customer histories are {@code frequency, recency, age}, Fader–Hardie's x (repeat purchases),
 * t_x (time from the first to the last purchase) and T (time from the first purchase to the end of
 * observation), in the period the parameters are in. Recency is validated (with the messages of
 * {@link CustomerHistories#validateRow}) but does not enter any formula.
 */
public final class NbdModel implements ContinuousPurchaseModel {
  private static final long serialVersionUID = 1L;

  /** The model's name in reports. */
  public static final String NAME = "NBD";

  /** The model's type: id {@code "nbd"}, the display name, parameters "r", "alpha". */
  public static final ModelType<NbdModel> TYPE =
      ModelType.of(
          "nbd",
          NAME,
          NbdModel.class,
          List.of("r", "alpha"),
          (parameters, report, extras) ->
              report == null
                  ? of(NbdParameters.of(parameters))
                  : fitted(NbdParameters.of(parameters), report),
          NbdFitter::create);

  private final NbdParameters parameters;
  private final FitReport report;

  private NbdModel(NbdParameters parameters, FitReport report) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
  }

  /** A model with known parameters and no fit report. */
  public static NbdModel of(NbdParameters parameters) {
    return new NbdModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them (made by {@link
   * NbdFitter}).
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static NbdModel fitted(NbdParameters parameters, FitReport report) {
    return new NbdModel(parameters, Checks.notNull("report", report));
  }

  /** The parameters. */
  public NbdParameters parameters() {
    return parameters;
  }

  /** {@link #TYPE}. */
  @Override
  public ModelType<NbdModel> type() {
    return TYPE;
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /** {@code r, alpha}. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  /**
   * E[X(t)] = r t / α (note 005, eq. 3): linear in t, since nobody drops out. This is also the
   * expected number of purchases of a customer not yet acquired over the first t periods after
   * acquisition.
   *
   * @param t horizon, finite and &gt;= 0
   */
  @Override
  public double expectedPurchases(double t) {
    Checks.nonNegative("t", t);
    return parameters.r() * t / parameters.alpha();
  }

  /**
   * P(X(t) = n) = Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r · (t/(α+t))^n (note 005, eq. 2), in log space with
   * {@code ln Γ(r+n) − ln Γ(r)} from {@link LogPochhammer}. At t = 0 it is 1 for n = 0 and 0
   * otherwise.
   *
   * @param n number of repeat purchases, &gt;= 0
   * @param t horizon, finite and &gt;= 0
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.nonNegative("n", n);
    Checks.nonNegative("t", t);
    return negativeBinomial(n, parameters.r(), parameters.alpha(), t);
  }

  /**
   * Probability that a customer with x purchases in (0, T] makes exactly n purchases in the next t
   * periods: the negative binomial of {@link #probabilityOfPurchases} with the posterior parameters
   * (r+x, α+T) (Morrison &amp; Schmittlein 1988, section 3).
   *
   * @param n number of purchases, &gt;= 0
   * @param t horizon, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x (validated, not used)
   * @param age time since the first purchase T
   */
  public double conditionalProbabilityOfPurchases(
      int n, double t, double frequency, double recency, double age) {
    Checks.nonNegative("n", n);
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return negativeBinomial(n, parameters.r() + frequency, parameters.alpha() + age, t);
  }

  private static double negativeBinomial(int n, double r, double alpha, double t) {
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double logOdds = Math.log(t / alpha); // ln(t/(α+t)) − ln(α/(α+t))
    double logStay = -Math.log1p(t / alpha); // ln(α/(α+t))
    double log =
        LogPochhammer.value(r, n) - LogPochhammer.value(1, n) + (r + n) * logStay + n * logOdds;
    return Math.exp(log);
  }

  /**
   * E[Y(t) | x, t_x, T] = t (r+x)/(α+T) (note 005, eq. 5; BTYDplus {@code
   * nbd.ConditionalExpectedTransactions}): the posterior mean rate times t.
   *
   * @param t horizon, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x (validated, not used)
   * @param age time since the first purchase T
   */
  @Override
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return conditional(t, frequency, age);
  }

  private double conditional(double t, double frequency, double age) {
    return t * (parameters.r() + frequency) / (parameters.alpha() + age);
  }

  /**
   * Exactly 1: the NBD has no drop-out, so every customer is alive at the end of observation (and
   * at every later time). The history is validated all the same.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  @Override
  public double probabilityAlive(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return 1.0;
  }

  /**
   * Exactly 1, the probability that the customer is alive {@code t} periods after the end of
   * observation: nobody drops out.
   *
   * @param t periods after the end of observation, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  public double probabilityAlive(double t, double frequency, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return 1.0;
  }

  /**
   * ln L(r, α | x, T) = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T): the log-density of the x
   * purchase times in (0, T] (the count probability without its parameter-free factor T^x/x!), as
   * BTYDplus's {@code nbd.LL} and the other models' likelihoods are written.
   */
  @Override
  public double logLikelihood(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return logLikelihood(parameters.r(), parameters.alpha(), frequency, age);
  }

  static double logLikelihood(double r, double alpha, double x, double age) {
    return LogPochhammer.value(r, x) + r * Math.log(alpha) - (r + x) * Math.log(alpha + age);
  }

  /** The log-likelihood of all customers: the weighted sum of the per-customer values. */
  @Override
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum += data.weight(i) * logLikelihood(data.frequency(i), data.recency(i), data.age(i));
    }
    return sum;
  }

  @Override
  public void conditionalExpectedPurchases(
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    Checks.nonNegative("t", t);
    checkColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] = conditional(t, frequency[i], age[i]);
    }
  }

  @Override
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    checkColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] = 1.0;
    }
  }

  private static void checkColumns(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    Checks.notNull("frequency", frequency);
    Checks.notNull("recency", recency);
    Checks.notNull("age", age);
    Checks.notNull("out", out);
    Checks.sameLength("recency", recency.length, "frequency", frequency.length);
    Checks.sameLength("age", age.length, "frequency", frequency.length);
    Checks.range(from, to, frequency.length);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      CustomerHistories.validateRow(frequency[i], recency[i], age[i], i);
    }
  }

  /**
   * Σ_{k=1..n} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k with E[Y(k)] = k (r+x)/(α+T): the rate (r+x)/(α+T)
   * times the annuity Σ_{k=1..n} (1+d)^{−k}, summed directly (no closed form whose cancellation at
   * small d would cost digits). Validates the history also when n = 0.
   */
  @Override
  public double discountedExpectedPurchases(
      int periods, double discountRate, double frequency, double recency, double age) {
    DiscountRates.check(periods, discountRate);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return conditional(1, frequency, age) * annuity(periods, discountRate);
  }

  private static double annuity(int periods, double discountRate) {
    double total = 0;
    double factor = 1;
    for (int k = 1; k <= periods; k++) {
      factor /= 1 + discountRate;
      total += factor;
    }
    return total;
  }

  /** Batch form of the discounted expected purchases; bit for bit the per-customer values. */
  @Override
  public void discountedExpectedPurchases(
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    DiscountRates.check(periods, discountRate);
    checkColumns(frequency, recency, age, out, from, to);
    double annuity = annuity(periods, discountRate);
    for (int i = from; i < to; i++) {
      out[i] = conditional(1, frequency[i], age[i]) * annuity;
    }
  }

  /** For example {@code NBD(r=0.3853, alpha=12.07)}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s(r=%.4g, alpha=%.4g)", NAME, parameters.r(), parameters.alpha());
  }
}
