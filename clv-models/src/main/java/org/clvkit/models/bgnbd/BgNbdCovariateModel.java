package org.clvkit.models.bgnbd;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.internal.BgNbdFunctions;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateParameters;
import org.clvkit.models.internal.ProcessCoefficients;

/**
 * The BG/NBD with static covariates in CLVTools' parameterisation ({@code bgnbd} with static
 * covariates): r is shared, and customer i with covariate row z_i has
 *
 * <pre>
 * α_i = α₀ · exp(−γ_purchaseᵀ z_i),   a_i = a₀ · exp(γ_dropoutᵀ z_i),   b_i = b₀ · exp(γ_dropoutᵀ z_i),
 * </pre>
 *
 * with z raw: a positive purchase coefficient means a higher mean purchase rate; the drop-out
 * coefficients scale a and b together, so the mean drop-out probability a/(a+b) does not move with
 * z, only its spread (a positive coefficient concentrates it). Every per-customer quantity is the
 * BG/NBD's (Fader, Hardie &amp; Lee 2005) with (r, α_i, a_i, b_i), by the kernel of {@link
 * BgNbdModel}; with all coefficients 0 every prediction equals the model without covariates.
 *
 * <p>Rows are given in the order of {@link #covariateNames()} to the per-customer methods; the
 * batch methods find the model's covariates by name in a {@link CovariateMatrix} and build one
 * kernel per change of covariate row. Immutable, thread-safe and {@link Serializable}.
 */
public final class BgNbdCovariateModel implements CovariateModel {
  private static final long serialVersionUID = 1L;

  private static final List<String> BASE = List.of("r", "alpha0", "a0", "b0");

  /**
   * The type {@code bgnbd-covariates}: the base parameters r, alpha0, a0, b0 and the coefficients,
   * named {@code purchase.X} and {@code dropout.X}; its fitter is {@link BgNbdCovariateFitter}. Not
   * in {@link org.clvkit.models.ModelTypes#all()}: {@link
   * org.clvkit.models.ModelTypes#covariateTypes()} lists it.
   */
  public static final ModelType<BgNbdCovariateModel> TYPE =
      ModelType.ofCovariates(
          "bgnbd-covariates",
          "BG/NBD with static covariates",
          BgNbdCovariateModel.class,
          BASE,
          "purchase",
          "dropout",
          BgNbdCovariateModel::restore,
          settings -> BgNbdCovariateFitter.create().withCovariateSettings(settings));

  private final BgNbdParameters parameters;
  private final List<String> purchaseCovariates;
  private final double[] purchaseCoefficients;
  private final List<String> dropoutCovariates;
  private final double[] dropoutCoefficients;
  private final CovariateFitReport report;
  private final FitReport sharedReport;
  private final transient List<String> parameterNames;
  private final transient CovariateLayout layout;
  private final transient double[] coefficients;

  private BgNbdCovariateModel(
      BgNbdParameters parameters,
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
  }

  /**
   * A model from known values.
   *
   * @param parameters r, α₀, a₀, b₀ (those of a customer whose covariates are all 0)
   * @param purchaseCovariates names of the purchase covariates
   * @param purchaseCoefficients γ_purchase, finite
   * @param dropoutCovariates names of the drop-out covariates
   * @param dropoutCoefficients γ_dropout, finite
   */
  public static BgNbdCovariateModel of(
      BgNbdParameters parameters,
      List<String> purchaseCovariates,
      double[] purchaseCoefficients,
      List<String> dropoutCovariates,
      double[] dropoutCoefficients) {
    return new BgNbdCovariateModel(
        parameters,
        purchaseCovariates,
        purchaseCoefficients,
        dropoutCovariates,
        dropoutCoefficients,
        null,
        null);
  }

