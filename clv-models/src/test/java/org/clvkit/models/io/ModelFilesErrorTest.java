package org.clvkit.models.io;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.CharArrayReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.clvkit.models.Model;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFileException.Problem;
import org.clvkit.models.sbg.SbgModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a model file can be wrong gives its own message and {@link Problem}. The files are the
 * golden files, damaged as described in each test. The given BG/BB file's lines are: 1 header, 2–3
 * comments, 4 clvkit.format, 5 clvkit.version, 6 model.fitted, 7–10 model.parameter.alpha, beta,
 * delta, gamma, 11 model.type, 12 provenance.fitDate, 13 provenance.timeUnit, 14 trailer.
 */
class ModelFilesErrorTest {
  private static final String GIVEN = ModelFilesGoldenTest.golden("bgbb-given.v1.properties");
  private static final String FITTED =
      ModelFilesGoldenTest.golden("bgbb-donations-fitted.v1.properties");

  private static ModelFileException assertFails(
      Problem problem, String message, String text, Class<? extends Model> type) {
    ModelFileException e =
        assertThrows(ModelFileException.class, () -> ModelFiles.fromText(text, type));
    assertEquals(message, e.getMessage());
    assertEquals(problem, e.problem());
    return e;
  }

  private static ModelFileException assertFails(Problem problem, String message, String text) {
    return assertFails(problem, message, text, BgBbModel.class);
  }

  /** The text with the line starting with {@code prefix} replaced. */
  private static String replaceLine(String text, String prefix, String line) {
    int start = text.startsWith(prefix) ? 0 : text.indexOf("\n" + prefix) + 1;
    assertTrue(start > 0, prefix);
    int end = text.indexOf('\n', start);
    return text.substring(0, start) + line + text.substring(end);
  }

  @Test
  void fromText_foreignFile() {
    assertFails(
        Problem.FOREIGN,
        "not a clvkit model file: its first line must be \"# clvkit model file\", was"
            + " \"frequency,recency,periods,weights\"",
        "frequency,recency,periods,weights\n0,0,6,3464\n");
  }

  @Test
  void fromText_emptyFile() {
    assertFails(
        Problem.FOREIGN,
        "not a clvkit model file: its first line must be \"# clvkit model file\", was \"\"",
        "");
  }

  @Test
  void load_hugeInputIsForeign() {
    char[] huge = new char[ModelFiles.MAX_CHARS + 1];
    ModelFileException e =
        assertThrows(
            ModelFileException.class,
            () -> ModelFiles.load(new CharArrayReader(huge), BgBbModel.class));
    assertEquals("not a clvkit model file: it is longer than 1048576 characters", e.getMessage());
    assertEquals(Problem.FOREIGN, e.problem());
  }

