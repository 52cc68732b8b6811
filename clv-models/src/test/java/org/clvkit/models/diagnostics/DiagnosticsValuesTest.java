package org.clvkit.models.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.junit.jupiter.api.Test;

/**
 * How the diagnostics group, count and present: small hand-made data where every value follows from
 * the model's per-customer methods.
 */
class DiagnosticsValuesTest {
  private static final BgBbModel MODEL =
      BgBbModel.of(new BgBbParameters(1.204, 0.750, 0.657, 2.783));
  private static final double[] F = {0, 1, 2, 5, 6};
  private static final double[] R = {0, 3, 5, 6, 6};
  private static final double[] A = {6, 6, 6, 6, 6};
  private static final double[] HOLDOUT = {0, 1, 2, 3, 4};

  @Test
  void calibrationHoldout_groupsByFrequencyWithAnOpenLastGroup() {
    CalibrationHoldout check = CalibrationHoldout.of(MODEL, F, R, A, HOLDOUT, 5, 2);
    assertEquals(3, check.size());
    assertArrayEquals(new int[] {0, 1, 2}, check.frequency());
    assertArrayEquals(new double[] {1, 1, 3}, check.customers());
    assertArrayEquals(new double[] {0, 1, 3}, check.meanActual());
    double[] p = new double[5];
    for (int i = 0; i < 5; i++) {
      p[i] = MODEL.conditionalExpectedPurchases(5, F[i], R[i], A[i]);
    }
    assertArrayEquals(new double[] {p[0], p[1], (p[2] + p[3] + p[4]) / 3}, check.meanPredicted());
    assertEquals("2+", check.label(2));
    assertTrue(check.isOpen(2));
    assertFalse(check.isOpen(1));
    assertEquals(10, check.totalActual(), 1e-12);
    assertEquals(p[0] + p[1] + p[2] + p[3] + p[4], check.totalPredicted(), 1e-12);
    assertEquals(5.0, check.holdoutLength());
  }

  @Test
  void calibrationHoldout_ofPredictions_groupsThemAsTheModelsOwn() {
    double[] p = {0.5, 1.0, 2.0, 3.0, 7.0};
    CalibrationHoldout check = CalibrationHoldout.ofPredictions(F, p, HOLDOUT, 5, 2);
    assertArrayEquals(new int[] {0, 1, 2}, check.frequency());
    assertArrayEquals(new double[] {1, 1, 3}, check.customers());
    assertArrayEquals(new double[] {0, 1, 3}, check.meanActual());
    assertArrayEquals(new double[] {0.5, 1.0, 4.0}, check.meanPredicted());
    assertEquals(13.5, check.totalPredicted(), 1e-12);
    double[] own = new double[5];
    for (int i = 0; i < 5; i++) {
      own[i] = MODEL.conditionalExpectedPurchases(5, F[i], R[i], A[i]);
    }
    CalibrationHoldout fromModel = CalibrationHoldout.of(MODEL, F, R, A, HOLDOUT, 5, 2);
    CalibrationHoldout fromPredictions = CalibrationHoldout.ofPredictions(F, own, HOLDOUT, 5, 2);
    assertEquals(fromModel.toCsv(), fromPredictions.toCsv());
    assertArrayEquals(fromModel.meanPredicted(), fromPredictions.meanPredicted());
  }

  @Test
  void calibrationHoldout_ofPredictions_rejectsBadInputNamingIt() {
    for (Runnable call :
        new Runnable[] {
          () -> CalibrationHoldout.ofPredictions(F, new double[] {1}, HOLDOUT, 5, 2),
          () -> CalibrationHoldout.ofPredictions(F, new double[] {0, 0, 0, 0, -1}, HOLDOUT, 5, 2),
          () -> CalibrationHoldout.ofPredictions(new double[] {0, 1.5, 2, 3, 4}, F, HOLDOUT, 5, 2),
          () -> CalibrationHoldout.ofPredictions(F, F, HOLDOUT, 0, 2)
        }) {
      org.junit.jupiter.api.Assertions.assertThrows(
          org.clvkit.core.ClvArgumentException.class, call::run);
    }
  }

