package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.mbgnbd.MbgNbdModel;

/**
 * A fitted MBG/NBD stage (see {@link PurchaseStageModel} for the columns it appends); saves the
 * model as a clvkit model file inside its ML persistence folder.
 */
public final class MbgNbdPurchasesModel extends PurchaseStageModel<MbgNbdPurchasesModel> {
  private static final long serialVersionUID = 1L;

  /**
   * A stage without a model, which ML persistence creates and then completes; use {@link
   * MbgNbdPurchases#fit} or {@link #load} instead.
   *
   * @param uid the stage's unique id
   */
  public MbgNbdPurchasesModel(String uid) {
    super(uid, null);
  }

  MbgNbdPurchasesModel(String uid, MbgNbdModel model) {
    super(uid, model);
  }

  @Override
  protected MbgNbdPurchasesModel create(String uid, PurchaseModel model) {
    return new MbgNbdPurchasesModel(uid, (MbgNbdModel) model);
  }

  /** The fitted model. */
  public MbgNbdModel model() {
    return (MbgNbdModel) purchaseModel();
  }

  /** The reader of saved stages, for ML persistence ({@code PipelineModel.load}). */
  public static MLReader<MbgNbdPurchasesModel> read() {
    return ModelFolder.reader(MbgNbdModel.class, (stage, model) -> stage.withModel(model));
  }

  /**
   * Loads a stage saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static MbgNbdPurchasesModel load(String path) {
    return read().load(path);
  }
}
