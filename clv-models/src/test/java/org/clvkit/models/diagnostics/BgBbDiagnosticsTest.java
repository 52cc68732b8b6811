package org.clvkit.models.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.TreeMap;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgbb.BgBbFitter;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics of the discrete-time BG/BB model on the donor cohort of Fader, Hardie &amp; Shang
 * (2010), "Customer-base analysis in a discrete-time noncontractual setting", Marketing Science
 * 29(6): 11,104 donors, 6 opportunities.
 */
class BgBbDiagnosticsTest {
  private static final CustomerHistories DONATIONS = TestData.donations();
  private static final double DONORS = 11_104;

  /** The paper's parameters (section 5). */
  private static final BgBbModel PUBLISHED =
      BgBbModel.of(new BgBbParameters(1.204, 0.750, 0.657, 2.783));

  private static final BgBbModel FITTED = BgBbFitter.create().fit(DONATIONS);

  /**
   * Expected counts are the cohort times P(X(6) = x), checked against the independent mpmath
   * computation of the pmf in {@code bgbb_independent_pmf.csv} (relative 1e-12, the table's
   * tolerance); with the last bucket beyond the 6 opportunities it is empty and the exact buckets
   * alone sum to the 11,104 donors, so the model's pmf sums to 1.
   */
  @Test
  void periodTransactions_donationsExpectedCountsAreTheCohortTimesTheIndependentPmf() {
    PeriodTransactions histogram = PeriodTransactions.of(PUBLISHED, DONATIONS, 7);
    ReferenceTable pmf = ReferenceTable.load("bgbb_independent_pmf.csv");
    double exactBuckets = 0;
    for (int x = 0; x <= 6; x++) {
      double expected = 0;
      for (int row = 0; row < pmf.size(); row++) {
        if (pmf.number(row, "t") == 6 && pmf.number(row, "k") == x) {
          expected = DONORS * pmf.number(row, "probability");
        }
      }
      assertTrue(expected > 0, "reference row for x = " + x);
      Tolerance.relative(1e-12).check("expected[" + x + "]", expected, histogram.expected(x));
      exactBuckets += histogram.expected(x);
    }
    Tolerance.absolute(1e-9).check("expected[7+]", 0, histogram.expected(7));
    Tolerance.relative(1e-12).check("sum of exact buckets", DONORS, exactBuckets);
    assertEquals(DONORS, histogram.customers());
  }

  /** Actual counts are the donors per number of repeat donations, grouped here independently. */
  @Test
  void periodTransactions_donationsActualCountsAreTheDonorsPerFrequency() {
    double[][] columns = TestData.donationColumns();
    TreeMap<Integer, Double> byFrequency = new TreeMap<>();
    for (int i = 0; i < columns[0].length; i++) {
      byFrequency.merge((int) columns[0][i], columns[3][i], Double::sum);
    }
    PeriodTransactions histogram = PeriodTransactions.of(FITTED, DONATIONS, 4);
    for (int x = 0; x < 4; x++) {
      assertEquals(byFrequency.get(x), histogram.actual(x), "actual[" + x + "]");
    }
    double open = byFrequency.tailMap(4).values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(open, histogram.actual(4));
    assertEquals("4+", histogram.label(4));
    assertEquals(DONORS, Arrays.stream(histogram.actual()).sum());
  }

  /**
   * The fitted model describes the calibration histogram (the paper's figure 4 shows the fit): the
   * expected counts sum to the donors (relative 1e-12) and each bucket is within 6 % of the actual
   * count (the largest gap is at 2 repeat donations: 1,349 expected against 1,430 donors).
   */
  @Test
  void periodTransactions_fittedModelExpectedCountsSumToTheDonorsAndFollowTheActual() {
    PeriodTransactions histogram = PeriodTransactions.of(FITTED, DONATIONS, 7);
    Tolerance.relative(1e-12)
        .check("sum of expected", DONORS, Arrays.stream(histogram.expected()).sum());
    for (int x = 0; x <= 6; x++) {
      Tolerance.relative(0.06)
          .check("expected[" + x + "]", histogram.actual(x), histogram.expected(x));
    }
  }

