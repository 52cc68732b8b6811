package org.clvkit.models.paretonbd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Discount;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.ResidualValueModel;

/**
 * The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987), "Counting your customers: who
 * are they and what will they do next?", Management Science 33(1), 1–24, with the expressions of
 * Fader &amp; Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions"
 * (Hardie's note 009), and the discounted expected residual transactions of Fader, Hardie &amp; Lee
 * (2005), "RFM and CLV: using iso-value curves for customer base analysis", Journal of Marketing
 * Research 42(4), 415–430. Immutable, thread-safe and {@link java.io.Serializable}; build one from
 * known parameters with {@link #of(ParetoNbdParameters)} or fit one with {@link ParetoNbdFitter}.
 *
 * <p>Customer histories are {@code frequency, recency, age}: the papers' x (repeat purchases, the
 * first purchase not counted), t_x (time from the first to the last purchase, 0 when x = 0) and T
 * (time from the first purchase to the end of observation), in the period the parameters were
 * fitted in. Invalid histories are rejected with the messages of {@link
 * CustomerHistories#validateRow}.
 *
 * <p>Numerics: the likelihood's Gauss hypergeometric term is taken in the form whose argument |α−β|
 * / (max(α, β) + t) lies in [0, 1) (note 009, eq. 19 and 20, chosen by the larger of α and β), so
 * that α = β gives argument 0 rather than 0/0, and everything is evaluated in log space: P(alive)
 * in logistic form from the log-odds of having died, the likelihood with log1p. Every method
 * returns a finite number for finite positive parameters and valid histories, including α = β and
 * frequencies of many thousands (the cases where other implementations overflow).
 */
public final class ParetoNbdModel implements ContinuousPurchaseModel, ResidualValueModel {
  private static final long serialVersionUID = 1L;

  /**
   * The model's type: id {@code "pnbd"}, name {@code "Pareto/NBD"}, parameters {@code r, alpha, s,
   * beta}.
   */
  public static final ModelType<ParetoNbdModel> TYPE =
      ModelType.of(
          "pnbd",
          "Pareto/NBD",
          ParetoNbdModel.class,
          List.of("r", "alpha", "s", "beta"),
          (parameters, report, extras) ->
              report == null
                  ? of(ParetoNbdParameters.of(parameters))
                  : fitted(ParetoNbdParameters.of(parameters), report),
          ParetoNbdFitter::create);

  private final ParetoNbdParameters parameters;
  private final FitReport report;
  private final transient ParetoNbdFunctions functions;

