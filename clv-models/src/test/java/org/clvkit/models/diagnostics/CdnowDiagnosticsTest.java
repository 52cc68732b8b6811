package org.clvkit.models.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.mbgnbd.MbgNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics of the continuous-time models on CDNOW (2,357 customers, weeks), with the
 * histories summarised from the transaction log by clv-core's data package: 39 weeks of calibration
 * to 1997-09-30 and 39 of holdout. The references {@code diagnostics_cdnow_bgnbd_*.csv} are an
 * independent mpmath computation from the log ({@code src/test/python/diagnostics_reference.py})
 * with the BG/NBD parameters of Fader, Hardie &amp; Lee (2005), "Counting your customers the easy
 * way", Marketing Science 24(2).
 */
class CdnowDiagnosticsTest {
  private static final CustomerSummaries SUMMARIES = TestData.cdnowCalibrationAndHoldout();
  private static final CustomerHistories HISTORIES =
      CustomerHistories.of(SUMMARIES.frequency(), SUMMARIES.recency(), SUMMARIES.age());
  private static final double CUSTOMERS = 2357;

  /** The paper's parameters. */
  private static final BgNbdModel PUBLISHED =
      BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

  private static final BgNbdModel FITTED = BgNbdFitter.create().fit(HISTORIES);

  /** Histogram: expected counts relative 1e-9 of the independent computation, actual exact. */
  @Test
  void periodTransactions_cdnowMatchesTheIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("diagnostics_cdnow_bgnbd_period_transactions.csv");
    PeriodTransactions histogram = PeriodTransactions.of(PUBLISHED, HISTORIES, 7);
    assertEquals(table.size(), 8);
    for (int n = 0; n <= 7; n++) {
      assertEquals(table.text(n, "purchases"), histogram.label(n));
      assertEquals(table.number(n, "actual"), histogram.actual(n), "actual " + n);
      Tolerance.relative(1e-9)
          .check("expected " + n, table.number(n, "expected"), histogram.expected(n));
    }
  }

  /**
   * For each continuous-time model fitted on CDNOW the expected counts sum to the 2,357 customers
   * (relative 1e-12), and with the last bucket at 100 repeat purchases (the most in the data is 29)
   * the exact buckets alone hold all but 1e-6 of them: each model's P(X(T) = n) sums to 1.
   */
  @Test
  void periodTransactions_cdnowExpectedCountsSumToTheCustomers() {
    PurchaseModel[] models = {
      FITTED, MbgNbdFitter.create().fit(HISTORIES), ParetoNbdFitter.create().fit(HISTORIES)
    };
    for (PurchaseModel model : models) {
      PeriodTransactions seven = PeriodTransactions.of(model, HISTORIES, 7);
      Tolerance.relative(1e-12)
          .check(model.name() + " sum", CUSTOMERS, Arrays.stream(seven.expected()).sum());
      PeriodTransactions hundred = PeriodTransactions.of(model, HISTORIES, 100);
      double exact = Arrays.stream(hundred.expected()).limit(100).sum();
      Tolerance.relative(1e-6).check(model.name() + " exact buckets", CUSTOMERS, exact);
      Tolerance.relative(1e-9)
          .check(
              model.name() + " 7+",
              seven.expected(7),
              Arrays.stream(hundred.expected()).skip(7).sum());
    }
  }

  /**
   * Calibration against holdout by calibration frequency: customers and mean actual holdout
   * purchases exactly as counted independently from the log, mean predictions relative 1e-9.
   */
  @Test
  void calibrationHoldout_cdnowMatchesTheIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("diagnostics_cdnow_bgnbd_calibration_holdout.csv");
    CalibrationHoldout check = CalibrationHoldout.of(PUBLISHED, SUMMARIES, 7);
    assertEquals(39.0, check.holdoutLength());
    assertEquals(8, check.size());
    for (int i = 0; i < 8; i++) {
      double customers = table.number(i, "customers");
      assertEquals(table.text(i, "frequency"), check.label(i));
      assertEquals(customers, check.customers(i));
      assertEquals(table.number(i, "actual_sum") / customers, check.meanActual(i), 1e-15);
      Tolerance.relative(1e-9)
          .check("predicted " + i, table.number(i, "predicted"), check.meanPredicted(i));
    }
    assertEquals(1882, check.totalActual(), 1e-9);
  }

  /**
   * Tracking over 78 weeks: the actual cumulative repeat purchases from the log equal the
   * independent count every week (4,339 at week 78, the 2,457 of calibration and the 1,882 of
   * holdout); the expectation of the paper's parameters matches the independent one (relative
   * 1e-9); and the fitted BG/NBD's cumulative expectation at week 78 is within 10 % of 4,339 (the
   * acceptance criterion of issue 5).
   */
  @Test
  void repeatPurchaseTracking_cdnowWeek78IsWithinTenPercentOfTheActual() {
    ReferenceTable table = ReferenceTable.load("diagnostics_cdnow_bgnbd_tracking.csv");
    double[] weeks = new double[78];
    for (int k = 0; k < 78; k++) {
      weeks[k] = k + 1;
    }
    double[] actual = TestData.cdnowCumulativeRepeatPurchases(78);
    double[] joined = TestData.joinedWeeks(SUMMARIES);
    RepeatPurchaseTracking published = RepeatPurchaseTracking.of(PUBLISHED, joined, weeks, actual);
    for (int k = 0; k < 78; k++) {
      assertEquals(table.number(k, "actual_cumulative"), actual[k], "week " + (k + 1));
      Tolerance.relative(1e-9)
          .check(
              "expected at week " + (k + 1),
              table.number(k, "expected_cumulative"),
              published.expectedCumulative(k));
    }
    assertEquals(4339, actual[77]);
    assertEquals(SUMMARIES.repeatPurchases() + SUMMARIES.totalHoldoutPurchases(), actual[77]);
    RepeatPurchaseTracking fitted = RepeatPurchaseTracking.of(FITTED, joined, weeks, actual);
    Tolerance.relative(0.10).check("week 78", 4339, fitted.expectedCumulative(77));
  }

  /**
   * In continuous time every cell of the matrices is defined; the P(alive) of the BG/NBD is 1
   * without repeat purchases and grows with recency for a given frequency (Fader, Hardie &amp; Lee
   * 2005, figure 5); each cell is the model's per-customer value.
   */
  @Test
  void frequencyRecencyMatrix_cdnowEveryCellIsDefined() {
    double age = SUMMARIES.age()[0];
    double[] recencies = FrequencyRecencyMatrix.recencyGrid(age, 38);
    FrequencyRecencyMatrix alive =
        FrequencyRecencyMatrix.probabilityAlive(FITTED, 30, recencies, age);
    assertEquals(0, alive.undefinedCells());
    for (int j = 0; j < recencies.length; j++) {
      assertEquals(1.0, alive.value(0, j));
    }
    for (int x = 1; x <= 30; x++) {
      for (int j = 1; j < recencies.length; j++) {
        assertTrue(alive.value(x, j) >= alive.value(x, j - 1), "x = " + x + ", column " + j);
        assertEquals(FITTED.probabilityAlive(x, recencies[j], age), alive.value(x, j));
      }
    }
    FrequencyRecencyMatrix expected =
        FrequencyRecencyMatrix.conditionalExpectedPurchases(FITTED, 39, 30, recencies, age);
    assertEquals(0, expected.undefinedCells());
    assertEquals(
        FITTED.conditionalExpectedPurchases(39, 12, recencies[20], age), expected.value(12, 20));
  }
}
