package org.clvkit.models.cnbd;

import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.Checks;
import org.clvkit.models.internal.LogPochhammer;

/**
 * The per-customer formulas of the (M)BG/CNBD-k models (Platzer &amp; Reutterer 2016, "Ticking away
 * the moments: timing regularity helps to better predict customer activity", Marketing Science
 * 35(5); Reutterer, Platzer &amp; Schröder 2021, IJRM 38(1)), written from the models' assumptions
 * and checked against BTYDplus's {@code xbgcnbd.*} functions. {@code dropout} is δ = 1 for the
 * MBG/CNBD-k (a customer may drop out at the first purchase) and δ = 0 for the BG/CNBD-k. Static
 * methods only, no allocation; every method takes validated inputs.
 *
 * <p>Notation: s = r + kx, β = α + T, z = (T − t_x)/β, b' = b + x + δ. Given λ, the number of
 * Erlang phases completed in a time span is Poisson, so a purchase happens at every k-th phase and
 * a customer alive at T is j ∈ {0, …, k−1} phases into the current inter-purchase time.
 */
final class CnbdFunctions {
  /** Relative size below which the remaining terms of a series are dropped. */
  private static final double EPSILON = 1e-17;

  /**
   * Most terms a series may take before the arguments are rejected: the series run over the
   * purchase-phase count, whose spread grows with (r + kx) t / (α + T).
   */
  static final int MAX_TERMS = 2_000_000;

  private CnbdFunctions() {}

  /**
   * Σ_{j&lt;k} (s)_j/j! z^j, the sum S2 of BTYDplus's likelihood (the probability-like weight of
   * the customer being j phases into the current inter-purchase time at T).
   */
  static double phaseSum(int k, double s, double z) {
    double term = 1;
    double sum = 1;
    for (int j = 1; j < k; j++) {
      term *= (s + j - 1) / j * z;
      sum += term;
    }
    return sum;
  }

  /**
   * ln L(k, r, α, a, b | x, t_x, T, litt): BTYDplus's {@code xbgcnbd.LL}, in log space:
   *
   * <pre>
   *   (k−1) litt − x ln Γ(k) + ln B(a, b+x+δ) − ln B(a, b) + ln Γ(s) − ln Γ(r) + r ln α
   *     + ln( S2 β^{−s} + [δ = 1 or x &gt; 0] a/(b+x−1+δ) (α+t_x)^{−s} ).
   * </pre>
   */
  static double logLikelihood(
      CnbdParameters p, int dropout, double x, double recency, double age, double litt) {
    int k = p.k();
    double s = p.r() + k * x;
    double beta = p.alpha() + age;
    double z = (age - recency) / beta;
    double alive = Math.log(phaseSum(k, s, z)) - s * Math.log(beta);
    double total = alive;
    if (dropout == 1 || x > 0) {
      double dead = Math.log(p.a() / (p.b() + x - 1 + dropout)) - s * Math.log(p.alpha() + recency);
      total = logSumExp(alive, dead);
    }
    double regular = k == 1 ? 0 : (k - 1) * litt - x * Gamma.logGamma(k);
    return regular
        + LogPochhammer.value(p.b(), x + dropout)
        - LogPochhammer.value(p.a() + p.b(), x + dropout)
        + LogPochhammer.value(p.r(), k * x)
        + p.r() * Math.log(p.alpha())
        + total;
  }

  static double logSumExp(double u, double v) {
    double max = Math.max(u, v);
    return max + Math.log1p(Math.exp(Math.min(u, v) - max));
  }

