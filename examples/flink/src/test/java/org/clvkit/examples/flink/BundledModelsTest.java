package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model files bundled as the job's default ({@code src/main/resources/cdnow/}) and the ways
 * {@link ModelLoading} gets models: bundled files, files named on the command line, parameters.
 */
class BundledModelsTest {
  private static final String REGENERATE =
      " (if the fitting code changed on purpose, regenerate the bundled files as"
          + " src/main/resources/cdnow/README.md says)";

  static FitCdnowModels.Models fresh;

  @BeforeAll
  static void fitAfresh() {
    fresh = FitCdnowModels.fit(CdnowLog.bundled());
  }

  private static void checkSame(String what, double[] expected, double[] actual, Tolerance t) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      t.check(what + "[" + i + "]", expected[i], actual[i]);
    }
  }

  @Test
  void bundledFiles_holdTheParametersOfAFreshFit() {
    BgNbdModel bgNbd = ModelLoading.bundledBgNbd();
    GammaGammaModel gammaGamma = ModelLoading.bundledGammaGamma();
    Tolerance t = Tolerance.relative(1e-9);
    checkSame(
        "BG/NBD r, alpha, a, b" + REGENERATE,
        fresh.purchases().parameterValues(),
        bgNbd.parameterValues(),
        t);
    checkSame(
        "Gamma-Gamma p, q, gamma" + REGENERATE,
        array(fresh.spend().parameters()),
        array(gammaGamma.parameters()),
        t);
    assertEquals(2357.0, bgNbd.fitReport().orElseThrow().customers());
    assertEquals(946.0, gammaGamma.fitReport().orElseThrow().customers());
    assertEquals(1411.0, gammaGamma.customersLeftOut());
  }

  /**
   * The published estimates: BG/NBD r, α, a, b = 0.2426, 4.4136, 0.7929, 2.4259 to their 4 decimals
   * (Fader, Hardie and Lee 2005, section 7); Gamma-Gamma p, q, γ = 6.25, 3.74, 15.44 to the 2
   * decimals of Fader and Hardie (2013), "The Gamma-Gamma model of monetary value".
   */
  /**
   * Every continuous purchase model type of the registry: its bundled file holds the parameters of
   * a fresh fit on the sample (relative 1e-9; the Markov chain Monte Carlo of the Pareto/NBD (HB)
   * is seeded, so its fresh fit is the same draws), or, without a file, its fit on the sample fails
   * — so no type the sample supports lacks a file.
   */
  @Test
  void bundledFiles_oneForEveryContinuousTypeWhoseFitSucceeds() {
    List<String> bundled = new ArrayList<>();
    for (ModelType<? extends ContinuousPurchaseModel> type :
        ModelTypes.all(ContinuousPurchaseModel.class)) {
      if (ModelLoading.bundledTypes().contains(type)) {
        ContinuousPurchaseModel file = ModelLoading.bundled(type);
        FitCdnowModels.Models fit = FitCdnowModels.fit(CdnowLog.bundled(), type);
        checkSame(
            type.name() + " " + type.parameterNames() + REGENERATE,
            fit.purchases().parameterValues(),
            file.parameterValues(),
            Tolerance.relative(1e-9));
        assertEquals(2357.0, file.fitReport().orElseThrow().customers(), type.id());
        bundled.add(type.id());
      } else {
        assertThrows(
            FitFailedException.class,
            () -> FitCdnowModels.fit(CdnowLog.bundled(), type),
            type + " has no bundled file but fits on the sample" + REGENERATE);
      }
    }
    assertEquals(
        List.of("bgnbd", "mbgnbd", "pnbd", "nbd", "mbgcnbd", "bgcnbd", "pnbd-hb"), bundled);
  }

  @Test
  void bundledFiles_agreeWithThePublishedEstimates() {
    checkSame(
        "BG/NBD r, alpha, a, b",
        ModelLoading.CDNOW_BG_NBD.toArray(),
        ModelLoading.bundledBgNbd().parameterValues(),
        Tolerance.absolute(0.5e-4 + 1e-12));
    checkSame(
        "Gamma-Gamma p, q, gamma",
        new double[] {6.25, 3.74, 15.44},
        array(ModelLoading.bundledGammaGamma().parameters()),
        Tolerance.absolute(0.005 + 1e-12));
  }

  @Test
  void save_writesFilesThatLoadAsTheFittedModels(@TempDir Path dir) throws Exception {
    FitCdnowModels.Models saved = FitCdnowModels.save(dir);
    BgNbdModel bgNbd = ModelLoading.bgNbd(dir.resolve(FitCdnowModels.BG_NBD_FILE));
    GammaGammaModel gammaGamma =
        ModelLoading.gammaGamma(dir.resolve(FitCdnowModels.GAMMA_GAMMA_FILE));
    assertEquals(BgNbdModel.TYPE.cast(saved.purchases()).parameters(), bgNbd.parameters());
    assertEquals(saved.purchases().fitReport(), bgNbd.fitReport());
    assertEquals(saved.spend().parameters(), gammaGamma.parameters());
    assertEquals(saved.spend().fitReport(), gammaGamma.fitReport());
    checkSame(
        "fresh fit",
        fresh.purchases().parameterValues(),
        bgNbd.parameterValues(),
        Tolerance.ulps(0));
  }

  @Test
  void fitCdnowModels_rejectsBadArguments(@TempDir Path dir) throws Exception {
    assertRejects(
        "args must be an output directory and optionally a model id, was 0 arguments",
        () -> FitCdnowModels.main(new String[0]));
    Path file = Files.writeString(dir.resolve("file.txt"), "");
    assertRejects(
        "directory must be an existing directory, was " + file, () -> FitCdnowModels.save(file));
  }

  @Test
  void load_withoutModelOptionsUsesTheBundledFiles() throws Exception {
    CustomerLifetimeValue value = ModelLoading.load(JobArguments.parse("--margin", "0.25"));
    assertEquals(0.25, value.margin());
    assertEquals(ModelLoading.bundledBgNbd().parameters(), parameters(value));
    assertEquals(ModelLoading.bundledGammaGamma().parameters(), value.spendModel().parameters());
  }

  @Test
  void load_readsTheModelFilesNamedOnTheCommandLine(@TempDir Path dir) throws Exception {
    BgNbdParameters b = new BgNbdParameters(0.3, 5, 0.6, 2);
    GammaGammaParameters g = new GammaGammaParameters(5, 4, 12);
    Path bFile = dir.resolve("b.properties");
    Path gFile = dir.resolve("g.properties");
    ModelFiles.save(BgNbdModel.of(b), provenance("weeks"), bFile);
    ModelFiles.save(GammaGammaModel.of(g), provenance("none"), gFile);
    CustomerLifetimeValue value =
        ModelLoading.load(
            JobArguments.parse(
                "--bgnbd-model", bFile.toString(), "--gamma-gamma-model", gFile.toString()));
    assertEquals(b, parameters(value));
    assertEquals(g, value.spendModel().parameters());
    assertEquals(1.0, value.margin());
  }

  @Test
  void load_takesParametersAsTheAlternative() throws Exception {
    CustomerLifetimeValue value =
        ModelLoading.load(JobArguments.parse("--bgnbd", "0.3,5,0.6,2", "--gamma-gamma", "5,4,12"));
    assertEquals(new BgNbdParameters(0.3, 5, 0.6, 2), parameters(value));
    assertEquals(new GammaGammaParameters(5, 4, 12), value.spendModel().parameters());
    assertEquals(
        ModelLoading.CDNOW_BG_NBD,
        parameters(
            ModelLoading.fromParameters(
                ModelLoading.CDNOW_BG_NBD, ModelLoading.CDNOW_GAMMA_GAMMA, 1)));
  }

  @Test
  void load_refusesAFileOfAnotherModelType(@TempDir Path dir) throws Exception {
    Path gFile = dir.resolve("g.properties");
    ModelFiles.save(ModelLoading.bundledGammaGamma(), provenance("week"), gFile);
    ModelFileException e =
        assertThrows(
            ModelFileException.class,
            () -> ModelLoading.load(JobArguments.parse("--bgnbd-model", gFile.toString())));
    assertSame(ModelFileException.Problem.WRONG_TYPE, e.problem());
    assertEquals(
        "--bgnbd-model "
            + gFile
            + ": wrong model type: asked for BgNbdModel, the file holds model type Gamma-Gamma"
            + " (GammaGammaModel)",
        e.getMessage());
    Path bFile = dir.resolve("b.properties");
    ModelFiles.save(ModelLoading.bundledBgNbd(), provenance("week"), bFile);
    assertRejects(
        "--gamma-gamma-model "
            + bFile
            + ": wrong model type: asked for GammaGammaModel, the file holds model type BG/NBD"
            + " (BgNbdModel)",
        () -> ModelLoading.gammaGamma(bFile));
  }

  @Test
  void load_refusesABgNbdModelInOtherPeriods(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("daily.properties");
    ModelFiles.save(BgNbdModel.of(ModelLoading.CDNOW_BG_NBD), provenance("day"), file);
    assertRejects(
        "--bgnbd-model "
            + file
            + ": the model's period must be week, as the job scores in weeks, was \"day\"",
        () -> ModelLoading.bgNbd(file));
  }

  @Test
  void load_reportsAMissingFile(@TempDir Path dir) {
    Path file = dir.resolve("missing.properties");
    assertThrows(
        NoSuchFileException.class,
        () -> ModelLoading.load(JobArguments.parse("--gamma-gamma-model", file.toString())));
    assertRejects("arguments must not be null", () -> ModelLoading.load(null));
    assertRejects(
        "purchases must not be null",
        () -> ModelLoading.fromParameters(null, ModelLoading.CDNOW_GAMMA_GAMMA, 1));
    assertRejects(
        "spend must not be null",
        () -> ModelLoading.fromParameters(ModelLoading.CDNOW_BG_NBD, null, 1));
  }

  private static Provenance provenance(String timeUnit) {
    return new Provenance(timeUnit, Instant.parse("2026-01-31T12:00:00Z"));
  }

  private static double[] array(GammaGammaParameters g) {
    return new double[] {g.p(), g.q(), g.gamma()};
  }

  private static BgNbdParameters parameters(CustomerLifetimeValue value) {
    return BgNbdParameters.of(value.purchaseModel().parameterValues());
  }
}
