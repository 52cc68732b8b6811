package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clvkit.models.bayes.ParetoGggModel;
import org.clvkit.models.io.ModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv report -m pggg} on the bundled CDNOW (with a holdout): the Pareto/GGG is fitted by
 * short MCMC chains ({@code --mcmc}), saved, scored (the same scores.csv, to the digit, as {@code
 * clv score -p} its saved file gives), listed in the model comparison with its holdout error, and
 * the parts the page cannot make for it (90 % intervals, the (x, t_x, T) diagnostics) are left out
 * with a note saying so, never faked.
 */
class ReportParetoGggTest {
  @TempDir static Path dir;

  /** Short chains: the test checks the plumbing, not the posterior. */
  static final String MCMC = "2,50,200,10";

  private static Cli.Result run;
  private static Path out;

  @BeforeAll
  static void report() {
    out = dir.resolve("report");
    run =
        Cli.run(
            "report",
            "-m",
            "pggg",
            "--mcmc",
            MCMC,
            "--compare",
            "bgnbd,pnbd",
            "-o",
            out,
            "--progress",
            "never");
  }

  @Test
  void report_runsAndNamesTheParetoGggAsTheModelUsed() {
    assertEquals(ExitCodes.OK, run.code(), run::toString);
    String html = Cli.read(out.resolve("report.html"));
    assertTrue(html.contains("id=\"pggg-row\""), "the comparison has a Pareto/GGG row");
    assertTrue(
        html.contains("The report uses Pareto/GGG because -m asked for it"),
        "the page says which model it uses");
    assertTrue(html.contains("pggg.properties"), "the page links the model file");
  }

  @Test
  void fittedModels_showThePosteriorAndHowTheChainsRan_notAnOptimiser() {
    String html = Cli.read(out.resolve("report.html"));
    assertTrue(html.contains(">R-hat<"), "an R-hat column");
    assertTrue(html.contains(">effective sample size<"), "an effective sample size column");
    assertTrue(html.contains("2 chains of 200 iterations after 50 burn-in"), "the --mcmc run");
    assertTrue(html.contains("Log-likelihood at the posterior means"), "the MCMC line");
    assertEquals(
        1,
        html.split("gradient norm", -1).length - 1,
        "only the Gamma-Gamma (maximum likelihood) reports an optimiser's gradient norm");
  }

  @Test
  void mcmcFitNotConverged_namesTheParameterAndWhatToDo_inThePagesLanguage() {
    String html =
        reportPage(dir.resolve("hb"), "-m", "pnbd-hb", "--compare", "bgnbd", "--lang", "zh-CN");
    // Seeded 2 x 200 iterations do not mix (R-hat above 1.1 for every population parameter).
    assertTrue(html.contains("未收敛：r 的 R-hat 为 "), "the worst parameter, in Chinese");
    assertTrue(html.contains("请运行更长的链（--mcmc）"), "what to do");
    assertFalse(html.contains("run longer chains"), "not the library's English message");
    assertTrue(html.contains("2 条链，每条链预烧 50 次后迭代 200 次"), "how the chains ran");
  }

  @Test
  void comparison_hasTheParetoGggRowWithAFiniteHoldoutError() {
    List<String> csv = Cli.lines(out.resolve("diagnostics/model_comparison.csv"));
    String row = csv.stream().filter(l -> l.startsWith("Pareto/GGG,")).findFirst().orElseThrow();
    String[] cells = row.split(",", -1);
    assertEquals("6", cells[1], row);
    assertEquals("2357", cells[2], row);
    double ll = Double.parseDouble(cells[3]);
    assertTrue(Double.isFinite(ll) && ll < 0, row);
    assertEquals(2 * 6 - 2 * ll, Double.parseDouble(cells[4]), 1e-5, row);
    double mae = Double.parseDouble(cells[6]);
    double rmse = Double.parseDouble(cells[7]);
    assertTrue(Double.isFinite(mae) && mae > 0 && mae < 2, row);
    assertTrue(rmse >= mae, row);
    assertEquals("", cells[8], "no tracking error for the Pareto/GGG: " + row);
    assertEquals("false", cells[9], "the rule ranks the maximum-likelihood fits only: " + row);
    assertEquals(4, csv.size(), "header, BG/NBD, Pareto/NBD, Pareto/GGG: " + csv);
  }