  private ParetoNbdModel(ParetoNbdParameters parameters, FitReport report) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
    this.functions =
        new ParetoNbdFunctions(
            parameters.r(), parameters.alpha(), parameters.s(), parameters.beta());
  }

  /** A model with known parameters and no fit report. */
  public static ParetoNbdModel of(ParetoNbdParameters parameters) {
    return new ParetoNbdModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them: made by {@link
   * ParetoNbdFitter}, and by {@link org.clvkit.models.io.ModelFiles} when it loads a saved fitted
   * model.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static ParetoNbdModel fitted(ParetoNbdParameters parameters, FitReport report) {
    return new ParetoNbdModel(parameters, Checks.notNull("report", report));
  }

  /** The parameters. */
  public ParetoNbdParameters parameters() {
    return parameters;
  }

  @Override
  public ModelType<ParetoNbdModel> type() {
    return TYPE;
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /** {@code r, alpha, s, beta}. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  /**
   * E[X(t)] = r β / (α (s−1)) · [1 − (β/(β+t))^{s−1}] (note 009, eq. 27), and r β / α · ln(1 + t/β)
   * at s = 1: the expected repeat purchases in (0, t] of a new customer, acquired at time 0
   * (CLVTools' {@code newcustomer}). 0 at t = 0; grows like t^{1−s} without bound when s &lt; 1
   * (the mean lifetime is then infinite).
   *
   * @param t horizon, finite and &gt;= 0
   */
  @Override
  public double expectedPurchases(double t) {
    Checks.nonNegative("t", t);
    return functions.expectedPurchases(t);
  }

  /**
   * P(X(t) = n): the customer alive at t with n purchases in (0, t], plus dead at some τ &lt; t
   * with n purchases before τ (Fader, Hardie &amp; Lee 2006, "Deriving an expression for P(X(t) =
   * x) under the Pareto/NBD model", Hardie's note 012), with the hypergeometric terms in the form
   * whose argument lies in [0, 1). The difference of two hypergeometric sums for the dead part is
   * taken relative to the larger and clamped at 0 against rounding. Costs n + 2 evaluations of 2F1.
   *
   * @param n number of repeat purchases, &gt;= 0
   * @param t horizon, finite and &gt;= 0 (at t = 0 the probability is 1 for n = 0)
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.nonNegative("n", n);
    Checks.nonNegative("t", t);
    return functions.probabilityOfPurchases(n, t);
  }

  /**
   * E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive) (note
   * 009, eq. 41), with the bracket over (s−1) taken as ln(1 + t/(β+T)) at s = 1.
   *
   * @param t horizon, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  @Override
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.conditionalExpectedPurchases(t, frequency, recency, age);
  }

  /**
   * P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^{r+x} (β+T)^s · A_0) (note 009, eq. 36–37
   * with the A_0 of eq. 19–20), evaluated as 1 / (1 + e^d) from the log-odds d of having died in
   * (t_x, T]. 1 when recency equals age.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  @Override
  public double probabilityAlive(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.probabilityAlive(frequency, recency, age);
  }

  /**
   * Probability that the customer is still alive {@code t} periods after the end of observation
   * (btyd's and pymc-marketing's {@code future_t}): P(alive) · ((β+T)/(β+T+t))^s, since an alive
   * customer's dropout rate has the posterior Gamma(s, β+T). Equals {@link
   * #probabilityAlive(double, double, double)} at t = 0 and falls with t.
   *
   * @param t periods after the end of observation, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  public double probabilityAlive(double t, double frequency, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.probabilityAliveAt(t, frequency, recency, age);
  }

  /**
   * ln L(r, α, s, β | x, t_x, T) (note 009, eq. 18–20): the log-density of the customer's purchase
   * times in the model's period, as the fitter maximises it.
   */
  @Override
  public double logLikelihood(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.logLikelihood(frequency, recency, age);
  }

  /** The log-likelihood of all customers: the weighted sum of the per-customer values. */
  @Override
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum +=
          data.weight(i) * functions.logLikelihood(data.frequency(i), data.recency(i), data.age(i));
    }
    return sum;
  }

  /**
   * Discounted expected residual transactions DERT(δ | x, t_x, T): the customer's expected
   * purchases from the end of observation on, over the whole remaining lifetime, each discounted
   * continuously at rate δ per period back to the end of observation, ∫_0^∞ e^{−δt} dE[Y(t) | x,
   * t_x, T]. In closed form (Fader, Hardie &amp; Lee 2005, "RFM and CLV", JMR 42(4), 415–430, and
   * its technical appendix)
   *
   * <pre>
   * DERT = α^r β^s δ^{s−1} Γ(r+x+1) U(s, s; δ(β+T)) / (Γ(r) (α+T)^{r+x+1} L)
   *      = P(alive) · (r+x)/(α+T) · (β+T) · z^{s−1} U(s, s; z),   z = δ(β+T),
   * </pre>
   *
   * with L = L(r, α, s, β | x, t_x, T) the likelihood of the history and U Tricomi's confluent
   * hypergeometric function. Multiplied by a margin and the expected spend per purchase this is the
   * customer's residual lifetime value. A discount rate d per period compounded once a period
   * corresponds to δ = ln(1 + d) ({@link Discount#perPeriod}); an annual rate of 15 % with weekly
   * periods gives δ = ln(1.15) / 52 ({@code Discount.continuous(Math.log(1.15) / 52)}). Grows
   * without bound as δ → 0 when s &lt;= 1 (the expected lifetime is infinite), and is +∞ only when
   * δ is so small that the value exceeds the double range.
   *
   * @param discount the discount; its continuous rate δ ({@link Discount#continuousRate()})
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  @Override
  public double conditionalDiscountedResidualPurchases(
      Discount discount, double frequency, double recency, double age) {
    double delta = Checks.notNull("discount", discount).continuousRate();
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.discountedResidualPurchases(delta, frequency, recency, age);
  }

  /**
   * Batch form of {@link #conditionalDiscountedResidualPurchases(Discount, double, double, double)}
   * over rows {@code [from, to)}, written into {@code out} at the same indices; every row is
   * validated before anything is written.
   */
  @Override
  public void conditionalDiscountedResidualPurchases(
      Discount discount,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    double delta = Checks.notNull("discount", discount).continuousRate();
    checkColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] = functions.discountedResidualPurchases(delta, frequency[i], recency[i], age[i]);
    }
  }

  /** Every row is validated before anything is written. */
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
      out[i] = functions.conditionalExpectedPurchases(t, frequency[i], recency[i], age[i]);
    }
  }

  /** Every row is validated before anything is written. */
  @Override
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    checkColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] = functions.probabilityAlive(frequency[i], recency[i], age[i]);
    }
  }

  /**
   * Checks the columns of a batch call: not null, equal lengths, the range within them and {@code
   * out}, and every row of the range valid.
   */
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

  /** For example {@code Pareto/NBD(r=0.5533, alpha=10.58, s=0.6061, beta=11.67)}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s(r=%.4g, alpha=%.4g, s=%.4g, beta=%.4g)",
        name(),
        parameters.r(),
        parameters.alpha(),
        parameters.s(),
        parameters.beta());
  }

  /** Rebuilds the derived constants after deserialization. */
  private Object readResolve() {
    return new ParetoNbdModel(parameters, report);
  }
}
