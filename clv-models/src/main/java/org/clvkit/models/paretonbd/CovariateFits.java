package org.clvkit.models.paretonbd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.covariates.LikelihoodRatioTest;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.MaximumLikelihood;

/**
 * What the static and the time-varying Pareto/NBD covariate fitters share once their optimum is
 * found: the fit report (estimates with standard errors, coefficients with Wald intervals, the
 * likelihood-ratio test), the per-process coefficient vectors of the model, and the description of
 * a failed fit. θ is (ln r, ln α₀, ln s, ln β₀, coefficients) in the layout's order.
 */
final class CovariateFits {
  /** The names of the four model parameters, in θ's order. */
  static final String[] NAMES = {"r", "alpha0", "s", "beta0"};

  /** The bound on |θ_i| of both fitters' searches. */
  static final double BOUND = 23.0;

  private CovariateFits() {}

  /**
   * The model without covariates fitted to the compressed histories (unpenalised): its
   * log-likelihood is the restricted one of the likelihood-ratio test, its parameters the start.
   */
  static ParetoNbdModel restricted(
      CustomerHistories histories, FitSettings settings, java.util.concurrent.Executor executor) {
    return ParetoNbdFitter.create()
        .withSettings(settings.withPenalty(0))
        .withExecutor(executor)
        .fit(histories);
  }

  /**
   * The start θ: the restricted model's log-parameters (α₀ and β₀ in the unit scaled by
   * e^{logScale}) and {@code coefficients} zeros.
   */
  static double[] start(ParetoNbdModel restricted, double logScale, int coefficients) {
    double[] start = new double[4 + coefficients];
    ParetoNbdParameters p0 = restricted.parameters();
    start[0] = Math.log(p0.r());
    start[1] = Math.log(p0.alpha()) - logScale;
    start[2] = Math.log(p0.s());
    start[3] = Math.log(p0.beta()) - logScale;
    return start;
  }

  /** (r, α₀, s, β₀) in the caller's unit from θ in the unit scaled by e^{logScale}. */
  static double[] values(double[] theta, double logScale) {
    return new double[] {
      Math.exp(theta[0]),
      Math.exp(theta[1] + logScale),
      Math.exp(theta[2]),
      Math.exp(theta[3] + logScale)
    };
  }

  /** The factory of a fitted model: {@code ParetoNbdCovariateModel::fitted} and the like. */
  interface FittedModel<M> {
    M of(
        ParetoNbdParameters parameters,
        List<String> purchaseCovariates,
        double[] purchaseCoefficients,
        List<String> dropoutCovariates,
        double[] dropoutCoefficients,
        CovariateFitReport report);
  }

  /** The fitted model of (r, α₀, s, β₀) = {@code values} and θ's coefficients, with its report. */
  static <M> M model(
      FittedModel<M> factory,
      double[] values,
      double[] theta,
      CovariateLayout layout,
      CovariateFitReport report) {
    double[][] process = processCoefficients(layout, theta);
    return factory.of(
        new ParetoNbdParameters(values[0], values[1], values[2], values[3]),
        layout.purchaseNames(),
        process[0],
        layout.dropoutNames(),
        process[1],
        report);
  }

  /**
   * The fit report.
   *
   * @param values (r, α₀, s, β₀) in the caller's unit
   * @param covariance the covariance of θ, or null when the fit has no standard errors (then the
   *     report has no estimates and no test)
   * @param restrictedLl the log-likelihood of the model without covariates
   */
  static CovariateFitReport report(
      String model,
      double[] values,
      double[] theta,
      double[][] covariance,
      CovariateLayout layout,
      FitDiagnostics diagnostics,
      double objective,
      double customers,
      int patterns,
      int groups,
      CovariateSettings settings,
      double restrictedLl) {
    int k = layout.coefficients();
    List<ParameterEstimate> estimates = new ArrayList<>();
    List<CoefficientEstimate> coefficients = new ArrayList<>();
    LikelihoodRatioTest test = null;
    if (covariance != null) {
      for (int i = 0; i < 4; i++) {
        estimates.add(
            ParameterEstimate.fromLogScale(
                NAMES[i], values[i], Math.sqrt(Math.max(0, covariance[i][i]))));
      }
      for (int j = 0; j < k; j++) {
        coefficients.add(
            CoefficientEstimate.wald(
                layout.coefficientNames().get(j),
                theta[4 + j],
                Math.sqrt(Math.max(0, covariance[4 + j][4 + j]))));
      }
      test = LikelihoodRatioTest.of(diagnostics.logLikelihood(), restrictedLl, k);
    }
    return new CovariateFitReport(
        model,
        estimates,
        coefficients,
        diagnostics,
        objective,
        customers,
        patterns,
        groups,
        settings.purchasePenalty(),
        settings.dropoutPenalty(),
        test);
  }

  /**
   * The purchase and the drop-out coefficients ({@code [0]} and {@code [1]}), each in the order of
   * its process's covariates, from θ's coefficients (a constrained coefficient appears in both).
   */
  static double[][] processCoefficients(CovariateLayout layout, double[] theta) {
    double[] coefficients = Arrays.copyOfRange(theta, 4, 4 + layout.coefficients());
    List<String> purchase = layout.purchaseNames();
    List<String> dropout = layout.dropoutNames();
    double[] row = new double[layout.columns()];
    double[] gp = new double[purchase.size()];
    for (int j = 0; j < gp.length; j++) {
      row[layout.names().indexOf(purchase.get(j))] = 1;
      gp[j] = layout.purchaseIndex(coefficients, row, 0);
      Arrays.fill(row, 0);
    }
    double[] gd = new double[dropout.size()];
    for (int j = 0; j < gd.length; j++) {
      row[layout.names().indexOf(dropout.get(j))] = 1;
      gd[j] = layout.dropoutIndex(coefficients, row, 0);
      Arrays.fill(row, 0);
    }
    return new double[][] {gp, gd};
  }

  /** The name of θ's component i. */
  static String name(CovariateLayout layout, int i) {
    return i < 4 ? NAMES[i] : layout.coefficientNames().get(i - 4);
  }

  /** What went wrong, with the values reached. */
  static String describe(
      MaximumLikelihood.Result best, CovariateLayout layout, double[] theta, double[] values) {
    StringBuilder out = new StringBuilder(best.message()).append(" at ");
    for (int i = 0; i < 4; i++) {
      out.append(i == 0 ? "" : ", ")
          .append(NAMES[i])
          .append(" = ")
          .append(String.format(Locale.ROOT, "%.6g", values[i]));
    }
    for (int j = 0; j < layout.coefficients(); j++) {
      out.append(", ")
          .append(layout.coefficientNames().get(j))
          .append(" = ")
          .append(String.format(Locale.ROOT, "%.6g", theta[4 + j]));
    }
    return out.toString();
  }
}
