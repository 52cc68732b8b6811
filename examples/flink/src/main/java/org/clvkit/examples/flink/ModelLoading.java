package org.clvkit.examples.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.SavedModel;

/**
 * Where the job gets its fitted models at start-up: model files saved with {@link ModelFiles} (by
 * {@link FitCdnowModels}, the command-line tool's {@code clv fit}, the Spark example's {@code
 * --save-models}, or your own code), or known parameters. Without either, the model files bundled
 * with the example, fitted on the CDNOW sample by {@link FitCdnowModels}: one purchase model file
 * per continuous purchase model type of {@link ModelTypes} that the sample supports ({@link
 * #bundled(ModelType)}) and the Gamma-Gamma. The purchase model is of the type {@link
 * JobArguments#model()} names, or, for a {@code --purchase-model} file without {@code --model}, of
 * the type the file holds; nothing here depends on which type it is.
 *
 * <p>The job scores in weeks, so a purchase model file must name its period {@code week} (or {@code
 * weeks}) in its provenance; a Gamma-Gamma model has no period. A file of another model type, a
 * damaged file or a purchase model in other periods is refused with a {@link ModelFileException}
 * naming the option and the file.
 */
public final class ModelLoading {
  /** Class-path location of the bundled Gamma-Gamma model file. */
  public static final String BUNDLED_GAMMA_GAMMA = "/cdnow/cdnow-gamma-gamma.properties";

  /** The time unit the job scores in, as model files name it. */
  public static final String TIME_UNIT = "week";

  private static final Set<String> TIME_UNIT_NAMES = Set.of("week", "weeks");

  /**
   * BG/NBD parameters fitted on the CDNOW sample (weeks, 39-week calibration) as published: Fader,
   * Hardie and Lee (2005), "Counting your customers the easy way", Marketing Science 24(2), section
   * 7. The bundled model file holds the same fit to full precision.
   */
  public static final BgNbdParameters CDNOW_BG_NBD =
      new BgNbdParameters(0.2426, 4.4136, 0.7929, 2.4259);

  /**
   * Gamma-Gamma parameters fitted on the 946 CDNOW repeat customers as published: Fader and Hardie
   * (2013), "The Gamma-Gamma model of monetary value". The bundled model file holds the same fit to
   * full precision.
   */
  public static final GammaGammaParameters CDNOW_GAMMA_GAMMA =
      new GammaGammaParameters(6.2493, 3.7443, 15.4443);

  private ModelLoading() {}

  /**
   * The models the job scores with, from its arguments: for each model a file, parameters, or the
   * bundled file.
   *
   * @param arguments the job's arguments
   * @return purchases of the arguments' model type and Gamma-Gamma spend, with the arguments'
   *     margin
   * @throws IOException when a model file cannot be read
   * @throws ModelFileException when a model file is not of the asked type (purchase model files in
   *     weeks)
   */
  public static CustomerLifetimeValue load(JobArguments arguments) throws IOException {
    Checks.notNull("arguments", arguments);
    ContinuousPurchaseModel purchases;
    if (arguments.purchaseModel() != null) {
      purchases =
          arguments.model() == null
              ? purchaseModel(arguments.purchaseModel())
              : purchaseModel(arguments.purchaseModel(), arguments.purchaseModelType());
    } else if (arguments.purchaseParameters() != null) {
      purchases = arguments.purchaseModelType().model(arguments.purchaseParameterArray());
    } else if (arguments.bgNbdModel() != null) {
      purchases = bgNbd(arguments.bgNbdModel());
    } else if (arguments.bgNbd() != null) {
      purchases = BgNbdModel.of(arguments.bgNbd());
    } else {
      purchases = bundled(arguments.purchaseModelType());
    }
    GammaGammaModel spend;
    if (arguments.gammaGammaModel() != null) {
      spend = gammaGamma(arguments.gammaGammaModel());
    } else if (arguments.gammaGamma() != null) {
      spend = GammaGammaModel.of(arguments.gammaGamma());
    } else {
      spend = bundledGammaGamma();
    }
    return CustomerLifetimeValue.of(purchases, spend, arguments.margin());
  }

  /**
   * A CLV model from known parameters.
   *
   * @param purchases BG/NBD parameters, in the period of the job's time scale
   * @param spend Gamma-Gamma parameters
   * @param margin share of spend kept as profit, in [0, 1] (1 for revenue)
   * @return the model
   */
  public static CustomerLifetimeValue fromParameters(
      BgNbdParameters purchases, GammaGammaParameters spend, double margin) {
    Checks.notNull("purchases", purchases);
    Checks.notNull("spend", spend);
    return CustomerLifetimeValue.of(BgNbdModel.of(purchases), GammaGammaModel.of(spend), margin);
  }

  /**
   * Loads a BG/NBD model file in weeks.
   *
   * @param file a model file saved by {@link ModelFiles}
   * @return the model, with its fit report if the file has one
   * @throws IOException when the file cannot be read
   * @throws ModelFileException when the file is not a BG/NBD model file in weeks
   */
  public static BgNbdModel bgNbd(Path file) throws IOException {
    Checks.notNull("file", file);
    try {
      return inWeeks(ModelFiles.load(file, BgNbdModel.class));
    } catch (ModelFileException e) {
      throw about("--bgnbd-model " + file, e);
    }
  }

