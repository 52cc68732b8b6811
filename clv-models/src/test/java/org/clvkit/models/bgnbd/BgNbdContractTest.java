package org.clvkit.models.bgnbd;

import java.util.SplittableRandom;
import org.clvkit.models.ContinuousPurchaseModelContract;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;

/** The {@link PurchaseModel} contract for the BG/NBD. */
class BgNbdContractTest extends ContinuousPurchaseModelContract {

  /**
   * Ages like CDNOW's: customers joined uniformly over 12 weeks and were observed up to week 39.
   */
  static double[] cdnowLikeAges(int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 27 + 12 * random.nextDouble();
    }
    return ages;
  }

  @Override
  protected PurchaseModel model(double[] parameters) {
    return BgNbdModel.of(BgNbdParameters.of(parameters));
  }

  @Override
  protected int parameterCount() {
    return 4;
  }

  @Override
  protected double[] typicalParameters() {
    return new double[] {0.2426, 4.4136, 0.7929, 2.4259};
  }

  @Override
  protected PurchaseModel fit(CustomerHistories data) {
    return BgNbdFitter.create().fit(data);
  }

  @Override
  protected CustomerHistories simulate(double[] parameters, int customers, long seed) {
    return BgNbdSimulator.of(BgNbdParameters.of(parameters), seed)
        .histories(cdnowLikeAges(customers, seed));
  }
}
