package org.clvkit.models.internal;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Per-customer quantities of the BG/NBD (Fader, Hardie &amp; Lee 2005, Marketing Science 24(2)) and
 * the MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007, IJRM 24(3)) for one parameter set, with the
 * parameter constants computed once. The two models differ only in a shift s (0 for the BG/NBD, 1
 * for the MBG/NBD, whose customers may also drop out right after the first purchase at time 0).
 * Immutable and thread-safe; not API. The public methods validate their inputs with the messages of
 * {@link CustomerHistories#validateRow} and {@code Checks}; batch methods validate every row of
 * their range before writing anything and share the private kernels with the per-customer methods,
 * so that the results agree bit for bit. Notation: x repeat purchases, t_x the time of the last, T
 * the age, all in the parameters' time unit.
 */
public final class BgNbdFunctions {
  /**
   * Within this distance δ of a = 1 the closed forms of the expectations, which divide by a − 1,
   * are replaced by cubic interpolation through a = 1 ± δ and 1 ± 2δ (the expectation is analytic
   * in a). The interpolation error, of order δ⁴ times the fourth a-derivative, is below 1e-11
   * relative, but the closed forms at 1 ± δ lose digits to cancellation when t is small against α:
   * below 1e-7 relative overall.
   */
  static final double A_NEAR_ONE = 1e-4;

  private final double r;
  private final double alpha;
  private final double a;
  private final double b;
  private final int shift;
  private final double logA;
  private final double logBetaAB;
  private final double logGammaR;

  private BgNbdFunctions(double r, double alpha, double a, double b, int shift) {
    this.r = r;
    this.alpha = alpha;
    this.a = a;
    this.b = b;
    this.shift = shift;
    this.logA = Math.log(a);
    this.logBetaAB = Beta.logBeta(a, b);
    this.logGammaR = Gamma.logGamma(r);
  }

  /** The BG/NBD functions for finite positive parameters. */
  public static BgNbdFunctions bgNbd(double r, double alpha, double a, double b) {
    return new BgNbdFunctions(r, alpha, a, b, 0);
  }

  /** The MBG/NBD functions for finite positive parameters. */
  public static BgNbdFunctions mbgNbd(double r, double alpha, double a, double b) {
    return new BgNbdFunctions(r, alpha, a, b, 1);
  }

  /**
   * One customer's log-likelihood (the density of the purchase times): FHL 2005 section 7, or its
   * MBG/NBD form with B(a, b+x+1) and a/(b+x) (BTYDplus {@code mbgcnbd.LL} with k = 1), via a
   * log-sum-exp.
   */
  private double logLikelihoodKernel(double x, double recency, double age) {
    int s = shift;
    double head = Gamma.logGamma(r + x) - logGammaR + Beta.logBeta(a, b + x + s) - logBetaAB;
    // r ln α − (r+x) ln(α+T) = −r log1p(T/α) − x ln(α+T), without cancellation for small T/α.
    double alive = -r * Math.log1p(age / alpha) - (x == 0 ? 0 : x * Math.log(alpha + age));
    if (x + s == 0) {
      return head + alive;
    }
    double gone =
        logA
            - Math.log(b + x + s - 1)
            - r * Math.log1p(recency / alpha)
            - (x == 0 ? 0 : x * Math.log(alpha + recency));
    double max = Math.max(alive, gone);
    return head + max + Math.log1p(Math.exp(-Math.abs(alive - gone)));
  }

  /**
   * P(alive at T | x, t_x, T) in logistic form, 1 / (1 + exp(L)) with L = ln(a / (b+x+s−1)) + (r+x)
   * ln((α+T)/(α+t_x)) (Fader, Hardie &amp; Lee 2008, "Computing P(alive) using the BG/NBD model";
   * for the BG/NBD 1 when x = 0; BTYDplus {@code mbgcnbd.PAlive} with k = 1 for the MBG/NBD).
   */
  private double aliveKernel(double x, double recency, double age) {
    if (x + shift == 0) {
      return 1.0;
    }
    return alive(oddsHead(x), x, recency, age);
  }

  /** The history-free part of the log-odds of P(alive), ln(a / (b+x+s−1)), for x + s &gt; 0. */
  private double oddsHead(double x) {
    return logA - Math.log(b + x + shift - 1);
  }

  /**
   * P(alive) for x + s &gt; 0 from {@code head = oddsHead(x)}, which batch methods take from a
   * per-frequency table: the same arithmetic, so the same bits, as {@link #aliveKernel}.
   */
  private double alive(double head, double x, double recency, double age) {
    double logOdds = head + (r + x) * Math.log1p((age - recency) / (alpha + recency));
    return 1 / (1 + Math.exp(logOdds));
  }

  /**
   * E[Y(t) | x, t_x, T], the expected purchases in (T, T+t]: P(alive) times the expectation for an
   * alive customer whose posterior is Gamma(r+x, α+T) and Beta(a, b+x+s). This is FHL 2005 eq. 10,
   * and the BTYDplus MBG/NBD form for s = 1; with x = t_x = T = 0 it is E[X(t)] (FHL 2005 eq. 9).
   */
  private double expectedKernel(double t, double x, double recency, double age) {
    if (t == 0) {
      return 0.0;
    }
    double alive = aliveKernel(x, recency, age);
    if (alive == 0) {
      return 0.0;
    }
    return alive * aliveExpectation(r + x, alpha + age, a, b + x + shift, t);
  }

  /** E[X(t)] for a new customer: the conditional expectation at x = t_x = T = 0. */
  public double expectedPurchases(double t) {
    Checks.nonNegative("t", t);
    return expectedKernel(t, 0, 0, 0);
  }

  /** The checked per-customer form of {@link #logLikelihoodKernel}. */
  public double logLikelihood(double x, double recency, double age) {
    CustomerHistories.validateRow(x, recency, age, -1);
    return logLikelihoodKernel(x, recency, age);
  }

  /** The weighted sum of the customers' log-likelihoods. */
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum += data.weight(i) * logLikelihoodKernel(data.frequency(i), data.recency(i), data.age(i));
    }
    return sum;
  }

  /** The checked per-customer form of {@link #aliveKernel}. */
  public double probabilityAlive(double x, double recency, double age) {
    CustomerHistories.validateRow(x, recency, age, -1);
    return aliveKernel(x, recency, age);
  }

  /**
   * P(alive at T + t | x, t_x, T): alive at T, and no dropout after any of the Poisson(λt)
   * purchases in (T, T+t], whose probability e^{−λpt} averages over the alive customer's posterior
   * Gamma(r+x, α+T) × Beta(a, b+x+s) to 2F1(r+x, a; a+b+x+s; −u), u = t/(α+T). Evaluated by Pfaff's
   * transformation as (1+u)^{−(r+x)} 2F1(r+x, b+x+s; a+b+x+s; u/(1+u)) (all parameters positive,
   * the argument in [0, 1), 1 − z = 1/(1+u) passed exactly). Exactly P(alive) at t = 0.
   */
  public double probabilityAlive(double t, double x, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(x, recency, age, -1);
    double alive = aliveKernel(x, recency, age);
    if (t == 0 || alive == 0) {
      return alive;
    }
    double u = t / (alpha + age);
    double rx = r + x;
    double logSurvival =
        -rx * Math.log1p(u)
            + Hypergeometric.log2F1OneMinus(rx, b + x + shift, a + b + x + shift, 1 / (1 + u));
    return alive * Math.exp(logSurvival);
  }

  /** The checked per-customer form of {@link #expectedKernel}. */
  public double conditionalExpectedPurchases(double t, double x, double recency, double age) {
    Checks.nonNegative("t", t);
    CustomerHistories.validateRow(x, recency, age, -1);
    return expectedKernel(t, x, recency, age);
  }

  /**
   * Batch P(alive) over rows {@code [from, to)}: validates every row first, then fills {@code out}.
   */
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    checkColumns(frequency, recency, age, out, from, to);
    OddsHeads heads = new OddsHeads();
    for (int i = from; i < to; i++) {
      double x = frequency[i];
      out[i] = x + shift == 0 ? 1.0 : alive(heads.get(x), x, recency[i], age[i]);
    }
  }

  /**
   * Batch E[Y(t) | ...] over rows {@code [from, to)}: validates every row first, then fills {@code
   * out}.
   */
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
    if (t == 0) {
      java.util.Arrays.fill(out, from, to, 0.0);
      return;
    }
    // expectedKernel row by row, with P(alive)'s head per frequency and the alive customer's
    // expectation, which depends on (x, T) only, computed once per distinct pattern.
    OddsHeads heads = new OddsHeads();
    PatternCache memo = new PatternCache(to - from);
    for (int i = from; i < to; i++) {
      double x = frequency[i];
      double T = age[i];
      double alive = x + shift == 0 ? 1.0 : alive(heads.get(x), x, recency[i], T);
      if (alive == 0) {
        out[i] = 0.0;
        continue;
      }
      double expectation = memo.get(x, T);
      if (Double.isNaN(expectation)) {
        expectation = aliveExpectation(r + x, alpha + T, a, b + x + shift, t);
        memo.put(x, T, expectation);
      }
      out[i] = alive * expectation;
    }
  }

  /**
   * Discounted expected purchases over whole periods, Σ_{k=1..n} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k
   * for one customer: P(alive) times the alive customer's discounted expectation, which depends on
   * (x, T) only. That is one power series for all periods when n/(α+T) &lt;= 1/2 ({@link
   * BgNbdDiscountSeries}), and otherwise the sum period by period of {@code
   * PurchaseModel.discountedExpectedPurchases}'s default with P(alive) taken out of the sum ({@link
   * #discountedPerPeriod}); both agree with the default to about 1e-14 relative (the series is the
   * more accurate near a = 1, where the per-period closed form is interpolated).
   */
  public double discountedExpectedPurchases(
      int periods, double discountRate, double x, double recency, double age) {
    DiscountRates.check(periods, discountRate);
    CustomerHistories.validateRow(x, recency, age, -1);
    if (periods == 0) {
      return 0.0;
    }
    BgNbdDiscountSeries series = new BgNbdDiscountSeries(r, a, b, shift, periods, discountRate);
    double alive = aliveKernel(x, recency, age);
    return discounted(series, periods, discountRate, alive, x, age, null);
  }

  /**
   * Batch form of {@link #discountedExpectedPurchases(int, double, double, double, double)} over
   * rows {@code [from, to)}: validates every row first, then fills {@code out}; the series'
   * coefficients are built once per distinct frequency, and the alive customer's discounted
   * expectation period by period once per distinct (x, T) pattern ({@link PatternCache}).
   */
  public void discountedExpectedPurchases(
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    DiscountRates.check(periods, discountRate);
    checkColumns(frequency, recency, age, out, from, to);
    if (periods == 0) {
      java.util.Arrays.fill(out, from, to, 0.0);
      return;
    }
    BgNbdDiscountSeries series = new BgNbdDiscountSeries(r, a, b, shift, periods, discountRate);
    OddsHeads heads = new OddsHeads();
    PatternCache memo = new PatternCache(to - from);
    for (int i = from; i < to; i++) {
      double x = frequency[i];
      double alive = x + shift == 0 ? 1.0 : alive(heads.get(x), x, recency[i], age[i]);
      out[i] = discounted(series, periods, discountRate, alive, x, age[i], memo);
    }
  }

  /**
   * The kernel of the discounted expectation on validated input, periods &gt; 0: P(alive) times the
   * alive customer's discounted expectation, by the series or period by period. The memo (null for
   * one customer) keeps the per-period sums by (x, T); the value is the same either way.
   */
  private double discounted(
      BgNbdDiscountSeries series,
      int periods,
      double discountRate,
      double alive,
      double x,
      double age,
      PatternCache memo) {
    double u = periods / (alpha + age);
    if (u <= BgNbdDiscountSeries.MAX_U) {
      double[] g = series.coefficients(x);
      if (g.length > 0) {
        return alive == 0 ? 0.0 : alive * BgNbdDiscountSeries.evaluate(g, u);
      }
    }
    if (alive == 0) {
      return 0.0;
    }
    double sum = memo == null ? Double.NaN : memo.get(x, age);
    if (Double.isNaN(sum)) {
      sum = aliveDiscountedPerPeriod(periods, discountRate, x, age);
      if (memo != null) {
        memo.put(x, age, sum);
      }
    }
    return alive * sum;
  }

  /**
   * {@code PurchaseModel.discountedExpectedPurchases}'s default, Σ_{k=1..n} (E[Y(k)] − E[Y(k−1)]) /
   * (1+d)^k, period by period on validated input, with P(alive), a common factor of every E[Y(k)],
   * taken out of the sum: P(alive) · Σ (A(k) − A(k−1)) / (1+d)^k, A the alive customer's
   * expectation. The same value as the default up to rounding (a few ulps).
   */
  double discountedPerPeriod(
      int periods, double discountRate, double x, double recency, double age) {
    double alive = aliveKernel(x, recency, age);
    return alive == 0 ? 0.0 : alive * aliveDiscountedPerPeriod(periods, discountRate, x, age);
  }

  /** Σ_{k=1..n} (A(k) − A(k−1)) / (1+d)^k for an alive customer: depends on (x, T) only. */
  private double aliveDiscountedPerPeriod(int periods, double discountRate, double x, double age) {
    double total = 0;
    double previous = 0;
    double factor = 1;
    for (int k = 1; k <= periods; k++) {
      factor /= 1 + discountRate;
      double cumulative = aliveExpectation(r + x, alpha + age, a, b + x + shift, k);
      total += (cumulative - previous) * factor;
      previous = cumulative;
    }
    return total;
  }

  /** ln(a / (b+x+s−1)) per whole frequency, computed on first use; one per batch call. */
  private final class OddsHeads {
    private static final int SIZE = 1024;
    private final double[] heads = new double[SIZE];
    private final boolean[] known = new boolean[SIZE];

    double get(double x) {
      if (!(x < SIZE)) {
        return oddsHead(x);
      }
      int i = (int) x;
      if (!known[i]) {
        heads[i] = oddsHead(x);
        known[i] = true;
      }
      return heads[i];
    }
  }

  /**
   * Checks the columns of a batch call: not null, recency and age as long as frequency, the range
   * within the inputs and {@code out}, and every row in the range valid ({@link
   * CustomerHistories#validateRow}).
   */
  static void checkColumns(
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

  /**
   * P(X(t) = n) for a new customer (FHL 2005 eq. 8 for s = 0):
   *
   * <pre>
   * B(a, b+n+s)/B(a, b) · NBD(n; r, α, t)
   *     + δ(n+s &gt; 0) · B(a+1, b+n+s−1)/B(a, b) · P(NBD(r, α, t) &gt;= n)
   * </pre>
   *
   * where NBD(n) = Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n and its upper tail is the regularised
   * incomplete beta function I_{t/(α+t)}(n, r). For the MBG/NBD (s = 1) the first term is "alive
   * after n purchases and no further one", the second "dropped out right after the n-th".
   */
  public double probabilityOfPurchases(int n, double t) {
    Checks.nonNegative("n", n);
    Checks.nonNegative("t", t);
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    int s = shift;
    double logQ = -Math.log1p(t / alpha);
    double z = t / (alpha + t);
    double logNbd =
        Gamma.logGamma(r + n)
            - logGammaR
            - Gamma.logGamma(n + 1.0)
            + r * logQ
            + (n == 0 ? 0 : n * Math.log(z));
    double p = Math.exp(Beta.logBeta(a, b + n + s) - logBetaAB + logNbd);
    if (n + s > 0) {
      double tail = n == 0 ? 1.0 : Beta.regularizedBeta(z, n, r);
      p += Math.exp(Beta.logBeta(a + 1, b + n + s - 1) - logBetaAB) * tail;
    }
    return p;
  }

  /**
   * The expected purchases in (0, t] of a customer alive at 0 with purchase rate λ ~ Gamma(r, α)
   * who drops out with probability p ~ Beta(a, b) after each purchase: E[(1 − e^{−λpt}) / p] =
   * (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; z)], z = t/(α+t) (FHL 2005 eq. 9).
   *
   * <p>The closed form needs c = a+b−1 &gt; 0. When a + b &lt; 2 it is replaced by the identity
   * (from p^{a−2}(1−p)^{b−1} = p^{a−2}(1−p)^b + p^{a−1}(1−p)^{b−1} and Pfaff's transformation)
   *
   * <pre>
   * G(a, b) = b/(a−1) · [1 − (1−z)^r 2F1(r, b+1; a+b; z)] + 1 − (1−z)^r 2F1(r, b; a+b; z)
   * </pre>
   *
   * whose hypergeometric functions have c = a+b &gt; 0 for every a, b &gt; 0. Each bracket is
   * evaluated as {@code −expm1(r ln(1−z) + ln 2F1)}. Near a = 1 (removable singularity) see {@link
   * #A_NEAR_ONE}.
   *
   * <p>For t &lt;= α/2 the expectation is first summed as a series in t/α ({@link #pfaffSeries}),
   * which is faster there and exact to a few ulps.
   */
  static double aliveExpectation(double r, double alpha, double a, double b, double t) {
    double u = t / alpha;
    if (u <= PFAFF_MAX_U) {
      double value = pfaffSeries(r, a, b, u);
      if (!Double.isNaN(value)) {
        return value;
      }
    }
    try {
      double value;
      if (Math.abs(a - 1) < A_NEAR_ONE) {
        // Cubic Lagrange interpolation in s = (a − 1)/δ through s = −2, −1, 1, 2.
        double x = (a - 1) / A_NEAR_ONE;
        double g2 = closedForm(r, alpha, 1 - 2 * A_NEAR_ONE, b, t);
        double g1 = closedForm(r, alpha, 1 - A_NEAR_ONE, b, t);
        double h1 = closedForm(r, alpha, 1 + A_NEAR_ONE, b, t);
        double h2 = closedForm(r, alpha, 1 + 2 * A_NEAR_ONE, b, t);
        value =
            g2 * (x + 1) * (x - 1) * (x - 2) / -12
                + g1 * (x + 2) * (x - 1) * (x - 2) / 6
                + h1 * (x + 2) * (x + 1) * (x - 2) / -6
                + h2 * (x + 2) * (x + 1) * (x - 1) / 12;
      } else {
        value = closedForm(r, alpha, a, b, t);
      }
      if (value >= 0 && value < Double.POSITIVE_INFINITY) {
        return value;
      }
    } catch (ArithmeticException e) {
      // 2F1 did not converge (extreme parameters with 1 − z near 0): integrate instead.
    }
    return byQuadrature(r, t / alpha, a, b);
  }

  /** The largest u = t/α for which {@link #aliveExpectation} sums the series in u. */
  static final double PFAFF_MAX_U = 0.5;

  /** Relative size of the neglected tail of the series in u. */
  private static final double PFAFF_TAIL = 0x1p-56;

  /** Largest accepted Σ|terms| / |sum| of the series in u (at most ~1e-14 lost to rounding). */
  private static final double PFAFF_CANCELLATION = 64;

  /** Most terms of the series in u. */
  private static final int PFAFF_TERMS = 500;

  /**
   * The alive customer's expectation as the alternating series Σ_{m≥1} p_m u^m in u = t/α, with p_1
   * = r and p_{m+1} = −p_m (r+m)(a+m−1) / ((c+m)(m+1)), c = a+b−1 (Pfaff's transformation of FHL
   * 2005 eq. 9, DLMF 15.8.1: (1−z)^r 2F1(r, b; c; z) = 2F1(r, a−1; c; −u) since c − b = a − 1; then
   * (a−1)_m / (a−1) = (a)_{m−1} and (c)_m = c (c+1)_{m−1} cancel the division by a − 1 and by c).
   * Convergent for u &lt; 1 and used for u &lt;= 1/2, where it needs no power, logarithm or special
   * case near a = 1 or for a + b &lt; 2, and is accurate to a few ulps where the closed form loses
   * digits to cancellation (small u). After term m the tail is bounded geometrically by the ratio
   * bound 1 + P⁺/(c+m) + Q⁺/((c+m)(m+1)), P = r+a−c−2, Q = r(a−1)−c, which decreases in m. NaN (the
   * caller then uses the closed form) when the terms cancel by more than {@link
   * #PFAFF_CANCELLATION} or the series needs more than {@link #PFAFF_TERMS} terms.
   */
  static double pfaffSeries(double r, double a, double b, double u) {
    double c = a + b - 1;
    double bigP = Math.max(r + a - c - 2, 0);
    double bigQ = Math.max(r * (a - 1) - c, 0);
    double p = r;
    double power = u;
    double sum = 0;
    double absSum = 0;
    for (int m = 1; m <= PFAFF_TERMS; m++) {
      double term = p * power;
      sum += term;
      absSum += Math.abs(term);
      if (!(absSum < Double.POSITIVE_INFINITY)) {
        return Double.NaN;
      }
      double bound = (1 + bigP / (c + m) + bigQ / ((c + m) * (m + 1.0))) * u;
      if (bound < 1 && Math.abs(term) * bound <= PFAFF_TAIL * Math.abs(sum) * (1 - bound)) {
        return sum > 0 && absSum <= PFAFF_CANCELLATION * sum ? sum : Double.NaN;
      }
      p = -p * (r + m) * (a + m - 1) / ((c + m) * (m + 1.0));
      power *= u;
    }
    return Double.NaN;
  }

  private static double closedForm(double r, double alpha, double a, double b, double t) {
    // 1 − z = α/(α+t), passed as such so that it keeps its precision near z = 1.
    double oneMinusZ = alpha / (alpha + t);
    double head = -r * Math.log1p(t / alpha);
    if (a + b >= 2) {
      double c = a + b - 1;
      return c / (a - 1) * -Math.expm1(head + Hypergeometric.log2F1OneMinus(r, b, c, oneMinusZ));
    }
    double c = a + b;
    return b / (a - 1) * -Math.expm1(head + Hypergeometric.log2F1OneMinus(r, b + 1, c, oneMinusZ))
        - Math.expm1(head + Hypergeometric.log2F1OneMinus(r, b, c, oneMinusZ));
  }

  /** Relative size below which the quadrature's tail terms are dropped. */
  private static final double QUADRATURE_TOLERANCE = 1e-17;

  /** Cap on the quadrature's nodes on each side of the mode (never reached in practice). */
  private static final int QUADRATURE_CAP = 1_000_000;

  /**
   * {@link #aliveExpectation} as an integral over the dropout probability p ~ Beta(a, b), for the
   * corners where the hypergeometric series cannot converge: E[m(p)] with m(p) = (1 − (1+pu)^{−r})
   * / p, u = t/α, integrated by the trapezoidal rule on the whole line in the logit y of p (p =
   * 1/(1 + e^{−y}), density p^a (1−p)^b / B(a, b) in y), which converges geometrically for analytic
   * integrands (Trefethen &amp; Weideman 2014, "The exponentially convergent trapezoidal rule",
   * SIAM Review 56(3)). The step is 1/4, or half the density's width sqrt(1/a + 1/b) if smaller;
   * the walk starts at the density's mode ln(a/b) and stops on each side when the remaining tail is
   * bounded below 1e-17 of the sum (the density is log-concave in y).
   *
   * <p>When a, b &gt;= 1 the density's tails fall at least like e^{−|y|} and the integral is
   * normalised by the same rule's integral of the density, which cancels the rounding of B(a, b).
   * When a or b is below 1 a tail falls slowly, and m0 (1−p) + m1 p, with m0 = m(0) = ru and m1 =
   * m(1), whose mean is known, is subtracted from m so that the integrand vanishes linearly at both
   * ends.
   */
  static double byQuadrature(double r, double u, double a, double b) {
    double m0 = r * u;
    double m1 = -Math.expm1(-r * Math.log1p(u));
    double h = Math.min(0.25, 0.5 * Math.sqrt(1 / a + 1 / b));
    double mode = Math.log(a) - Math.log(b);
    boolean normalise = a >= 1 && b >= 1;
    double base = normalise ? 0 : m0 * (b / (a + b)) + m1 * (a / (a + b));
    double logScale = normalise ? a * logP(mode) + b * logP(-mode) : Beta.logBeta(a, b);
    // Left of the knee (1 + pu)^{−r} is linear in p, so q is O(p); right of y = 3, q is O(1 − p).
    double leftGuard = Math.min(mode, -Math.log(u * (r + 1)) - 3);
    double rightGuard = Math.max(mode, 3);
    double sum = 0;
    double mass = 0;
    for (int direction = -1; direction <= 1; direction += 2) {
      for (int k = direction < 0 ? 0 : 1; k < QUADRATURE_CAP; k++) {
        double y = mode + direction * k * h;
        double logP = logP(y);
        double logQ = logP(-y);
        double p = Math.exp(logP);
        double m = p == 0 ? m0 : -Math.expm1(-r * Math.log1p(p * u)) / p;
        double f = normalise ? m : m - m0 * Math.exp(logQ) - m1 * p;
        double density = Math.exp(a * logP + b * logQ - logScale);
        sum += density * f;
        mass += density;
        if (k == 0) {
          continue;
        }
        // Bounds on the rest of this side: in the subtracted form the integrand is O(p) left of the
        // knee and O(1 − p) right of y = 3, so its terms fall at least like e^{−h} per step there;
        // in both forms the density's log falls at least at its current rate beyond the mode, and
        // |f| <= m0.
        double scale = QUADRATURE_TOLERANCE * Math.abs(normalise ? sum : base / h + sum);
        boolean beyond = direction < 0 ? y < leftGuard : y > rightGuard;
        if (!normalise && beyond && Math.abs(density * f) / -Math.expm1(-h) <= scale) {
          break;
        }
        double rate = direction < 0 ? a - (a + b) * p : (a + b) * p - a;
        if (rate > 0) {
          double steps = 1 / -Math.expm1(-rate * h);
          if (density * m0 * steps <= scale
              && (!normalise || density * steps <= QUADRATURE_TOLERANCE * mass)) {
            break;
          }
        }
      }
    }
    return normalise ? sum / mass : base + h * sum;
  }

  /** ln p for p = 1/(1 + e^{−y}), without overflow. */
  private static double logP(double y) {
    return y >= 0 ? -Math.log1p(Math.exp(-y)) : y - Math.log1p(Math.exp(y));
  }
}