  /**
   * P(alive at T | x, t_x, T) = 1 / (1 + e^{L1 − L2}) (BTYDplus {@code xbgcnbd.PAlive}); exactly 1
   * for the BG/CNBD-k when x = 0.
   */
  static double probabilityAlive(
      CnbdParameters p, int dropout, double x, double recency, double age) {
    if (dropout == 0 && x == 0) {
      return 1.0;
    }
    int k = p.k();
    double s = p.r() + k * x;
    double beta = p.alpha() + age;
    double z = (age - recency) / beta;
    double alive = Math.log(phaseSum(k, s, z)) - s * Math.log(beta);
    double dead = Math.log(p.a() / (p.b() + x - 1 + dropout)) - s * Math.log(p.alpha() + recency);
    return 1 / (1 + Math.exp(dead - alive));
  }

  /**
   * E[Y(t) | x, t_x, T], exactly (BTYDplus approximates it for k &gt; 1; see the model's Javadoc):
   *
   * <pre>
   *   P(alive) Σ_{j&lt;k} w_j Σ_{n≥0} NB(n; s+j, β, t) C(⌊(n+j)/k⌋),
   *   w_j = (s)_j z^j / (j! S2),   C(M) = Σ_{m=1..M} B(a, b'+m−1) / B(a, b'),
   * </pre>
   *
   * where NB(n; σ, β, t) = Γ(σ+n)/(Γ(σ) n!) (β/(β+t))^σ (t/(β+t))^n is the number of phases in the
   * next t periods of a customer whose rate has posterior Gamma(σ, β), the m-th future purchase
   * happens at phase mk − j and is made when the customer survived the m − 1 purchases before it,
   * E[(1−p)^{m−1}] under the posterior Beta(a, b').
   */
  static double conditionalExpectedPurchases(
      CnbdParameters p, int dropout, double t, double x, double recency, double age) {
    if (t == 0) {
      return 0.0;
    }
    double alive = probabilityAlive(p, dropout, x, recency, age);
    double beta = p.alpha() + age;
    double bPosterior = p.b() + x + dropout;
    return alive
        * phaseAverage(
            p.k(),
            p.r() + p.k() * x,
            (age - recency) / beta,
            (sigma, j) -> survivalSeries(sigma, beta, t, j, p.k(), p.a(), bPosterior));
  }

  // A quantity given the j phases of the current inter-purchase time already passed, whose rate
  // then has posterior shape sigma = r + kx + j.
  @FunctionalInterface
  private interface PhaseTerm {
    double value(double sigma, int j);
  }

  /**
   * Σ_{j&lt;k} w_j term(s + j, j) / Σ_j w_j with w_j = (s)_j/j! z^j, the posterior weights of the
   * phases passed since the last purchase (s = r + kx, z = (T − t_x)/(α + T)).
   */
  private static double phaseAverage(int k, double s, double z, PhaseTerm term) {
    double weight = 1;
    double weights = 0;
    double sum = 0;
    for (int j = 0; j < k; j++) {
      if (j > 0) {
        weight *= (s + j - 1) / j * z;
      }
      if (weight == 0) {
        break;
      }
      weights += weight;
      sum += weight * term.value(s + j, j);
    }
    return sum / weights;
  }

