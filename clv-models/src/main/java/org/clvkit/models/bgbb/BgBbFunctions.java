package org.clvkit.models.bgbb;

import org.apache.commons.math3.special.Beta;
import org.clvkit.models.internal.Hypergeometric;
import org.clvkit.models.internal.LogPochhammer;

/**
 * The numerical kernels of the BG/BB model, shared by the per-customer and batch methods of {@link
 * BgBbModel} and by the likelihood of {@link BgBbFitter}. Equation numbers refer to Fader, Hardie
 * &amp; Shang (2010), Marketing Science 29(6).
 *
 * <p>The likelihood of a history (x, t_x, n), eq. (5), is {@code L = C · (A + Σ_{i=0}^{n−t_x−1} u_i
 * w_i)} with {@code C = B(α+x, β+t_x−x)/B(α, β) · B(γ+1, δ+t_x)/B(γ, δ)} (the customer died at
 * opportunity t_x + 1), the products {@code u_i = B(α+x, β+t_x−x+i)/B(α+x, β+t_x−x)} and {@code w_i
 * = B(γ+1, δ+t_x+i)/B(γ+1, δ+t_x)} (died i opportunities later, having bought nothing in between),
 * and {@code A = B(α+x, β+n−x)/B(α+x, β+t_x−x) · B(γ, δ+n)/B(γ+1, δ+t_x)} (alive through
 * opportunity n). The terms u_i w_i start at 1 and decrease, so the sum is at least 1 and never
 * underflows; it stops when the remaining terms cannot change it in double precision. Its cost
 * grows with n − t_x.
 */
final class BgBbFunctions {
  /** Histories up to this horizon are summed term by term in {@link #survivedOpportunities}. */
  static final long DIRECT_LIMIT = 2048;

  /** Relative size below which the rest of a decreasing series is dropped. */
  private static final double TAIL = 1e-17;

  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double delta;
  private final double logBetaAlphaBeta;
  private final double logBetaGammaDelta;

  BgBbFunctions(BgBbParameters p) {
    this.alpha = p.alpha();
    this.beta = p.beta();
    this.gamma = p.gamma();
    this.delta = p.delta();
    this.logBetaAlphaBeta = Beta.logBeta(alpha, beta);
    this.logBetaGammaDelta = Beta.logBeta(gamma, delta);
  }

  /** log A, the alive-through-n term relative to C (see the class comment). */
  double logAliveTerm(double x, double tx, double n) {
    return Beta.logBeta(alpha + x, beta + n - x)
        - Beta.logBeta(alpha + x, beta + tx - x)
        + Beta.logBeta(gamma, delta + n)
        - Beta.logBeta(gamma + 1, delta + tx);
  }

  /** log C (see the class comment). */
  double logDeathTerm(double x, double tx) {
    return Beta.logBeta(alpha + x, beta + tx - x)
        - logBetaAlphaBeta
        + Beta.logBeta(gamma + 1, delta + tx)
        - logBetaGammaDelta;
  }

  /** Σ_{i=0}^{n−t_x−1} u_i w_i, at least 1 when n &gt; t_x, 0 when n = t_x. */
  double deathSum(double x, double tx, double n) {
    double terms = n - tx;
    double sum = 0;
    double term = 1;
    double b = beta + tx - x;
    double ab = alpha + beta + tx;
    double d = delta + tx;
    double gd = gamma + 1 + delta + tx;
    for (double i = 0; i < terms; i++) {
      sum += term;
      if (term * (terms - i) <= TAIL * sum) {
        break;
      }
      term *= (b + i) / (ab + i) * ((d + i) / (gd + i));
    }
    return sum;
  }

  /**
   * P(alive at opportunity n | x, t_x, n) = A / (A + Σ u_i w_i), in logistic form so that it stays
   * in [0, 1] for any parameters.
   */
  double aliveAtEnd(double x, double tx, double n) {
    if (n == tx) {
      return 1.0;
    }
    double logRatio = Math.log(deathSum(x, tx, n)) - logAliveTerm(x, tx, n);
    return 1.0 / (1.0 + Math.exp(logRatio));
  }