  @Test
  void scores_areWhatClvScoreGivesWithTheSavedModel() throws Exception {
    Path saved = out.resolve("models/pggg.properties");
    ParetoGggModel model = ModelFiles.load(saved, ParetoGggModel.class).model();
    assertEquals(6, model.parameterValues().length);
    List<String> lines = Cli.lines(out.resolve("scores.csv"));
    assertEquals(2358, lines.size());
    String[] header = lines.get(0).split(",");
    assertEquals("p_alive", header[4]);
    assertEquals("expected_purchases", header[5]);
    assertFalse(lines.get(0).contains("_lower"), "no interval columns: " + lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      double alive = Double.parseDouble(cells[4]);
      double purchases = Double.parseDouble(cells[5]);
      assertTrue(alive >= 0 && alive <= 1, line);
      assertTrue(purchases >= 0 && Double.isFinite(purchases), line);
    }
    Path scored = dir.resolve("scored.csv");
    Cli.Result score =
        Cli.run(
            "score",
            out.resolve("summary.csv"),
            "-p",
            saved,
            "-s",
            out.resolve("models/gg.properties"),
            "-o",
            scored);
    assertEquals(ExitCodes.OK, score.code(), score::toString);
    assertEquals(Cli.read(out.resolve("scores.csv")), Cli.read(scored));
  }

  @Test
  void missingParts_areLeftOutWithANote() {
    String html = Cli.read(out.resolve("report.html"));
    assertTrue(html.contains("id=\"no-intervals\""), "a note says there are no intervals");
    assertTrue(html.contains("No 90 % intervals for Pareto/GGG"), "in words");
    assertTrue(html.contains("id=\"no-diagnostics\""), "a note names the diagnostics left out");
    assertFalse(Files.exists(out.resolve("diagnostics/tracking.csv")));
    assertFalse(Files.exists(out.resolve("diagnostics/p_alive_matrix.csv")));
    assertFalse(html.contains("diagnostics/tracking.csv"), "no link to a file not written");
    assertTrue(Files.exists(out.resolve("charts/p_alive_by_model.png")));
    // calibration versus holdout is made from the Pareto/GGG's own predictions
    assertTrue(html.contains("<section id=\"holdout\">"), "the holdout table is there");
    assertTrue(Files.exists(out.resolve("charts/calibration_holdout.png")));
    List<String> check = Cli.lines(out.resolve("diagnostics/calibration_holdout.csv"));
    assertEquals(1 + ReportCommand.LAST_BUCKET + 1, check.size(), check::toString);
    String segments = Cli.lines(out.resolve("segments.csv")).get(1);
    assertTrue(segments.contains(",,,"), "interval cells empty, not made up: " + segments);
  }

  @Test
  void compare_pgggWithoutM_listsItBesideTheRulesChoice() {
    Path other = dir.resolve("compared");
    String html = reportPage(other, "--compare", "bgnbd,pggg");
    assertTrue(html.contains("<tr id=\"pggg-row\">"), "listed, not used");
    assertTrue(html.contains("The report uses BG/NBD."), "the rule's choice is used");
    assertTrue(Files.exists(other.resolve("models/pggg.properties")));
    assertTrue(Cli.lines(other.resolve("scores.csv")).get(0).contains("expected_purchases_lower"));
  }

  /** The page of a report with the short chains into {@code folder}, which must succeed. */
  private static String reportPage(Path folder, String... options) {
    List<Object> args = new java.util.ArrayList<>(List.of("report", "--mcmc", MCMC));
    args.addAll(List.of((Object[]) options));
    args.addAll(List.of("-o", folder, "--progress", "never"));
    Cli.Result r = Cli.run(args.toArray());
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    return Cli.read(folder.resolve("report.html"));
  }

  @Test
  void pggg_withBootstrapOrAloneInCompare_isAUsageError() {
    Cli.Result boot = Cli.run("report", "-m", "pggg", "--bootstrap", "10", "-o", dir.resolve("b"));
    assertEquals(ExitCodes.USAGE, boot.code(), boot::toString);
    assertTrue(boot.err().contains("--bootstrap"), boot::toString);
    Cli.Result alone = Cli.run("report", "--compare", "pggg", "-o", dir.resolve("c"));
    assertEquals(ExitCodes.USAGE, alone.code(), alone::toString);
    assertTrue(alone.err().contains("--compare"), alone::toString);
  }
}