  /**
   * P(alive at T + t | x, t_x, T): alive at T, and no drop-out after any purchase in (T, T+t].
   * Given j phases of the current inter-purchase time already passed (posterior weight w_j as in
   * {@link #conditionalExpectedPurchases}), the rate has posterior Gamma(r+kx+j, α+T), the phases
   * in the next t periods are NB(n; r+kx+j, α+T, t), the purchases among them ⌊(n+j)/k⌋, and each
   * is survived with the posterior Beta(a, b') of p, b' = b + x + δ: P(alive) Σ_j w_j Σ_n NB(n)
   * B(a, b'+⌊(n+j)/k⌋)/B(a, b'). For k = 1 it is the (M)BG/NBD's P(alive) · 2F1(r+x, a; a+b';
   * −t/(α+T)).
   *
   * @throws org.clvkit.core.ClvArgumentException when the series would need more than {@link
   *     #MAX_TERMS} terms
   */
  static double probabilityAliveAt(
      CnbdParameters p, int dropout, double t, double x, double recency, double age) {
    double alive = probabilityAlive(p, dropout, x, recency, age);
    if (t == 0 || alive == 0) {
      return alive;
    }
    int k = p.k();
    double beta = p.alpha() + age;
    double bPosterior = p.b() + x + dropout;
    double logStay = -Math.log1p(t / beta);
    double logStep = Math.log(t) - Math.log(beta + t);
    return alive
        * phaseAverage(
            k,
            p.r() + k * x,
            (age - recency) / beta,
            (sigma, j) -> {
              double mode = Math.max(0, Math.floor((sigma - 1) * (t / beta)));
              double logPmf = sigma * logStay;
              double logSurvive = 0;
              double series = 0;
              for (int n = 0; ; n++) {
                if (n > 0) {
                  logPmf += Math.log((sigma + n - 1) / n) + logStep;
                  if ((n + j) % k == 0) {
                    // one more purchase, survived with probability (b' + m − 1)/(a + b' + m − 1)
                    int m = (n + j) / k;
                    logSurvive += Math.log((bPosterior + m - 1) / (p.a() + bPosterior + m - 1));
                  }
                }
                double term = Math.exp(logPmf + logSurvive);
                series += term;
                if (n > mode && term <= EPSILON * series) {
                  return series;
                }
                if (n >= MAX_TERMS) {
                  throw Checks.fail(
                      "the (M)BG/CNBD-k P(alive) at t = %s for a phase rate with posterior"
                          + " Gamma(%s, %s) needs more than %d terms: horizon too long for these"
                          + " parameters and history",
                      t, sigma, beta, MAX_TERMS);
                }
              }
            });
  }

  /**
   * E[X(t)] of a customer just acquired: B(a, b+δ)/B(a, b) Σ_n NB(n; r, α, t) C(⌊n/k⌋) with C of b'
   * = b + δ (the m-th repeat purchase happens at phase mk and is made when the customer survived
   * the m − 1 repeat purchases before it, and the first purchase as well when δ = 1).
   */
  static double expectedPurchases(CnbdParameters p, int dropout, double t) {
    if (t == 0) {
      return 0.0;
    }
    double factor = dropout == 1 ? p.b() / (p.a() + p.b()) : 1.0;
    return factor * survivalSeries(p.r(), p.alpha(), t, 0, p.k(), p.a(), p.b() + dropout);
  }

