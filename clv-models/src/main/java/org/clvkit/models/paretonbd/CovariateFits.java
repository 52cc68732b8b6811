package org.clvkit.models.paretonbd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.clvkit.models.FitDiagnostics;
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

  private CovariateFits() {}

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
