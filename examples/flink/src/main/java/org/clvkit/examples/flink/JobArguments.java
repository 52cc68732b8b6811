package org.clvkit.examples.flink;

import java.nio.file.Path;
import java.util.Arrays;
import org.clvkit.core.internal.Checks;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaParameters;

/**
 * The command line of {@link StreamingClvJob#main(String[])}: {@code [--log FILE] [--bgnbd
 * r,alpha,a,b] [--gamma-gamma p,q,gamma] [--margin M]}. Without {@code --log} the job replays the
 * bundled CDNOW sample; the model defaults to the published CDNOW parameters ({@link ModelLoading})
 * and a margin of 1 (CLV as revenue).
 *
 * @param log a transaction log in the CDNOW sample's format, or {@code null} for the bundled one
 * @param bgNbd the purchase model's parameters, in weeks
 * @param gammaGamma the spend model's parameters
 * @param margin share of spend kept as profit, in [0, 1]
 */
public record JobArguments(
    Path log, BgNbdParameters bgNbd, GammaGammaParameters gammaGamma, double margin) {

  /** Validates that the models are given and the margin is in [0, 1]; {@code log} may be null. */
  public JobArguments {
    Checks.notNull("bgNbd", bgNbd);
    Checks.notNull("gammaGamma", gammaGamma);
    Checks.probability("margin", margin);
  }

  /**
   * Parses the command line.
   *
   * @param args options as above, each followed by its value
   * @return the arguments, with defaults for what is not given
   * @throws org.clvkit.core.ClvArgumentException naming the option for an unknown option, a missing
   *     value or a malformed number
   */
  public static JobArguments parse(String... args) {
    Checks.notNull("args", args);
    Path log = null;
    BgNbdParameters bgNbd = ModelLoading.CDNOW_BG_NBD;
    GammaGammaParameters gammaGamma = ModelLoading.CDNOW_GAMMA_GAMMA;
    double margin = 1.0;
    for (int i = 0; i < args.length; i += 2) {
      String option = Checks.notNull(Checks.indexed("args", i), args[i]);
      if (i + 1 >= args.length) {
        throw Checks.fail("%s must be followed by a value", option);
      }
      String text = Checks.notNull(Checks.indexed("args", i + 1), args[i + 1]);
      switch (option) {
        case "--log" -> log = Path.of(text);
        case "--bgnbd" -> {
          double[] v = numbers(option, text, 4, "4 comma-separated numbers r,alpha,a,b");
          bgNbd = new BgNbdParameters(v[0], v[1], v[2], v[3]);
        }
        case "--gamma-gamma" -> {
          double[] v = numbers(option, text, 3, "3 comma-separated numbers p,q,gamma");
          gammaGamma = new GammaGammaParameters(v[0], v[1], v[2]);
        }
        case "--margin" -> margin = numbers(option, text, 1, "a number")[0];
        default ->
            throw Checks.malformed(
                Checks.indexed("args", i), option, "--log, --bgnbd, --gamma-gamma or --margin");
      }
    }
    return new JobArguments(log, bgNbd, gammaGamma, margin);
  }

  private static double[] numbers(String option, String text, int count, String expected) {
    String[] parts = text.split(",", -1);
    if (parts.length != count) {
      throw Checks.malformed(option, text, expected);
    }
    try {
      return Arrays.stream(parts).mapToDouble(p -> Double.parseDouble(p.trim())).toArray();
    } catch (NumberFormatException e) {
      var error = Checks.malformed(option, text, expected);
      error.initCause(e);
      throw error;
    }
  }
}
