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
import org.clvkit.models.Model;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
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

  private static <M extends Model> SavedModel<M> load(String name, Class<M> type) {
    SavedModel<M> saved = ModelFiles.fromText(golden(name), type);
    assertEquals(1, saved.formatVersion());
    assertEquals("0.1.0-SNAPSHOT", saved.libraryVersion());
    assertEquals(GOLDEN_DATE, saved.provenance().fitDate());
    return saved;
  }

  /** Writing the loaded model again gives the golden text, the version lines aside. */
  private static void assertWriterStillProduces(String name, Model model, Provenance provenance) {
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
   * Checks a fitted CDNOW model against a reference table with columns {@code
   * quantity,value,kind,tolerance}: each parameter and the log-likelihood (row {@code
   * log_likelihood} or {@code logLikelihood}) with the row's own tolerance.
   */
  private static void assertMatchesTable(
      String file, String logLikelihoodRow, PurchaseModel model) {
    ReferenceTable table = ReferenceTable.load(file);
    FitReport report = model.fitReport().orElseThrow();
    for (int i = 0; i < model.parameterNames().size(); i++) {
      String name = model.parameterNames().get(i);
      int row = table.find("quantity", name);
      tolerance(table, row).check(name, table.number(row, "value"), model.parameterValues()[i]);
    }
    int row = table.find("quantity", logLikelihoodRow);
    tolerance(table, row)
        .check("log-likelihood", table.number(row, "value"), report.diagnostics().logLikelihood());
    assertTrue(report.converged());
    assertEquals(2357.0, report.customers());
  }

  private static Tolerance tolerance(ReferenceTable table, int row) {
    double bound = table.number(row, "tolerance");
    return table.text(row, "kind").equals("relative")
        ? Tolerance.relative(bound)
        : Tolerance.absolute(bound);
  }

  /** BG/NBD on CDNOW: Fader, Hardie &amp; Lee (2005), {@code bgnbd_cdnow_fit.csv}. */
  @Test
  void golden_bgnbdCdnowFittedLoads() {
    SavedModel<BgNbdModel> saved = load("bgnbd-cdnow-fitted.v1.properties", BgNbdModel.class);
    assertEquals("BG/NBD", saved.modelType());
    assertEquals("week", saved.provenance().timeUnit());
    assertMatchesTable("bgnbd_cdnow_fit.csv", "log_likelihood", saved.model());
    assertWriterStillProduces(
        "bgnbd-cdnow-fitted.v1.properties", saved.model(), saved.provenance());
  }

  @Test
  void golden_bgnbdGivenLoads() {
    SavedModel<BgNbdModel> saved = load("bgnbd-given.v1.properties", BgNbdModel.class);
    assertArrayEquals(new double[] {0.243, 4.414, 0.793, 2.426}, saved.model().parameterValues());
    assertTrue(saved.model().fitReport().isEmpty());
    assertWriterStillProduces("bgnbd-given.v1.properties", saved.model(), saved.provenance());
  }

  /** MBG/NBD on CDNOW: BTYDplus, {@code mbgnbd_cdnow_fit.csv}. */
  @Test
  void golden_mbgnbdCdnowFittedLoads() {
    SavedModel<MbgNbdModel> saved = load("mbgnbd-cdnow-fitted.v1.properties", MbgNbdModel.class);
    assertEquals("MBG/NBD", saved.modelType());
    assertMatchesTable("mbgnbd_cdnow_fit.csv", "log_likelihood", saved.model());
    assertWriterStillProduces(
        "mbgnbd-cdnow-fitted.v1.properties", saved.model(), saved.provenance());
  }

  /** Pareto/NBD on CDNOW: Fader, Hardie &amp; Lee (2005, JMR), {@code paretonbd_cdnow.csv}. */
  @Test
  void golden_paretonbdCdnowFittedLoads() {
    SavedModel<ParetoNbdModel> saved =
        load("paretonbd-cdnow-fitted.v1.properties", ParetoNbdModel.class);
    assertEquals("Pareto/NBD", saved.modelType());
    assertMatchesTable("paretonbd_cdnow.csv", "logLikelihood", saved.model());
    ReferenceTable table = ReferenceTable.load("paretonbd_cdnow.csv");
    for (var estimate : saved.model().fitReport().orElseThrow().estimates()) {
      int row = table.find("quantity", "se_" + estimate.name());
      tolerance(table, row)
          .check("se " + estimate.name(), table.number(row, "value"), estimate.standardError());
    }
    assertWriterStillProduces(
        "paretonbd-cdnow-fitted.v1.properties", saved.model(), saved.provenance());
  }

  /**
   * Gamma-Gamma on CDNOW's 946 repeat customers (1,411 left out): Fader &amp; Hardie (2013), {@code
   * gamma_gamma_cdnow.csv}, with the table's relative tolerances.
   */
  @Test
  void golden_gammaGammaCdnowFittedLoads() {
    SavedModel<GammaGammaModel> saved =
        load("gammagamma-cdnow-fitted.v1.properties", GammaGammaModel.class);
    assertEquals("Gamma-Gamma", saved.modelType());
    GammaGammaModel model = saved.model();
    ReferenceTable table = ReferenceTable.load("gamma_gamma_cdnow.csv");
    double[] values = {model.parameters().p(), model.parameters().q(), model.parameters().gamma()};
    String[] names = {"p", "q", "gamma"};
    for (int i = 0; i < 3; i++) {
      int row = table.find("quantity", names[i]);
      Tolerance.relative(table.number(row, "relative"))
          .check(names[i], table.number(row, "value"), values[i]);
    }
    int row = table.find("quantity", "logLikelihood");
    Tolerance.absolute(table.number(row, "absolute"))
        .check(
            "log-likelihood",
            table.number(row, "value"),
            model.fitReport().orElseThrow().diagnostics().logLikelihood());
    assertEquals(946.0, model.fitReport().orElseThrow().customers());
    assertEquals(1411.0, model.customersLeftOut());
    assertWriterStillProduces("gammagamma-cdnow-fitted.v1.properties", model, saved.provenance());
  }

  @Test
  void golden_gammaGammaGivenLoads() {
    SavedModel<GammaGammaModel> saved =
        load("gammagamma-given.v1.properties", GammaGammaModel.class);
    assertEquals(new GammaGammaParameters(6.2493, 3.7443, 15.4443), saved.model().parameters());
    assertEquals(0.0, saved.model().customersLeftOut());
    assertTrue(saved.model().fitReport().isEmpty());
    assertWriterStillProduces("gammagamma-given.v1.properties", saved.model(), saved.provenance());
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
