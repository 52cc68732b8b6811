package org.clvkit.core.value;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The textbook five-year account of a software vendor and a graphic-design firm (issue 2, item 4),
 * with illustrative numbers of our own: year 1 loses money because acquiring the firm (sales
 * visits, demos, trial licences) costs more than its first purchase of six seats; later years bring
 * upgrades and extra seats (up-sell), a font and asset library (cross-sell), and purchases by
 * designers the firm referred, who refer others in turn.
 */
class AccountLedgerTest {

  static AccountLedger softwareVendorAndDesignFirm() {
    return AccountLedger.builder(5)
        .periodName("year")
        .acquisitionCost(14_000, 0, 0, 0, 0)
        .firstPurchase(9_000, 0, 0, 0, 0)
        .upSell(0, 2_400, 3_600, 2_400, 4_200)
        .crossSell(0, 1_800, 2_200, 2_600, 3_000)
        .referredPurchases(1, 0, 3_000, 5_500, 6_000, 6_500)
        .referredPurchases(2, 0, 0, 1_500, 3_000, 4_500)
        .referredPurchases(3, 0, 0, 0, 1_000, 2_000)
        .costToServe(2_000, 1_500, 1_800, 2_100, 2_400)
        .build();
  }

  @Test
  void profits_matchHandComputation() {
    AccountLedger ledger = softwareVendorAndDesignFirm();
    // Profit per year = first purchase + up-sell + cross-sell + referred purchases - acquisition -
    // serving.
    double[] expected = {
      9_000 - 14_000 - 2_000,
      2_400 + 1_800 + 3_000 - 1_500,
      3_600 + 2_200 + 5_500 + 1_500 - 1_800,
      2_400 + 2_600 + 6_000 + 3_000 + 1_000 - 2_100,
      4_200 + 3_000 + 6_500 + 4_500 + 2_000 - 2_400
    };
    assertArrayEquals(expected, ledger.profits());
    assertArrayEquals(
        new double[] {
          expected[0],
          expected[0] + expected[1],
          expected[0] + expected[1] + expected[2],
          expected[0] + expected[1] + expected[2] + expected[3],
          expected[0] + expected[1] + expected[2] + expected[3] + expected[4]
        },
        ledger.cumulativeProfits());
    assertEquals(-7_000.0, ledger.firstPeriodProfit());
    assertEquals(
        expected[0] + expected[1] + expected[2] + expected[3] + expected[4], ledger.totalProfit());
    assertEquals(OptionalInt.of(3), ledger.paybackPeriod());
  }

  @Test
  void totals_splitDirectFromReferralRevenue() {
    AccountLedger ledger = softwareVendorAndDesignFirm();
    assertEquals(
        9_000 + 2_400 + 1_800 + 3_600 + 2_200 + 2_400 + 2_600 + 4_200 + 3_000,
        ledger.totalDirectRevenue());
    assertEquals(
        3_000 + 5_500 + 6_000 + 6_500 + 1_500 + 3_000 + 4_500 + 1_000 + 2_000,
        ledger.totalReferralRevenue());
    assertArrayEquals(new double[] {0, 3_000, 7_000, 10_000, 13_000}, ledger.referralRevenues());
    assertArrayEquals(new double[] {9_000, 4_200, 5_800, 5_000, 7_200}, ledger.directRevenues());
    assertEquals(3, ledger.generations());
    assertArrayEquals(new double[] {0, 0, 1_500, 3_000, 4_500}, ledger.referredPurchases(2));
    // The customer's value over five years is many times the first-year loss.
    assertTrue(ledger.totalProfit() > 5 * -ledger.firstPeriodProfit());
  }

  @Test
  void table_showsEveryLineItemPerYearWithTotals() {
    List<String> lines = softwareVendorAndDesignFirm().table().lines().toList();
    assertEquals(
        "                                year 1        year 2        year 3        year 4"
            + "        year 5         total",
        lines.get(0));
    assertEquals(
        "acquisition cost            -14,000.00          0.00          0.00          0.00"
            + "          0.00    -14,000.00",
        lines.get(1));
    assertEquals(
        "referred, generation 3            0.00          0.00          0.00      1,000.00"
            + "      2,000.00      3,000.00",
        lines.get(7));
    assertEquals(
        "profit                       -7,000.00      5,700.00     11,000.00     12,900.00"
            + "     17,800.00     40,400.00",
        lines.get(9));
    assertEquals(
        "cumulative profit            -7,000.00     -1,300.00      9,700.00     22,600.00"
            + "     40,400.00",
        lines.get(10));
    assertEquals(
        "direct revenue 31,200.00, referral revenue 33,000.00 (51.4% of revenue)", lines.get(11));
    assertEquals(
        "total profit 40,400.00 against a year 1 profit of -7,000.00; paid back in year 3",
        lines.get(12));
    assertEquals(13, lines.size());
  }

  @Test
  void table_saysWhenNeverPaidBack() {
    AccountLedger ledger =
        AccountLedger.builder(2).acquisitionCost(100, 0).firstPurchase(30, 0).build();
    assertEquals(OptionalInt.empty(), ledger.paybackPeriod());
    assertTrue(ledger.table().endsWith("; not paid back within 2 periods\n"));
    assertEquals(0, ledger.generations());
    assertEquals("period", ledger.periodName());
  }

  @Test
  void accessors_returnCopies() {
    AccountLedger ledger = softwareVendorAndDesignFirm();
    ledger.upSells()[1] = -1;
    ledger.referredPurchases(1)[1] = -1;
    assertEquals(2_400.0, ledger.upSells()[1]);
    assertEquals(3_000.0, ledger.referredPurchases(1)[1]);
  }

  @Test
  void builder_rejectsInvalidInputs() {
    assertRejects("periods must be > 0, was 0", () -> AccountLedger.builder(0));
    assertRejects("periodName must not be null", () -> AccountLedger.builder(2).periodName(null));
    assertRejects("upSell must not be null", () -> AccountLedger.builder(2).upSell(null));
    assertRejects(
        "crossSell has length 3 but the ledger has length 2",
        () -> AccountLedger.builder(2).crossSell(1, 2, 3));
    assertRejects(
        "costToServe[1] must be finite and >= 0, was -5.0",
        () -> AccountLedger.builder(2).costToServe(1, -5));
    assertRejects(
        "acquisitionCost[0] must be finite and >= 0, was NaN",
        () -> AccountLedger.builder(1).acquisitionCost(Double.NaN));
    assertRejects(
        "firstPurchase[0] must be finite and >= 0, was Infinity",
        () -> AccountLedger.builder(1).firstPurchase(Double.POSITIVE_INFINITY));
    assertRejects(
        "generation must be > 0, was 0", () -> AccountLedger.builder(1).referredPurchases(0, 1));
    assertRejects(
        "referredPurchases(generation 2)[0] must be finite and >= 0, was -1.0",
        () -> AccountLedger.builder(1).referredPurchases(2, -1));
    AccountLedger ledger = softwareVendorAndDesignFirm();
    assertRejects("generation must be <= 3, was 4", () -> ledger.referredPurchases(4));
    assertRejects("generation must be > 0, was 0", () -> ledger.referredPurchases(0));
  }
}
