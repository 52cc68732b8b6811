package org.clvkit.models.gammagamma;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;

/**
 * A Gamma-Gamma model of monetary value with known or fitted parameters: the population mean spend
 * per transaction and each customer's expected spend per transaction given the number and mean
 * value of their repeat transactions. Immutable, thread-safe and {@link Serializable}.
 *
 * <p>A customer's history enters as {@code frequency} (x, the number of repeat transactions, the
 * first purchase not counted) and {@code monetaryValue} (m̄, the mean value of those x
 * transactions); a customer with x = 0 has no spend history and gets the population mean whatever
 * m̄ says.
 *
 * <p>The conditional expectation is a weighted average of the population mean and the customer's
 * own mean (Fader, Hardie and Lee 2005, "RFM and CLV", JMR 42; Fader and Hardie 2013, "The
 * Gamma-Gamma model of monetary value"):
 *
 * <pre>
 * E[M | x, m̄] = (γ + x m̄) p / (p x + q − 1) = ω m̄ + (1 − ω) pγ/(q − 1),  ω = p x / (p x + q − 1)
 * </pre>
 *
 * It exists when p x + q &gt; 1 (for every customer when q &gt; 1); the methods throw a {@link
 * org.clvkit.core.ClvArgumentException} for customers where it does not, rather than return ∞.
 *
 * <p>Batch methods validate their rows once, share their kernel with the per-customer method and
 * give the per-customer results bit for bit.
 */
public final class GammaGammaModel implements Model {
  private static final long serialVersionUID = 1L;

  /** The model's name in reports. */
  public static final String NAME = "Gamma-Gamma";

  /**
   * The model's type: id {@code "gg"}, name {@code "Gamma-Gamma"}, parameters {@code p, q, gamma},
   * and the extra number {@code customersLeftOut} that model files keep.
   */
  public static final ModelType<GammaGammaModel> TYPE =
      ModelType.of(
              "gg",
              NAME,
              GammaGammaModel.class,
              List.of("p", "q", "gamma"),
              GammaGammaModel::restore,
              GammaGammaFitter::create)
          .withExtras(List.of("customersLeftOut"), m -> new double[] {m.customersLeftOut()});

  private final GammaGammaParameters parameters;
  private final FitReport report;
  private final double customersLeftOut;
  // Constants of the kernel, derived from the parameters.
  private final double p;
  private final double pGamma;
  private final double qMinusOne;
  private final double logNormaliserQ;

