package org.clvkit.models.cnbd;

import org.clvkit.core.Checks;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;

/**
 * The MBG/CNBD-k model (Platzer &amp; Reutterer 2016, "Ticking away the moments: timing regularity
 * helps to better predict customer activity", Marketing Science 35(5), 779–799; Reutterer, Platzer
 * &amp; Schröder 2021, "Leveraging purchase regularity for predicting customer behavior the easy
 * way", IJRM 38(1), 194–215), with the formulas of the R package BTYDplus ({@code mbgcnbd.*}).
 * Inter-purchase times are Erlang-k with rate λ ~ Gamma(r, α) per phase, and a customer drops out
 * for good with probability p ~ Beta(a, b) after each purchase, the first one included (so a
 * customer without repeat purchases is not certainly alive). With k = 1 it is the MBG/NBD
 * (Batislam, Denizel &amp; Filiztekin 2007). Immutable, thread-safe and {@link
 * java.io.Serializable}; build one with {@link #of(CnbdParameters)} or fit one with {@link
 * MbgCnbdFitter}.
 *
 * <p>Customer histories are {@code frequency, recency, age} (x, t_x, T) in the period the
 * parameters are in, checked by {@link org.clvkit.models.CustomerHistories#validateRow}; the full
 * log-likelihood also needs litt, the sum of the logarithms of the customer's x inter-purchase
 * times (BTYDplus's {@code litt}), see {@link #logLikelihood(double, double, double, double)}.
 */
public final class MbgCnbdModel extends CnbdModelBase {
  private static final long serialVersionUID = 1L;

  /** The model's name in reports. */
  public static final String NAME = "MBG/CNBD-k";

  /**
   * The model's type: id {@code "mbgcnbd"}, name {@code "MBG/CNBD-k"}, parameters {@code k, r,
   * alpha, a, b} (BTYDplus's order; k a whole number).
   */
  public static final ModelType<MbgCnbdModel> TYPE =
      ModelType.of(
          "mbgcnbd",
          NAME,
          MbgCnbdModel.class,
          NAMES,
          (parameters, report, extras) -> new MbgCnbdModel(CnbdParameters.of(parameters), report),
          MbgCnbdFitter::create);

  private MbgCnbdModel(CnbdParameters parameters, FitReport report) {
    super(parameters, report, 1);
  }

  /** A model with known parameters and no fit report. */
  public static MbgCnbdModel of(CnbdParameters parameters) {
    return new MbgCnbdModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static MbgCnbdModel fitted(CnbdParameters parameters, FitReport report) {
    return new MbgCnbdModel(parameters, Checks.notNull("report", report));
  }

  /** {@link #TYPE}. */
  @Override
  public ModelType<MbgCnbdModel> type() {
    return TYPE;
  }
}
