package org.clvkit.models;

import org.clvkit.core.Checks;

/**
 * How a maximum-likelihood fit went.
 *
 * @param converged whether the optimiser met its convergence criterion at an interior optimum with a
 *     negative-definite Hessian
 * @param iterations optimiser iterations over all starting points
 * @param evaluations log-likelihood evaluations over all starting points
 * @param logLikelihood the (unpenalised) log-likelihood at the returned parameters, weighted by customers
 * @param gradientNorm Euclidean norm of the penalised log-likelihood's gradient with respect to the
 *     log-parameters at the returned parameters
 * @param message a human-readable account: "converged" or what went wrong (no convergence, a parameter on
 *     its bound, a singular information matrix)
 */
public record FitDiagnostics(
    boolean converged,
    int iterations,
    int evaluations,
    double logLikelihood,
    double gradientNorm,
    String message)
    implements java.io.Serializable {

  /** Validates counts, finiteness and the message. */
  public FitDiagnostics {
    Checks.nonNegative("iterations", iterations);
    Checks.nonNegative("evaluations", evaluations);
    Checks.finite("logLikelihood", logLikelihood);
    Checks.nonNegative("gradientNorm", gradientNorm);
    Checks.notNull("message", message);
  }
}
