package org.clvkit.examples.flink;

import org.clvkit.core.internal.Checks;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;

/**
 * Where the job gets its fitted model at start-up: the one place to change when fitted models can
 * be saved to and loaded from a file. Until then the model is built from parameters passed in
 * (fitted elsewhere, for example by the Spark example or {@code BgNbdFitter}).
 */
public final class ModelLoading {
  /**
   * BG/NBD parameters fitted on the CDNOW sample (weeks, 39-week calibration): Fader, Hardie and
   * Lee (2005), "Counting your customers the easy way", Marketing Science 24(2), section 7.
   */
  public static final BgNbdParameters CDNOW_BG_NBD =
      new BgNbdParameters(0.2426, 4.4136, 0.7929, 2.4259);

  /**
   * Gamma-Gamma parameters fitted on the 946 CDNOW repeat customers: Fader and Hardie (2013), "The
   * Gamma-Gamma model of monetary value".
   */
  public static final GammaGammaParameters CDNOW_GAMMA_GAMMA =
      new GammaGammaParameters(6.2493, 3.7443, 15.4443);

  private ModelLoading() {}

  /**
   * The model the job scores with, from its arguments.
   *
   * @param arguments the job's arguments
   * @return BG/NBD purchases and Gamma-Gamma spend, with the arguments' margin
   */
  public static CustomerLifetimeValue load(JobArguments arguments) {
    Checks.notNull("arguments", arguments);
    return fromParameters(arguments.bgNbd(), arguments.gammaGamma(), arguments.margin());
  }

  /**
   * A CLV model from known parameters.
   *
   * @param purchases BG/NBD parameters, in the period of the job's time scale
   * @param spend Gamma-Gamma parameters
   * @param margin share of spend kept as profit, in [0, 1] (1 for revenue)
   * @return the model
   */
  public static CustomerLifetimeValue fromParameters(
      BgNbdParameters purchases, GammaGammaParameters spend, double margin) {
    Checks.notNull("purchases", purchases);
    Checks.notNull("spend", spend);
    return CustomerLifetimeValue.of(BgNbdModel.of(purchases), GammaGammaModel.of(spend), margin);
  }
}
