package org.clvkit.examples.cli;

/**
 * The exit codes of {@code clv}, listed in its help and in the README.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>unexpected internal error (a bug: report it with the stack trace), or out of
 *       memory (one line naming the -Xmx to give)</td></tr>
 *   <tr><td>2</td><td>usage: unknown option, missing or bad option value</td></tr>
 *   <tr><td>3</td><td>bad input data: a bad row (unless skipped), a missing column, an empty file,
 *       a bad model file, no usable row</td></tr>
 *   <tr><td>4</td><td>a model fit failed (did not converge, ended on a bound)</td></tr>
 *   <tr><td>5</td><td>input/output error: a file not found, unreadable or unwritable</td></tr>
 * </table>
 */
final class ExitCodes {
  static final int OK = 0;
  static final int SOFTWARE = 1;
  static final int USAGE = 2;
  static final int DATA = 3;
  static final int FIT = 4;
  static final int IO = 5;

  /** The table above as help text. */
  static final String HELP =
      "Exit codes: 0 success; 1 internal error or out of memory; 2 usage (bad option); 3 bad input data (bad row,"
          + " missing column, empty file, bad model file); 4 a model fit failed; 5 file not found"
          + " or not readable/writable.";

  private ExitCodes() {}
}
