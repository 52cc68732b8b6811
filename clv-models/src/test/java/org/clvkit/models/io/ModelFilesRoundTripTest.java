package org.clvkit.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.Model;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgbb.BgBbFitter;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.sbg.SbgModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving and loading gives back the same model: the same parameters, fit report and provenance, and
 * the same predictions bit for bit, for every model type, fitted and given.
 */
class ModelFilesRoundTripTest {
  private static final Provenance PROVENANCE =
      new Provenance("week", Instant.parse("2026-11-23T10:15:30Z"));

  private static <M extends Model> M roundTrip(M model, Class<M> type) {
    String text = ModelFiles.toText(model, PROVENANCE);
    SavedModel<M> saved = ModelFiles.fromText(text, type);
    assertEquals(PROVENANCE, saved.provenance());
    assertEquals(ModelFiles.FORMAT_VERSION, saved.formatVersion());
    assertEquals(ModelFiles.libraryVersion(), saved.libraryVersion());
    assertEquals(text, ModelFiles.toText(saved.model(), PROVENANCE), "saving again");
    return saved.model();
  }

  private static void assertSamePurchaseModel(
      PurchaseModel expected, PurchaseModel actual, boolean discrete) {
    assertEquals(expected.getClass(), actual.getClass());
    assertArrayEquals(expected.parameterValues(), actual.parameterValues());
    assertEquals(expected.fitReport(), actual.fitReport());
    assertArrayEquals(Predictions.of(expected, discrete), Predictions.of(actual, discrete));
  }

  @Test
  void roundTrip_bgnbdFittedPredictsBitForBit() {
    BgNbdModel loaded = roundTrip(SampleModels.BGNBD_FITTED, BgNbdModel.class);
    assertSamePurchaseModel(SampleModels.BGNBD_FITTED, loaded, false);
    assertEquals(2357.0, loaded.fitReport().orElseThrow().customers());
  }

  @Test
  void roundTrip_bgnbdGivenPredictsBitForBit() {
    BgNbdModel loaded = roundTrip(SampleModels.BGNBD_GIVEN, BgNbdModel.class);
    assertSamePurchaseModel(SampleModels.BGNBD_GIVEN, loaded, false);
    assertTrue(loaded.fitReport().isEmpty());
  }

  @Test
  void roundTrip_mbgnbdFittedPredictsBitForBit() {
    MbgNbdModel loaded = roundTrip(SampleModels.MBGNBD_FITTED, MbgNbdModel.class);
    assertSamePurchaseModel(SampleModels.MBGNBD_FITTED, loaded, false);
  }

  @Test
  void roundTrip_mbgnbdGivenPredictsBitForBit() {
    MbgNbdModel loaded = roundTrip(SampleModels.MBGNBD_GIVEN, MbgNbdModel.class);
    assertSamePurchaseModel(SampleModels.MBGNBD_GIVEN, loaded, false);
  }

  @Test
  void roundTrip_paretonbdFittedPredictsBitForBit() {
    ParetoNbdModel loaded = roundTrip(SampleModels.PARETONBD_FITTED, ParetoNbdModel.class);
    assertSamePurchaseModel(SampleModels.PARETONBD_FITTED, loaded, false);
  }

  @Test
  void roundTrip_paretonbdGivenPredictsBitForBit() {
    ParetoNbdModel loaded = roundTrip(SampleModels.PARETONBD_GIVEN, ParetoNbdModel.class);
    assertSamePurchaseModel(SampleModels.PARETONBD_GIVEN, loaded, false);
  }

  /** The Gamma-Gamma model also keeps the number of customers its fit left out. */
  @Test
  void roundTrip_gammaGammaFittedPredictsBitForBit() {
    GammaGammaModel model = SampleModels.GAMMAGAMMA_FITTED;
    GammaGammaModel loaded = roundTrip(model, GammaGammaModel.class);
    assertEquals(model.parameters(), loaded.parameters());
    assertEquals(model.fitReport(), loaded.fitReport());
    assertEquals(1411.0, loaded.customersLeftOut());
    assertArrayEquals(Predictions.of(model), Predictions.of(loaded));
  }

