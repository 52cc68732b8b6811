package org.clvkit.models.paretonbd;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.internal.ConfluentU;
import org.clvkit.models.internal.Hypergeometric;
import org.clvkit.models.internal.LogPochhammer;

/**
 * The Pareto/NBD kernel: every per-customer quantity for one parameter vector, with the constants
 * that depend only on the parameters computed once. The model's per-customer and batch methods and
 * the fit's objective all call it, so their results agree bit for bit. Allocates nothing.
 * Immutable, except that the owner of a private instance may give it other scales with {@link
 * #rescale} (the covariate likelihood does, once per covariate row, instead of building a kernel
 * per row); instances that are shared are never rescaled.
 *
 * <p>Notation of Fader &amp; Hardie (2005), "A note on deriving the Pareto/NBD model and related
 * expressions" (Hardie's note 009): x = frequency, t_x = recency, T = age. The likelihood (note
 * 009, eq. 18–20) is written as
 *
 * <pre>
 * L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s·J ],
 * J = ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = A_0 / (r+s+x),
 * A_0 = 2F1(a, b; a+1; z(t_x)) / (m+t_x)^a − 2F1(a, b; a+1; z(T)) / (m+T)^a,
 * </pre>
 *
 * with a = r+s+x, m = max(α, β), z(t) = |α−β| / (m+t) in [0, 1), and b = s+1 when α &gt;= β, b =
 * r+x when α &lt; β (the two forms of eq. 19 and 20; choosing the larger rate keeps z in [0, 1) and
 * gives z = 0 at α = β, where the 2F1 is 1 and no 0/0 arises). The first term of the bracket is the
 * customer still alive at T, the second the customer dead at some τ in (t_x, T]; their log-ratio d
 * = ln(s·J) − ln((α+T)^−(r+x) (β+T)^−s) is the log-odds of being dead, so P(alive) = 1/(1+e^d) and
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β − (r+x) ln(α+T) − s ln(β+T) + ln(1+e^d).
 */
final class ParetoNbdFunctions {
  /** Length of a block of {@link #frequencyTerms}. */
  static final int FREQUENCY_TERMS = 3;

  /** Length of a block of {@link #ageTerms}. */
  static final int AGE_TERMS = 6;

  /** Length of a block of {@link #pairTerms}. */
  static final int PAIR_TERMS = 6;

  /**
   * Length of the work array of the per-pattern {@link #logLikelihood(double, double, double,
   * double[], double[])}.
   */
  static final int WORK = FREQUENCY_TERMS + AGE_TERMS + 2 * PAIR_TERMS;

  final double r;
  double alpha;
  final double s;
  double beta;
  private final double logS;
  private final double logGammaR;
  private final double digammaR;
  private double logAlpha;
  private double logBeta;

  /** Whether α &gt;= β: the 2F1's second argument is s+1 and m = α. */
  private boolean alphaBranch;

  /** m = max(α, β). */
  private double max;

  /** min(α, β). */
  private double min;

  /** |α − β|. */
  private double gap;

  ParetoNbdFunctions(double r, double alpha, double s, double beta) {
    this.r = r;
    this.alpha = alpha;
    this.s = s;
    this.beta = beta;
    this.logS = Math.log(s);
    this.logGammaR = Gamma.logGamma(r);
    this.digammaR = LogPochhammer.digamma(r);
    this.logAlpha = Math.log(alpha);
    this.logBeta = Math.log(beta);
    this.alphaBranch = alpha >= beta;
    this.max = Math.max(alpha, beta);
    this.min = Math.min(alpha, beta);
    this.gap = Math.abs(alpha - beta);
  }

  /**
   * The kernel of the same r and s with other scales α and β, sharing the constants of r and s (ln
   * Γ(r), ψ(r), ln s): what the covariate models build per covariate row, where α and β vary by
   * customer. Equal, field for field, to {@code new ParetoNbdFunctions(r, alpha, s, beta)}.
   */
  ParetoNbdFunctions(ParetoNbdFunctions shared, double alpha, double beta) {
    this.r = shared.r;
    this.s = shared.s;
    this.logS = shared.logS;
    this.logGammaR = shared.logGammaR;
    this.digammaR = shared.digammaR;
    rescale(alpha, beta);
  }

