package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clv fit}, {@code clv score} and {@code clv value} through the main class. */
class FitScoreValueTest {
  @TempDir Path dir;

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
    try (InputStream in = FitScoreValueTest.class.getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void fit_bgbbOnCompressedDonations_recoversThePublishedEstimates() throws IOException {
    // Fader, Hardie and Shang (2010), Marketing Science 29(6), table 2: 1.204, 0.750, 0.657,
    // 2.783 for the 1995 donor cohort; weights column = donors per pattern; 0.2 % as issue 5.
    Path donations = resource("/data/donations.csv");
    Cli.Result r =
        Cli.run(
            "fit",
            donations,
            "--model",
            "bgbb",
            "--age-column",
            "periods",
            "--weight-column",
            "weights",
            "--time-unit",
            "1d",
            "-o",
            dir.resolve("models"));
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.out().startsWith("BG/BB fitted on 11104 customers"), r::toString);
    PurchaseModel model =
        ModelFiles.load(dir.resolve("models/bgbb.properties"), PurchaseModel.class).model();
    double[] expected = {1.204, 0.750, 0.657, 2.783};
    double[] actual = model.parameterValues();
    for (int k = 0; k < expected.length; k++) {
      Tolerance.relative(0.002).check(model.parameterNames().get(k), expected[k], actual[k]);
    }
  }