  /**
   * Loads a purchase model file of {@code type} in weeks.
   *
   * @param file a model file saved by {@link ModelFiles}
   * @param type the purchase model type the file must hold, e.g. {@code ParetoNbdModel.TYPE}
   * @return the model, with its fit report if the file has one
   * @throws IOException when the file cannot be read
   * @throws ModelFileException when the file is not a model file of that type in weeks
   */
  public static <M extends ContinuousPurchaseModel> M purchaseModel(Path file, ModelType<M> type)
      throws IOException {
    Checks.notNull("file", file);
    Checks.notNull("type", type);
    try {
      return inWeeks(ModelFiles.load(file, type.modelClass()));
    } catch (ModelFileException e) {
      throw about("--purchase-model " + file, e);
    }
  }

  /**
   * Loads a model file of any continuous purchase model type in weeks: the type the file holds.
   *
   * @param file a model file saved by {@link ModelFiles}
   * @return the model, with its fit report if the file has one
   * @throws IOException when the file cannot be read
   * @throws ModelFileException when the file is not a continuous purchase model file in weeks
   */
  public static ContinuousPurchaseModel purchaseModel(Path file) throws IOException {
    Checks.notNull("file", file);
    try {
      return inWeeks(ModelFiles.load(file, ContinuousPurchaseModel.class));
    } catch (ModelFileException e) {
      throw about("--purchase-model " + file, e);
    }
  }

  /**
   * Loads a Gamma-Gamma model file.
   *
   * @param file a model file saved by {@link ModelFiles}
   * @return the model, with its fit report if the file has one
   * @throws IOException when the file cannot be read
   * @throws ModelFileException when the file is not a Gamma-Gamma model file
   */
  public static GammaGammaModel gammaGamma(Path file) throws IOException {
    Checks.notNull("file", file);
    try {
      return ModelFiles.load(file, GammaGammaModel.class).model();
    } catch (ModelFileException e) {
      throw about("--gamma-gamma-model " + file, e);
    }
  }

  /** The bundled BG/NBD model, fitted on the CDNOW sample in weeks. */
  public static BgNbdModel bundledBgNbd() {
    return bundled(BgNbdModel.TYPE);
  }

  /**
   * Class-path location of the bundled model file of a purchase model type: {@code
   * /cdnow/cdnow-ID.properties} ({@link FitCdnowModels#purchaseModelFile(String)}).
   *
   * @param type a continuous purchase model type
   */
  public static String bundledLocation(ModelType<? extends ContinuousPurchaseModel> type) {
    Checks.notNull("type", type);
    return "/cdnow/" + FitCdnowModels.purchaseModelFile(type.id());
  }

  /**
   * The continuous purchase model types with a bundled model file, in the registry's order: those
   * whose fit on the CDNOW sample succeeds ({@link FitCdnowModels#saveBundled(Path)}).
   */
  public static List<ModelType<? extends ContinuousPurchaseModel>> bundledTypes() {
    List<ModelType<? extends ContinuousPurchaseModel>> out = new ArrayList<>();
    for (ModelType<? extends ContinuousPurchaseModel> type :
        ModelTypes.all(ContinuousPurchaseModel.class)) {
      if (ModelLoading.class.getResource(bundledLocation(type)) != null) {
        out.add(type);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The bundled model of a purchase model type, fitted on the CDNOW sample in weeks.
   *
   * @param type a continuous purchase model type
   * @return the model, with its fit report
   * @throws org.clvkit.core.ClvArgumentException when the type has no bundled file (its fit on the
   *     sample fails), naming the types that have one
   */
  public static <M extends ContinuousPurchaseModel> M bundled(ModelType<M> type) {
    Checks.notNull("type", type);
    if (ModelLoading.class.getResource(bundledLocation(type)) == null) {
      throw Checks.fail(
          "model %s has no bundled model file (its fit on the CDNOW sample fails): give"
              + " --purchase-model FILE, or one of %s",
          type.id(), ModelTypes.ids(bundledTypes()));
    }
    return inWeeks(bundled(bundledLocation(type), type.modelClass()));
  }

  /** The bundled Gamma-Gamma model, fitted on the CDNOW sample's repeat customers. */
  public static GammaGammaModel bundledGammaGamma() {
    return bundled(BUNDLED_GAMMA_GAMMA, GammaGammaModel.class).model();
  }

  private static <M extends Model> SavedModel<M> bundled(String resource, Class<M> type) {
    try (InputStream in = ModelLoading.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + resource);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.US_ASCII)) {
        return ModelFiles.load(reader, type);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read class-path resource " + resource, e);
    }
  }

  private static <M extends Model> M inWeeks(SavedModel<M> saved) {
    String unit = saved.provenance().timeUnit();
    if (!TIME_UNIT_NAMES.contains(unit.toLowerCase(Locale.ROOT))) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED,
          String.format(
              Locale.ROOT,
              "the model's period must be %s, as the job scores in weeks, was \"%s\"",
              TIME_UNIT,
              unit));
    }
    return saved.model();
  }

  private static ModelFileException about(String source, ModelFileException e) {
    return new ModelFileException(e.problem(), source + ": " + e.getMessage(), e);
  }
}