  @Test
  void calibrationHoldout_leavesOutGroupsWithoutCustomers() {
    CalibrationHoldout check = CalibrationHoldout.of(MODEL, F, R, A, HOLDOUT, 4, 4);
    assertArrayEquals(new int[] {0, 1, 2, 4}, check.frequency());
    assertEquals("4+", check.label(3));
    assertEquals(3.5, check.meanActual(3));
  }

  @Test
  void calibrationHoldout_toCsvHasOneLinePerGroup() {
    CalibrationHoldout check = CalibrationHoldout.of(MODEL, F, R, A, HOLDOUT, 5, 2);
    String[] lines = check.toCsv().split("\n");
    assertEquals(4, lines.length);
    assertEquals("frequency,customers,actual,predicted", lines[0]);
    assertEquals("0,1,0," + check.meanPredicted(0), lines[1]);
    assertEquals("2+,3,3," + check.meanPredicted(2), lines[3]);
  }

  @Test
  void periodTransactions_weightsCountAsCustomers() {
    CustomerHistories weighted =
        CustomerHistories.of(
            new double[] {0, 3}, new double[] {0, 4}, new double[] {6, 6}, new double[] {5, 2});
    CustomerHistories rows =
        CustomerHistories.of(
            new double[] {0, 0, 0, 0, 0, 3, 3},
            new double[] {0, 0, 0, 0, 0, 4, 4},
            new double[] {6, 6, 6, 6, 6, 6, 6});
    assertEquals(PeriodTransactions.of(MODEL, rows, 3), PeriodTransactions.of(MODEL, weighted, 3));
    PeriodTransactions histogram = PeriodTransactions.of(MODEL, weighted, 3);
    assertArrayEquals(new double[] {5, 0, 0, 2}, histogram.actual());
    assertEquals(7.0, histogram.customers());
    assertEquals(7 * MODEL.probabilityOfPurchases(1, 6), histogram.expected(1), 1e-12);
  }

  @Test
  void periodTransactions_customersOfDifferentAgesEachUseTheirOwnAge() {
    CustomerHistories data =
        CustomerHistories.of(
            new double[] {0, 1, 1}, new double[] {0, 2, 1}, new double[] {3, 6, 3});
    PeriodTransactions histogram = PeriodTransactions.of(MODEL, data, 2);
    for (int n = 0; n < 2; n++) {
      double expected = 2 * MODEL.probabilityOfPurchases(n, 3) + MODEL.probabilityOfPurchases(n, 6);
      assertEquals(expected, histogram.expected(n), 1e-12);
    }
  }

  @Test
  void periodTransactions_toCsvLabelsTheOpenBucket() {
    CustomerHistories data =
        CustomerHistories.of(new double[] {0, 2}, new double[] {0, 4}, new double[] {6, 6});
    PeriodTransactions histogram = PeriodTransactions.of(MODEL, data, 1);
    assertEquals(
        "purchases,actual,expected\n0,1,"
            + histogram.expected(0)
            + "\n1+,1,"
            + histogram.expected(1)
            + "\n",
        histogram.toCsv());
  }

  @Test
  void repeatPurchaseTracking_countsPurchasesAtOrBeforeEachTime() {
    double[] joined = {0, 1};
    double[] repeats = {3.5, 2, 0.5, 2};
    double[] times = {1, 2, 3, 4};
    RepeatPurchaseTracking tracking =
        RepeatPurchaseTracking.fromPurchaseTimes(MODEL, joined, repeats, times);
    assertArrayEquals(new double[] {1, 3, 3, 4}, tracking.actualCumulative());
    assertArrayEquals(new double[] {1, 2, 0, 1}, tracking.actualIncremental());
    assertArrayEquals(MODEL.cohortExpectedPurchases(joined, times), tracking.expectedCumulative());
    double[] increments = tracking.expectedIncremental();
    assertEquals(tracking.expectedCumulative(0), increments[0]);
    assertEquals(tracking.expectedCumulative(3) - tracking.expectedCumulative(2), increments[3]);
    assertEquals(
        RepeatPurchaseTracking.of(MODEL, joined, times, new double[] {1, 3, 3, 4}), tracking);
  }

