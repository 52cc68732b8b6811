package org.clvkit.models.sbg;

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
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateParameters;
import org.clvkit.models.internal.ProcessCoefficients;

/**
 * The shifted-beta-geometric model with covariates (the shape of pymc-marketing's sBG with
 * covariates: the Beta's parameters shifted through log links): customer i with covariate row z_i
 * has a churn probability θ_i ~ Beta(α_i, β_i) with
 *
 * <pre>
 * α_i = α₀ · exp(γ_αᵀ z_i),   β_i = β₀ · exp(γ_βᵀ z_i),
 * </pre>
 *
 * z raw; a positive α coefficient raises the mean churn probability α/(α+β), a positive β
 * coefficient lowers it. Every per-customer quantity is the sBG's (Fader &amp; Hardie 2007, 2010)
 * with (α_i, β_i), by {@link SbgModel}; with all coefficients 0, α_i = α₀ and β_i = β₀ exactly.
 * Rows are given in the order of {@link #covariateNames()}; the batch DERL finds the model's
 * covariates by name in a {@link CovariateMatrix}. Immutable, thread-safe and {@link Serializable}.
 */
public final class SbgCovariateModel implements CovariateModel {
  private static final long serialVersionUID = 1L;

  private static final List<String> BASE = List.of("alpha0", "beta0");

  /**
   * The type {@code sbg-covariates}: the base parameters alpha0, beta0 and the coefficients, named
   * {@code alpha.X} and {@code beta.X}; its fitter is {@link SbgCovariateFitter}. Not in {@link
   * org.clvkit.models.ModelTypes#all()}: {@link org.clvkit.models.ModelTypes#covariateTypes()}
   * lists it.
   */
  public static final ModelType<SbgCovariateModel> TYPE =
      ModelType.ofCovariates(
          "sbg-covariates",
          "sBG with covariates",
          SbgCovariateModel.class,
          BASE,
          "alpha",
          "beta",
          SbgCovariateModel::restore,
          settings -> SbgCovariateFitter.create().withCovariateSettings(settings));

  private final SbgParameters parameters;
  private final List<String> alphaCovariates;
  private final double[] alphaCoefficients;
  private final List<String> betaCovariates;
  private final double[] betaCoefficients;
  private final CovariateFitReport report;
  private final FitReport sharedReport;
  private final transient List<String> parameterNames;
  private final transient CovariateLayout layout;
  private final transient double[] coefficients;

  private SbgCovariateModel(
      SbgParameters parameters,
      List<String> alphaCovariates,
      double[] alphaCoefficients,
      List<String> betaCovariates,
      double[] betaCoefficients,
      CovariateFitReport report,
      FitReport loadedReport) {
    this.parameters = Checks.notNull("parameters", parameters);
    ProcessCoefficients c =
        ProcessCoefficients.of(
            BASE,
            "alpha",
            alphaCovariates,
            alphaCoefficients,
            "beta",
            betaCovariates,
            betaCoefficients);
    this.alphaCovariates = c.firstCovariates();
    this.alphaCoefficients = c.firstCoefficients();
    this.betaCovariates = c.secondCovariates();
    this.betaCoefficients = c.secondCoefficients();
    this.report = report;
    this.parameterNames = c.parameterNames();
    this.sharedReport = report != null ? report.fitReport(parameterNames) : loadedReport;
    this.layout = c.layout();
    this.coefficients = c.coefficients();
  }

  /**
   * A model from known values.
   *
   * @param parameters α₀, β₀ (those of a customer whose covariates are all 0)
   * @param alphaCovariates names of the covariates of α
   * @param alphaCoefficients γ_α, finite
   * @param betaCovariates names of the covariates of β
   * @param betaCoefficients γ_β, finite
   */
  public static SbgCovariateModel of(
      SbgParameters parameters,
      List<String> alphaCovariates,
      double[] alphaCoefficients,
      List<String> betaCovariates,
      double[] betaCoefficients) {
    return new SbgCovariateModel(
        parameters,
        alphaCovariates,
        alphaCoefficients,
        betaCovariates,
        betaCoefficients,
        null,
        null);
  }

