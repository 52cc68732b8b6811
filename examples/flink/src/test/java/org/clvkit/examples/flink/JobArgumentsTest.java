package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

  @Test
  void parse_defaultsToTheBundledLogAndTheBundledModels() {
    assertEquals(new JobArguments(null, null, null, null, null, 1.0), JobArguments.parse());
    assertEquals(JobArguments.defaults(1.0), JobArguments.parse());
  }

  @Test
  void parse_readsEveryParameterOption() {
    JobArguments a =
        JobArguments.parse(
            "--log", "events.txt",
            "--bgnbd", "0.25, 4.5,0.8,2.5",
            "--gamma-gamma", "6,3.5,15",
            "--margin", "0.3");
    assertEquals(
        new JobArguments(
            Path.of("events.txt"),
            null,
            new BgNbdParameters(0.25, 4.5, 0.8, 2.5),
            null,
            new GammaGammaParameters(6, 3.5, 15),
            0.3),
        a);
  }

  @Test
  void parse_readsTheModelFileOptions() {
    JobArguments a =
        JobArguments.parse(
            "--bgnbd-model", "models/bgnbd.properties",
            "--gamma-gamma-model", "models/gg.properties");
    assertEquals(
        new JobArguments(
            null,
            Path.of("models/bgnbd.properties"),
            null,
            Path.of("models/gg.properties"),
            null,
            1.0),
        a);
  }

  @Test
  void parse_mixesAFileForOneModelWithParametersForTheOther() {
    JobArguments a =
        JobArguments.parse("--bgnbd-model", "bgnbd.properties", "--gamma-gamma", "6,3.5,15");
    assertEquals(Path.of("bgnbd.properties"), a.bgNbdModel());
    assertEquals(new GammaGammaParameters(6, 3.5, 15), a.gammaGamma());
  }

  @Test
  void parse_rejectsEachMalformedCommandLine() {
    assertRejects("args must not be null", () -> JobArguments.parse((String[]) null));
    assertRejects("args[0] must not be null", () -> JobArguments.parse(null, "x"));
    assertRejects("args[1] must not be null", () -> JobArguments.parse("--log", null));
    assertRejects("--margin must be followed by a value", () -> JobArguments.parse("--margin"));
    assertRejects(
        "args[0] must be --log, --model, --purchase-model, --purchase-parameters, --bgnbd-model,"
            + " --bgnbd, --gamma-gamma-model, --gamma-gamma or --margin, was \"--seed\"",
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
    assertRejects(
        "bgNbdModel and bgNbd are alternatives and must not both be given, were m.properties and"
            + " BgNbdParameters[r=1.0, alpha=2.0, a=3.0, b=4.0]",
        () -> JobArguments.parse("--bgnbd-model", "m.properties", "--bgnbd", "1,2,3,4"));
  }

  @Test
  void constructor_rejectsEachInvalidArgument() {
    BgNbdParameters b = ModelLoading.CDNOW_BG_NBD;
    GammaGammaParameters g = ModelLoading.CDNOW_GAMMA_GAMMA;
    Path file = Path.of("x");
    assertRejects(
        "gammaGammaModel and gammaGamma are alternatives and must not both be given, were x and"
            + " GammaGammaParameters[p=6.2493, q=3.7443, gamma=15.4443]",
        () -> new JobArguments(null, null, b, file, g, 1));
    assertRejects(
        "margin must be in [0, 1], was 1.5", () -> new JobArguments(null, null, b, null, g, 1.5));
  }
}
