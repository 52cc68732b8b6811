package org.clvkit.models.mbgnbd;

import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.bgnbd.BgNbdFamilyModel;

/**
 * The MBG/NBD model of Batislam, Denizel &amp; Filiztekin (2007), "Empirical validation and
 * comparison of models for customer base analysis", International Journal of Research in Marketing
 * 24(3), 201–209, with the formulas as the R package BTYDplus implements them (its {@code
 * mbgcnbd.*} functions with k = 1); the s = 1 member of the {@link BgNbdFamilyModel BG/NBD family},
 * which evaluates them. Unlike the BG/NBD, a customer may drop out right after the first purchase,
 * so a customer with no repeat purchase is not certainly alive. Immutable, thread-safe and {@link
 * java.io.Serializable}; build one from known parameters with {@link #of(MbgNbdParameters)} or fit
 * one with {@link MbgNbdFitter}.
 *
 * <p>The formulas (x, t_x, T the customer's frequency, recency and age; z = t/(α+t)):
 *
 * <ul>
 *   <li>E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; z)] (Batislam et al. 2007).
 *   <li>P(X(t) = n) = B(a, b+n+1)/B(a, b) · NBD(n) + B(a+1, b+n)/B(a, b) · P(NBD &gt;= n): "alive
 *       after the first and n repeat purchases, and no further purchase" plus "dropped out right
 *       after the n-th" (for n = 0, right after the first purchase), with NBD the negative binomial
 *       distribution of counts in (0, t] of an always-alive customer; the MBG/NBD analogue of FHL
 *       2005 eq. 8 (BTYDplus {@code mbgcnbd.pmf}).
 *   <li>E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} 2F1(r+x, b+x+1; a+b+x;
 *       t/(α+T+t))] · P(alive) (BTYDplus {@code mbgcnbd.ConditionalExpectedTransactions}, k = 1).
 *   <li>P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}) (Batislam et al. 2007;
 *       BTYDplus {@code mbgcnbd.PAlive}, k = 1): below 1 also for frequency 0.
 *   <li>ln L(r, α, a, b | x, t_x, T) = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b) +
 *       ln[(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)] (BTYDplus {@code mbgcnbd.LL}, k = 1).
 * </ul>
 */
public final class MbgNbdModel extends BgNbdFamilyModel<MbgNbdParameters> {
  private static final long serialVersionUID = 1L;

  /**
   * The model's type: id {@code "mbgnbd"}, name {@code "MBG/NBD"}, parameters {@code r, alpha, a,
   * b}.
   */
  public static final ModelType<MbgNbdModel> TYPE =
      ModelType.of(
          "mbgnbd",
          "MBG/NBD",
          MbgNbdModel.class,
          List.of("r", "alpha", "a", "b"),
          (parameters, report, extras) -> new MbgNbdModel(MbgNbdParameters.of(parameters), report),
          MbgNbdFitter::create);

  private MbgNbdModel(MbgNbdParameters parameters, FitReport report) {
    super(parameters, report);
  }

  /** A model with known parameters and no fit report. */
  public static MbgNbdModel of(MbgNbdParameters parameters) {
    return new MbgNbdModel(parameters, null);
  }

  /**
   * A model with parameters and the report of the fit that produced them: made by {@link
   * MbgNbdFitter}, and by {@link org.clvkit.models.io.ModelFiles} when it loads a saved fitted
   * model.
   *
   * @param parameters the fitted parameters
   * @param report the fit's report
   */
  public static MbgNbdModel fitted(MbgNbdParameters parameters, FitReport report) {
    return new MbgNbdModel(parameters, Checks.notNull("report", report));
  }

  @Override
  public ModelType<MbgNbdModel> type() {
    return TYPE;
  }

  /** Rebuilds the derived constants after deserialization. */
  private Object readResolve() {
    return new MbgNbdModel(parameters(), fitReport().orElse(null));
  }
}
