package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv report} with no input, through the main class, on the bundled CDNOW sample with the
 * literature's settings; checked against the published BG/NBD estimates and counts ({@code
 * reference/cdnow_published.csv}) and for the files it promises.
 */
class ReportEndToEndTest {
  @TempDir static Path dir;

  static Cli.Result result;
  static ReferenceTable published;
  static Path report;

  @BeforeAll
  static void runReport() {
    BundledReports.Run run = BundledReports.english();
    result = run.result();
    report = run.dir();
    published = ReferenceTable.load("cdnow_published.csv");
  }

  private static Path report() {
    return report;
  }

  private static double published(String quantity) {
    return published.number(published.find("quantity", quantity), "value");
  }

  @Test
  void report_bundledData_exitsZeroAndSaysWhereTheReportIs() {
    assertEquals(ExitCodes.OK, result.code(), result::toString);
    assertTrue(
        result.out().contains("report: " + report().resolve("report.html")), result::toString);
    assertTrue(
        result
            .err()
            .startsWith(
                "CDNOW_sample.txt (bundled): 6,919 rows (0 header lines, 0 blank lines skipped):"
                    + " 6,919 summarised; 8 zero amounts kept as purchases.\n"
                    + "2,357 customers with calibration purchases (to 1997-09-30, in weeks),"
                    + " holdout 1997-10-01 to 1998-06-30 (39.00 weeks)."),
        result::toString);
  }

  @Test
  void report_bundledData_fitsThePublishedBgNbdParameters() throws IOException {
    // Fader, Hardie and Lee (2005), section 5; tolerance 0.2 % as in the acceptance of issue 8.
    PurchaseModel model =
        ModelFiles.load(report().resolve("models/bgnbd.properties"), PurchaseModel.class).model();
    double[] fitted = model.parameterValues();
    String[] names = {"r", "alpha", "a", "b"};
    Tolerance tolerance = Tolerance.relative(0.002);
    for (int k = 0; k < names.length; k++) {
      tolerance.check(names[k], published(names[k]), fitted[k]);
    }
    assertTrue(model.fitReport().orElseThrow().converged());
    assertTrue(result.out().contains("BG/NBD fitted on 2357 customers"), result::toString);
  }

  @Test
  void report_bundledData_fitsThePublishedGammaGammaParameters() throws IOException {
    // Fader and Hardie (2013) give p, q, gamma to 2 decimals: within 0.5 % of them.
    GammaGammaModel model =
        ModelFiles.load(report().resolve("models/gg.properties"), GammaGammaModel.class).model();
    Tolerance tolerance = Tolerance.relative(0.005);
    tolerance.check("p", published("gg_p"), model.parameters().p());
    tolerance.check("q", published("gg_q"), model.parameters().q());
    tolerance.check("gamma", published("gg_gamma"), model.parameters().gamma());
  }

  @Test
  void report_bundledData_writesOneRowPerCustomer() {
    int customers = (int) published("customers");
    for (String file : new String[] {"summary.csv", "scores.csv"}) {
      List<String> lines = Cli.lines(report().resolve(file));
      assertEquals(customers + 1, lines.size(), file + ": header and one row per customer");
      Set<String> ids = new HashSet<>();
      for (String line : lines.subList(1, lines.size())) {
        ids.add(line.substring(0, line.indexOf(',')));
      }
      assertEquals(customers, ids.size(), file + ": distinct customer ids");
    }
  }

  @Test
  void report_bundledData_countsEveryRepeatPurchaseOfTheLiterature() {
    List<String> summary = Cli.lines(report().resolve("summary.csv"));
    List<String> header = List.of(summary.get(0).split(","));
    int x = header.indexOf("frequency");
    int holdout = header.indexOf("holdout_purchases");
    long repeat = 0;
    long holdoutPurchases = 0;
    for (String line : summary.subList(1, summary.size())) {
      String[] cells = line.split(",");
      repeat += Long.parseLong(cells[x]);
      holdoutPurchases += Long.parseLong(cells[holdout]);
    }
    assertEquals((long) published("calibration_repeat_purchases"), repeat);
    assertEquals((long) published("holdout_purchases"), holdoutPurchases);
    List<String> tracking = Cli.lines(report().resolve("diagnostics/tracking.csv"));
    String last = tracking.get(tracking.size() - 1);
    long byWeek78 = (long) published("repeat_purchases_by_week_78");
    assertTrue(
        last.startsWith("78," + byWeek78 + ","), "week 78 of " + tracking.get(0) + ": " + last);
  }

