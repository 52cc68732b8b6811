package org.clvkit.examples.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.clvkit.core.data.RowPolicy;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options shared by the commands that read a transaction log ({@code summarize}, {@code
 * report}): the file and its layout, bad-row handling, and the time settings of the summary.
 * Options left unset are null, so that {@code report} can tell them from its bundled-data defaults.
 */
final class InputOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TRANSACTIONS",
      description =
          "Transaction log: CSV, TSV or whitespace-separated, optionally gzip-compressed (any name"
              + " ending). One row per purchase with a customer id, a date and an amount.")
  Path file;

  @Option(
      names = "--delimiter",
      paramLabel = "D",
      description =
          "Field separator: one character (',' ';' '|'), tab, or whitespace (runs of spaces and"
              + " tabs). Default: tab for .tsv/.tab files, otherwise ','.")
  String delimiter;

  @Option(
      names = "--header",
      negatable = true,
      description =
          "Whether the first line is a header (default: yes). With --no-header, give --id, --date"
              + " and --amount as column positions.")
  Boolean header;

  @Option(
      names = "--id",
      paramLabel = "COLUMN",
      description = "Customer id column: header name or position from 1 (default: customer_id).")
  String id;

  @Option(
      names = "--date",
      paramLabel = "COLUMN",
      description = "Date column: header name or position from 1 (default: date).")
  String date;

  @Option(
      names = "--amount",
      paramLabel = "COLUMN",
      description = "Amount column: header name or position from 1 (default: amount).")
  String amount;

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description =
          "Date pattern (java.time): yyyy-MM-dd (default), yyyyMMdd, dd/MM/yyyy, yyyy-MM-dd"
              + " HH:mm:ss, ...")
  String dateFormat;

  @Option(
      names = "--on-bad-row",
      paramLabel = "stop|skip",
      description =
          "stop (default): stop at the first bad row with its line number and reason. skip: skip"
              + " bad rows, count them and list them in the rejects file.")
  String onBadRow;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "With --on-bad-row=skip: where to list skipped rows (line,reason,row).")
  Path rejects;

  @Option(
      names = "--zero-amounts",
      paramLabel = "keep|drop|reject",
      description =
          "Rows with amount 0: keep them as purchases of value 0 (default, as the CDNOW"
              + " literature), drop them (counted), or reject them as bad rows.")
  String zeroAmounts;

  @Option(
      names = "--time-unit",
      paramLabel = "UNIT",
      description = "Period of recency, age and horizons: weeks (default), days, or Nd (N days).")
  String timeUnit;

  @Option(
      names = "--calibration-end",
      paramLabel = "DATE",
      description =
          "Last day of the calibration period (yyyy-MM-dd, inclusive); ages are measured to the"
              + " start of that day. Default: the last date in the data.")
  String calibrationEnd;

  @Option(
      names = "--holdout-start",
      paramLabel = "DATE",
      description =
          "First day of a holdout period: calibration ends the day before. Instead of"
              + " --calibration-end.")
  String holdoutStart;

  @Option(
      names = "--holdout-end",
      paramLabel = "DATE",
      description =
          "Last day of the holdout period (inclusive). Default with --holdout-start: the last date"
              + " in the data; without a holdout, rows after the calibration end are left out and"
              + " counted.")
  String holdoutEnd;

  @Option(
      names = "--progress",
      paramLabel = "auto|always|never",
      description = "Progress bar on stderr: auto (default: only when stderr is a terminal).")
  String progress;

  /** Whether any option describing the file's layout was given. */
  boolean layoutGiven() {
    return delimiter != null
        || header != null
        || id != null
        || date != null
        || amount != null
        || dateFormat != null;
  }

  BadRows.Policy badRowPolicy() {
    if (onBadRow == null) {
      return BadRows.Policy.STOP;
    }
    switch (onBadRow.toLowerCase(Locale.ROOT)) {
      case "stop":
        return BadRows.Policy.STOP;
      case "skip":
        return BadRows.Policy.SKIP;
      default:
        throw CliException.usage("--on-bad-row must be stop or skip, was \"" + onBadRow + "\"");
    }
  }

  RowPolicy zeroAmountPolicy() {
    if (zeroAmounts == null) {
      return RowPolicy.KEEP;
    }
    switch (zeroAmounts.toLowerCase(Locale.ROOT)) {
      case "keep":
        return RowPolicy.KEEP;
      case "drop":
        return RowPolicy.DROP;
      case "reject":
        return RowPolicy.REJECT;
      default:
        throw CliException.usage(
            "--zero-amounts must be keep, drop or reject, was \"" + zeroAmounts + "\"");
    }
  }

  Progress.Mode progressMode() {
    if (progress == null) {
      return Progress.Mode.AUTO;
    }
    try {
      return Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "--progress must be auto, always or never, was \"" + progress + "\"");
    }
  }

  /** The layout of a user's file, with the defaults for options not given. */
  TransactionReader.Layout layout(InputSource source) {
    Delimiter d =
        delimiter == null ? Delimiter.forFileName(source.fileName()) : Delimiter.parse(delimiter);
    boolean h = header == null || header;
    return new TransactionReader.Layout(
        d,
        h,
        ColumnSpec.parse("--id", id == null ? "customer_id" : id),
        ColumnSpec.parse("--date", date == null ? "date" : date),
        ColumnSpec.parse("--amount", amount == null ? "amount" : amount),
        dateFormat == null ? "yyyy-MM-dd" : dateFormat);
  }

  /** Parses a date option (yyyy-MM-dd), or returns null when it was not given. */
  static LocalDate date(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw CliException.usage(option + " must be a date yyyy-MM-dd, was \"" + text + "\"");
    }
  }
}
