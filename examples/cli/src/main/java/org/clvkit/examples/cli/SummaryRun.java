package org.clvkit.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.data.RowPolicy;
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
      PurchaseDays purchases,
      List<String> notes,
      List<Note> keyedNotes) {

    /**
     * The account of {@link #account()} in the report's language, from the bundle's {@code
     * ingest.*} keys.
     */
    String account(Messages msg) {
      PolicyCounts p = policyCounts();
      StringBuilder out = new StringBuilder();
      out.append(
          msg.format(
              "ingest.rows",
              source.name(),
              msg.number(stats.rows(), 0),
              msg.number(stats.headerLines(), 0),
              msg.number(stats.blankLines(), 0),
              msg.number(stats.passed() - p.dropped(), 0)));
      if (rejects != null) {
        out.append(msg.format("ingest.badRows", msg.number(stats.skipped(), 0), rejects));
      }
      if (p.afterObservationEndDropped() > 0) {
        out.append(
            msg.format(
                "ingest.afterEnd",
                msg.number(p.afterObservationEndDropped(), 0),
                msg.date(summaries.options().observationEnd().toLocalDate())));
      }
      if (p.zeroAmountsDropped() > 0) {
        out.append(msg.format("ingest.zeroDropped", msg.number(p.zeroAmountsDropped(), 0)));
      }
      if (p.zeroAmountsKept() > 0) {
        out.append(msg.format("ingest.zeroKept", msg.number(p.zeroAmountsKept(), 0)));
      }
      out.append(
          msg.format(
              "ingest.customers",
              msg.number(summaries.size(), 0),
              msg.date(summaries.options().calibrationEnd().toLocalDate()),
              msg.periods(unit)));
      if (summaries.hasHoldout()) {
        out.append(
            msg.format(
                "ingest.holdout",
                msg.date(summaries.options().calibrationEnd().toLocalDate().plusDays(1)),
                msg.date(summaries.options().observationEnd().toLocalDate()),
                msg.number(summaries.holdoutLength(), 2),
                msg.periods(unit)));
        int holdoutOnly = summaries.holdoutOnlyCustomerIds().size();
        if (holdoutOnly > 0) {
          out.append(
              msg.format(
                  "ingest.holdoutOnly",
                  msg.number(holdoutOnly, 0),
                  msg.number(summaries.holdoutOnlyPurchases(), 0)));
        }
      }
      out.append(msg.get("ingest.end"));
      if (p.refundsDropped() > 0) {
        out.append(' ').append(msg.format("ingest.refunds", msg.number(p.refundsDropped(), 0)));
      }
      for (Note note : keyedNotes) {
        out.append(' ').append(note.render(msg));
      }
      return out.toString();
    }

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
      if (p.refundsDropped() > 0) {
        out.append(
            String.format(
                Locale.ROOT, "%n%,d refunds (negative amounts) dropped", p.refundsDropped()));
      }
      for (String note : notes) {
        out.append(System.lineSeparator()).append(note);
      }
      return out.toString();
    }
  }

  /**
   * A note of the account for the report, by bundle key: numbers and dates among the arguments are
   * formatted for the report's language when rendered.
   */
  record Note(String key, Object... args) {
    String render(Messages msg) {
      Object[] shown = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        shown[i] =
            a instanceof LocalDate d
                ? msg.date(d)
                : a instanceof Long || a instanceof Integer
                    ? msg.number(((Number) a).doubleValue(), 0)
                    : String.valueOf(a);
      }
      return msg.format(key, shown);
    }
  }

  private SummaryRun() {}

  /**
   * Reads and summarises.
   *
   * @param options the command's input options
   * @param bundledByDefault whether a missing file means the bundled CDNOW sample ({@code report})
   * @param rejectsOut the open rejects file when skipping bad rows ({@link #rejectsFile}), or null
   * @param rejectsShownAs the rejects file's name in messages
   * @param collectPurchases whether to keep the purchase days for the tracking chart
   * @param err where the progress bar goes
   */
  static Result run(
      InputOptions options,
      boolean bundledByDefault,
      AtomicOutput rejectsOut,
      Path rejectsShownAs,
      boolean collectPurchases,
      PrintWriter err) {
    return run(options, bundledByDefault, rejectsOut, rejectsShownAs, collectPurchases, null, err);
  }

  /**
   * As {@link #run(InputOptions, boolean, AtomicOutput, Path, boolean, PrintWriter)}, collecting a
   * segment column of the accepted rows as well.
   *
   * @param segments the segment column to collect, or null
   */
  static Result run(
      InputOptions options,
      boolean bundledByDefault,
      AtomicOutput rejectsOut,
      Path rejectsShownAs,
      boolean collectPurchases,
      SegmentColumn segments,
      PrintWriter err) {
    if (Boolean.getBoolean("clvkit.phases")) {
      ProcessHandle.current()
          .info()
          .startInstant()
          .ifPresent(
              t ->
                  System.err.printf(
                      Locale.ROOT,
                      "phase start the JVM and parse the options: %.3f s%n",
                      java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1e3));
    }
    InputSource source;
    TransactionReader.Layout layout;
    LocalDate calibrationEnd = InputOptions.date("--calibration-end", options.calibrationEnd);
    Double holdoutAfterDays =
        options.holdoutStart == null ? null : Horizon.days(options.holdoutStart);
    LocalDate holdoutStart =
        holdoutAfterDays != null
            ? null
            : InputOptions.date("--holdout-start", options.holdoutStart);
    LocalDate holdoutEnd = InputOptions.date("--holdout-end", options.holdoutEnd);
    if (calibrationEnd != null && options.holdoutStart != null) {
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
            "--delimiter, --header, --id, --date, --amount, --date-format, --encoding, --decimal"
                + " and --grouping describe an input file; without one, the bundled CDNOW sample"
                + " is read with its own layout");
      }
      source = InputSource.bundled(BUNDLED_RESOURCE, BUNDLED_NAME);
      layout =
          new TransactionReader.Layout(
              Delimiter.WHITESPACE,
              false,
              ColumnSpec.parse("--id", "2"),
              ColumnSpec.parse("--date", "3"),
              ColumnSpec.parse("--amount", "5"),
              "yyyyMMdd",
              StandardCharsets.US_ASCII,
              null,
              AmountParser.of(null, null),
              options.maxRowBytes());
      if (calibrationEnd == null && holdoutEnd == null && holdoutAfterDays == null) {
        calibrationEnd = CDNOW_CALIBRATION_END;
        holdoutEnd = CDNOW_HOLDOUT_END;
      }
    } else {
      source = InputSource.file(options.file);
      layout = options.layout(source);
    }
    if (holdoutEnd != null && calibrationEnd == null && holdoutAfterDays == null) {
      throw CliException.usage("--holdout-end needs --calibration-end or --holdout-start");
    }
    BadRows.Policy policy = options.badRowPolicy();
    RowPolicy zeros = options.zeroAmountPolicy();
    Progress.Mode progress = options.progressMode();
    if ((rejectsOut != null) != (policy == BadRows.Policy.SKIP)) {
      throw new IllegalStateException("a rejects file goes with --on-bad-row=skip");
    }
    TransactionReader reader = new TransactionReader(source, layout, progress, err);
    if (segments != null) {
      segments.source(source.name());
    }

    List<String> notes = new ArrayList<>();
    List<Note> keyed = new ArrayList<>();
    DateParser dates = reader.dates();
    if (reader.detectedDates()) {
      notes.add(
          "dates read as "
              + dates.pattern()
              + " (detected from the first rows; --date-format sets it)");
      keyed.add(new Note("ingest.note.dates", dates.pattern()));
    }
    boolean holdout = holdoutStart != null || holdoutAfterDays != null || holdoutEnd != null;
    LocalDate today = today();
    boolean endFromData =
        (calibrationEnd == null && holdoutAfterDays == null) || (holdout && holdoutEnd == null);
    long notAfter = today.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) - 1;
    Ends ends = new Ends(calibrationEnd, holdoutStart, holdoutEnd);
    boolean needScan = endFromData || holdoutAfterDays != null;
    // A sorted input streams into summaries whose ends must be known before the read: a first
    // pass over the dates finds them. Any other order finds them during its one read.
    // So does a log whose first rows look sorted by customer (not declared): the scan lets its
    // rows stream (O(customers)) instead of being spilled, while they stay sorted.
    SummaryOptions summaryOptions = null;
    boolean scannedFirst = false;
    if (needScan && (options.sorted || reader.looksSortedByCustomer())) {
      TransactionReader.DateScan scan = reader.scanDates(notAfter);
      ends.resolve(scan, options, holdoutAfterDays, endFromData, today, notes, keyed);
      scannedFirst = !options.sorted && endFromData;
      needScan = false;
    }
    if (!needScan) {
      summaryOptions = ends.summaryOptions(unit, zeros, options);
    }
    DateStats dateStats = needScan ? new DateStats(notAfter) : null;
    // While the end is still to be taken from the data, rows after today are the bad ones.
    // (Rows after today are bad either way: the observation end found by a first scan is the last
    // date not after today; a detected sorted log keeps the any-order path's words for them.)
    boolean endPending = (needScan && endFromData) || scannedFirst;
    long lastSecond =
        endPending
            ? notAfter
            : ends.observationEnd().atStartOfDay().toEpochSecond(ZoneOffset.UTC) + 86_399L;
    String endRule =
        endPending
            ? "today " + today + " (the observation end is taken from the data)"
            : endFromData
                ? "the observation end "
                    + ends.observationEnd()
                    + " (the last date not after today)"
                : ends.holdoutEnd != null
                    ? "the holdout end " + ends.observationEnd()
                    : "the calibration end " + ends.observationEnd();

    RowPipeline pipeline =
        new RowPipeline(
            source.name(),
            zeros,
            options.refundPolicy(),
            options.duplicatePolicy(),
            Integer.getInteger("clvkit.chunkRows", RowPipeline.chunkRows()),
            options.tempDir,
            options.sorted ? summaryOptions : null,
            options.sorted ? null : summaryOptions);
    PurchaseDays purchases = collectPurchases ? new PurchaseDays() : null;
    Path rejects = null;
    BadRows badRows;
    if (policy == BadRows.Policy.SKIP) {
      rejects = rejectsShownAs;
      badRows = BadRows.skip(rejectsOut, rejects);
    } else {
      badRows = BadRows.stop();
    }
    reader.internIds(pipeline.ids());
    TransactionReader.Stats stats;
    CustomerSummaries summaries;
    try (badRows;
        pipeline) {
      TransactionReader.RowSink sink =
          new TransactionReader.RowSink() {
            @Override
            public void accept(long line, String id, long second, double amount) {
              take(line, id, -1, second, amount);
            }

            @Override
            public void acceptInterned(
                long line, IdTable ids, int index, long second, double amount) {
              take(line, purchases == null ? null : ids.id(index), index, second, amount);
            }

            /** A row: its id, or null when only its index is needed; its index, or -1. */
            private void take(long line, String id, int index, long second, double amount) {
              if (second > lastSecond) {
                throw new ClvArgumentException(
                    String.format(
                        Locale.ROOT,
                        "date (line %d) must not be after %s, was %s",
                        line,
                        endRule,
                        SummaryCsv.time(DateParser.time(second))));
              }
              if (dateStats != null) {
                dateStats.add(second);
              }
              pipeline.accept(line, id, index, second, amount);
              if (purchases != null && (amount > 0 || (amount == 0 && zeros == RowPolicy.KEEP))) {
                purchases.add(id, second, amount);
              }
            }
          };
      long started = System.nanoTime();
      stats = reader.read(sink, badRows, true, segments == null ? null : segments.spec(), segments);
      phase("read and parse", started);
      started = System.nanoTime();
      if (dateStats != null) {
        ends.resolve(dateStats.scan(), options, holdoutAfterDays, endFromData, today, notes, keyed);
        summaryOptions = ends.summaryOptions(unit, zeros, options);
      }
      summaries = pipeline.finish(summaryOptions);
      phase("summarise (sort, spilled parts)", started);
    }
    calibrationEnd = ends.calibrationEnd;
    LocalDate observationEnd = ends.observationEnd();
    String duplicateNote =
        String.format(
            Locale.ROOT,
            "%,d exact duplicate rows (same customer, time and amount) %s",
            pipeline.duplicateRows(),
            options.duplicatePolicy() == RowPipeline.Duplicates.DROP
                ? "dropped (--duplicates=drop)"
                : "kept as purchases (--duplicates=drop leaves them out)");
    notes.add(0, duplicateNote);
    keyed.add(
        0,
        new Note(
            options.duplicatePolicy() == RowPipeline.Duplicates.DROP
                ? "ingest.note.duplicatesDropped"
                : "ingest.note.duplicatesKept",
            pipeline.duplicateRows()));
    if (pipeline.spilled()) {
      notes.add("the log was spilled to temporary files to bound memory (--temp-dir sets where)");
      keyed.add(new Note("ingest.note.spilled"));
    }
    checkFinite(source.name(), summaries);
    if (dates.offsetTimestamps() > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%,d timestamps with an offset: each belongs to %s",
              dates.offsetTimestamps(),
              layout.zone() == null
                  ? "the calendar day written in it (its local day at its own offset; --zone"
                      + " moves them to one zone first)"
                  : "its calendar day in " + layout.zone()));
      keyed.add(
          layout.zone() == null
              ? new Note("ingest.note.offsetOwn", dates.offsetTimestamps())
              : new Note("ingest.note.offsetZone", dates.offsetTimestamps(), layout.zone()));
    }
    if (stats.passed() == 0) {
      throw CliException.data(
          String.format(
              Locale.ROOT,
              "%s: no row was usable: all %,d rows were bad; the first: %s",
              source.name(),
              stats.rows(),
              String.join("; ", badRows.firstReasons())));
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
    return new Result(
        source, unit, summaries, stats, rejects, purchases, List.copyOf(notes), List.copyOf(keyed));
  }

  /** The calibration and holdout ends of a run, given or taken from the data. */
  private static final class Ends {
    LocalDate calibrationEnd;
    LocalDate holdoutStart;
    LocalDate holdoutEnd;

    Ends(LocalDate calibrationEnd, LocalDate holdoutStart, LocalDate holdoutEnd) {
      this.calibrationEnd = calibrationEnd;
      this.holdoutStart = holdoutStart;
      this.holdoutEnd = holdoutEnd;
    }

    LocalDate observationEnd() {
      return holdoutEnd == null ? calibrationEnd : holdoutEnd;
    }

    /** Takes the ends still open from the dates of the data, with the notes that say so. */
    void resolve(
        TransactionReader.DateScan scan,
        InputOptions options,
        Double holdoutAfterDays,
        boolean endFromData,
        LocalDate today,
        List<String> notes,
        List<Note> keyed) {
      if (holdoutAfterDays != null) {
        LocalDate first =
            scan.earliest() == Long.MAX_VALUE
                ? today
                : DateParser.time(scan.earliest()).toLocalDate();
        holdoutStart = first.plusDays(Math.round(holdoutAfterDays));
        calibrationEnd = holdoutStart.minusDays(1);
        notes.add(
            String.format(
                Locale.ROOT,
                "holdout starts %s: the first purchase in the data, %s, plus --holdout-start %s"
                    + " (%d days)",
                holdoutStart,
                first,
                options.holdoutStart.strip(),
                Math.round(holdoutAfterDays)));
        keyed.add(
            new Note(
                "ingest.note.holdoutStart",
                holdoutStart,
                first,
                options.holdoutStart.strip(),
                Math.round(holdoutAfterDays)));
      }
      if (!endFromData) {
        return;
      }
      // No usable date: the reading pass reports the bad rows (an end of today is then moot).
      LocalDate last =
          scan.latest() == Long.MIN_VALUE ? today : DateParser.time(scan.latest()).toLocalDate();
      if (calibrationEnd == null) {
        calibrationEnd = last;
      } else {
        holdoutEnd = last;
      }
      notes.add(
          "observation end taken from the data: "
              + last
              + ", its last date (rows after today, "
              + today
              + ", are bad rows)");
      keyed.add(new Note("ingest.note.endFromData", last, today));
      LocalDate p999 = scan.rows() == 0 ? last : LocalDate.ofEpochDay(scan.percentileDay());
      if (last.isAfter(p999.plusDays(FAR_BEYOND_DAYS))) {
        notes.add(
            String.format(
                Locale.ROOT,
                "warning: the last date %s stands far beyond the rest: 99.9 %% of the rows are on"
                    + " or before %s and only %,d after it (the rule: more than %d days after"
                    + " the 99.9th percentile date). If that date is an error, give"
                    + " --calibration-end or --holdout-end.",
                last,
                p999,
                scan.rowsAfterPercentile(),
                FAR_BEYOND_DAYS));
        keyed.add(
            new Note(
                "ingest.note.farBeyond", last, p999, scan.rowsAfterPercentile(), FAR_BEYOND_DAYS));
      }
    }

    /** The summary options of these ends. */
    SummaryOptions summaryOptions(TimeUnit unit, RowPolicy zeros, InputOptions options) {
      LocalDate observationEnd = observationEnd();
      if (observationEnd.isBefore(calibrationEnd)) {
        throw CliException.usage(
            String.format(
                Locale.ROOT,
                "--holdout-end = %s must not be before the calibration end %s",
                observationEnd,
                calibrationEnd));
      }
      return SummaryOptions.of(unit.scale(), calibrationEnd)
          .withHoldoutUntil(observationEnd)
          .withZeroAmounts(zeros)
          .withRefunds(options.refundPolicy())
          .withAfterObservationEnd(RowPolicy.REJECT);
    }
  }

  /**
   * The dates of the rows, gathered during the one read when the end is taken from the data: the
   * earliest and latest time not after today and the rows per day, for {@link
   * TransactionReader.DateScan}.
   */
  static final class DateStats {
    private final long notAfter;
    private long earliest = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;
    private long rows;
    private long firstDay;
    private long[] perDay = new long[0];

    /**
     * Days that would stretch {@link #perDay} beyond {@link #MAX_DAYS} (dates tens of thousands of
     * years apart).
     */
    private final java.util.TreeMap<Long, Long> outliers = new java.util.TreeMap<>();

    private static final int MAX_DAYS = 1 << 22;

    DateStats(long notAfterSecond) {
      this.notAfter = notAfterSecond;
    }

    void add(long second) {
      if (second > notAfter) {
        return;
      }
      earliest = Math.min(earliest, second);
      latest = Math.max(latest, second);
      rows++;
      long day = Math.floorDiv(second, 86_400L);
      if (perDay.length == 0) {
        firstDay = day;
        perDay = new long[64];
      }
      if (day < firstDay ? firstDay + perDay.length - day > MAX_DAYS : day - firstDay >= MAX_DAYS) {
        outliers.merge(day, 1L, Long::sum);
        return;
      }
      if (day < firstDay) {
        int shift = (int) Math.max(firstDay - day, perDay.length);
        long[] bigger = new long[perDay.length + shift];
        System.arraycopy(perDay, 0, bigger, shift, perDay.length);
        perDay = bigger;
        firstDay -= shift;
      } else if (day - firstDay >= perDay.length) {
        perDay =
            java.util.Arrays.copyOf(perDay, (int) Math.max(day - firstDay + 1, perDay.length * 2L));
      }
      perDay[(int) (day - firstDay)]++;
    }

    TransactionReader.DateScan scan() {
      java.util.TreeMap<Long, Long> days = new java.util.TreeMap<>(outliers);
      for (int d = 0; d < perDay.length; d++) {
        if (perDay[d] > 0) {
          days.merge(firstDay + d, perDay[d], Long::sum);
        }
      }
      long below = (long) Math.ceil(rows * 0.999);
      long seen = 0;
      long percentileDay = Long.MIN_VALUE;
      long after = 0;
      for (var e : days.entrySet()) {
        seen += e.getValue();
        if (seen >= below) {
          percentileDay = e.getKey();
          after = rows - seen;
          break;
        }
      }
      return new TransactionReader.DateScan(latest, rows, percentileDay, after, earliest);
    }
  }

  /**
   * Prints the time a phase took since {@code started} (nanoTime) on stderr when {@code
   * -Dclvkit.phases=true}: for profiling ingest, no part of the output otherwise.
   */
  static void phase(String name, long started) {
    if (Boolean.getBoolean("clvkit.phases")) {
      long cpu = processCpuNanos();
      System.err.printf(
          Locale.ROOT,
          "phase %s: %.3f s (process CPU so far %.3f s)%n",
          name,
          (System.nanoTime() - started) / 1e9,
          cpu / 1e9);
    }
  }

  /** The CPU time of the whole process (all threads, the JVM's own too), or -1 when unknown. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }

  /** A last date more than this many days after the 99.9th percentile date is warned about. */
  static final int FAR_BEYOND_DAYS = 30;

  /** Today: the system clock's date, or {@code -Dclvkit.today=yyyy-MM-dd} (for tests). */
  static LocalDate today() {
    String fixed = System.getProperty("clvkit.today");
    return fixed == null ? LocalDate.now() : LocalDate.parse(fixed);
  }

  /**
   * Rejects summaries whose spend left the finite range (amounts of 1e308 add up to Infinity).
   *
   * @throws CliException data, naming the customer
   */
  static void checkFinite(String source, CustomerSummaries s) {
    boolean holdout = s.hasHoldout();
    for (int i = 0; i < s.size(); i++) {
      double total = s.totalSpend(i);
      if (!Double.isFinite(total) || (holdout && !Double.isFinite(s.holdoutSpend(i)))) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s: the spend of customer \"%s\" must be a finite sum, was %s (its amounts add"
                    + " up beyond %.4g); no summary was written",
                source,
                s.customerId(i),
                Double.isFinite(total) ? "Infinity in the holdout" : total,
                Double.MAX_VALUE));
      }
    }
  }

  /**
   * The rejects file of a run: {@code --rejects}, or {@code fallback}, when bad rows are skipped;
   * null when they stop the run.
   *
   * @throws CliException usage when {@code --rejects} is given without {@code --on-bad-row=skip}
   */
  static Path rejectsFile(InputOptions options, Path fallback) {
    BadRows.Policy policy = options.badRowPolicy();
    if (options.rejects != null && policy != BadRows.Policy.SKIP) {
      throw CliException.usage("--rejects needs --on-bad-row=skip");
    }
    if (policy != BadRows.Policy.SKIP) {
      return null;
    }
    return options.rejects != null ? options.rejects : fallback;
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
