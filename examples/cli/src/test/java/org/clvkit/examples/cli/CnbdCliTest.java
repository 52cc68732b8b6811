package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code clv fit -m mbgcnbd,bgcnbd}: the summary's litt column chooses k. */
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
