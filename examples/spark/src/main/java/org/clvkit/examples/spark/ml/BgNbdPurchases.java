package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.ModelType;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdModel;

/**
 * Spark ML estimator of the BG/NBD purchase model ({@link BgNbdModel#TYPE} and its fitter, weighted
 * by distinct patterns); see {@link PurchaseEstimator} for the input and {@link
 * BgNbdPurchasesModel} for what the fitted stage appends.
 */
public final class BgNbdPurchases extends PurchaseEstimator<BgNbdPurchasesModel> {
  private static final long serialVersionUID = 1L;

  /** An estimator with a random uid and the default parameters. */
  public BgNbdPurchases() {
    this(Identifiable.randomUID("clvkit-bgnbd"));
  }

  /**
   * An estimator with the given uid and the default parameters.
   *
   * @param uid the stage's unique id
   */
  public BgNbdPurchases(String uid) {
    super(uid);
  }

  @Override
  protected ModelType<BgNbdModel> modelType() {
    return BgNbdModel.TYPE;
  }

  @Override
  protected BgNbdPurchasesModel fitted(String uid, PurchaseModel model) {
    return new BgNbdPurchasesModel(uid, BgNbdModel.TYPE.cast(model));
  }

  /** The reader of saved estimators, for ML persistence ({@code Pipeline.load}). */
  public static MLReader<BgNbdPurchases> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an estimator saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static BgNbdPurchases load(String path) {
    return read().load(path);
  }
}