  @Test
  void repeatPurchaseTracking_toCsvHasOneLinePerTime() {
    RepeatPurchaseTracking tracking =
        RepeatPurchaseTracking.of(
            MODEL, new double[] {0}, new double[] {1, 2}, new double[] {0, 1});
    String[] lines = tracking.toCsv().split("\n");
    assertEquals(
        "time,actual_cumulative,expected_cumulative,actual_incremental,expected_incremental",
        lines[0]);
    assertEquals(
        "2,1,"
            + tracking.expectedCumulative(1)
            + ",1,"
            + (tracking.expectedCumulative(1) - tracking.expectedCumulative(0)),
        lines[2]);
  }

  @Test
  void frequencyRecencyMatrix_toCsvLeavesUndefinedCellsEmpty() {
    FrequencyRecencyMatrix matrix =
        FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {0, 1, 2}, 2);
    String alive0 = Double.toString(MODEL.probabilityAlive(0, 0, 2));
    assertEquals(
        "frequency,0,1,2\n"
            + ("0," + alive0 + "," + alive0 + "," + alive0 + "\n")
            + ("1,," + MODEL.probabilityAlive(1, 1, 2) + "," + MODEL.probabilityAlive(1, 2, 2))
            + "\n"
            + ("2,,," + MODEL.probabilityAlive(2, 2, 2) + "\n"),
        matrix.toCsv());
    assertEquals(3, matrix.undefinedCells());
  }

  @Test
  void recencyGrid_endsExactlyAtTheAge() {
    assertArrayEquals(new double[] {0, 1, 2, 3}, FrequencyRecencyMatrix.recencyGrid(3, 3));
    double[] grid = FrequencyRecencyMatrix.recencyGrid(38.86, 38);
    assertEquals(39, grid.length);
    assertEquals(38.86, grid[38]);
    for (int j = 1; j < grid.length; j++) {
      assertTrue(grid[j] > grid[j - 1]);
    }
  }

  @Test
  void accessors_returnCopies() {
    FrequencyRecencyMatrix matrix =
        FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {0, 1, 2}, 2);
    double[][] values = matrix.values();
    values[0][0] = -1;
    assertNotSame(values, matrix.values());
    assertTrue(matrix.value(0, 0) > 0);
    double[] recencies = matrix.recencies();
    recencies[0] = 99;
    assertEquals(0.0, matrix.recencies()[0]);
    CalibrationHoldout check = CalibrationHoldout.of(MODEL, F, R, A, HOLDOUT, 5, 2);
    check.meanActual()[0] = 99;
    assertEquals(0.0, check.meanActual(0));
  }

  @Test
  void values_surviveJavaSerialization() throws Exception {
    CustomerHistories data = CustomerHistories.of(F, R, A);
    Object[] values = {
      PeriodTransactions.of(MODEL, data, 3),
      CalibrationHoldout.of(MODEL, F, R, A, HOLDOUT, 5, 2),
      RepeatPurchaseTracking.of(MODEL, new double[] {0}, new double[] {1, 2}, new double[] {0, 1}),
      FrequencyRecencyMatrix.probabilityAlive(MODEL, 2, new double[] {0, 1, 2}, 2)
    };
    for (Object value : values) {
      assertEquals(value, roundTrip(value));
      assertEquals(value.hashCode(), roundTrip(value).hashCode());
    }
  }

  private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
