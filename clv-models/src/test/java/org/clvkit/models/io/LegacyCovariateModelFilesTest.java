package org.clvkit.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.clvkit.models.Model;
import org.clvkit.models.bgnbd.BgNbdCovariateModel;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel;
import org.clvkit.models.sbg.SbgCovariateModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Covariate model files of the first covariate format, written by main's {@code
 * ModelFiles.saveCovariateModel} at 6ed2ac1 (golden/README.md), load through the one {@link
 * ModelFiles#load} path with every value bit for bit, and save again in format 1.
 */
class LegacyCovariateModelFilesTest {

  private static String golden(String name) throws IOException {
    try (InputStream in =
        LegacyCovariateModelFilesTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void load_fittedParetoNbdWithAConstrainedAndAnEncodedCovariate(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("old.properties");
    Files.writeString(file, golden("pnbd-covariates-fitted.legacy.properties"));
    SavedModel<ParetoNbdCovariateModel> saved =
        ModelFiles.load(file, ParetoNbdCovariateModel.class);
    ParetoNbdCovariateModel model = saved.model();
    assertEquals("Pareto/NBD with static covariates", saved.modelType());
    assertEquals(new Provenance("week", Instant.parse("2026-12-06T11:00:00Z")), saved.provenance());
    assertEquals(
        List.of(
            "r",
            "alpha0",
            "s",
            "beta0",
            "purchase.gender=m",
            "purchase.age",
            "dropout.gender=m",
            "dropout.age"),
        model.parameterNames());
    // The values as the file writes them (Double.toString), bit for bit.
    assertArrayEquals(
        new double[] {
          0.5514490279435205,
          10.454402795177455,
          0.6975518533688515,
          12.683423723176961,
          0.41003819137427355,
          0.200774305545372,
          -0.5448270265743613,
          0.200774305545372
        },
        model.parameterValues(),
        0.0);
    assertEquals(List.of("gender=m", "age"), model.covariateNames());
    assertTrue(model.fitReport().isEmpty());
    assertTrue(model.covariateFitReport().isEmpty());

    // Saved again, it is a format-1 model file that loads to the same model.
    Path again = dir.resolve("new.properties");
    ModelFiles.save(model, saved.provenance(), again);
    assertTrue(Files.readString(again).startsWith(ModelFiles.HEADER + "\n"));
    ParetoNbdCovariateModel back = ModelFiles.load(again, ParetoNbdCovariateModel.class).model();
    assertArrayEquals(model.parameterValues(), back.parameterValues(), 0.0);
    assertEquals(model.parameterNames(), back.parameterNames());
  }

  @Test
  void load_everyCovariateModelOfTheFirstFormat() throws IOException {
    Model bg =
        ModelFiles.fromText(golden("bgnbd-covariates-given.legacy.properties"), Model.class)
            .model();
    assertEquals(BgNbdCovariateModel.class, bg.getClass());
    assertEquals(
        List.of(
            "r",
            "alpha0",
            "a0",
            "b0",
            "purchase.channel=web",
            "dropout.channel=web",
            "dropout.spend"),
        bg.parameterNames());
    assertArrayEquals(
        new double[] {0.24, 4.4, 0.79, 2.4, 0.25, -0.5, 0.125}, bg.parameterValues(), 0.0);

    SavedModel<SbgCovariateModel> sbg =
        ModelFiles.fromText(
            golden("sbg-covariates-given.legacy.properties"), SbgCovariateModel.class);
    assertEquals(List.of("alpha0", "beta0", "alpha.plan"), sbg.model().parameterNames());
    assertArrayEquals(new double[] {0.7, 3.2, 0.3}, sbg.model().parameterValues(), 0.0);
    assertEquals(new Provenance("unknown", Instant.EPOCH), sbg.provenance());

    CovariateModel tv =
        ModelFiles.fromText(
                golden("pnbd-time-varying-given.legacy.properties"), CovariateModel.class)
            .model();
    assertEquals(ParetoNbdTimeVaryingModel.class, tv.getClass());
    assertEquals(
        List.of(
            "r", "alpha0", "s", "beta0", "purchase.campaign", "dropout.campaign", "dropout.season"),
        tv.parameterNames());
    assertArrayEquals(
        new double[] {0.5, 9.0, 0.7, 12.0, 0.6, 0.1, -0.2}, tv.parameterValues(), 0.0);
  }

  @Test
  void load_wrongTypeOfTheFirstFormatIsAWrongType() throws IOException {
    ModelFileException e =
        assertThrows(
            ModelFileException.class,
            () ->
                ModelFiles.fromText(
                    golden("pnbd-covariates-fitted.legacy.properties"), SbgCovariateModel.class));
    assertEquals(ModelFileException.Problem.WRONG_TYPE, e.problem());
    assertEquals(
        "wrong model type: asked for SbgCovariateModel, the file holds model type Pareto/NBD with"
            + " static covariates (ParetoNbdCovariateModel)",
        e.getMessage());
  }
}
