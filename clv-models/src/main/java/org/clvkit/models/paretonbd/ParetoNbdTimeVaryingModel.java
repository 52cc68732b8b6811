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
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateParameters;
import org.clvkit.models.internal.ProcessCoefficients;

/**
 * The Pareto/NBD with time-varying covariates (Bachmann, Meierer &amp; Näf 2021, Marketing Science
 * 40(4); CLVTools' {@code pnbd} with dynamic covariates): r and s are shared; in period k of a
 * customer's covariates the purchase rate is λ·exp(γ_purchaseᵀx_k) and the drop-out rate
 * μ·exp(γ_dropoutᵀx_k), λ ~ Gamma(r, α₀), μ ~ Gamma(s, β₀). A positive coefficient means a higher
 * rate, as in {@link ParetoNbdCovariateModel}: with covariates constant over time this model is
 * that one (α_i = α₀ exp(−γ_purchaseᵀz_i), β_i = β₀ exp(−γ_dropoutᵀz_i)), and with all coefficients
 * 0 it is the {@link ParetoNbdModel} of (r, α₀, s, β₀).
 *
 * <p>The likelihood, with A(t) and C(t) the cumulative multipliers and t_1 .. t_x the repeat
 * purchase times, is (Bachmann, Meierer &amp; Näf 2021; CLVTools' {@code pnbd_dyncov_LL})
 *
 * <pre>
 * L = Γ(r+x)/Γ(r) α₀^r β₀^s Π_j a(t_j) [ (α₀+A(T))^−(r+x) (β₀+C(T))^−s
 *     + s ∫_{t_x}^T c(τ) (α₀+A(τ))^−(r+x) (β₀+C(τ))^−(s+1) dτ ],
 * </pre>
 *
 * the integral summed over periods, each a hypergeometric term as in Hardie's note 009 (as CLVTools
 * does per covariate "walk"). The factor Π_j a(t_j) needs the repeat purchases per period ({@link
 * TimeVaryingCovariates#withRepeatPurchases}); covariates without them give the likelihood of the
 * summary (x, t_x, T) alone, with (A(t_x)/t_x)^{x−1} a(t_x) (the density of the last purchase at
 * t_x relative to the constant rate) in its place, which equals it when the covariates are constant
 * between the first and the last purchase. P(alive), E[Y(t) | ·] and DERT do not depend on that
 * factor (it multiplies every term of the bracket) and are CLVTools' {@code pnbd_dyncov_palive},
 * CET and DECT. Predictions after the age T use the customer's periods after T, the last period's
 * covariates holding indefinitely: give the covariates of the prediction window as periods starting
 * at or after T.
 *
 * <p>Batch methods take the histories and {@link TimeVaryingCovariates} with the same customers in
 * the same order, find the model's covariates in them by name, and allocate work arrays once per
 * call (none per customer). Immutable, thread-safe and {@link Serializable}.
 */
public final class ParetoNbdTimeVaryingModel implements CovariateModel {
  private static final long serialVersionUID = 1L;

  private static final List<String> BASE = List.of("r", "alpha0", "s", "beta0");

  /**
   * The type {@code pnbd-time-varying}: the base parameters r, alpha0, s, beta0 and the
   * coefficients, named {@code purchase.X} and {@code dropout.X}; its fitter is {@link
   * ParetoNbdTimeVaryingFitter}. Not in {@link org.clvkit.models.ModelTypes#all()}: {@link
   * org.clvkit.models.ModelTypes#covariateTypes()} lists it.
   */
  public static final ModelType<ParetoNbdTimeVaryingModel> TYPE =
      ModelType.ofCovariates(
          "pnbd-time-varying",
          "Pareto/NBD with time-varying covariates",
          ParetoNbdTimeVaryingModel.class,
          BASE,
          "purchase",
          "dropout",
          ParetoNbdTimeVaryingModel::restore,
          settings -> ParetoNbdTimeVaryingFitter.create().withCovariateSettings(settings));

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
  private final transient ParetoNbdTimeVaryingKernel kernel;

  private ParetoNbdTimeVaryingModel(
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
    this.kernel =
        new ParetoNbdTimeVaryingKernel(
            parameters.r(), parameters.alpha(), parameters.s(), parameters.beta());
  }

