package org.clvkit.examples.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
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
          "Date pattern (java.time): yyyy-MM-dd, yyyyMMdd, dd/MM/yyyy, yyyy-MM-dd HH:mm:ss, ..."
              + " Default: detected from the first 1,000 rows among yyyy-MM-dd, yyyyMMdd and"
              + " ISO-8601 date-times with or without an offset (said on stderr); day-month orders"
              + " are never guessed.")
  String dateFormat;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "Time zone (e.g. Asia/Shanghai, UTC, +08:00) to which timestamps with an offset are"
              + " moved before their calendar day is taken. Default: none, a timestamp with an"
              + " offset belongs to the day written in it (its local day at its own offset).")
  String zone;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description =
          "Encoding of the input: UTF-8 (default), ISO-8859-1, windows-1252, GB18030, ..."
              + " Decoded strictly: a byte that is not valid in it makes its row bad (line and"
              + " byte offset given).")
  String encoding;

  @Option(
      names = "--decimal",
      paramLabel = "MARK",
      description = "Decimal mark of amounts: '.' (default) or ','.")
  String decimal;

  @Option(
      names = "--grouping",
      paramLabel = "MARK",
      description =
          "Thousands separator of amounts, between groups of three digits: none (default), ',',"
              + " '.', \"'\", '_' or space. 1,234.50: --grouping ','; 1.234,50: --decimal ','"
              + " --grouping '.' (a field holding the delimiter must be quoted).")
  String grouping;

  @Option(
      names = "--refunds",
      paramLabel = "reject|drop",
      description =
          "Rows with a negative amount: reject them as bad rows (default), or drop them"
              + " (counted). Net refunds against their purchases before summarising to keep"
              + " them.")
  String refunds;

  @Option(
      names = "--duplicates",
      paramLabel = "keep|drop",
      description =
          "Exact duplicate rows (same customer, time and amount), always counted and reported:"
              + " keep them as purchases (default; same-day purchases merge into one) or drop"
              + " them.")
  String duplicates;

  @Option(
      names = "--sorted",
      description =
          "The input is sorted by customer: each customer's rows together and in time order (as"
              + " CDNOW's files). Rows then stream into the summaries with memory for the customers"
              + " only and no temporary file; a row that breaks the order ends the run naming its"
              + " line. Without it any order is read (long logs are spilled to temporary files);"
              + " a log sorted by customer is then detected (when an end is taken from the data,"
              + " by its first 4,096 rows, and its dates scanned first), and its summaries are"
              + " those of --sorted.")
  boolean sorted;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      description =
          "Folder for the temporary files of a long log (default: java.io.tmpdir); deleted when"
              + " the run ends.")
  Path tempDir;

  @Option(
      names = "--max-row-bytes",
      paramLabel = "N",
      description = "Longest row in bytes (default 1048576); a longer line is a bad row.")
  Integer maxRowBytes;

  @Option(
      names = "--on-bad-row",
      paramLabel = "stop|skip",
      description =
          "stop (default): read the whole file, then stop with every bad row's line number and"
              + " reason (the first 20 listed, all counted by kind, with the option for each kind);"
              + " nothing is written. skip: skip bad rows, count them and list them in the rejects"
              + " file.")
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
              + " start of that day. Default: the last date in the data not after today (printed,"
              + " with a warning when it lies more than 30 days after the 99.9th percentile"
              + " date); rows after today are then bad rows.")
  String calibrationEnd;

  @Option(
      names = "--holdout-start",
      paramLabel = "DATE|DURATION",
      description =
          "First day of a holdout period (yyyy-MM-dd), or a duration after the first purchase in"
              + " the data (39w, 273d, 9m, 1y: CLVTools' \"estimation split\"): calibration ends"
              + " the day before. Instead of --calibration-end.")
  String holdoutStart;

  @Option(
      names = "--holdout-end",
      paramLabel = "DATE",
      description =
          "Last day of the holdout period (inclusive). Default with --holdout-start: the last date"
              + " in the data not after today. Rows after the observation end (this, or the"
              + " calibration end without a holdout) are bad rows.")
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
        || dateFormat != null
        || encoding != null
        || decimal != null
        || grouping != null;
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

  RowPipeline.Duplicates duplicatePolicy() {
    if (duplicates == null) {
      return RowPipeline.Duplicates.KEEP;
    }
    switch (duplicates.toLowerCase(Locale.ROOT)) {
      case "keep":
        return RowPipeline.Duplicates.KEEP;
      case "drop":
        return RowPipeline.Duplicates.DROP;
      default:
        throw CliException.usage("--duplicates must be keep or drop, was \"" + duplicates + "\"");
    }
  }

  RowPolicy refundPolicy() {
    if (refunds == null) {
      return RowPolicy.REJECT;
    }
    switch (refunds.toLowerCase(Locale.ROOT)) {
      case "reject":
        return RowPolicy.REJECT;
      case "drop":
        return RowPolicy.DROP;
      default:
        throw CliException.usage("--refunds must be reject or drop, was \"" + refunds + "\"");
    }
  }

  Charset charset() {
    if (encoding == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(encoding.strip());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "--encoding must be a charset such as UTF-8, ISO-8859-1, windows-1252 or GB18030, was"
              + " \""
              + encoding
              + "\"");
    }
  }

  ZoneId zoneId() {
    if (zone == null) {
      return null;
    }
    try {
      return ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      throw CliException.usage(
          "--zone must be a time zone such as UTC, +08:00 or Asia/Shanghai, was \"" + zone + "\"");
    }
  }

  int maxRowBytes() {
    if (maxRowBytes == null) {
      return 1 << 20;
    }
    if (maxRowBytes < 64 || maxRowBytes > (1 << 30)) {
      throw CliException.usage("--max-row-bytes must be in [64, 1073741824], was " + maxRowBytes);
    }
    return maxRowBytes;
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
    Charset charset = charset();
    if (!d.isWhitespace() && d.character() >= 0x80) {
      throw CliException.usage(
          "--delimiter must be an ASCII character, was '" + d.character() + "'");
    }
    ByteRecords.checkDelimiter(charset, d.character(), d.isWhitespace());
    return new TransactionReader.Layout(
        d,
        h,
        ColumnSpec.parse("--id", id == null ? "customer_id" : id),
        ColumnSpec.parse("--date", date == null ? "date" : date),
        ColumnSpec.parse("--amount", amount == null ? "amount" : amount),
        dateFormat,
        charset,
        zoneId(),
        AmountParser.of(decimal, grouping),
        maxRowBytes());
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
