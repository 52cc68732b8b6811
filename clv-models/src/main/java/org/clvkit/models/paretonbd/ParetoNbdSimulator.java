package org.clvkit.models.paretonbd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * Simulates customers from the Pareto/NBD with known parameters: for tests (parameter recovery),
 * examples and benchmarks. Immutable and thread-safe; the same seed gives the same customers.
 *
 * <p>Each customer draws a purchase rate λ ~ Gamma(r, α) and a death rate μ ~ Gamma(s, β) (shape,
 * rate), then a lifetime τ ~ Exponential(μ); while alive, repeat purchases arrive as a Poisson
 * process with rate λ (Schmittlein, Morrison &amp; Colombo 1987, assumptions i–v). Observation ends
 * at the customer's age T. The number of purchases in (0, min(τ, T)] is drawn as one Poisson
 * variate (Hörmann's transformed rejection, PTRS, for large means) and the last purchase time as
 * the largest of that many uniform times, so that customers with millions of purchases cost no more
 * than others. Customer i uses its own random stream, split from the seed, so that {@link
 * #purchaseTimes(double[])} describes the same customers as {@link #histories(double[])}.
 */
public final class ParetoNbdSimulator {
  private final ParetoNbdParameters parameters;
  private final long seed;

  private ParetoNbdSimulator(ParetoNbdParameters parameters, long seed) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.seed = seed;
  }

  /**
   * A simulator.
   *
   * @param parameters the model's parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static ParetoNbdSimulator of(ParetoNbdParameters parameters, long seed) {
    return new ParetoNbdSimulator(parameters, seed);
  }

  /** The parameters customers are drawn from. */
  public ParetoNbdParameters parameters() {
    return parameters;
  }

  /**
   * Histories of customers with the given ages (one customer per age, in order).
   *
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0
   */
  public CustomerHistories histories(double[] ages) {
    checkAges(ages);
    int n = ages.length;
    double[] frequency = new double[n];
    double[] recency = new double[n];
    SplittableRandom root = new SplittableRandom(seed);
    double[] customer = new double[2];
    for (int i = 0; i < n; i++) {
      draw(root.split(), ages[i], customer);
      frequency[i] = customer[0];
      recency[i] = customer[1];
    }
    return CustomerHistories.of(frequency, recency, ages);
  }

  /**
   * Histories of {@code customers} customers all observed for {@code age} periods.
   *
   * @param customers number of customers, &gt; 0
   * @param age time from the first purchase to the end of observation, finite and &gt;= 0
   */
  public CustomerHistories histories(int customers, double age) {
    Checks.positive("customers", customers);
    Checks.nonNegative("age", age);
    double[] ages = new double[customers];
    Arrays.fill(ages, age);
    return histories(ages);
  }

  /**
   * The repeat-purchase times of the same customers as {@link #histories(double[])}: row i holds
   * customer i's purchase times in (0, ages[i]], ascending, measured from the first purchase. Meant
   * for customers with a modest number of purchases: a row holds every purchase.
   *
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0
   */
  public double[][] purchaseTimes(double[] ages) {
    checkAges(ages);
    SplittableRandom root = new SplittableRandom(seed);
    double[][] times = new double[ages.length][];
    double[] customer = new double[2];
    for (int i = 0; i < ages.length; i++) {
      SplittableRandom random = root.split();
      draw(random, ages[i], customer);
      int x = Math.toIntExact((long) customer[0]);
      double[] row = new double[x];
      if (x > 0) {
        row[x - 1] = customer[1];
        for (int k = 0; k < x - 1; k++) {
          row[k] = customer[1] * random.nextDouble();
        }
        Arrays.sort(row, 0, x - 1);
      }
      times[i] = row;
    }
    return times;
  }

  private static void checkAges(double[] ages) {
    Checks.notEmpty("ages", ages);
    for (int i = 0; i < ages.length; i++) {
      Checks.nonNegative(Checks.indexed("ages", i), ages[i]);
    }
  }

  /** Draws one customer observed for {@code age}: out[0] = frequency, out[1] = recency. */
  private void draw(SplittableRandom random, double age, double[] out) {
    double lambda = gamma(random, parameters.r()) / parameters.alpha();
    double mu = gamma(random, parameters.s()) / parameters.beta();
    double lifetime = random.nextExponential() / mu;
    double observed = Math.min(lifetime, age);
    double x = poisson(random, lambda * observed);
    out[0] = x;
    // The largest of x uniform times on (0, observed]: observed · U^{1/x}.
    out[1] = x == 0 ? 0.0 : observed * Math.exp(Math.log(1 - random.nextDouble()) / x);
  }

  /**
   * A Gamma(shape, 1) variate: Marsaglia &amp; Tsang (2000), "A simple method for generating gamma
   * variables", ACM TOMS 26(3), with the boost G(a) = G(a+1) · U^{1/a} for shape &lt; 1 taken in
   * logs.
   */
  static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      double g = gamma(random, shape + 1);
      return Math.exp(Math.log(g) + Math.log(1 - random.nextDouble()) / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = random.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * A Poisson(mean) variate as a double (means may exceed the int range): multiplication of
   * uniforms below mean 10, otherwise Hörmann (1993), "The transformed rejection method for
   * generating Poisson random variables", Insurance: Mathematics and Economics 12, algorithm PTRS.
   */
  static double poisson(SplittableRandom random, double mean) {
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
