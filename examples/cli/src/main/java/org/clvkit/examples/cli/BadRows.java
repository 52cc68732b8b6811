package org.clvkit.examples.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with a bad row: stop with its line number and the reason ({@code --on-bad-row=stop},
 * the default), or skip it, count it and list it in a rejects file ({@code --on-bad-row=skip}): a
 * CSV with the columns {@code line,reason,row}, the row being the original bytes of the input.
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
  private OutputStream out;
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
    rows.out = rejects.stream();
    rows.write("line,reason,row\n".getBytes(StandardCharsets.UTF_8));
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
   * Handles one bad row: throws when stopping, otherwise counts it and lists it as {@code
   * line,reason,row}, where row is the record's original bytes (not decoded, not re-serialised; a
   * line longer than the limit streamed whole) inside CSV quotes, quotes doubled.
   *
   * @param source the input's name, for the message
   * @param line the row's first line number
   * @param reason what is wrong, naming the field, line and value
   * @param record the reader, positioned on the row
   */
  void bad(String source, long line, String reason, ByteRecords record) throws IOException {
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
      record.skipRest(null);
      return;
    }
    write((line + "," + quote(reason) + ",\"").getBytes(StandardCharsets.UTF_8));
    OutputStream quoted = new QuoteDoubling(out);
    record.writeBytes(quoted);
    record.skipRest(quoted);
    write(new byte[] {'"', '\n'});
    rejects.row();
  }

  private void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.IO, rejectsFile + ": cannot write the rejects file: " + e.getMessage(), e);
    }
  }

  private static String quote(String text) {
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  /** Doubles every {@code "} byte written through it. */
  private static final class QuoteDoubling extends FilterOutputStream {
    QuoteDoubling(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      if (b == '"') {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int from = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '"') {
          out.write(b, from, i + 1 - from);
          out.write('"');
          from = i + 1;
        }
      }
      out.write(b, from, off + len - from);
    }
  }

  /** The reasons of the first {@link #FIRST_REASONS} bad rows, for a message. */
  List<String> firstReasons() {
    return List.copyOf(firstReasons);
  }

  /** Flushes the rejects written so far into the rejects file (not a commit). */
  @Override
  public void close() {
    if (out != null) {
      write(new byte[0]);
      try {
        out.flush();
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.IO, rejectsFile + ": cannot write the rejects file: " + e.getMessage(), e);
      }
    }
  }
}
