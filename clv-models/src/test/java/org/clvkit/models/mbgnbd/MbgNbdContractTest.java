package org.clvkit.models.mbgnbd;

import java.util.SplittableRandom;
import org.clvkit.models.ContinuousPurchaseModelContract;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;

/** The {@link PurchaseModel} contract for the MBG/NBD. */
class MbgNbdContractTest extends ContinuousPurchaseModelContract {

  @Override
  protected PurchaseModel model(double[] parameters) {
    return MbgNbdModel.of(MbgNbdParameters.of(parameters));
  }

  @Override
  protected int parameterCount() {
    return 4;
  }

  @Override
  protected double[] typicalParameters() {
    return new double[] {0.5248, 6.1831, 0.8914, 1.6140};
  }

  @Override
  protected PurchaseModel fit(CustomerHistories data) {
    return MbgNbdFitter.create().fit(data);
  }

  /**
   * Ages like CDNOW's: customers joined uniformly over 12 weeks and were observed up to week 39.
   */
  @Override
  protected CustomerHistories simulate(double[] parameters, int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 27 + 12 * random.nextDouble();
    }
    return MbgNbdSimulator.of(MbgNbdParameters.of(parameters), seed).histories(ages);
  }
}
