package org.clvkit.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clv summarize}: a transaction log to a per-customer summary CSV (frequency, recency, age,
 * spend; holdout purchases with a holdout period), streaming, in memory that grows with customers,
 * not rows.
 */
@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise a transaction log per customer: frequency (repeat purchases), recency (first to"
          + " last purchase), age (first purchase to calibration end), mean repeat spend, total"
          + " spend; and holdout purchases when there is a holdout period.",
      "Purchases of a customer on the same day count as one. Memory grows with customers, not"
          + " rows, in any row order: a long log is spilled to temporary files (--temp-dir).",
      "A failed or killed run leaves earlier outputs untouched."
    },
    footer = {"", ExitCodes.HELP})
final class SummarizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin InputOptions input;

  @Mixin CsvOutputOptions csv;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Summary CSV to write (.gz compresses); default: standard output. Written to a"
              + " temporary file beside it and moved into place when complete: a failed or killed"
              + " run leaves an earlier file untouched.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean escape = csv.escape();
    Path rejects =
        SummaryRun.rejectsFile(
            input, output == null ? Path.of("rejects.csv") : sibling(output, ".rejects.csv"));
    new PathChecks()
        .input("TRANSACTIONS", input.file)
        .output("-o/--output", output)
        .output("--rejects", rejects)
        .check();
    try (AtomicOutput summaryOut = AtomicOutput.openOrStdout(output, out);
        AtomicOutput rejectsOut = rejects == null ? null : AtomicOutput.open(rejects)) {
      SummaryRun.Result result = SummaryRun.run(input, false, rejectsOut, rejects, false, err);
      SummaryCsv.write(result.summaries(), summaryOut, escape);
      if (rejectsOut != null) {
        rejectsOut.commit();
      }
      summaryOut.commit();
      err.println(result.account());
      if (output != null) {
        err.printf("wrote %d customers to %s%n", result.summaries().size(), output);
      }
    }
    err.flush();
    return ExitCodes.OK;
  }

  /** {@code dir/name.csv} to {@code dir/name<suffix>}. */
  static Path sibling(Path file, String suffix) {
    String name = file.getFileName().toString();
    for (String ext : new String[] {".csv.gz", ".tsv.gz", ".gz", ".csv", ".tsv"}) {
      if (name.endsWith(ext)) {
        name = name.substring(0, name.length() - ext.length());
        break;
      }
    }
    return file.resolveSibling(name + suffix);
  }
}
