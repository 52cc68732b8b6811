package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdModel;

/**
 * A fitted BG/NBD stage (see {@link PurchaseStageModel} for the columns it appends); saves the
 * model as a clvkit model file inside its ML persistence folder.
 */
public final class BgNbdPurchasesModel extends PurchaseStageModel<BgNbdPurchasesModel> {
  private static final long serialVersionUID = 1L;

  /**
   * A stage without a model, which ML persistence creates and then completes; use {@link
   * BgNbdPurchases#fit} or {@link #load} instead.
   *
   * @param uid the stage's unique id
   */
  public BgNbdPurchasesModel(String uid) {
    super(uid, null);
  }

  BgNbdPurchasesModel(String uid, BgNbdModel model) {
    super(uid, model);
  }

  @Override
  protected BgNbdPurchasesModel create(String uid, PurchaseModel model) {
    return new BgNbdPurchasesModel(uid, (BgNbdModel) model);
  }

  /** The fitted model. */
  public BgNbdModel model() {
    return (BgNbdModel) purchaseModel();
  }

  /** The reader of saved stages, for ML persistence ({@code PipelineModel.load}). */
  public static MLReader<BgNbdPurchasesModel> read() {
    return ModelFolder.reader(BgNbdModel.class, (stage, model) -> stage.withModel(model));
  }

  /**
   * Loads a stage saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static BgNbdPurchasesModel load(String path) {
    return read().load(path);
  }
}