  GammaGammaModel(GammaGammaParameters parameters, FitReport report, double customersLeftOut) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
    this.customersLeftOut = Checks.nonNegative("customersLeftOut", customersLeftOut);
    this.p = parameters.p();
    this.pGamma = parameters.p() * parameters.gamma();
    this.qMinusOne = parameters.q() - 1;
    this.logNormaliserQ =
        parameters.q() * Math.log(parameters.gamma()) - Gamma.logGamma(parameters.q());
  }

  /**
   * A model with known parameters and no fit report.
   *
   * @param parameters p, q, γ
   */
  public static GammaGammaModel of(GammaGammaParameters parameters) {
    return new GammaGammaModel(parameters, null, 0);
  }

  /**
   * A model with parameters and the report of the fit that produced them: made by {@link
   * GammaGammaFitter}, and by {@link org.clvkit.models.io.ModelFiles} when it loads a saved fitted
   * model.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   * @param customersLeftOut customers of the fitting data the fit left out (see {@link
   *     #customersLeftOut()}), finite and &gt;= 0
   */
  public static GammaGammaModel fitted(
      GammaGammaParameters parameters, FitReport report, double customersLeftOut) {
    return new GammaGammaModel(parameters, Checks.notNull("report", report), customersLeftOut);
  }

  private static GammaGammaModel restore(double[] values, FitReport report, double[] extras) {
    GammaGammaParameters parameters = GammaGammaParameters.of(values);
    if (report == null && extras[0] != 0) {
      throw Checks.fail("customersLeftOut = %s must be 0 for a model without a fit", extras[0]);
    }
    return report == null ? of(parameters) : fitted(parameters, report, extras[0]);
  }

  /** The model's parameters. */
  public GammaGammaParameters parameters() {
    return parameters;
  }

  @Override
  public ModelType<GammaGammaModel> type() {
    return TYPE;
  }

  /** {@code p, q, gamma}. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  /**
   * The weighted sum of {@link #logLikelihood(double, double)} over the rows of {@code data} with
   * frequency &gt; 0 and monetary value &gt; 0 (the rows the fit uses).
   *
   * @param data histories with a monetary-value column
   */
  @Override
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    double[] m = data.monetaryValueColumn();
    double total = 0;
    for (int i = 0; i < data.size(); i++) {
      if (data.weight(i) > 0 && data.frequency(i) > 0 && m[i] > 0) {
        total += data.weight(i) * logLikelihood(data.frequency(i), m[i]);
      }
    }
    return total;
  }

  /** How the model was fitted; empty when it was built from known parameters. */
  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /**
   * The number of customers (sum of weights) of the fitting data that the fit left out because they
   * had no repeat transaction with a positive value (frequency = 0 or monetary value = 0); 0 for a
   * model built from known parameters.
   */
  public double customersLeftOut() {
    return customersLeftOut;
  }

  /**
   * The population mean spend per transaction, E[Z] = pγ/(q − 1) (Fader and Hardie 2013, eq. 4):
   * the expected spend per transaction of a customer with no repeat transactions yet, and of a
   * customer not yet acquired (CLVTools' {@code newcustomer.spending}). Equal to {@code
   * conditionalExpectedSpend(0, 0)}. A new customer's expected value multiplies it by the purchase
   * model's {@link org.clvkit.models.PurchaseModel#expectedPurchases(double)} ({@link
   * org.clvkit.models.clv.CustomerLifetimeValue#expectedValue} adds margin and discounting).
   *
   * @throws org.clvkit.core.ClvArgumentException when q &lt;= 1 (the message names p and q): the
   *     mean is then infinite
   */
  public double expectedSpend() {
    return conditionalExpectedSpend(0, 0);
  }

  /**
   * A customer's expected spend per transaction given their history, E[M | x, m̄] (see the class
   * comment). Lies between the population mean and m̄ when q &gt; 1, nearer m̄ the more
   * transactions the customer made.
   *
   * @param frequency number of repeat transactions x, a whole number &gt;= 0
   * @param monetaryValue mean value m̄ of those transactions, finite and &gt;= 0 (ignored when x =
   *     0)
   * @throws org.clvkit.core.ClvArgumentException for bad input, or when p x + q &lt;= 1 (no finite
   *     expectation)
   */
  public double conditionalExpectedSpend(double frequency, double monetaryValue) {
    validate(frequency, monetaryValue, -1);
    return checkedSpend(frequency, monetaryValue, -1);
  }

  /**
   * Batch form of {@link #conditionalExpectedSpend(double, double)} over rows {@code [from, to)},
   * written into {@code out} at the same indices. All rows are validated before any is computed.
   *
   * @param frequency repeat transactions per customer
   * @param monetaryValue mean repeat transaction value per customer
   * @param out receives the expected spend per transaction; modified in {@code [from, to)}
   * @param from first row
   * @param to one past the last row
   */
  public void conditionalExpectedSpend(
      double[] frequency, double[] monetaryValue, double[] out, int from, int to) {
    validateRows(frequency, monetaryValue, from, to);
    Checks.notNull("out", out);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      out[i] = checkedSpend(frequency[i], monetaryValue[i], i);
    }
  }

  /**
   * Batch form of {@link #conditionalExpectedSpend(double, double)} over all rows, as a new array.
   */
  public double[] conditionalExpectedSpend(double[] frequency, double[] monetaryValue) {
    Checks.notNull("frequency", frequency);
    double[] out = new double[frequency.length];
    conditionalExpectedSpend(frequency, monetaryValue, out, 0, frequency.length);
    return out;
  }

  /**
   * The log-density of a repeat customer's mean transaction value m̄ given their number of
   * transactions x, the quantity the fit maximises summed over customers (Fader and Hardie 2013):
   *
   * <pre>
   * log f(m̄ | p, q, γ; x) = log Γ(px + q) − log Γ(px) − log Γ(q) + q log γ + px log x
   *                          + (px − 1) log m̄ − (px + q) log(γ + x m̄)
   * </pre>
   *
   * @param frequency number of repeat transactions x, a whole number &gt; 0
   * @param monetaryValue mean value m̄ of those transactions, finite and &gt; 0
   */
  public double logLikelihood(double frequency, double monetaryValue) {
    Checks.count("frequency", frequency);
    Checks.positive("frequency", frequency);
    Checks.positive("monetaryValue", monetaryValue);
    double px = p * frequency;
    double q = parameters.q();
    return Gamma.logGamma(px + q)
        - Gamma.logGamma(px)
        + logNormaliserQ
        + px * Math.log(frequency)
        + (px - 1) * Math.log(monetaryValue)
        - (px + q) * Math.log(parameters.gamma() + frequency * monetaryValue);
  }

  /**
   * Checks a customer's input for the spend methods with the messages shared across the package.
   *
   * @param row the row for the message, or -1 for a single customer
   */
  private void validate(double frequency, double monetaryValue, int row) {
    // Fast acceptance; the messages are built only for a row that fails.
    if (frequency >= 0
        && frequency < Double.POSITIVE_INFINITY
        && frequency == Math.rint(frequency)
        && monetaryValue >= 0
        && monetaryValue < Double.POSITIVE_INFINITY
        && p * frequency + qMinusOne > 0) {
      return;
    }
    String f = row < 0 ? "frequency" : Checks.indexed("frequency", row);
    Checks.count(f, frequency);
    Checks.nonNegative(
        row < 0 ? "monetaryValue" : Checks.indexed("monetaryValue", row), monetaryValue);
    throw Checks.fail(
        "%s = %s has no finite expected spend: it needs p * frequency + q > 1, with p = %s and"
            + " q = %s",
        f, frequency, parameters.p(), parameters.q());
  }

  /**
   * Checks rows {@code [from, to)} of the spend columns exactly as {@link
   * #conditionalExpectedSpend(double[], double[], double[], int, int)} does, without computing: for
   * callers that combine the expected spend with other per-row quantities (such as CLV) and want
   * every row checked before any is computed.
   *
   * @param frequency repeat transactions per customer
   * @param monetaryValue mean repeat transaction value per customer
   * @param from first row
   * @param to one past the last row
   * @throws org.clvkit.core.ClvArgumentException naming the first bad row
   */
  public void validateRows(double[] frequency, double[] monetaryValue, int from, int to) {
    Checks.notNull("frequency", frequency);
    Checks.notNull("monetaryValue", monetaryValue);
    Checks.sameLength("monetaryValue", monetaryValue.length, "frequency", frequency.length);
    Checks.range(from, to, frequency.length);
    for (int i = from; i < to; i++) {
      validate(frequency[i], monetaryValue[i], i);
    }
  }

  /** The kernel on validated input, with an overflow check (possible only for extreme inputs). */
  double checkedSpend(double frequency, double monetaryValue, int row) {
    double value = spend(frequency, monetaryValue);
    if (!(value < Double.POSITIVE_INFINITY)) {
      throw Checks.fail(
          "conditional expected spend of %s = %s, %s = %s overflows",
          row < 0 ? "frequency" : Checks.indexed("frequency", row),
          frequency,
          row < 0 ? "monetaryValue" : Checks.indexed("monetaryValue", row),
          monetaryValue);
    }
    return value;
  }

  /** The kernel: E[M | x, m̄] = pγ/d + (px/d) m̄ with d = px + q − 1 &gt; 0 (validated). */
  private double spend(double frequency, double monetaryValue) {
    double px = p * frequency;
    double inverse = 1 / (px + qMinusOne);
    return pGamma * inverse + px * inverse * monetaryValue;
  }

  /** Re-derives the kernel constants (and re-validates) on deserialization. */
  private Object readResolve() {
    return new GammaGammaModel(parameters, report, customersLeftOut);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s(p = %s, q = %s, gamma = %s%s)",
        NAME,
        parameters.p(),
        parameters.q(),
        parameters.gamma(),
        report == null ? "" : ", fitted on " + report.customers() + " customers");
  }
}
