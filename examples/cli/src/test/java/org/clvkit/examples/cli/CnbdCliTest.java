package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.cnbd.BgCnbdModel;
import org.clvkit.models.cnbd.CnbdParameters;
import org.clvkit.models.cnbd.CnbdSimulator;
import org.clvkit.models.cnbd.MbgCnbdModel;
import org.clvkit.models.io.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv fit -m mbgcnbd,bgcnbd}: the summary's litt column chooses k, which the printed reports
 * give as chosen.
 */
class CnbdCliTest {
  @TempDir Path dir;

  /** 3,000 simulated Erlang-2 customers observed 27 to 39 weeks, with or without litt. */
  private Path summary(boolean withLitt) throws IOException {
    double[] ages = new double[3000];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = 27 + 12.0 * i / ages.length;
    }
    CnbdSimulator simulator = CnbdSimulator.mbgCnbd(new CnbdParameters(2, 1.2, 4.0, 0.6, 2.5), 7);
    CustomerHistories h = simulator.histories(ages);
    double[] litt = simulator.litt(ages);
    StringBuilder csv =
        new StringBuilder(withLitt ? "frequency,recency,age,litt\n" : "frequency,recency,age\n");
    for (int i = 0; i < ages.length; i++) {
      csv.append(
          String.format(
              Locale.ROOT,
              withLitt ? "%s,%s,%s,%s%n" : "%s,%s,%s%n",
              h.frequency(i),
              h.recency(i),
              h.age(i),
              litt[i]));
    }
    Path file = dir.resolve(withLitt ? "with-litt.csv" : "without-litt.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void fit_withLittColumn_choosesKAndSavesBothModels() throws IOException {
    Cli.Result r = Cli.run("fit", summary(true), "-m", "mbgcnbd,bgcnbd", "-o", dir);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(r.out().startsWith("MBG/CNBD-k fitted on 3000 customers"), r::toString);
    MbgCnbdModel mbg =
        ModelFiles.load(dir.resolve("mbgcnbd.properties"), MbgCnbdModel.class).model();
    BgCnbdModel bg = ModelFiles.load(dir.resolve("bgcnbd.properties"), BgCnbdModel.class).model();
    assertEquals(2, mbg.k(), r::toString);
    assertEquals(2, bg.k(), r::toString);
    // k is chosen, not estimated: printed as such, not with standard error 0 and [2, 2].
    assertTrue(
        r.out().contains("\nk = 2 (chosen by likelihood over 1..12; no standard error)\n"),
        r::toString);
    assertFalse(r.out().lines().anyMatch(line -> line.matches("k\\s+2\\s+0\\s.*")), r::toString);
    assertTrue(r.out().lines().anyMatch(line -> line.matches("alpha\\s+\\S+\\s+\\S+.*")));
  }

  /**
   * {@code clv report -m mbgcnbd} on the bundled CDNOW log (whose summary carries litt): the fit
   * printed and the report's parameter table give k as chosen, in English and in Chinese.
   */
  @Test
  void report_mbgcnbd_printsKAsChosenInBothLanguages() {
    Path english = dir.resolve("en");
    Cli.Result r = Cli.run("report", "-o", english, "--progress", "never", "-m", "mbgcnbd");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(
        r.out().contains("\nk = 1 (chosen by likelihood over 1..12; no standard error)\n"),
        r::toString);
    String html = Cli.read(english.resolve("report.html"));
    assertTrue(
        html.contains("<tr><td>k</td><td>1</td><td>none: chosen by likelihood over 1..12</td>"),
        html);
    Path chinese = dir.resolve("zh");
    Cli.Result zh =
        Cli.run("report", "-o", chinese, "--progress", "never", "-m", "mbgcnbd", "--lang", "zh-CN");
    assertEquals(ExitCodes.OK, zh.code(), zh::toString);
    String zhHtml = Cli.read(chinese.resolve("report.html"));
    assertTrue(zhHtml.contains("<tr><td>k</td><td>1</td><td>无：按似然在 1..12 中选定</td>"), zhHtml);
  }

  @Test
  void fit_withoutLittColumn_namesTheMissingColumn() throws IOException {
    Path file = summary(false);
    Cli.Result r = Cli.run("fit", file, "-m", "mbgcnbd", "-o", dir);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + file
            + ": the mbgcnbd model needs a litt column (each customer's sum of log inter-purchase"
            + " times, to choose k), and the file has none: add a column named litt or name it"
            + " with --litt-column",
        r.firstErrorLine());
  }
}
