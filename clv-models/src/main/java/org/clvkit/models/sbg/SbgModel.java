package org.clvkit.models.sbg;

import java.io.ObjectStreamException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.special.Beta;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.Hypergeometric;

/**
 * A shifted-beta-geometric (sBG) retention model with known or fitted parameters (Fader &amp;
 * Hardie 2007, "How to project customer retention", J. Interactive Marketing 21(1); Fader &amp;
 * Hardie 2010, "Customer-base valuation in a contractual setting: the perils of ignoring
 * heterogeneity", Marketing Science 29(1)). Immutable, thread-safe and {@link
 * java.io.Serializable}.
 *
 * <p>A customer's lifetime T is the number of periods it pays for: it joins at the start of period
 * 1 and, at the end of each period, leaves with probability θ or renews, θ ~ Beta(α, β). Then
 *
 * <ul>
 *   <li>{@code P(T = t) = B(α+1, β+t−1) / B(α, β)}, t = 1, 2, … (eq. 2 of the 2007 paper);
 *   <li>{@code S(t) = P(T > t) = B(α, β+t) / B(α, β)}, the share of a cohort still a customer after
 *       t periods, S(0) = 1 (eq. 3);
 *   <li>{@code r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1)}, the retention rate of period t, which rises
 *       with t because the customers most likely to leave leave first (eq. 4).
 * </ul>
 *
 * <p>Example: the survival curve of Fader &amp; Hardie's "regular" segment, fed into the discounted
 * CLV of {@code org.clvkit.core.value}:
 *
 * <pre>{@code
 * SbgModel model = SbgModel.of(new SbgParameters(0.704, 1.182));
 * double[] survival = model.survivalCurve(12);           // S(1) … S(12)
 * RetentionCurveClv clv = RetentionCurveClv.builder()
 *     .margins(margins12).survival(survival).discount(0.10)
 *     .timing(CashFlowTiming.START_OF_PERIOD).build();
 * double derl = model.discountedExpectedResidualLifetime(0.10, 3);  // renewed twice
 * }</pre>
 */
public final class SbgModel implements Model {
  private static final long serialVersionUID = 1L;

  /** The model's name in reports. */
  public static final String NAME = "sBG";

  /** The model's type: id {@code "sbg"}, name {@code "sBG"}, parameters {@code alpha, beta}. */
  public static final ModelType<SbgModel> TYPE =
      ModelType.of(
          "sbg",
          NAME,
          SbgModel.class,
          List.of("alpha", "beta"),
          (parameters, report, extras) ->
              report == null
                  ? of(SbgParameters.of(parameters))
                  : fitted(SbgParameters.of(parameters), report),
          SbgFitter::create);

  private final SbgParameters parameters;
  private final FitReport report;
  private final transient double logBetaAlphaBeta;

