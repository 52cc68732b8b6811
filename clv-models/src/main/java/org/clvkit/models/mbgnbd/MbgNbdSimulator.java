package org.clvkit.models.mbgnbd;

import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.BgNbdSimulation;

/**
 * Simulates customers from the MBG/NBD with known parameters: for tests (parameter recovery),
 * examples and benchmarks. Immutable; the same seed gives the same customers.
 *
 * <p>Each customer draws a purchase rate λ ~ Gamma(r, α) and a dropout probability p ~ Beta(a, b),
 * drops out right after the first purchase (time 0) with probability p, and otherwise, while alive,
 * makes repeat purchases as a Poisson process with rate λ, dropping out with probability p after
 * each (Batislam, Denizel &amp; Filiztekin 2007). Observation ends at the customer's age T.
 */
public final class MbgNbdSimulator {
  private final MbgNbdParameters parameters;
  private final long seed;

  private MbgNbdSimulator(MbgNbdParameters parameters, long seed) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.seed = seed;
  }

  /**
   * A simulator.
   *
   * @param parameters the model's parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static MbgNbdSimulator of(MbgNbdParameters parameters, long seed) {
    return new MbgNbdSimulator(parameters, seed);
  }

  /**
   * Histories of customers with the given ages (one customer per age, in order).
   *
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0
   */
  public CustomerHistories histories(double[] ages) {
    MbgNbdParameters p = parameters;
    return BgNbdSimulation.histories(p.r(), p.alpha(), p.a(), p.b(), 1, seed, ages);
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
   * customer i's purchase times in (0, ages[i]], ascending, measured from the first purchase.
   *
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0
   */
  public double[][] purchaseTimes(double[] ages) {
    MbgNbdParameters p = parameters;
    return BgNbdSimulation.purchaseTimes(p.r(), p.alpha(), p.a(), p.b(), 1, seed, ages);
  }
}
