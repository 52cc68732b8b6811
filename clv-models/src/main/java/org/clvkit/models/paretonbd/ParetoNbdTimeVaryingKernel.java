package org.clvkit.models.paretonbd;

import org.clvkit.models.internal.ConfluentU;

/**
 * The per-customer kernel of the Pareto/NBD with time-varying covariates (Bachmann, Meierer &amp;
 * Näf 2021, "The role of time-varying contextual factors in latent attrition models for customer
 * base analysis", Marketing Science 40(4); CLVTools {@code pnbd} with dynamic covariates), for one
 * parameter vector (r, α₀, s, β₀). The model's per-customer and batch methods and the fit's
 * objective all call it, so their results agree bit for bit. Allocates nothing.
 *
 * <p>Customer i's purchase rate in period k is λ_i a_k and its drop-out rate μ_i c_k, with a_k =
 * exp(γ_purchaseᵀx_k), c_k = exp(γ_dropoutᵀx_k) (the static model's sign convention), λ_i ~
 * Gamma(r, α₀), μ_i ~ Gamma(s, β₀). With the cumulative rates A(t) = ∫_0^t a and C(t) = ∫_0^t c
 * (piecewise linear), the likelihood of the summary (x, t_x, T) is, up to a factor free of the
 * parameters,
 *
 * <pre>
 * L = Γ(r+x)/Γ(r) · α₀^r β₀^s · (A(t_x)/t_x)^{x−1} a(t_x) · [ (α₀+A(T))^−(r+x) (β₀+C(T))^−s
 *     + Σ_k s c_k ∫_{segment k of (t_x, T]} (α₀+A(τ))^−(r+x) (β₀+C(τ))^−(s+1) dτ ],
 * </pre>
 *
 * and each segment's integral, with α̃ = (α₀+A(u₀))/a_k, β̃ = (β₀+C(u₀))/c_k at its start u₀ and
 * its length d, is a_k^−(r+x) c_k^−s s·J(α̃, β̃; 0, d), J the static model's integral (Hardie's
 * note 009, eq. 19–20; {@link ParetoNbdFunctions}), as in CLVTools' sums of hypergeometric terms
 * per walk. The purchase factor is, when the repeat purchases per period n_k are given, Π_j a(t_j)
 * = exp(Σ_k n_k ln a_k) over the repeat purchases (the full likelihood of the purchase times, as
 * Bachmann, Meierer &amp; Näf define it and CLVTools computes it, its "A1sum"); without them it is
 * (A(t_x)/t_x)^{x−1} a(t_x), the density of the last of x purchases at t_x relative to the constant
 * rate (the likelihood of the summary (x, t_x, T), the earlier purchase times integrated out). The
 * factor is common to every term of the bracket, so P(alive) and the predictions do not depend on
 * the choice. With every a_k = a and c_k = c the likelihood is the static covariate model's with α
 * = α₀/a, β = β₀/c; with all coefficients 0 it is the Pareto/NBD's.
 *
 * <p>Predictions condition on the customer being alive at T (posterior λ ~ Gamma(r+x, α₀+A(T)), μ ~
 * Gamma(s, β₀+C(T))): E[Y(t) | ·] = P(alive) (r+x)/(α₀+A(T)) ∫_T^{T+t} a(u) ((β₀+C(T))/(β₀+C(u)))^s
 * du and DERT(δ) the same integral to ∞ with the weight e^{−δ(u−T)}; the last period's covariates
 * hold indefinitely. Segments: closed form for E[Y(t)] and for DERT's last (infinite) segment
 * (δ^{s−1} U(s, s; ·), Fader, Hardie &amp; Lee 2005); DERT's finite segments by 10-point
 * Gauss–Legendre on pieces in v = ln(1 + u/b), each spanning at most one nat of the integrand.
 *
 * <p>Periods are given as starts (customer clock, the first at or before 0) with the ln multipliers
 * ln a_k and ln c_k at the same indices; a period lasts to the next start, the last indefinitely.
 */
final class ParetoNbdTimeVaryingKernel {
  private static final int PAIR = ParetoNbdFunctions.PAIR_TERMS;
  private static final int FIXED = 2 * PAIR + ParetoNbdFunctions.FREQUENCY_TERMS;
  private static final int BLOCK = 12;

  /** Segments at most this share of the smaller scale are integrated by Gauss–Legendre. */
  private static final double SHORT = 0.5;

  /** Segments needing more Gauss–Legendre pieces than this use the hypergeometric terms. */
  private static final int MAX_PIECES = 4;