  /** A fitted model with its report (made by {@link SbgCovariateFitter}). */
  public static SbgCovariateModel fitted(
      SbgParameters parameters,
      List<String> alphaCovariates,
      double[] alphaCoefficients,
      List<String> betaCovariates,
      double[] betaCoefficients,
      CovariateFitReport report) {
    return new SbgCovariateModel(
        parameters,
        alphaCovariates,
        alphaCoefficients,
        betaCovariates,
        betaCoefficients,
        Checks.notNull("report", report),
        null);
  }

  /** The model's name, the same as {@code type().name()}. */
  @Override
  public String name() {
    return "sBG with covariates";
  }

  /** α₀, β₀. */
  public SbgParameters parameters() {
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
  public ModelType<SbgCovariateModel> type() {
    return TYPE;
  }

  /**
   * The base parameters (alpha0, beta0), then {@code alpha.X} per alpha covariate and {@code
   * beta.X} per beta covariate.
   */
  @Override
  public List<String> parameterNames() {
    return parameterNames;
  }

  @Override
  public double[] parameterValues() {
    return CovariateParameters.values(parameters.toArray(), alphaCoefficients, betaCoefficients);
  }

  /** The covariates of a row, in order: α's, then β-only ones. */
  public List<String> covariateNames() {
    return layout.names();
  }

  /** The covariates of α. */
  public List<String> alphaCovariates() {
    return alphaCovariates;
  }

  /** γ_α (a copy). */
  public double[] alphaCoefficients() {
    return alphaCoefficients.clone();
  }

  /** The covariates of β. */
  public List<String> betaCovariates() {
    return betaCovariates;
  }

  /** γ_β (a copy). */
  public double[] betaCoefficients() {
    return betaCoefficients.clone();
  }

  /** (α_i, β_i) of a customer with this covariate row. */
  public SbgParameters parametersFor(double[] row) {
    Checks.notNull("covariates", row);
    Checks.sameLength("covariates", row.length, "covariateNames", layout.columns());
    for (int j = 0; j < row.length; j++) {
      Checks.finite(Checks.indexed("covariates", j), row[j]);
    }
    return parametersAt(row, 0);
  }

  private SbgParameters parametersAt(double[] rows, int offset) {
    return new SbgParameters(
        parameters.alpha() * Math.exp(layout.purchaseIndex(coefficients, rows, offset)),
        parameters.beta() * Math.exp(layout.dropoutIndex(coefficients, rows, offset)));
  }

  /** The sBG without covariates of a customer with this covariate row. */
  public SbgModel modelFor(double[] row) {
    return SbgModel.of(parametersFor(row));
  }

  /** S(t) of a customer with this covariate row (Fader &amp; Hardie 2007, eq. 3). */
  public double survival(int t, double[] row) {
    return modelFor(row).survival(t);
  }

  /** r(t) = (β_i+t−1)/(α_i+β_i+t−1) (Fader &amp; Hardie 2007, eq. 4). */
  public double retention(int t, double[] row) {
    return modelFor(row).retention(t);
  }

  /**
   * DERL(d, n) of a customer with this covariate row who has renewed n − 1 times (Fader &amp;
   * Hardie 2010, eq. 6; see {@link SbgModel#discountedExpectedResidualLifetime(double, int)}).
   */
  public double discountedExpectedResidualLifetime(double discountRate, int n, double[] row) {
    return modelFor(row).discountedExpectedResidualLifetime(discountRate, n);
  }

  /**
   * Σ w_i ln L_i over contract histories read as {@link SbgModel#logLikelihood(CustomerHistories)}
   * reads them (x renewals in n opportunities: churned in period x + 1 when x &lt; n, P(T &gt; n)
   * when x = n), each customer with the (α_i, β_i) of its covariate row, read from {@link
   * CustomerHistories#covariates()} (the model's covariates found there by name).
   *
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates, lack one
   *     of {@link #covariateNames()}, or a row is not a contract history
   */
  @Override
  public double logLikelihood(CustomerHistories data) {
    CovariateMatrix covariates = CovariateParameters.covariatesOf(data, name(), covariateNames());
    Checks.sameLength("covariates rows", covariates.rows(), "customers", data.size());
    double[] z =
        covariates.names().equals(layout.names())
            ? covariates.values()
            : covariates.select(layout.names()).values();
    int k = layout.columns();
    double total = 0;
    SbgModel model = null;
    SbgParameters last = null;
    for (int i = 0; i < data.size(); i++) {
      int renewals = ContractLifetimes.renewals(data, i);
      int opportunities = (int) data.age(i);
      if (data.weight(i) > 0) {
        SbgParameters p = parametersAt(z, i * k);
        if (!p.equals(last)) {
          model = SbgModel.of(p);
          last = p;
        }
        total +=
            data.weight(i)
                * Math.log(
                    renewals < opportunities
                        ? model.probabilityOfChurn(renewals + 1)
                        : model.survival(opportunities));
      }
    }
    return total;
  }

  /**
   * Batch DERL over customers {@code [from, to)}, each with its current period in {@code n} and its
   * covariate row in {@code covariates}; every row is validated before anything is written; one
   * {@link SbgModel} per change of covariate row; bit for bit the per-customer values.
   */
  public void discountedExpectedResidualLifetime(
      double discountRate, double[] n, CovariateMatrix covariates, double[] out, int from, int to) {
    Checks.positive("discountRate", discountRate);
    Checks.notNull("n", n);
    Checks.notNull("out", out);
    Checks.notNull("covariates", covariates);
    Checks.range(from, to, n.length);
    Checks.range(from, to, out.length);
    Checks.sameLength("covariates rows", covariates.rows(), "customers", n.length);
    double[] z =
        covariates.names().equals(layout.names())
            ? covariates.values()
            : covariates.select(layout.names()).values();
    for (int i = from; i < to; i++) {
      double v = n[i];
      if (!(v >= 1 && v == Math.rint(v) && v < Integer.MAX_VALUE)) {
        String name = Checks.indexed("n", i);
        Checks.count(name, v);
        Checks.positive(name, v);
        throw Checks.fail("%s must be <= %d, was %s", name, Integer.MAX_VALUE, v);
      }
    }
    int k = layout.columns();
    SbgModel model = null;
    SbgParameters last = null;
    for (int i = from; i < to; i++) {
      SbgParameters p = parametersAt(z, i * k);
      if (!p.equals(last)) {
        model = SbgModel.of(p);
        last = p;
      }
      out[i] = model.discountedExpectedResidualLifetime(discountRate, (int) n[i]);
    }
  }

  /** For example {@code sBG with covariates(alpha0=0.7, beta0=1.2, alpha.x=0.3)}. */
  @Override
  public String toString() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s(alpha0=%.4g, beta0=%.4g",
                name(),
                parameters.alpha(),
                parameters.beta()));
    for (int j = 0; j < alphaCovariates.size(); j++) {
      out.append(
          String.format(
              Locale.ROOT, ", alpha.%s=%.4g", alphaCovariates.get(j), alphaCoefficients[j]));
    }
    for (int j = 0; j < betaCovariates.size(); j++) {
      out.append(
          String.format(Locale.ROOT, ", beta.%s=%.4g", betaCovariates.get(j), betaCoefficients[j]));
    }
    return out.append(')').toString();
  }

  /** The model from its whole parameter list ({@link #TYPE}'s factory, used by model files). */
  private static SbgCovariateModel restore(List<String> names, double[] values, FitReport report) {
    CovariateParameters p = CovariateParameters.split(names, values, BASE, "alpha", "beta");
    double[] v = p.base();
    return new SbgCovariateModel(
        new SbgParameters(v[0], v[1]),
        p.first(),
        p.firstValues(),
        p.second(),
        p.secondValues(),
        null,
        report);
  }

  private Object readResolve() {
    return new SbgCovariateModel(
        parameters,
        alphaCovariates,
        alphaCoefficients,
        betaCovariates,
        betaCoefficients,
        report,
        sharedReport);
  }
}
