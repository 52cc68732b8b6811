package org.clvkit.models.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.Model;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.covariates.LikelihoodRatioTest;

/**
 * What the covariate fitters (Pareto/NBD static and time-varying, BG/NBD, sBG) share around their
 * search: the covariates attached to the histories, the model without covariates that starts the
 * search and gives the restricted log-likelihood, the fit report (estimates with standard errors,
 * coefficients with Wald intervals, the likelihood-ratio test), the per-process coefficient vectors
 * of the fitted model and the description of a failed fit. θ is the model's own parameters on the
 * log scale ({@code names}, in that order) followed by the coefficients in the layout's order. Not
 * API.
 */
public final class CovariateFitParts {
  private CovariateFitParts() {}

  /**
   * The covariate matrix the histories carry.
   *
   * @throws org.clvkit.core.ClvArgumentException when data is null or carries no covariates
   */
  public static CovariateMatrix attached(CustomerHistories data) {
    Checks.notNull("data", data);
    return data.covariates()
        .orElseThrow(
            () -> Checks.fail("data must carry covariates (CustomerHistories.withCovariates)"));
  }

  /**
   * The fitter of the model without covariates whose fit starts the covariate search: {@code
   * fitter} with {@code settings} unpenalised (its log-likelihood is the restricted one of the
   * likelihood-ratio test) and {@code executor}.
   */
  public static <M extends Model> Fitter<M> restricted(
      Fitter<M> fitter, FitSettings settings, java.util.concurrent.Executor executor) {
    return fitter.withSettings(settings.withPenalty(0)).withExecutor(executor);
  }

  /**
   * The fit report.
   *
   * @param names the model's own parameters, θ's first components
   * @param values those parameters in the caller's unit
   * @param covariance the covariance of θ, or null when the fit has no standard errors (then the
   *     report has no estimates and no test)
   * @param restrictedLl the log-likelihood of the model without covariates
   */
  public static CovariateFitReport report(
      String model,
      List<String> names,
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
    int p = names.size();
    int k = layout.coefficients();
    List<ParameterEstimate> estimates = new ArrayList<>();
    List<CoefficientEstimate> coefficients = new ArrayList<>();
    LikelihoodRatioTest test = null;
    if (covariance != null) {
      for (int i = 0; i < p; i++) {
        estimates.add(
            ParameterEstimate.fromLogScale(
                names.get(i), values[i], Math.sqrt(Math.max(0, covariance[i][i]))));
      }
      for (int j = 0; j < k; j++) {
        coefficients.add(
            CoefficientEstimate.wald(
                layout.coefficientNames().get(j),
                theta[p + j],
                Math.sqrt(Math.max(0, covariance[p + j][p + j]))));
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
   * its process's covariates, from θ's coefficients, which start at {@code offset} (a constrained
   * coefficient appears in both).
   */
  public static double[][] processCoefficients(CovariateLayout layout, double[] theta, int offset) {
    double[] coefficients = Arrays.copyOfRange(theta, offset, offset + layout.coefficients());
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

  /**
   * The factory of a fitted covariate model: {@code ParetoNbdCovariateModel::fitted} and the like.
   */
  @FunctionalInterface
  public interface FittedModel<P, M> {
    /** The model of these parameters, each process's covariates and coefficients, and report. */
    M of(
        P parameters,
        List<String> purchaseCovariates,
        double[] purchaseCoefficients,
        List<String> dropoutCovariates,
        double[] dropoutCoefficients,
        CovariateFitReport report);
  }

  /**
   * The fitted model of {@code parameters} and θ's coefficients (from {@code offset}), each
   * process's in the order of its covariates ({@link #processCoefficients}), with its report.
   */
  public static <P, M> M model(
      FittedModel<P, M> factory,
      P parameters,
      double[] theta,
      int offset,
      CovariateLayout layout,
      CovariateFitReport report) {
    double[][] process = processCoefficients(layout, theta, offset);
    return factory.of(
        parameters, layout.purchaseNames(), process[0], layout.dropoutNames(), process[1], report);
  }

  /** The name of θ's component i. */
  public static String name(List<String> names, CovariateLayout layout, int i) {
    return i < names.size() ? names.get(i) : layout.coefficientNames().get(i - names.size());
  }

  /** What went wrong, with the values reached ({@code values}: the model's own parameters). */
  public static String describe(
      MaximumLikelihood.Result best,
      List<String> names,
      CovariateLayout layout,
      double[] theta,
      double[] values) {
    StringBuilder out = new StringBuilder(best.message()).append(" at ");
    for (int i = 0; i < names.size(); i++) {
      out.append(i == 0 ? "" : ", ")
          .append(names.get(i))
          .append(" = ")
          .append(String.format(Locale.ROOT, "%.6g", values[i]));
    }
    for (int j = 0; j < layout.coefficients(); j++) {
      out.append(", ")
          .append(layout.coefficientNames().get(j))
          .append(" = ")
          .append(String.format(Locale.ROOT, "%.6g", theta[names.size() + j]));
    }
    return out.toString();
  }
}
