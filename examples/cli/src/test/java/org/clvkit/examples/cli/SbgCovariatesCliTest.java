package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.sbg.SbgCovariateModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv fit -m sbg --covariates} and {@code clv score} on contract histories (x renewals in n
 * = 8 opportunities, recency = x) drawn from the sBG: churn probability θ ~ Beta(1, 3) for plan
 * {@code basic} and Beta(1, 9) for {@code premium}, so premium customers renew more.
 */
class SbgCovariatesCliTest {
  @TempDir Path dir;
  private Path summary;
  private Path covariates;

  @BeforeEach
  void prepare() {
    SplittableRandom random = new SplittableRandom(2007);
    StringBuilder s = new StringBuilder("customer_id,frequency,recency,age\n");
    StringBuilder c = new StringBuilder("id,plan\n");
    for (int i = 0; i < 1500; i++) {
      boolean premium = i % 2 == 1;
      // Beta(1, b) by inversion: theta = 1 - U^(1/b).
      double theta = 1 - Math.pow(random.nextDouble(), 1.0 / (premium ? 9 : 3));
      int renewals = 0;
      while (renewals < 8 && random.nextDouble() >= theta) {
        renewals++;
      }
      String id = String.format("c%04d", i);
      s.append(id).append(',').append(renewals).append(',').append(renewals).append(",8\n");
      c.append(id).append(',').append(premium ? "premium" : "basic").append('\n');
    }
    summary = Cli.write(dir.resolve("contracts.csv"), s.toString());
    covariates = Cli.write(dir.resolve("plans.csv"), c.toString());
  }

  @Test
  void fitThenScore_sbgWithPlan() throws IOException {
    Path models = dir.resolve("models");
    Cli.Result f =
        Cli.run(
            "fit",
            summary,
            "-m",
            "sbg",
            "--id-column",
            "customer_id",
            "--covariates",
            covariates,
            "-o",
            models);
    assertEquals(ExitCodes.OK, f.code(), f::toString);
    assertTrue(f.out().contains("sBG with covariates"), f::toString);
    Path file = models.resolve("sbg-covariates.properties");
    SbgCovariateModel model = ModelFiles.load(file, SbgCovariateModel.class).model();
    assertEquals(List.of("plan=premium"), model.betaCovariates());
    // Premium has the larger beta (mean churn 1/10 against 1/4): a positive beta coefficient.
    assertTrue(model.betaCoefficients()[0] > 0, f::toString);

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
            "--discount",
            "0.1",
            "-o",
            scores);
    assertEquals(ExitCodes.OK, sc.code(), sc::toString);
    List<String> lines = Cli.lines(scores);
    assertEquals("id,probability_renewal,discounted_expected_residual_lifetime", lines.get(0));
    assertEquals(1500 + 1, lines.size());
    List<String> contracts = Cli.lines(summary);
    for (int i = 1; i <= 20; i++) {
      String[] score = lines.get(i).split(",");
      String[] history = contracts.get(i).split(",");
      assertEquals(history[0], score[0]);
      double[] row = {i % 2 == 0 ? 1 : 0}; // line i is customer i - 1
      if (history[1].equals("8")) {
        assertEquals(model.retention(9, row), Double.parseDouble(score[1]), 1e-15);
        assertEquals(
            model.discountedExpectedResidualLifetime(0.1, 9, row),
            Double.parseDouble(score[2]),
            1e-12);
      } else {
        assertEquals("0.0", score[1]);
      }
    }
  }
}
