package org.clvkit.models.gammagamma;

import java.util.SplittableRandom;

/**
 * Gamma variates by Marsaglia and Tsang's method ("A simple method for generating gamma variables",
 * ACM TOMS 26, 2000), with the boost X = Y U^(1/a), Y ~ Gamma(a + 1), for shapes below 1, evaluated
 * in log space so that tiny shapes underflow to 0 cleanly instead of producing NaN.
 */
final class RandomGamma {
  private RandomGamma() {}

  /** A Gamma(shape, rate) variate. */
  static double sample(SplittableRandom random, double shape, double rate) {
    if (shape >= 1) {
      return standard(random, shape) / rate;
    }
    double u = 1 - random.nextDouble(); // in (0, 1]
    return Math.exp(Math.log(standard(random, shape + 1)) + Math.log(u) / shape - Math.log(rate));
  }

  /** A Gamma(shape, 1) variate for shape &gt;= 1. */
  private static double standard(SplittableRandom random, double shape) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z;
      double v;
      do {
        z = normal(random);
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      double u = 1 - random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** A standard normal variate (Box–Muller, one of the pair). */
  private static double normal(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
