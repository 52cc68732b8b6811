package org.clvkit.models.paretonbd;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.internal.ConfluentU;
import org.clvkit.models.internal.Hypergeometric;

/**
 * The Pareto/NBD kernel: every per-customer quantity for one parameter vector, with the constants
 * that depend only on the parameters computed once. The model's per-customer and batch methods and
 * the fit's objective all call it, so their results agree bit for bit. Immutable; allocates
 * nothing.
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
  /**
   * Largest 2F1 argument z for which the fit's gradient uses the derivative series; beyond it (the
   * rates α and β differ by more than a factor 10 and the customer is young) the gradient falls
   * back to central differences of {@link Hypergeometric} in a and b.
   */
  static final double SERIES_LIMIT = 0.9;

  private static final int SERIES_CAP = 5_000;

  final double r;
  final double alpha;
  final double s;
  final double beta;
  private final double logS;
  private final double logGammaR;
  private final double digammaR;
  private final double logAlpha;
  private final double logBeta;

  /** Whether α &gt;= β: the 2F1's second argument is s+1 and m = α. */
  private final boolean alphaBranch;

  /** m = max(α, β). */
  private final double max;

  /** min(α, β). */
  private final double min;

  /** |α − β|. */
  private final double gap;

  ParetoNbdFunctions(double r, double alpha, double s, double beta) {
    this.r = r;
    this.alpha = alpha;
    this.s = s;
    this.beta = beta;
    this.logS = Math.log(s);
    this.logGammaR = Gamma.logGamma(r);
    this.digammaR = Gamma.digamma(r);
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
    return gap == 0 ? 0.0 : log2F1(a, b, a + 1, max + t, t);
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
      return Double
          .NEGATIVE_INFINITY; // t_x and T so close that J underflows against the alive term
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
   * Hardie &amp; Lee 2005, "RFM and CLV", JMR 42(4), eq. 2 and its technical appendix), computed as
   * P(alive) · (r+x)/(α+T) · (β+T) · z^{s−1} U(s, s; z) with z = δ(β+T).
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
   * Pareto/NBD model", Hardie's note 012, 2006, eq. 6–8): the customer alive at t with n purchases,
   * plus dead at some τ &lt; t with n purchases before τ:
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

  /**
   * ln L of one pattern with its gradient with respect to (ln r, ln α, ln s, ln β).
   *
   * @param gradient receives the four partial derivatives
   * @param work scratch of length &gt;= 8, overwritten
   */
  double logLikelihood(double x, double recency, double age, double[] gradient, double[] work) {
    return logLikelihood(
        x,
        recency,
        age,
        Gamma.logGamma(r + x) - logGammaR,
        Gamma.digamma(r + x) - digammaR,
        gradient,
        work);
  }

  /**
   * Fills {@code logGammaRatio[k] = ln Γ(r+k) − ln Γ(r)} and {@code digammaDifference[k] = ψ(r+k) −
   * ψ(r)} for k below the arrays' length, by the recurrences Γ(z+1) = z Γ(z) (anchored on {@link
   * Gamma#logGamma} every 64 steps so that rounding cannot accumulate) and ψ(z+1) = ψ(z) + 1/z
   * (summed with Kahan's compensation; more accurate than differences of {@link Gamma#digamma},
   * which is good only to about 1e-9 just above 49): the fit needs them for every integer frequency
   * at every evaluation.
   */
  void gammaTables(double[] logGammaRatio, double[] digammaDifference) {
    double lg = 0;
    double dg = 0;
    double compensation = 0;
    for (int k = 0; k < logGammaRatio.length; k++) {
      if ((k & 63) == 0 && k > 0) {
        lg = Gamma.logGamma(r + k) - logGammaR;
      }
      logGammaRatio[k] = lg;
      digammaDifference[k] = dg;
      lg += Math.log(r + k);
      double y = 1 / (r + k) - compensation;
      double sum = dg + y;
      compensation = (sum - dg) - y;
      dg = sum;
    }
  }

  /**
   * {@link #logLikelihood(double, double, double, double[], double[])} with ln Γ(r+x) − ln Γ(r) and
   * ψ(r+x) − ψ(r) supplied by the caller (from {@link #gammaTables}).
   */
  double logLikelihood(
      double x,
      double recency,
      double age,
      double logGammaRatio,
      double digammaDifference,
      double[] gradient,
      double[] work) {
    double p = r + x;
    double alphaT = alpha + age;
    double betaT = beta + age;
    double logAlphaT = Math.log(alphaT);
    double alphaGrowth = Math.log1p(age / alpha);
    double betaGrowth = Math.log1p(age / beta);
    double logAlive = logGammaRatio - r * alphaGrowth - x * logAlphaT - s * betaGrowth;
    // d/dθ of the alive term (r, α, s, β).
    double cr = digammaDifference - alphaGrowth;
    double ca = r / alpha - p / alphaT;
    double cs = -betaGrowth;
    double cb = s * age / (beta * betaT);
    double a = p + s;
    double b = alphaBranch ? s + 1 : p;
    double mt1 = max + recency;
    double mt2 = max + age;
    double delta = 0;
    if (recency < age) {
      // Φ(t) = ln F(z(t)) − a ln(m+t) and its partials at t_x (work[0..3]) and T (work[4..7]).
      hypergeometricTerm(a, b, gap / mt1, (min + recency) / mt1, work, 0);
      hypergeometricTerm(a, b, gap / mt2, (min + age) / mt2, work, 4);
      delta = (work[4] - work[0]) - a * Math.log1p((age - recency) / mt1);
    }
    if (!(delta < 0)) {
      // t_x = T, or so close that J underflows against the alive term: the customer is alive.
      gradient[0] = r * cr;
      gradient[1] = alpha * ca;
      gradient[2] = s * cs;
      gradient[3] = beta * cb;
      return logAlive;
    }
    double logMt1 = Math.log(mt1);
    double logBetaT = Math.log(betaT);
    double em1 = Math.expm1(delta); // e^Δ − 1, in (−1, 0)
    double logA0 = work[0] - a * logMt1 + Math.log(-em1);
    double d = logS - Math.log(a) + logA0 + p * logAlphaT + s * logBetaT;
    // ∂ ln A_0 = ∂Φ1 + k (∂Φ1 − ∂Φ2), k = e^Δ / (1 − e^Δ).
    double k = -(1 + em1) / em1;
    double z1 = gap / mt1;
    double z2 = gap / mt2;
    double pa1 = work[1] - logMt1;
    double pa2 = work[5] - Math.log(mt2);
    double pb1 = work[2];
    double pb2 = work[6];
    double pm1 = (work[3] * (1 - z1) - a) / mt1;
    double pm2 = (work[7] * (1 - z2) - a) / mt2;
    double pn1 = -work[3] / mt1;
    double pn2 = -work[7] / mt2;
    double da = pa1 + k * (pa1 - pa2);
    double db = pb1 + k * (pb1 - pb2);
    double dm = pm1 + k * (pm1 - pm2);
    double dn = pn1 + k * (pn1 - pn2);
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
    double dr = -1 / a + lr + logAlphaT;
    double ds = 1 / s - 1 / a + ls + logBetaT;
    double dAlpha = la + p / alphaT;
    double dBeta = lb + s / betaT;
    // P(dead) = e^d / (1 + e^d) and ln(1 + e^d) from one exponential.
    double dead;
    double softplus;
    if (d > 0) {
      double e = Math.exp(-d);
      dead = 1 / (1 + e);
      softplus = d + Math.log1p(e);
    } else {
      double e = Math.exp(d);
      dead = e / (1 + e);
      softplus = Math.log1p(e);
    }
    gradient[0] = r * (cr + dead * dr);
    gradient[1] = alpha * (ca + dead * dAlpha);
    gradient[2] = s * (cs + dead * ds);
    gradient[3] = beta * (cb + dead * dBeta);
    return logAlive + softplus;
  }

  /**
   * Writes ln F, ∂ln F/∂a, ∂ln F/∂b and ∂ln F/∂z of F = 2F1(a, b; a+1; z) (c tied to a+1) into
   * {@code out[offset..offset+3]}, for 0 &lt;= z &lt; 1 (with {@code oneMinusZ} = 1 − z computed
   * without cancellation by the caller) and a − b + 1 &gt; 0.
   *
   * <p>For z &lt;= {@link #SERIES_LIMIT} one pass over Euler's form F = (1−z)^{1−b} Σ_n c_n, c_n =
   * (a−b+1)_n/(a+1)_n z^n (Abramowitz &amp; Stegun 15.3.3), whose terms fall at least as fast as
   * z^n and are all positive, accumulates the sum and its derivatives together: ∂c_n/∂a = c_n
   * Σ_{k=1..n} [1/(a−b+k) − 1/(a+k)], ∂c_n/∂b = −c_n Σ_{k=1..n} 1/(a−b+k), ∂c_n/∂z = n c_n / z.
   * Beyond it the value comes from {@link Hypergeometric#log2F1OneMinus}, ∂/∂z from the identity
   * d/dz [z^a F] = a z^{a−1} (1−z)^{−b} (valid because c = a+1), and ∂/∂a, ∂/∂b from central
   * differences.
   */
  static void hypergeometricTerm(
      double a, double b, double z, double oneMinusZ, double[] out, int offset) {
    if (z > SERIES_LIMIT) {
      double w = oneMinusZ;
      double logF = Hypergeometric.log2F1OneMinus(a, b, a + 1, w);
      double ha = 1e-5 * a;
      double hb = 1e-5 * b;
      out[offset] = logF;
      out[offset + 1] =
          (Hypergeometric.log2F1OneMinus(a + ha, b, a + ha + 1, w)
                  - Hypergeometric.log2F1OneMinus(a - ha, b, a - ha + 1, w))
              / (2 * ha);
      out[offset + 2] =
          (Hypergeometric.log2F1OneMinus(a, b + hb, a + 1, w)
                  - Hypergeometric.log2F1OneMinus(a, b - hb, a + 1, w))
              / (2 * hb);
      out[offset + 3] = a / z * Math.expm1(-b * Math.log(w) - logF);
      return;
    }
    double amb = a - b;
    double sum = 1;
    double sumA = 0;
    double sumB = 0;
    double sumZ = 0;
    double c = 1;
    double pa = 0;
    double pb = 0;
    double tolerance = 1e-17 * (1 - z) * (1 - z);
    int n = 1;
    for (; n <= SERIES_CAP; n++) {
      double an = a + n;
      double bn = amb + n;
      double inverse = 1 / (an * bn); // one division for 1/(a+n) and 1/(a−b+n)
      double ia = bn * inverse;
      double ib = an * inverse;
      c *= bn * ia * z;
      pa += ib - ia;
      pb -= ib;
      sum += c;
      sumA += c * pa;
      sumB += c * pb;
      sumZ += n * c;
      if (c * (n + 1 - pb) <= tolerance * sum) {
        break;
      }
    }
    if (n > SERIES_CAP) {
      throw new ArithmeticException(
          "2F1 derivative series did not converge for a = " + a + ", b = " + b + ", z = " + z);
    }
    double log1mz = Math.log1p(-z);
    out[offset] = (1 - b) * log1mz + Math.log(sum);
    out[offset + 1] = sumA / sum;
    out[offset + 2] = -log1mz + sumB / sum;
    out[offset + 3] = (b - 1) / (1 - z) + (z > 0 ? sumZ / (z * sum) : (amb + 1) / (a + 1));
  }
}
