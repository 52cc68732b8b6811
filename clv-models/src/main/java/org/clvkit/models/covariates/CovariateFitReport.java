package org.clvkit.models.covariates;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;

/**
 * What a covariate fit produced besides the parameters: estimates of the model's parameters and of
 * the coefficients with standard errors and 95 % intervals, the unpenalised log-likelihood beside
 * the penalised objective, the likelihood-ratio test against the model without covariates, and the
 * optimiser's diagnostics.
 *
 * <p>It carries the shared {@link FitReport} that every model gives through {@link
 * org.clvkit.models.Model#fitReport()}: {@link #fitReport(List)} lays the same estimates out in the
 * model's parameter order (base parameters, then one coefficient per covariate and process, a
 * constrained coefficient under both of its processes' names). What only a covariate fit has (the
 * coefficient table with {@code constrained.X}, the objective, the likelihood-ratio test, the
 * number of covariate rows, the penalty per process) stays here, reached through {@link
 * CovariateModel#covariateFitReport()}.
 *
 * @param model the model's name, e.g. {@code "Pareto/NBD with static covariates"}
 * @param parameters the model's parameters (α and β of the customer whose covariates are all 0);
 *     empty when the fit did not converge
 * @param coefficients the coefficients, free purchase ones first, then free drop-out ones, then the
 *     constrained ones; empty when the fit did not converge
 * @param diagnostics how the optimiser did; its log-likelihood is unpenalised
 * @param objective CLVTools' objective at the estimates: −LL / customers + λ_purchase ‖γ_purchase‖²
 *     + λ_dropout ‖γ_dropout‖²
 * @param customers number of customers (sum of weights)
 * @param patterns distinct (frequency, recency, age, covariate row) patterns
 * @param groups distinct covariate rows
 * @param purchasePenalty λ_purchase
 * @param dropoutPenalty λ_dropout
 * @param test the likelihood-ratio test against the model without covariates, or null when the fit
 *     did not converge
 */
public record CovariateFitReport(
    String model,
    List<ParameterEstimate> parameters,
    List<CoefficientEstimate> coefficients,
    FitDiagnostics diagnostics,
    double objective,
    double customers,
    int patterns,
    int groups,
    double purchasePenalty,
    double dropoutPenalty,
    LikelihoodRatioTest test)
    implements Serializable {

  /** Validates and copies the lists. */
  public CovariateFitReport {
    Checks.notNull("model", model);
    parameters = List.copyOf(Checks.notNull("parameters", parameters));
    coefficients = List.copyOf(Checks.notNull("coefficients", coefficients));
    Checks.notNull("diagnostics", diagnostics);
    Checks.finite("objective", objective);
    Checks.nonNegative("customers", customers);
    Checks.nonNegative("patterns", patterns);
    Checks.nonNegative("groups", groups);
    Checks.nonNegative("purchasePenalty", purchasePenalty);
    Checks.nonNegative("dropoutPenalty", dropoutPenalty);
  }

  /** Whether the fit converged to an interior optimum with standard errors. */
  public boolean converged() {
    return diagnostics.converged();
  }

  /** The unpenalised log-likelihood at the estimates (the diagnostics' log-likelihood). */
  public double logLikelihood() {
    return diagnostics.logLikelihood();
  }

  /**
   * The shared fit report of this fit, its estimates in the order of {@code parameterNames}: the
   * model's parameters ({@link #parameters()}) first, then a coefficient per name {@code
   * process.X}, found among {@link #coefficients()} as {@code process.X} or, for a coefficient
   * shared by both processes, {@code constrained.X}. Its penalty is the larger of the two
   * per-process penalties (0 when the fit was not penalised); its estimates are empty when the fit
   * has none.
   *
   * @param parameterNames the model's parameter names ({@link
   *     org.clvkit.models.Model#parameterNames()})
   * @throws org.clvkit.core.ClvArgumentException when a name is neither a parameter nor a
   *     coefficient of this report
   */
  public FitReport fitReport(List<String> parameterNames) {
    Checks.notNull("parameterNames", parameterNames);
    List<ParameterEstimate> estimates = new ArrayList<>();
    if (!parameters.isEmpty()) {
      for (String name : parameterNames) {
        estimates.add(estimate(name));
      }
    }
    return new FitReport(
        model,
        estimates,
        diagnostics,
        customers,
        patterns,
        Math.max(purchasePenalty, dropoutPenalty));
  }

  private ParameterEstimate estimate(String name) {
    for (ParameterEstimate p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    int dot = name.indexOf('.');
    String constrained = dot < 0 ? null : "constrained." + name.substring(dot + 1);
    for (CoefficientEstimate c : coefficients) {
      if (c.name().equals(name) || c.name().equals(constrained)) {
        return new ParameterEstimate(name, c.value(), c.standardError(), c.lower(), c.upper());
      }
    }
    throw Checks.fail("parameter %s is not among the estimates of this %s fit", name, model);
  }

  /** The likelihood-ratio test, when the fit converged. */
  public Optional<LikelihoodRatioTest> likelihoodRatioTest() {
    return Optional.ofNullable(test);
  }

  /** The estimate of the named coefficient ({@code purchase.X}, {@code dropout.X}, ...). */
  public CoefficientEstimate coefficient(String name) {
    for (CoefficientEstimate c : coefficients) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw Checks.fail("coefficient %s is not among the estimates", name);
  }

  /**
   * A readable table: parameters, coefficients, the log-likelihood with the objective, the
   * likelihood-ratio test and the diagnostics.
   */
  public String summaryTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s fitted on %.0f customers (%d patterns, %d covariate rows)",
            model,
            customers,
            patterns,
            groups));
    if (purchasePenalty > 0 || dropoutPenalty > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              ", L2 penalty purchase %g, dropout %g",
              purchasePenalty,
              dropoutPenalty));
    }
    out.append('\n');
    String header = "%-24s %13s %13s %13s %13s%n";
    String row = "%-24s %13.6g %13.6g %13.6g %13.6g%n";
    out.append(
        String.format(
            Locale.ROOT, header, "parameter", "estimate", "std.error", "lower 95%", "upper 95%"));
    for (ParameterEstimate e : parameters) {
      out.append(
          String.format(
              Locale.ROOT, row, e.name(), e.value(), e.standardError(), e.lower(), e.upper()));
    }
    for (CoefficientEstimate e : coefficients) {
      out.append(
          String.format(
              Locale.ROOT, row, e.name(), e.value(), e.standardError(), e.lower(), e.upper()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "log-likelihood %.4f (objective %.8g), %s, %d iterations, %d evaluations,"
                + " gradient norm %.2g%n",
            diagnostics.logLikelihood(),
            objective,
            diagnostics.message(),
            diagnostics.iterations(),
            diagnostics.evaluations(),
            diagnostics.gradientNorm()));
    if (test != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "likelihood-ratio test against no covariates: chi2 = %.4f, df = %d, p = %.4g"
                  + " (log-likelihood without covariates %.4f)%n",
              test.statistic(),
              test.degreesOfFreedom(),
              test.pValue(),
              test.restrictedLogLikelihood()));
    }
    return out.toString();
  }
}
