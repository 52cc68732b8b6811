package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Helpers for outputs: parent folders, error messages, and the one spelling of output options.
 * Files are written through {@link AtomicOutput}, folders through {@link OutputFolder}.
 */
final class Output {
  private Output() {}

  /** Creates the parent directories of {@code file}. */
  static void createParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      directory(parent);
    }
  }

  /** Creates a directory and its parents. */
  static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw cannotWrite(dir, e);
    }
  }

  static CliException cannotWrite(Path file, IOException e) {
    return new CliException(ExitCodes.IO, file + ": cannot write: " + e, e);
  }

  /**
   * The output named by {@code -o/--output}, or by the deprecated {@code --out} (with a warning on
   * stderr), or {@code fallback}.
   *
   * @throws CliException usage when both spellings are given
   */
  static Path chosen(Path output, Path deprecatedOut, Path fallback, PrintWriter err) {
    if (deprecatedOut != null) {
      if (output != null) {
        throw CliException.usage(
            "-o/--output and --out (its old spelling) must not both be given, were "
                + output
                + " and "
                + deprecatedOut);
      }
      err.println("warning: --out is deprecated and will be removed: use -o/--output");
      return deprecatedOut;
    }
    return output != null ? output : fallback;
  }
}