  // Block layout per period.
  private static final int A = 0; // a_k
  private static final int C = 1; // c_k
  private static final int LO = 2; // start clamped to [0, T]
  private static final int D = 3; // length within [0, T]
  private static final int U = 4; // u0 − lo of a death segment
  private static final int AT = 5; // α̃
  private static final int BT = 6; // β̃
  private static final int ODDS = 7; // D_k − L_alive, −∞ when no death segment
  private static final int JR = 8; // ∂ ln J / ∂r
  private static final int JS = 9; // ∂ ln J / ∂s
  private static final int JA = 10; // ∂ ln J / ∂α̃
  private static final int JB = 11; // ∂ ln J / ∂β̃

  private static final double[] NODES = {
    -0.9739065285171717,
    -0.8650633666889845,
    -0.6794095682990244,
    -0.4333953941292472,
    -0.1488743389816312,
    0.1488743389816312,
    0.4333953941292472,
    0.6794095682990244,
    0.8650633666889845,
    0.9739065285171717
  };
  private static final double[] WEIGHTS = {
    0.0666713443086881,
    0.1494513491505806,
    0.2190863625159820,
    0.2692667193099963,
    0.2955242247147529,
    0.2955242247147529,
    0.2692667193099963,
    0.2190863625159820,
    0.1494513491505806,
    0.0666713443086881
  };

  final double r;
  final double alpha;
  final double s;
  final double beta;
  private final ParetoNbdFunctions shared;
  private final double logS;
  private final double logAlpha;
  private final double logBeta;

  ParetoNbdTimeVaryingKernel(double r, double alpha, double s, double beta) {
    this.r = r;
    this.alpha = alpha;
    this.s = s;
    this.beta = beta;
    this.shared = new ParetoNbdFunctions(r, alpha, s, beta);
    this.logS = Math.log(s);
    this.logAlpha = Math.log(alpha);
    this.logBeta = Math.log(beta);
  }

  /** The length of the work array for a customer with this many periods. */
  static int workLength(int periods) {
    return FIXED + BLOCK * periods;
  }