  @Test
  void roundTrip_gammaGammaGivenPredictsBitForBit() {
    GammaGammaModel loaded = roundTrip(SampleModels.GAMMAGAMMA_GIVEN, GammaGammaModel.class);
    assertEquals(SampleModels.GAMMAGAMMA_GIVEN.parameters(), loaded.parameters());
    assertTrue(loaded.fitReport().isEmpty());
    assertArrayEquals(Predictions.of(SampleModels.GAMMAGAMMA_GIVEN), Predictions.of(loaded));
  }

  @Test
  void roundTrip_bgbbFittedPredictsBitForBit() {
    BgBbModel model = SampleModels.BGBB_FITTED;
    BgBbModel loaded = roundTrip(model, BgBbModel.class);
    assertSamePurchaseModel(model, loaded, true);
    assertEquals(4, loaded.fitReport().orElseThrow().estimates().size());
  }

  @Test
  void roundTrip_bgbbGivenPredictsBitForBit() {
    BgBbModel loaded = roundTrip(SampleModels.BGBB_GIVEN, BgBbModel.class);
    assertSamePurchaseModel(SampleModels.BGBB_GIVEN, loaded, true);
    assertTrue(loaded.fitReport().isEmpty());
  }

  @Test
  void roundTrip_sbgFittedPredictsBitForBit() {
    SbgModel loaded = roundTrip(SampleModels.SBG_FITTED, SbgModel.class);
    assertEquals(SampleModels.SBG_FITTED.parameters(), loaded.parameters());
    assertEquals(SampleModels.SBG_FITTED.fitReport(), loaded.fitReport());
    assertArrayEquals(Predictions.of(SampleModels.SBG_FITTED), Predictions.of(loaded));
  }

  @Test
  void roundTrip_sbgGivenPredictsBitForBit() {
    SbgModel loaded = roundTrip(SampleModels.SBG_GIVEN, SbgModel.class);
    assertEquals(SampleModels.SBG_GIVEN.parameters(), loaded.parameters());
    assertTrue(loaded.fitReport().isEmpty());
    assertArrayEquals(Predictions.of(SampleModels.SBG_GIVEN), Predictions.of(loaded));
  }

  /** A fit that did not converge has diagnostics but no estimates; both survive. */
  @Test
  void roundTrip_nonConvergedFitKeepsItsDiagnostics() {
    BgBbModel model =
        BgBbFitter.create()
            .withSettings(
                FitSettings.DEFAULT.withStarts(1).withMaxIterations(1).withAllowNonConverged(true))
            .fit(SampleModels.donations());
    FitReport report = model.fitReport().orElseThrow();
    assertFalse(report.converged());
    assertTrue(report.estimates().isEmpty());
    assertEquals(FitStatus.NOT_CONVERGED, report.diagnostics().status());
    BgBbModel loaded = roundTrip(model, BgBbModel.class);
    assertEquals(report, loaded.fitReport().orElseThrow());
    assertSamePurchaseModel(model, loaded, true);
  }

  /** An interface the model implements may be asked for: any purchase model, or any model. */
  @Test
  void fromText_acceptsAnInterfaceOfTheModel() {
    String text = ModelFiles.toText(SampleModels.BGBB_GIVEN, PROVENANCE);
    PurchaseModel model = ModelFiles.fromText(text, PurchaseModel.class).model();
    assertArrayEquals(SampleModels.BGBB_GIVEN.parameterValues(), model.parameterValues());
    SavedModel<Model> any = ModelFiles.fromText(text, Model.class);
    assertEquals("BG/BB", any.modelType());
    assertTrue(any.model() instanceof BgBbModel);
  }

