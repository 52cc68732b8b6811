package org.clvkit.core;

/**
 * Thrown when an argument given to clvkit breaks a documented rule. The message names the field,
 * the offending value and the rule, and for columns and logs the row or index, for example {@code
 * recency[17] = 40.0 must be <= age[17] = 39.0}.
 */
public class ClvArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a complete, human-readable message.
   *
   * @param message what was wrong, naming field, value and rule
   */
  public ClvArgumentException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause (for example a parse failure).
   *
   * @param message what was wrong, naming field, value and rule
   * @param cause the exception that revealed the problem
   */
  public ClvArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
