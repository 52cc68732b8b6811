package org.clvkit.models.covariates;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clvkit.models.Model;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.sbg.SbgCovariateModel;
import org.clvkit.models.sbg.SbgParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading covariate CSVs, joining them to summaries by id, and covariate model files. */
class CovariateTableTest {
  private static final String CSV =
      "id,spend,channel\n" + "c1,10.5,web\n" + "c2,3,store\n" + "c3,0,phone\n" + "c4,7,web\n";

  private static CovariateTable table() throws IOException {
    return CovariateTable.read(new StringReader(CSV), "cov.csv", "id");
  }

  @Test
  void read_numericAndOneHotWithReferenceLevel() throws IOException {
    CovariateTable t = table();
    assertEquals(List.of("c1", "c2", "c3", "c4"), t.ids());
    assertEquals(List.of("spend", "channel=store", "channel=web"), t.matrix().names());
    assertArrayEquals(
        new double[] {10.5, 0, 1, 3, 1, 0, 0, 0, 0, 7, 0, 1}, t.matrix().rowMajor(), 0.0);
    assertEquals(
        List.of(
            "channel: categorical, 3 levels, reference level phone, indicator columns"
                + " [channel=store, channel=web]"),
        t.encodings());
  }

  @Test
  void alignTo_ordersBySummaryAndCountsDropped() throws IOException {
    CovariateTable.Alignment a = table().alignTo(List.of("c4", "x9", "c1"), true);
    assertArrayEquals(new int[] {0, 2}, a.keptRows());
    assertArrayEquals(new double[] {7, 0, 1, 10.5, 0, 1}, a.covariates().rowMajor(), 0.0);
    assertEquals(List.of("x9"), a.missingCovariates());
    assertEquals(List.of("c2", "c3"), a.missingSummaries());
  }

  @Test
  void alignTo_missingIsAnErrorByDefault() throws IOException {
    CovariateTable t = table();
    assertRejects(
        "1 summary customers have no covariates (first: x9) and 2 covariate ids have no summary"
            + " row (first: c2, c3); drop them explicitly to go on",
        () -> t.alignTo(List.of("c4", "x9", "c1"), false));
  }

  @Test
  void read_rejectsDuplicateIdsBlankCellsAndShortRows() {
    assertRejects(
        "cov.csv line 3: id a repeats line 2",
        () -> CovariateTable.read(new StringReader("id,x\na,1\na,2\n"), "cov.csv", "id"));
    assertRejects(
        "cov.csv line 2: column x is blank",
        () -> CovariateTable.read(new StringReader("id,x\na,\n"), "cov.csv", "id"));
    assertRejects(
        "cov.csv line 2: 1 fields, expected 2 as in the header",
        () -> CovariateTable.read(new StringReader("id,x\na\n"), "cov.csv", "id"));
    assertRejects(
        "cov.csv: id column key is not in the header [id, x]",
        () -> CovariateTable.read(new StringReader("id,x\na,1\n"), "cov.csv", "key"));
  }

  @Test
  void modelFiles_roundTripNamedCoefficientsBitForBit(@TempDir Path dir) throws IOException {
    ParetoNbdCovariateModel model =
        ParetoNbdCovariateModel.of(
            new ParetoNbdParameters(0.5533, 10.5776, 0.6061, 11.665),
            List.of("female", "channel=web"),
            new double[] {0.1 + 0.2, -1.0 / 3},
            List.of("female"),
            new double[] {Math.PI});
    Path file = dir.resolve("pnbd-covariates.properties");
    ModelFiles.save(model, Provenance.now("weeks"), file);
    ParetoNbdCovariateModel back = ModelFiles.load(file, ParetoNbdCovariateModel.class).model();
    assertEquals(model.parameters(), back.parameters());
    assertEquals(model.purchaseCovariates(), back.purchaseCovariates());
    assertEquals(model.parameterNames(), back.parameterNames());
    assertArrayEquals(model.purchaseCoefficients(), back.purchaseCoefficients(), 0.0);
    assertArrayEquals(model.dropoutCoefficients(), back.dropoutCoefficients(), 0.0);
    String text = Files.readString(file);
    assertTrue(
        text.contains("model.parameter.purchase.channel%3Dweb = -0.3333333333333333\n"), text);
    assertTrue(text.contains("model.covariates.purchase = female,channel%3Dweb\n"), text);
    SbgCovariateModel sbg =
        SbgCovariateModel.of(
            new SbgParameters(0.7, 1.2),
            List.of("a"),
            new double[] {0.25},
            List.of(),
            new double[0]);
    ModelFiles.save(sbg, Provenance.now("year"), dir.resolve("sbg.properties"));
    SbgCovariateModel sbgBack =
        ModelFiles.load(dir.resolve("sbg.properties"), SbgCovariateModel.class).model();
    assertEquals(sbg.toString(), sbgBack.toString());
    assertEquals(
        sbg.toString(),
        ModelFiles.load(dir.resolve("sbg.properties"), Model.class).model().toString());
    ModelFileException wrong =
        assertThrows(
            ModelFileException.class, () -> ModelFiles.load(file, SbgCovariateModel.class));
    assertEquals(ModelFileException.Problem.WRONG_TYPE, wrong.problem());
    assertEquals(
        "wrong model type: asked for SbgCovariateModel, the file holds model type Pareto/NBD with"
            + " static covariates (ParetoNbdCovariateModel)",
        wrong.getMessage());
  }
}
