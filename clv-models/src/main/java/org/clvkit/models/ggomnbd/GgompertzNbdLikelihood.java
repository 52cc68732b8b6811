package org.clvkit.models.ggomnbd;

import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.GaussKronrod;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;
import org.clvkit.models.internal.PatternSample;

/**
 * The Gamma-Gompertz/NBD maximum-likelihood problem over distinct (x, t_x, T) patterns, with the
 * analytic gradient in the log-parameters. Per pattern, ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln(A
 * + C) with A and C of {@link GgompertzNbdFunctions}; the derivatives of ln C come from the same
 * adaptive Gauss–Kronrod subdivision as C itself, the integrand e^{h(τ)} carrying the derivatives
 * of h(τ) = bτ − (r+x) ln(α+τ) − (s+1) ln B(τ):
 *
 * <pre>
 *   ∂h/∂r = −ln(α+τ),  ∂h/∂α = −(r+x)/(α+τ),  ∂h/∂b = τ (1 − (s+1) e^{bτ}/B(τ)),
 *   ∂h/∂s = −ln B(τ),  ∂h/∂β = −(s+1)/B(τ).
 * </pre>
 *
 * α has time exponent 1 and b −1; an instance holds scratch space and must not be used from two
 * threads at once.
 */
final class GgompertzNbdLikelihood implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha", "b", "s", "beta");

  private final double[] x;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final double customers;
  private final double purchases;
  private final double exposure;
  private final double timeScale;
  private final GaussKronrod.Workspace workspace = new GaussKronrod.Workspace(6);
  private final double[] integrals = new double[6];
  private final Integrand integrand = new Integrand();

  /**
   * @param data the customer histories (compressed here)
   * @param timeScale the time scale the fit will use, for the starting point
   */
  GgompertzNbdLikelihood(CustomerHistories data, double timeScale) {
    CustomerHistories patterns = data.compressed();
    this.x = patterns.frequencyColumn();
    this.recency = patterns.recencyColumn();
    this.age = patterns.ageColumn();
    this.weight = patterns.weightColumn();
    this.timeScale = timeScale;
    double total = 0;
    double bought = 0;
    double exposed = 0;
    for (int i = 0; i < x.length; i++) {
      total += weight[i];
      bought += weight[i] * x[i];
      exposed += weight[i] * age[i];
    }
    this.customers = total;
    this.purchases = bought;
    this.exposure = exposed;
  }

  @Override
  public String model() {
    return GgompertzNbdModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 1, -1, 0, 0};
  }

  /** r = 1, α from the mean purchase rate, b = 0.1, s = 1, β = 1 (in rescaled time). */
  @Override
  public double[] start() {
    double alpha = purchases > 0 ? exposure / timeScale / purchases : 10.0;
    alpha = Math.min(1e3, Math.max(1e-3, alpha));
    return new double[] {0.0, Math.log(alpha), Math.log(0.1), 0.0, 0.0};
  }

  @Override
  public double customers() {
    return customers;
  }

  @Override
  public int patterns() {
    return x.length;
  }

  /**
   * The same problem on a seeded sample of about {@code size} patterns whose weights are scaled to
   * stand for all the customers ({@link PatternSample}), for the starting-point search of large
   * fits.
   */
  @Override
  public ModelFitting.Problem sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(weight, size, seed);
    CustomerHistories drawn =
        CustomerHistories.of(
            sample.select(x), sample.select(recency), sample.select(age), sample.weights());
    return new GgompertzNbdLikelihood(drawn, timeScale);
  }

  @Override
  public MaximumLikelihood.Objective objective(double scale) {
    double constant = purchases * Math.log(scale);
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 5;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        double[] p = new double[5];
        for (int k = 0; k < 5; k++) {
          p[k] = Math.exp(theta[k]);
        }
        try {
          return logLikelihood(p, scale, gradient) - constant;
        } catch (ArithmeticException e) {
          return Double.NEGATIVE_INFINITY; // an integral gave up far from any sensible optimum
        }
      }
    };
  }

  /** The integrand e^{h−m} with h's derivatives. */
  private static final class Integrand implements GaussKronrod.Integrand {
    GgompertzNbdFunctions f;
    double r;
    double alpha;
    double b;
    double s;
    double beta;
    double rx;
    double tau0;

    @Override
    public void evaluate(double tau, double[] out) {
      double logB = GgompertzNbdFunctions.logB(b, beta, tau);
      double e = Math.exp(f.logIntegrandFrom(rx, tau, tau0));
      out[0] = e;
      out[1] = -e * Math.log(alpha + tau);
      out[2] = -e * rx / (alpha + tau);
      out[3] = e * tau * (1 - (s + 1) * GgompertzNbdFunctions.growthShare(b, beta, tau));
      out[4] = -e * logB;
      out[5] = -e * (s + 1) * Math.exp(-logB);
    }
  }

  /**
   * The log-likelihood at parameters {@code p = r, α, b, s, β} (in time divided by {@code scale});
   * the gradient in the log-parameters.
   */
  double logLikelihood(double[] p, double scale, double[] gradient) {
    double r = p[0];
    double alpha = p[1];
    double b = p[2];
    double s = p[3];
    double beta = p[4];
    GgompertzNbdFunctions f = new GgompertzNbdFunctions(r, alpha, b, s, beta);
    Integrand g = integrand;
    g.f = f;
    g.r = r;
    g.alpha = alpha;
    g.b = b;
    g.s = s;
    g.beta = beta;
    boolean withGradient = gradient != null;
    double logAlpha = Math.log(alpha);
    double logBeta = Math.log(beta);
    double psiR = withGradient ? LogPochhammer.digamma(r) : 0;
    double total = 0;
    double[] d = new double[5];
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double tx = recency[i] / scale;
      double t = age[i] / scale;
      double w = weight[i];
      double rx = r + xi;
      double logBT = GgompertzNbdFunctions.logB(b, beta, t);
      double logA = s * (logBeta - logBT) - rx * Math.log(alpha + t);
      double logC = Double.NEGATIVE_INFINITY;
      if (tx < t) {
        double tau0 = f.peak(rx, tx, t);
        g.rx = rx;
        g.tau0 = tau0;
        workspace.integrate(g, tx, t, GgompertzNbdFunctions.TOLERANCE, 0, integrals);
        logC = Math.log(s * b) + s * logBeta + f.logIntegrand(rx, tau0) + Math.log(integrals[0]);
      }
      double max = Math.max(logA, logC);
      double logSum = max + Math.log1p(Math.exp(Math.min(logA, logC) - max));
      total += w * (LogPochhammer.value(r, xi) + r * logAlpha + logSum);
      if (withGradient) {
        double alive = Math.exp(logA - logSum);
        double dead = tx < t ? Math.exp(logC - logSum) : 0;
        double j0 = tx < t ? integrals[0] : 1;
        double[] c = tx < t ? integrals : null;
        // r
        double dr = LogPochhammer.digamma(rx) - psiR + logAlpha - alive * Math.log(alpha + t);
        double da = r / alpha - alive * rx / (alpha + t);
        double db = -alive * s * t * GgompertzNbdFunctions.growthShare(b, beta, t);
        double ds = alive * (logBeta - logBT);
        double dbeta = alive * (s / beta - s * Math.exp(-logBT));
        if (c != null) {
          dr += dead * c[1] / j0;
          da += dead * c[2] / j0;
          db += dead * (1 / b + c[3] / j0);
          ds += dead * (1 / s + logBeta + c[4] / j0);
          dbeta += dead * (s / beta + c[5] / j0);
        }
        d[0] += w * dr;
        d[1] += w * da;
        d[2] += w * db;
        d[3] += w * ds;
        d[4] += w * dbeta;
      }
    }
    if (withGradient) {
      for (int k = 0; k < 5; k++) {
        gradient[k] = d[k] * p[k];
      }
    }
    return total;
  }
}
