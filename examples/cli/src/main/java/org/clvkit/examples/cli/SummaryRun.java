package org.clvkit.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;

/**
 * Reads a transaction log into per-customer summaries with core's {@link SummaryAccumulator}: the
 * part that {@code summarize} and {@code report} share. Resolves the input (a file, or the bundled
 * CDNOW sample with the literature's settings), the calibration and holdout dates, and the row
 * policies; reports every line's fate.
 */
final class SummaryRun {
  /** The bundled CDNOW sample inside the jar. */
  static final String BUNDLED_RESOURCE = "/org/clvkit/examples/cli/data/CDNOW_sample.txt";

  /** The name under which the bundled sample appears in messages and the report. */
  static final String BUNDLED_NAME = "CDNOW_sample.txt (bundled)";

  /** The literature's calibration end and holdout end for CDNOW (Fader, Hardie and Lee 2005). */
  static final LocalDate CDNOW_CALIBRATION_END = LocalDate.of(1997, 9, 30);

  static final LocalDate CDNOW_HOLDOUT_END = LocalDate.of(1998, 6, 30);

  /**
   * What was read and summarised.
   *
   * @param source the input
   * @param unit the time unit of the summaries
   * @param summaries the per-customer summaries
   * @param stats what the reader saw
   * @param rejects the rejects file, or null when bad rows stop the read
   * @param purchases the customers' purchase days, or null when not collected
   */
  record Result(
      InputSource source,
      TimeUnit unit,
      CustomerSummaries summaries,
      TransactionReader.Stats stats,
      Path rejects,
      PurchaseDays purchases) {

    PolicyCounts policyCounts() {
      return summaries.policyCounts();
    }

    /** One paragraph on what happened to every row, for stderr and the report. */
    String account() {
      PolicyCounts p = policyCounts();
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "%s: %,d rows (%d header line%s, %d blank line%s skipped): %,d summarised",
              source.name(),
              stats.rows(),
              stats.headerLines(),
              stats.headerLines() == 1 ? "" : "s",
              stats.blankLines(),
              stats.blankLines() == 1 ? "" : "s",
              stats.passed() - p.dropped()));
      if (rejects != null) {
        out.append(
            String.format(
                Locale.ROOT, ", %,d bad rows skipped (listed in %s)", stats.skipped(), rejects));
      }
      if (p.afterObservationEndDropped() > 0) {
        out.append(
            String.format(
                Locale.ROOT,
                ", %,d after %s left out",
                p.afterObservationEndDropped(),
                summaries.options().observationEnd().toLocalDate()));
      }
      if (p.zeroAmountsDropped() > 0) {
        out.append(
            String.format(Locale.ROOT, ", %,d zero amounts dropped", p.zeroAmountsDropped()));
      }
      if (p.zeroAmountsKept() > 0) {
        out.append(
            String.format(
                Locale.ROOT, "; %,d zero amounts kept as purchases", p.zeroAmountsKept()));
      }
      out.append(
          String.format(
              Locale.ROOT,
              ".%n%,d customers with calibration purchases (to %s, in %s)",
              summaries.size(),
              summaries.options().calibrationEnd().toLocalDate(),
              unit.plural()));
      if (summaries.hasHoldout()) {
        out.append(
            String.format(
                Locale.ROOT,
                ", holdout %s to %s (%.2f %s)",
                summaries.options().calibrationEnd().toLocalDate().plusDays(1),
                summaries.options().observationEnd().toLocalDate(),
                summaries.holdoutLength(),
                unit.plural()));
        int holdoutOnly = summaries.holdoutOnlyCustomerIds().size();
        if (holdoutOnly > 0) {
          out.append(
              String.format(
                  Locale.ROOT,
                  "; %,d customers whose first purchase is in the holdout have no summary row"
                      + " (%,d purchases)",
                  holdoutOnly,
                  summaries.holdoutOnlyPurchases()));
        }
      }
      out.append('.');
      return out.toString();
    }
  }

  private SummaryRun() {}

  /**
   * Reads and summarises.
   *
   * @param options the command's input options
   * @param bundledByDefault whether a missing file means the bundled CDNOW sample ({@code report})
   * @param defaultRejects the rejects file when skipping and {@code --rejects} is not given
   * @param collectPurchases whether to keep the purchase days for the tracking chart
   * @param err where the progress bar goes
   */
  static Result run(
      InputOptions options,
      boolean bundledByDefault,
      Path defaultRejects,
      boolean collectPurchases,
      PrintWriter err) {
    InputSource source;
    TransactionReader.Layout layout;
    LocalDate calibrationEnd = InputOptions.date("--calibration-end", options.calibrationEnd);
    LocalDate holdoutStart = InputOptions.date("--holdout-start", options.holdoutStart);
    LocalDate holdoutEnd = InputOptions.date("--holdout-end", options.holdoutEnd);
    if (calibrationEnd != null && holdoutStart != null) {
      throw CliException.usage(
          "--calibration-end and --holdout-start must not both be given (the holdout starts the"
              + " day after the calibration end)");
    }
    if (holdoutStart != null) {
      calibrationEnd = holdoutStart.minusDays(1);
    }
    TimeUnit unit = options.timeUnit == null ? TimeUnit.WEEKS : TimeUnit.parse(options.timeUnit);
    if (options.file == null) {
      if (!bundledByDefault) {
        throw CliException.usage("a TRANSACTIONS file must be given");
      }
      if (options.layoutGiven()) {
        throw CliException.usage(
            "--delimiter, --header, --id, --date, --amount and --date-format describe an input"
                + " file; without one, the bundled CDNOW sample is read with its own layout");
      }
      source = InputSource.bundled(BUNDLED_RESOURCE, BUNDLED_NAME);
      layout =
          new TransactionReader.Layout(
              Delimiter.WHITESPACE,
              false,
              ColumnSpec.parse("--id", "2"),
              ColumnSpec.parse("--date", "3"),
              ColumnSpec.parse("--amount", "5"),
              "yyyyMMdd");
      if (calibrationEnd == null && holdoutEnd == null) {
        calibrationEnd = CDNOW_CALIBRATION_END;
        holdoutEnd = CDNOW_HOLDOUT_END;
      }
    } else {
      source = InputSource.file(options.file);
      layout = options.layout(source);
    }
    if (holdoutEnd != null && calibrationEnd == null) {
      throw CliException.usage("--holdout-end needs --calibration-end or --holdout-start");
    }
    BadRows.Policy policy = options.badRowPolicy();
    RowPolicy zeros = options.zeroAmountPolicy();
    Progress.Mode progress = options.progressMode();
    if (options.rejects != null && policy != BadRows.Policy.SKIP) {
      throw CliException.usage("--rejects needs --on-bad-row=skip");
    }
    TransactionReader reader = new TransactionReader(source, layout, progress, err);

    boolean holdout = holdoutStart != null || holdoutEnd != null;
    if (calibrationEnd == null || (holdout && holdoutEnd == null)) {
      long latest = reader.latestTime();
      if (latest == Long.MIN_VALUE) {
        throw CliException.data(
            source.name()
                + " must have at least one row with a readable date (pattern "
                + layout.datePattern()
                + "), had none");
      }
      LocalDate last = DateParser.time(latest).toLocalDate();
      if (calibrationEnd == null) {
        calibrationEnd = last;
      } else {
        holdoutEnd = last;
      }
    }
    LocalDate observationEnd = holdoutEnd == null ? calibrationEnd : holdoutEnd;
    if (observationEnd.isBefore(calibrationEnd)) {
      throw CliException.usage(
          String.format(
              Locale.ROOT,
              "--holdout-end = %s must not be before the calibration end %s",
              observationEnd,
              calibrationEnd));
    }
    SummaryOptions summaryOptions =
        SummaryOptions.of(unit.scale(), calibrationEnd)
            .withHoldoutUntil(observationEnd)
            .withZeroAmounts(zeros)
            .withAfterObservationEnd(RowPolicy.DROP);
    long observationEndSecond = observationEnd.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    SummaryAccumulator accumulator = new SummaryAccumulator(summaryOptions, 1 << 12);
    PurchaseDays purchases = collectPurchases ? new PurchaseDays() : null;
    Path rejects = null;
    BadRows badRows;
    if (policy == BadRows.Policy.SKIP) {
      rejects = options.rejects != null ? options.rejects : defaultRejects;
      badRows = BadRows.skip(rejects);
    } else {
      badRows = BadRows.stop();
    }
    TransactionReader.Stats stats;
    try (badRows) {
      stats =
          reader.read(
              (line, id, second, amount) -> {
                accumulator.acceptAtLine(line, id, second, amount);
                if (purchases != null
                    && Math.floorDiv(second, 86_400L) * 86_400L <= observationEndSecond
                    && (amount > 0 || (amount == 0 && zeros == RowPolicy.KEEP))) {
                  purchases.add(id, second, amount);
                }
              },
              badRows,
              true);
    }
    CustomerSummaries summaries = accumulator.result();
    if (stats.passed() == 0) {
      throw CliException.data(
          String.format(
              Locale.ROOT,
              "%s: no row was usable: all %,d rows were bad and skipped (listed in %s)",
              source.name(),
              stats.rows(),
              rejects));
    }
    if (summaries.size() == 0) {
      throw CliException.data(
          String.format(
              Locale.ROOT,
              "%s must have at least one customer with a purchase on or before the calibration end"
                  + " %s, had none (%,d rows after %s left out)",
              source.name(),
              calibrationEnd,
              summaries.policyCounts().afterObservationEndDropped(),
              observationEnd));
    }
    return new Result(source, unit, summaries, stats, rejects, purchases);
  }

  /** The first day of the cohort: the earliest first purchase among the summary rows. */
  static LocalDateTime origin(CustomerSummaries summaries) {
    LocalDateTime first = summaries.firstPurchase(0);
    for (int i = 1; i < summaries.size(); i++) {
      LocalDateTime t = summaries.firstPurchase(i);
      if (t.isBefore(first)) {
        first = t;
      }
    }
    return first.toLocalDate().atStartOfDay();
  }

  /** Rethrows a library rejection of data as a data error naming the file. */
  static CliException dataError(String file, ClvArgumentException e) {
    return new CliException(ExitCodes.DATA, file + ": " + e.getMessage(), e);
  }
}
