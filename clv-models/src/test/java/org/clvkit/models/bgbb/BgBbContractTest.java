package org.clvkit.models.bgbb;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.DiscretePurchaseModelContract;
import org.clvkit.models.PurchaseModel;

/** The {@link PurchaseModelContract} for the BG/BB model, in discrete time. */
class BgBbContractTest extends DiscretePurchaseModelContract {

  @Override
  protected PurchaseModel model(double[] parameters) {
    return BgBbModel.of(BgBbParameters.of(parameters));
  }

  @Override
  protected int parameterCount() {
    return 4;
  }

  /** Fader, Hardie &amp; Shang (2010), the donor cohort: 1.204, 0.750, 0.657, 2.783. */
  @Override
  protected double[] typicalParameters() {
    return new double[] {1.204, 0.750, 0.657, 2.783};
  }

  @Override
  protected PurchaseModel fit(CustomerHistories data) {
    return BgBbFitter.create().fit(data);
  }

  /** Six opportunities, as in the donor data. */
  @Override
  protected CustomerHistories simulate(double[] parameters, int customers, long seed) {
    return BgBbSimulator.of(BgBbParameters.of(parameters)).simulate(customers, 6, seed);
  }

  /** Finite sums of beta-binomial terms: 1e-11. */
  @Override
  protected double distributionTolerance() {
    return 1e-11;
  }
}
