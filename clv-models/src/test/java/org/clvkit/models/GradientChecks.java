package org.clvkit.models;

import org.clvkit.testing.Tolerance;

/** Checks of analytic log-likelihood gradients against central differences, for the model tests. */
public final class GradientChecks {
  /** A log-likelihood with its gradient, as the likelihood kernels compute it. */
  @FunctionalInterface
  public interface Function {
    /**
     * The value at {@code theta}; the gradient into {@code gradient} unless it is null.
     *
     * @param theta the point
     * @param gradient receives the gradient, or null
     */
    double value(double[] theta, double[] gradient);
  }

  private GradientChecks() {}

  /**
   * Checks each component of the gradient of {@code f} at {@code theta} against the central
   * difference (f(θ + h e_i) − f(θ − h e_i)) / 2h.
   *
   * @param what names the component in messages, followed by its index
   * @param f the function
   * @param theta the point
   * @param h the step
   * @param tolerance the agreement required of each component
   */
  public static void matchesCentralDifferences(
      String what, Function f, double[] theta, double h, Tolerance tolerance) {
    double[] gradient = new double[theta.length];
    f.value(theta, gradient);
    for (int i = 0; i < theta.length; i++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[i] += h;
      down[i] -= h;
      double numeric = (f.value(up, null) - f.value(down, null)) / (2 * h);
      tolerance.check(what + i, numeric, gradient[i]);
    }
  }
}