  /**
   * Σ_{n≥0} NB(n; σ, β, t) C(⌊(n+j)/k⌋), C(M) = Σ_{m=1..M} c_m, c_1 = 1, c_{m+1} = c_m (b'+m−1) /
   * (a+b'+m−1): summed outward from the mode of NB, each side until a geometric bound on the
   * remaining terms is below 1e-17 of the sum.
   *
   * @throws org.clvkit.core.ClvArgumentException when more than {@link #MAX_TERMS} terms would be
   *     needed
   */
  static double survivalSeries(
      double sigma, double beta, double t, int j, int k, double a, double bPosterior) {
    double q = t / (beta + t);
    double logQ = Math.log(t) - Math.log(beta + t);
    double logStay = -Math.log1p(t / beta);
    // Mode of NB(σ, q): ⌊(σ − 1) q / (1 − q)⌋ = ⌊(σ − 1) t / β⌋, at least 0.
    double modeValue = Math.max(0, Math.floor((sigma - 1) * (t / beta)));
    double sd = Math.sqrt(sigma * (t / beta) * (1 + t / beta));
    if (modeValue / k > MAX_TERMS || 40 * sd + 100 > MAX_TERMS) {
      throw Checks.fail(
          "the (M)BG/CNBD-k series for a phase rate with posterior Gamma(%s, %s) over t = %s"
              + " needs more than %d terms: horizon too long for these parameters and history",
          sigma, beta, t, MAX_TERMS);
    }
    long mode = (long) modeValue;
    // C(M) and c_M at M = ⌊(mode + j)/k⌋ by the recursion.
    long m0 = (mode + j) / k;
    double c = 1; // c_1
    double cumulative = 0;
    for (long m = 1; m <= m0; m++) {
      if (m > 1) {
        c *= (bPosterior + m - 2) / (a + bPosterior + m - 2);
      }
      cumulative += c;
    }
    // c is now c_{m0} (or c_1 when m0 = 0, unused then).
    double logPmf =
        LogPochhammer.value(sigma, mode)
            - Gamma.logGamma(mode + 1.0)
            + sigma * logStay
            + mode * logQ;
    double pmfMode = Math.exp(logPmf);
    // Neumaier-compensated sums: the series can run to thousands of terms.
    // The mode's pmf carries the rounding of its logarithm (terms of size σ ln(1+t/β)); dividing by
    // the summed pmf, which is 1 but for the dropped tails, cancels it.
    double sum = pmfMode * cumulative;
    double sumError = 0;
    double mass = pmfMode;
    double massError = 0;
    // Upward: n = mode+1, mode+2, ...
    double pmf = pmfMode;
    double cUp = m0 == 0 ? 0 : c; // c_{M} for the current M
    double cumUp = cumulative;
    double cumUpError = 0;
    long mUp = m0;
    for (long n = mode + 1; ; n++) {
      double ratio = (sigma + n - 1) / n * q;
      pmf *= ratio;
      long m = (n + j) / k;
      if (m > mUp) {
        cUp = mUp == 0 ? 1 : cUp * (bPosterior + mUp - 1) / (a + bPosterior + mUp - 1);
        double cum = cumUp + cUp;
        cumUpError += Math.abs(cumUp) >= cUp ? (cumUp - cum) + cUp : (cUp - cum) + cumUp;
        cumUp = cum;
        mUp = m;
      }
      double term = pmf * (cumUp + cumUpError);
      double next = sum + term;
      sumError += Math.abs(sum) >= term ? (sum - next) + term : (term - next) + sum;
      sum = next;
      double nextMass = mass + pmf;
      massError += mass >= pmf ? (mass - nextMass) + pmf : (pmf - nextMass) + mass;
      mass = nextMass;
      // Past the mode the ratio of successive terms falls towards q when σ >= 1 and rises towards q
      // when σ < 1, and C grows by at most 1 per step: the rest is below pmf (C ρ/(1−ρ) +
      // ρ/(1−ρ)²) with ρ the larger of the two.
      double rho = sigma >= 1 ? ratio : q;
      if (pmf == 0
          || rho < 1
              && cumUp > 0
              && pmf * (cumUp * rho / (1 - rho) + rho / ((1 - rho) * (1 - rho))) <= EPSILON * sum) {
        break;
      }
      if (n - mode > MAX_TERMS) {
        throw Checks.fail("the (M)BG/CNBD-k series did not converge in %d terms", MAX_TERMS);
      }
    }
    // Downward: n = mode−1, ..., 0.
    pmf = pmfMode;
    double cDown = c;
    double cumDown = cumulative;
    long mDown = m0;
    for (long n = mode - 1; n >= 0; n--) {
      double ratio = (n + 1) / ((sigma + n) * q);
      pmf *= ratio;
      long m = (n + j) / k;
      if (m < mDown) {
        cumDown -= cDown;
        cDown *= (a + bPosterior + mDown - 2) / (bPosterior + mDown - 2);
        mDown = m;
        if (mDown == 0) {
          cumDown = 0;
        }
      }
      double term = pmf * cumDown;
      double next = sum + term;
      sumError += Math.abs(sum) >= term ? (sum - next) + term : (term - next) + sum;
      sum = next;
      double nextMass = mass + pmf;
      massError += mass >= pmf ? (mass - nextMass) + pmf : (pmf - nextMass) + mass;
      mass = nextMass;
      // Below the mode the ratio falls as n falls and C does not grow: the rest is below
      // pmf ρ/(1−ρ) of the mass and pmf C ρ/(1−ρ) of the sum.
      if (pmf == 0
          || ratio < 1
              && pmf * ratio / (1 - ratio) <= EPSILON * mass
              && pmf * cumDown * ratio / (1 - ratio) <= EPSILON * sum) {
        break;
      }
    }
    return (sum + sumError) / (mass + massError);
  }

