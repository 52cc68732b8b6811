package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;

/**
 * Spark ML estimator of any continuous purchase model of {@link ModelTypes}, chosen by id with the
 * {@link #modelId()} parameter (default {@code bgnbd}; {@code mbgnbd}, {@code pnbd}, {@code nbd},
 * ...) and fitted with its type's {@link org.clvkit.models.Fitter} on distinct patterns; see {@link
 * PurchaseEstimator} for the input and {@link ContinuousPurchasesModel} for what the fitted stage
 * appends. The per-model estimators ({@link BgNbdPurchases}, {@link MbgNbdPurchases}, {@link
 * ParetoNbdPurchases}) do the same with the id fixed. A model whose fitter needs each customer's
 * litt (the MBG/CNBD-k and BG/CNBD-k choosing k) fails here with the fitter's message naming the
 * model and litt: this stage reads frequency, recency and age only (fit those models with {@link
 * org.clvkit.examples.spark.sql.SummaryFits}).
 */
public final class ContinuousPurchases extends PurchaseEstimator<ContinuousPurchasesModel> {
  private static final long serialVersionUID = 1L;

  private final Param<String> modelId;

  /** An estimator with a random uid and the default parameters. */
  public ContinuousPurchases() {
    this(Identifiable.randomUID("clvkit-purchases"));
  }

  /**
   * An estimator with the given uid and the default parameters.
   *
   * @param uid the stage's unique id
   */
  public ContinuousPurchases(String uid) {
    super(uid);
    modelId =
        new Param<>(uid, "modelId", "id of a continuous purchase model of clvkit's ModelTypes");
    setDefault(modelId, "bgnbd");
  }

  /** The id of the purchase model type to fit (default "bgnbd"). */
  public Param<String> modelId() {
    return modelId;
  }

  /**
   * Sets the purchase model type to fit.
   *
   * @param id a continuous purchase model id of {@link ModelTypes}, e.g. {@code pnbd}
   * @throws org.clvkit.core.ClvArgumentException naming the valid ids for another id
   */
  public ContinuousPurchases setModelId(String id) {
    ModelTypes.get(id, ContinuousPurchaseModel.class);
    set(modelId, id);
    return this;
  }

  @Override
  protected ModelType<? extends ContinuousPurchaseModel> modelType() {
    return ModelTypes.get(getOrDefault(modelId), ContinuousPurchaseModel.class);
  }

  @Override
  protected ContinuousPurchasesModel fitted(String uid, PurchaseModel model) {
    return new ContinuousPurchasesModel(uid, (ContinuousPurchaseModel) model);
  }

  /** The reader of saved estimators, for ML persistence ({@code Pipeline.load}). */
  public static MLReader<ContinuousPurchases> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an estimator saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static ContinuousPurchases load(String path) {
    return read().load(path);
  }
}
