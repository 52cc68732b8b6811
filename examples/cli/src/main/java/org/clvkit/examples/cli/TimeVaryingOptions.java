package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Model;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.covariates.CovariateTable;
import org.clvkit.models.covariates.TimeVaryingCovariateTable;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingFitter;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel;
import picocli.CommandLine.Option;

/**
 * The time-varying covariate options of {@code clv fit} and {@code clv score}: a long CSV (customer
 * id, period start date, numeric covariates; one period per time unit) aligned to the summary's
 * customers through the calibration end, and the fit and scoring of the Pareto/NBD with
 * time-varying covariates. Which covariates act where, constraints, penalties, the id column and
 * dropping missing customers come from {@link CovariateOptions}.
 */
final class TimeVaryingOptions {
  @Option(
      names = "--time-varying-covariates",
      paramLabel = "FILE",
      description =
          "Long covariate CSV: customer id, period start date (yyyy-MM-dd, one row per time unit"
              + " per customer, covering each customer from the first purchase to"
              + " --calibration-end; later periods are used for scoring) and numeric covariates."
              + " Fits/scores the Pareto/NBD with time-varying covariates (-m pnbd); with"
              + " --covariates, the static columns are added to every period.")
  Path file;

  @Option(
      names = "--covariate-date-column",
      paramLabel = "NAME",
      defaultValue = "date",
      description = "The period start column of --time-varying-covariates (default date).")
  String dateColumn;

  @Option(
      names = "--calibration-end",
      paramLabel = "DATE",
      description =
          "The date the summary's ages are counted to (yyyy-MM-dd): a customer of age T first"
              + " bought T time units before it. Required with --time-varying-covariates.")
  String calibrationEnd;

  @Option(
      names = "--purchase-log",
      paramLabel = "FILE",
      description =
          "The purchases behind the summary, as CSV with the --id-column and a date column"
              + " (--purchase-date-column, yyyy-MM-dd; other columns ignored): each customer's"
              + " repeat purchases (distinct days after the first, up to --calibration-end) are"
              + " counted into its covariate periods, and the fit maximises the likelihood of the"
              + " purchase times (Bachmann, Meierer & Naf 2021; CLVTools). Without it, the"
              + " likelihood of the summary alone.")
  Path purchaseLog;

  @Option(
      names = "--purchase-date-column",
      paramLabel = "NAME",
      defaultValue = "date",
      description = "The date column of --purchase-log (default date).")
  String purchaseDateColumn;

  /** Whether time-varying covariates were given. */
  boolean given() {
    return file != null;
  }

  /** The summary's customers that have periods, with their periods. */
  record Joined(CustomerHistories histories, TimeVaryingCovariates covariates, String[] ids) {}

