package org.clvkit.models;

/**
 * Thrown by a fitter when the fit did not converge, ended on a parameter bound, or left a singular
 * information matrix. The diagnostics say which; a fitter configured with {@code
 * allowNonConverged(true)} returns the model instead, flagged through its {@link FitReport}.
 */
public class FitFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FitDiagnostics diagnostics;

  /**
   * Creates the exception.
   *
   * @param model the model's name, for the message
   * @param diagnostics what the optimiser reported
   */
  public FitFailedException(String model, FitDiagnostics diagnostics) {
    super(model + " fit failed: " + diagnostics.message());
    this.diagnostics = diagnostics;
  }

  /** What the optimiser reported. */
  public FitDiagnostics diagnostics() {
    return diagnostics;
  }
}