  /**
   * Gives this kernel the scales α and β, keeping r and s: afterwards it equals, field for field,
   * {@code new ParetoNbdFunctions(r, alpha, s, beta)}. Only for an instance no other thread sees.
   */
  void rescale(double alpha, double beta) {
    this.alpha = alpha;
    this.beta = beta;
    this.logAlpha = Math.log(alpha);
    this.logBeta = Math.log(beta);
    this.alphaBranch = alpha >= beta;
    this.max = Math.max(alpha, beta);
    this.min = Math.min(alpha, beta);
    this.gap = Math.abs(alpha - beta);
  }

  // ---------------------------------------------------------------------------------------------
  // Likelihood and P(alive)

  /**
   * ln Γ(r+x) − ln Γ(r) + r ln α + s ln β − (r+x) ln(α+T) − s ln(β+T): the log-likelihood of a
   * customer known to be alive at T, written with log1p so that no large logarithms cancel.
   */
  private double logAliveTerm(double x, double age) {
    return Gamma.logGamma(r + x)
        - logGammaR
        - r * Math.log1p(age / alpha)
        - x * Math.log(alpha + age)
        - s * Math.log1p(age / beta);
  }

  /** ln 2F1(a, b; a+1; |α−β|/(m+t)), 0 at α = β. */
  private double logF(double a, double b, double t) {
    if (gap == 0) {
      return 0.0;
    }
    double denominator = max + t;
    double z = gap / denominator;
    return z <= 0.5
        ? Hypergeometric.log2F1(a, b, a + 1, z)
        : Hypergeometric.log2F1TiedOneMinus(a, b, (min + t) / denominator);
  }

  /**
   * ln 2F1(a, b; c; z) for z = |α−β| / (m+t) and 1 − z = (min(α, β) + t) / (m+t), each computed
   * without cancellation; the argument nearer 0 is handed to {@link Hypergeometric}, so that z is
   * exact both at α ≈ β and near 1.
   */
  private double log2F1(double a, double b, double c, double denominator, double t) {
    double z = gap / denominator;
    return z <= 0.5
        ? Hypergeometric.log2F1(a, b, c, z)
        : Hypergeometric.log2F1OneMinus(a, b, c, (min + t) / denominator);
  }

  /**
   * The log-odds d that a customer with this history died in (t_x, T] rather than being alive at T;
   * −∞ when t_x = T (there was no time to die unseen).
   */
  double logDeathOdds(double x, double recency, double age) {
    if (recency == age) {
      return Double.NEGATIVE_INFINITY;
    }
    double p = r + x;
    double a = p + s;
    double b = alphaBranch ? s + 1 : p;
    double logF1 = logF(a, b, recency);
    double logF2 = logF(a, b, age);
    double delta = (logF2 - logF1) - a * Math.log1p((age - recency) / (max + recency));
    if (!(delta < 0)) {
      // t_x and T so close that J underflows against the alive term
      return Double.NEGATIVE_INFINITY;
    }
    double logJ = logF1 - a * Math.log(max + recency) + Math.log(-Math.expm1(delta)) - Math.log(a);
    return logS + logJ + p * Math.log(alpha + age) + s * Math.log(beta + age);
  }

  /** ln(1 + e^d), without overflow. */
  static double softplus(double d) {
    return d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
  }

  /** 1 / (1 + e^d). */
  static double logistic(double d) {
    return 1.0 / (1.0 + Math.exp(d));
  }

  double logLikelihood(double x, double recency, double age) {
    return logAliveTerm(x, age) + softplus(logDeathOdds(x, recency, age));
  }

  double probabilityAlive(double x, double recency, double age) {
    return logistic(logDeathOdds(x, recency, age));
  }

  /**
   * P(alive at T + t | x, t_x, T) = P(alive) · ((β+T)/(β+T+t))^s: given alive at T the dropout
   * rate's posterior is Gamma(s, β+T), over which e^{−μt} averages to that power; the power is
   * taken as exp(−s log1p(t/(β+T))). Exactly P(alive) at t = 0.
   */
  double probabilityAliveAt(double t, double x, double recency, double age) {
    double alive = probabilityAlive(x, recency, age);
    return t == 0 ? alive : alive * Math.exp(-s * Math.log1p(t / (beta + age)));
  }

  // ---------------------------------------------------------------------------------------------
  // Expectations

  /**
   * ∫_0^L e^{−(s−1)u} du = (1 − e^{−(s−1)L}) / (s−1), and L at s = 1: the lifetime factor of the
   * expectations with L = ln(1 + t/(β+T)).
   */
  private double lifetimeFactor(double logRatio) {
    double e = s - 1;
    return e == 0 ? logRatio : -Math.expm1(-e * logRatio) / e;
  }

