package org.clvkit.examples.flink;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaParameters;

/**
 * The command line of {@link StreamingClvJob#main(String[])}: {@code [--log FILE] [--model ID]
 * [--purchase-model FILE | --purchase-parameters V,V,... | --bgnbd-model FILE | --bgnbd
 * r,alpha,a,b] [--gamma-gamma-model FILE | --gamma-gamma p,q,gamma] [--margin M]}. Without {@code
 * --log} the job replays the bundled CDNOW sample. The purchase model is of type {@code --model}:
 * any continuous purchase model id of {@link ModelTypes} ({@code bgnbd}, the default, {@code
 * mbgnbd}, {@code pnbd}, {@code nbd}, ...); it comes from a model file ({@code --purchase-model}:
 * of the {@code --model} type when that is given, otherwise of whichever continuous type the file
 * holds) or its parameters ({@code --purchase-parameters}, in the order of the type's parameter
 * names; {@code --bgnbd-model} and {@code --bgnbd} are the same two for {@code bgnbd}), and
 * otherwise from the bundled model file of that type (fitted on the CDNOW sample; {@link
 * ModelLoading#bundled}). The spend model comes from a model file, parameters or the bundled file;
 * the margin defaults to 1 (CLV as revenue).
 *
 * @param log a transaction log in the CDNOW sample's format, or {@code null} for the bundled one
 * @param bgNbdModel a BG/NBD model file in weeks, or {@code null}
 * @param bgNbd the purchase model's parameters, in weeks, or {@code null}
 * @param gammaGammaModel a Gamma-Gamma model file, or {@code null}
 * @param gammaGamma the spend model's parameters, or {@code null}
 * @param margin share of spend kept as profit, in [0, 1]
 * @param model the purchase model's type id, a continuous purchase model of {@link ModelTypes};
 *     {@code null} with a {@code purchaseModel} file for the type the file holds ({@code bgnbd}
 *     without a file)
 * @param purchaseModel a model file of type {@code model} in weeks, or {@code null}
 * @param purchaseParameters the parameters of a model of type {@code model}, in weeks and in the
 *     order of its type's parameter names, or {@code null}
 */
