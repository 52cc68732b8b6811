package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv fit} and {@code clv score} with {@code --time-varying-covariates} on the bundled CDNOW
 * log (calibration to 1997-09-30, weeks), with a weekly calendar covariate {@code promo} (1 in
 * every third week) shared by all customers, in a long CSV from 1996-12-24 to 1998-06-23.
 */
class TimeVaryingCovariatesCliTest {
  private static final LocalDate END = LocalDate.parse("1997-09-30");

  @TempDir Path dir;
  private Path summary;
  private Path covariates;
  private List<String> ids;

  @BeforeEach
  void prepare() throws IOException {
    summary = CdnowSample.summary(dir);
    List<String> rows = Cli.lines(summary);
    int idAt = Arrays.asList(rows.get(0).split(",")).indexOf("customer_id");
    ids = rows.subList(1, rows.size()).stream().map(r -> r.split(",")[idAt]).toList();
    StringBuilder csv = new StringBuilder("id,date,promo\n");
    for (String id : ids) {
      for (int k = -40; k < 40; k++) {
        csv.append(id)
            .append(',')
            .append(END.plusDays(7L * k))
            .append(',')
            .append(Math.floorMod(k, 3) == 0 ? 1 : 0)
            .append('\n');
      }
    }
    covariates = Cli.write(dir.resolve("tv.csv"), csv.toString());
  }

  @Test
  void fitThenScore_paretoNbdWithWeeklyPromotion() throws IOException {
    Path models = dir.resolve("models");
    Cli.Result f = fitTimeVarying(models);
    assertEquals(ExitCodes.OK, f.code(), f::toString);
    assertTrue(f.out().contains("Pareto/NBD with time-varying covariates"), f::toString);
    assertTrue(f.out().contains("log-likelihood without covariates -9594.97"), f::toString);
    Path file = models.resolve("pnbd-time-varying.properties");
    ParetoNbdTimeVaryingModel model =
        ModelFiles.load(file, ParetoNbdTimeVaryingModel.class).model();
    assertEquals(List.of("promo"), model.purchaseCovariates());
    assertEquals(List.of("promo"), model.dropoutCovariates());
    assertTrue(Files.readString(file).contains("provenance.timeUnit = week"));

    Path scores = dir.resolve("scores.csv");
    Cli.Result sc =
        Cli.run(
            "score",
            summary,
            "-p",
            file,
            "--id-column",
            "customer_id",
            "--time-varying-covariates",
            covariates,
            "--calibration-end",
            "1997-09-30",
            "--horizon",
            "39",
            "-o",
            scores);
    assertEquals(ExitCodes.OK, sc.code(), sc::toString);
    List<String> lines = Cli.lines(scores);
    assertEquals("id,probability_alive,expected_purchases", lines.get(0));
    assertEquals(2357 + 1, lines.size());
    // Customer 0001 has x = 2, t_x = 213/7 and T = 272/7 weeks; its periods start on the grid
    // END + 7k days, k = -40 .. 39, that is at T + k weeks.
    String[] c = lines.get(1).split(",");
    assertEquals("0001", c[0]);
    double age = 272.0 / 7;
    double[] starts = new double[80];
    double[] promo = new double[80];
    for (int k = -40; k < 40; k++) {
      starts[k + 40] = age + k;
      promo[k + 40] = Math.floorMod(k, 3) == 0 ? 1 : 0;
    }
    TimeVaryingCovariates one =
        TimeVaryingCovariates.of(List.of("promo"), new int[] {0, 80}, starts, promo);
    CustomerHistories h =
        CustomerHistories.of(new double[] {2}, new double[] {213.0 / 7}, new double[] {age});
    double[] out = new double[1];
    model.probabilityAlive(h, one, out);
    assertEquals(out[0], Double.parseDouble(c[1]), 1e-12);
    model.conditionalExpectedPurchases(39, h, one, out);
    assertEquals(out[0], Double.parseDouble(c[2]), 1e-12);
  }

