package org.clvkit.models.internal;

import java.util.List;

/**
 * The maximum-likelihood problem of the BG/NBD or MBG/NBD for {@link ModelFitting}: four
 * log-parameters (ln r, ln α, ln a, ln b), α carrying the time unit. Not API.
 */
public final class BgNbdProblem implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

  private final String model;
  private final BgNbdLikelihood likelihood;
  private final double timeScale;

  /**
   * A problem.
   *
   * @param model the model's name for the report
   * @param likelihood the likelihood over the (compressed) data
   * @param timeScale the time scale the fit will use, for the starting point
   */
  public BgNbdProblem(String model, BgNbdLikelihood likelihood, double timeScale) {
    this.model = model;
    this.likelihood = likelihood;
    this.timeScale = timeScale;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 1, 0, 0};
  }

  @Override
  public MaximumLikelihood.Objective objective(double scale) {
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        return likelihood.value(
            Math.exp(theta[0]),
            Math.exp(theta[1]),
            Math.exp(theta[2]),
            Math.exp(theta[3]),
            scale,
            gradient);
      }
    };
  }

  /**
   * r = 1, a = 1, b = 1 and α matching the mean purchase rate (r/α = Σ w x / Σ w T in rescaled
   * time), or α = 1 when nobody repeated.
   */
  @Override
  public double[] start() {
    double rate = likelihood.meanRate() * timeScale;
    double alpha = rate > 0 ? 1 / rate : 1;
    return new double[] {0, Math.log(alpha), 0, 0};
  }

  /** The same problem on a sample of the patterns ({@link BgNbdLikelihood#sample}). */
  @Override
  public ModelFitting.Problem sample(int size, long seed) {
    return new BgNbdProblem(model, likelihood.sample(size, seed), timeScale);
  }

  @Override
  public double customers() {
    return likelihood.customers();
  }

  @Override
  public int patterns() {
    return likelihood.patterns();
  }
}
