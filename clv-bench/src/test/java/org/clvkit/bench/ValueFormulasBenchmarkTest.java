package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.clvkit.core.value.CashFlowTiming;
import org.clvkit.core.value.DiscountedClv;
import org.clvkit.core.value.SimpleClv;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark method once, directly rather than through JMH, and checks its result against
 * the per-customer library API, so that the benchmarks keep compiling and keep measuring the right
 * thing.
 */
class ValueFormulasBenchmarkTest {

  private static ValueFormulasBenchmark benchmark() {
    ValueFormulasBenchmark benchmark = new ValueFormulasBenchmark();
    benchmark.size = 1000;
    benchmark.setup();
    return benchmark;
  }

  @Test
  void simpleClvColumns_equalPerCustomerValues() {
    ValueFormulasBenchmark b = benchmark();
    double[] result = b.simpleClvColumns().clone();
    assertEquals(1000, result.length);
    for (int i = 0; i < result.length; i++) {
      double expected =
          SimpleClv.of(b.averageOrderValue[i], b.purchasesPerPeriod[i], b.lifespanPeriods[i])
              .withGrossMargin(ValueFormulasBenchmark.GROSS_MARGIN)
              .withCostToServe(ValueFormulasBenchmark.COST_TO_SERVE)
              .withAcquisitionCost(ValueFormulasBenchmark.ACQUISITION_COST)
              .value();
      assertEquals(expected, result[i]);
    }
    assertArrayEquals(result, b.simpleClvPerCustomer());
  }

  @Test
  void discountedClvColumns_equalPerCustomerValuesAndBaseline() {
    ValueFormulasBenchmark b = benchmark();
    double[] infinite = b.discountedClvInfiniteColumns().clone();
    double[] finite = b.discountedClvFiniteColumns().clone();
    double[] baseline = b.marginMultipleBaseline().clone();
    for (int i = 0; i < infinite.length; i++) {
      DiscountedClv clv =
          DiscountedClv.of(
              b.margin[i],
              b.retention[i],
              ValueFormulasBenchmark.DISCOUNT,
              CashFlowTiming.END_OF_PERIOD);
      assertEquals(clv.infiniteHorizonValue(), infinite[i]);
      assertEquals(clv.value(ValueFormulasBenchmark.PERIODS), finite[i]);
      Tolerance.relative(1e-15).check("baseline row " + i, infinite[i], baseline[i]);
    }
  }

  @Test
  void referralChain_equalsLibraryChain() {
    ReferralChainBenchmark b = new ReferralChainBenchmark();
    b.generations = 5;
    b.setup();
    double[] expected = b.referrals.chain(5).valueByGeneration();
    assertArrayEquals(expected, b.chain().valueByGeneration());
    assertEquals(6, expected.length);
  }
}
