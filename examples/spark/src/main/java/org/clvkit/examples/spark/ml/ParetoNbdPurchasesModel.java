package org.clvkit.examples.spark.ml;

import org.apache.spark.ml.util.MLReader;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;

/**
 * A fitted Pareto/NBD stage (see {@link PurchaseStageModel} for the columns it appends); saves the
 * model as a clvkit model file inside its ML persistence folder.
 */
public final class ParetoNbdPurchasesModel extends PurchaseStageModel<ParetoNbdPurchasesModel> {
  private static final long serialVersionUID = 1L;

  /**
   * A stage without a model, which ML persistence creates and then completes; use {@link
   * ParetoNbdPurchases#fit} or {@link #load} instead.
   *
   * @param uid the stage's unique id
   */
  public ParetoNbdPurchasesModel(String uid) {
    super(uid, null);
  }

  ParetoNbdPurchasesModel(String uid, ParetoNbdModel model) {
    super(uid, model);
  }

  @Override
  protected ParetoNbdPurchasesModel create(String uid, PurchaseModel model) {
    return new ParetoNbdPurchasesModel(uid, (ParetoNbdModel) model);
  }

  /** The fitted model. */
  public ParetoNbdModel model() {
    return (ParetoNbdModel) purchaseModel();
  }

  /** The reader of saved stages, for ML persistence ({@code PipelineModel.load}). */
  public static MLReader<ParetoNbdPurchasesModel> read() {
    return ModelFolder.reader(ParetoNbdModel.class, (stage, model) -> stage.withModel(model));
  }

  /**
   * Loads a stage saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static ParetoNbdPurchasesModel load(String path) {
    return read().load(path);
  }
}