  /**
   * ln L of one customer, its gradient, and (through {@code alive}) P(alive).
   *
   * @param starts period starts; the customer's are {@code from .. to−1}
   * @param la ln a_k at the same indices
   * @param lc ln c_k at the same indices
   * @param counts the repeat purchases n_k in each period at the same indices, or null for the
   *     likelihood of the summary (see the class comment)
   * @param gradient when not null, receives d ln L / d (ln r, ln α₀, ln s, ln β₀)
   * @param ga when gradient is not null, receives d ln L / d ln a_k at the period indices
   * @param gc when gradient is not null, receives d ln L / d ln c_k at the period indices
   * @param work scratch of length &gt;= {@link #workLength}(to − from)
   * @param alive when not null, receives P(alive at T) in {@code alive[0]}
   * @throws ArithmeticException if a hypergeometric series cannot converge
   */
  double logLikelihood(
      double x,
      double recency,
      double age,
      double[] starts,
      int from,
      int to,
      double[] la,
      double[] lc,
      double[] counts,
      double[] gradient,
      double[] ga,
      double[] gc,
      double[] work,
      double[] alive) {
    double p = r + x;
    int periods = to - from;
    // Pass 1: multipliers, clamped periods, A(T), C(T).
    double aT = 0;
    double cT = 0;
    for (int k = 0; k < periods; k++) {
      int b = FIXED + BLOCK * k;
      double lo = clamp(starts[from + k], age);
      double hi = k + 1 < periods ? clamp(starts[from + k + 1], age) : age;
      double a = Math.exp(la[from + k]);
      double c = Math.exp(lc[from + k]);
      work[b + A] = a;
      work[b + C] = c;
      work[b + LO] = lo;
      work[b + D] = hi - lo;
      work[b + ODDS] = Double.NEGATIVE_INFINITY;
      aT += a * (hi - lo);
      cT += c * (hi - lo);
    }
    // The period of the last purchase: the one containing t_x, the last non-empty one at t_x = T.
    int kappa = 0;
    for (int k = 0; k < periods; k++) {
      int b = FIXED + BLOCK * k;
      if (work[b + D] > 0) {
        kappa = k;
        if (recency < work[b + LO] + work[b + D]) {
          break;
        }
      }
    }
    double aRecency = 0; // A(t_x)
    for (int k = 0; k < kappa; k++) {
      int b = FIXED + BLOCK * k;
      aRecency += work[b + A] * work[b + D];
    }
    int kb = FIXED + BLOCK * kappa;
    aRecency += work[kb + A] * (recency - work[kb + LO]);
    double purchaseTerm = 0;
    if (counts != null) {
      for (int k = 0; k < periods; k++) {
        double n = counts[from + k];
        if (n != 0) {
          purchaseTerm += n * la[from + k];
        }
      }
    } else if (x > 0) {
      purchaseTerm =
          recency > 0
              ? (x - 1) * (Math.log(aRecency) - Math.log(recency)) + la[from + kappa]
              : x * la[from + kappa];
    }
    shared.frequencyTerms(x, work, 2 * PAIR);
    double logAlphaT = Math.log(alpha + aT);
    double logBetaT = Math.log(beta + cT);
    double base =
        work[2 * PAIR]
            - r * Math.log1p(aT / alpha)
            - x * logAlphaT
            - s * Math.log1p(cT / beta)
            + purchaseTerm;
    double logAlive = -p * logAlphaT - s * logBetaT;
    double logA = work[2 * PAIR + 2]; // ln(r+s+x)
    double inverseA = 1 / (r + s + x);
    // Pass 2: the death segments of (t_x, T].
    double maxOdds = 0;
    double prefixA = 0;
    double prefixC = 0;
    for (int k = 0; k < periods; k++) {
      int b = FIXED + BLOCK * k;
      double lo = work[b + LO];
      double d = work[b + D];
      double a = work[b + A];
      double c = work[b + C];
      double hi = lo + d;
      if (d > 0 && hi > recency) {
        double u = Math.max(lo, recency) - lo;
        double dd = d - u;
        if (dd > 0) {
          double at = (alpha + prefixA + a * u) / a;
          double bt = (beta + prefixC + c * u) / c;
          work[b + U] = u;
          work[b + AT] = at;
          work[b + BT] = bt;
          double logJ = segment(x, at, bt, dd, work, b, inverseA, logA);
          if (logJ > Double.NEGATIVE_INFINITY) {
            double odds = logS - p * la[from + k] - s * lc[from + k] + logJ - logAlive;
            work[b + ODDS] = odds;
            maxOdds = Math.max(maxOdds, odds);
          }
        }
      }
      prefixA += a * d;
      prefixC += c * d;
    }
    double sum = Math.exp(-maxOdds);
    for (int k = 0; k < periods; k++) {
      double odds = work[FIXED + BLOCK * k + ODDS];
      if (odds > Double.NEGATIVE_INFINITY) {
        sum += Math.exp(odds - maxOdds);
      }
    }
    double w0 = Math.exp(-maxOdds) / sum;
    if (alive != null) {
      alive[0] = w0;
    }
    double ll = base + maxOdds + Math.log(sum);
    if (gradient == null) {
      return ll;
    }
    double gR = work[2 * PAIR + 1] + logAlpha - w0 * logAlphaT;
    double gS = logBeta - w0 * logBetaT;
    double gAlpha = r / alpha - w0 * p / (alpha + aT);
    double gBeta = s / beta - w0 * s / (beta + cT);
    double aliveA = w0 * p / (alpha + aT);
    double aliveC = w0 * s / (beta + cT);
    double suffixA = 0;
    double suffixC = 0;
    for (int k = periods - 1; k >= 0; k--) {
      int b = FIXED + BLOCK * k;
      double a = work[b + A];
      double c = work[b + C];
      double d = work[b + D];
      double gak = a * d * (suffixA - aliveA);
      double gck = c * d * (suffixC - aliveC);
      double odds = work[b + ODDS];
      if (odds > Double.NEGATIVE_INFINITY) {
        double w = Math.exp(odds - maxOdds) / sum;
        double ja = work[b + JA];
        double jb = work[b + JB];
        gR += w * (work[b + JR] - la[from + k]);
        gS += w * (1 / s + work[b + JS] - lc[from + k]);
        gAlpha += w * ja / a;
        gBeta += w * jb / c;
        gak += w * (ja * (work[b + U] - work[b + AT]) - p);
        gck += w * (jb * (work[b + U] - work[b + BT]) - s);
        suffixA += w * ja / a;
        suffixC += w * jb / c;
      }
      if (counts != null) {
        gak += counts[from + k];
      } else if (x > 0) {
        if (recency > 0) {
          double overlap = k < kappa ? d : k == kappa ? recency - work[b + LO] : 0;
          gak += (x - 1) * a * overlap / aRecency;
          if (k == kappa) {
            gak += 1;
          }
        } else if (k == kappa) {
          gak += x;
        }
      }
      ga[from + k] = gak;
      gc[from + k] = gck;
    }
    gradient[0] = r * gR;
    gradient[1] = alpha * gAlpha;
    gradient[2] = s * gS;
    gradient[3] = beta * gBeta;
    return ll;
  }

