package org.clvkit.models.ggomnbd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;

/**
 * The Gamma-Gompertz/NBD model of Bemmaor &amp; Glady (2012), "Modeling purchasing behavior with
 * sudden 'death': a flexible customer lifetime model", Management Science 58(5), 1012–1021
 * (CLVTools' {@code ggomnbd}). Immutable, thread-safe and {@link java.io.Serializable}.
 *
 * <p>While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α). Its lifetime τ has
 * the Gompertz survival exp(−η(e^{bτ} − 1)), whose hazard η b e^{bτ} grows with age at rate b, and
 * η ~ Gamma(s, β) across customers, so that a new customer survives to τ with probability S(τ) =
 * (β/(β − 1 + e^{bτ}))^s. As b → 0 with β/b fixed the model tends to the Pareto/NBD with the same s
 * and β/b. The formulas are those of {@code GgompertzNbdFunctions} (B&amp;G eq. 6 for the
 * likelihood); every integral is computed by adaptive Gauss–Kronrod quadrature to a relative error
 * of 1e-12 (the {@code internal} {@code GaussKronrod}).
 *
 * <p>Customer histories are {@code frequency, recency, age}: Fader–Hardie's x, t_x and T in the
 * period the parameters are in, validated with the messages of {@link
 * CustomerHistories#validateRow}.
 */
public final class GgompertzNbdModel implements ContinuousPurchaseModel {
  private static final long serialVersionUID = 1L;

  /** The model's name in reports. */
  public static final String NAME = "GGompertz/NBD";

  /**
   * The model's type: id {@code "ggomnbd"}, the display name, parameters "r", "alpha", "b", "s",
   * "beta".
   */
  public static final ModelType<GgompertzNbdModel> TYPE =
      ModelType.of(
          "ggomnbd",
          NAME,
          GgompertzNbdModel.class,
          List.of("r", "alpha", "b", "s", "beta"),
          (parameters, report, extras) ->
              report == null
                  ? of(GgompertzNbdParameters.of(parameters))
                  : fitted(GgompertzNbdParameters.of(parameters), report),
          GgompertzNbdFitter::create);

  private final GgompertzNbdParameters parameters;
  private final FitReport report;
  private final transient GgompertzNbdFunctions functions;

