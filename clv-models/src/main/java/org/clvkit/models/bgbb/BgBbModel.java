package org.clvkit.models.bgbb;

import java.io.ObjectStreamException;
import java.util.List;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Discount;
import org.clvkit.models.DiscretePurchaseModel;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.ResidualValueModel;
import org.clvkit.models.internal.DiscountRates;

/**
 * A BG/BB model (Fader, Hardie &amp; Shang 2010, "Customer-base analysis in a discrete-time
 * noncontractual setting", Marketing Science 29(6)) with known or fitted parameters. Immutable,
 * thread-safe and {@link java.io.Serializable}.
 *
 * <p>Times are counts of purchase opportunities. A history is {@code frequency, recency, age} = (x,
 * t_x, n): x purchases at the n opportunities after the customer's first purchase, the last of them
 * at opportunity t_x (0 when x = 0). All three are whole numbers with x &lt;= t_x &lt;= n; every
 * method checks this on top of {@link CustomerHistories#validateRow}, with the row index in batch
 * methods. Horizons are whole numbers of future opportunities.
 *
 * <p>In this discrete-time model a customer can only be seen alive at an opportunity, so {@link
 * #probabilityAlive(double, double, double)} is the probability of being alive at the next
 * opportunity, n + 1 (the paper's eq. 11 and Table 6), not at opportunity n.
 *
 * <p>Example, with the paper's donor-cohort parameters:
 *
 * <pre>{@code
 * BgBbModel model = BgBbModel.of(new BgBbParameters(1.204, 0.750, 0.657, 2.783));
 * double alive = model.probabilityAlive(2, 4, 6);        // 0.59
 * double next5 = model.conditionalExpectedPurchases(5, 2, 4, 6);
 * double dert = model.conditionalDiscountedResidualPurchases(Discount.perPeriod(0.10), 2, 4, 6);
 * }</pre>
 */
public final class BgBbModel implements DiscretePurchaseModel, ResidualValueModel {
  private static final long serialVersionUID = 1L;

  /**
   * The model's type: id {@code "bgbb"}, name {@code "BG/BB"}, parameters {@code alpha, beta,
   * gamma, delta}.
   */
  public static final ModelType<BgBbModel> TYPE =
      ModelType.of(
          "bgbb",
          "BG/BB",
          BgBbModel.class,
          List.of("alpha", "beta", "gamma", "delta"),
          (parameters, report, extras) ->
              report == null
                  ? of(BgBbParameters.of(parameters))
                  : fitted(BgBbParameters.of(parameters), report),
          BgBbFitter::create);

  /** The model's name in reports. */
  public static final String NAME = "BG/BB";

  private final BgBbParameters parameters;
  private final FitReport report;
  private final transient BgBbFunctions kernel;

