package org.clvkit.core;

/**
 * Thrown when a numerical method of clvkit (a series, a quadrature) cannot reach its documented
 * precision within its iteration cap. The message names the function and every argument, for
 * example {@code 2F1(a, b; a+1; z) did not converge by its series or by Euler's integral for a =
 * 1.0E6, b = 0.001, z = 0.99999 (1 - z = 1.0E-5)}. It extends {@link ArithmeticException}, so code
 * that caught the raw exception keeps working.
 */
public class ClvConvergenceException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a complete message.
   *
   * @param message what did not converge, with its arguments
   */
  public ClvConvergenceException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that ended the last attempt.
   *
   * @param message what did not converge, with its arguments
   * @param cause the exception of the last method tried
   */
  public ClvConvergenceException(String message, Throwable cause) {
    super(message);
    initCause(cause);
  }
}
