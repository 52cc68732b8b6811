package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 3: clean failure. Out of memory is one line with what to do; models of one {@code
 * fit} are independent, each with its own penalty and a plain-language cause when it fails; the
 * summary's time unit is recorded; negative discount rates are refused. Each test failed on main.
 */
class CleanFailureTest {
  @TempDir Path dir;

  /**
   * A seeded log in which nobody stops buying (purchases spread over the whole year), so that the
   * BG/NBD drop-out cannot be estimated, while mean spend varies between customers (Gamma-Gamma
   * fits).
   */
  private Path neverStopping(int customers) throws IOException {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    LocalDate start = LocalDate.of(2024, 1, 1);
    Path file = dir.resolve("log.csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("customer_id,date,amount\n");
      for (int c = 0; c < customers; c++) {
        double mean = Math.exp(2 + random.nextGaussian());
        int purchases = 2 + random.nextInt(8);
        for (int k = 0; k < purchases; k++) {
          out.write(
              String.format(
                  Locale.ROOT,
                  "c%d,%s,%.2f%n",
                  c,
                  start.plusDays(k == 0 ? 0 : random.nextInt(366)),
                  mean * (0.5 + random.nextDouble())));
        }
      }
    }
    return file;
  }

  private Path summary(String... options) throws IOException {
    Path s = dir.resolve("summary.csv");
    String[] args = new String[4 + options.length];
    args[0] = "summarize";
    args[1] = neverStopping(400).toString();
    args[2] = "-o";
    args[3] = s.toString();
    System.arraycopy(options, 0, args, 4, options.length);
    Cli.Result r = Cli.run((Object[]) args);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    return s;
  }

  @Test
  void summarize_outOfMemory_isOneLineSayingWhatToDo() throws Exception {
    Path log = dir.resolve("many.csv");
    try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      out.write("customer_id,date,amount\n");
      for (int c = 0; c < 600_000; c++) {
        out.write("customer-with-a-long-id-" + c + ",2024-01-02,5\n");
      }
    }
    Cli.Result r =
        Cli.fork(List.of("-Xmx24m", "-XX:+UseSerialGC"), 120, dir, "summarize", log, "-o", "s.csv");
    assertEquals(ExitCodes.SOFTWARE, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: out of memory (Java heap of "), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertFalse(Files.exists(dir.resolve("s.csv")));
  }

  @Test
  void fit_oneModelFails_theOthersAreSavedAndExitIsFour() throws IOException {
    Path s = summary();
    Path models = dir.resolve("models");
    Cli.Result r = Cli.run("fit", s, "-m", "bgnbd,gg", "-o", models);
    assertEquals(ExitCodes.FIT, r.code(), r::toString);
    assertTrue(r.err().contains("error: the BG/NBD fit failed: "), r::toString);
    assertTrue(
        r.err()
            .contains(
                "cause: the drop-out process cannot be estimated: in these data hardly any"
                    + " customer seems to have stopped buying"),
        r::toString);
    assertTrue(
        r.err().contains("1 of 2 models failed (bgnbd); the others were saved"), r::toString);
    assertFalse(Files.exists(models.resolve("bgnbd.properties")));
    assertTrue(Files.isRegularFile(models.resolve("gg.properties")), r::toString);
  }

  @Test
  void fit_penaltyOfOneModel_leavesTheOthersAlone() throws IOException {
    Path s = summary();
    Cli.Result plain = Cli.run("fit", s, "-m", "gg", "-o", dir.resolve("a"));
    Cli.Result other =
        Cli.run("fit", s, "-m", "gg", "-o", dir.resolve("b"), "--penalty", "bgnbd=1");
    Cli.Result own = Cli.run("fit", s, "-m", "gg", "-o", dir.resolve("c"), "--penalty", "gg=1");
    assertEquals(ExitCodes.OK, plain.code(), plain::toString);
    assertEquals(ExitCodes.OK, other.code(), other::toString);
    assertEquals(ExitCodes.OK, own.code(), own::toString);
    assertEquals(plain.out().replace("/a/", "/b/"), other.out());
    assertFalse(plain.out().replace("/a/", "/c/").equals(own.out()), own::toString);
  }

  @Test
  void fit_daysSummary_recordsDaysInTheModelFile() throws IOException {
    Path s = summary("--time-unit", "days");
    Cli.Result r = Cli.run("fit", s, "-m", "gg", "-o", dir.resolve("m"));
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(
        Cli.lines(dir.resolve("m/gg.properties")).contains("provenance.timeUnit = day"),
        () -> Cli.read(dir.resolve("m/gg.properties")));
    Cli.Result wrong =
        Cli.run("fit", s, "-m", "gg", "-o", dir.resolve("m"), "--time-unit", "weeks");
    assertEquals(ExitCodes.USAGE, wrong.code(), wrong::toString);
    assertEquals(
        "error: --time-unit weeks does not match the summary "
            + s
            + ", whose recency is in days (first to last purchase over recency); leave"
            + " --time-unit out",
        wrong.firstErrorLine());
  }

  @Test
  void score_negativeDiscount_isAUsageError() throws IOException {
    Cli.Result r =
        Cli.run(
            "score", dir.resolve("s.csv"), "-p", dir.resolve("m.properties"), "--discount", "-0.5");
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: --discount must be a finite rate >= 0 per period, was -0.5 (a negative rate would"
            + " make later value worth more than value now)",
        r.firstErrorLine());
  }
}
