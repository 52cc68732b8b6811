package org.clvkit.examples.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
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
 * weeks; purchases of one customer on one day are one purchase, zero-value purchases are kept. A
 * purchase model of any continuous type of {@link ModelTypes} is fitted through its type's {@link
 * org.clvkit.models.Fitter} on every customer's (x, t_x, T) with their litt (the sum of log
 * inter-purchase times, which the MBG/CNBD-k and BG/CNBD-k read to choose k; other fitters ignore
 * it), Gamma-Gamma on the repeat customers' (x, mean repeat spend).
 *
 * <p>The bundled files are one purchase model file per continuous type whose fit on the sample
 * succeeds ({@code cdnow-ID.properties}: all but the GGompertz/NBD, whose likelihood has no
 * interior maximum on these data) and the Gamma-Gamma. Regenerate them all with {@code
 * examples/flink/scripts/regenerate-bundled-models.sh} (which runs {@code FitCdnowModels
 * src/main/resources/cdnow all}); they are written with the fit date {@link #BUNDLED_FIT_DATE}, so
 * the files change only when a fit does. {@code BundledModelsTest} checks that every bundled file
 * holds the parameters of a fresh fit (the Pareto/NBD (HB)'s Markov chain Monte Carlo too, with its
 * fixed seed) and that every type without a file fails to fit.
 */
public final class FitCdnowModels {
  /** The last day of the calibration period of the CDNOW literature (week 39). */
  public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  /**
   * The fit date written into the bundled files ({@code provenance.fitDate}): kept fixed so that
   * regenerating them gives the same bytes unless a fit changed.
   */
  public static final Instant BUNDLED_FIT_DATE = Instant.parse("2026-12-06T00:00:00Z");

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
    // CustomerHistories.of(summaries) carries litt; fitters that do not read it ignore it.
    CustomerHistories histories = CustomerHistories.of(s);
    return new Models(
        type.fitter().fit(histories),
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
    return save(directory, type, Provenance.now(ModelLoading.TIME_UNIT));
  }

  private static Models save(
      Path directory, ModelType<? extends ContinuousPurchaseModel> type, Provenance provenance)
      throws IOException {
    Checks.notNull("directory", directory);
    if (!Files.isDirectory(directory)) {
      throw Checks.fail("directory must be an existing directory, was %s", directory);
    }
    Models models = fit(CdnowLog.bundled(), type);
    ModelFiles.save(
        models.purchases(), provenance, directory.resolve(purchaseModelFile(type.id())));
    ModelFiles.save(models.spend(), provenance, directory.resolve(GAMMA_GAMMA_FILE));
    return models;
  }

  /**
   * Writes the bundled files into {@code directory}: for every continuous purchase model type of
   * {@link ModelTypes} whose fit on the bundled sample succeeds, {@link
   * #purchaseModelFile(String)}, and {@link #GAMMA_GAMMA_FILE}, all with the fit date {@link
   * #BUNDLED_FIT_DATE}. A type whose fit fails gets no file (and a stale file of it is deleted).
   *
   * @param directory an existing directory
   * @return the ids of the types written, in the registry's order
   * @throws IOException when a file cannot be written
   */
  public static List<String> saveBundled(Path directory) throws IOException {
    Provenance provenance = new Provenance(ModelLoading.TIME_UNIT, BUNDLED_FIT_DATE);
    List<String> written = new ArrayList<>();
    for (ModelType<? extends ContinuousPurchaseModel> type :
        ModelTypes.all(ContinuousPurchaseModel.class)) {
      try {
        save(directory, type, provenance);
        written.add(type.id());
      } catch (FitFailedException e) {
        Files.deleteIfExists(directory.resolve(purchaseModelFile(type.id())));
        System.out.println("no file for " + type + ": " + e.getMessage());
      }
    }
    return written;
  }

  /**
   * Fits and saves the models: {@code DIR [ID]} as {@link #save(Path, ModelType)} (default {@code
   * bgnbd}), {@code DIR all} as {@link #saveBundled(Path)}.
   *
   * @param args the output directory, optionally followed by a continuous purchase model id of
   *     {@link ModelTypes} or {@code all}
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Checks.notNull("args", args);
    if (args.length != 1 && args.length != 2) {
      throw Checks.fail(
          "args must be an output directory and optionally a model id, was %d arguments",
          args.length);
    }
    if (args.length == 2 && args[1].equals("all")) {
      System.out.println("saved " + saveBundled(Path.of(args[0])) + " to " + args[0]);
      return;
    }
    String id = args.length == 2 ? args[1] : BgNbdModel.TYPE.id();
    Models models = save(Path.of(args[0]), ModelTypes.get(id, ContinuousPurchaseModel.class));
    System.out.println("saved " + models.purchases() + " and " + models.spend() + " to " + args[0]);
  }
}
