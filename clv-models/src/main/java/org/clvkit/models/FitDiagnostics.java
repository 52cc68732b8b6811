package org.clvkit.models;

import org.clvkit.core.Checks;

/**
 * How a maximum-likelihood fit went.
 *
 * @param converged whether the optimiser met its convergence criterion at an interior optimum with
 *     a negative-definite Hessian
 * @param iterations optimiser iterations over all starting points
 * @param evaluations log-likelihood evaluations over all starting points
 * @param logLikelihood the (unpenalised) log-likelihood at the returned parameters, weighted by
 *     customers
 * @param gradientNorm Euclidean norm of the penalised log-likelihood's gradient with respect to the
 *     log-parameters at the returned parameters
 * @param message a human-readable account: "converged" or what went wrong (no convergence, a
 *     parameter on its bound, a singular information matrix)
 * @param status how the fit ended, as data; {@link FitStatus#CONVERGED} exactly when {@code
 *     converged}
 * @param parameter the name of the parameter that ran off ({@link FitStatus#NO_INTERIOR_MAXIMUM}),
 *     or the empty string
 */
public record FitDiagnostics(
    boolean converged,
    int iterations,
    int evaluations,
    double logLikelihood,
    double gradientNorm,
    String message,
    FitStatus status,
    String parameter)
    implements java.io.Serializable {

  /**
   * Diagnostics without a status of their own: {@link FitStatus#CONVERGED} when converged, else
   * {@link FitStatus#NOT_CONVERGED}, no parameter (model files written before the status existed).
   */
  public FitDiagnostics(
      boolean converged,
      int iterations,
      int evaluations,
      double logLikelihood,
      double gradientNorm,
      String message) {
    this(
        converged,
        iterations,
        evaluations,
        logLikelihood,
        gradientNorm,
        message,
        converged ? FitStatus.CONVERGED : FitStatus.NOT_CONVERGED,
        "");
  }

  /** Validates counts, finiteness, the message and that status and {@code converged} agree. */
  public FitDiagnostics {
    Checks.notNull("status", status);
    Checks.notNull("parameter", parameter);
    if (converged != (status == FitStatus.CONVERGED)) {
      throw Checks.fail("status = %s contradicts converged = %s", status, converged);
    }
    Checks.nonNegative("iterations", iterations);
    Checks.nonNegative("evaluations", evaluations);
    Checks.finite("logLikelihood", logLikelihood);
    Checks.nonNegative("gradientNorm", gradientNorm);
    Checks.notNull("message", message);
  }

  /** The parameter that ran off, for {@link FitStatus#NO_INTERIOR_MAXIMUM}. */
  public java.util.Optional<String> offendingParameter() {
    return parameter.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(parameter);
  }
}
