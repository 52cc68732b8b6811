package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 3: {@code --horizon} takes decimals and durations (CLVTools users write "104
 * weeks"), converted with the model file's time unit. Failed on main, where it was an int.
 */
class HorizonTest {
  @TempDir static Path dir;

  @BeforeAll
  static void fitCdnow() throws IOException {
    CdnowSample.summarize(dir, "--calibration-end=1997-09-30", "--on-bad-row=skip");
    Cli.Result f = Cli.run("fit", dir.resolve("summary.csv"), "-m", "bgnbd,gg", "-o", dir);
    assertEquals(ExitCodes.OK, f.code(), f::toString);
  }

  private static Cli.Result score(String name, Object... options) {
    Object[] args = new Object[7 + options.length];
    Object[] base = {
      "score",
      dir.resolve("summary.csv"),
      "-p",
      dir.resolve("bgnbd.properties"),
      "-s",
      dir.resolve("gg.properties"),
      "-o"
    };
    System.arraycopy(base, 0, args, 0, base.length);
    Object[] all = new Object[args.length + 1];
    System.arraycopy(args, 0, all, 0, base.length);
    all[base.length] = dir.resolve(name);
    System.arraycopy(options, 0, all, base.length + 1, options.length);
    return Cli.run(all);
  }

  @Test
  void score_horizonInWeeksOrAsADuration_givesTheSameScores() {
    Cli.Result periods = score("a.csv", "--horizon", "104");
    Cli.Result weeks = score("b.csv", "--horizon", "104w");
    Cli.Result words = score("c.csv", "--horizon", "104 weeks");
    assertEquals(ExitCodes.OK, periods.code(), periods::toString);
    assertEquals(ExitCodes.OK, weeks.code(), weeks::toString);
    assertEquals(ExitCodes.OK, words.code(), words::toString);
    assertEquals(Cli.read(dir.resolve("a.csv")), Cli.read(dir.resolve("b.csv")));
    assertEquals(Cli.read(dir.resolve("a.csv")), Cli.read(dir.resolve("c.csv")));
  }

  @Test
  void score_decimalHorizon_isAcceptedUndiscountedAndRefusedDiscounted() {
    Cli.Result decimal = score("d.csv", "--horizon", "207.14");
    assertEquals(ExitCodes.OK, decimal.code(), decimal::toString);
    assertEquals(
        "scored 2,357 customers with BG/NBD and Gamma-Gamma over 207.14 weeks",
        decimal.firstErrorLine());
    Cli.Result whole = score("w.csv", "--horizon", "207");
    assertEquals(ExitCodes.OK, whole.code(), whole::toString);
    assertNotEquals(Cli.read(dir.resolve("w.csv")), Cli.read(dir.resolve("d.csv")));
    Cli.Result discounted = score("e.csv", "--horizon", "2y", "--discount", "0.002");
    assertEquals(ExitCodes.USAGE, discounted.code(), discounted::toString);
    assertEquals(
        "error: --horizon 2y is 104.355 weeks: with --discount > 0 CLV is discounted period by"
            + " period, so the horizon must be a whole number of periods",
        discounted.firstErrorLine());
  }

  @Test
  void score_handEditedModel_loadsByTheDocumentedRouteAndSaysWhichOtherwise() throws IOException {
    List<String> lines = Cli.lines(dir.resolve("gg.properties"));
    List<String> noFit =
        lines.stream()
            .filter(l -> !l.startsWith("fit."))
            .map(l -> l.startsWith("model.parameter.p = ") ? "model.parameter.p = 6.0" : l)
            .toList();
    Path edited = dir.resolve("edited.properties");
    Files.write(edited, noFit);
    Cli.Result half =
        Cli.run(
            "score",
            dir.resolve("summary.csv"),
            "-p",
            dir.resolve("bgnbd.properties"),
            "-s",
            edited,
            "-o",
            dir.resolve("x.csv"));
    assertEquals(ExitCodes.DATA, half.code(), half::toString);
    assertTrue(
        half.err()
            .contains(
                "hint: for a model with hand-set parameters, set model.fitted = false, delete"
                    + " every fit.* line (and for Gamma-Gamma set model.customersLeftOut = 0)"),
        half::toString);
    Files.write(
        edited,
        noFit.stream()
            .map(l -> l.equals("model.fitted = true") ? "model.fitted = false" : l)
            .map(l -> l.startsWith("model.customersLeftOut") ? "model.customersLeftOut = 0" : l)
            .toList());
    Cli.Result whole =
        Cli.run(
            "score",
            dir.resolve("summary.csv"),
            "-p",
            dir.resolve("bgnbd.properties"),
            "-s",
            edited,
            "-o",
            dir.resolve("y.csv"));
    assertEquals(ExitCodes.OK, whole.code(), whole::toString);
  }

  @Test
  void summarize_holdoutStartAsADurationAfterTheFirstPurchase_equalsTheDate() throws IOException {
    Path log = CdnowSample.log(dir);
    Cli.Result a =
        Cli.run(
            CdnowSample.summarizeArguments(
                log,
                "--holdout-end=1998-06-30",
                "--holdout-start",
                "1997-10-01",
                "-o",
                dir.resolve("h1.csv")));
    Cli.Result b =
        Cli.run(
            CdnowSample.summarizeArguments(
                log,
                "--holdout-end=1998-06-30",
                "--holdout-start",
                "39w",
                "-o",
                dir.resolve("h2.csv")));
    assertEquals(ExitCodes.OK, a.code(), a::toString);
    assertEquals(ExitCodes.OK, b.code(), b::toString);
    assertTrue(
        b.err()
            .contains(
                "holdout starts 1997-10-01: the first purchase in the data, 1997-01-01, plus"
                    + " --holdout-start 39w (273 days)"),
        b::toString);
    assertEquals(Cli.read(dir.resolve("h1.csv")), Cli.read(dir.resolve("h2.csv")));
  }
}
