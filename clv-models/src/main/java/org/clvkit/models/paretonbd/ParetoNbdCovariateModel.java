package org.clvkit.models.paretonbd;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Discount;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateParameters;
import org.clvkit.models.internal.ProcessCoefficients;

/**
 * The Pareto/NBD with static covariates in CLVTools' parameterisation (Bachmann, Meierer &amp; Näf,
 * CLVTools, {@code pnbd} with static covariates): r and s are shared by all customers, and customer
 * i with covariate row z_i has the gamma scales
 *
 * <pre>
 * α_i = α₀ · exp(−γ_purchaseᵀ z_i),   β_i = β₀ · exp(−γ_dropoutᵀ z_i),
 * </pre>
 *
 * with z raw (no centring), so a positive coefficient means a higher mean purchase rate r/α_i or a
 * higher mean drop-out rate s/β_i. Every per-customer quantity is the Pareto/NBD's (Fader &amp;
 * Hardie 2005, note 009; Fader, Hardie &amp; Lee 2005 for DERT) evaluated with (r, α_i, s, β_i), by
 * the kernel of {@link ParetoNbdModel}: with all coefficients 0, α_i = α₀ and β_i = β₀ exactly and
 * every prediction equals the model without covariates bit for bit.
 *
 * <p>A covariate row is given in the order of {@link #covariateNames()} to the per-customer
 * methods; the batch methods take a {@link CovariateMatrix} and find the model's covariates in it
 * by name. Batch methods validate every row before writing and build one kernel per change of
 * covariate row (none per customer when consecutive customers share a row, as sorted categorical
 * data do). Immutable, thread-safe and {@link Serializable}.
 */
public final class ParetoNbdCovariateModel implements CovariateModel {
  private static final long serialVersionUID = 1L;

  private static final List<String> BASE = List.of("r", "alpha0", "s", "beta0");

  /**
   * The type {@code pnbd-covariates}: the base parameters r, alpha0, s, beta0 and the coefficients,
   * named {@code purchase.X} and {@code dropout.X}; its fitter is {@link ParetoNbdCovariateFitter}.
   * Not in {@link org.clvkit.models.ModelTypes#all()}: {@link
   * org.clvkit.models.ModelTypes#covariateTypes()} lists it.
   */
  public static final ModelType<ParetoNbdCovariateModel> TYPE =
      ModelType.ofCovariates(
          "pnbd-covariates",
          "Pareto/NBD with static covariates",
          ParetoNbdCovariateModel.class,
          BASE,
          "purchase",
          "dropout",
          ParetoNbdCovariateModel::restore,
          settings -> ParetoNbdCovariateFitter.create().withCovariateSettings(settings));

  private final ParetoNbdParameters parameters;
  private final List<String> purchaseCovariates;
  private final double[] purchaseCoefficients;
  private final List<String> dropoutCovariates;
  private final double[] dropoutCoefficients;
  private final CovariateFitReport report;
  private final FitReport sharedReport;
  private final transient List<String> parameterNames;
  private final transient CovariateLayout layout;
  private final transient double[] coefficients;
  private final transient ParetoNbdFunctions shared;

  private ParetoNbdCovariateModel(
      ParetoNbdParameters parameters,
      List<String> purchaseCovariates,
      double[] purchaseCoefficients,
      List<String> dropoutCovariates,
      double[] dropoutCoefficients,
      CovariateFitReport report,
      FitReport loadedReport) {
    this.parameters = Checks.notNull("parameters", parameters);
    ProcessCoefficients c =
        ProcessCoefficients.of(
            BASE,
            "purchase",
            purchaseCovariates,
            purchaseCoefficients,
            "dropout",
            dropoutCovariates,
            dropoutCoefficients);
    this.purchaseCovariates = c.firstCovariates();
    this.purchaseCoefficients = c.firstCoefficients();
    this.dropoutCovariates = c.secondCovariates();
    this.dropoutCoefficients = c.secondCoefficients();
    this.report = report;
    this.parameterNames = c.parameterNames();
    this.sharedReport = report != null ? report.fitReport(parameterNames) : loadedReport;
    this.layout = c.layout();
    this.coefficients = c.coefficients();
    this.shared =
        new ParetoNbdFunctions(
            parameters.r(), parameters.alpha(), parameters.s(), parameters.beta());
  }

