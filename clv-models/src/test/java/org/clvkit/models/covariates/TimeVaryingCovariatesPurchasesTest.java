package org.clvkit.models.covariates;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TimeVaryingCovariates#withRepeatPurchases}: counting repeat purchases into periods. */
class TimeVaryingCovariatesPurchasesTest {
  // Customer 0: periods from -2, 3, 7; customer 1: one period from 0.
  private static final TimeVaryingCovariates TV =
      TimeVaryingCovariates.of(
          List.of("a", "b"),
          new int[] {0, 3, 4},
          new double[] {-2, 3, 7, 0},
          new double[] {1, 2, 3, 4, 5, 6, 7, 8});

  @Test
  void withRepeatPurchases_countsEachPurchaseInThePeriodHoldingIt() {
    // A purchase exactly on a start falls in the period that starts there; order does not matter.
    TimeVaryingCovariates counted =
        TV.withRepeatPurchases(new int[] {0, 4, 6}, new double[] {7, 0.5, 3, 2.999, 1, 40});
    assertTrue(counted.hasRepeatPurchases());
    assertArrayEquals(new double[] {2, 1, 1, 2}, counted.repeatPurchases());
    // Selecting columns keeps the counts; the covariates themselves are unchanged.
    assertArrayEquals(new double[] {2, 1, 1, 2}, counted.select(List.of("b")).repeatPurchases());
    assertArrayEquals(TV.values(), counted.values());
    assertFalse(counted.equals(TV));
  }

  @Test
  void withoutRepeatPurchases_noneAreKnown() {
    assertFalse(TV.hasRepeatPurchases());
    assertNull(TV.repeatPurchases());
    assertRejects(
        "the repeat purchases per period are not known (withRepeatPurchases)",
        () -> TV.repeatPurchases(0));
  }

  @Test
  void withRepeatPurchases_rejectsBadOffsetsAndTimes() {
    assertRejects(
        "purchaseOffsets has length 2 but customers + 1 has length 3",
        () -> TV.withRepeatPurchases(new int[] {0, 1}, new double[] {1}));
    assertRejects(
        "times[0] = -1.0 must be >= 0 (customer 0)",
        () -> TV.withRepeatPurchases(new int[] {0, 1, 1}, new double[] {-1}));
    assertRejects(
        "purchaseOffsets[2] = 1 is below purchaseOffsets[1] = 2",
        () -> TV.withRepeatPurchases(new int[] {0, 2, 1}, new double[] {1}));
  }
}
