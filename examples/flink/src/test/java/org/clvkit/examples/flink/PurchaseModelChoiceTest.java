package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.cnbd.MbgCnbdModel;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.io.SavedModel;
import org.clvkit.models.nbd.NbdModel;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job chooses its purchase model by id ({@code --model}) through clv-models' registry: a
 * Pareto/NBD model file is loaded as that type and the stream scores with it; an unknown or
 * discrete-time id is a usage error listing the continuous purchase model ids.
 *
 * <p>Reference for the fit: {@link ParetoNbdFitter} on the CDNOW calibration summary (weeks, 39
 * weeks), exact; anchored to Fader, Hardie and Lee (2005), "A note on implementing the Pareto/NBD
 * model in MATLAB": r = 0.5533, α = 10.5776, s = 0.6061, β = 11.6650, to 1e-3 relative.
 */
class PurchaseModelChoiceTest {
  static final String CONTINUOUS_IDS =
      "bgnbd, mbgnbd, pnbd, nbd, ggomnbd, mbgcnbd, bgcnbd, pnbd-hb";

  @Test
  void load_paretoNbdModelFile_streamScoresWithIt(@TempDir Path dir) throws Exception {
    FitCdnowModels.Models saved = FitCdnowModels.save(dir, ParetoNbdModel.TYPE);
    Path file = dir.resolve(FitCdnowModels.purchaseModelFile("pnbd"));
    assertEquals("cdnow-pnbd.properties", file.getFileName().toString());
    SavedModel<ParetoNbdModel> onDisk = ModelFiles.load(file, ParetoNbdModel.class);
    assertEquals("week", onDisk.provenance().timeUnit());

    CustomerLifetimeValue value =
        ModelLoading.load(
            JobArguments.parse("--model", "pnbd", "--purchase-model", file.toString()));
    PurchaseModel purchases = value.purchaseModel();
    ParetoNbdModel pnbd = ParetoNbdModel.TYPE.cast(purchases);
    assertArrayEquals(saved.purchases().parameterValues(), pnbd.parameterValues());
    double[] published = {0.5533, 10.5776, 0.6061, 11.6650};
    for (int k = 0; k < published.length; k++) {
      Tolerance.relative(1e-3)
          .check(
              "published Pareto/NBD " + pnbd.parameterNames().get(k),
              published[k],
              pnbd.parameterValues()[k]);
    }

    assertStreamScoresWith(pnbd, value);
  }

  /** Streams the bundled sample with {@code value}; each last score is the model's own. */
  static void assertStreamScoresWith(PurchaseModel model, CustomerLifetimeValue value)
      throws Exception {
    ScoringSettings settings =
        ScoringSettings.weekly().withObservationEnd(LocalDate.of(1997, 9, 30).atStartOfDay());
    StreamingClvJob.Result result =
        StreamingClvJob.run(
            LocalFlink.environment(2),
            CdnowStreamTest.arrivalOrder(CdnowLog.bundled()),
            settings,
            value);
    Map<String, CustomerScore> last = result.lastScores();
    assertEquals(2357, last.size());
    Tolerance exact = Tolerance.ulps(0);
    for (CustomerScore s : last.values()) {
      String who = "customer " + s.customerId() + " ";
      exact.check(
          who + "P(alive)",
          model.probabilityAlive(s.frequency(), s.recency(), s.age()),
          s.probabilityAlive());
      exact.check(
          who + "expected purchases",
          model.conditionalExpectedPurchases(
              settings.expectedPurchasesHorizon(), s.frequency(), s.recency(), s.age()),
          s.expectedPurchases());
    }
  }

  @Test
  void load_modelWithoutFile_usesThatTypesBundledFile() throws Exception {
    CustomerLifetimeValue value = ModelLoading.load(JobArguments.parse("--model", "pnbd"));
    assertArrayEquals(
        ModelLoading.bundled(ParetoNbdModel.TYPE).parameterValues(),
        ParetoNbdModel.TYPE.cast(value.purchaseModel()).parameterValues());
  }

  /**
   * A non-BG/NBD default: {@code --model mbgcnbd} without a file scores the stream with the bundled
   * MBG/CNBD-k (fitted with the sample's litt, which chose k; scoring reads x, t_x, T only), each
   * customer's last score equal to the model's own methods.
   */
  @Test
  void run_bundledMbgCnbdDefault_streamScoresWithIt() throws Exception {
    CustomerLifetimeValue value = ModelLoading.load(JobArguments.parse("--model", "mbgcnbd"));
    MbgCnbdModel model = MbgCnbdModel.TYPE.cast(value.purchaseModel());
    assertEquals(model.parameters(), ModelLoading.bundled(MbgCnbdModel.TYPE).parameters());
    assertEquals(ModelLoading.bundledGammaGamma().parameters(), value.spendModel().parameters());
    assertStreamScoresWith(model, value);
  }

