package org.clvkit.models.ggomnbd;

import org.clvkit.models.internal.GaussKronrod;
import org.clvkit.models.internal.LogPochhammer;

/**
 * The per-customer formulas of the Gamma-Gompertz/NBD (Bemmaor &amp; Glady 2012, section 3 and
 * appendix), shared by the model's per-customer and batch methods and by the likelihood. Each
 * integral is computed by {@link GaussKronrod} in a caller's workspace to relative error {@link
 * #TOLERANCE}; immutable, with all scratch space in a caller's {@link Scratch}.
 *
 * <p>With B(τ) = β − 1 + e^{bτ} (evaluated as β + expm1(bτ), or bτ + log1p((β−1)e^{−bτ}) in log
 * form once bτ &gt; 1, so neither b → 0 nor large bτ loses digits or overflows):
 *
 * <ul>
 *   <li>population survival S(τ) = (β/B(τ))^s;
 *   <li>the likelihood of (x, t_x, T): Γ(r+x)α^r/Γ(r) · [A + C], A = (β/B(T))^s (α+T)^{−(r+x)}, C =
 *       b s β^s ∫_{t_x}^T e^{bτ} (α+τ)^{−(r+x)} B(τ)^{−(s+1)} dτ (B&amp;G eq. 6);
 *   <li>P(alive | x, t_x, T) = A / (A + C);
 *   <li>alive at T, λ | data ~ Gamma(r+x, α+T) and η | data ~ Gamma(s, B(T)), so P(alive at T+t |
 *       data) = P(alive) (B(T)/B(T+t))^s and E[Y(t) | data] = P(alive) (r+x)/(α+T) ∫_0^t
 *       (B(T)/B(T+u))^s du;
 *   <li>E[X(t)] = (r/α) ∫_0^t S(u) du, and P(X(t) = n) = S(t) NB(n; t) + ∫_0^t f(τ) NB(n; τ) dτ
 *       with f = −S' the lifetime density and NB the negative binomial count of an always-alive
 *       customer.
 * </ul>
 */
final class GgompertzNbdFunctions {
  /** Relative tolerance of every integral. */
  static final double TOLERANCE = 1e-12;

  private final double r;
  private final double alpha;
  private final double b;
  private final double s;
  private final double beta;
  private final double logBeta;

  GgompertzNbdFunctions(double r, double alpha, double b, double s, double beta) {
    this.r = r;
    this.alpha = alpha;
    this.b = b;
    this.s = s;
    this.beta = beta;
    this.logBeta = Math.log(beta);
  }

  /** ln B(τ) = ln(β − 1 + e^{bτ}). */
  static double logB(double b, double beta, double tau) {
    double bt = b * tau;
    return bt > 1 ? bt + Math.log1p((beta - 1) * Math.exp(-bt)) : Math.log(beta + Math.expm1(bt));
  }

  /** e^{bτ} / B(τ) = 1 / (1 + (β−1) e^{−bτ}). */
  static double growthShare(double b, double beta, double tau) {
    return 1 / (1 + (beta - 1) * Math.exp(-b * tau));
  }

  /**
   * G(τ) = bτ − (s+1) ln B(τ), the growth part of the log lifetime density; once bτ &gt; 1 as −s bτ
   * − (s+1) log1p((β−1) e^{−bτ}), without the cancellation of bτ against ln B(τ).
   */
  static double growth(double b, double s, double beta, double tau) {
    double bt = b * tau;
    return bt > 1
        ? -s * bt - (s + 1) * Math.log1p((beta - 1) * Math.exp(-bt))
        : bt - (s + 1) * Math.log(beta + Math.expm1(bt));
  }

  /**
   * G(τ) − G(τ0), with the leading −s b (τ − τ0) taken as a difference of times when both bτ and
   * bτ0 exceed 1, so that an integrand scaled to 1 at τ0 keeps its relative accuracy however large
   * sbτ is.
   */
  static double growthDifference(double b, double s, double beta, double tau, double tau0) {
    if (b * tau > 1 && b * tau0 > 1) {
      return -s * b * (tau - tau0)
          - (s + 1)
              * (Math.log1p((beta - 1) * Math.exp(-b * tau))
                  - Math.log1p((beta - 1) * Math.exp(-b * tau0)));
    }
    return growth(b, s, beta, tau) - growth(b, s, beta, tau0);
  }

  /** ln B(T) − ln B(T+u), without cancellation when bT &gt; 1. */
  static double logBRatio(double b, double beta, double age, double u) {
    double bt = b * age;
    if (bt > 1) {
      return -b * u
          + Math.log1p((beta - 1) * Math.exp(-bt))
          - Math.log1p((beta - 1) * Math.exp(-b * (age + u)));
    }
    return logB(b, beta, age) - logB(b, beta, age + u);
  }