  /**
   * A model from known parameters and coefficients.
   *
   * @param parameters r, α₀, s, β₀ (α₀ and β₀: the scales of a customer whose covariates are all 0)
   * @param purchaseCovariates names of the purchase covariates
   * @param purchaseCoefficients γ_purchase, one per purchase covariate, finite
   * @param dropoutCovariates names of the drop-out covariates
   * @param dropoutCoefficients γ_dropout, one per drop-out covariate, finite
   */
  public static ParetoNbdCovariateModel of(
      ParetoNbdParameters parameters,
      List<String> purchaseCovariates,
      double[] purchaseCoefficients,
      List<String> dropoutCovariates,
      double[] dropoutCoefficients) {
    return new ParetoNbdCovariateModel(
        parameters,
        purchaseCovariates,
        purchaseCoefficients,
        dropoutCovariates,
        dropoutCoefficients,
        null,
        null);
  }

  /** A fitted model with its report (made by {@link ParetoNbdCovariateFitter}). */
  public static ParetoNbdCovariateModel fitted(
      ParetoNbdParameters parameters,
      List<String> purchaseCovariates,
      double[] purchaseCoefficients,
      List<String> dropoutCovariates,
      double[] dropoutCoefficients,
      CovariateFitReport report) {
    return new ParetoNbdCovariateModel(
        parameters,
        purchaseCovariates,
        purchaseCoefficients,
        dropoutCovariates,
        dropoutCoefficients,
        Checks.notNull("report", report),
        null);
  }

  /** The model's name, the same as {@code type().name()}. */
  @Override
  public String name() {
    return "Pareto/NBD with static covariates";
  }

  /** r, α₀, s, β₀. */
  public ParetoNbdParameters parameters() {
    return parameters;
  }

