package org.clvkit.models.internal;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * One update of univariate slice sampling with stepping out and shrinkage (Neal 2003, "Slice
 * sampling", Annals of Statistics 31(3), 705–767, figures 3 and 5): the level ln y = f(x0) − E with
 * E ~ Exponential(1), an interval of width w placed at random around x0 and stepped out until both
 * ends are below the level, then points drawn uniformly from it, shrinking it towards x0 on each
 * rejection, until one is on the slice. Leaves the density e^f invariant. Stateless; the caller's
 * stream supplies the randomness.
 */
public final class SliceSampler {
  private static final int MAX_STEPS = 10_000;

  private SliceSampler() {}

  /**
   * Draws the next state.
   *
   * @param random the stream
   * @param x0 the current state, with f(x0) finite
   * @param f0 f(x0)
   * @param f the log-density up to a constant; may return −∞ outside its support, never NaN
   * @param width the initial interval's width, &gt; 0
   * @param value receives f at the new state in {@code value[0]}; modified
   * @return the new state
   * @throws IllegalStateException when no point of the slice is found in 10,000 evaluations (f is
   *     not a proper log-density around x0)
   */
  public static double step(
      SplittableRandom random,
      double x0,
      double f0,
      DoubleUnaryOperator f,
      double width,
      double[] value) {
    double level = f0 - RandomVariates.exponential(random);
    double left = x0 - width * random.nextDouble();
    double right = left + width;
    int steps = 0;
    while (f.applyAsDouble(left) > level) {
      left -= width;
      guard(++steps);
    }
    while (f.applyAsDouble(right) > level) {
      right += width;
      guard(++steps);
    }
    while (true) {
      double candidate = left + (right - left) * random.nextDouble();
      double fc = f.applyAsDouble(candidate);
      if (fc >= level) {
        value[0] = fc;
        return candidate;
      }
      if (candidate < x0) {
        left = candidate;
      } else {
        right = candidate;
      }
      guard(++steps);
    }
  }

  private static void guard(int steps) {
    if (steps > MAX_STEPS) {
      throw new IllegalStateException(
          "slice sampler found no point of the slice in " + MAX_STEPS + " evaluations");
    }
  }
}
