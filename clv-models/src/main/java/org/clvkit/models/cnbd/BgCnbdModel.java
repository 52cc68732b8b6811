package org.clvkit.models.cnbd;

import org.clvkit.core.Checks;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;

/**
 * The BG/CNBD-k model (Platzer &amp; Reutterer 2016, "Ticking away the moments: timing regularity
 * helps to better predict customer activity", Marketing Science 35(5), 779–799; Reutterer, Platzer
 * &amp; Schröder 2021, IJRM 38(1), 194–215), with the formulas of the R package BTYDplus ({@code
 * bgcnbd.*}). Inter-purchase times are Erlang-k with rate λ ~ Gamma(r, α) per phase, and a customer
 * drops out for good with probability p ~ Beta(a, b) after each repeat purchase (not at the first
 * purchase, so a customer without repeat purchases is alive). With k = 1 it is the BG/NBD (Fader,
 * Hardie &amp; Lee 2005). Immutable, thread-safe and {@link java.io.Serializable}; build one with
 * {@link #of(CnbdParameters)} or fit one with {@link BgCnbdFitter}.
 *
 * <p>Customer histories are {@code frequency, recency, age} (x, t_x, T) in the period the
 * parameters are in, checked by {@link org.clvkit.models.CustomerHistories#validateRow}; the full
 * log-likelihood also needs litt, the sum of the logarithms of the customer's x inter-purchase
 * times (BTYDplus's {@code litt}), see {@link #logLikelihood(double, double, double, double)}.
 */
public final class BgCnbdModel extends CnbdModelBase {
  private static final long serialVersionUID = 1L;

  /** The model's name in reports. */
  public static final String NAME = "BG/CNBD-k";

  /**
   * The model's type: id {@code "bgcnbd"}, name {@code "BG/CNBD-k"}, parameters {@code k, r, alpha,
   * a, b} (BTYDplus's order; k a whole number).
   */
  public static final ModelType<BgCnbdModel> TYPE =
      ModelType.of(
          "bgcnbd",
          NAME,
          BgCnbdModel.class,
          NAMES,
          (parameters, report, extras) -> new BgCnbdModel(CnbdParameters.of(parameters), report),
          BgCnbdFitter::create);

  private BgCnbdModel(CnbdParameters parameters, FitReport report) {
    super(parameters, report, 0);
  }

  /** A model with known parameters and no fit report. */
  public static BgCnbdModel of(CnbdParameters parameters) {
    return new BgCnbdModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static BgCnbdModel fitted(CnbdParameters parameters, FitReport report) {
    return new BgCnbdModel(parameters, Checks.notNull("report", report));
  }

  /** {@link #TYPE}. */
  @Override
  public ModelType<BgCnbdModel> type() {
    return TYPE;
  }
}
