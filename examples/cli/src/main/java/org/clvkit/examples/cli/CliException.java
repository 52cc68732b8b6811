package org.clvkit.examples.cli;

/**
 * A failure that ends a command with a message for the user and an exit code from {@link
 * ExitCodes}. The message is complete: it names the file, the line or option, the value and the
 * rule.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String hint;

  CliException(int exitCode, String message) {
    this(exitCode, message, (String) null);
  }

  /** With a second line of advice after the message. */
  CliException(int exitCode, String message, String hint) {
    super(message);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hint = null;
  }

  /** Bad input data, exit code {@link ExitCodes#DATA}. */
  static CliException data(String message) {
    return new CliException(ExitCodes.DATA, message);
  }

  /** A bad option value, exit code {@link ExitCodes#USAGE}. */
  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }

  /** Advice to print after the message, or null. */
  String hint() {
    return hint;
  }
}
