package org.clvkit.models.uncertainty;

import org.clvkit.core.Checks;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;

/**
 * Models of the same kind as a fitted one with other parameter values: the draws and the bootstrap
 * replicates are models built from known parameters (without a fit report).
 */
public final class Models {
  private Models() {}

  /**
   * A purchase model of the same kind as {@code like} with the given parameters, in the order of
   * {@link PurchaseModel#parameterNames()}, built through its {@link org.clvkit.models.ModelType}
   * (so every registered purchase model works, BG/NBD to GGompertz/NBD).
   *
   * @throws org.clvkit.core.ClvArgumentException when a value is invalid for the kind, or there are
   *     not as many values as parameters
   */
  public static PurchaseModel withParameters(PurchaseModel like, double[] values) {
    Checks.notNull("like", like);
    Checks.notNull("values", values);
    return (PurchaseModel) like.type().model(values);
  }

  /** A Gamma-Gamma model with parameters {@code p, q, gamma}. */
  public static GammaGammaModel spendWithParameters(double[] values) {
    Checks.notNull("values", values);
    Checks.sameLength("values", values.length, "p, q, gamma", 3);
    return GammaGammaModel.of(new GammaGammaParameters(values[0], values[1], values[2]));
  }

  /** The Gamma-Gamma parameters {@code p, q, gamma} as an array. */
  static double[] spendValues(GammaGammaModel model) {
    GammaGammaParameters p = model.parameters();
    return new double[] {p.p(), p.q(), p.gamma()};
  }
}
