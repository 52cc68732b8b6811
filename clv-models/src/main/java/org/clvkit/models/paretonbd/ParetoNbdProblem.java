package org.clvkit.models.paretonbd;

import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The Pareto/NBD maximum-likelihood problem over distinct patterns: Σ_i w_i ln L(r, α, s, β | x_i,
 * t_x,i, T_i) over log-parameters, with the analytic gradient of {@link
 * ParetoNbdFunctions#logLikelihood(double, double, double, double[], double[])}. α and β are rates
 * per period (time exponent 1).
 */
final class ParetoNbdProblem implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

  /** Frequencies below this use tables of ln Γ(r+x) and ψ(r+x) rebuilt at every evaluation. */
  static final int TABLE_LIMIT = 1 << 16;

  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final double customers;
  private final double[] start;

  /**
   * @param patterns compressed histories
   * @param timeScale the time scale the fit will use, for the starting point
   */
  ParetoNbdProblem(CustomerHistories patterns, double timeScale) {
    this.frequency = patterns.frequencyColumn();
    this.recency = patterns.recencyColumn();
    this.age = patterns.ageColumn();
    this.weight = patterns.weightColumn();
    this.customers = patterns.totalWeight();
    double purchases = 0;
    double exposure = 0;
    for (int i = 0; i < frequency.length; i++) {
      purchases += weight[i] * frequency[i];
      exposure += weight[i] * age[i] / timeScale;
    }
    // r = 1 and α from the mean purchase rate; s = 1 and β = 10 (the rescaled observation span).
    double alpha = purchases > 0 ? exposure / purchases : 10.0;
    alpha = Math.min(1e3, Math.max(1e-3, alpha));
    this.start = new double[] {0.0, Math.log(alpha), 0.0, Math.log(10.0)};
  }

  @Override
  public String model() {
    return "Pareto/NBD";
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 1, 0, 1};
  }

  @Override
  public double[] start() {
    return start.clone();
  }

  @Override
  public double customers() {
    return customers;
  }

  @Override
  public int patterns() {
    return frequency.length;
  }

  @Override
  public MaximumLikelihood.Objective objective(double timeScale) {
    int n = frequency.length;
    double[] scaledRecency = new double[n];
    double[] scaledAge = new double[n];
    double shift = 0; // ln L in the caller's unit = ln L in rescaled time − x ln(timeScale)
    double logScale = Math.log(timeScale);
    for (int i = 0; i < n; i++) {
      scaledRecency[i] = recency[i] / timeScale;
      scaledAge[i] = age[i] / timeScale;
      shift += weight[i] * frequency[i] * logScale;
    }
    double constant = shift;
    double[] g = new double[4];
    double[] work = new double[8];
    double largest = 0;
    for (double x : frequency) {
      largest = Math.max(largest, x);
    }
    int tableSize = (int) Math.min(largest, TABLE_LIMIT - 1) + 1;
    double[] logGammaRatio = new double[tableSize];
    double[] digammaDifference = new double[tableSize];
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        ParetoNbdFunctions f =
            new ParetoNbdFunctions(
                Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
        f.gammaTables(logGammaRatio, digammaDifference);
        double ll = 0;
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        double g3 = 0;
        try {
          for (int i = 0; i < n; i++) {
            double w = weight[i];
            double x = frequency[i];
            int k = (int) x;
            ll +=
                w
                    * (k < tableSize
                        ? f.logLikelihood(
                            x,
                            scaledRecency[i],
                            scaledAge[i],
                            logGammaRatio[k],
                            digammaDifference[k],
                            g,
                            work)
                        : f.logLikelihood(x, scaledRecency[i], scaledAge[i], g, work));
            g0 += w * g[0];
            g1 += w * g[1];
            g2 += w * g[2];
            g3 += w * g[3];
          }
        } catch (ArithmeticException e) {
          return Double
              .NEGATIVE_INFINITY; // a special function gave up far from any sensible optimum
        }
        if (gradient != null) {
          gradient[0] = g0;
          gradient[1] = g1;
          gradient[2] = g2;
          gradient[3] = g3;
        }
        return ll - constant;
      }
    };
  }
}
