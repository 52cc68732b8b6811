package org.clvkit.core.rfm;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

class ValueTiersTest {

  static Map<ValueTier, Integer> counts(ValueTiers tiers, double[] values) {
    Map<ValueTier, Integer> counts = new EnumMap<>(ValueTier.class);
    for (ValueTier t : ValueTier.values()) {
      counts.put(t, 0);
    }
    for (double v : values) {
      counts.merge(tiers.tier(v), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void fit_hundredDistinctValues() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = 100 - i; // 100 .. 1, order does not matter
    }
    ValueTiers tiers = ValueTiers.fit(v);
    Map<ValueTier, Integer> counts = counts(tiers, v);
    assertEquals(1, counts.get(ValueTier.TOP_1_PERCENT));
    assertEquals(4, counts.get(ValueTier.TOP_5_PERCENT));
    assertEquals(15, counts.get(ValueTier.TOP_20_PERCENT));
    assertEquals(80, counts.get(ValueTier.REST));
    assertEquals(100.0, tiers.threshold(ValueTier.TOP_1_PERCENT));
    assertEquals(96.0, tiers.threshold(ValueTier.TOP_5_PERCENT));
    assertEquals(81.0, tiers.threshold(ValueTier.TOP_20_PERCENT));
    assertEquals(Double.NEGATIVE_INFINITY, tiers.threshold(ValueTier.REST));
  }

  @Test
  void fit_smallBasesAndTies() {
    // Ten customers: the best is the top 1 % (no one is above it); top 20 % is two customers.
    double[] ten = {3, 9, 1, 7, 5, 10, 2, 8, 4, 6};
    Map<ValueTier, Integer> counts = counts(ValueTiers.fit(ten), ten);
    assertEquals(1, counts.get(ValueTier.TOP_1_PERCENT));
    assertEquals(0, counts.get(ValueTier.TOP_5_PERCENT));
    assertEquals(1, counts.get(ValueTier.TOP_20_PERCENT));
    assertEquals(8, counts.get(ValueTier.REST));
    // Ties at the top all go to the higher tier.
    double[] tied = {5, 5, 5, 1, 1, 1, 1, 1, 1, 1};
    assertEquals(3, (int) counts(ValueTiers.fit(tied), tied).get(ValueTier.TOP_1_PERCENT));
    // Negative values (net of costs) are fine.
    assertEquals(ValueTier.TOP_1_PERCENT, ValueTiers.fit(new double[] {-3, -1, -2}).tier(-1));
  }

  @Test
  void tier_equalsTheDefinitionComputedByCounting() {
    Seeded.qt()
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random random = new Random(seed);
              int n = 1 + random.nextInt(600);
              double[] v = new double[n];
              int distinct = 1 + random.nextInt(n);
              for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(distinct) - distinct / 3;
              }
              ValueTiers tiers = ValueTiers.fit(v);
              ValueTier[] out = new ValueTier[n];
              tiers.tiers(v, 0, n, out);
              for (int i = 0; i < n; i++) {
                int greater = 0;
                for (double w : v) {
                  greater += w > v[i] ? 1 : 0;
                }
                // top p % when fewer than p % of customers are strictly more valuable
                ValueTier expected =
                    100L * greater < n
                        ? ValueTier.TOP_1_PERCENT
                        : 100L * greater < 5L * n
                            ? ValueTier.TOP_5_PERCENT
                            : 100L * greater < 20L * n ? ValueTier.TOP_20_PERCENT : ValueTier.REST;
                assertEquals(expected, tiers.tier(v[i]));
                assertEquals(expected, out[i]);
              }
            });
  }

  @Test
  void fit_rejectsBadValues() {
    assertRejects("value must not be empty", () -> ValueTiers.fit(new double[0]));
    assertRejects(
        "value[2] must be finite, was NaN", () -> ValueTiers.fit(new double[] {1, 2, Double.NaN}));
    ValueTiers tiers = ValueTiers.fit(new double[] {1, 2, 3});
    assertRejects("value must be finite, was Infinity", () -> tiers.tier(Double.POSITIVE_INFINITY));
    assertRejects(
        "value[1] must be finite, was NaN",
        () -> tiers.tiers(new double[] {1, Double.NaN}, 0, 2, new ValueTier[2]));
    assertRejects(
        "range [from, to) = [1, 3) must lie within [0, 2]",
        () -> tiers.tiers(new double[] {1, 2}, 1, 3, new ValueTier[3]));
    assertRejects("tier must not be null", () -> tiers.threshold(null));
  }
}
