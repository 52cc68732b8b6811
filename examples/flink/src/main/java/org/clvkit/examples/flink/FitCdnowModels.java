package org.clvkit.examples.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;

/**
 * Fits the streaming job's default models on the CDNOW sample and saves them as model files: how
 * the files bundled in {@code src/main/resources/cdnow/} were made, and a template for fitting your
 * own. The calibration period is the literature's: the 39 weeks up to {@link #CALIBRATION_END}, in
 * weeks; purchases of one customer on one day are one purchase, zero-value purchases are kept.
 * BG/NBD is fitted on every customer's (x, t_x, T), Gamma-Gamma on the repeat customers' (x, mean
 * repeat spend).
 *
 * <p>Regenerate the bundled files (from the repository root; the directory is relative to {@code
 * examples/flink}):
 *
 * <pre>
 * mvn -B -q -DskipTests install
 * mvn -B -q -f examples/flink exec:exec -Dexec.args="-classpath %classpath \
 *     org.clvkit.examples.flink.FitCdnowModels src/main/resources/cdnow"
 * </pre>
 *
 * The test {@code BundledModelsTest} checks that the bundled files hold the parameters of a fresh
 * fit.
 */
public final class FitCdnowModels {
  /** The last day of the calibration period of the CDNOW literature (week 39). */
  public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  /** File name of the BG/NBD model in the output directory. */
  public static final String BG_NBD_FILE = "cdnow-bgnbd.properties";

  /** File name of the Gamma-Gamma model in the output directory. */
  public static final String GAMMA_GAMMA_FILE = "cdnow-gamma-gamma.properties";

  private FitCdnowModels() {}

  /**
   * File name of a purchase model in the output directory: {@code cdnow-ID.properties}, {@link
   * #BG_NBD_FILE} for {@code bgnbd}.
   *
   * @param modelId the purchase model type's id
   */
  public static String purchaseModelFile(String modelId) {
    return "cdnow-" + modelId + ".properties";
  }

  /**
   * The fitted pair.
   *
   * @param purchases the purchase model (BG/NBD unless another type was asked for) in weeks
   * @param spend Gamma-Gamma
   */
  public record Models(ContinuousPurchaseModel purchases, GammaGammaModel spend) {
    /** Validates that both are given. */
    public Models {
      Checks.notNull("purchases", purchases);
      Checks.notNull("spend", spend);
    }
  }

  /**
   * Summarises the log up to {@link #CALIBRATION_END} in weeks and fits both models.
   *
   * @param log purchases in any order
   * @return the fitted models
   * @throws org.clvkit.models.FitFailedException when a fit fails
   */
  public static Models fit(List<Purchase> log) {
    return fit(log, BgNbdModel.TYPE);
  }

  /**
   * Summarises the log up to {@link #CALIBRATION_END} in weeks and fits the purchase model of
   * {@code type} with its type's {@link org.clvkit.models.Fitter} and the Gamma-Gamma.
   *
   * @param log purchases in any order
   * @param type the purchase model's type, e.g. {@code ParetoNbdModel.TYPE}
   * @return the fitted models
   * @throws org.clvkit.models.FitFailedException when a fit fails
   */
  public static Models fit(List<Purchase> log, ModelType<? extends ContinuousPurchaseModel> type) {
    Checks.notNull("log", log);
    Checks.notNull("type", type);
    SummaryAccumulator accumulator =
        new SummaryAccumulator(
            SummaryOptions.of(TimeScale.WEEKS, CALIBRATION_END)
                .withZeroAmounts(RowPolicy.KEEP)
                .withAfterObservationEnd(RowPolicy.DROP));
    for (Purchase p : log) {
      accumulator.accept(p.customerId(), p.time(), p.amount());
    }
    CustomerSummaries s = accumulator.result();
    return new Models(
        type.fitter().fit(CustomerHistories.of(s.frequency(), s.recency(), s.age())),
        GammaGammaFitter.create().fit(s.frequency(), s.monetaryValue()));
  }

  /**
   * Fits both models on the bundled CDNOW sample and saves them into {@code directory} as {@link
   * #BG_NBD_FILE} and {@link #GAMMA_GAMMA_FILE}, with today as the fit date and {@code week} as the
   * time unit.
   *
   * @param directory an existing directory
   * @return the fitted models
   * @throws IOException when a file cannot be written
   */
  public static Models save(Path directory) throws IOException {
    return save(directory, BgNbdModel.TYPE);
  }

  /**
   * Fits the purchase model of {@code type} and the Gamma-Gamma on the bundled CDNOW sample and
   * saves them into {@code directory} as {@link #purchaseModelFile(String)} and {@link
   * #GAMMA_GAMMA_FILE}, with today as the fit date and {@code week} as the time unit.
   *
   * @param directory an existing directory
   * @param type the purchase model's type
   * @return the fitted models
   * @throws IOException when a file cannot be written
   */
  public static Models save(Path directory, ModelType<? extends ContinuousPurchaseModel> type)
      throws IOException {
    Checks.notNull("directory", directory);
    if (!Files.isDirectory(directory)) {
      throw Checks.fail("directory must be an existing directory, was %s", directory);
    }
    Models models = fit(CdnowLog.bundled(), type);
    Provenance provenance = Provenance.now(ModelLoading.TIME_UNIT);
    ModelFiles.save(
        models.purchases(), provenance, directory.resolve(purchaseModelFile(type.id())));
    ModelFiles.save(models.spend(), provenance, directory.resolve(GAMMA_GAMMA_FILE));
    return models;
  }

  /**
   * Fits and saves the models; see {@link #save(Path, ModelType)}.
   *
   * @param args the output directory, optionally followed by a continuous purchase model id of
   *     {@link ModelTypes} (default {@code bgnbd})
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Checks.notNull("args", args);
    if (args.length != 1 && args.length != 2) {
      throw Checks.fail(
          "args must be an output directory and optionally a model id, was %d arguments",
          args.length);
    }
    String id = args.length == 2 ? args[1] : BgNbdModel.TYPE.id();
    Models models = save(Path.of(args[0]), ModelTypes.get(id, ContinuousPurchaseModel.class));
    System.out.println("saved " + models.purchases() + " and " + models.spend() + " to " + args[0]);
  }
}
