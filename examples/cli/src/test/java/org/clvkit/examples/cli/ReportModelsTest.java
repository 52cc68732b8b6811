package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.DiscretePurchaseModel;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;
import org.junit.jupiter.api.Test;

/** Which registered models the report compares by default. */
class ReportModelsTest {

  @Test
  void candidates_areTheRegistrysMaximumLikelihoodPurchaseModelsThatApply() {
    List<ModelType<? extends PurchaseModel>> continuous = ReportModels.candidates(false);
    List<ModelType<? extends PurchaseModel>> discrete = ReportModels.candidates(true);
    for (ModelType<? extends PurchaseModel> type : ModelTypes.all(PurchaseModel.class)) {
      boolean ml = type.estimation() == ModelType.Estimation.MAXIMUM_LIKELIHOOD;
      boolean isContinuous = ContinuousPurchaseModel.class.isAssignableFrom(type.modelClass());
      boolean isDiscrete = DiscretePurchaseModel.class.isAssignableFrom(type.modelClass());
      assertEquals(ml && isContinuous, continuous.contains(type), type.id());
      assertEquals(ml && (isContinuous || isDiscrete), discrete.contains(type), type.id());
    }
    assertTrue(continuous.contains(ModelTypes.get("pnbd")));
    assertTrue(!continuous.contains(ModelTypes.get("pnbd-hb")));
  }
}