  @Test
  void load_purchaseModelFileWithoutModel_takesTheFilesType(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("any.properties");
    ModelFiles.save(
        ModelLoading.bundled(NbdModel.TYPE), new Provenance("weeks", Instant.EPOCH), file);
    JobArguments arguments = JobArguments.parse("--purchase-model", file.toString());
    assertNull(arguments.model());
    CustomerLifetimeValue value = ModelLoading.load(arguments);
    assertArrayEquals(
        ModelLoading.bundled(NbdModel.TYPE).parameterValues(),
        NbdModel.TYPE.cast(value.purchaseModel()).parameterValues());
    Path spend = dir.resolve("gg.properties");
    ModelFiles.save(
        ModelLoading.bundledGammaGamma(), new Provenance("weeks", Instant.EPOCH), spend);
    assertRejects(
        "--purchase-model "
            + spend
            + ": wrong model type: asked for ContinuousPurchaseModel, the file holds model type"
            + " Gamma-Gamma (GammaGammaModel)",
        () -> ModelLoading.load(JobArguments.parse("--purchase-model", spend.toString())));
  }

  /**
   * Parameters of any continuous type, in its parameter names' order: the published CDNOW
   * Pareto/NBD (Fader, Hardie and Lee 2005, the MATLAB note above).
   */
  @Test
  void load_purchaseParametersOfTheChosenType() throws Exception {
    CustomerLifetimeValue value =
        ModelLoading.load(
            JobArguments.parse(
                "--model", "pnbd", "--purchase-parameters", "0.5533, 10.5776,0.6061,11.6650"));
    assertArrayEquals(
        new double[] {0.5533, 10.5776, 0.6061, 11.6650},
        ParetoNbdModel.TYPE.cast(value.purchaseModel()).parameterValues());
    assertRejects(
        "purchaseParameters must be 4 numbers r,alpha,s,beta for model pnbd, were 2",
        () -> JobArguments.parse("--model", "pnbd", "--purchase-parameters", "1,2"));
    assertRejects(
        "alpha must be finite and > 0, was -4.0",
        () -> JobArguments.parse("--purchase-parameters", "1,-4,1,1"));
    assertRejects(
        "--purchase-parameters must be comma-separated numbers, was \"1,x\"",
        () -> JobArguments.parse("--purchase-parameters", "1,x"));
    assertRejects(
        "purchaseParameters and purchaseModel are alternatives and must not both be given, were"
            + " [1.0, 2.0] and f",
        () -> JobArguments.parse("--purchase-parameters", "1,2", "--purchase-model", "f"));
  }

  @Test
  void load_typeWithoutBundledFile_refusedNamingTheBundledTypes() {
    assertRejects(
        "model ggomnbd has no bundled model file (its fit on the CDNOW sample fails): give"
            + " --purchase-model FILE, or one of bgnbd, mbgnbd, pnbd, nbd, mbgcnbd, bgcnbd, pnbd-hb",
        () -> ModelLoading.load(JobArguments.parse("--model", "ggomnbd")));
  }

  @Test
  void load_purchaseModelFileOfAnotherType_refused(@TempDir Path dir) throws Exception {
    FitCdnowModels.save(dir);
    Path file = dir.resolve(FitCdnowModels.BG_NBD_FILE);
    ModelFileException e =
        assertThrows(
            ModelFileException.class,
            () ->
                ModelLoading.load(
                    JobArguments.parse("--model", "pnbd", "--purchase-model", file.toString())));
    assertSame(ModelFileException.Problem.WRONG_TYPE, e.problem());
    assertEquals(
        "--purchase-model "
            + file
            + ": wrong model type: asked for ParetoNbdModel, the file holds model type BG/NBD"
            + " (BgNbdModel)",
        e.getMessage());
  }

  @Test
  void parse_unknownOrDiscreteModel_rejectedListingTheContinuousIds() {
    assertRejects(
        "model must be one of " + CONTINUOUS_IDS + ", was bgbb",
        () -> JobArguments.parse("--model", "bgbb"));
    assertRejects(
        "model must be one of " + CONTINUOUS_IDS + ", was paretonbd",
        () -> JobArguments.parse("--model", "paretonbd"));
  }

  @Test
  void parse_bgNbdSourcesWithAnotherModel_rejected() {
    assertRejects(
        "bgNbdModel and bgNbd apply to model bgnbd only, model was pnbd",
        () -> JobArguments.parse("--model", "pnbd", "--bgnbd", "1,2,3,4"));
    assertRejects(
        "purchaseModel and bgNbdModel are alternatives and must not both be given, were a and b",
        () -> JobArguments.parse("--purchase-model", "a", "--bgnbd-model", "b"));
  }
}