  @Test
  void report_bundledData_everyChartIsANonTrivialPng() throws IOException {
    List<Path> charts;
    try (Stream<Path> files = Files.list(report().resolve("charts"))) {
      charts = files.sorted().toList();
    }
    List<String> names = new ArrayList<>();
    for (Path chart : charts) {
      names.add(chart.getFileName().toString());
      Images.assertNonTrivialPng(chart.toString(), Files.readAllBytes(chart), 600, 300);
    }
    assertEquals(
        List.of(
            "calibration_holdout.png",
            "clv_distribution.png",
            "clv_pareto.png",
            "cohort_retention.png",
            "lifecycle_stages.png",
            "p_alive_by_model.png",
            "p_alive_heatmap.png",
            "period_transactions.png",
            "repeat_purchases_cumulative.png",
            "repeat_purchases_incremental.png",
            "rfm_segments.png",
            "segments_1.png"),
        names);
  }

  @Test
  void report_bundledData_htmlReferencesOnlyFilesThatExistAndInlinesEveryChart()
      throws IOException {
    String html = Files.readString(report().resolve("report.html"));
    Matcher m = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
    int inlined = 0;
    int linked = 0;
    while (m.find()) {
      String target = m.group(1);
      if (target.startsWith("data:image/png;base64,")) {
        byte[] png =
            Base64.getDecoder().decode(target.substring("data:image/png;base64,".length()));
        Images.assertNonTrivialPng("inlined chart " + inlined, png, 600, 300);
        inlined++;
        continue;
      }
      assertTrue(
          !target.contains(":") && !target.startsWith("/"), "only relative references: " + target);
      assertTrue(Files.isRegularFile(report().resolve(target)), "missing file " + target);
      linked++;
    }
    assertEquals(12, inlined, "every chart inlined");
    assertTrue(linked >= 12 + 4 + 4, "links to the charts, CSVs and model files: " + linked);
  }

  @Test
  void report_bundledData_scoresMatchTheIndependentClvReference() {
    // score the report's summary with its own model files against the mpmath CLV values
    ReferenceTable clv = ReferenceTable.load("clv_cdnow.csv");
    Path models = report().resolve("models");
    for (String[] setting : new String[][] {{"12", "0.01"}, {"52", "0.0015"}}) {
      Path scores = dir.resolve("scores-" + setting[0] + ".csv");
      Cli.Result r =
          Cli.run(
              "score",
              report().resolve("summary.csv"),
              "--purchase-model",
              models.resolve("bgnbd.properties"),
              "--spend-model",
              models.resolve("gg.properties"),
              "--horizon",
              setting[0],
              "--discount",
              setting[1],
              "-o",
              scores);
      assertEquals(ExitCodes.OK, r.code(), r::toString);
      List<String> lines = Cli.lines(scores);
      List<String> header = List.of(lines.get(0).split(","));
      int clvColumn = header.indexOf("clv");
      int checked = 0;
      for (int row = 0; row < clv.size(); row++) {
        if (!clv.text(row, "periods").equals(setting[0])) {
          continue;
        }
        String id = String.format("%04d", Integer.parseInt(clv.text(row, "id")));
        String line = lines.stream().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        double actual = Double.parseDouble(line.split(",")[clvColumn]);
        Tolerance.relative(0.002).check("clv of " + id, clv.number(row, "clv"), actual);
        checked++;
      }
      assertEquals(8, checked);
    }
  }
}
