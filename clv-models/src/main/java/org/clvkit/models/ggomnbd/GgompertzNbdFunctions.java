package org.clvkit.models.ggomnbd;

import org.clvkit.models.internal.GaussKronrod;
import org.clvkit.models.internal.LogPochhammer;

/**
 * The per-customer formulas of the Gamma-Gompertz/NBD (Bemmaor &amp; Glady 2012, section 3 and
 * appendix), shared by the model's per-customer and batch methods and by the likelihood. Each
 * integral is computed by {@link GaussKronrod} in a caller's workspace to relative error
 * {@link #TOLERANCE}; immutable, with all scratch space in a caller's {@link Scratch}.
 *
 * <p>With B(τ) = β − 1 + e^{bτ} (evaluated as β + expm1(bτ), or bτ + log1p((β−1)e^{−bτ}) in log
 * form once bτ &gt; 1, so neither b → 0 nor large bτ loses digits or overflows):
 *
 * <ul>
 *   <li>population survival S(τ) = (β/B(τ))^s;
 *   <li>the likelihood of (x, t_x, T): Γ(r+x)α^r/Γ(r) · [A + C], A = (β/B(T))^s (α+T)^{−(r+x)}, C
 *       = b s β^s ∫_{t_x}^T e^{bτ} (α+τ)^{−(r+x)} B(τ)^{−(s+1)} dτ (B&amp;G eq. 6);
 *   <li>P(alive | x, t_x, T) = A / (A + C);
 *   <li>alive at T, λ | data ~ Gamma(r+x, α+T) and η | data ~ Gamma(s, B(T)), so P(alive at T+t |
 *       data) = P(alive) (B(T)/B(T+t))^s and E[Y(t) | data] = P(alive) (r+x)/(α+T) ∫_0^t
 *       (B(T)/B(T+u))^s du;
 *   <li>E[X(t)] = (r/α) ∫_0^t S(u) du, and P(X(t) = n) = S(t) NB(n; t) + ∫_0^t f(τ) NB(n; τ) dτ with
 *       f = −S' the lifetime density and NB the negative binomial count of an always-alive customer.
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

  /** ln S(τ) = s (ln β − ln B(τ)). */
  double logSurvival(double tau) {
    return s * (logBeta - logB(b, beta, tau));
  }

  /** ln f(τ) = ln(s b) + s ln β + bτ − (s+1) ln B(τ), the log lifetime density. */
  double logDensity(double tau) {
    return Math.log(s * b) + s * logBeta + b * tau - (s + 1) * logB(b, beta, tau);
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

    @Override
    public void evaluate(double tau, double[] out) {
      out[0] =
          switch (kind) {
            case LIKELIHOOD -> Math.exp(f.logIntegrand(first, tau) - second);
            case RESIDUAL -> Math.exp(f.s * (first - logB(f.b, f.beta, second + tau)));
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
  }

  /** ln C of the likelihood (−∞ when t_x = T). */
  private double logC(double x, double recency, double age, Scratch scratch) {
    if (recency >= age) {
      return Double.NEGATIVE_INFINITY;
    }
    double rx = r + x;
    double m = Math.max(logIntegrand(rx, recency), logIntegrand(rx, age));
    m = Math.max(m, logIntegrand(rx, 0.5 * (recency + age)));
    scratch.first = rx;
    scratch.second = m;
    double integral = scratch.integrate(this, Scratch.LIKELIHOOD, recency, age, 0);
    return Math.log(s * b) + s * logBeta + m + Math.log(integral);
  }

  /** h(τ) = bτ − (r+x) ln(α+τ) − (s+1) ln B(τ). */
  double logIntegrand(double rx, double tau) {
    return b * tau - rx * Math.log(alpha + tau) - (s + 1) * logB(b, beta, tau);
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
    scratch.first = logB(b, beta, age);
    scratch.second = age;
    return scratch.integrate(this, Scratch.RESIDUAL, 0, t, 0);
  }

  double conditionalExpectedPurchases(double t, double x, double recency, double age,
      Scratch scratch) {
    if (t == 0) {
      return 0;
    }
    double alive = probabilityAlive(x, recency, age, scratch);
    return alive * (r + x) / (alpha + age) * residualLifetime(t, age, scratch);
  }

  double probabilityAliveAt(double t, double x, double recency, double age,
      Scratch scratch) {
    double alive = probabilityAlive(x, recency, age, scratch);
    return alive * Math.exp(s * (logB(b, beta, age) - logB(b, beta, age + t)));
  }

  double expectedPurchases(double t, Scratch scratch) {
    if (t == 0) {
      return 0;
    }
    return r / alpha * scratch.integrate(this, Scratch.SURVIVAL, 0, t, 0);
  }

  /** ln NB(n; τ): the log count probability of an always-alive customer over (0, τ]. */
  double logNegativeBinomial(int n, double tau) {
    if (tau == 0) {
      return n == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    double logStay = -Math.log1p(tau / alpha);
    return LogPochhammer.value(r, n) - LogPochhammer.value(1, n) + (r + n) * logStay
        + n * Math.log(tau / alpha);
  }

  double probabilityOfPurchases(int n, double t, Scratch scratch) {
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double alive = Math.exp(logSurvival(t) + logNegativeBinomial(n, t));
    // ∫_0^t f(τ) NB(n; τ) dτ; for n = 0 the integrand is bounded, for n > 0 it vanishes at 0.
    scratch.n = n;
    return alive + scratch.integrate(this, Scratch.COUNT, 0, t, 1e-300);
  }
}
