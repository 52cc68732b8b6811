package org.clvkit.models.nbd;

import java.util.SplittableRandom;
import org.clvkit.models.ContinuousPurchaseModelContract;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;

/** The {@link PurchaseModel} contract for the NBD. */
class NbdContractTest extends ContinuousPurchaseModelContract {

  @Override
  protected PurchaseModel model(double[] parameters) {
    return NbdModel.of(NbdParameters.of(parameters));
  }

  @Override
  protected int parameterCount() {
    return 2;
  }

  /** The CDNOW fit (nbd_cdnow.csv). */
  @Override
  protected double[] typicalParameters() {
    return new double[] {0.3848, 12.072};
  }

  @Override
  protected PurchaseModel fit(CustomerHistories data) {
    return NbdFitter.create().fit(data);
  }

  /** Ages like CDNOW's: customers joined uniformly over 12 weeks and were observed to week 39. */
  @Override
  protected CustomerHistories simulate(double[] parameters, int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 27 + 12 * random.nextDouble();
    }
    return NbdSimulator.of(NbdParameters.of(parameters), seed).histories(ages);
  }

  /** Closed forms on both sides: 1e-10. */
  @Override
  protected double distributionTolerance() {
    return 1e-10;
  }
}