  private BgBbModel(BgBbParameters parameters, FitReport report) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
    this.kernel = new BgBbFunctions(parameters);
  }

  /**
   * A model with known parameters and no fit report.
   *
   * @param parameters alpha, beta, gamma, delta
   */
  public static BgBbModel of(BgBbParameters parameters) {
    return new BgBbModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them: made by {@link
   * BgBbFitter}, and by {@link org.clvkit.models.io.ModelFiles} when it loads a saved fitted model.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static BgBbModel fitted(BgBbParameters parameters, FitReport report) {
    return new BgBbModel(parameters, Checks.notNull("report", report));
  }

  /** Rebuilds the kernel (and re-validates) after deserialization. */
  private Object readResolve() throws ObjectStreamException {
    return new BgBbModel(parameters, report);
  }

  /** The parameters. */
  public BgBbParameters parameters() {
    return parameters;
  }

  @Override
  public ModelType<BgBbModel> type() {
    return TYPE;
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  /**
   * Checks one discrete-time history: the rules of {@link CustomerHistories#validateRow}, then
   * recency and age whole numbers and frequency &lt;= recency. Messages read, for example, {@code
   * recency[3] must be a whole number >= 0, was 2.5} or {@code frequency[3] = 4.0 must be <=
   * recency[3] = 3.0}.
   *
   * @param frequency purchases x
   * @param recency opportunity of the last purchase t_x
   * @param age number of opportunities n
   * @param row the row index for the message, or -1 for a single customer
   */
  public static void validateHistory(double frequency, double recency, double age, int row) {
    CustomerHistories.validateRow(frequency, recency, age, row);
    String f = row < 0 ? "frequency" : Checks.indexed("frequency", row);
    String r = row < 0 ? "recency" : Checks.indexed("recency", row);
    String a = row < 0 ? "age" : Checks.indexed("age", row);
    Checks.count(r, recency);
    Checks.count(a, age);
    Checks.atMost(f, frequency, r, recency);
  }

  private static void validateColumns(
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
      validateHistory(frequency[i], recency[i], age[i], i);
    }
  }

  /**
   * Expected purchases of a new customer in the first {@code t} opportunities after the first
   * purchase, E[X(t)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ) Γ(1+δ+t) / (Γ(γ+δ+t) Γ(1+δ))] (eq. 9), with
   * its limit at γ = 1.
   *
   * @param t number of opportunities, a whole number &gt;= 0; 0 gives 0
   */
  @Override
  public double expectedPurchases(double t) {
    Checks.count("t", t);
    return kernel.expected(t);
  }

  /**
   * Probability that a new customer buys at exactly {@code n} of the first {@code t} opportunities,
   * P(X(t) = n) (eq. 7). Costs O(t).
   *
   * @param n number of purchases, &gt;= 0; 0 is returned for n &gt; t
   * @param t number of opportunities, a whole number &gt;= 0
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.nonNegative("n", n);
    Checks.count("t", t);
    return kernel.probabilityOfPurchases(n, t);
  }

  /**
   * Expected purchases in the next {@code t} opportunities (n+1 … n+t) of a customer with history
   * (x, t_x, n), eq. (13): {@code P(alive at n) · (α+x)/(α+β+n) · δ'/(γ−1) · [1 − Γ(γ+δ') Γ(1+δ'+t)
   * / (Γ(γ+δ'+t) Γ(1+δ'))]} with δ' = δ + n.
   *
   * @param t number of future opportunities, a whole number &gt;= 0
   * @param frequency purchases x
   * @param recency opportunity of the last purchase t_x
   * @param age number of opportunities n
   */
  @Override
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age) {
    Checks.count("t", t);
    validateHistory(frequency, recency, age, -1);
    return kernel.conditionalExpected(t, frequency, recency, age);
  }

  /**
   * Probability that a customer with history (x, t_x, n) is alive at the next opportunity, n + 1
   * (eq. 11): {@code B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+1)/B(γ, δ) / L(α, β, γ, δ | x, t_x, n)}. A
   * customer who bought at opportunity n (t_x = n) is alive at n, so the result is then
   * (δ+n)/(γ+δ+n).
   *
   * @param frequency purchases x
   * @param recency opportunity of the last purchase t_x
   * @param age number of opportunities n
   */
  @Override
  public double probabilityAlive(double frequency, double recency, double age) {
    validateHistory(frequency, recency, age, -1);
    return kernel.aliveNext(frequency, recency, age);
  }

  /**
   * The log-likelihood of a history (x, t_x, n), eq. (5): the log-probability of the observed
   * sequence of purchases and non-purchases at the n opportunities (not of the pattern's count of
   * sequences). Costs O(n − t_x).
   */
  @Override
  public double logLikelihood(double frequency, double recency, double age) {
    validateHistory(frequency, recency, age, -1);
    return kernel.logLikelihood(frequency, recency, age);
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
    Checks.count("t", t);
    validateColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] = kernel.conditionalExpected(t, frequency[i], recency[i], age[i]);
    }
  }

  @Override
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    validateColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] = kernel.aliveNext(frequency[i], recency[i], age[i]);
    }
  }

  /**
   * Expected purchases at each of the next {@code periods} opportunities, discounted: {@code
   * Σ_{k=1..periods} P(purchase at n+k | x, t_x, n) / (1 + discountRate)^k}, the same quantity as
   * the interface's definition, computed in one pass.
   *
   * @param periods number of future opportunities, &gt;= 0
   * @param discountRate discount rate per opportunity, finite and &gt; -1, with (1 +
   *     discountRate)^-periods finite
   */
  @Override
  public double discountedExpectedPurchases(
      int periods, double discountRate, double frequency, double recency, double age) {
    DiscountRates.check(periods, discountRate);
    validateHistory(frequency, recency, age, -1);
    return kernel.discountedExpected(periods, 1 / (1 + discountRate), frequency, recency, age);
  }

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
    validateColumns(frequency, recency, age, out, from, to);
    double z = 1 / (1 + discountRate);
    for (int i = from; i < to; i++) {
      out[i] = kernel.discountedExpected(periods, z, frequency[i], recency[i], age[i]);
    }
  }

  /**
   * Discounted expected residual purchases (the paper's "transactions"), DERT (eq. 18): the
   * expected purchases at all future opportunities n+1, n+2, …, the one at n+k discounted by (1 +
   * d)^{−k}: {@code B(α+x+1, β+n−x)/B(α, β) · B(γ, δ+n+1)/(B(γ, δ) (1+d)) · ₂F₁(1, δ+n+1; γ+δ+n+1;
   * 1/(1+d)) / L}. Multiplied by the margin per purchase it is the customer's residual lifetime
   * value.
   *
   * <p>Any positive rate is accepted. As d → 0, DERT tends to the undiscounted expected number of
   * future purchases, {@code P(alive at n) · (α+x)/(α+β+n) · (δ+n)/(γ−1)}, when γ &gt; 1; when γ
   * &lt;= 1 that number is infinite (too many customers almost never drop out) and DERT grows like
   * d^(γ−1). The ₂F₁ is evaluated from {@code 1 − z = d/(1+d)} without loss near z = 1 (see {@code
   * org.clvkit.models.internal.Hypergeometric}).
   *
   * @param discount the discount; its rate per opportunity d ({@link Discount#perPeriodRate()})
   * @param frequency purchases x
   * @param recency opportunity of the last purchase t_x
   * @param age number of opportunities n
   * @return DERT, &gt;= 0; 0 for a customer whose P(alive) underflows to 0
   * @throws ArithmeticException in the unlikely case that the ₂F₁ cannot converge (see {@code
   *     Hypergeometric})
   */
  @Override
  public double conditionalDiscountedResidualPurchases(
      Discount discount, double frequency, double recency, double age) {
    double discountRate = Checks.notNull("discount", discount).perPeriodRate();
    validateHistory(frequency, recency, age, -1);
    return kernel.discountedResidual(
        discountRate / (1 + discountRate), -Math.log1p(discountRate), frequency, recency, age);
  }

  /**
   * Batch form of {@link #conditionalDiscountedResidualPurchases(Discount, double, double, double)}
   * over rows {@code [from, to)}, written into {@code out} at the same indices; bit for bit the
   * per-customer values.
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
    double discountRate = Checks.notNull("discount", discount).perPeriodRate();
    validateColumns(frequency, recency, age, out, from, to);
    double oneMinusZ = discountRate / (1 + discountRate);
    double logZ = -Math.log1p(discountRate);
    for (int i = from; i < to; i++) {
      out[i] = kernel.discountedResidual(oneMinusZ, logZ, frequency[i], recency[i], age[i]);
    }
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "BG/BB(alpha=%s, beta=%s, gamma=%s, delta=%s%s)",
        parameters.alpha(),
        parameters.beta(),
        parameters.gamma(),
        parameters.delta(),
        report == null ? "" : ", fitted on " + Math.round(report.customers()) + " customers");
  }
}