public record JobArguments(
    Path log,
    Path bgNbdModel,
    BgNbdParameters bgNbd,
    Path gammaGammaModel,
    GammaGammaParameters gammaGamma,
    double margin,
    String model,
    Path purchaseModel,
    List<Double> purchaseParameters) {

  /**
   * Validates that each model has at most one source (file or parameters; neither means the bundled
   * file) and that the margin is in [0, 1].
   */
  public JobArguments {
    alternatives("bgNbdModel", bgNbdModel, "bgNbd", bgNbd);
    alternatives("gammaGammaModel", gammaGammaModel, "gammaGamma", gammaGamma);
    Checks.probability("margin", margin);
    if (model == null && purchaseModel == null) {
      model = BGNBD;
    }
    if (model != null) {
      ModelTypes.get(model, ContinuousPurchaseModel.class);
    }
    alternatives("purchaseModel", purchaseModel, "bgNbdModel", bgNbdModel);
    alternatives("purchaseModel", purchaseModel, "bgNbd", bgNbd);
    alternatives("purchaseParameters", purchaseParameters, "purchaseModel", purchaseModel);
    alternatives("purchaseParameters", purchaseParameters, "bgNbdModel", bgNbdModel);
    alternatives("purchaseParameters", purchaseParameters, "bgNbd", bgNbd);
    if (purchaseParameters != null) {
      purchaseParameters = List.copyOf(purchaseParameters);
      ModelType<?> type = ModelTypes.get(model, ContinuousPurchaseModel.class);
      if (purchaseParameters.size() != type.parameterNames().size()) {
        throw Checks.fail(
            "purchaseParameters must be %d numbers %s for model %s, were %d",
            type.parameterNames().size(),
            String.join(",", type.parameterNames()),
            model,
            purchaseParameters.size());
      }
      type.model(parameterArray(purchaseParameters)); // validates each value
    }
    if (model != null && !model.equals(BGNBD) && (bgNbdModel != null || bgNbd != null)) {
      throw Checks.fail("bgNbdModel and bgNbd apply to model %s only, model was %s", BGNBD, model);
    }
  }

  /** The id of the default purchase model, the BG/NBD. */
  public static final String BGNBD = "bgnbd";

  /**
   * Arguments with the BG/NBD purchase model ({@code --model bgnbd}) and no {@code
   * --purchase-model}.
   */
  public JobArguments(
      Path log,
      Path bgNbdModel,
      BgNbdParameters bgNbd,
      Path gammaGammaModel,
      GammaGammaParameters gammaGamma,
      double margin) {
    this(log, bgNbdModel, bgNbd, gammaGammaModel, gammaGamma, margin, BGNBD, null, null);
  }

  /** {@link #purchaseParameters()} as an array, or {@code null}. */
  public double[] purchaseParameterArray() {
    return purchaseParameters == null ? null : parameterArray(purchaseParameters);
  }

  private static double[] parameterArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The type of {@link #model()}.
   *
   * @throws org.clvkit.core.ClvArgumentException when the model is the file's type ({@code null}),
   *     known only once the file is read
   */
  public ModelType<? extends ContinuousPurchaseModel> purchaseModelType() {
    Checks.notNull("model", model);
    return ModelTypes.get(model, ContinuousPurchaseModel.class);
  }

  /**
   * Arguments that score the bundled log with the bundled models.
   *
   * @param margin share of spend kept as profit, in [0, 1]
   */
  public static JobArguments defaults(double margin) {
    return new JobArguments(null, null, null, null, null, margin);
  }

  private static void alternatives(String name, Object value, String otherName, Object other) {
    if (value != null && other != null) {
      throw Checks.fail(
          "%s and %s are alternatives and must not both be given, were %s and %s",
          name, otherName, value, other);
    }
  }

  /**
   * Parses the command line.
   *
   * @param args options as above, each followed by its value
   * @return the arguments, with defaults for what is not given
   * @throws org.clvkit.core.ClvArgumentException naming the option for an unknown option, a missing
   *     value, a malformed number, or both sources of one model
   */
  public static JobArguments parse(String... args) {
    Checks.notNull("args", args);
    Path log = null;
    Path bgNbdModel = null;
    BgNbdParameters bgNbd = null;
    Path gammaGammaModel = null;
    GammaGammaParameters gammaGamma = null;
    double margin = 1.0;
    String model = null;
    Path purchaseModel = null;
    List<Double> purchaseParameters = null;
    for (int i = 0; i < args.length; i += 2) {
      String option = Checks.notNull(Checks.indexed("args", i), args[i]);
      if (i + 1 >= args.length) {
        throw Checks.fail("%s must be followed by a value", option);
      }
      String text = Checks.notNull(Checks.indexed("args", i + 1), args[i + 1]);
      switch (option) {
        case "--log" -> log = Path.of(text);
        case "--bgnbd-model" -> bgNbdModel = Path.of(text);
        case "--bgnbd" -> {
          double[] v = numbers(option, text, 4, "4 comma-separated numbers r,alpha,a,b");
          bgNbd = new BgNbdParameters(v[0], v[1], v[2], v[3]);
        }
        case "--gamma-gamma-model" -> gammaGammaModel = Path.of(text);
        case "--gamma-gamma" -> {
          double[] v = numbers(option, text, 3, "3 comma-separated numbers p,q,gamma");
          gammaGamma = new GammaGammaParameters(v[0], v[1], v[2]);
        }
        case "--margin" -> margin = numbers(option, text, 1, "a number")[0];
        case "--model" -> model = text;
        case "--purchase-model" -> purchaseModel = Path.of(text);
        case "--purchase-parameters" ->
            purchaseParameters =
                Arrays.stream(numbers(option, text, -1, "comma-separated numbers"))
                    .boxed()
                    .toList();
        default ->
            throw Checks.malformed(
                Checks.indexed("args", i),
                option,
                "--log, --model, --purchase-model, --purchase-parameters, --bgnbd-model, --bgnbd,"
                    + " --gamma-gamma-model, --gamma-gamma or --margin");
      }
    }
    return new JobArguments(
        log,
        bgNbdModel,
        bgNbd,
        gammaGammaModel,
        gammaGamma,
        margin,
        model,
        purchaseModel,
        purchaseParameters);
  }

  private static double[] numbers(String option, String text, int count, String expected) {
    String[] parts = text.split(",", -1);
    if (count >= 0 && parts.length != count) {
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
