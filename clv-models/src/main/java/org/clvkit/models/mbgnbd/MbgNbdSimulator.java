package org.clvkit.models.mbgnbd;

import org.clvkit.models.bgnbd.BgNbdFamilySimulator;

/**
 * Simulates customers from the MBG/NBD with known parameters (dropout possible right after the
 * first purchase; Batislam et al. 2007), as every member of the {@link BgNbdFamilySimulator BG/NBD
 * family} is simulated. Immutable; the same seed gives the same customers.
 */
public final class MbgNbdSimulator extends BgNbdFamilySimulator {

  private MbgNbdSimulator(MbgNbdParameters parameters, long seed) {
    super(parameters, seed);
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
}
