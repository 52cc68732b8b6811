package org.clvkit.models.sbg;

import java.util.List;
import org.apache.commons.math3.special.Beta;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The sBG log-likelihood over distinct lifetimes (Fader &amp; Hardie 2007, eq. 5): {@code Σ_t c_t
 * log P(T = t) + Σ_t s_t log S(t)}, with c_t the number of customers who left after exactly t
 * periods and s_t the number still active after t periods when observation ended. With {@code log
 * S(t) = logB(α, β+t) − logB(α, β)} and {@code log P(T = t) = log α − log(α+β+t−1) + log S(t−1)};
 * the gradient in the log-parameters uses digamma differences.
 */
final class SbgLikelihood implements ModelFitting.Problem {
  private final double[] periods;
  private final double[] churned;
  private final double[] censored;
  private final double customers;

  /**
   * @param lifetimes per distinct lifetime t (whole, &gt;= 0), the customers who left after exactly
   *     t periods and those still active after t periods at the end of observation
   */
  SbgLikelihood(ContractLifetimes lifetimes) {
    this.periods = lifetimes.periods();
    this.churned = lifetimes.churned();
    this.censored = lifetimes.censored();
    double total = 0;
    for (int i = 0; i < periods.length; i++) {
      total += churned[i] + censored[i];
    }
    this.customers = total;
  }

  @Override
  public String model() {
    return SbgModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("alpha", "beta");
  }

  @Override
  public double[] timeExponents() {
    return new double[2];
  }

  @Override
  public double[] start() {
    return new double[2];
  }

  @Override
  public double customers() {
    return customers;
  }

  @Override
  public int patterns() {
    return periods.length;
  }

  @Override
  public MaximumLikelihood.Objective objective(double timeScale) {
    if (timeScale != 1.0) {
      throw new IllegalArgumentException(
          "sBG periods are whole contract periods; timeScale must be 1");
    }
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        return logLikelihood(theta, gradient);
      }
    };
  }

  /** The log-likelihood at log-parameters {@code theta}; the gradient in the log-parameters. */
  double logLikelihood(double[] theta, double[] gradient) {
    double a = Math.exp(theta[0]);
    double b = Math.exp(theta[1]);
    double logBetaAB = Beta.logBeta(a, b);
    double psiB = gradient == null ? 0 : LogPochhammer.digamma(b);
    double psiAB = gradient == null ? 0 : LogPochhammer.digamma(a + b);
    double total = 0;
    double ga = 0;
    double gb = 0;
    for (int i = 0; i < periods.length; i++) {
      double t = periods[i];
      if (censored[i] > 0 && t > 0) {
        total += censored[i] * (Beta.logBeta(a, b + t) - logBetaAB);
        if (gradient != null) {
          double psiABt = LogPochhammer.digamma(a + b + t);
          ga += censored[i] * (psiAB - psiABt);
          gb += censored[i] * (LogPochhammer.digamma(b + t) - psiABt - psiB + psiAB);
        }
      }
      if (churned[i] > 0) {
        // P(T = t) = B(α+1, β+t−1)/B(α, β)
        total += churned[i] * (Beta.logBeta(a + 1, b + t - 1) - logBetaAB);
        if (gradient != null) {
          double psiABt = LogPochhammer.digamma(a + b + t);
          ga += churned[i] * (1 / a - psiABt + psiAB);
          gb += churned[i] * (LogPochhammer.digamma(b + t - 1) - psiABt - psiB + psiAB);
        }
      }
    }
    if (gradient != null) {
      gradient[0] = ga * a;
      gradient[1] = gb * b;
    }
    return total;
  }
}
