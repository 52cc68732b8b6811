package org.clvkit.models.internal;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/**
 * Random variates from a caller's {@link SplittableRandom}, for the samplers: no state of their
 * own, so that a seeded stream gives the same variates on every run and thread.
 */
public final class RandomVariates {
  private RandomVariates() {}

  /** A uniform variate in (0, 1]. */
  public static double openUniform(SplittableRandom random) {
    return 1 - random.nextDouble();
  }

  /** An Exponential(1) variate, −ln U with U in (0, 1]. */
  public static double exponential(SplittableRandom random) {
    return -Math.log(openUniform(random));
  }

  /**
   * A Gamma(shape, rate) variate: Marsaglia &amp; Tsang (2000), "A simple method for generating
   * gamma variables", ACM TOMS 26(3), 363–372, with the boost G(a) = G(a + 1) · U^{1/a} for shapes
   * below 1 taken in logs (tiny shapes underflow to 0 rather than giving NaN).
   *
   * @param shape finite and &gt; 0
   * @param rate finite and &gt; 0
   */
  public static double gamma(SplittableRandom random, double shape, double rate) {
    if (shape < 1) {
      double g = standardGamma(random, shape + 1);
      return Math.exp(Math.log(g) + Math.log(openUniform(random)) / shape - Math.log(rate));
    }
    return standardGamma(random, shape) / rate;
  }

  private static double standardGamma(SplittableRandom random, double shape) {
    double d = shape - 1.0 / 3.0;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = random.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = openUniform(random);
      double z2 = z * z;
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * A Poisson(mean) variate as a double: multiplication of uniforms below mean 10, otherwise
   * Hörmann (1993), "The transformed rejection method for generating Poisson random variables",
   * Insurance: Mathematics and Economics 12, algorithm PTRS. 0 for a mean &lt;= 0.
   */
  public static double poisson(SplittableRandom random, double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean < 10) {
      double limit = Math.exp(-mean);
      double product = random.nextDouble();
      int k = 0;
      while (product > limit) {
        product *= random.nextDouble();
        k++;
      }
      return k;
    }
    double slam = Math.sqrt(mean);
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
          <= -mean + k * logMean - Gamma.logGamma(k + 1)) {
        return k;
      }
    }
  }
}
