package org.clvkit.models.io;

import org.clvkit.core.ClvArgumentException;

/**
 * Thrown by {@link ModelFiles} when a model file cannot be loaded, with a message that says what is
 * wrong and a {@link Problem} for programs that react to the kind of failure.
 */
public class ModelFileException extends ClvArgumentException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure. */
  public enum Problem {
    /** Not a clvkit model file at all: its first line is not the format's header. */
    FOREIGN,
    /** The file ends before its closing line: it was cut off while written or copied. */
    TRUNCATED,
    /** A line, key or value is wrong: edited by hand, corrupted, or values the model rejects. */
    MALFORMED,
    /** A valid file of another model type than the one asked for. */
    WRONG_TYPE,
    /** A file in a newer format than this version of clvkit reads. */
    FUTURE_VERSION
  }

  private final Problem problem;

  /**
   * Creates the exception.
   *
   * @param problem the kind of failure
   * @param message what is wrong, naming the line, key and value where there is one
   */
  public ModelFileException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  /**
   * Creates the exception with the underlying cause (for example the model's rejection of a
   * parameter).
   *
   * @param problem the kind of failure
   * @param message what is wrong
   * @param cause the exception that revealed it
   */
  public ModelFileException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  /** The kind of failure. */
  public Problem problem() {
    return problem;
  }
}