  @Test
  void fitThenScore_staticAndTimeVaryingTogetherEqualOneLongFile() throws IOException {
    // A static covariate per customer (--covariates) joined to the weekly promotion is the same
    // model as one long file carrying that value in every week of the customer.
    StringBuilder fixed = new StringBuilder("id,tier\n");
    StringBuilder joined = new StringBuilder("id,date,promo,tier\n");
    List<String> rows = Files.readAllLines(covariates);
    for (int c = 0; c < ids.size(); c++) {
      String tier = c % 3 == 0 ? "1" : "0";
      fixed.append(ids.get(c)).append(',').append(tier).append('\n');
    }
    for (String row : rows.subList(1, rows.size())) {
      int c = ids.indexOf(row.substring(0, row.indexOf(',')));
      joined.append(row).append(',').append(c % 3 == 0 ? "1" : "0").append('\n');
    }
    Path staticFile = Cli.write(dir.resolve("static.csv"), fixed.toString());
    Path longFile = Cli.write(dir.resolve("long.csv"), joined.toString());
    Path both = dir.resolve("both");
    Path one = dir.resolve("one");
    Cli.Result f1 =
        Cli.run(
            "fit",
            summary,
            "-m",
            "pnbd",
            "--id-column",
            "customer_id",
            "--covariates",
            staticFile,
            "--time-varying-covariates",
            covariates,
            "--calibration-end",
            "1997-09-30",
            "-o",
            both);
    assertEquals(ExitCodes.OK, f1.code(), f1::toString);
    Cli.Result f2 =
        Cli.run(
            "fit",
            summary,
            "-m",
            "pnbd",
            "--id-column",
            "customer_id",
            "--time-varying-covariates",
            longFile,
            "--calibration-end",
            "1997-09-30",
            "-o",
            one);
    assertEquals(ExitCodes.OK, f2.code(), f2::toString);
    assertEquals(f2.out().replace(one.toString(), "DIR"), f1.out().replace(both.toString(), "DIR"));
    assertTrue(f1.out().contains("purchase.tier"), f1::toString);
    ParetoNbdTimeVaryingModel m1 =
        ModelFiles.load(
                both.resolve("pnbd-time-varying.properties"), ParetoNbdTimeVaryingModel.class)
            .model();
    ParetoNbdTimeVaryingModel m2 =
        ModelFiles.load(
                one.resolve("pnbd-time-varying.properties"), ParetoNbdTimeVaryingModel.class)
            .model();
    assertEquals(List.of("promo", "tier"), m1.purchaseCovariates());
    assertEquals(m2.parameters(), m1.parameters());
    assertEquals(
        Arrays.toString(m2.purchaseCoefficients()), Arrays.toString(m1.purchaseCoefficients()));
    assertEquals(
        Arrays.toString(m2.dropoutCoefficients()), Arrays.toString(m1.dropoutCoefficients()));

    Path s1 = dir.resolve("s1.csv");
    Path s2 = dir.resolve("s2.csv");
    Cli.Result sc1 =
        Cli.run(
            "score",
            summary,
            "-p",
            both.resolve("pnbd-time-varying.properties"),
            "--id-column",
            "customer_id",
            "--covariates",
            staticFile,
            "--time-varying-covariates",
            covariates,
            "--calibration-end",
            "1997-09-30",
            "--horizon",
            "39",
            "-o",
            s1);
    assertEquals(ExitCodes.OK, sc1.code(), sc1::toString);
    Cli.Result sc2 =
        Cli.run(
            "score",
            summary,
            "-p",
            one.resolve("pnbd-time-varying.properties"),
            "--id-column",
            "customer_id",
            "--time-varying-covariates",
            longFile,
            "--calibration-end",
            "1997-09-30",
            "--horizon",
            "39",
            "-o",
            s2);
    assertEquals(ExitCodes.OK, sc2.code(), sc2::toString);
    assertEquals(Cli.lines(s2), Cli.lines(s1));
  }

