package org.clvkit.models.internal;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeriesPolicyTest {

  @Test
  void constructor_rejectsInvalidPolicies() {
    assertRejects("epsilon must be finite and > 0, was 0.0", () -> new SeriesPolicy(0, 10));
    assertRejects("epsilon must be in [0.0, 0.001], was 0.1", () -> new SeriesPolicy(0.1, 10));
    assertRejects("maxIterations must be > 0, was 0", () -> new SeriesPolicy(1e-10, 0));
  }

  @Test
  void defaultPolicy_asksForFullPrecision() {
    assertEquals(1e-16, SeriesPolicy.DEFAULT.epsilon());
    assertEquals(500_000, SeriesPolicy.DEFAULT.maxIterations());
  }
}