  /**
   * A model from known parameters and coefficients.
   *
   * @param parameters r, α₀, s, β₀ (α₀ and β₀: the scales in a period whose covariates are all 0)
   * @param purchaseCovariates names of the purchase covariates
   * @param purchaseCoefficients γ_purchase, one per purchase covariate, finite
   * @param dropoutCovariates names of the drop-out covariates
   * @param dropoutCoefficients γ_dropout, one per drop-out covariate, finite
   */
  public static ParetoNbdTimeVaryingModel of(
      ParetoNbdParameters parameters,
      List<String> purchaseCovariates,
      double[] purchaseCoefficients,
      List<String> dropoutCovariates,
      double[] dropoutCoefficients) {
    return new ParetoNbdTimeVaryingModel(
        parameters,
        purchaseCovariates,
        purchaseCoefficients,
        dropoutCovariates,
        dropoutCoefficients,
        null,
        null);
  }

  /** A fitted model with its report (made by {@link ParetoNbdTimeVaryingFitter}). */
  public static ParetoNbdTimeVaryingModel fitted(
      ParetoNbdParameters parameters,
      List<String> purchaseCovariates,
      double[] purchaseCoefficients,
      List<String> dropoutCovariates,
      double[] dropoutCoefficients,
      CovariateFitReport report) {
    return new ParetoNbdTimeVaryingModel(
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
    return "Pareto/NBD with time-varying covariates";
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
  public ModelType<ParetoNbdTimeVaryingModel> type() {
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

  /** The covariates the model uses: the purchase covariates, then the other drop-out ones. */
  public List<String> covariateNames() {
    return layout.names();
  }

  /** The purchase covariates' names. */
  public List<String> purchaseCovariates() {
    return purchaseCovariates;
  }

  /** γ_purchase (a copy). */
  public double[] purchaseCoefficients() {
    return purchaseCoefficients.clone();
  }

  /** The drop-out covariates' names. */
  public List<String> dropoutCovariates() {
    return dropoutCovariates;
  }

  /** γ_dropout (a copy). */
  public double[] dropoutCoefficients() {
    return dropoutCoefficients.clone();
  }

  /**
   * Σ w_i ln L_i over the histories, each customer's covariate row read from {@link
   * CustomerHistories#covariates()} and held constant over time ({@link
   * TimeVaryingCovariates#constant}); per-period covariates go to {@link
   * #logLikelihood(CustomerHistories, TimeVaryingCovariates)}.
   *
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates or lack one
   *     of {@link #covariateNames()}
   */
  @Override
  public double logLikelihood(CustomerHistories data) {
    return logLikelihood(
        data,
        TimeVaryingCovariates.constant(
            CovariateParameters.covariatesOf(data, name(), covariateNames())));
  }

  /**
   * Σ w ln L over the customers: the likelihood of the purchase times when the covariates carry the
   * repeat purchases per period ({@link TimeVaryingCovariates#withRepeatPurchases}; CLVTools'
   * per-customer values exactly), else that of the summary, up to the constant of the summary's
   * purchase times, as for {@link ParetoNbdModel}.
   *
   * @param data the customers' histories (raw or weighted rows)
   * @param covariates one customer's periods per row of {@code data}
   * @throws org.clvkit.core.ClvArgumentException if the covariates do not match the histories or
   *     lack a model covariate
   */
  public double logLikelihood(CustomerHistories data, TimeVaryingCovariates covariates) {
    Checks.notNull("data", data);
    double[] out = new double[data.size()];
    batch(Quantity.LOG_LIKELIHOOD, 0, data, covariates, out);
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      sum += data.weight(i) * out[i];
    }
    return sum;
  }

  /** ln L of each customer into {@code out[i]}. */
  public void logLikelihood(
      CustomerHistories data, TimeVaryingCovariates covariates, double[] out) {
    batch(Quantity.LOG_LIKELIHOOD, 0, data, covariates, out);
  }

  /** P(alive at T | x, t_x, T, covariates) of each customer into {@code out[i]}. */
  public void probabilityAlive(
      CustomerHistories data, TimeVaryingCovariates covariates, double[] out) {
    batch(Quantity.ALIVE, 0, data, covariates, out);
  }

  /**
   * E[Y(t) | x, t_x, T, covariates], the expected purchases in (T, T+t], of each customer into
   * {@code out[i]}, with the customer's covariate periods after T (the last one holding
   * indefinitely).
   */
  public void conditionalExpectedPurchases(
      double t, CustomerHistories data, TimeVaryingCovariates covariates, double[] out) {
    Checks.nonNegative("t", Checks.finite("t", t));
    batch(Quantity.EXPECTED, t, data, covariates, out);
  }

  /**
   * DERT(δ | x, t_x, T, covariates), δ the discount's continuous rate per unit time, of each
   * customer into {@code out[i]}, with the customer's covariate periods after T (the last one
   * holding indefinitely).
   */
  public void conditionalDiscountedResidualPurchases(
      Discount discount, CustomerHistories data, TimeVaryingCovariates covariates, double[] out) {
    double delta = Checks.notNull("discount", discount).continuousRate();
    Checks.positive("discount rate", delta);
    batch(Quantity.DERT, delta, data, covariates, out);
  }

  private enum Quantity {
    LOG_LIKELIHOOD,
    ALIVE,
    EXPECTED,
    DERT
  }

  private void batch(
      Quantity quantity,
      double argument,
      CustomerHistories data,
      TimeVaryingCovariates covariates,
      double[] out) {
    Checks.notNull("data", data);
    Checks.notNull("covariates", covariates);
    Checks.notNull("out", out);
    int n = data.size();
    Checks.sameLength("covariates customers", covariates.customers(), "customers", n);
    Checks.sameLength("out", out.length, "customers", n);
    TimeVaryingCovariates used = covariates.select(layout.names());
    double[] starts = used.starts();
    double[] rows = used.values();
    double[] counts = used.repeatPurchases();
    int[] offsets = used.offsets();
    int k = layout.columns();
    int maxPeriods = 0;
    for (int i = 0; i < n; i++) {
      maxPeriods = Math.max(maxPeriods, offsets[i + 1] - offsets[i]);
    }
    double[] la = new double[starts.length];
    double[] lc = new double[starts.length];
    for (int p = 0; p < starts.length; p++) {
      la[p] = layout.purchaseIndex(coefficients, rows, p * k);
      lc[p] = layout.dropoutIndex(coefficients, rows, p * k);
    }
    double[] work = new double[ParetoNbdTimeVaryingKernel.workLength(maxPeriods)];
    double[] alive = new double[1];
    for (int i = 0; i < n; i++) {
      double x = data.frequency(i);
      double tx = data.recency(i);
      double age = data.age(i);
      int from = offsets[i];
      int to = offsets[i + 1];
      switch (quantity) {
        case LOG_LIKELIHOOD:
          out[i] =
              kernel.logLikelihood(
                  x, tx, age, starts, from, to, la, lc, counts, null, null, null, work, null);
          break;
        case ALIVE:
          kernel.logLikelihood(
              x, tx, age, starts, from, to, la, lc, null, null, null, null, work, alive);
          out[i] = alive[0];
          break;
        case EXPECTED:
          out[i] =
              kernel.conditionalExpectedPurchases(
                  argument, x, tx, age, starts, from, to, la, lc, work, alive);
          break;
        default:
          out[i] =
              kernel.discountedResidualPurchases(
                  argument, x, tx, age, starts, from, to, la, lc, work, alive);
          break;
      }
    }
  }

  /** For example {@code Pareto/NBD with time-varying covariates(r=0.55, alpha0=10.6, ...)}. */
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
  private static ParetoNbdTimeVaryingModel restore(
      List<String> names, double[] values, FitReport report) {
    CovariateParameters p = CovariateParameters.split(names, values, BASE, "purchase", "dropout");
    double[] v = p.base();
    return new ParetoNbdTimeVaryingModel(
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
    return new ParetoNbdTimeVaryingModel(
        parameters,
        purchaseCovariates,
        purchaseCoefficients,
        dropoutCovariates,
        dropoutCoefficients,
        report,
        sharedReport);
  }
}
