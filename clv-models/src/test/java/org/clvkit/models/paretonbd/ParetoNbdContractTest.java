package org.clvkit.models.paretonbd;

import org.clvkit.models.ContinuousPurchaseModelContract;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;

/** The Pareto/NBD against the properties every purchase model must have. */
class ParetoNbdContractTest extends ContinuousPurchaseModelContract {

  @Override
  protected PurchaseModel model(double[] parameters) {
    return ParetoNbdModel.of(ParetoNbdParameters.of(parameters));
  }

  @Override
  protected int parameterCount() {
    return 4;
  }

  /** The CDNOW estimates (Fader, Hardie &amp; Lee 2005), in weeks. */
  @Override
  protected double[] typicalParameters() {
    return new double[] {0.5533, 10.578, 0.6061, 11.669};
  }

  @Override
  protected PurchaseModel fit(CustomerHistories data) {
    return ParetoNbdFitter.create().fit(data);
  }

  /** Customers observed for 39 weeks, as in the CDNOW calibration period. */
  @Override
  protected CustomerHistories simulate(double[] parameters, int customers, long seed) {
    return ParetoNbdSimulator.of(ParetoNbdParameters.of(parameters), seed)
        .histories(customers, 39.0);
  }

  /** CDNOW's estimates and two sets with larger purchase rates and faster dropout. */
  @Override
  protected double[][] distributionParameters() {
    return new double[][] {
      {0.5533, 10.5776, 0.6061, 11.6650}, {0.8, 5.0, 1.3, 5.0}, {0.4, 3.0, 2.5, 40.0}
    };
  }
}