  /**
   * {@code clv fit -m pnbd} with the weekly covariates, into {@code models}, plus {@code extra}.
   */
  private Cli.Result fitTimeVarying(Path models, Object... extra) {
    List<Object> args = new java.util.ArrayList<>();
    args.addAll(
        List.of(
            "fit",
            summary,
            "-m",
            "pnbd",
            "--id-column",
            "customer_id",
            "--time-varying-covariates",
            covariates,
            "--calibration-end",
            "1997-09-30",
            "-o",
            models));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray());
  }

  private Cli.Result fitWithLog(Path log, Path models) {
    return fitTimeVarying(models, "--purchase-log", log);
  }

  @Test
  void fit_purchaseLogGivesTheLikelihoodOfThePurchaseTimes() throws IOException {
    // With the purchase log the fit maximises the likelihood of the purchase times: same
    // parameters, estimates other than those of the fit of the summary alone.
    Path models = dir.resolve("models");
    Cli.Result f = fitWithLog(CdnowCovariateData.purchaseLog(dir), models);
    assertEquals(ExitCodes.OK, f.code(), f::toString);
    ParetoNbdTimeVaryingModel exact =
        ModelFiles.load(
                models.resolve("pnbd-time-varying.properties"), ParetoNbdTimeVaryingModel.class)
            .model();
    Path plain = dir.resolve("plain");
    Cli.Result g = fitTimeVarying(plain);
    assertEquals(ExitCodes.OK, g.code(), g::toString);
    ParetoNbdTimeVaryingModel summaryOnly =
        ModelFiles.load(
                plain.resolve("pnbd-time-varying.properties"), ParetoNbdTimeVaryingModel.class)
            .model();
    assertTrue(
        Math.abs(exact.purchaseCoefficients()[0] - summaryOnly.purchaseCoefficients()[0]) > 1e-6,
        () -> exact + " vs " + summaryOnly);
    assertEquals(
        summaryOnly.parameterNames(), exact.parameterNames(), "same parameters, other estimates");
  }

  @Test
  void score_purchaseLogIsAUsageError() throws IOException {
    // Predictions do not depend on the purchase times: an option score would read and ignore is
    // refused before anything is read, not silently accepted.
    Path scores = dir.resolve("scores.csv");
    Cli.Result r =
        Cli.run(
            "score",
            summary.toString(),
            "-p",
            dir.resolve("nowhere.properties").toString(),
            "--id-column",
            "customer_id",
            "--time-varying-covariates",
            dir.resolve("tv.csv").toString(),
            "--calibration-end",
            "1997-09-30",
            "--purchase-log",
            CdnowCovariateData.purchaseLog(dir).toString(),
            "-o",
            scores.toString());
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertTrue(r.err().contains("--purchase-log is for clv fit only"), r::toString);
    assertFalse(Files.exists(scores), r::toString);
  }

  @Test
  void fit_purchaseLogMissingARepeatPurchaseIsADataError() throws IOException {
    Path full = CdnowCovariateData.purchaseLog(dir);
    List<String> lines = Files.readAllLines(full);
    // Customer 0001 bought on 1997-01-01, -01-18, -08-02 (x = 2 by 1997-09-30) and 1997-12-12.
    assertTrue(lines.remove("0001,1997-08-02"));
    Path log = Cli.write(dir.resolve("short.csv"), String.join("\n", lines) + "\n");
    Cli.Result r = fitWithLog(log, dir.resolve("models"));
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertTrue(
        r.err()
            .contains(
                "customer 0001 has 1 repeat purchase days up to 1997-09-30, the summary's"
                    + " frequency is 2.0"),
        r::toString);
  }

  @Test
  void fit_aCovariateInBothFilesIsAUsageError() throws IOException {
    StringBuilder fixed = new StringBuilder("id,promo\n");
    for (String id : ids) {
      fixed.append(id).append(",1\n");
    }
    Path staticFile = Cli.write(dir.resolve("static.csv"), fixed.toString());
    Cli.Result r =
        Cli.run(
            "fit",
            summary,
            "-m",
            "pnbd",
            "--id-column",
            "customer_id",
            "--covariates",
            staticFile,
            "--time-varying-covariates",
            covariates,
            "--calibration-end",
            "1997-09-30",
            "-o",
            dir);
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: covariate promo is in both --covariates and --time-varying-covariates; rename one",
        r.firstErrorLine());
  }

  @Test
  void fit_gapInTheWeeksIsAnErrorNamingTheLines() throws IOException {
    List<String> rows = Files.readAllLines(covariates);
    // Line 3 of the file is customer 0001's second week (1997-01-07); leave it out.
    String withGap =
        String.join("\n", rows.subList(0, 2)) + "\n" + String.join("\n", rows.subList(3, 200));
    Path gap = Cli.write(dir.resolve("gap.csv"), withGap + "\n");
    Cli.Result r =
        Cli.run(
            "fit",
            summary,
            "-m",
            "pnbd",
            "--id-column",
            "customer_id",
            "--time-varying-covariates",
            gap,
            "--calibration-end",
            "1997-09-30",
            "--drop-missing-covariates",
            "-o",
            dir);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + gap
            + ": customer 0001: gap between line 2 (1996-12-24) and line 3 (1997-01-07): they"
            + " start 14 days apart, a period is 7.0 days",
        r.firstErrorLine());
  }

  @Test
  void fit_timeVaryingCovariatesNeedTheCalibrationEnd() {
    Cli.Result r =
        Cli.run(
            "fit",
            summary,
            "-m",
            "pnbd",
            "--id-column",
            "customer_id",
            "--time-varying-covariates",
            covariates,
            "-o",
            dir);
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: --time-varying-covariates needs --calibration-end (the date the ages count to)",
        r.firstErrorLine());
  }
}
