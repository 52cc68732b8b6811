package org.clvkit.models.bgnbd;

import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.BgNbdSimulation;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.mbgnbd.MbgNbdSimulator;

/**
 * Simulates customers from a model of the {@link BgNbdFamilyModel BG/NBD family} with known
 * parameters: the one implementation behind {@link BgNbdSimulator} and {@link MbgNbdSimulator}, for
 * tests (parameter recovery), examples and benchmarks. Immutable; the same seed gives the same
 * customers.
 *
 * <p>Each customer draws a purchase rate λ ~ Gamma(r, α) and a dropout probability p ~ Beta(a, b);
 * in the MBG/NBD the customer first drops out right after the first purchase (time 0) with
 * probability p; then, while alive, repeat purchases arrive as a Poisson process with rate λ, and
 * after each the customer drops out with probability p (FHL 2005, section 3; Batislam, Denizel
 * &amp; Filiztekin 2007). Observation ends at the customer's age T.
 */
public abstract sealed class BgNbdFamilySimulator permits BgNbdSimulator, MbgNbdSimulator {
  private final BgNbdFamilyParameters parameters;
  private final long seed;

  /**
   * A simulator of these parameters' model. Only the two permitted subclasses call it.
   *
   * @param parameters the model's parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  protected BgNbdFamilySimulator(BgNbdFamilyParameters parameters, long seed) {
    this.parameters = Checks.notNull("parameters", parameters);
    this.seed = seed;
  }

  /** The number of dropout opportunities before the first repeat purchase: 0 or 1. */
  private int shift() {
    return parameters instanceof MbgNbdParameters ? 1 : 0;
  }

  /**
   * Histories of customers with the given ages (one customer per age, in order).
   *
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0
   */
  public CustomerHistories histories(double[] ages) {
    BgNbdFamilyParameters p = parameters;
    return BgNbdSimulation.histories(p.r(), p.alpha(), p.a(), p.b(), shift(), seed, ages);
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
    BgNbdFamilyParameters p = parameters;
    return BgNbdSimulation.purchaseTimes(p.r(), p.alpha(), p.a(), p.b(), shift(), seed, ages);
  }
}
