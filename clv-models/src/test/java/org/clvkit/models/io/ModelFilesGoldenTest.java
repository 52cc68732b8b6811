package org.clvkit.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.clvkit.models.FitReport;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.sbg.SbgModel;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Files written by earlier versions keep loading: the golden files in {@code
 * src/test/resources/golden/} (see the README there) were written once, in format 1, and must never
 * be rewritten. Each must load with its values; the current writer must still produce them (apart
 * from the lines naming the clvkit version), or the format version must change.
 */
class ModelFilesGoldenTest {
  private static final Instant GOLDEN_DATE = Instant.parse("2026-11-23T00:00:00Z");

  static String golden(String name) {
    try (InputStream in = ModelFilesGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file /golden/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <M> SavedModel<M> load(String name, Class<M> type) {
    SavedModel<M> saved = ModelFiles.fromText(golden(name), type);
    assertEquals(1, saved.formatVersion());
    assertEquals("0.1.0-SNAPSHOT", saved.libraryVersion());
    assertEquals(GOLDEN_DATE, saved.provenance().fitDate());
    return saved;
  }

  /** Writing the loaded model again gives the golden text, the version lines aside. */
  private static void assertWriterStillProduces(String name, Object model, Provenance provenance) {
    List<String> golden = golden(name).lines().toList();
    List<String> written = ModelFiles.toText(model, provenance).lines().toList();
    assertEquals(golden.size(), written.size(), name);
    for (int i = 0; i < golden.size(); i++) {
      if (!golden.get(i).startsWith("clvkit.version = ")
          && !golden.get(i).contains("written by clvkit")) {
        assertEquals(golden.get(i), written.get(i), name + " line " + (i + 1));
      }
    }
  }

  /**
   * The BG/BB fit on the donor cohort: parameters within 0.2 % of Fader, Hardie &amp; Shang (2010)
   * and the log-likelihood within 0.01 ({@code bgbb_donations_fit.csv}), 11,104 donors in 22
   * patterns, standard errors present.
   */
  @Test
  void golden_bgbbDonationsFittedLoads() {
    SavedModel<BgBbModel> saved = load("bgbb-donations-fitted.v1.properties", BgBbModel.class);
    assertEquals("BG/BB", saved.modelType());
    assertEquals("year (donation opportunity)", saved.provenance().timeUnit());
    BgBbModel model = saved.model();
    ReferenceTable table = ReferenceTable.load("bgbb_donations_fit.csv");
    String[] names = {"alpha", "beta", "gamma", "delta"};
    for (int i = 0; i < 4; i++) {
      Tolerance.relative(0.002)
          .check(
              names[i],
              table.number(table.find("quantity", names[i]), "value"),
              model.parameterValues()[i]);
    }
    FitReport report = model.fitReport().orElseThrow();
    Tolerance.absolute(0.01)
        .check(
            "log-likelihood",
            table.number(table.find("quantity", "log_likelihood"), "value"),
            report.diagnostics().logLikelihood());
    assertTrue(report.converged());
    assertEquals(11_104.0, report.customers());
    assertEquals(22, report.patterns());
    assertEquals(4, report.estimates().size());
    assertWriterStillProduces("bgbb-donations-fitted.v1.properties", model, saved.provenance());
  }

  @Test
  void golden_bgbbGivenLoads() {
    SavedModel<BgBbModel> saved = load("bgbb-given.v1.properties", BgBbModel.class);
    assertArrayEquals(new double[] {1.204, 0.750, 0.657, 2.783}, saved.model().parameterValues());
    assertTrue(saved.model().fitReport().isEmpty());
    assertEquals("year", saved.provenance().timeUnit());
    assertWriterStillProduces("bgbb-given.v1.properties", saved.model(), saved.provenance());
  }

  /**
   * The sBG fit to the "regular" segment, years 1–7: α, β within 0.5 % of Fader &amp; Hardie
   * (2007), 0.704 and 1.182 ({@code sbg_fader_hardie_2007_fit.csv}).
   */
  @Test
  void golden_sbgRegularFittedLoads() {
    SavedModel<SbgModel> saved = load("sbg-regular-fitted.v1.properties", SbgModel.class);
    assertEquals("sBG", saved.modelType());
    SbgModel model = saved.model();
    ReferenceTable table = ReferenceTable.load("sbg_fader_hardie_2007_fit.csv");
    int regular = table.find("segment", "regular");
    Tolerance.relative(0.005)
        .check("alpha", table.number(regular, "alpha"), model.parameters().alpha());
    Tolerance.relative(0.005)
        .check("beta", table.number(regular, "beta"), model.parameters().beta());
    assertEquals(1000.0, model.fitReport().orElseThrow().customers());
    assertWriterStillProduces("sbg-regular-fitted.v1.properties", model, saved.provenance());
  }

  @Test
  void golden_sbgGivenLoads() {
    SavedModel<SbgModel> saved = load("sbg-given.v1.properties", SbgModel.class);
    assertArrayEquals(new double[] {3.80, 15.20}, saved.model().parameterValues());
    assertTrue(saved.model().fitReport().isEmpty());
    assertWriterStillProduces("sbg-given.v1.properties", saved.model(), saved.provenance());
  }
}
