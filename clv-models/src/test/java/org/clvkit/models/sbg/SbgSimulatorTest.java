package org.clvkit.models.sbg;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sBG simulator: reproducibility, consistency between its outputs and the model's survival. */
class SbgSimulatorTest {
  private static final SbgParameters REGULAR = new SbgParameters(0.704, 1.182);
  private static final SbgSimulator SIMULATOR = SbgSimulator.of(REGULAR);

  @Test
  void lifetimesChurnedAndSurvivors_describeTheSameCustomers() {
    double[] lifetimes = SIMULATOR.lifetimes(5_000, 10, 9);
    boolean[] churned = SIMULATOR.churned(5_000, 10, 9);
    double[] alive = SIMULATOR.survivors(5_000, 10, 9);
    assertArrayEquals(lifetimes, SIMULATOR.lifetimes(5_000, 10, 9));
    double[] counted = new double[11];
    for (int i = 0; i < lifetimes.length; i++) {
      assertTrue(lifetimes[i] >= 1 && lifetimes[i] <= 10, "lifetime " + lifetimes[i]);
      assertTrue(churned[i] || lifetimes[i] == 10, "censored customers reach the horizon");
      int paidFor = churned[i] ? (int) lifetimes[i] : 11;
      for (int t = 0; t < Math.min(paidFor, 11); t++) {
        counted[t]++;
      }
    }
    assertArrayEquals(counted, alive);
  }

  @Test
  void survivors_followTheModelsSurvivalCurve() {
    // 50,000 customers: each count within 4 binomial standard deviations of n · S(t), Fader &
    // Hardie
    // (2007), eq. (3).
    int n = 50_000;
    double[] alive = SIMULATOR.survivors(n, 12, 77);
    SbgModel model = SbgModel.of(REGULAR);
    assertEquals(n, alive[0]);
    for (int t = 1; t <= 12; t++) {
      double s = model.survival(t);
      double expected = n * s;
      double sd = Math.sqrt(n * s * (1 - s));
      double actual = alive[t];
      int period = t;
      assertTrue(
          Math.abs(actual - expected) <= 4 * sd,
          () -> "survivors after " + period + ": " + actual + " vs " + expected);
    }
  }

  @Test
  void simulator_rejectsBadArguments() {
    assertRejects("customers must be > 0, was 0", () -> SIMULATOR.lifetimes(0, 5, 1));
    assertRejects("horizon must be > 0, was 0", () -> SIMULATOR.churned(5, 0, 1));
    assertRejects("periods must be > 0, was -1", () -> SIMULATOR.survivors(5, -1, 1));
    assertRejects("parameters must not be null", () -> SbgSimulator.of(null));
    assertEquals(REGULAR, SIMULATOR.parameters());
  }
}
