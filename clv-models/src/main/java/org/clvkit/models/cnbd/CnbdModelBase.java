package org.clvkit.models.cnbd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;

/**
 * What the MBG/CNBD-k and the BG/CNBD-k share: every formula, with δ ({@link #dropout}) telling
 * them apart. Immutable, thread-safe and {@link java.io.Serializable}.
 */
abstract sealed class CnbdModelBase implements ContinuousPurchaseModel
    permits MbgCnbdModel, BgCnbdModel {
  private static final long serialVersionUID = 1L;

  /** The parameter names, in BTYDplus's order. */
  static final List<String> NAMES = List.of("k", "r", "alpha", "a", "b");

  private final CnbdParameters parameters;
  private final FitReport report;
  private final int dropout;

  CnbdModelBase(CnbdParameters parameters, FitReport report, int dropout) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.report = report;
    this.dropout = dropout;
  }

  /** The parameters. */
  public CnbdParameters parameters() {
    return parameters;
  }

  /** The Erlang shape k, the degree of regularity (1 for exponential inter-purchase times). */
  public int k() {
    return parameters.k();
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /** {@code k, r, alpha, a, b}. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  /**
   * E[X(t)], the expected repeat purchases of a customer just acquired: Σ_{m≥1} P(X(t) ≥ m) =
   * Σ_{m≥1} E[(1−p)^{m−1+δ}] P(N(t) ≥ mk), with N(t) the Erlang phases in (0, t] (negative binomial
   * NB(r, α, t)), summed as an exact series over N (BTYDplus sums the pmf instead, {@code
   * xbgcnbd_exp_cpp}). 0 at t = 0.
   *
   * @param t horizon, finite and &gt;= 0
   * @throws org.clvkit.core.ClvArgumentException when the series would need more than 2e6 terms
   *     (the phase count's mean or spread beyond about 2e6 / 40)
   */
  @Override
  public double expectedPurchases(double t) {
    Checks.nonNegative("t", t);
    return CnbdFunctions.expectedPurchases(parameters, dropout, t);
  }

  /**
   * P(X(t) = n) of a customer just acquired (Platzer &amp; Reutterer 2016; BTYDplus {@code
   * xbgcnbd.pmf}): E[(1−p)^{n+δ}] P(kn ≤ N(t) &lt; kn+k) + [n &gt; 0 or δ = 1] E[p (1−p)^{n−1+δ}]
   * P(N(t) ≥ kn). At t = 0 it is 1 for n = 0 and 0 otherwise.
   *
   * @param n number of repeat purchases, &gt;= 0
   * @param t horizon, finite and &gt;= 0
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.nonNegative("n", n);
    Checks.nonNegative("t", t);
    return CnbdFunctions.probabilityOfPurchases(parameters, dropout, n, t);
  }

  /**
   * E[Y(t) | x, t_x, T], the expected purchases in the next t periods, computed exactly from the
   * model: P(alive) Σ_{j&lt;k} w_j Σ_n NB(n; r+kx+j, α+T, t) C(⌊(n+j)/k⌋), with w_j ∝ (r+kx)_j/j!
   * ((T−t_x)/(α+T))^j the posterior probability of being j phases into the current inter-purchase
   * time and C(M) = Σ_{m=1..M} B(a, b+x+δ+m−1)/B(a, b+x+δ) (see {@link CnbdFunctions}). For k = 1
   * it equals the BG/NBD's and MBG/NBD's closed forms. BTYDplus's {@code
   * xbgcnbd.ConditionalExpectedTransactions} instead approximates it for k &gt; 1 (the BG/NBD form
   * with α scaled by k, then scaled so that the cohort's total matches the unconditional
   * expectation), so the two differ for k &gt; 1.
   *
   * @param t horizon, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @throws org.clvkit.core.ClvArgumentException when the series would need more than 2e6 terms
   */
  @Override
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return CnbdFunctions.conditionalExpectedPurchases(
        parameters, dropout, t, frequency, recency, age);
  }

  /**
   * Probability that the customer is still alive {@code t} periods after the end of observation
   * (btyd's and pymc-marketing's {@code future_t}): alive at T, and no drop-out after any purchase
   * in (T, T+t], with the customer's phase within the current inter-purchase time, rate and
   * drop-out probability drawn from their posteriors given the history (formula in {@link
   * CnbdFunctions}); equals {@link #probabilityAlive(double, double, double)} at t = 0, falls with
   * t, and for k = 1 equals the MBG/NBD's (BG/NBD's) {@code probabilityAlive(t, …)}.
   *
   * @param t periods after the end of observation, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @throws org.clvkit.core.ClvArgumentException when the series would need more than 2e6 terms
   */
  public double probabilityAlive(double t, double frequency, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return CnbdFunctions.probabilityAliveAt(parameters, dropout, t, frequency, recency, age);
  }

  /**
   * P(alive at T | x, t_x, T) = 1 / (1 + [a/(b+x−1+δ)] ((α+T)/(α+t_x))^{r+kx} / Σ_{j&lt;k}
   * (r+kx)_j/j! ((T−t_x)/(α+T))^j) (BTYDplus {@code xbgcnbd.PAlive}), in logistic form; exactly 1
   * for the BG/CNBD-k at x = 0.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   */
  @Override
  public double probabilityAlive(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return CnbdFunctions.probabilityAlive(parameters, dropout, frequency, recency, age);
  }

  /**
   * The log-likelihood without the regularity term (k−1)·litt, that is {@link
   * #logLikelihood(double, double, double, double)} with litt = 0, as BTYDplus evaluates it when
   * the summary has no litt column. For k = 1 the term is 0 and this is the full log-likelihood;
   * for a fixed k it differs from the full one by a constant, so it ranks parameters at that k but
   * not different k.
   */
  @Override
  public double logLikelihood(double frequency, double recency, double age) {
    return logLikelihood(frequency, recency, age, 0.0);
  }

  /**
   * ln L(k, r, α, a, b | x, t_x, T, litt) (BTYDplus {@code xbgcnbd.LL}): the log-density of the
   * customer's purchase times in the model's period,
   *
   * <pre>
   *   (k−1) litt − x ln Γ(k) + ln B(a, b+x+δ) − ln B(a, b) + ln Γ(r+kx) − ln Γ(r) + r ln α
   *     + ln( S2 (α+T)^{−(r+kx)} + [δ = 1 or x &gt; 0] a/(b+x−1+δ) (α+t_x)^{−(r+kx)} ),
   * </pre>
   *
   * S2 = Σ_{j&lt;k} (r+kx)_j/j! ((T−t_x)/(α+T))^j, evaluated with log-sum-exp.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @param litt the sum of the logarithms of the x inter-purchase times, in the model's period;
   *     finite, and 0 when x = 0
   */
  public double logLikelihood(double frequency, double recency, double age, double litt) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    checkLitt(frequency, litt, -1);
    return CnbdFunctions.logLikelihood(parameters, dropout, frequency, recency, age, litt);
  }

  /**
   * The weighted sum of {@link #logLikelihood(double, double, double, double)} over the rows of
   * {@code data}, with one litt per row (for a compressed row, the mean litt of its customers).
   *
   * @param data the histories
   * @param litt one value per row of {@code data}
   */
  public double logLikelihood(CustomerHistories data, double[] litt) {
    Checks.notNull("data", data);
    Checks.notNull("litt", litt);
    Checks.sameLength("litt", litt.length, "frequency", data.size());
    double total = 0;
    for (int i = 0; i < data.size(); i++) {
      if (data.weight(i) > 0) {
        checkLitt(data.frequency(i), litt[i], i);
        total +=
            data.weight(i)
                * CnbdFunctions.logLikelihood(
                    parameters, dropout, data.frequency(i), data.recency(i), data.age(i), litt[i]);
      }
    }
    return total;
  }

  /** The rule on litt: finite, and 0 when there is no repeat purchase. */
  static void checkLitt(double frequency, double litt, int row) {
    String name = row < 0 ? "litt" : Checks.indexed("litt", row);
    Checks.finite(name, litt);
    if (frequency == 0 && litt != 0) {
      String f = row < 0 ? "frequency" : Checks.indexed("frequency", row);
      throw Checks.fail("%s = %s must be 0 when %s = 0", name, litt, f);
    }
  }

  @Override
  public void conditionalExpectedPurchases(
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    Checks.nonNegative("t", t);
    checkColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] =
          CnbdFunctions.conditionalExpectedPurchases(
              parameters, dropout, t, frequency[i], recency[i], age[i]);
    }
  }

  @Override
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    checkColumns(frequency, recency, age, out, from, to);
    for (int i = from; i < to; i++) {
      out[i] =
          CnbdFunctions.probabilityAlive(parameters, dropout, frequency[i], recency[i], age[i]);
    }
  }

  private static void checkColumns(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    Checks.notNull("frequency", frequency);
    Checks.notNull("recency", recency);
    Checks.notNull("age", age);
    Checks.notNull("out", out);
    Checks.sameLength("recency", recency.length, "frequency", frequency.length);
    Checks.sameLength("age", age.length, "frequency", frequency.length);
    Checks.range(from, to, frequency.length);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      CustomerHistories.validateRow(frequency[i], recency[i], age[i], i);
    }
  }

  /** For example {@code MBG/CNBD-k(k=2, r=0.5248, alpha=6.183, a=0.8914, b=1.614)}. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s(k=%d, r=%.4g, alpha=%.4g, a=%.4g, b=%.4g)",
        name(),
        parameters.k(),
        parameters.r(),
        parameters.alpha(),
        parameters.a(),
        parameters.b());
  }
}