  /**
   * P(X(t) = n) of a customer just acquired (BTYDplus {@code xbgcnbd_pmf_cpp}, with t = 0 giving
   * the point mass at 0):
   *
   * <pre>
   *   E[(1−p)^{n+δ}] P(kn ≤ N &lt; kn + k) + [n &gt; 0 or δ = 1] E[p (1−p)^{n−1+δ}] P(N ≥ kn),
   * </pre>
   *
   * N ~ NB(r, α, t) the number of phases in (0, t].
   */
  static double probabilityOfPurchases(CnbdParameters p, int dropout, int n, double t) {
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    int k = p.k();
    double logQ = Math.log(t) - Math.log(p.alpha() + t);
    double logStay = -Math.log1p(t / p.alpha());
    double survive =
        Math.exp(
            LogPochhammer.value(p.b(), n + dropout)
                - LogPochhammer.value(p.a() + p.b(), n + dropout));
    long first = (long) k * n;
    double logPmf =
        LogPochhammer.value(p.r(), first)
            - Gamma.logGamma(first + 1.0)
            + p.r() * logStay
            + first * logQ;
    double pmf = Math.exp(logPmf);
    double block = pmf;
    double q = Math.exp(logQ);
    for (long i = first + 1; i < first + k; i++) {
      pmf *= (p.r() + i - 1) / i * q;
      block += pmf;
    }
    double total = survive * block;
    if (n > 0 || dropout == 1) {
      int before = n - 1 + dropout;
      double dropAfter =
          Math.exp(LogPochhammer.value(p.b(), before) - LogPochhammer.value(p.a() + p.b(), before))
              * p.a()
              / (p.a() + p.b() + before);
      total += dropAfter * negativeBinomialTail(first, p.r(), p.alpha(), t);
    }
    return total;
  }

  /**
   * P(N ≥ n) for N ~ NB(σ, β, t): 1 for n = 0; otherwise the lower sum subtracted from 1 when n is
   * at or below the mode, the upper sum when above, each summed from n outward.
   */
  static double negativeBinomialTail(long n, double sigma, double beta, double t) {
    if (n == 0) {
      return 1.0;
    }
    double q = t / (beta + t);
    double logQ = Math.log(t) - Math.log(beta + t);
    double logStay = -Math.log1p(t / beta);
    double mode = Math.max(0, Math.floor((sigma - 1) * (t / beta)));
    if (n > mode) {
      double pmf =
          Math.exp(
              LogPochhammer.value(sigma, n) - Gamma.logGamma(n + 1.0) + sigma * logStay + n * logQ);
      double sum = pmf;
      for (long i = n + 1; i - n < MAX_TERMS; i++) {
        double ratio = (sigma + i - 1) / i * q;
        pmf *= ratio;
        sum += pmf;
        double rho = sigma >= 1 ? ratio : q;
        if (pmf == 0 || rho < 1 && pmf * rho / (1 - rho) <= EPSILON * sum) {
          break;
        }
      }
      return Math.min(1.0, sum);
    }
    long i = n - 1;
    double pmf =
        Math.exp(
            LogPochhammer.value(sigma, i) - Gamma.logGamma(i + 1.0) + sigma * logStay + i * logQ);
    double sum = pmf;
    for (; i > 0; i--) {
      double ratio = i / ((sigma + i - 1) * q);
      pmf *= ratio;
      sum += pmf;
      if (pmf == 0 || ratio < 1 && pmf * ratio / (1 - ratio) <= EPSILON * sum) {
        break;
      }
    }
    return Math.max(0.0, 1 - sum);
  }
}