  /** E[X(t)] = r β / (α (s−1)) · [1 − (β/(β+t))^{s−1}] (note 009, eq. 27). */
  double expectedPurchases(double t) {
    return r / alpha * beta * lifetimeFactor(Math.log1p(t / beta));
  }

  /**
   * E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive) (note
   * 009, eq. 41).
   */
  double conditionalExpectedPurchases(double t, double x, double recency, double age) {
    double alive = probabilityAlive(x, recency, age);
    double betaT = beta + age;
    return alive * (r + x) / (alpha + age) * betaT * lifetimeFactor(Math.log1p(t / betaT));
  }

  /**
   * DERT(δ | x, t_x, T) = α^r β^s δ^{s−1} Γ(r+x+1) U(s, s; δ(β+T)) / (Γ(r) (α+T)^{r+x+1} L) (Fader,
   * Hardie &amp; Lee 2005, "RFM and CLV", JMR 42(4), 415–430, and its technical appendix), computed
   * as P(alive) · (r+x)/(α+T) · (β+T) · z^{s−1} U(s, s; z) with z = δ(β+T).
   */
  double discountedResidualPurchases(double delta, double x, double recency, double age) {
    double alive = -softplus(logDeathOdds(x, recency, age));
    double betaT = beta + age;
    double z = delta * betaT;
    double logU = ConfluentU.logDiagonal(s, z);
    return Math.exp(
        alive
            + Math.log(r + x)
            - Math.log(alpha + age)
            + Math.log(betaT)
            + (s - 1) * Math.log(z)
            + logU);
  }