  /**
   * The time after T (from 0 for a new customer, T = 0) over which the conditional survival
   * (B(T)/B(T+u))^s falls by a factor e: log1p(expm1(1/s) B(T) e^{−bT}) / b.
   */
  double survivalScale(double age) {
    double share = growthShare(b, beta, age); // e^{bT}/B(T)
    return Math.log1p(Math.expm1(1 / s) / share) / b;
  }

  /** ln S(τ) = s (ln β − ln B(τ)). */
  double logSurvival(double tau) {
    return s * (logBeta - logB(b, beta, tau));
  }

  /** ln f(τ) = ln(s b) + s ln β + bτ − (s+1) ln B(τ), the log lifetime density. */
  double logDensity(double tau) {
    return Math.log(s * b) + s * logBeta + growth(b, s, beta, tau);
  }

  /**
   * Scratch space of one thread: the quadrature workspace and the integrand, whose kind and
   * constants are set before each integral, so that a batch call allocates nothing per customer.
   */
  static final class Scratch implements GaussKronrod.Integrand {
    private static final int LIKELIHOOD = 0;
    private static final int RESIDUAL = 1;
    private static final int SURVIVAL = 2;
    private static final int COUNT = 3;

    final GaussKronrod.Workspace workspace = new GaussKronrod.Workspace(1);
    final double[] one = new double[1];
    private GgompertzNbdFunctions f;
    private int kind;
    private double first;
    private double second;
    private int n;
    private boolean reflect;

    @Override
    public void evaluate(double point, double[] out) {
      // LIKELIHOOD integrates over the offset from its peak τ0 = second (negated when reflected,
      // the peak being the upper limit); the others over the time itself.
      double tau = point;
      out[0] =
          switch (kind) {
            case LIKELIHOOD ->
                Math.exp(f.logIntegrandOffset(first, second, reflect ? -point : point));
            case RESIDUAL -> Math.exp(f.s * logBRatio(f.b, f.beta, second, tau));
            case SURVIVAL -> Math.exp(f.logSurvival(tau));
            default -> Math.exp(f.logDensity(tau) + f.logNegativeBinomial(n, tau));
          };
    }

    private double integrate(
        GgompertzNbdFunctions functions, int what, double from, double to, double absolute) {
      this.f = functions;
      this.kind = what;
      workspace.integrate(this, from, to, TOLERANCE, absolute, one);
      return one[0];
    }

    /**
     * The integral over [from, to] of an integrand that is largest at {@code from} and falls on the
     * length scale {@code scale}, as a sum over the pieces [from, from + scale], then pieces
     * doubling in length: an adaptive rule on the whole interval could place no node in a spike
     * much narrower than the interval and accept 0.
     */
    private double graded(
        GgompertzNbdFunctions functions,
        int what,
        double from,
        double to,
        double scale,
        double absolute) {
      double width = Math.max(scale, (to - from) * 1e-15);
      if (!(width < to - from)) {
        return integrate(functions, what, from, to, absolute);
      }
      double total = 0;
      double a = from;
      while (a < to) {
        double b = Math.min(to, a + width);
        if (to - b < width) {
          b = to;
        }
        total += integrate(functions, what, a, b, absolute);
        a = b;
        width *= 2;
      }
      return total;
    }
  }

  /** ln C of the likelihood (−∞ when t_x = T). */
  private double logC(double x, double recency, double age, Scratch scratch) {
    if (recency >= age) {
      return Double.NEGATIVE_INFINITY;
    }
    double rx = r + x;
    double tau0 = peak(rx, recency, age);
    scratch.first = rx;
    scratch.second = tau0;
    // Over the offset v from τ0. h falls away from an endpoint peak on the scale 1/|h'|: graded
    // pieces from there (reflected when the peak is T).
    double integral;
    double length = age - recency;
    if (tau0 == recency || tau0 == age) {
      double slope = Math.abs(logIntegrandSlope(rx, tau0));
      double scale = slope > 0 ? 1 / slope : length;
      scratch.reflect = tau0 == age;
      try {
        integral = scratch.graded(this, Scratch.LIKELIHOOD, 0, length, scale, 0);
      } finally {
        scratch.reflect = false;
      }
    } else {
      integral = scratch.integrate(this, Scratch.LIKELIHOOD, recency - tau0, age - tau0, 0);
    }
    return Math.log(s * b) + s * logBeta + logIntegrand(rx, tau0) + Math.log(integral);
  }

  /** h(τ) = bτ − (r+x) ln(α+τ) − (s+1) ln B(τ). */
  double logIntegrand(double rx, double tau) {
    return growth(b, s, beta, tau) - rx * Math.log(alpha + tau);
  }