  /**
   * ln J(α̃, β̃; 0, d) = ln ∫_0^d (α̃+u)^−(r+x) (β̃+u)^−(s+1) du with its partial derivatives
   * (written into the period's block), −∞ when it underflows against its own first term.
   */
  private double segment(
      double x,
      double at,
      double bt,
      double d,
      double[] work,
      int b,
      double inverseA,
      double logA) {
    double spread = Math.max(d * ((r + x) / at + (s + 1) / bt), d / (SHORT * Math.min(at, bt)));
    if (spread <= MAX_PIECES) {
      return shortSegment(x, at, bt, d, Math.max(1, (int) Math.ceil(spread)), work, b);
    }
    boolean alphaBranch = at >= bt;
    double max = Math.max(at, bt);
    double min = Math.min(at, bt);
    double a = r + s + x;
    ParetoNbdFunctions.pairTerms(r, s, x, 0, alphaBranch, max, min, work, 0);
    ParetoNbdFunctions.pairTerms(r, s, x, d, alphaBranch, max, min, work, PAIR);
    double delta = (work[PAIR] - work[0]) - a * Math.log1p(d / max);
    if (!(delta < 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    double em1 = Math.expm1(delta);
    double logA0 = work[0] - a * work[1] + Math.log(-em1);
    double k = -(1 + em1) / em1;
    double da = work[2] + k * (work[2] - work[PAIR + 2]);
    double db = work[3] + k * (work[3] - work[PAIR + 3]);
    double dm = work[4] + k * (work[4] - work[PAIR + 4]);
    double dn = work[5] + k * (work[5] - work[PAIR + 5]);
    if (alphaBranch) {
      work[b + JR] = da - inverseA;
      work[b + JS] = da + db - inverseA;
      work[b + JA] = dm;
      work[b + JB] = dn;
    } else {
      work[b + JR] = da + db - inverseA;
      work[b + JS] = da - inverseA;
      work[b + JA] = dn;
      work[b + JB] = dm;
    }
    return logA0 - logA;
  }

  /**
   * {@link #segment} for a segment short against both scales, by 10-point Gauss–Legendre on the
   * integrand (α̃+u)^−(r+x) (β̃+u)^−(s+1) and its derivatives (under the integral) on {@code
   * pieces} equal pieces, each at most {@value #SHORT} min(α̃, β̃) long and with ln of the
   * integrand varying by at most one: the integrand is then analytic and bounded by a few times its
   * value on a Bernstein ellipse of parameter &gt; 9.9 around each piece (its singularities are at
   * −α̃ and −β̃), so the rule is exact to rounding. It replaces two hypergeometric series by a few
   * tens of logarithms.
   */
  private double shortSegment(
      double x, double at, double bt, double d, int pieces, double[] work, int b) {
    double p = r + x;
    double q = s + 1;
    double width = d / pieces;
    double half = 0.5 * width;
    double sum = 0;
    double sr = 0;
    double ss = 0;
    double sa = 0;
    double sb = 0;
    double logAt = Math.log(at);
    double logBt = Math.log(bt);
    for (int piece = 0; piece < pieces; piece++) {
      double left = piece * width;
      for (int n = 0; n < NODES.length; n++) {
        double u = left + half * (1 + NODES[n]);
        double la = Math.log(at + u);
        double lb = Math.log(bt + u);
        double f = WEIGHTS[n] * Math.exp(-p * (la - logAt) - q * (lb - logBt));
        sum += f;
        sr -= f * la;
        ss -= f * lb;
        sa -= f * p / (at + u);
        sb -= f * q / (bt + u);
      }
    }
    work[b + JR] = sr / sum;
    work[b + JS] = ss / sum;
    work[b + JA] = sa / sum;
    work[b + JB] = sb / sum;
    return Math.log(half * sum) - p * logAt - q * logBt;
  }

  private static double clamp(double t, double age) {
    return Math.min(Math.max(t, 0.0), age);
  }

  /** (1 − e^{−(s−1)L}) / (s−1), L at s = 1. */
  private double lifetimeFactor(double logRatio) {
    double e = s - 1;
    return e == 0 ? logRatio : -Math.expm1(-e * logRatio) / e;
  }

  /**
   * E[Y(t) | x, t_x, T] with the customer's covariates, the last period's holding beyond its start.
   */
  double conditionalExpectedPurchases(
      double t,
      double x,
      double recency,
      double age,
      double[] starts,
      int from,
      int to,
      double[] la,
      double[] lc,
      double[] work,
      double[] alive) {
    logLikelihood(x, recency, age, starts, from, to, la, lc, null, null, null, null, work, alive);
    double aT = 0;
    double cT = 0;
    for (int k = 0; k < to - from; k++) {
      int b = FIXED + BLOCK * k;
      aT += work[b + A] * work[b + D];
      cT += work[b + C] * work[b + D];
    }
    double bigB = beta + cT;
    double end = age + t;
    double future = cT;
    double integral = 0;
    for (int k = from; k < to; k++) {
      double lo = Math.max(starts[k], age);
      double hi = k + 1 < to ? Math.min(Math.max(starts[k + 1], age), end) : end;
      double dd = hi - lo;
      if (!(dd > 0)) {
        continue;
      }
      double a = Math.exp(la[k]);
      double c = Math.exp(lc[k]);
      double b0 = beta + future;
      integral +=
          a
              * Math.exp(s * Math.log(bigB / b0))
              * (b0 / c)
              * lifetimeFactor(Math.log1p(c * dd / b0));
      future += c * dd;
    }
    return alive[0] * (r + x) / (alpha + aT) * integral;
  }

  /**
   * DERT(δ | x, t_x, T) with continuous discount rate δ per unit time: the discounted expected
   * purchases after T, the last period's covariates holding indefinitely.
   */
  double discountedResidualPurchases(
      double delta,
      double x,
      double recency,
      double age,
      double[] starts,
      int from,
      int to,
      double[] la,
      double[] lc,
      double[] work,
      double[] alive) {
    logLikelihood(x, recency, age, starts, from, to, la, lc, null, null, null, null, work, alive);
    double aT = 0;
    double cT = 0;
    for (int k = 0; k < to - from; k++) {
      int b = FIXED + BLOCK * k;
      aT += work[b + A] * work[b + D];
      cT += work[b + C] * work[b + D];
    }
    double bigB = beta + cT;
    double future = cT;
    double integral = 0;
    for (int k = from; k < to; k++) {
      boolean last = k + 1 == to;
      double lo = Math.max(starts[k], age);
      double hi = last ? Double.POSITIVE_INFINITY : Math.max(starts[k + 1], age);
      double dd = hi - lo;
      if (!(dd > 0)) {
        continue;
      }
      double a = Math.exp(la[k]);
      double c = Math.exp(lc[k]);
      double b0 = beta + future;
      double bb = b0 / c; // the period's scale b: (β+C(u))/(β+C(lo)) = 1 + (u−lo)/b
      double logFactor = Math.log(a) - delta * (lo - age) + s * Math.log(bigB / b0);
      double piece;
      if (last) {
        // ∫_0^∞ e^{−δu} (1+u/b)^−s du = b (δb)^{s−1} U(s, s; δb).
        double z = delta * bb;
        piece =
            Math.exp(
                logFactor + Math.log(bb) + (s - 1) * Math.log(z) + ConfluentU.logDiagonal(s, z));
      } else {
        piece = Math.exp(logFactor) * finiteSegment(delta, bb, dd);
        future += c * dd;
      }
      integral += piece;
    }
    return alive[0] * (r + x) / (alpha + aT) * integral;
  }

  /**
   * ∫_0^d e^{−δu} (1+u/b)^−s du by Gauss–Legendre in v = ln(1+u/b) (u = b(e^v − 1)), on pieces over
   * which ln of the integrand b e^{v(1−s)} e^{−δb(e^v−1)} varies by at most about one.
   */
  private double finiteSegment(double delta, double b, double d) {
    double top = Math.log1p(d / b);
    double variation = delta * d + Math.abs(1 - s) * top;
    int pieces = (int) Math.min(256, Math.max(1, Math.ceil(variation)));
    double width = top / pieces;
    double sum = 0;
    for (int piece = 0; piece < pieces; piece++) {
      double mid = (piece + 0.5) * width;
      double half = 0.5 * width;
      double part = 0;
      for (int n = 0; n < NODES.length; n++) {
        double v = mid + half * NODES[n];
        double u = b * Math.expm1(v);
        part += WEIGHTS[n] * Math.exp((1 - s) * v - delta * u);
      }
      sum += part * half;
    }
    return b * sum;
  }
}
