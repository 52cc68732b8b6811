package org.clvkit.models.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.CdnowSummary;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** CLV with the BG/NBD purchase model on CDNOW, against an independent mpmath computation. */
class CustomerLifetimeValueBgNbdTest {

  /** BG/NBD and Gamma-Gamma with the published CDNOW estimates (FHL 2005; Fader & Hardie 2013). */
  private static final CustomerLifetimeValue CDNOW =
      CustomerLifetimeValue.of(
          BgNbdModel.of(new BgNbdParameters(0.2426, 4.4136, 0.7929, 2.4259)),
          GammaGammaModel.of(new GammaGammaParameters(6.2493, 3.7443, 15.4443)),
          1);

  @Test
  void conditionalValue_cdnowCustomersMatchAnIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("clv_bgnbd_gamma_gamma_cdnow.csv");
    Tolerance tolerance = Tolerance.relative(1e-9);
    CdnowSummary cdnow = CdnowSummary.load();
    for (int row = 0; row < table.size(); row++) {
      int i = Integer.parseInt(table.text(row, "id")) - 1;
      int periods = Integer.parseInt(table.text(row, "periods"));
      double rate = table.number(row, "discountRate");
      double value =
          CDNOW.conditionalValue(
              periods,
              rate,
              cdnow.frequency[i],
              cdnow.recency[i],
              cdnow.age[i],
              cdnow.monetaryValue[i]);
      tolerance.check(
          "CLV of customer " + (i + 1) + " over " + periods, table.number(row, "clv"), value);
    }
  }

  /** The overloads on CustomerHistories give the column methods' values bit for bit. */
  @Test
  void historiesOverloads_equalTheColumnMethods() {
    CdnowSummary cdnow = CdnowSummary.load();
    CustomerHistories customers =
        CustomerHistories.of(cdnow.frequency, cdnow.recency, cdnow.age)
            .withMonetaryValue(cdnow.monetaryValue);
    assertArrayEquals(
        CDNOW.conditionalValue(
            52, 0.0015, cdnow.frequency, cdnow.recency, cdnow.age, cdnow.monetaryValue),
        CDNOW.conditionalValue(52, 0.0015, customers));
    PurchaseModel purchases = CDNOW.purchaseModel();
    assertArrayEquals(
        purchases.conditionalExpectedPurchases(39, cdnow.frequency, cdnow.recency, cdnow.age),
        purchases.conditionalExpectedPurchases(39, customers));
    assertArrayEquals(
        purchases.probabilityAlive(cdnow.frequency, cdnow.recency, cdnow.age),
        purchases.probabilityAlive(customers));
  }

  @Test
  void batch_cdnowEqualsPerCustomerBitForBit() {
    CdnowSummary cdnow = CdnowSummary.load();
    double[] values =
        CDNOW.conditionalValue(
            52, 0.0015, cdnow.frequency, cdnow.recency, cdnow.age, cdnow.monetaryValue);
    for (int i = 0; i < cdnow.size(); i++) {
      double single =
          CDNOW.conditionalValue(
              52,
              0.0015,
              cdnow.frequency[i],
              cdnow.recency[i],
              cdnow.age[i],
              cdnow.monetaryValue[i]);
      Tolerance.ulps(0).check("customer " + (i + 1), single, values[i]);
      assertTrue(Double.isFinite(values[i]) && values[i] >= 0);
    }
  }
}
