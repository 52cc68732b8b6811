package org.clvkit.models.bgnbd;

/**
 * Simulates customers from the BG/NBD with known parameters (no dropout at the first purchase; FHL
 * 2005, section 3), as every member of the {@link BgNbdFamilySimulator BG/NBD family} is simulated.
 * Immutable; the same seed gives the same customers.
 */
public final class BgNbdSimulator extends BgNbdFamilySimulator {

  private BgNbdSimulator(BgNbdParameters parameters, long seed) {
    super(parameters, seed);
  }

  /**
   * A simulator.
   *
   * @param parameters the model's parameters, in the period the ages will be given in
   * @param seed the seed of the random numbers
   */
  public static BgNbdSimulator of(BgNbdParameters parameters, long seed) {
    return new BgNbdSimulator(parameters, seed);
  }
}
