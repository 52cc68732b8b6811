package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.PurchaseModel;

/**
 * A fitted stage of any continuous purchase model (see {@link PurchaseStageModel} for the columns
 * it appends); saves the model as a clvkit model file inside its ML persistence folder, and loads
 * whichever continuous purchase model type the file holds.
 */
public final class ContinuousPurchasesModel extends PurchaseStageModel<ContinuousPurchasesModel> {
  private static final long serialVersionUID = 1L;

  /**
   * A stage without a model, which ML persistence creates and then completes; use {@link
   * ContinuousPurchases#fit} or {@link #load} instead.
   *
   * @param uid the stage's unique id
   */
  public ContinuousPurchasesModel(String uid) {
    super(uid, null);
  }

  ContinuousPurchasesModel(String uid, ContinuousPurchaseModel model) {
    super(uid, model);
  }

  @Override
  protected ContinuousPurchasesModel create(String uid, PurchaseModel model) {
    return new ContinuousPurchasesModel(uid, (ContinuousPurchaseModel) model);
  }

  /** The fitted model. */
  public ContinuousPurchaseModel model() {
    return (ContinuousPurchaseModel) purchaseModel();
  }

  /** The reader of saved stages, for ML persistence ({@code PipelineModel.load}). */
  public static MLReader<ContinuousPurchasesModel> read() {
    return ModelFolder.reader(
        ContinuousPurchaseModel.class, (stage, model) -> stage.withModel(model));
  }

  /**
   * Loads a stage saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static ContinuousPurchasesModel load(String path) {
    return read().load(path);
  }
}
