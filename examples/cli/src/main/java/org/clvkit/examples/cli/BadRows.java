package org.clvkit.examples.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to do with a bad row: stop ({@code --on-bad-row=stop}, the default), or skip it, count it
 * and list it in a rejects file ({@code --on-bad-row=skip}): a CSV with the columns {@code
 * line,reason,row}, the row being the original bytes of the input.
 *
 * <p>Stopping reports every problem of the file in one pass: the read goes on to the end, keeping
 * the first {@value #LISTED} bad rows with their line-numbered reasons and a count per kind of
 * problem, and {@link #throwIfAny(String)} then ends the run once (exit 3, nothing written) with
 * the first reason on the first line, the listed rows, and per kind the count and the option that
 * addresses it.
 */
final class BadRows implements AutoCloseable {
  /** The policy named on the command line. */
  enum Policy {
    STOP,
    SKIP
  }

  /** How many reasons are kept for a message when every row is bad. */
  static final int FIRST_REASONS = 3;

  /** How many bad rows a stopping read lists (all are counted by kind). */
  static final int LISTED = 20;

  /** A kind of problem, recognised from its reason, and what addresses it. */
  enum Kind {
    ENCODING("bytes that are not text in the input's encoding", "--encoding"),
    TOO_LONG("rows longer than the limit", "--max-row-bytes"),
    QUOTES("broken quotes", "fix the quoting, or --delimiter if quotes are not special"),
    FIELDS("rows with too few fields", "--delimiter, --id/--date/--amount"),
    EMPTY_ID("empty customer ids", "--id (is it the right column?)"),
    DATE("dates that do not parse", "--date-format PATTERN (and --zone for offsets)"),
    AFTER_END(
        "dates after the observation end", "--calibration-end/--holdout-end, or fix the dates"),
    ZERO_AMOUNT("zero amounts", "--zero-amounts=keep or --zero-amounts=drop"),
    REFUND("negative amounts (refunds)", "--refunds=drop"),
    AMOUNT("amounts that do not parse", "--decimal/--grouping, or --amount (right column?)"),
    OTHER("other problems", "--on-bad-row=skip lists them in a rejects file");

    final String label;
    final String option;

    Kind(String label, String option) {
      this.label = label;
      this.option = option;
    }

    /** The kind of a reason as the reader and the pipeline word it. */
    static Kind of(String reason) {
      if (reason.contains("must be text in the input's encoding")) {
        return ENCODING;
      }
      if (reason.contains("(--max-row-bytes)")) {
        return TOO_LONG;
      }
      if (reason.contains("quoted field")) {
        return QUOTES;
      }
      if (reason.contains("must be a row of at least")) {
        return FIELDS;
      }
      if (reason.startsWith("customerId")) {
        return EMPTY_ID;
      }
      if (reason.startsWith("date") || reason.startsWith("time")) {
        return reason.contains("must not be after") ? AFTER_END : DATE;
      }
      if (reason.startsWith("amount")) {
        if (reason.contains("must be finite and > 0")) {
          return ZERO_AMOUNT;
        }
        if (reason.contains("must be finite and >= 0")) {
          return REFUND;
        }
        return AMOUNT;
      }
      return OTHER;
    }
  }

  private final Policy policy;
  private final AtomicOutput rejects;
  private final Path rejectsFile;
  private final boolean quiet;
  private final List<String> firstReasons = new ArrayList<>();
  private final List<String> listed = new ArrayList<>();
  private final long[] perKind = new long[Kind.values().length];
  private OutputStream out;
  private long skipped;
  private long stopped;

  private BadRows(Policy policy, AtomicOutput rejects, Path shownAs, boolean quiet) {
    this.policy = policy;
    this.rejects = rejects;
    this.rejectsFile = shownAs;
    this.quiet = quiet;
  }

  /** Stops the run after the read, reporting every bad row of the file at once. */
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
   * Handles one bad row: when stopping, counts it by kind and keeps its reason (the first {@value
   * #LISTED}) for {@link #throwIfAny(String)}; otherwise counts it and lists it as {@code
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
      stopped++;
      perKind[Kind.of(reason).ordinal()]++;
      if (listed.size() < LISTED) {
        listed.add(reason);
      }
      record.skipRest(null);
      return;
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

  /** The number of bad rows a stopping read has met so far. */
  long stopped() {
    return stopped;
  }

  /**
   * Ends a stopping read that met bad rows: one error (exit 3) whose first line is {@code source:
   * first reason}, as for a single bad row, followed when there were more by the listed rows and,
   * per kind, the count and the option that addresses it.
   *
   * @param source the input's name
   * @throws CliException when a bad row was met under {@code --on-bad-row=stop}
   */
  void throwIfAny(String source) {
    if (stopped == 0) {
      return;
    }
    String skipHint =
        "--on-bad-row=skip skips bad rows, counts them and lists them in a rejects file";
    if (stopped == 1) {
      throw new CliException(ExitCodes.DATA, source + ": " + listed.get(0), skipHint);
    }
    StringBuilder m = new StringBuilder(source).append(": ").append(listed.get(0));
    m.append(
        String.format(
            Locale.ROOT,
            "%n%s: %,d bad rows in all, read in one pass; nothing was written. The first %d:",
            source,
            stopped,
            listed.size()));
    for (String reason : listed) {
      m.append(System.lineSeparator()).append("  ").append(reason);
    }
    m.append(System.lineSeparator()).append("By kind, and what addresses it:");
    for (Kind kind : Kind.values()) {
      long n = perKind[kind.ordinal()];
      if (n > 0) {
        m.append(
            String.format(
                Locale.ROOT,
                "%n  %,d %s: %s",
                n,
                n == 1 ? singular(kind) : kind.label,
                kind.option));
      }
    }
    throw new CliException(ExitCodes.DATA, m.toString(), skipHint);
  }

  private static String singular(Kind kind) {
    return switch (kind) {
      case ENCODING -> "row with bytes that are not text in the input's encoding";
      case TOO_LONG -> "row longer than the limit";
      case QUOTES -> "row with broken quotes";
      case FIELDS -> "row with too few fields";
      case EMPTY_ID -> "empty customer id";
      case DATE -> "date that does not parse";
      case AFTER_END -> "date after the observation end";
      case ZERO_AMOUNT -> "zero amount";
      case REFUND -> "negative amount (refund)";
      case AMOUNT -> "amount that does not parse";
      case OTHER -> "other problem";
    };
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