  @Test
  void fitThenScore_summaryFromTheLog_oneRowPerCustomerWithEveryColumn() throws IOException {
    Path summary =
        CdnowSample.summarize(dir, "--holdout-start=1997-10-01", "--holdout-end=1998-06-30");
    Cli.Result f = Cli.run("fit", summary, "-m", "bgnbd,gg", "-o", dir);
    assertEquals(ExitCodes.OK, f.code(), f::toString);
    assertTrue(f.out().contains("saved " + dir.resolve("bgnbd.properties")), f::toString);
    assertTrue(f.out().contains("Gamma-Gamma fitted on 946 customers"), f::toString);
    Path scores = dir.resolve("scores.csv");
    Cli.Result sc =
        Cli.run(
            "score",
            summary,
            "-p",
            dir.resolve("bgnbd.properties"),
            "-s",
            dir.resolve("gg.properties"),
            "--margin",
            "0.3",
            "-o",
            scores);
    assertEquals(ExitCodes.OK, sc.code(), sc::toString);
    List<String> lines = Cli.lines(scores);
    assertEquals(
        "customer_id,frequency,recency,age,p_alive,expected_purchases,expected_spend,clv,"
            + "lifecycle_stage,rfm_score,rfm_segment,value_tier",
        lines.get(0));
    assertEquals(2357 + 1, lines.size());
    int top1 = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      double alive = Double.parseDouble(c[4]);
      assertTrue(alive >= 0 && alive <= 1, line);
      assertTrue(Double.parseDouble(c[7]) >= 0, line);
      top1 += c[11].equals("TOP_1_PERCENT") ? 1 : 0;
    }
    // ValueTiers: fewer than 1 % strictly more valuable; ties are unlikely in continuous CLVs
    assertEquals(24, top1, "ceil(1 % of 2,357) customers in the top 1 %");
  }

  @Test
  void fitThenScore_paretoNbdHb_savesThePosteriorSummaryAndScoresWithIt() throws IOException {
    // 120 customers from the Pareto/NBD simulator keep the default 4 chains x 2,500 iterations
    // quick.
    double[] ages = new double[120];
    java.util.Arrays.fill(ages, 39.0);
    org.clvkit.models.CustomerHistories h =
        org.clvkit.models.paretonbd.ParetoNbdSimulator.of(
                new org.clvkit.models.paretonbd.ParetoNbdParameters(0.55, 10.5, 0.6, 11.7), 5L)
            .histories(ages);
    StringBuilder csv = new StringBuilder("frequency,recency,age\n");
    for (int i = 0; i < h.size(); i++) {
      csv.append(h.frequency(i)).append(',').append(h.recency(i)).append(',').append(h.age(i));
      csv.append('\n');
    }
    Path summary = Cli.write(dir.resolve("s.csv"), csv.toString());
    Cli.Result fit = Cli.run("fit", summary, "-m", "pnbd-hb", "-o", dir);
    assertEquals(ExitCodes.OK, fit.code(), fit::toString);
    List<String> model = Cli.lines(dir.resolve("pnbd-hb.properties"));
    assertTrue(model.contains("model.type = Pareto/NBD (HB)"), model::toString);
    assertTrue(model.stream().anyMatch(l -> l.startsWith("model.posterior.rhat.beta = ")));
    Path scores = dir.resolve("scores.csv");
    Cli.Result sc =
        Cli.run("score", summary, "-p", dir.resolve("pnbd-hb.properties"), "-o", scores);
    assertEquals(ExitCodes.OK, sc.code(), sc::toString);
    assertEquals(120 + 1, Cli.lines(scores).size());
  }

  @Test
  void fit_paretoGgg_readsTheLittColumnAndSavesThePosteriorSummary() throws IOException {
    // 60 customers from the Pareto/GGG simulator keep the default 4 chains x 2,500 iterations
    // quick.
    double[] ages = new double[60];
    java.util.Arrays.fill(ages, 39.0);
    org.clvkit.models.CustomerHistories h =
        org.clvkit.models.bayes.ParetoGggSimulator.of(
                new org.clvkit.models.bayes.ParetoGggParameters(4.5, 1.5, 0.9, 5, 0.8, 12), 5L)
            .simulate(ages, 0)
            .histories();
    StringBuilder csv = new StringBuilder("frequency,recency,age,litt\n");
    for (int i = 0; i < h.size(); i++) {
      csv.append(h.frequency(i)).append(',').append(h.recency(i)).append(',').append(h.age(i));
      csv.append(',').append(h.litt(i)).append('\n');
    }
    Path summary = Cli.write(dir.resolve("s.csv"), csv.toString());
    Cli.Result fit = Cli.run("fit", summary, "-m", "pggg", "-o", dir);
    assertEquals(ExitCodes.OK, fit.code(), fit::toString);
    List<String> model = Cli.lines(dir.resolve("pggg.properties"));
    assertTrue(model.contains("model.type = Pareto/GGG"), model::toString);
    assertTrue(model.stream().anyMatch(l -> l.startsWith("model.posterior.rhat.gamma = ")));
    Cli.Result score = Cli.run("score", summary, "-p", dir.resolve("pggg.properties"));
    assertEquals(ExitCodes.OK, score.code(), score::toString); // scores since pggg4 (issue 18)
    Path noLitt = Cli.write(dir.resolve("n.csv"), "frequency,recency,age\n1,2,3\n");
    Cli.Result missing = Cli.run("fit", noLitt, "-m", "pggg", "-o", dir);
    assertEquals(ExitCodes.DATA, missing.code(), missing::toString);
    assertTrue(missing.firstErrorLine().contains("needs a litt column"), missing::toString);
  }

  @Test
  void score_wrongModelFile_isADataErrorNamingTheFile() throws IOException {
    Path summary = Cli.write(dir.resolve("s.csv"), "frequency,recency,age\n1,2,3\n");
    Path notAModel = Cli.write(dir.resolve("model.properties"), "hello\n");
    Cli.Result r = Cli.run("score", summary, "-p", notAModel);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertTrue(r.firstErrorLine().startsWith("error: " + notAModel + ": "), r::toString);
  }

  @Test
  void fit_unknownModel_isAUsageError() {
    Cli.Result r = Cli.run("fit", dir.resolve("s.csv"), "-m", "arima");
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: --model must be one of bgnbd, mbgnbd, pnbd, bgbb, sbg, gg, nbd, ggomnbd, bdw,"
            + " mbgcnbd, bgcnbd, pnbd-hb, pggg, was \"arima\"",
        r.firstErrorLine());
  }

  @Test
  void valueDiscounted_guptaLehmannExample_printsTheMarginMultiple() {
    // Gupta and Lehmann (2003), "Customers as assets": r = 0.9, d = 0.12 gives 0.9 / 0.22 = 4.09.
    Cli.Result r =
        Cli.run(
            "value", "discounted", "--margin", "100", "--retention", "0.9", "--discount", "0.12");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.out().contains("margin multiple           4.0909\n"), r::toString);
    assertTrue(r.out().contains("value, infinite horizon   409.0909\n"), r::toString);
  }

  @Test
  void valueDiscounted_retentionAboveOne_isRejectedWithTheLibraryMessage() {
    Cli.Result r =
        Cli.run(
            "value", "discounted", "--margin", "100", "--retention", "1.2", "--discount", "0.1");
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals("error: retention must be in [0, 1], was 1.2", r.firstErrorLine());
  }

  @Test
  void valueSimple_textbookCustomer_printsValueAndBreakEven() {
    // (50 x 4 x 0.3 - 5) x 3 - 40 = 125; break-even acquisition cost 165.
    Cli.Result r =
        Cli.run(
            "value",
            "simple",
            "--order-value",
            "50",
            "--purchases",
            "4",
            "--lifespan",
            "3",
            "--gross-margin",
            "0.3",
            "--cost-to-serve",
            "5",
            "--acquisition-cost",
            "40");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.out().contains("CLV (net of acquisition)  125.0000\n"), r::toString);
    assertTrue(r.out().contains("break-even acquisition    165.0000\n"), r::toString);
  }

  @Test
  void valueReferral_threeGenerations_matchesTheClosedForm() {
    // u = s V + (1 - s) A - w = 0.6 x 400 + 0.4 x 80 - 25 = 247; beta = 0.2 (1/1.1 + 1/1.1^2 +
    // 1/1.1^3); generation g is worth u beta^g, the infinite chain u beta / (1 - beta).
    double beta = 0.2 * (1 / 1.1 + 1 / (1.1 * 1.1) + 1 / (1.1 * 1.1 * 1.1));
    double u = 247;
    Cli.Result r =
        Cli.run(
            "value",
            "referral",
            "--referrals",
            "0.2,0.2,0.2",
            "--incremental-share",
            "0.6",
            "--referred-value",
            "400",
            "--acquisition-cost-saved",
            "80",
            "--reward",
            "25",
            "--discount",
            "0.1",
            "--direct-value",
            "500",
            "--generations",
            "3");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    double three = u * (beta + beta * beta + beta * beta * beta);
    assertTrue(
        r.out()
            .contains(
                String.format(
                    java.util.Locale.ROOT,
                    "total over 3 generations: referral value %,.4f, with the direct value %,.4f",
                    three,
                    500 + three)),
        r::toString);
    assertTrue(
        r.out()
            .contains(
                String.format(
                    java.util.Locale.ROOT,
                    "infinite chain: 1.5000 referred customers, referral value %,.4f",
                    u * beta / (1 - beta))),
        r::toString);
  }
}