  @Test
  void load_binaryFileIsForeign(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("model.bin");
    Files.write(file, new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72});
    ModelFileException e =
        assertThrows(ModelFileException.class, () -> ModelFiles.load(file, BgBbModel.class));
    assertEquals(Problem.FOREIGN, e.problem());
  }

  /** Cut off in the middle of a line. */
  @Test
  void fromText_truncatedInALine() {
    String cut = GIVEN.substring(0, GIVEN.indexOf("model.parameter.beta = 0.75") + 26);
    assertFails(
        Problem.TRUNCATED,
        "truncated model file: its last line must be \"# end of clvkit model file\", was"
            + " \"model.parameter.beta = 0.7\" (line 8)",
        cut);
  }

  /** Cut off at the end of a line: every line read is valid, the closing line is missing. */
  @Test
  void fromText_truncatedAtALineEnd() {
    String cut = GIVEN.substring(0, GIVEN.indexOf("model.type"));
    assertFails(
        Problem.TRUNCATED,
        "truncated model file: its last line must be \"# end of clvkit model file\", was"
            + " \"model.parameter.gamma = 0.657\" (line 10)",
        cut);
  }

  @Test
  void fromText_headerOnly() {
    assertFails(
        Problem.TRUNCATED,
        "truncated model file: its last line must be \"# end of clvkit model file\", was"
            + " \"# clvkit model file\" (line 1)",
        "# clvkit model file\n");
  }

  /** Asking for BG/BB, finding sBG. */
  @Test
  void fromText_wrongModelType() {
    assertFails(
        Problem.WRONG_TYPE,
        "wrong model type: asked for BgBbModel, the file holds model type sBG (SbgModel)",
        ModelFilesGoldenTest.golden("sbg-given.v1.properties"));
  }

  /** Asking for BG/NBD, finding Pareto/NBD. */
  @Test
  void fromText_wrongModelTypeBgNbdForParetoNbd() {
    assertFails(
        Problem.WRONG_TYPE,
        "wrong model type: asked for BgNbdModel, the file holds model type Pareto/NBD"
            + " (ParetoNbdModel)",
        ModelFilesGoldenTest.golden("paretonbd-cdnow-fitted.v1.properties"),
        BgNbdModel.class);
  }

  /** sBG is not a purchase model. */
  @Test
  void fromText_wrongModelTypeForAnInterface() {
    assertFails(
        Problem.WRONG_TYPE,
        "wrong model type: asked for PurchaseModel, the file holds model type sBG (SbgModel)",
        ModelFilesGoldenTest.golden("sbg-regular-fitted.v1.properties"),
        PurchaseModel.class);
  }

  @Test
  void fromText_futureVersion() {
    String future =
        replaceLine(
            replaceLine(GIVEN, "clvkit.format", "clvkit.format = 2"),
            "clvkit.version",
            "clvkit.version = 9.0.0");
    assertFails(
        Problem.FUTURE_VERSION,
        "model file format 2 is newer than this clvkit ("
            + ModelFiles.libraryVersion()
            + ") reads, format 1 or older; the file was written by clvkit 9.0.0",
        future);
  }

  /** A later format may change the lines' syntax; its version is still recognised first. */
  @Test
  void fromText_futureVersionWithNewSyntax() {
    String future =
        replaceLine(GIVEN, "clvkit.format", "clvkit.format = 3")
            .replace("model.fitted = false", "model { fitted: false }");
    assertFails(
        Problem.FUTURE_VERSION,
        "model file format 3 is newer than this clvkit ("
            + ModelFiles.libraryVersion()
            + ") reads, format 1 or older; the file was written by clvkit 0.1.0-SNAPSHOT",
        future);
  }

  @Test
  void fromText_formatVersionZero() {
    assertFails(
        Problem.MALFORMED,
        "clvkit.format (line 4) must be a format version >= 1, was \"0\"",
        replaceLine(GIVEN, "clvkit.format", "clvkit.format = 0"));
  }

  @Test
  void fromText_numberThatDoesNotParse() {
    assertFails(
        Problem.MALFORMED,
        "model.parameter.alpha (line 7) must be a decimal number, was \"1.2x\"",
        replaceLine(GIVEN, "model.parameter.alpha", "model.parameter.alpha = 1.2x"));
  }

  @Test
  void fromText_wholeNumberThatIsNot() {
    assertFails(
        Problem.MALFORMED,
        "fit.patterns (line 27) must be a whole number, was \"22.5\"",
        replaceLine(FITTED, "fit.patterns", "fit.patterns = 22.5"));
  }

  @Test
  void fromText_booleanThatIsNot() {
    assertFails(
        Problem.MALFORMED,
        "model.fitted (line 6) must be true or false, was \"yes\"",
        replaceLine(GIVEN, "model.fitted", "model.fitted = yes"));
  }

  @Test
  void fromText_dateThatDoesNotParse() {
    assertFails(
        Problem.MALFORMED,
        "provenance.fitDate (line 12) must be an ISO-8601 instant such as 2026-01-31T12:00:00Z,"
            + " was \"23.11.2026\"",
        replaceLine(GIVEN, "provenance.fitDate", "provenance.fitDate = 23.11.2026"));
  }

  @Test
  void fromText_unknownModelType() {
    assertFails(
        Problem.MALFORMED,
        "model.type (line 11) must be one of BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, sBG, Gamma-Gamma,"
            + " NBD, GGompertz/NBD, BdW, MBG/CNBD-k, BG/CNBD-k, Pareto/NBD (HB), Pareto/GGG, Pareto/NBD"
            + " with static covariates, BG/NBD with static covariates, sBG with covariates, Pareto/NBD"
            + " with time-varying covariates, was \"BG/XX\"",
        replaceLine(GIVEN, "model.type", "model.type = BG/XX"));
  }

  @Test
  void fromText_missingKey() {
    assertFails(
        Problem.MALFORMED,
        "model file lacks the key model.parameter.delta",
        GIVEN.replace("model.parameter.delta = 2.783\n", ""));
  }

  /** A fitted file without one of its standard errors. */
  @Test
  void fromText_missingKeyOfTheFitReport() {
    assertFails(
        Problem.MALFORMED,
        "model file lacks the key fit.estimate.gamma.standardError",
        FITTED.replaceAll("fit\\.estimate\\.gamma\\.standardError = [^\\n]*\\n", ""));
  }

  @Test
  void fromText_unknownKey() {
    assertFails(
        Problem.MALFORMED,
        "model file has an unknown key model.colour (line 7) for a BG/BB model",
        GIVEN.replace("model.parameter.alpha", "model.colour = blue\nmodel.parameter.alpha"));
  }

  @Test
  void fromText_repeatedKey() {
    assertFails(
        Problem.MALFORMED,
        "model file has the key model.type twice, on lines 11 and 12",
        GIVEN.replace("model.type = BG/BB\n", "model.type = BG/BB\nmodel.type = sBG\n"));
  }

  @Test
  void fromText_lineWithoutKeyAndValue() {
    assertFails(
        Problem.MALFORMED,
        "line 6 must be \"key = value\", a comment or blank, was \"garbage\"",
        replaceLine(GIVEN, "model.fitted", "garbage"));
  }

  @Test
  void fromText_badUnicodeEscape() {
    assertFails(
        Problem.MALFORMED,
        "line 13 has a bad escape \\u12: it must be \\u and 4 hex digits",
        replaceLine(GIVEN, "provenance.timeUnit", "provenance.timeUnit = year\\u12"));
  }

  @Test
  void fromText_loneBackslash() {
    assertFails(
        Problem.MALFORMED,
        "line 13 ends in a lone backslash",
        replaceLine(GIVEN, "provenance.timeUnit", "provenance.timeUnit = year\\"));
  }

  /** Values that parse but that the model or its report rejects. */
  @Test
  void fromText_valueTheModelRejects() {
    ModelFileException e =
        assertFails(
            Problem.MALFORMED,
            "model file holds values the model rejects: alpha must be finite and > 0, was -1.0",
            replaceLine(GIVEN, "model.parameter.alpha", "model.parameter.alpha = -1"));
    assertEquals("alpha must be finite and > 0, was -1.0", e.getCause().getMessage());
  }

  /** A Gamma-Gamma model built from known parameters has left no customers out of a fit. */
  @Test
  void fromText_customersLeftOutWithoutAFit() {
    String text = ModelFilesGoldenTest.golden("gammagamma-given.v1.properties");
    assertFails(
        Problem.MALFORMED,
        "model file holds values the model rejects: customersLeftOut = 5.0 must be 0 for a model"
            + " without a fit",
        replaceLine(text, "model.customersLeftOut", "model.customersLeftOut = 5"),
        GammaGammaModel.class);
  }

  @Test
  void fromText_blankTimeUnit() {
    assertFails(
        Problem.MALFORMED,
        "model file holds values the model rejects: timeUnit must not be blank, was \" \"",
        replaceLine(GIVEN, "provenance.timeUnit", "provenance.timeUnit = \\ "));
  }

  @Test
  void toText_nullProvenance() {
    assertRejects(
        "provenance must not be null", () -> ModelFiles.toText(SampleModels.BGBB_GIVEN, null));
  }

  @Test
  void fromText_nullType() {
    assertRejects("type must not be null", () -> ModelFiles.fromText(GIVEN, null));
  }

  @Test
  void provenance_blankTimeUnit() {
    assertRejects(
        "timeUnit must not be blank, was \" \"", () -> new Provenance(" ", Instant.EPOCH));
  }

  @Test
  void provenance_nullFitDate() {
    assertRejects("fitDate must not be null", () -> new Provenance("week", null));
  }

  @Test
  void savedModel_nullModel() {
    assertRejects(
        "model must not be null",
        () -> new SavedModel<SbgModel>(null, "sBG", 1, "0.1.0", Provenance.now("year")));
  }
}