  private SbgModel(SbgParameters parameters, FitReport report) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
    this.logBetaAlphaBeta = Beta.logBeta(parameters.alpha(), parameters.beta());
  }

  /**
   * A model with known parameters and no fit report.
   *
   * @param parameters alpha, beta
   */
  public static SbgModel of(SbgParameters parameters) {
    return new SbgModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them: made by {@link
   * SbgFitter}, and by {@link org.clvkit.models.io.ModelFiles} when it loads a saved fitted model.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static SbgModel fitted(SbgParameters parameters, FitReport report) {
    return new SbgModel(parameters, Checks.notNull("report", report));
  }

  /** Recomputes the cached constant (and re-validates) after deserialization. */
  private Object readResolve() throws ObjectStreamException {
    return new SbgModel(parameters, report);
  }

  @Override
  public ModelType<SbgModel> type() {
    return TYPE;
  }

  /** The parameters. */
  public SbgParameters parameters() {
    return parameters;
  }

  /** The parameters in the order {@code alpha, beta}, as a copy. */
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
   * Survival S(t) = B(α, β+t)/B(α, β): the probability that a new customer is still a customer
   * after t periods (has renewed t times), eq. (3) of Fader &amp; Hardie (2007). S(0) = 1;
   * non-increasing.
   *
   * @param t number of periods, &gt;= 0
   */
  public double survival(int t) {
    Checks.nonNegative("t", t);
    return survivalOf(t);
  }

  private double survivalOf(double t) {
    if (t == 0) {
      return 1.0;
    }
    return Math.exp(Beta.logBeta(parameters.alpha(), parameters.beta() + t) - logBetaAlphaBeta);
  }

  /**
   * Probability that a new customer's lifetime is exactly t periods, P(T = t) = B(α+1, β+t−1)/B(α,
   * β) = S(t−1) − S(t), eq. (2) of Fader &amp; Hardie (2007).
   *
   * @param t lifetime in periods, &gt; 0
   */
  public double probabilityOfChurn(int t) {
    Checks.positive("t", t);
    double a = parameters.alpha();
    double b = parameters.beta();
    return Math.exp(Beta.logBeta(a + 1, b + t - 1) - logBetaAlphaBeta);
  }

  /**
   * Retention rate of period t, r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), eq. (4) of Fader &amp;
   * Hardie (2007): the share of the customers active in period t who renew at its end.
   * Non-decreasing in t, towards 1.
   *
   * @param t period, &gt; 0
   */
  public double retention(int t) {
    Checks.positive("t", t);
    double b = parameters.beta();
    int renewals = t - 1;
    return (b + renewals) / (parameters.alpha() + b + renewals);
  }

  /**
   * The survival curve S(1) … S(periods) (S(0) = 1 left out), in the form {@link
   * org.clvkit.core.value.RetentionCurveClv.Builder#survival(double...)} takes; computed as the
   * running product of the retention rates.
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
    double a = parameters.alpha();
    double b = parameters.beta() + n - 1;
    double[] out = new double[periods];
    double s = 1;
    for (int t = 0; t < periods; t++) {
      s *= (b + t) / (a + b + t);
      out[t] = s;
    }
    return out;
  }

  /**
   * The retention rates r(1) … r(periods), in the form {@link
   * org.clvkit.core.value.RetentionCurveClv.Builder#retentionRates(double...)} takes.
   *
   * @param periods number of periods, &gt;= 0
   * @return a new array of length {@code periods}
   */
  public double[] retentionCurve(int periods) {
    Checks.nonNegative("periods", periods);
    double a = parameters.alpha();
    double b = parameters.beta();
    double[] out = new double[periods];
    for (int t = 0; t < periods; t++) {
      out[t] = (b + t) / (a + b + t);
    }
    return out;
  }

  /**
   * Expected survivors of a cohort after 0 … periods periods, {@code cohort · S(t)}: the projection
   * of Fader &amp; Hardie (2007), Figure 3, beyond the periods the model was fitted on.
   *
   * @param cohort cohort size at period 0, finite and &gt;= 0
   * @param periods last period to project, &gt;= 0
   * @return a new array of length {@code periods + 1}, entry t the expected number still active
   *     after t periods
   */
  public double[] expectedSurvivors(double cohort, int periods) {
    Checks.nonNegative("cohort", cohort);
    Checks.nonNegative("periods", periods);
    double[] out = new double[periods + 1];
    out[0] = cohort;
    double[] curve = survivalCurve(periods);
    for (int t = 0; t < periods; t++) {
      out[t + 1] = cohort * curve[t];
    }
    return out;
  }

  /**
   * Expected lifetime of a new customer in periods, E[T] = Σ_{t&gt;=0} S(t) = E[1/θ] =
   * (α+β−1)/(α−1) when α &gt; 1. When α &lt;= 1 the Beta(α, β) density does not vanish fast enough
   * at θ = 0 (too many customers almost never leave) and E[T] is infinite: this method then returns
   * {@link Double#POSITIVE_INFINITY}. The discounted lifetime {@link
   * #discountedExpectedLifetime(double)} is finite for every α.
   */
  public double expectedLifetime() {
    double a = parameters.alpha();
    if (a <= 1) {
      return Double.POSITIVE_INFINITY;
    }
    return (a + parameters.beta() - 1) / (a - 1);
  }

  /**
   * Discounted expected lifetime of a new customer, DEL(d) = Σ_{t&gt;=0} S(t)/(1+d)^t = ₂F₁(1, β;
   * α+β; 1/(1+d)) (Fader &amp; Hardie 2010, eq. 5): the present value, at the start, of one unit
   * paid at the start of every period the customer is active.
   *
   * <p>Any positive rate is accepted. As d → 0, DEL tends to {@link #expectedLifetime()},
   * (α+β−1)/(α−1) when α &gt; 1; when α &lt;= 1 that is infinite and DEL grows like d^(α−1). The
   * ₂F₁ is evaluated from {@code 1 − z = d/(1+d)} without loss near z = 1 (see {@code
   * org.clvkit.models.internal.Hypergeometric}).
   *
   * @param discountRate discount rate per period d, finite and &gt; 0
   * @return DEL, &gt;= 1
   * @throws ArithmeticException in the unlikely case that the ₂F₁ cannot converge
   */
  public double discountedExpectedLifetime(double discountRate) {
    Checks.positive("discountRate", discountRate);
    double b = parameters.beta();
    return Math.exp(
        Hypergeometric.log2F1OneMinus(
            1, b, parameters.alpha() + b, discountRate / (1 + discountRate)));
  }

  /**
   * Discounted expected residual lifetime of a customer who has renewed n − 1 times, DERL(d, n) =
   * Σ_{t&gt;=n} S(t)/S(n−1) · (1+d)^{−(t−n)} = B(α, β+n)/B(α, β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d))
   * (Fader &amp; Hardie 2010, eq. 6): the expected number of its future renewal payments, the first
   * (at the start of period n+1) undiscounted and each later one discounted by a further 1/(1+d),
   * as the paper writes it. Multiplied by the margin per period it is the customer's residual
   * value.
   *
   * <p>Any positive rate is accepted. As d → 0, DERL tends to the undiscounted expected number of
   * renewals, (β+n−1)/(α−1), when α &gt; 1; when α &lt;= 1 that is infinite and DERL grows like
   * d^(α−1).
   *
   * @param discountRate discount rate per period d, finite and &gt; 0
   * @param n the customer's current period (n − 1 renewals so far), &gt; 0
   * @return DERL, &gt; 0
   * @throws ArithmeticException in the unlikely case that the ₂F₁ cannot converge
   */
  public double discountedExpectedResidualLifetime(double discountRate, int n) {
    Checks.positive("discountRate", discountRate);
    Checks.positive("n", n);
    return derl(discountRate / (1 + discountRate), n);
  }

  /**
   * Batch form of {@link #discountedExpectedResidualLifetime(double, int)} over customers {@code
   * [from, to)}, each with its current period in {@code n}, written into {@code out} at the same
   * indices; bit for bit the per-customer values.
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
      if (!(v >= 1 && v == Math.rint(v) && v < Double.POSITIVE_INFINITY)) {
        // Only a bad row builds its indexed name.
        String name = Checks.indexed("n", i);
        Checks.count(name, v);
        Checks.positive(name, v);
      }
    }
    double oneMinusZ = discountRate / (1 + discountRate);
    for (int i = from; i < to; i++) {
      out[i] = derl(oneMinusZ, n[i]);
    }
  }

  /** (b−1)/(a+b−1) · ₂F₁(1, b; a+b; z) with b = β+n, from 1 − z = d/(1+d). */
  private double derl(double oneMinusZ, double n) {
    double a = parameters.alpha();
    double b = parameters.beta() + n;
    return (b - 1) / (a + b - 1) * Math.exp(Hypergeometric.log2F1OneMinus(1, b, a + b, oneMinusZ));
  }

  /**
   * The log-likelihood of contract histories, read as {@link SbgFitter#fit(CustomerHistories)}
   * reads them: a row with x renewals in n = age opportunities churned in period x + 1 when x &lt;
   * n (probability P(T = x + 1)) and is still a customer otherwise (probability S(n)); weighted
   * sum.
   *
   * @param data contract histories (recency = frequency, whole numbers)
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
                * Math.log(
                    renewals < opportunities
                        ? probabilityOfChurn(renewals + 1)
                        : survival(opportunities));
      }
    }
    return total;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "sBG(alpha=%s, beta=%s%s)",
        parameters.alpha(),
        parameters.beta(),
        report == null ? "" : ", fitted on " + Math.round(report.customers()) + " customers");
  }
}