  /**
   * The P(alive) matrix at n = 6 holds the paper's Table 6 values (absolute 0.005, the table's 2
   * decimals) and the model's own per-customer values bit for bit; the 21 histories with x &gt; t_x
   * are impossible in discrete time and undefined; row x = 0 is (0, 0, 6) throughout.
   */
  @Test
  void frequencyRecencyMatrix_donationsProbabilityAliveMatchesTable6() {
    FrequencyRecencyMatrix matrix =
        FrequencyRecencyMatrix.probabilityAlive(
            FITTED, 6, FrequencyRecencyMatrix.recencyGrid(6, 6), 6);
    ReferenceTable table = ReferenceTable.load("bgbb_donations_palive.csv");
    for (int row = 0; row < table.size(); row++) {
      int x = (int) table.number(row, "x");
      int tx = (int) table.number(row, "t_x");
      Tolerance.absolute(0.005)
          .check("P(alive) at " + x + ", " + tx, table.number(row, "p_alive"), matrix.value(x, tx));
    }
    assertEquals(21, matrix.undefinedCells());
    for (int x = 0; x <= 6; x++) {
      for (int tx = 0; tx <= 6; tx++) {
        if (x == 0) {
          assertEquals(FITTED.probabilityAlive(0, 0, 6), matrix.value(0, tx));
        } else if (x > tx) {
          assertFalse(matrix.isDefined(x, tx));
          assertTrue(Double.isNaN(matrix.value(x, tx)));
        } else {
          assertTrue(matrix.isDefined(x, tx));
          assertEquals(FITTED.probabilityAlive(x, tx, 6), matrix.value(x, tx));
        }
      }
    }
  }

  /** The expected-purchases matrix holds the model's per-customer values for the horizon. */
  @Test
  void frequencyRecencyMatrix_donationsConditionalExpectedPurchasesAreThePerCustomerValues() {
    FrequencyRecencyMatrix matrix =
        FrequencyRecencyMatrix.conditionalExpectedPurchases(
            FITTED, 5, 6, FrequencyRecencyMatrix.recencyGrid(6, 6), 6);
    assertEquals(FrequencyRecencyMatrix.Quantity.CONDITIONAL_EXPECTED_PURCHASES, matrix.quantity());
    assertEquals(5.0, matrix.horizon());
    for (int x = 1; x <= 6; x++) {
      for (int tx = x; tx <= 6; tx++) {
        assertEquals(FITTED.conditionalExpectedPurchases(5, x, tx, 6), matrix.value(x, tx));
      }
    }
  }

  /**
   * Over the 6 calibration opportunities the fitted model's expected repeat donations of the
   * cohort, 11,104 · E[X(6)], lie within 1 % of the 24,615 the donors made (the paper's figure 5
   * tracks the annual totals closely); per year the expectation is the cohort times E[X(t)] − E[X(t
   * − 1)] (relative 1e-12).
   */
  @Test
  void repeatPurchaseTracking_donationsExpectedTotalIsCloseToTheActual() {
    double actual = 0;
    for (int i = 0; i < DONATIONS.size(); i++) {
      actual += DONATIONS.weight(i) * DONATIONS.frequency(i);
    }
    assertEquals(24_615, actual);
    double[] joined = new double[(int) DONORS];
    RepeatPurchaseTracking total =
        RepeatPurchaseTracking.of(FITTED, joined, new double[] {6}, new double[] {actual});
    Tolerance.relative(0.01).check("cumulative at 6", actual, total.expectedCumulative(0));

    double[] years = {1, 2, 3, 4, 5, 6};
    RepeatPurchaseTracking yearly =
        RepeatPurchaseTracking.fromPurchaseTimes(FITTED, joined, new double[0], years);
    for (int t = 1; t <= 6; t++) {
      double increment = FITTED.expectedPurchases(t) - FITTED.expectedPurchases(t - 1);
      Tolerance.relative(1e-12)
          .check("year " + t, DONORS * increment, yearly.expectedIncremental(t - 1));
    }
    Tolerance.relative(1e-12)
        .check("year 6 cumulative", total.expectedCumulative(0), yearly.expectedCumulative(5));
  }
}
