package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

  @Test
  void parse_defaultsToTheBundledLogAndThePublishedCdnowModel() {
    assertEquals(
        new JobArguments(null, ModelLoading.CDNOW_BG_NBD, ModelLoading.CDNOW_GAMMA_GAMMA, 1.0),
        JobArguments.parse());
  }

  @Test
  void parse_readsEveryOption() {
    JobArguments a =
        JobArguments.parse(
            "--log", "events.txt",
            "--bgnbd", "0.25, 4.5,0.8,2.5",
            "--gamma-gamma", "6,3.5,15",
            "--margin", "0.3");
    assertEquals(
        new JobArguments(
            Path.of("events.txt"),
            new BgNbdParameters(0.25, 4.5, 0.8, 2.5),
            new GammaGammaParameters(6, 3.5, 15),
            0.3),
        a);
  }

  @Test
  void parse_rejectsEachMalformedCommandLine() {
    assertRejects("args must not be null", () -> JobArguments.parse((String[]) null));
    assertRejects("args[0] must not be null", () -> JobArguments.parse(null, "x"));
    assertRejects("args[1] must not be null", () -> JobArguments.parse("--log", null));
    assertRejects("--margin must be followed by a value", () -> JobArguments.parse("--margin"));
    assertRejects(
        "args[0] must be --log, --bgnbd, --gamma-gamma or --margin, was \"--seed\"",
        () -> JobArguments.parse("--seed", "1"));
    assertRejects(
        "--bgnbd must be 4 comma-separated numbers r,alpha,a,b, was \"1,2,3\"",
        () -> JobArguments.parse("--bgnbd", "1,2,3"));
    assertRejects(
        "--gamma-gamma must be 3 comma-separated numbers p,q,gamma, was \"6,x,15\"",
        () -> JobArguments.parse("--gamma-gamma", "6,x,15"));
    assertRejects(
        "--margin must be a number, was \"1,2\"", () -> JobArguments.parse("--margin", "1,2"));
    assertRejects(
        "alpha must be finite and > 0, was -4.0", () -> JobArguments.parse("--bgnbd", "1,-4,1,1"));
  }

  @Test
  void constructor_rejectsEachInvalidArgument() {
    BgNbdParameters b = ModelLoading.CDNOW_BG_NBD;
    GammaGammaParameters g = ModelLoading.CDNOW_GAMMA_GAMMA;
    assertRejects("bgNbd must not be null", () -> new JobArguments(null, null, g, 1));
    assertRejects("gammaGamma must not be null", () -> new JobArguments(null, b, null, 1));
    assertRejects("margin must be in [0, 1], was 1.5", () -> new JobArguments(null, b, g, 1.5));
  }

  @Test
  void modelLoading_buildsTheClvModelFromTheArguments() {
    var value = ModelLoading.load(JobArguments.parse("--margin", "0.25"));
    assertEquals(0.25, value.margin());
    assertEquals("BG/NBD", value.purchaseModel().name());
    assertEquals(
        ModelLoading.CDNOW_BG_NBD.toArray()[1], value.purchaseModel().parameterValues()[1]);
    assertEquals(ModelLoading.CDNOW_GAMMA_GAMMA, value.spendModel().parameters());
    assertRejects("arguments must not be null", () -> ModelLoading.load(null));
    assertRejects(
        "purchases must not be null",
        () -> ModelLoading.fromParameters(null, ModelLoading.CDNOW_GAMMA_GAMMA, 1));
    assertRejects(
        "spend must not be null",
        () -> ModelLoading.fromParameters(ModelLoading.CDNOW_BG_NBD, null, 1));
  }
}
