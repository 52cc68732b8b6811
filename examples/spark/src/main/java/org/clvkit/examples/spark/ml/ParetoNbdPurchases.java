package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.ModelType;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;

/**
 * Spark ML estimator of the Pareto/NBD purchase model ({@link ParetoNbdModel#TYPE} and its fitter,
 * weighted by distinct patterns); see {@link PurchaseEstimator} for the input and {@link
 * ParetoNbdPurchasesModel} for what the fitted stage appends.
 */
public final class ParetoNbdPurchases extends PurchaseEstimator<ParetoNbdPurchasesModel> {
  private static final long serialVersionUID = 1L;

  /** An estimator with a random uid and the default parameters. */
  public ParetoNbdPurchases() {
    this(Identifiable.randomUID("clvkit-paretonbd"));
  }

  /**
   * An estimator with the given uid and the default parameters.
   *
   * @param uid the stage's unique id
   */
  public ParetoNbdPurchases(String uid) {
    super(uid);
  }

  @Override
  protected ModelType<ParetoNbdModel> modelType() {
    return ParetoNbdModel.TYPE;
  }

  @Override
  protected ParetoNbdPurchasesModel fitted(String uid, PurchaseModel model) {
    return new ParetoNbdPurchasesModel(uid, ParetoNbdModel.TYPE.cast(model));
  }

  /** The reader of saved estimators, for ML persistence ({@code Pipeline.load}). */
  public static MLReader<ParetoNbdPurchases> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an estimator saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static ParetoNbdPurchases load(String path) {
    return read().load(path);
  }
}
