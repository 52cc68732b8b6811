package org.clvkit.models.paretonbd;

import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitSettings;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.internal.CovariateFitParts;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.MaximumLikelihood;

/**
 * What the static and the time-varying Pareto/NBD covariate fitters share beyond {@link
 * CovariateFitParts} (which all covariate fitters share): the names of the Pareto/NBD's parameters,
 * the model without covariates, the start θ, the parameters from θ and the fitted model. θ is (ln
 * r, ln α₀, ln s, ln β₀, coefficients) in the layout's order.
 */
final class CovariateFits {
  /** The names of the four model parameters, in θ's order. */
  static final List<String> NAMES = List.of("r", "alpha0", "s", "beta0");

  /** The bound on |θ_i| of both fitters' searches. */
  static final double BOUND = 23.0;

  private CovariateFits() {}

  /**
   * The model without covariates fitted to the compressed histories (unpenalised): its
   * log-likelihood is the restricted one of the likelihood-ratio test, its parameters the start.
   */
  static ParetoNbdModel restricted(
      CustomerHistories histories, FitSettings settings, java.util.concurrent.Executor executor) {
    return CovariateFitParts.restricted(ParetoNbdFitter.create(), settings, executor)
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

  /** The fitted model of (r, α₀, s, β₀) = {@code values} and θ's coefficients, with its report. */
  static <M> M model(
      CovariateFitParts.FittedModel<ParetoNbdParameters, M> factory,
      double[] values,
      double[] theta,
      CovariateLayout layout,
      CovariateFitReport report) {
    return CovariateFitParts.model(
        factory,
        new ParetoNbdParameters(values[0], values[1], values[2], values[3]),
        theta,
        4,
        layout,
        report);
  }

  /** The name of θ's component i. */
  static String name(CovariateLayout layout, int i) {
    return CovariateFitParts.name(NAMES, layout, i);
  }

  /** What went wrong, with the values reached. */
  static String describe(
      MaximumLikelihood.Result best, CovariateLayout layout, double[] theta, double[] values) {
    return CovariateFitParts.describe(best, NAMES, layout, theta, values);
  }
}
