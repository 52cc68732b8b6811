package org.clvkit.examples.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /** How many reasons are kept for a message when every row is bad. */
  static final int FIRST_REASONS = 3;

  private final Policy policy;
  private final AtomicOutput rejects;
  private final Path rejectsFile;
  private final boolean quiet;
  private final List<String> firstReasons = new ArrayList<>();
  private CsvWriter writer;
  private long skipped;

  private BadRows(Policy policy, AtomicOutput rejects, Path shownAs, boolean quiet) {
    this.policy = policy;
    this.rejects = rejects;
    this.rejectsFile = shownAs;
    this.quiet = quiet;
  }

  /** Stops at the first bad row. */
  static BadRows stop() {
    return new BadRows(Policy.STOP, null, null, false);
  }

  /**
   * Skips bad rows, listing each in {@code rejects} (its header written now, even if no bad row
   * comes); the caller commits it with its other outputs.
   *
   * @param rejects the open rejects file
   * @param shownAs its name in messages (where it will be once committed)
   */
  static BadRows skip(AtomicOutput rejects, Path shownAs) {
    BadRows rows = new BadRows(Policy.SKIP, rejects, shownAs, false);
    rows.writer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(rejects.writer());
    rows.writer.writeRecord("line", "reason", "row");
    return rows;
  }

  /** Passes over bad rows without a word, for a first scan whose second pass reports them. */
  static BadRows ignore() {
    return new BadRows(Policy.SKIP, null, null, true);
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
    if (firstReasons.size() < FIRST_REASONS) {
      firstReasons.add(reason);
    }
    if (quiet) {
      return;
    }
    try {
      writer.writeRecord(Long.toString(line), reason, row);
      rejects.row();
    } catch (UncheckedIOException e) {
      throw new CliException(
          ExitCodes.IO, rejectsFile + ": cannot write the rejects file: " + e.getMessage(), e);
    }
  }

  /** The reasons of the first {@link #FIRST_REASONS} bad rows, for a message. */
  List<String> firstReasons() {
    return List.copyOf(firstReasons);
  }

  /** Flushes the rejects written so far into the rejects file's stream (not a commit). */
  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.flush();
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.IO, rejectsFile + ": cannot write the rejects file: " + e.getMessage(), e);
      }
    }
  }
}
