package org.clvkit.models.bdw;

import java.util.List;
import org.clvkit.models.internal.ContractLifetimes;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The BdW log-likelihood over distinct lifetimes: {@code Σ_t c_t ln P(T = t) + Σ_t s_t ln S(t)},
 * with c_t the customers who left after exactly t periods and s_t those still active after t
 * periods when observation ended (Fader et al. 2018). With u = t^c,
 *
 * <pre>
 *   ln S(t) = ln Γ(β+u) − ln Γ(β) − ln Γ(α+β+u) + ln Γ(α+β),
 *   ∂α ln S = ψ(α+β) − ψ(α+β+u),   ∂β ln S = ψ(β+u) − ψ(β) − ψ(α+β+u) + ψ(α+β),
 *   ∂c ln S = (ψ(β+u) − ψ(α+β+u)) · u ln t,
 *   ln P(T = t) = ln S(t−1) + ln(1 − q),  q = S(t)/S(t−1),
 *   ∂ ln P(T = t) = (∂ ln S(t−1) − q ∂ ln S(t)) / (1 − q),
 * </pre>
 *
 * and the gradient in the log-parameters multiplies each by its parameter.
 */
final class BdwLikelihood implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("alpha", "beta", "c");

  private final double[] periods;
  private final double[] churned;
  private final double[] censored;
  private final double customers;

  /**
   * @param lifetimes per distinct lifetime t (whole, &gt;= 0), the customers who left after exactly
   *     t periods and those still active after t periods at the end of observation
   */
  BdwLikelihood(ContractLifetimes lifetimes) {
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
    return BdwModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[3];
  }

  /** α = β = c = 1: the sBG with a uniform churn parameter. */
  @Override
  public double[] start() {
    return new double[3];
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
          "BdW periods are whole contract periods; timeScale must be 1");
    }
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 3;
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
    double c = Math.exp(theta[2]);
    boolean withGradient = gradient != null;
    double psiB = withGradient ? LogPochhammer.digamma(b) : 0;
    double psiAB = withGradient ? LogPochhammer.digamma(a + b) : 0;
    double[] now = new double[3];
    double[] before = new double[3];
    double total = 0;
    double ga = 0;
    double gb = 0;
    double gc = 0;
    for (int i = 0; i < periods.length; i++) {
      double t = periods[i];
      double logS = logSurvival(a, b, c, t, psiB, psiAB, withGradient ? now : null);
      if (censored[i] > 0 && t > 0) {
        total += censored[i] * logS;
        if (withGradient) {
          ga += censored[i] * now[0];
          gb += censored[i] * now[1];
          gc += censored[i] * now[2];
        }
      }
      if (churned[i] > 0) {
        double logBefore = logSurvival(a, b, c, t - 1, psiB, psiAB, withGradient ? before : null);
        double logQ = logS - logBefore;
        double oneMinusQ = -Math.expm1(logQ);
        total += churned[i] * (logBefore + Math.log(oneMinusQ));
        if (withGradient) {
          double q = Math.exp(logQ);
          ga += churned[i] * (before[0] - q * now[0]) / oneMinusQ;
          gb += churned[i] * (before[1] - q * now[1]) / oneMinusQ;
          gc += churned[i] * (before[2] - q * now[2]) / oneMinusQ;
        }
      }
    }
    if (withGradient) {
      gradient[0] = ga * a;
      gradient[1] = gb * b;
      gradient[2] = gc * c;
    }
    return total;
  }

  /** ln S(t), and when {@code derivative} is not null its derivatives in α, β, c. */
  private static double logSurvival(
      double a, double b, double c, double t, double psiB, double psiAB, double[] derivative) {
    if (t == 0) {
      if (derivative != null) {
        derivative[0] = 0;
        derivative[1] = 0;
        derivative[2] = 0;
      }
      return 0.0;
    }
    double u = Math.pow(t, c);
    if (derivative != null) {
      double psiABu = LogPochhammer.digamma(a + b + u);
      double psiBu = LogPochhammer.digamma(b + u);
      derivative[0] = psiAB - psiABu;
      derivative[1] = psiBu - psiB - psiABu + psiAB;
      derivative[2] = (psiBu - psiABu) * u * Math.log(t);
    }
    return BdwModel.logSurvival(a, b, c, t);
  }
}
