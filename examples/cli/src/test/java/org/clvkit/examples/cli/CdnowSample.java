package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bundled CDNOW sample ({@link SummaryRun#BUNDLED_RESOURCE}; whitespace-separated, no header:
 * index, customer id, yyyyMMdd date, quantity, amount) as the CLI tests use it: copied into a
 * test's directory and summarised by {@code clv summarize} with the options that read it and the
 * test's own.
 */
final class CdnowSample {
  /** The options that read the sample's columns. */
  private static final List<String> READ =
      List.of(
          "--delimiter=whitespace",
          "--no-header",
          "--id=2",
          "--date=3",
          "--amount=5",
          "--date-format=yyyyMMdd");

  private CdnowSample() {}

  /** The sample's rows, each split into its fields. */
  static List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = CdnowSample.class.getResourceAsStream(SummaryRun.BUNDLED_RESOURCE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank()) {
          rows.add(line.trim().split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The sample copied to dir/CDNOW_sample.txt (once: an existing copy is kept). */
  static Path log(Path dir) throws IOException {
    Path log = dir.resolve("CDNOW_sample.txt");
    if (!Files.exists(log)) {
      try (InputStream in = CdnowSample.class.getResourceAsStream(SummaryRun.BUNDLED_RESOURCE)) {
        Files.copy(in, log);
      }
    }
    return log;
  }

  /**
   * The arguments of {@code clv summarize} of {@code log} (the sample) with the options that read
   * it, then {@code options}.
   */
  static Object[] summarizeArguments(Path log, Object... options) {
    List<Object> args = new ArrayList<>();
    args.add("summarize");
    args.add(log);
    args.addAll(READ);
    Collections.addAll(args, options);
    return args.toArray();
  }

  /**
   * {@code clv summarize} of the sample with {@code options} (calibration, holdout, time unit, …)
   * into dir/summary.csv, which it returns; fails the test unless the command succeeds.
   */
  static Path summarize(Path dir, Object... options) throws IOException {
    Path summary = dir.resolve("summary.csv");
    Object[] args = summarizeArguments(log(dir), options);
    Object[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "-o";
    all[args.length + 1] = summary;
    Cli.Result s = Cli.run(all);
    assertEquals(ExitCodes.OK, s.code(), s::toString);
    return summary;
  }

  /** {@link #summarize} with calibration through 1997-09-30 and holdout through 1998-06-30. */
  static Path summary(Path dir) throws IOException {
    return summarize(dir, "--calibration-end=1997-09-30", "--holdout-end=1998-06-30");
  }
}