  /** P(alive at opportunity n + 1 | x, t_x, n), eq. (11). */
  double aliveNext(double x, double tx, double n) {
    return aliveAtEnd(x, tx, n) * ((delta + n) / (gamma + delta + n));
  }

  /** log L(α, β, γ, δ | x, t_x, n), eq. (5). */
  double logLikelihood(double x, double tx, double n) {
    double logC = logDeathTerm(x, tx);
    double logA = logAliveTerm(x, tx, n);
    if (n == tx) {
      return logC + logA;
    }
    double logSum = Math.log(deathSum(x, tx, n));
    double hi = Math.max(logA, logSum);
    return logC + hi + Math.log1p(Math.exp(Math.min(logA, logSum) - hi));
  }

  /**
   * Expected purchases in the next {@code m} opportunities of a customer with history (x, t_x, n),
   * eq. (13): P(alive at n) · (α+x)/(α+β+n) · S(γ, δ+n, m), where the posterior of θ for a customer
   * alive at n is Beta(γ, δ+n).
   */
  double conditionalExpected(double m, double x, double tx, double n) {
    if (m == 0) {
      return 0.0;
    }
    return aliveAtEnd(x, tx, n)
        * ((alpha + x) / (alpha + beta + n))
        * survivedOpportunities(gamma, delta + n, m);
  }

  /** E[X(m)] of a new customer, eq. (9): α/(α+β) · S(γ, δ, m). */
  double expected(double m) {
    if (m == 0) {
      return 0.0;
    }
    return alpha / (alpha + beta) * survivedOpportunities(gamma, delta, m);
  }

  /**
   * Σ_{k=1}^{periods} z^k · E[(1−θ)^k], θ ~ Beta(γ, δ+n), times P(alive at n) and the posterior
   * mean purchase probability: the expected purchases of the next {@code periods} opportunities,
   * each discounted by (1+d)^{−k}.
   */
  double discountedExpected(int periods, double z, double x, double tx, double n) {
    if (periods == 0) {
      return 0.0;
    }
    double d = delta + n;
    double gd = gamma + delta + n;
    double survival = 1;
    double factor = 1;
    double sum = 0;
    for (int k = 0; k < periods; k++) {
      survival *= (d + k) / (gd + k);
      factor *= z;
      double term = survival * factor;
      sum += term;
      // With z <= 1 the terms decrease, so the rest is at most term × (number left).
      if (z <= 1 && term * (periods - 1 - k) <= TAIL * sum) {
        break;
      }
    }
    double weight = aliveAtEnd(x, tx, n) * ((alpha + x) / (alpha + beta + n));
    // A negative discount rate over many periods can overflow the sum; never return 0 × ∞ = NaN.
    return weight == 0 ? 0.0 : weight * sum;
  }

  /**
   * DERT, eq. (18): P(alive at n) · (α+x)/(α+β+n) · Σ_{k&gt;=1} z^k E[(1−θ)^k], θ ~ Beta(γ, δ+n), z
   * = 1/(1+d); the sum is {@code z (δ+n)/(γ+δ+n) · ₂F₁(1, δ+n+1; γ+δ+n+1; z)}, evaluated by {@link
   * Hypergeometric#log2F1OneMinus} from the exact {@code 1 − z = d/(1+d)}. As d → 0 it tends to
   * {@code (δ+n)/(γ−1)} when γ &gt; 1 and grows like d^(γ−1) otherwise. Combined in log space, so
   * it overflows to +∞ rather than to NaN, and is 0 for a customer whose P(alive) underflows.
   *
   * @param oneMinusZ d/(1+d), in (0, 1]
   * @param logZ ln z = −log1p(d)
   */
  double discountedResidual(double oneMinusZ, double logZ, double x, double tx, double n) {
    double alive = aliveAtEnd(x, tx, n);
    if (alive == 0) {
      return 0.0;
    }
    double d = delta + n;
    double gd = gamma + delta + n;
    double logSeries =
        logZ + Math.log(d / gd) + Hypergeometric.log2F1OneMinus(1, d + 1, gd + 1, oneMinusZ);
    return Math.exp(Math.log(alive * ((alpha + x) / (alpha + beta + n))) + logSeries);
  }

