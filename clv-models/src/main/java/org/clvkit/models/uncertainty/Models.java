package org.clvkit.models.uncertainty;

import org.clvkit.core.Checks;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;

/**
 * Models of the same kind as a fitted one with other parameter values: the draws and the bootstrap
 * replicates are models built from known parameters (without a fit report).
 */
public final class Models {
  private Models() {}

  /**
   * A purchase model of the same kind as {@code like} with the given parameters, in the order of
   * {@link PurchaseModel#parameterNames()}.
   *
   * @throws org.clvkit.core.ClvArgumentException when the kind is not one of BG/NBD, MBG/NBD,
   *     Pareto/NBD and BG/BB, or a value is invalid for it
   */
  public static PurchaseModel withParameters(PurchaseModel like, double[] values) {
    Checks.notNull("like", like);
    Checks.notNull("values", values);
    if (like instanceof BgNbdModel) {
      return BgNbdModel.of(BgNbdParameters.of(values));
    }
    if (like instanceof MbgNbdModel) {
      return MbgNbdModel.of(MbgNbdParameters.of(values));
    }
    if (like instanceof ParetoNbdModel) {
      return ParetoNbdModel.of(ParetoNbdParameters.of(values));
    }
    if (like instanceof BgBbModel) {
      return BgBbModel.of(BgBbParameters.of(values));
    }
    throw Checks.fail(
        "like must be a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB model, was %s", like.name());
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
