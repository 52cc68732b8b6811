package org.clvkit.models.gammagamma;

import java.util.SplittableRandom;
import org.clvkit.core.Checks;

/**
 * Draws spend data from a Gamma-Gamma model with known parameters (Fader and Hardie 2013, "The
 * Gamma-Gamma model of monetary value"): each customer gets a rate ν ~ Gamma(q, γ), and each of
 * their transactions a value z ~ Gamma(p, ν) (shape, rate). Immutable and thread-safe; every draw
 * is determined by the seed, so the same seed gives the same data on every machine.
 *
 * <p>{@link #simulateMonetaryValue(double[], long)} and {@link #simulateTransactionValues(double[],
 * long)} with the same frequencies and seed describe the same customers: each monetary value is the
 * mean of that customer's transaction values.
 */
public final class GammaGammaSimulator {
  private final GammaGammaParameters parameters;

  private GammaGammaSimulator(GammaGammaParameters parameters) {
    this.parameters = Checks.notNull("parameters", parameters);
  }

  /** A simulator for the given parameters. */
  public static GammaGammaSimulator of(GammaGammaParameters parameters) {
    return new GammaGammaSimulator(parameters);
  }

  /** The parameters the data are drawn from. */
  public GammaGammaParameters parameters() {
    return parameters;
  }

  /**
   * Each customer's repeat transaction values.
   *
   * @param frequency the number of repeat transactions x of each customer, whole numbers &gt;= 0
   * @param seed the seed of the draws
   * @return per customer an array of x transaction values (empty when x = 0)
   */
  public double[][] simulateTransactionValues(double[] frequency, long seed) {
    validate(frequency);
    SplittableRandom random = new SplittableRandom(seed);
    double[][] out = new double[frequency.length][];
    for (int i = 0; i < frequency.length; i++) {
      double nu = RandomGamma.sample(random, parameters.q(), parameters.gamma());
      int x = (int) frequency[i];
      out[i] = new double[x];
      for (int j = 0; j < x; j++) {
        out[i][j] = RandomGamma.sample(random, parameters.p(), nu);
      }
    }
    return out;
  }

  /**
   * Each customer's mean repeat transaction value m̄, the input of {@link GammaGammaFitter}: the
   * mean of the values {@link #simulateTransactionValues(double[], long)} draws for the same
   * frequencies and seed, and 0 for customers with x = 0.
   *
   * @param frequency the number of repeat transactions x of each customer, whole numbers &gt;= 0
   * @param seed the seed of the draws
   */
  public double[] simulateMonetaryValue(double[] frequency, long seed) {
    validate(frequency);
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[frequency.length];
    for (int i = 0; i < frequency.length; i++) {
      double nu = RandomGamma.sample(random, parameters.q(), parameters.gamma());
      int x = (int) frequency[i];
      double sum = 0;
      for (int j = 0; j < x; j++) {
        sum += RandomGamma.sample(random, parameters.p(), nu);
      }
      out[i] = x == 0 ? 0 : sum / x;
    }
    return out;
  }

  private static void validate(double[] frequency) {
    Checks.notNull("frequency", frequency);
    for (int i = 0; i < frequency.length; i++) {
      Checks.count(Checks.indexed("frequency", i), frequency[i]);
      if (frequency[i] > Integer.MAX_VALUE - 8) {
        throw Checks.fail(
            "%s must be at most %d to simulate, was %s",
            Checks.indexed("frequency", i), Integer.MAX_VALUE - 8, frequency[i]);
      }
    }
  }
}