  /**
   * P(X(t) = n) (Fader, Hardie &amp; Lee, "Deriving an expression for P(X(t) = x) under the
   * Pareto/NBD model", Hardie's note 012): the customer alive at t with n purchases, plus dead at
   * some τ &lt; t with n purchases before τ:
   *
   * <pre>
   * P = Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n (β/(β+t))^s
   *   + α^r β^s B(r+n, s+1)/B(r, s) · [B_1 − Σ_{i=0}^{n} Γ(r+s+i)/(Γ(r+s) i!) t^i B_2(i)],
   * B_1 = 2F1(r+s, b; r+s+n+1; |α−β|/m) / m^{r+s},
   * B_2(i) = 2F1(r+s+i, b; r+s+n+1; |α−β|/(m+t)) / (m+t)^{r+s+i},
   * </pre>
   *
   * with m and b as for the likelihood (b = s+1 when α &gt;= β, r+n otherwise). The bracket is
   * evaluated relative to B_1 and clamped at 0 against rounding.
   */
  double probabilityOfPurchases(int n, double t) {
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double logAlive =
        Gamma.logGamma(r + n)
            - logGammaR
            - Gamma.logGamma(n + 1.0)
            - r * Math.log1p(t / alpha)
            - n * Math.log1p(alpha / t)
            - s * Math.log1p(t / beta);
    double rs = r + s;
    double b = alphaBranch ? s + 1 : r + n;
    double c = rs + n + 1;
    double logB1 = (gap == 0 ? 0.0 : log2F1(rs, b, c, max, 0)) - rs * Math.log(max);
    double logMaxT = Math.log(max + t);
    double logT = Math.log(t);
    double logCoefficient = 0; // ln Γ(r+s+i)/(Γ(r+s) i!)
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      if (i > 0) {
        logCoefficient += Math.log((rs + i - 1) / i);
      }
      double logF = gap == 0 ? 0.0 : log2F1(rs + i, b, c, max + t, t);
      sum += Math.exp(logCoefficient + i * logT + logF - (rs + i) * logMaxT - logB1);
    }
    double bracket = 1 - sum;
    double dead = 0;
    if (bracket > 0) {
      dead =
          Math.exp(
              r * logAlpha
                  + s * logBeta
                  + Beta.logBeta(r + n, s + 1)
                  - Beta.logBeta(r, s)
                  + logB1
                  + Math.log(bracket));
    }
    return Math.min(1.0, Math.exp(logAlive) + dead);
  }

  // ---------------------------------------------------------------------------------------------
  // The fit: log-likelihood with its gradient
  //
  // ln L of a pattern (x, t_x, T) is assembled from terms that depend on x alone, on T alone and
  // on the pairs (x, t_x) and (x, T) (the hypergeometric terms, the dear part), so that the fit's
  // column kernel (ParetoNbdLikelihood) can compute each once per distinct value or pair and the
  // per-pattern method below computes them on the spot: both call the same assembly.

  /**
   * ln L of one pattern with its gradient with respect to (ln r, ln α, ln s, ln β).
   *
   * @param gradient receives the four partial derivatives
   * @param work scratch of length &gt;= {@link #WORK}, overwritten
   * @throws ArithmeticException if a hypergeometric series cannot converge
   */
  double logLikelihood(double x, double recency, double age, double[] gradient, double[] work) {
    int ageAt = FREQUENCY_TERMS;
    int pairAt = ageAt + AGE_TERMS;
    frequencyTerms(x, work, 0);
    ageTerms(age, work, ageAt);
    if (recency < age) {
      pairTerms(x, recency, work, pairAt);
      pairTerms(x, age, work, pairAt + PAIR_TERMS);
    }
    return logLikelihood(
        x, recency, age, work, 0, work, ageAt, work, pairAt, pairAt + PAIR_TERMS, gradient);
  }

  /**
   * Writes the terms of frequency x at {@code offset}: ln Γ(r+x) − ln Γ(r) and ψ(r+x) − ψ(r) (both
   * from {@link LogPochhammer}, accurate to a few ulps; commons-math3's digamma is good only to
   * about 3e-9 below 49) and ln(r+s+x).
   */
  void frequencyTerms(double x, double[] out, int offset) {
    out[offset] = x == 0 ? 0.0 : x * LogPochhammer.reduced(r, x);
    out[offset + 1] = x == 0 ? 0.0 : LogPochhammer.digamma(r + x) - digammaR;
    out[offset + 2] = Math.log(r + s + x);
  }

  /**
   * Writes the terms of age T at {@code offset}: ln(1 + T/α), ln(α+T), ln(1 + T/β), ln(β+T),
   * 1/(α+T) and s T / (β (β+T)).
   */
  void ageTerms(double age, double[] out, int offset) {
    double alphaT = alpha + age;
    double betaT = beta + age;
    out[offset] = Math.log1p(age / alpha);
    out[offset + 1] = Math.log(alphaT);
    out[offset + 2] = Math.log1p(age / beta);
    out[offset + 3] = Math.log(betaT);
    out[offset + 4] = 1 / alphaT;
    out[offset + 5] = s * age / (beta * betaT);
  }

  /**
   * Writes the hypergeometric terms of frequency x at time t at {@code offset}: with a = r+s+x, b
   * as in the class comment, m = max(α, β) and Φ(t) = ln F(z(t)) − a ln(m+t), F = 2F1(a, b; a+1;
   * z(t)): ln F, ln(m+t), and the partial derivatives of Φ with respect to a (with c = a+1), b, m
   * and min(α, β), from {@link Hypergeometric#log2F1AndDerivatives} and the chain rule through z =
   * (m − min)/(m+t).
   *
   * @throws ArithmeticException if the series cannot converge
   */
  void pairTerms(double x, double t, double[] out, int offset) {
    pairTerms(r, s, x, t, alphaBranch, max, min, out, offset);
  }

  /**
   * {@link #pairTerms(double, double, double[], int)} for the scales max(α, β) = {@code max} and
   * min(α, β) = {@code min} ({@code alphaBranch}: α &gt;= β) without building a kernel: what the
   * time-varying covariate model needs per period, where the scales change from period to period.
   */
  static void pairTerms(
      double r,
      double s,
      double x,
      double t,
      boolean alphaBranch,
      double max,
      double min,
      double[] out,
      int offset) {
    double a = r + s + x;
    double b = alphaBranch ? s + 1 : r + x;
    double mt = max + t;
    double z = (max - min) / mt;
    Hypergeometric.log2F1AndDerivatives(
        a, b, alphaBranch ? r + x : s + 1, z, (min + t) / mt, out, offset);
    double logF = out[offset];
    double da = out[offset + 1];
    double db = out[offset + 2];
    double dz = out[offset + 3];
    double logMt = Math.log(mt);
    out[offset] = logF;
    out[offset + 1] = logMt;
    out[offset + 2] = da - logMt;
    out[offset + 3] = db;
    out[offset + 4] = (dz * (1 - z) - a) / mt;
    out[offset + 5] = -dz / mt;
  }

  /**
   * ln L of one pattern with its gradient, from the terms of {@link #frequencyTerms}, {@link
   * #ageTerms} and {@link #pairTerms} (the pair blocks are read only when t_x &lt; T).
   *
   * @param gradient receives d ln L / d (ln r, ln α, ln s, ln β)
   */
  double logLikelihood(
      double x,
      double recency,
      double age,
      double[] frequency,
      int frequencyAt,
      double[] ages,
      int ageAt,
      double[] pairs,
      int recencyPairAt,
      int agePairAt,
      double[] gradient) {
    double p = r + x;
    double alphaGrowth = ages[ageAt];
    double logAlphaT = ages[ageAt + 1];
    double betaGrowth = ages[ageAt + 2];
    double logAlive = frequency[frequencyAt] - r * alphaGrowth - x * logAlphaT - s * betaGrowth;
    // d/dθ of the alive term (r, α, s, β).
    double cr = frequency[frequencyAt + 1] - alphaGrowth;
    double ca = r / alpha - p * ages[ageAt + 4];
    double cs = -betaGrowth;
    double cb = ages[ageAt + 5];
    double delta = 0;
    double a = p + s;
    if (recency < age) {
      // ln((m+T)/(m+t_x)) as a difference of the cached logarithms where that loses nothing, and
      // by log1p where T is close to t_x.
      double mt1 = max + recency;
      double span = age - recency;
      double growth =
          span > 0.25 * mt1
              ? pairs[agePairAt + 1] - pairs[recencyPairAt + 1]
              : Math.log1p(span / mt1);
      delta = (pairs[agePairAt] - pairs[recencyPairAt]) - a * growth;
    }
    if (!(delta < 0)) {
      // t_x = T, or so close that J underflows against the alive term: the customer is alive.
      gradient[0] = r * cr;
      gradient[1] = alpha * ca;
      gradient[2] = s * cs;
      gradient[3] = beta * cb;
      return logAlive;
    }
    double logBetaT = ages[ageAt + 3];
    // e^Δ − 1 in (−1, 0) and ln(1 − e^Δ): expm1 only where 1 − e^Δ would cancel (Math.exp and
    // Math.log are intrinsics, expm1 and log1p are not; for Δ < −ln 2 both are exact to an ulp).
    double em1;
    double logDead;
    if (delta < -0.6931471805599453) {
      double e = Math.exp(delta);
      em1 = e - 1;
      logDead = Math.log(1 - e);
    } else {
      em1 = Math.expm1(delta);
      logDead = Math.log(-em1);
    }
    double logA0 = pairs[recencyPairAt] - a * pairs[recencyPairAt + 1] + logDead;
    double d = logS - frequency[frequencyAt + 2] + logA0 + p * logAlphaT + s * logBetaT;
    // ∂ ln A_0 = ∂Φ1 + k (∂Φ1 − ∂Φ2), k = e^Δ / (1 − e^Δ).
    double k = -(1 + em1) / em1;
    double pa1 = pairs[recencyPairAt + 2];
    double pb1 = pairs[recencyPairAt + 3];
    double pm1 = pairs[recencyPairAt + 4];
    double pn1 = pairs[recencyPairAt + 5];
    double da = pa1 + k * (pa1 - pairs[agePairAt + 2]);
    double db = pb1 + k * (pb1 - pairs[agePairAt + 3]);
    double dm = pm1 + k * (pm1 - pairs[agePairAt + 4]);
    double dn = pn1 + k * (pn1 - pairs[agePairAt + 5]);
    double lr;
    double ls;
    double la;
    double lb;
    if (alphaBranch) {
      lr = da;
      ls = da + db;
      la = dm;
      lb = dn;
    } else {
      lr = da + db;
      ls = da;
      la = dn;
      lb = dm;
    }
    // ∂d = ∂(ln s − ln a + ln A_0) − ∂(−(r+x) ln(α+T) − s ln(β+T)).
    double inverseA = 1 / a;
    double dr = -inverseA + lr + logAlphaT;
    double ds = 1 / s - inverseA + ls + logBetaT;
    double dAlpha = la + p * ages[ageAt + 4];
    double dBeta = lb + s / (beta + age);
    // P(dead) = e^d / (1 + e^d) and ln(1 + e^d) from one exponential; ln(1 + e) with e in [0, 1]
    // is within an ulp of 1 absolutely with Math.log, all the sum needs.
    double dead;
    double softplus;
    if (d > 0) {
      double e = Math.exp(-d);
      double onePlus = 1 + e;
      dead = 1 / onePlus;
      softplus = d + Math.log(onePlus);
    } else {
      double e = Math.exp(d);
      double onePlus = 1 + e;
      dead = e / onePlus;
      softplus = Math.log(onePlus);
    }
    gradient[0] = r * (cr + dead * dr);
    gradient[1] = alpha * (ca + dead * dAlpha);
    gradient[2] = s * (cs + dead * ds);
    gradient[3] = beta * (cb + dead * dBeta);
    return logAlive + softplus;
  }
}
