package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.TimeVaryingCovariateTable;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.junit.jupiter.api.Test;

/**
 * The per-customer log-likelihood of the Pareto/NBD with time-varying covariates against CLVTools
 * 0.12.1 ({@code pnbd_dyncov_LL_ind} through {@code pnbd_dyncov_getLLdata}, commit 1b06356 of
 * github.com/bachmannpatrick/CLVTools) on its apparel data, as its tests set it up: weekly unit,
 * estimation split 104 weeks (calibration end 2006-12-31), High.Season, Gender and Channel in both
 * processes, at the two parameter vectors of its tests {@code test_correctness_pnbd_dyncov.R}. Data
 * and values: {@code src/test/resources/reference/clvtools_dyncov/} (README there).
 *
 * <p>Our side is built as a user would: the summary (x, t_x, T) from the transaction dates
 * (distinct days; the first purchase is not a repeat purchase), the long covariate rows aligned by
 * {@link TimeVaryingCovariateTable#alignTo} (a period is one week from its start date), and the
 * repeat purchases counted into the periods by {@link TimeVaryingCovariates#withRepeatPurchases}.
 * P(alive) and the expected purchases in the 52 weeks after the calibration end ({@code
 * pnbd_dyncov_palive}, {@code pnbd_dyncov_CET}) at the first vector likewise. Agreement: relative
 * 1e-8 per customer on all 600 customers.
 */
class ParetoNbdTimeVaryingClvToolsTest {
  private static final String FOLDER = "/reference/clvtools_dyncov/";
  private static final List<String> NAMES = List.of("High.Season", "Gender", "Channel");
  private static final LocalDate CALIBRATION_END = LocalDate.parse("2006-12-31");
  private static final double TOLERANCE = 1e-8;

