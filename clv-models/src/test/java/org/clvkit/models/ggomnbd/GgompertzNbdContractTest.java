package org.clvkit.models.ggomnbd;

import java.util.SplittableRandom;
import org.clvkit.models.ContinuousPurchaseModelContract;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitSettings;
import org.clvkit.models.PurchaseModel;

/** The {@link PurchaseModel} contract for the Gamma-Gompertz/NBD. */
class GgompertzNbdContractTest extends ContinuousPurchaseModelContract {

  @Override
  protected PurchaseModel model(double[] parameters) {
    return GgompertzNbdModel.of(GgompertzNbdParameters.of(parameters));
  }

  @Override
  protected int parameterCount() {
    return 5;
  }

  /**
   * Parameters with an interior maximum (CDNOW's is on the Pareto/NBD boundary b → 0): rising
   * hazard, a year's horizon.
   */
  @Override
  protected double[] typicalParameters() {
    return new double[] {0.8, 8.0, 0.05, 1.2, 2.0};
  }

  /**
   * The default fit with its starting points searched on a seeded 2,000-pattern sample from 10,000
   * patterns on (the recovery test's 20,000 customers): the final search still runs on every
   * pattern to the same convergence criteria, so the checks are those of a full fit, at a fraction
   * of the quadratures.
   */
  @Override
  protected PurchaseModel fit(CustomerHistories data) {
    return GgompertzNbdFitter.create()
        .withSettings(FitSettings.DEFAULT.withStartingPointSample(10_000, 2_000))
        .fit(data);
  }

  /** Ages like CDNOW's: customers joined uniformly over 12 weeks, observed for 52 to 64 weeks. */
  @Override
  protected CustomerHistories simulate(double[] parameters, int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 52 + 12 * random.nextDouble();
    }
    return GgompertzNbdSimulator.of(GgompertzNbdParameters.of(parameters), seed).histories(ages);
  }

  /** The typical parameters and a falling-hazard set (s &lt; 1, small b). */
  @Override
  protected double[][] distributionParameters() {
    return new double[][] {typicalParameters(), {0.55, 10.5, 0.02, 0.6, 0.4}};
  }
}