  /**
   * How the model was fitted, in the shared form (estimates in the order of {@link
   * #parameterNames()}); empty for a model built from known values. A loaded model has it when it
   * was saved fitted.
   */
  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(sharedReport);
  }

  /** The covariate fit's own report; empty for a model built from known values or loaded. */
  @Override
  public Optional<CovariateFitReport> covariateFitReport() {
    return Optional.ofNullable(report);
  }

  @Override
  public ModelType<ParetoNbdCovariateModel> type() {
    return TYPE;
  }

  /**
   * The base parameters (r, alpha0, s, beta0), then {@code purchase.X} per purchase covariate and
   * {@code dropout.X} per dropout covariate.
   */
  @Override
  public List<String> parameterNames() {
    return parameterNames;
  }

  @Override
  public double[] parameterValues() {
    return CovariateParameters.values(
        parameters.toArray(), purchaseCoefficients, dropoutCoefficients);
  }

  /** The covariates a covariate row holds, in order: purchase ones, then drop-out-only ones. */
  public List<String> covariateNames() {
    return layout.names();
  }

  /** The purchase covariates. */
  public List<String> purchaseCovariates() {
    return purchaseCovariates;
  }

  /** γ_purchase (a copy). */
  public double[] purchaseCoefficients() {
    return purchaseCoefficients.clone();
  }

  /** The drop-out covariates. */
  public List<String> dropoutCovariates() {
    return dropoutCovariates;
  }

  /** γ_dropout (a copy). */
  public double[] dropoutCoefficients() {
    return dropoutCoefficients.clone();
  }

  /**
   * The Pareto/NBD parameters (r, α_i, s, β_i) of a customer with covariate row {@code row} (in the
   * order of {@link #covariateNames()}).
   */
  public ParetoNbdParameters parametersFor(double[] row) {
    checkRow(row);
    return new ParetoNbdParameters(parameters.r(), alphaOf(row, 0), parameters.s(), betaOf(row, 0));
  }

  /** The model without covariates of a customer with this covariate row. */
  public ParetoNbdModel modelFor(double[] row) {
    return ParetoNbdModel.of(parametersFor(row));
  }

  /** α_i = α₀ exp(−γ_purchaseᵀz): exactly α₀ when the index is 0. */
  private double alphaOf(double[] row, int offset) {
    return parameters.alpha() * Math.exp(-layout.purchaseIndex(coefficients, row, offset));
  }

  /** β_i = β₀ exp(−γ_dropoutᵀz). */
  private double betaOf(double[] row, int offset) {
    return parameters.beta() * Math.exp(-layout.dropoutIndex(coefficients, row, offset));
  }

  private ParetoNbdFunctions functions(double[] row) {
    checkRow(row);
    return new ParetoNbdFunctions(shared, alphaOf(row, 0), betaOf(row, 0));
  }

  private void checkRow(double[] row) {
    Checks.notNull("covariates", row);
    Checks.sameLength("covariates", row.length, "covariateNames", layout.columns());
    for (int j = 0; j < row.length; j++) {
      Checks.finite(Checks.indexed("covariates", j), row[j]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Per customer

  /** E[X(t)] of a new customer with this covariate row (see {@link ParetoNbdModel}). */
  public double expectedPurchases(double t, double[] row) {
    Checks.nonNegative("t", t);
    return functions(row).expectedPurchases(t);
  }

  /** P(alive | x, t_x, T, z) (see {@link ParetoNbdModel#probabilityAlive}). */
  public double probabilityAlive(double frequency, double recency, double age, double[] row) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions(row).probabilityAlive(frequency, recency, age);
  }

  /** E[Y(t) | x, t_x, T, z] (see {@link ParetoNbdModel#conditionalExpectedPurchases}). */
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age, double[] row) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions(row).conditionalExpectedPurchases(t, frequency, recency, age);
  }

  /**
   * DERT(δ | x, t_x, T, z) (see {@link ParetoNbdModel#conditionalDiscountedResidualPurchases(
   * Discount, double, double, double)}), δ the discount's continuous rate.
   */
  public double conditionalDiscountedResidualPurchases(
      Discount discount, double frequency, double recency, double age, double[] row) {
    double delta = Checks.notNull("discount", discount).continuousRate();
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions(row).discountedResidualPurchases(delta, frequency, recency, age);
  }

  /** ln L(r, α_i, s, β_i | x, t_x, T) (note 009, eq. 18–20). */
  public double logLikelihood(double frequency, double recency, double age, double[] row) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return functions(row).logLikelihood(frequency, recency, age);
  }

  /**
   * Σ w_i ln L_i over the histories, each customer's covariate row read from {@link
   * CustomerHistories#covariates()} (the model's covariates found there by name).
   *
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates or lack one
   *     of {@link #covariateNames()}
   */
  @Override
  public double logLikelihood(CustomerHistories data) {
    return logLikelihood(data, CovariateParameters.covariatesOf(data, name(), covariateNames()));
  }

  /** Σ w_i ln L_i over the customers, whose covariate rows are the rows of {@code covariates}. */
  public double logLikelihood(CustomerHistories data, CovariateMatrix covariates) {
    Checks.notNull("data", data);
    double[] z = rows(covariates, data.size());
    int k = layout.columns();
    double sum = 0;
    ParetoNbdFunctions f = null;
    double lastAlpha = Double.NaN;
    double lastBeta = Double.NaN;
    for (int i = 0; i < data.size(); i++) {
      double a = alphaOf(z, i * k);
      double b = betaOf(z, i * k);
      if (a != lastAlpha || b != lastBeta) {
        f = new ParetoNbdFunctions(shared, a, b);
        lastAlpha = a;
        lastBeta = b;
      }
      sum += data.weight(i) * f.logLikelihood(data.frequency(i), data.recency(i), data.age(i));
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------
  // Batch

  /** The kind of per-customer quantity of a batch call. */
  private enum Quantity {
    ALIVE,
    EXPECTED,
    DERT
  }

  /** Batch P(alive) over rows {@code [from, to)} into {@code out} at the same indices. */
  public void probabilityAlive(
      double[] frequency,
      double[] recency,
      double[] age,
      CovariateMatrix covariates,
      double[] out,
      int from,
      int to) {
    batch(Quantity.ALIVE, 0, frequency, recency, age, covariates, out, from, to);
  }

  /** Batch E[Y(t) | x, t_x, T, z] over rows {@code [from, to)}. */
  public void conditionalExpectedPurchases(
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      CovariateMatrix covariates,
      double[] out,
      int from,
      int to) {
    Checks.nonNegative("t", t);
    batch(Quantity.EXPECTED, t, frequency, recency, age, covariates, out, from, to);
  }

  /**
   * Batch DERT(δ | x, t_x, T, z) over rows {@code [from, to)}, δ the discount's continuous rate.
   */
  public void conditionalDiscountedResidualPurchases(
      Discount discount,
      double[] frequency,
      double[] recency,
      double[] age,
      CovariateMatrix covariates,
      double[] out,
      int from,
      int to) {
    double delta = Checks.notNull("discount", discount).continuousRate();
    batch(Quantity.DERT, delta, frequency, recency, age, covariates, out, from, to);
  }

  private void batch(
      Quantity quantity,
      double argument,
      double[] frequency,
      double[] recency,
      double[] age,
      CovariateMatrix covariates,
      double[] out,
      int from,
      int to) {
    Checks.notNull("frequency", frequency);
    Checks.notNull("recency", recency);
    Checks.notNull("age", age);
    Checks.notNull("out", out);
    Checks.sameLength("recency", recency.length, "frequency", frequency.length);
    Checks.sameLength("age", age.length, "frequency", frequency.length);
    Checks.range(from, to, frequency.length);
    Checks.range(from, to, out.length);
    double[] z = rows(covariates, frequency.length);
    for (int i = from; i < to; i++) {
      CustomerHistories.validateRow(frequency[i], recency[i], age[i], i);
    }
    int k = layout.columns();
    ParetoNbdFunctions f = null;
    double lastAlpha = Double.NaN;
    double lastBeta = Double.NaN;
    for (int i = from; i < to; i++) {
      double a = alphaOf(z, i * k);
      double b = betaOf(z, i * k);
      if (a != lastAlpha || b != lastBeta) {
        f = new ParetoNbdFunctions(shared, a, b);
        lastAlpha = a;
        lastBeta = b;
      }
      switch (quantity) {
        case ALIVE:
          out[i] = f.probabilityAlive(frequency[i], recency[i], age[i]);
          break;
        case EXPECTED:
          out[i] = f.conditionalExpectedPurchases(argument, frequency[i], recency[i], age[i]);
          break;
        default:
          out[i] = f.discountedResidualPurchases(argument, frequency[i], recency[i], age[i]);
          break;
      }
    }
  }

  /**
   * The model's covariate rows from a matrix with {@code expectedRows} rows: its values when its
   * columns are the model's, in order, otherwise the model's columns selected by name.
   */
  private double[] rows(CovariateMatrix covariates, int expectedRows) {
    Checks.notNull("covariates", covariates);
    Checks.sameLength("covariates rows", covariates.rows(), "customers", expectedRows);
    return covariates.names().equals(layout.names())
        ? covariates.values()
        : covariates.select(layout.names()).values();
  }

  /** For example {@code Pareto/NBD with static covariates(r=0.55, alpha0=10.6, ...)}. */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s(r=%.4g, alpha0=%.4g, s=%.4g, beta0=%.4g",
                name(),
                parameters.r(),
                parameters.alpha(),
                parameters.s(),
                parameters.beta()));
    for (int j = 0; j < purchaseCovariates.size(); j++) {
      out.append(
          String.format(
              Locale.ROOT,
              ", purchase.%s=%.4g",
              purchaseCovariates.get(j),
              purchaseCoefficients[j]));
    }
    for (int j = 0; j < dropoutCovariates.size(); j++) {
      out.append(
          String.format(
              Locale.ROOT, ", dropout.%s=%.4g", dropoutCovariates.get(j), dropoutCoefficients[j]));
    }
    return out.append(')').toString();
  }

  /** The model from its whole parameter list ({@link #TYPE}'s factory, used by model files). */
  private static ParetoNbdCovariateModel restore(
      List<String> names, double[] values, FitReport report) {
    CovariateParameters p = CovariateParameters.split(names, values, BASE, "purchase", "dropout");
    double[] v = p.base();
    return new ParetoNbdCovariateModel(
        new ParetoNbdParameters(v[0], v[1], v[2], v[3]),
        p.first(),
        p.firstValues(),
        p.second(),
        p.secondValues(),
        null,
        report);
  }

  /** Rebuilds the derived fields after deserialization. */
  private Object readResolve() {
    return new ParetoNbdCovariateModel(
        parameters,
        purchaseCovariates,
        purchaseCoefficients,
        dropoutCovariates,
        dropoutCoefficients,
        report,
        sharedReport);
  }
}
