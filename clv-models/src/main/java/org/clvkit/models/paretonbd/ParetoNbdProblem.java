package org.clvkit.models.paretonbd;

import java.util.List;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The Pareto/NBD maximum-likelihood problem over distinct patterns: Σ_i w_i ln L(r, α, s, β | x_i,
 * t_x,i, T_i) over log-parameters, with the analytic gradient of {@link ParetoNbdLikelihood}. α and
 * β are rates per period (time exponent 1).
 */
final class ParetoNbdProblem implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

  private final ParetoNbdLikelihood likelihood;
  private final double timeScale;
  private final double purchases;
  private final double[] start;

  /**
   * @param likelihood the likelihood over the (compressed) data
   * @param timeScale the time scale the fit will use, for the starting point
   */
  ParetoNbdProblem(ParetoNbdLikelihood likelihood, double timeScale) {
    this.likelihood = likelihood;
    this.timeScale = timeScale;
    this.purchases = likelihood.purchases();
    double exposure = likelihood.exposure() / timeScale;
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
    return likelihood.customers();
  }

  @Override
  public int patterns() {
    return likelihood.patterns();
  }

  /** The same problem on a sample of the patterns ({@link ParetoNbdLikelihood#sample}). */
  @Override
  public ModelFitting.Problem sample(int size, long seed) {
    return new ParetoNbdProblem(likelihood.sample(size, seed), timeScale);
  }

  @Override
  public MaximumLikelihood.Objective objective(double scale) {
    // ln L in the caller's unit = ln L in rescaled time − x ln(scale), per customer.
    double constant = purchases * Math.log(scale);
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        double ll;
        try {
          ll =
              likelihood.value(
                  Math.exp(theta[0]),
                  Math.exp(theta[1]),
                  Math.exp(theta[2]),
                  Math.exp(theta[3]),
                  scale,
                  gradient);
        } catch (ArithmeticException e) {
          return Double
              .NEGATIVE_INFINITY; // a special function gave up far from any sensible optimum
        }
        return ll - constant;
      }
    };
  }
}
