package org.clvkit.models;

import java.util.List;

/**
 * The log-likelihood that a fitter maximises, on one data set, as a function of the model's
 * parameters: what a fit is built on, reachable for likelihood-ratio tests, profile likelihoods,
 * other optimisers and benchmarks. Built once per data set by a fitter's {@code
 * logLikelihood(data)} (the data compressed to patterns and the kernel's tables set up), then
 * evaluated as often as needed, on the fitter's executor when it has one.
 *
 * <p>Parameters are in the literature's order ({@link #parameterNames()}) and in the data's own
 * units (no rescaling); the value is the weighted sum over customers of the per-customer
 * log-likelihood, without the fit's penalty. Not thread-safe: an instance may keep scratch space
 * and caches between evaluations; build one per thread.
 */
public interface LogLikelihood {

  /** The model's name, e.g. {@code "BG/NBD"}. */
  String model();

  /** The parameter names in the literature's order. */
  List<String> parameterNames();

  /** Number of customers the data hold (the sum of the weights). */
  double customers();

  /** Number of distinct patterns the sum runs over. */
  int patterns();

  /**
   * The log-likelihood at the given parameters.
   *
   * @param parameters one value per {@link #parameterNames()}, each finite and &gt; 0
   * @return the log-likelihood; {@code -Infinity} where the data are impossible under the model
   */
  default double value(double... parameters) {
    return value(parameters, null);
  }

  /**
   * The log-likelihood at the given parameters, with its gradient with respect to the
   * log-parameters ({@code d LL / d ln θ_k = θ_k d LL / d θ_k}). Every implementation gives the
   * gradient when asked: analytically where the likelihood has a closed form, by central
   * differences in the log-parameters where it is a quadrature (the Pareto/GGG's; its fitter states
   * the step and accuracy).
   *
   * @param parameters one value per {@link #parameterNames()}, each finite and &gt; 0; not modified
   * @param gradient when not null, receives the gradient in its first {@code parameters.length}
   *     entries; modified
   * @return the log-likelihood
   */
  double value(double[] parameters, double[] gradient);
}
