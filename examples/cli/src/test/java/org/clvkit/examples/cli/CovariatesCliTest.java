package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv fit} and {@code clv score} with {@code --covariates} on the bundled CDNOW log, with
 * the customers' first-purchase month (January, February or March 1997, derived from the log) as a
 * categorical covariate.
 */
class CovariatesCliTest {
  @TempDir Path dir;
  private Path summary;
  private Path covariates;

  @BeforeEach
  void prepare() throws IOException {
    summary = CdnowSample.summary(dir);
    covariates = CdnowCovariateData.firstMonth(dir);
  }

  @Test
  void fitThenScore_paretoNbdWithFirstPurchaseMonth() throws IOException {
    Path models = dir.resolve("models");
    Cli.Result f =
        Cli.run(
            "fit",
            summary,
            "-m",
            "pnbd",
            "--id-column",
            "customer_id",
            "--covariates",
            covariates,
            "-o",
            models);
    assertEquals(ExitCodes.OK, f.code(), f::toString);
    assertTrue(
        f.err().contains("covariate first_month: categorical, 3 levels, reference level m01"),
        f::toString);
    assertTrue(f.out().contains("2357 customers (1016 patterns, 3 covariate rows)"), f::toString);
    // The restricted fit is the Pareto/NBD's published CDNOW optimum (LL -9595.0).
    assertTrue(f.out().contains("log-likelihood without covariates -9594.97"), f::toString);
    Path file = models.resolve("pnbd-covariates.properties");
    ParetoNbdCovariateModel model = ModelFiles.load(file, ParetoNbdCovariateModel.class).model();
    assertEquals(List.of("first_month=m02", "first_month=m03"), model.purchaseCovariates());
    Path scores = dir.resolve("scores.csv");
    Cli.Result sc =
        Cli.run(
            "score",
            summary,
            "-p",
            file,
            "--id-column",
            "customer_id",
            "--covariates",
            covariates,
            "-o",
            scores);
    assertEquals(ExitCodes.OK, sc.code(), sc::toString);
    List<String> lines = Cli.lines(scores);
    assertEquals("id,probability_alive,expected_purchases", lines.get(0));
    assertEquals(2357 + 1, lines.size());
    // Customer 0001 (first purchase in January: the reference level, row (0, 0)) has x = 2,
    // t_x = 213/7 and T = 272/7 weeks.
    String[] c = lines.get(1).split(",");
    assertEquals("0001", c[0]);
    assertEquals(
        model.probabilityAlive(2, 213.0 / 7, 272.0 / 7, new double[] {0, 0}),
        Double.parseDouble(c[1]),
        1e-12);
  }

  @Test
  void fit_missingCovariatesAreAnErrorUnlessDropped() throws IOException {
    List<String> rows = Files.readAllLines(covariates);
    Path partial =
        Cli.write(dir.resolve("partial.csv"), String.join("\n", rows.subList(0, 2357)) + "\n");
    Cli.Result r =
        Cli.run(
            "fit", summary, "-m", "bgnbd", "--id-column", "customer_id", "--covariates", partial);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + partial
            + ": 1 summary customers have no covariates (first: 2357) and 0 covariate ids have"
            + " no summary row (first: none); drop them explicitly to go on",
        r.firstErrorLine());
    Cli.Result dropped =
        Cli.run(
            "fit",
            summary,
            "-m",
            "bgnbd",
            "--id-column",
            "customer_id",
            "--covariates",
            partial,
            "--drop-missing-covariates",
            "-o",
            dir);
    assertEquals(ExitCodes.OK, dropped.code(), dropped::toString);
    assertTrue(
        dropped.err().contains("dropped 1 summary customers without covariates"),
        dropped::toString);
    assertTrue(dropped.out().contains("fitted on 2356 customers"), dropped::toString);
  }
}
