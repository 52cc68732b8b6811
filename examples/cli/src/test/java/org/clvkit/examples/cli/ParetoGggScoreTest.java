package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clvkit.models.bayes.ParetoGggModel;
import org.clvkit.models.bayes.ParetoGggParameters;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv score -p pggg.properties}: a saved Pareto/GGG scores a summary with a litt column (the
 * library's empirical-Bayes predictions at the saved posterior means), and a summary without litt
 * is a usage error naming the column and how to get it.
 */
class ParetoGggScoreTest {
  @TempDir static Path dir;

  /** Posterior means of a short CDNOW fit (weeks). */
  private static final ParetoGggParameters CDNOW =
      new ParetoGggParameters(200.416, 194.527, 0.587351, 10.8764, 0.631032, 11.7997);

  private static Path summary;
  private static Path model;
  private static Path spend;

  @BeforeAll
  static void data() throws IOException {
    Path log = dir.resolve("CDNOW_sample.txt");
    try (InputStream in =
        ParetoGggScoreTest.class.getResourceAsStream(
            "/org/clvkit/examples/cli/data/CDNOW_sample.txt")) {
      Files.copy(in, log);
    }
    summary = dir.resolve("summary.csv");
    Cli.Result s =
        Cli.run(
            "summarize",
            log,
            "--delimiter=whitespace",
            "--no-header",
            "--id=2",
            "--date=3",
            "--amount=5",
            "--date-format=yyyyMMdd",
            "--calibration-end=1997-09-30",
            "--holdout-end=1998-06-30",
            "-o",
            summary);
    assertEquals(ExitCodes.OK, s.code(), s::toString);
    model = dir.resolve("pggg.properties");
    ModelFiles.save(ParetoGggModel.of(CDNOW), Provenance.now("week"), model);
    spend = dir.resolve("gg.properties");
    ModelFiles.save(
        GammaGammaModel.of(new GammaGammaParameters(6.25, 3.74, 15.44)),
        Provenance.now("week"),
        spend);
  }

  @Test
  void score_summaryWithLitt_givesTheLibrarysPredictions() throws IOException {
    Path scores = dir.resolve("scores.csv");
    Cli.Result r = Cli.run("score", summary, "-p", model, "-s", spend, "-o", scores);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.err().contains("with Pareto/GGG and Gamma-Gamma"), r::toString);
    List<String> lines = Cli.lines(scores);
    List<String> input = Cli.lines(summary);
    assertEquals(input.size(), lines.size());
    String[] header = lines.get(0).split(",");
    assertEquals("p_alive", header[4]);
    assertEquals("expected_purchases", header[5]);
    assertEquals("clv", header[7]);
    List<String> inputHeader = List.of(input.get(0).split(","));
    int litt = inputHeader.indexOf("litt");
    assertTrue(litt >= 0, input.get(0));
    ParetoGggModel library = ParetoGggModel.of(CDNOW);
    double sumAlive = 0;
    for (int row = 1; row <= 40; row++) {
      String[] out = lines.get(row).split(",");
      String[] in = input.get(row).split(",");
      double x = Double.parseDouble(out[1]);
      double tx = Double.parseDouble(out[2]);
      double age = Double.parseDouble(out[3]);
      double l = Double.parseDouble(in[litt]);
      assertEquals(library.probabilityAlive(x, tx, age, l), Double.parseDouble(out[4]), 1e-12);
      assertEquals(
          library.conditionalExpectedPurchases(52, x, tx, age, l),
          Double.parseDouble(out[5]),
          1e-12);
      double clv = Double.parseDouble(out[7]);
      assertTrue(clv >= 0 && Double.isFinite(clv), lines.get(row));
      sumAlive += Double.parseDouble(out[4]);
    }
    assertTrue(sumAlive > 5 && sumAlive < 35, "P(alive) of 40 customers sums to " + sumAlive);
  }

  @Test
  void score_isTheSameOnEveryRun() throws IOException {
    Path first = dir.resolve("a.csv");
    Path second = dir.resolve("b.csv");
    assertEquals(ExitCodes.OK, Cli.run("score", summary, "-p", model, "-o", first).code());
    assertEquals(ExitCodes.OK, Cli.run("score", summary, "-p", model, "-o", second).code());
    assertEquals(Cli.read(first), Cli.read(second));
  }

  @Test
  void score_summaryWithoutLitt_isAUsageErrorNamingTheColumn() {
    Path noLitt = Cli.write(dir.resolve("n.csv"), "frequency,recency,age\n1,2,3\n0,0,3\n");
    Cli.Result r = Cli.run("score", noLitt, "-p", model);
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertTrue(r.firstErrorLine().contains("has no litt column"), r::toString);
    assertTrue(r.firstErrorLine().contains("clv summarize writes that column"), r::toString);
  }
}