  /** h'(τ) = b (1 − (s+1) e^{bτ}/B(τ)) − (r+x)/(α+τ). */
  double logIntegrandSlope(double rx, double tau) {
    return b * (1 - (s + 1) * growthShare(b, beta, tau)) - rx / (alpha + tau);
  }

  /**
   * h(τ0 + v) − h(τ0) from the offset v itself (not from τ0 + v, whose rounding would be multiplied
   * by s b): −s b v − (s+1)(log1p((β−1)e^{−bτ0}e^{−bv}) − log1p((β−1)e^{−bτ0})) − (r+x)
   * log1p(v/(α+τ0)) once bτ0 and b(τ0 + v) exceed 1.
   */
  double logIntegrandOffset(double rx, double tau0, double v) {
    double tau = tau0 + v;
    double growth;
    if (b * tau0 > 1 && b * tau > 1) {
      double q = (beta - 1) * Math.exp(-b * tau0);
      growth = -s * b * v - (s + 1) * (Math.log1p(q * Math.exp(-b * v)) - Math.log1p(q));
    } else {
      growth = growth(b, s, beta, tau) - growth(b, s, beta, tau0);
    }
    return growth - rx * Math.log1p(v / (alpha + tau0));
  }

  /** h(τ) − h(τ0), by differences that keep their relative accuracy. */
  double logIntegrandFrom(double rx, double tau, double tau0) {
    return growthDifference(b, s, beta, tau, tau0) - rx * Math.log1p((tau - tau0) / (alpha + tau0));
  }

  /** The point among t_x, T and their midpoint where h is largest, to scale the integrand by. */
  double peak(double rx, double recency, double age) {
    double mid = 0.5 * (recency + age);
    double best = recency;
    double value = logIntegrand(rx, recency);
    if (logIntegrand(rx, age) > value) {
      best = age;
      value = logIntegrand(rx, age);
    }
    return logIntegrand(rx, mid) > value ? mid : best;
  }

  double logA(double x, double age) {
    return s * (logBeta - logB(b, beta, age)) - (r + x) * Math.log(alpha + age);
  }

  /** ln L(x, t_x, T), the log-density of the purchase times. */
  double logLikelihood(double x, double recency, double age, Scratch scratch) {
    double logA = logA(x, age);
    double logC = logC(x, recency, age, scratch);
    double max = Math.max(logA, logC);
    double sum = max + Math.log1p(Math.exp(Math.min(logA, logC) - max));
    return LogPochhammer.value(r, x) + r * Math.log(alpha) + sum;
  }

  /** P(alive at T | x, t_x, T) = 1 / (1 + C/A). */
  double probabilityAlive(double x, double recency, double age, Scratch scratch) {
    double logC = logC(x, recency, age, scratch);
    return 1 / (1 + Math.exp(logC - logA(x, age)));
  }

  /** ∫_0^t (B(T)/B(T+u))^s du. */
  double residualLifetime(double t, double age, Scratch scratch) {
    if (t == 0) {
      return 0;
    }
    scratch.second = age;
    return scratch.graded(this, Scratch.RESIDUAL, 0, t, survivalScale(age), 0);
  }

  double conditionalExpectedPurchases(
      double t, double x, double recency, double age, Scratch scratch) {
    if (t == 0) {
      return 0;
    }
    double alive = probabilityAlive(x, recency, age, scratch);
    return alive * (r + x) / (alpha + age) * residualLifetime(t, age, scratch);
  }

  double probabilityAliveAt(double t, double x, double recency, double age, Scratch scratch) {
    double alive = probabilityAlive(x, recency, age, scratch);
    return alive * Math.exp(s * logBRatio(b, beta, age, t));
  }

  double expectedPurchases(double t, Scratch scratch) {
    if (t == 0) {
      return 0;
    }
    return r / alpha * scratch.graded(this, Scratch.SURVIVAL, 0, t, survivalScale(0), 0);
  }

  /** ln NB(n; τ): the log count probability of an always-alive customer over (0, τ]. */
  double logNegativeBinomial(int n, double tau) {
    if (tau == 0) {
      return n == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    double logStay = -Math.log1p(tau / alpha);
    return LogPochhammer.value(r, n)
        - LogPochhammer.value(1, n)
        + (r + n) * logStay
        + n * Math.log(tau / alpha);
  }

  double probabilityOfPurchases(int n, double t, Scratch scratch) {
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double alive = Math.exp(logSurvival(t) + logNegativeBinomial(n, t));
    // ∫_0^t f(τ) NB(n; τ) dτ; for n = 0 the integrand is bounded, for n > 0 it vanishes at 0.
    scratch.n = n;
    return alive + scratch.graded(this, Scratch.COUNT, 0, t, survivalScale(0), 1e-300);
  }
}