  /**
   * P(X(m) = k) for a new customer, eq. (7): the customer is alive through all m opportunities and
   * bought at k of them, or died at opportunity i + 1 (i = k … m−1) having bought at k of the first
   * i. Summed in log space; 0 when k &gt; m.
   */
  double probabilityOfPurchases(int k, double m) {
    if (k > m) {
      return 0.0;
    }
    double logAlive =
        logBinomial(m, k)
            + Beta.logBeta(alpha + k, beta + m - k)
            - logBetaAlphaBeta
            + Beta.logBeta(gamma, delta + m)
            - logBetaGammaDelta;
    double max = logAlive;
    double scaled = 1.0;
    if (k < m) {
      // i = k: C(k, k) B(α+k, β)/B(α, β) · B(γ+1, δ+k)/B(γ, δ).
      double logTerm =
          Beta.logBeta(alpha + k, beta)
              - logBetaAlphaBeta
              + Beta.logBeta(gamma + 1, delta + k)
              - logBetaGammaDelta;
      for (double i = k; i < m; i++) {
        if (logTerm > max) {
          scaled = scaled * Math.exp(max - logTerm) + 1.0;
          max = logTerm;
        } else {
          scaled += Math.exp(logTerm - max);
        }
        // term(i+1) / term(i) = (i+1)/(i+1−k) · (β+i−k)/(α+β+i) · (δ+i)/(γ+1+δ+i)
        logTerm +=
            Math.log((i + 1) / (i + 1 - k) * ((beta + i - k) / (alpha + beta + i)))
                + Math.log((delta + i) / (gamma + 1 + delta + i));
      }
    }
    return Math.min(1.0, Math.exp(max + Math.log(scaled)));
  }

  private static double logBinomial(double m, double k) {
    if (k == 0 || k == m) {
      return 0.0;
    }
    return -Math.log(m + 1) - Beta.logBeta(m - k + 1, k + 1);
  }

  /**
   * S(γ, d, m) = Σ_{k=1}^{m} B(γ, d+k)/B(γ, d): the expected number of the next m opportunities
   * that a customer alive now survives when θ ~ Beta(γ, d). Closed form (eq. 9) {@code d/(γ−1) · (1
   * − R)}, {@code R = Γ(γ+d) Γ(1+d+m) / (Γ(1+d) Γ(γ+d+m))}, which has a removable singularity at γ
   * = 1.
   *
   * <p>Up to {@link #DIRECT_LIMIT} opportunities the terms are summed directly (for any γ). Beyond,
   * with h = 1 − γ, {@code log R = [logΓ(γ+d+m+h) − logΓ(γ+d+m)] − [logΓ(γ+d+h) − logΓ(γ+d)]} is
   * computed by {@link LogPochhammer#value}, which keeps its accuracy relative to h, and {@code S =
   * d · expm1(log R) / h}; at γ = 1 exactly, {@code S = d (ψ(1+d+m) − ψ(1+d))} with ψ = {@link
   * LogPochhammer#digamma}.
   */
  static double survivedOpportunities(double gamma, double d, double m) {
    if (m <= DIRECT_LIMIT) {
      double sum = 0;
      double term = 1;
      for (double j = 0; j < m; j++) {
        term *= (d + j) / (gamma + d + j);
        sum += term;
      }
      return sum;
    }
    double h = 1 - gamma;
    if (h == 0) {
      return d * (LogPochhammer.digamma(1 + d + m) - LogPochhammer.digamma(1 + d));
    }
    double logR = LogPochhammer.value(gamma + d + m, h) - LogPochhammer.value(gamma + d, h);
    return d * Math.expm1(logR) / h;
  }
}
