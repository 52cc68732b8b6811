package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.ModelType;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.mbgnbd.MbgNbdModel;

/**
 * Spark ML estimator of the MBG/NBD purchase model ({@link MbgNbdModel#TYPE} and its fitter,
 * weighted by distinct patterns); see {@link PurchaseEstimator} for the input and {@link
 * MbgNbdPurchasesModel} for what the fitted stage appends.
 */
public final class MbgNbdPurchases extends PurchaseEstimator<MbgNbdPurchasesModel> {
  private static final long serialVersionUID = 1L;

  /** An estimator with a random uid and the default parameters. */
  public MbgNbdPurchases() {
    this(Identifiable.randomUID("clvkit-mbgnbd"));
  }

  /**
   * An estimator with the given uid and the default parameters.
   *
   * @param uid the stage's unique id
   */
  public MbgNbdPurchases(String uid) {
    super(uid);
  }

  @Override
  protected ModelType<MbgNbdModel> modelType() {
    return MbgNbdModel.TYPE;
  }

  @Override
  protected MbgNbdPurchasesModel fitted(String uid, PurchaseModel model) {
    return new MbgNbdPurchasesModel(uid, MbgNbdModel.TYPE.cast(model));
  }

  /** The reader of saved estimators, for ML persistence ({@code Pipeline.load}). */
  public static MLReader<MbgNbdPurchases> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an estimator saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static MbgNbdPurchases load(String path) {
    return read().load(path);
  }
}
