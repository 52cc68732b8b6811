package org.clvkit.models.bgnbd;

import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;

/**
 * The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284, with the formulas of
 * Hardie's notes on the model; the s = 0 member of the {@link BgNbdFamilyModel BG/NBD family},
 * which evaluates them. Immutable, thread-safe and {@link java.io.Serializable}; build one from
 * known parameters with {@link #of(BgNbdParameters)} or fit one with {@link BgNbdFitter}.
 *
 * <p>The formulas (x, t_x, T the customer's frequency, recency and age; z = t/(α+t)):
 *
 * <ul>
 *   <li>E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; z)] (FHL 2005, eq. 9); when a
 *       + b &lt; 2, where the third argument of 2F1 could be 0 or negative, an equivalent form
 *       whose 2F1 have third argument a + b is used.
 *   <li>P(X(t) = n) = B(a, b+n)/B(a, b) · NBD(n) + δ(n &gt; 0) · B(a+1, b+n−1)/B(a, b) · P(NBD
 *       &gt;= n), with NBD the negative binomial distribution of counts in (0, t] of an
 *       always-alive customer (FHL 2005, eq. 8).
 *   <li>E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} 2F1(r+x, b+x; a+b+x−1;
 *       t/(α+T+t))] · P(alive) (FHL 2005, eq. 10).
 *   <li>P(alive | x, t_x, T) = 1 / (1 + δ(x &gt; 0) · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}) (Fader,
 *       Hardie &amp; Lee 2008, "Computing P(alive) using the BG/NBD model", Hardie's note 021):
 *       exactly 1 for frequency 0, since a customer can only drop out right after a repeat
 *       purchase.
 *   <li>ln L(r, α, a, b | x, t_x, T) (FHL 2005, section 7; Hardie's note 004).
 * </ul>
 */
public final class BgNbdModel extends BgNbdFamilyModel<BgNbdParameters> {
  private static final long serialVersionUID = 1L;

  /**
   * The model's type: id {@code "bgnbd"}, name {@code "BG/NBD"}, parameters {@code r, alpha, a, b}.
   */
  public static final ModelType<BgNbdModel> TYPE =
      ModelType.of(
          "bgnbd",
          "BG/NBD",
          BgNbdModel.class,
          List.of("r", "alpha", "a", "b"),
          (parameters, report, extras) -> new BgNbdModel(BgNbdParameters.of(parameters), report),
          BgNbdFitter::create);

  private BgNbdModel(BgNbdParameters parameters, FitReport report) {
    super(parameters, report);
  }

  /** A model with known parameters and no fit report. */
  public static BgNbdModel of(BgNbdParameters parameters) {
    return new BgNbdModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them: made by {@link
   * BgNbdFitter}, and by {@link org.clvkit.models.io.ModelFiles} when it loads a saved fitted
   * model.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static BgNbdModel fitted(BgNbdParameters parameters, FitReport report) {
    return new BgNbdModel(parameters, Checks.notNull("report", report));
  }

  @Override
  public ModelType<BgNbdModel> type() {
    return TYPE;
  }

  /** Rebuilds the derived constants after deserialization. */
  private Object readResolve() {
    return new BgNbdModel(parameters(), fitReport().orElse(null));
  }
}