  /** Text values with spaces, separators, escapes, line breaks and non-ASCII survive. */
  @Test
  void roundTrip_awkwardTextSurvivesAndStaysAscii() {
    String unit = "  Woche = 7 Tage: #1 \\ \"Kalender\"\n\tŁódź ✓";
    Provenance provenance = new Provenance(unit, Instant.parse("2026-01-31T12:00:00.123Z"));
    String text = ModelFiles.toText(SampleModels.BGBB_GIVEN, provenance);
    assertTrue(text.chars().allMatch(c -> c < 0x80), "ASCII only");
    assertEquals(provenance, ModelFiles.fromText(text, BgBbModel.class).provenance());
  }

  /** Files are plain java.util.Properties: Properties reads every key to the same value. */
  @Test
  void toText_isReadByJavaUtilProperties() throws IOException {
    String unit = "  Woche = 7 Tage: #1 \\ \n\tŁódź";
    Provenance provenance = new Provenance(unit, Instant.parse("2026-01-31T12:00:00Z"));
    String text = ModelFiles.toText(SampleModels.BGBB_FITTED, provenance);
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    assertEquals(unit, properties.getProperty("provenance.timeUnit"));
    assertEquals("BG/BB", properties.getProperty("model.type"));
    assertEquals(
        SampleModels.BGBB_FITTED.parameters().alpha(),
        Double.parseDouble(properties.getProperty("model.parameter.alpha")));
    long keyLines = text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).count();
    assertEquals(keyLines, properties.size());
  }

  /** Keys are written in sorted order, between the fixed first and last lines. */
  @Test
  void toText_writesSortedKeysBetweenHeaderAndTrailer() {
    String text = ModelFiles.toText(SampleModels.BGBB_FITTED, PROVENANCE);
    List<String> lines = text.lines().toList();
    assertEquals(ModelFiles.HEADER, lines.get(0));
    assertEquals(ModelFiles.TRAILER, lines.get(lines.size() - 1));
    List<String> keys =
        lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.split(" = ")[0]).toList();
    assertEquals(keys.stream().sorted().toList(), keys);
    assertTrue(text.endsWith(ModelFiles.TRAILER + "\n"));
  }

  @Test
  void saveAndLoad_throughAFile(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("donations-bgbb.properties");
    ModelFiles.save(SampleModels.BGBB_FITTED, PROVENANCE, file);
    ModelFiles.save(SampleModels.BGBB_FITTED, PROVENANCE, file); // replaces
    SavedModel<BgBbModel> saved = ModelFiles.load(file, BgBbModel.class);
    assertSamePurchaseModel(SampleModels.BGBB_FITTED, saved.model(), true);
    assertEquals(ModelFiles.toText(SampleModels.BGBB_FITTED, PROVENANCE), Files.readString(file));
    try (var files = Files.list(directory)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void saveAndLoad_throughAWriterAndAReader() throws IOException {
    StringWriter out = new StringWriter();
    ModelFiles.save(SampleModels.SBG_FITTED, PROVENANCE, out);
    SavedModel<SbgModel> saved = ModelFiles.load(new StringReader(out.toString()), SbgModel.class);
    assertEquals(SampleModels.SBG_FITTED.fitReport(), saved.model().fitReport());
  }

  /** Files edited on Windows (CRLF line ends, a byte-order mark) load the same. */
  @Test
  void fromText_acceptsCrLfAndAByteOrderMark() {
    String text = ModelFiles.toText(SampleModels.BGBB_FITTED, PROVENANCE);
    String windows = "\uFEFF" + text.replace("\n", "\r\n");
    assertSamePurchaseModel(
        SampleModels.BGBB_FITTED, ModelFiles.fromText(windows, BgBbModel.class).model(), true);
  }

  /** The version comes from the build (resource filtering of the project version). */
  @Test
  void libraryVersion_isTheProjectVersion() {
    assertTrue(
        Pattern.matches("[0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?", ModelFiles.libraryVersion()),
        ModelFiles.libraryVersion());
  }

  @Test
  void provenance_nowIsToTheSecond() {
    Provenance now = Provenance.now("day");
    assertEquals(0, now.fitDate().getNano());
    assertEquals("day", now.timeUnit());
  }
}