  /** Reads the long CSV and aligns it with the summary; reports what was dropped on stderr. */
  Joined join(SummaryTable table, CovariateOptions options, TimeUnit unit, PrintWriter err) {
    LocalDate end = InputOptions.date("--calibration-end", calibrationEnd);
    if (end == null) {
      throw CliException.usage(
          "--time-varying-covariates needs --calibration-end (the date the ages count to)");
    }
    if (table.ids == null) {
      throw CliException.usage(
          "--time-varying-covariates needs customer ids in the summary (--id-column)");
    }
    TimeVaryingCovariateTable covariates;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      covariates =
          TimeVaryingCovariateTable.read(in, file.toString(), options.idColumn, dateColumn);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.IO, file + ": file not found", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, file + ": cannot read: " + e.getMessage(), e);
    } catch (ClvArgumentException e) {
      throw CliException.data(e.getMessage());
    }
    double unitDays = unit.scale().seconds() / 86_400.0;
    int n = table.size();
    double[] origin = new double[n];
    for (int i = 0; i < n; i++) {
      origin[i] = end.toEpochDay() - table.age[i] * unitDays;
    }
    TimeVaryingCovariateTable.Alignment aligned;
    try {
      aligned =
          covariates.alignTo(List.of(table.ids), origin, table.age, unitDays, options.dropMissing);
    } catch (ClvArgumentException e) {
      throw CliException.data(e.getMessage());
    }
    if (!aligned.missingCovariates().isEmpty() || !aligned.missingSummaries().isEmpty()) {
      err.printf(
          Locale.ROOT,
          "dropped %,d summary customers without time-varying covariates; ignored %,d covariate"
              + " ids without a summary customer%n",
          aligned.missingCovariates().size(),
          aligned.missingSummaries().size());
    }
    int[] kept = aligned.keptRows();
    double[] f = new double[kept.length];
    double[] r = new double[kept.length];
    double[] a = new double[kept.length];
    double[] w = new double[kept.length];
    String[] ids = new String[kept.length];
    for (int k = 0; k < kept.length; k++) {
      int i = kept[k];
      f[k] = table.frequency[i];
      r[k] = table.recency[i];
      a[k] = table.age[i];
      w[k] = table.weight == null ? 1 : table.weight[i];
      ids[k] = table.ids[i];
    }
    Joined joined;
    try {
      joined = new Joined(CustomerHistories.of(f, r, a, w), aligned.covariates(), ids);
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(table.source + " (rows counted from 0 after the header)", e);
    }
    joined = options.given() ? withStatic(joined, options, err) : joined;
    return purchaseLog == null ? joined : withPurchases(joined, options.idColumn, end, unitDays);
  }

  /**
   * The joined customers with their repeat purchases from {@code --purchase-log} counted into their
   * periods. A customer's first purchase in the log must be the summary's (the calibration end
   * minus the age) and its repeat purchase days up to the calibration end as many as its frequency;
   * either mismatch is a data error naming the customer.
   */
  Joined withPurchases(Joined joined, String idColumn, LocalDate end, double unitDays) {
    java.util.Map<String, java.util.TreeSet<Long>> days = new java.util.HashMap<>();
    for (String id : joined.ids()) {
      days.put(id, new java.util.TreeSet<>());
    }
    try (java.io.BufferedReader in = Files.newBufferedReader(purchaseLog, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      List<String> columns =
          header == null
              ? List.of()
              : Arrays.stream(header.split(",", -1)).map(String::strip).toList();
      int idAt = columns.indexOf(idColumn);
      int dateAt = columns.indexOf(purchaseDateColumn);
      if (idAt < 0 || dateAt < 0) {
        throw CliException.data(
            purchaseLog
                + ": the header must name the id column "
                + idColumn
                + " and the date column "
                + purchaseDateColumn
                + ", was "
                + columns);
      }
      String line;
      long number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != columns.size()) {
          throw CliException.data(
              String.format(
                  Locale.ROOT,
                  "%s line %d: %d fields, expected %d as in the header",
                  purchaseLog,
                  number,
                  cells.length,
                  columns.size()));
        }
        java.util.TreeSet<Long> customer = days.get(cells[idAt].strip());
        if (customer == null) {
          continue; // not a kept summary customer
        }
        LocalDate date;
        try {
          date = LocalDate.parse(cells[dateAt].strip());
        } catch (java.time.format.DateTimeParseException e) {
          throw CliException.data(
              String.format(
                  Locale.ROOT,
                  "%s line %d: %s must be a date yyyy-MM-dd, was \"%s\"",
                  purchaseLog,
                  number,
                  purchaseDateColumn,
                  cells[dateAt]));
        }
        if (!date.isAfter(end)) {
          customer.add(date.toEpochDay());
        }
      }
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.IO, purchaseLog + ": file not found", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, purchaseLog + ": cannot read: " + e.getMessage(), e);
    }
    CustomerHistories h = joined.histories();
    int n = h.size();
    int[] offsets = new int[n + 1];
    double[] times = new double[Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, (long) n * 4))];
    int size = 0;
    for (int i = 0; i < n; i++) {
      String id = joined.ids()[i];
      java.util.TreeSet<Long> d = days.get(id);
      double origin = end.toEpochDay() - h.age(i) * unitDays;
      if (d.isEmpty() || Math.abs(d.first() - origin) > 1e-6) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s: customer %s: the first purchase is %s, the summary's is %s (calibration end"
                    + " minus the age)",
                purchaseLog,
                id,
                d.isEmpty() ? "missing" : LocalDate.ofEpochDay(d.first()),
                LocalDate.ofEpochDay(Math.round(origin))));
      }
      if (d.size() - 1 != h.frequency(i)) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s: customer %s has %d repeat purchase days up to %s, the summary's frequency is"
                    + " %s",
                purchaseLog,
                id,
                d.size() - 1,
                end,
                h.frequency(i)));
      }
      for (long day : d.tailSet(d.first(), false)) {
        if (size == times.length) {
          times = Arrays.copyOf(times, 2 * size + 16);
        }
        times[size++] = (day - origin) / unitDays;
      }
      offsets[i + 1] = size;
    }
    TimeVaryingCovariates counted;
    try {
      counted = joined.covariates().withRepeatPurchases(offsets, Arrays.copyOf(times, size));
    } catch (ClvArgumentException e) {
      throw CliException.data(purchaseLog + ": " + e.getMessage());
    }
    return new Joined(h, counted, joined.ids());
  }

  /**
   * The joined customers with the static covariates of {@code --covariates} added to every period
   * (a static covariate is a time-varying one constant over the periods): one per-period matrix
   * with the time-varying columns first. Customers without a static row are an error, or dropped
   * and counted with {@code --drop-missing-covariates}; a name in both files is a usage error.
   */
  static Joined withStatic(Joined joined, CovariateOptions options, PrintWriter err) {
    CovariateTable table = options.read();
    TimeVaryingCovariates tv = joined.covariates();
    List<String> staticNames = table.matrix().names();
    for (String name : staticNames) {
      if (tv.names().contains(name)) {
        throw CliException.usage(
            "covariate "
                + name
                + " is in both --covariates and --time-varying-covariates; rename one");
      }
    }
    CovariateTable.Alignment aligned;
    try {
      aligned = table.alignTo(List.of(joined.ids()), options.dropMissing);
    } catch (ClvArgumentException e) {
      throw CliException.data(options.file + ": " + e.getMessage());
    }
    for (String encoding : table.encodings()) {
      err.println("covariate " + encoding);
    }
    if (!aligned.missingCovariates().isEmpty() || !aligned.missingSummaries().isEmpty()) {
      err.printf(
          Locale.ROOT,
          "dropped %,d customers without static covariates; ignored %,d static covariate rows"
              + " without a customer%n",
          aligned.missingCovariates().size(),
          aligned.missingSummaries().size());
    }
    int[] kept = aligned.keptRows();
    double[] fixed = aligned.covariates().values();
    int k1 = tv.columns();
    int k2 = staticNames.size();
    int k = k1 + k2;
    int[] offsets = tv.offsets();
    double[] starts = tv.starts();
    double[] values = tv.values();
    int periods = 0;
    for (int i : kept) {
      periods += offsets[i + 1] - offsets[i];
    }
    int[] outOffsets = new int[kept.length + 1];
    double[] outStarts = new double[periods];
    double[] outValues = new double[periods * k];
    double[] f = new double[kept.length];
    double[] r = new double[kept.length];
    double[] a = new double[kept.length];
    double[] w = new double[kept.length];
    String[] ids = new String[kept.length];
    CustomerHistories h = joined.histories();
    int q = 0;
    for (int c = 0; c < kept.length; c++) {
      int i = kept[c];
      for (int p = offsets[i]; p < offsets[i + 1]; p++, q++) {
        outStarts[q] = starts[p];
        System.arraycopy(values, p * k1, outValues, q * k, k1);
        System.arraycopy(fixed, c * k2, outValues, q * k + k1, k2);
      }
      outOffsets[c + 1] = q;
      f[c] = h.frequency(i);
      r[c] = h.recency(i);
      a[c] = h.age(i);
      w[c] = h.weight(i);
      ids[c] = joined.ids()[i];
    }
    List<String> names = new java.util.ArrayList<>(tv.names());
    names.addAll(staticNames);
    return new Joined(
        CustomerHistories.of(f, r, a, w),
        TimeVaryingCovariates.of(names, outOffsets, outStarts, outValues),
        ids);
  }

  /** Fits the model, prints its table and saves it as {@code DIR/pnbd-time-varying.properties}. */
  Path fit(
      Joined data,
      CovariateOptions options,
      FitSettings fitSettings,
      String timeUnit,
      Path out,
      PrintWriter stdout,
      PrintWriter err) {
    ParetoNbdTimeVaryingModel model;
    try {
      // The time-varying data form: per-period rows do not travel in CustomerHistories, so this
      // fit is the one call outside Fitter.fit(CustomerHistories); the model saves as any model.
      model =
          ParetoNbdTimeVaryingFitter.create()
              .withSettings(fitSettings)
              .withCovariateSettings(options.settings())
              .fit(data.histories(), data.covariates());
    } catch (ClvArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    CovariateFitReport report = model.covariateFitReport().orElseThrow();
    stdout.print(report.summaryTable());
    if (!report.converged()) {
      err.println("warning: the time-varying covariate fit did not converge; kept as asked");
    }
    Path target = out.resolve(ParetoNbdTimeVaryingModel.TYPE.id() + ".properties");
    Output.createParent(target.toAbsolutePath());
    CovariateOptions.save(model, timeUnit, target);
    return target;
  }

  /** The time unit recorded in a covariate model file (weeks when it has none). */
  static TimeUnit unitOf(Path modelFile) {
    String unit;
    try {
      unit = ModelFiles.load(modelFile, Model.class).provenance().timeUnit();
    } catch (IOException | RuntimeException e) {
      return TimeUnit.WEEKS; // the load when scoring reports what is wrong with the file
    }
    return unit.equals("unknown") ? TimeUnit.WEEKS : TimeUnit.parse(unit);
  }

  /**
   * Scores the joined customers: id, P(alive) and the expected purchases over {@code horizon}
   * periods (with the periods after the calibration end; the last one holds beyond the file), as
   * CSV.
   */
  void score(
      Path modelFile,
      Joined data,
      double horizon,
      Path output,
      PrintWriter stdout,
      boolean escape) {
    CovariateModel loaded;
    try {
      loaded = ModelFiles.load(modelFile, CovariateModel.class).model();
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.IO, modelFile + ": file not found", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, modelFile + ": cannot read: " + e.getMessage(), e);
    } catch (ModelFileException e) {
      throw new CliException(ExitCodes.DATA, modelFile + ": " + e.getMessage(), e);
    }
    if (!(loaded instanceof ParetoNbdTimeVaryingModel model)) {
      throw CliException.usage(modelFile + ": not a Pareto/NBD model with time-varying covariates");
    }
    int n = data.histories().size();
    double[] alive = new double[n];
    double[] expected = new double[n];
    try {
      model.probabilityAlive(data.histories(), data.covariates(), alive);
      model.conditionalExpectedPurchases(horizon, data.histories(), data.covariates(), expected);
    } catch (ClvArgumentException e) {
      throw CliException.data(e.getMessage());
    }
    try (AtomicOutput scores = AtomicOutput.openOrStdout(output, stdout)) {
      Writer w = scores.writer();
      w.write("id,probability_alive,expected_purchases\n");
      for (int i = 0; i < n; i++) {
        w.write(CsvOutputOptions.cell(data.ids()[i], escape));
        w.write(',');
        w.write(Double.toString(alive[i]));
        w.write(',');
        w.write(Double.toString(expected[i]));
        w.write('\n');
      }
      w.flush();
      scores.commit();
    } catch (IOException e) {
      throw Output.cannotWrite(output, e);
    }
  }
}