  private GgompertzNbdModel(GgompertzNbdParameters parameters, FitReport report) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
    this.functions =
        new GgompertzNbdFunctions(
            parameters.r(), parameters.alpha(), parameters.b(), parameters.s(), parameters.beta());
  }

  /** A model with known parameters and no fit report. */
  public static GgompertzNbdModel of(GgompertzNbdParameters parameters) {
    return new GgompertzNbdModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them (made by {@link
   * GgompertzNbdFitter}).
   */
  public static GgompertzNbdModel fitted(GgompertzNbdParameters parameters, FitReport report) {
    return new GgompertzNbdModel(parameters, Checks.notNull("report", report));
  }

  /** The parameters. */
  public GgompertzNbdParameters parameters() {
    return parameters;
  }

  /** {@link #TYPE}. */
  @Override
  public ModelType<GgompertzNbdModel> type() {
    return TYPE;
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /** {@code r, alpha, b, s, beta}. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  /**
   * E[X(t)] = (r/α) ∫_0^t S(u) du with S(u) = (β/(β − 1 + e^{bu}))^s: the expected repeat purchases
   * of a new customer in its first t periods (CLVTools' {@code newcustomer} for this model);
   * B&amp;G's integration-by-parts form, (r/α)[t S(t) + b s β^s ∫_0^t u e^{bu}(β − 1 +
   * e^{bu})^{−(s+1)} du], is the same quantity.
   *
   * @param t horizon, finite and &gt;= 0
   */
  @Override
  public double expectedPurchases(double t) {
    Checks.nonNegative("t", t);
    return functions.expectedPurchases(t, new GgompertzNbdFunctions.Scratch());
  }

  /**
   * P(X(t) = n) = S(t) NB(n; t) + ∫_0^t f(τ) NB(n; τ) dτ, with NB(n; τ) = Γ(r+n)/(Γ(r) n!)
   * (α/(α+τ))^r (τ/(α+τ))^n and f the lifetime density: a new customer either outlives the horizon
   * or dies at τ having bought as an NBD customer until then.
   *
   * @param n number of repeat purchases, &gt;= 0
   * @param t horizon, finite and &gt;= 0
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.nonNegative("n", n);
    Checks.nonNegative("t", t);
    return functions.probabilityOfPurchases(n, t, new GgompertzNbdFunctions.Scratch());
  }

  /**
   * E[Y(t) | x, t_x, T] = P(alive) · (r+x)/(α+T) · ∫_0^t ((β − 1 + e^{bT})/(β − 1 + e^{b(T+u)}))^s
   * du: given alive at T, λ is Gamma(r+x, α+T) and η is Gamma(s, β − 1 + e^{bT}).
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
    return functions.conditionalExpectedPurchases(
        t, frequency, recency, age, new GgompertzNbdFunctions.Scratch());
  }

  /**
   * P(alive at T | x, t_x, T) = A / (A + C) with A = (β/(β − 1 + e^{bT}))^s (α+T)^{−(r+x)} and C =
   * b s β^s ∫_{t_x}^T e^{bτ} (α+τ)^{−(r+x)} (β − 1 + e^{bτ})^{−(s+1)} dτ (B&amp;G, appendix); 1
   * when t_x = T.
   */
  @Override
  public double probabilityAlive(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.probabilityAlive(frequency, recency, age, new GgompertzNbdFunctions.Scratch());
  }

  /**
   * Probability that the customer is still alive {@code t} periods after the end of observation:
   * P(alive) · ((β − 1 + e^{bT})/(β − 1 + e^{b(T+t)}))^s. Equals {@link #probabilityAlive(double,
   * double, double)} at t = 0 and falls with t.
   *
   * @param t periods after the end of observation, finite and &gt;= 0
   */
  public double probabilityAlive(double t, double frequency, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.probabilityAliveAt(
        t, frequency, recency, age, new GgompertzNbdFunctions.Scratch());
  }

  /** ln L(r, α, b, s, β | x, t_x, T) = ln Γ(r+x) − ln Γ(r) + r ln α + ln(A + C) (B&amp;G eq. 6). */
  @Override
  public double logLikelihood(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions.logLikelihood(frequency, recency, age, new GgompertzNbdFunctions.Scratch());
  }

  /** The log-likelihood of all customers: the weighted sum of the per-customer values. */
  @Override
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    GgompertzNbdFunctions.Scratch scratch = new GgompertzNbdFunctions.Scratch();
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      CustomerHistories.validateRow(data.frequency(i), data.recency(i), data.age(i), i);
      sum +=
          data.weight(i)
              * functions.logLikelihood(data.frequency(i), data.recency(i), data.age(i), scratch);
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
    GgompertzNbdFunctions.Scratch scratch = new GgompertzNbdFunctions.Scratch();
    for (int i = from; i < to; i++) {
      out[i] = functions.conditionalExpectedPurchases(t, frequency[i], recency[i], age[i], scratch);
    }
  }

  @Override
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    checkColumns(frequency, recency, age, out, from, to);
    GgompertzNbdFunctions.Scratch scratch = new GgompertzNbdFunctions.Scratch();
    for (int i = from; i < to; i++) {
      out[i] = functions.probabilityAlive(frequency[i], recency[i], age[i], scratch);
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
   * For example {@code GGompertz/NBD(r=0.5531, alpha=10.58, b=1.1e-06, s=0.6068, beta=1.3e-05)}.
   */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s(r=%.4g, alpha=%.4g, b=%.4g, s=%.4g, beta=%.4g)",
        NAME,
        parameters.r(),
        parameters.alpha(),
        parameters.b(),
        parameters.s(),
        parameters.beta());
  }

  /** Rebuilds the derived constants after deserialization. */
  private Object readResolve() {
    return new GgompertzNbdModel(parameters, report);
  }
}
