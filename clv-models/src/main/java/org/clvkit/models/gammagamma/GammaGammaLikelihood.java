package org.clvkit.models.gammagamma;

import java.util.List;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The Gamma-Gamma maximum-likelihood problem over (log p, log q, log γ) on grouped spend patterns
 * (Fader and Hardie 2013, "The Gamma-Gamma model of monetary value", summed over customers):
 *
 * <pre>
 * LL = Σ_g [ W_g (log Γ(p x_g + q) − log Γ(p x_g) + p x_g log x_g)
 *            + (p x_g − 1) S_g − (p x_g + q) A_g(γ) ]
 *      + W (q log γ − log Γ(q))
 * </pre>
 *
 * with W_g the weight of frequency group g, S_g = Σ w log m̄ and A_g(γ) = Σ w log(γ + x_g m̄) over
 * its patterns. Only A_g (and B_g = Σ w / (γ + x_g m̄) for the gradient) needs a pass over the
 * patterns, and only when γ changes; the log-gamma and digamma terms are evaluated once per
 * distinct frequency.
 *
 * <p>Money plays the part of time in {@link ModelFitting}: γ has "time exponent" 1 and the "time
 * scale" is the money scale, so the optimiser works on γ' = γ / scale (near 1 for any currency
 * unit) while the objective itself is evaluated in the caller's money, the log-likelihood
 * unchanged.
 */
final class GammaGammaLikelihood implements ModelFitting.Problem {
  private final SpendPatterns data;

  GammaGammaLikelihood(SpendPatterns data) {
    this.data = data;
  }

  @Override
  public String model() {
    return GammaGammaModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("p", "q", "gamma");
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 0, 1};
  }

  /** p = 1, q = 2, γ' = 1/2: a population mean spend of the data's (geometric) mean spend scale. */
  @Override
  public double[] start() {
    return new double[] {0, Math.log(2), Math.log(0.5)};
  }

  @Override
  public double customers() {
    return data.customers;
  }

  @Override
  public int patterns() {
    return data.patterns();
  }

  @Override
  public MaximumLikelihood.Objective objective(double moneyScale) {
    return new Objective(data, Math.log(moneyScale));
  }

  /** Evaluates the log-likelihood; caches the pattern sums for the last γ. Not thread-safe. */
  static final class Objective implements MaximumLikelihood.Objective {
    private final SpendPatterns data;
    private final double logScale;
    private final double[] logSums;
    private final double[] inverseSums;
    private double cachedGamma = Double.NaN;

    Objective(SpendPatterns data, double logScale) {
      this.data = data;
      this.logScale = logScale;
      this.logSums = new double[data.groupFrequency.length];
      this.inverseSums = new double[data.groupFrequency.length];
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double p = Math.exp(theta[0]);
      double q = Math.exp(theta[1]);
      double logGamma = theta[2] + logScale;
      double gamma = Math.exp(logGamma);
      if (!(p > 0 && q > 0 && gamma > 0 && gamma < Double.POSITIVE_INFINITY)) {
        return Double.NEGATIVE_INFINITY;
      }
      patternSums(gamma);
      double[] xs = data.groupFrequency;
      double ll = 0;
      double dp = 0;
      double dq = 0;
      double dgamma = 0;
      for (int g = 0; g < xs.length; g++) {
        double x = xs[g];
        double px = p * x;
        double w = data.groupWeight[g];
        double logX = Math.log(x);
        ll +=
            w * (Gamma.logGamma(px + q) - Gamma.logGamma(px) + px * logX)
                + (px - 1) * data.groupLogSpend[g]
                - (px + q) * logSums[g];
        if (gradient != null) {
          double digammaSum = Gamma.digamma(px + q);
          double logSpend = data.groupLogSpend[g];
          dp += x * (w * (digammaSum - Gamma.digamma(px) + logX) + logSpend - logSums[g]);
          dq += w * digammaSum - logSums[g];
          dgamma += (px + q) * inverseSums[g];
        }
      }
      double total = data.customers;
      ll += total * (q * logGamma - Gamma.logGamma(q));
      if (gradient != null) {
        gradient[0] = p * dp;
        gradient[1] = q * (dq + total * (logGamma - Gamma.digamma(q)));
        gradient[2] = total * q - gamma * dgamma;
      }
      return ll;
    }

    /** A_g = Σ w log(γ + x m̄) and B_g = Σ w / (γ + x m̄) per group, recomputed when γ changes. */
    private void patternSums(double gamma) {
      if (gamma == cachedGamma) {
        return;
      }
      double[] c = data.totalSpend;
      double[] w = data.weight;
      int[] start = data.groupStart;
      for (int g = 0; g < logSums.length; g++) {
        double a = 0;
        double b = 0;
        for (int i = start[g], end = start[g + 1]; i < end; i++) {
          double d = gamma + c[i];
          a += w[i] * Math.log(d);
          b += w[i] / d;
        }
        logSums[g] = a;
        inverseSums[g] = b;
      }
      cachedGamma = gamma;
    }
  }
}
