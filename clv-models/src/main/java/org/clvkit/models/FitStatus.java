package org.clvkit.models;

/**
 * How a maximum-likelihood fit ended, as data; {@link FitDiagnostics#message()} tells it in words.
 */
public enum FitStatus {
  /** The optimiser met its criterion at an interior optimum with a negative-definite Hessian. */
  CONVERGED,

  /**
   * A parameter ran to the edge of the search box or off to absurd values: the likelihood has no
   * interior maximum on these data. {@link FitDiagnostics#parameter()} names the parameter.
   */
  NO_INTERIOR_MAXIMUM,

  /**
   * The optimum was found but the observed information matrix is singular or not positive definite,
   * so there are no standard errors (the parameters are not identified by the data).
   */
  SINGULAR_INFORMATION,

  /** The iteration cap or a stalled line search stopped the optimiser before its criterion. */
  NOT_CONVERGED
}
