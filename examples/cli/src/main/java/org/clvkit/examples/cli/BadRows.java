package org.clvkit.examples.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What to do with a bad row: stop with its line number and the reason ({@code --on-bad-row=stop},
 * the default), or skip it, count it and list it in a rejects file ({@code --on-bad-row=skip}): a
 * CSV with the columns {@code line,reason,row}.
 */
final class BadRows implements AutoCloseable {
  /** The policy named on the command line. */
  enum Policy {
    STOP,
    SKIP
  }

  private final Policy policy;
  private final Path rejectsFile;
  private final boolean quiet;
  private CsvWriter writer;
  private long skipped;

  private BadRows(Policy policy, Path rejectsFile, boolean quiet) {
    this.policy = policy;
    this.rejectsFile = rejectsFile;
    this.quiet = quiet;
  }

  /** Stops at the first bad row. */
  static BadRows stop() {
    return new BadRows(Policy.STOP, null, false);
  }

  /** Skips bad rows, listing each in {@code rejectsFile} (created now, even if none comes). */
  static BadRows skip(Path rejectsFile) {
    BadRows rows = new BadRows(Policy.SKIP, rejectsFile, false);
    rows.open();
    return rows;
  }

  /** Passes over bad rows without a word, for a first scan whose second pass reports them. */
  static BadRows ignore() {
    return new BadRows(Policy.SKIP, null, true);
  }

  private void open() {
    try {
      Path parent = rejectsFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(rejectsFile);
      writer.writeRecord("line", "reason", "row");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.IO, rejectsFile + ": cannot write the rejects file: " + e.getMessage(), e);
    }
  }

  Policy policy() {
    return policy;
  }

  /** The rejects file, or null when bad rows stop the read. */
  Path rejectsFile() {
    return rejectsFile;
  }

  /** The number of rows skipped so far. */
  long skipped() {
    return skipped;
  }

  /**
   * Handles one bad row: throws when stopping, otherwise counts and lists it.
   *
   * @param source the input's name, for the message
   * @param line the row's line number
   * @param reason what is wrong, naming the field, line and value
   * @param row the row's text
   */
  void bad(String source, long line, String reason, String row) {
    if (policy == Policy.STOP) {
      throw new CliException(
          ExitCodes.DATA,
          source + ": " + reason,
          "--on-bad-row=skip skips bad rows, counts them and lists them in a rejects file");
    }
    skipped++;
    if (quiet) {
      return;
    }
    try {
      writer.writeRecord(Long.toString(line), reason, row);
    } catch (UncheckedIOException e) {
      throw new CliException(
          ExitCodes.IO, rejectsFile + ": cannot write the rejects file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.IO, rejectsFile + ": cannot write the rejects file: " + e.getMessage(), e);
      }
      writer = null;
    }
  }
}