  private static List<String[]> csv(String file) {
    try (InputStream in =
            ParetoNbdTimeVaryingClvToolsTest.class.getResourceAsStream(FOLDER + file);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      reader.readLine(); // header
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void logLikelihood_matchesClvToolsPerCustomer() throws IOException {
    // Reference rows, in CLVTools' (Id) order.
    List<String[]> reference = csv("apparel_dyncov_ll.csv");
    Map<String, TreeSet<Long>> days = new LinkedHashMap<>();
    for (String[] row : reference) {
      days.put(row[0], new TreeSet<>());
    }
    for (String[] row : csv("apparel_transactions.csv")) {
      days.get(row[0]).add(LocalDate.parse(row[1]).toEpochDay());
    }
    int n = reference.size();
    List<String> ids = new ArrayList<>(days.keySet());
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] first = new double[n];
    int[] purchaseOffsets = new int[n + 1];
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TreeSet<Long> d = days.get(ids.get(i));
      long origin = d.first();
      first[i] = origin;
      x[i] = d.size() - 1;
      tx[i] = (d.last() - origin) / 7.0;
      age[i] = (CALIBRATION_END.toEpochDay() - origin) / 7.0;
      for (long day : d.tailSet(origin, false)) {
        times.add((day - origin) / 7.0);
      }
      purchaseOffsets[i + 1] = times.size();
      // The summary as CLVTools computes it.
      String[] row = reference.get(i);
      assertEquals(Double.parseDouble(row[1]), x[i], "x of " + ids.get(i));
      assertEquals(Double.parseDouble(row[2]), tx[i], 1e-12, "t.x of " + ids.get(i));
      assertEquals(Double.parseDouble(row[3]), age[i], 1e-12, "T.cal of " + ids.get(i));
    }
    // The long covariate file a user would give: one row per customer and week.
    Map<String, String> season = new LinkedHashMap<>();
    for (String[] row : csv("apparel_weeks.csv")) {
      season.put(row[0], row[1]);
    }
    StringBuilder text = new StringBuilder("Id,date,High.Season,Gender,Channel\n");
    for (String[] customer : csv("apparel_customers.csv")) {
      for (Map.Entry<String, String> week : season.entrySet()) {
        text.append(customer[0])
            .append(',')
            .append(week.getKey())
            .append(',')
            .append(week.getValue())
            .append(',')
            .append(customer[1])
            .append(',')
            .append(customer[2])
            .append('\n');
      }
    }
    TimeVaryingCovariateTable table =
        TimeVaryingCovariateTable.read(
            new StringReader(text.toString()), "apparel_dyncov", "Id", "date");
    TimeVaryingCovariateTable.Alignment aligned = table.alignTo(ids, first, age, 7.0, false);
    assertEquals(n, aligned.keptRows().length);
    double[] t = new double[times.size()];
    for (int j = 0; j < t.length; j++) {
      t[j] = times.get(j);
    }
    TimeVaryingCovariates tv = aligned.covariates().withRepeatPurchases(purchaseOffsets, t);
    CustomerHistories data = CustomerHistories.of(x, tx, age);

    // CLVTools' params: log.r, log.alpha, log.s, log.beta, life.* (drop-out), trans.* (purchase).
    check("holdout", 4, data, tv, reference, new double[] {-1, 0, 1.23, 2.344}, life1(), trans1());
    check(
        "intermediate",
        5,
        data,
        tv,
        reference,
        new double[] {Math.log(0.5), Math.log(15), Math.log(0.5), Math.log(10)},
        new double[] {0.123, 0.678, 1.234},
        new double[] {0.111, 2.222, 1.756});

    // P(alive) and E[Y(52 weeks)] at the first vector (CLVTools' pnbd_dyncov_palive and
    // pnbd_dyncov_CET), with the weeks after the calibration end from the same file.
    ParetoNbdTimeVaryingModel model = model(new double[] {-1, 0, 1.23, 2.344}, life1(), trans1());
    List<String[]> predictions = csv("apparel_dyncov_predictions.csv");
    double[] alive = new double[n];
    double[] expected = new double[n];
    model.probabilityAlive(data, tv, alive);
    model.conditionalExpectedPurchases(52, data, tv, expected);
    // The same without the repeat purchases: the predictions do not depend on them.
    double[] aliveSummary = new double[n];
    model.probabilityAlive(data, aligned.covariates(), aliveSummary);
    for (int i = 0; i < n; i++) {
      String[] row = predictions.get(i);
      assertEquals(ids.get(i), row[0]);
      assertEquals(alive[i], aliveSummary[i], "P(alive) of " + row[0]);
      assertRelative("P(alive) of " + row[0], Double.parseDouble(row[1]), alive[i]);
      assertRelative("CET of " + row[0], Double.parseDouble(row[2]), expected[i]);
    }
  }

  private static double[] life1() {
    return new double[] {0.123, 0.234, 0.345};
  }

  private static double[] trans1() {
    return new double[] {0.456, 0.567, 0.678};
  }

  private static void assertRelative(String what, double expected, double actual) {
    assertTrue(
        Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected),
        what + ": " + actual + " vs CLVTools " + expected);
  }

  private static ParetoNbdTimeVaryingModel model(
      double[] logParameters, double[] life, double[] trans) {
    return ParetoNbdTimeVaryingModel.of(
        new ParetoNbdParameters(
            Math.exp(logParameters[0]),
            Math.exp(logParameters[1]),
            Math.exp(logParameters[2]),
            Math.exp(logParameters[3])),
        NAMES,
        trans,
        NAMES,
        life);
  }

  private static void check(
      String name,
      int column,
      CustomerHistories data,
      TimeVaryingCovariates tv,
      List<String[]> reference,
      double[] logParameters,
      double[] life,
      double[] trans) {
    ParetoNbdTimeVaryingModel model = model(logParameters, life, trans);
    double[] ll = new double[data.size()];
    model.logLikelihood(data, tv, ll);
    double maxRelative = 0;
    String worst = "";
    for (int i = 0; i < ll.length; i++) {
      double expected = Double.parseDouble(reference.get(i)[column]);
      double relative = Math.abs(ll[i] - expected) / Math.abs(expected);
      if (relative > maxRelative) {
        maxRelative = relative;
        worst = reference.get(i)[0] + ": " + ll[i] + " vs CLVTools " + expected;
      }
    }
    assertTrue(
        maxRelative <= TOLERANCE,
        name + ": max relative difference " + maxRelative + " at customer " + worst);
  }
}