  /** A fitted model with its report (made by {@link BgNbdCovariateFitter}). */
  public static BgNbdCovariateModel fitted(
      BgNbdParameters parameters,
      List<String> purchaseCovariates,
      double[] purchaseCoefficients,
      List<String> dropoutCovariates,
      double[] dropoutCoefficients,
      CovariateFitReport report) {
    return new BgNbdCovariateModel(
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
    return "BG/NBD with static covariates";
  }

  /** r, α₀, a₀, b₀. */
  public BgNbdParameters parameters() {
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
  public ModelType<BgNbdCovariateModel> type() {
    return TYPE;
  }

  /**
   * The base parameters (r, alpha0, a0, b0), then {@code purchase.X} per purchase covariate and
   * {@code dropout.X} per dropout covariate.
   */
  @Override
  public List<String> parameterNames() {
    return parameterNames;
  }

  @Override
  public double[] parameterValues() {
    return CovariateParameters.values(
        new double[] {parameters.r(), parameters.alpha(), parameters.a(), parameters.b()},
        purchaseCoefficients,
        dropoutCoefficients);
  }

  /** The covariates of a row, in order: purchase ones, then drop-out-only ones. */
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

  /** (r, α_i, a_i, b_i) of a customer with this covariate row. */
  public BgNbdParameters parametersFor(double[] row) {
    checkRow(row);
    double scale = dropoutScale(row, 0);
    return new BgNbdParameters(
        parameters.r(), alphaOf(row, 0), parameters.a() * scale, parameters.b() * scale);
  }

  /** The model without covariates of a customer with this covariate row. */
  public BgNbdModel modelFor(double[] row) {
    return BgNbdModel.of(parametersFor(row));
  }

  private double alphaOf(double[] row, int offset) {
    return parameters.alpha() * Math.exp(-layout.purchaseIndex(coefficients, row, offset));
  }

  private double dropoutScale(double[] row, int offset) {
    return Math.exp(layout.dropoutIndex(coefficients, row, offset));
  }

  private BgNbdFunctions functions(double[] row) {
    BgNbdParameters p = parametersFor(row);
    return BgNbdFunctions.bgNbd(p.r(), p.alpha(), p.a(), p.b());
  }

  private void checkRow(double[] row) {
    Checks.notNull("covariates", row);
    Checks.sameLength("covariates", row.length, "covariateNames", layout.columns());
    for (int j = 0; j < row.length; j++) {
      Checks.finite(Checks.indexed("covariates", j), row[j]);
    }
  }

  /** E[X(t)] of a new customer with this covariate row (FHL 2005 eq. 9). */
  public double expectedPurchases(double t, double[] row) {
    return functions(row).expectedPurchases(t);
  }

  /** P(alive | x, t_x, T, z) (FHL 2008). */
  public double probabilityAlive(double frequency, double recency, double age, double[] row) {
    return functions(row).probabilityAlive(frequency, recency, age);
  }

  /** E[Y(t) | x, t_x, T, z] (FHL 2005 eq. 10). */
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age, double[] row) {
    return functions(row).conditionalExpectedPurchases(t, frequency, recency, age);
  }

  /** ln L(r, α_i, a_i, b_i | x, t_x, T) (FHL 2005 section 7). */
  public double logLikelihood(double frequency, double recency, double age, double[] row) {
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
    BgNbdFunctions f = null;
    double lastAlpha = Double.NaN;
    double lastScale = Double.NaN;
    for (int i = 0; i < data.size(); i++) {
      double alpha = alphaOf(z, i * k);
      double scale = dropoutScale(z, i * k);
      if (alpha != lastAlpha || scale != lastScale) {
        f =
            BgNbdFunctions.bgNbd(
                parameters.r(), alpha, parameters.a() * scale, parameters.b() * scale);
        lastAlpha = alpha;
        lastScale = scale;
      }
      sum += data.weight(i) * f.logLikelihood(data.frequency(i), data.recency(i), data.age(i));
    }
    return sum;
  }

  /**
   * Batch P(alive) over rows {@code [from, to)}; every row is validated before anything is written.
   */
  public void probabilityAlive(
      double[] frequency,
      double[] recency,
      double[] age,
      CovariateMatrix covariates,
      double[] out,
      int from,
      int to) {
    batch(-1, frequency, recency, age, covariates, out, from, to);
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
    batch(t, frequency, recency, age, covariates, out, from, to);
  }

  /** P(alive) when {@code t < 0}, else E[Y(t) | ...]. */
  private void batch(
      double t,
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
    BgNbdFunctions f = null;
    double lastAlpha = Double.NaN;
    double lastScale = Double.NaN;
    for (int i = from; i < to; i++) {
      double alpha = alphaOf(z, i * k);
      double scale = dropoutScale(z, i * k);
      if (alpha != lastAlpha || scale != lastScale) {
        f =
            BgNbdFunctions.bgNbd(
                parameters.r(), alpha, parameters.a() * scale, parameters.b() * scale);
        lastAlpha = alpha;
        lastScale = scale;
      }
      out[i] =
          t < 0
              ? f.probabilityAlive(frequency[i], recency[i], age[i])
              : f.conditionalExpectedPurchases(t, frequency[i], recency[i], age[i]);
    }
  }

  private double[] rows(CovariateMatrix covariates, int expectedRows) {
    Checks.notNull("covariates", covariates);
    Checks.sameLength("covariates rows", covariates.rows(), "customers", expectedRows);
    return covariates.names().equals(layout.names())
        ? covariates.values()
        : covariates.select(layout.names()).values();
  }

  /** For example {@code BG/NBD with static covariates(r=0.24, alpha0=4.41, ...)}. */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s(r=%.4g, alpha0=%.4g, a0=%.4g, b0=%.4g",
                name(),
                parameters.r(),
                parameters.alpha(),
                parameters.a(),
                parameters.b()));
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
  private static BgNbdCovariateModel restore(
      List<String> names, double[] values, FitReport report) {
    CovariateParameters p = CovariateParameters.split(names, values, BASE, "purchase", "dropout");
    double[] v = p.base();
    return new BgNbdCovariateModel(
        new BgNbdParameters(v[0], v[1], v[2], v[3]),
        p.first(),
        p.firstValues(),
        p.second(),
        p.secondValues(),
        null,
        report);
  }

  private Object readResolve() {
    return new BgNbdCovariateModel(
        parameters,
        purchaseCovariates,
        purchaseCoefficients,
        dropoutCovariates,
        dropoutCoefficients,
        report,
        sharedReport);
  }
}
