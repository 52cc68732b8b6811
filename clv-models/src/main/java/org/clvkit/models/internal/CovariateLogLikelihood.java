package org.clvkit.models.internal;

import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.LogLikelihood;

/**
 * A covariate fitter's unpenalised log-likelihood as a {@link LogLikelihood}: the first {@code
 * positive} parameters are the model's own (r, α₀, ...; &gt; 0, the gradient with respect to their
 * logarithms), the rest the free coefficients ({@code purchase.X}, {@code dropout.X}, {@code
 * constrained.X}; any finite value, the gradient with respect to the coefficient itself), in the
 * data's own time unit. Wraps the fitter's objective over θ = (ln θ_base, γ).
 */
public final class CovariateLogLikelihood implements LogLikelihood {
  private final String model;
  private final List<String> names;
  private final int positive;
  private final double customers;
  private final int patterns;
  private final MaximumLikelihood.Objective objective;

  /**
   * The log-likelihood.
   *
   * @param model the model's name
   * @param base the model's own parameter names
   * @param coefficients the free coefficients' names
   * @param customers the sum of the weights
   * @param patterns the number of distinct patterns summed over
   * @param objective the unpenalised objective over θ in the data's unit
   */
  public CovariateLogLikelihood(
      String model,
      List<String> base,
      List<String> coefficients,
      double customers,
      int patterns,
      MaximumLikelihood.Objective objective) {
    this.model = model;
    List<String> all = new ArrayList<>(base);
    all.addAll(coefficients);
    this.names = List.copyOf(all);
    this.positive = base.size();
    this.customers = customers;
    this.patterns = patterns;
    this.objective = objective;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public List<String> parameterNames() {
    return names;
  }

  @Override
  public double customers() {
    return customers;
  }

  @Override
  public int patterns() {
    return patterns;
  }

  /**
   * The log-likelihood at the parameters: the model's own ones finite and &gt; 0, the coefficients
   * finite; the gradient has d LL / d ln θ for the former and d LL / d γ for the latter.
   */
  @Override
  public double value(double[] parameters, double[] gradient) {
    Checks.notNull("parameters", parameters);
    Checks.sameLength("parameters", parameters.length, "parameterNames", names.size());
    double[] theta = new double[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      if (i < positive) {
        Checks.positive(names.get(i), parameters[i]);
        theta[i] = Math.log(parameters[i]);
      } else {
        theta[i] = Checks.finite(names.get(i), parameters[i]);
      }
    }
    if (gradient != null) {
      if (gradient.length < parameters.length) {
        throw Checks.fail(
            "gradient length %d must be >= the number of parameters %d",
            gradient.length, parameters.length);
      }
    }
    return objective.value(theta, gradient);
  }
}
