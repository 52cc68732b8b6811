package org.clvkit.models.cnbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.simulation.SimulatedCustomers;
import org.clvkit.models.simulation.SimulatedTransactions;
import org.clvkit.models.simulation.SyntheticCustomerBase;
import org.junit.jupiter.api.Test;

/** {@link SyntheticCustomerBase} with (M)BG/CNBD-k purchases: litt, and recovery of k. */
class CnbdSyntheticBaseTest {
  private static final GammaGammaParameters SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);
  private static final CnbdParameters TRUTH = new CnbdParameters(2, 0.55, 3.0, 0.9, 1.6);

  @Test
  void customers_litt_isTheLogOfTheTransactionsInterPurchaseTimes() {
    SyntheticCustomerBase base =
        SyntheticCustomerBase.bgCnbd(TRUTH, SPEND, 3).withAcquisitionPeriod(12);
    SimulatedCustomers customers = base.customers(200, 39);
    SimulatedTransactions log = base.transactions(200, 39);
    double[] litt = customers.litt();
    double[] fromLog = new double[200];
    double[] previous = new double[200];
    boolean[] seen = new boolean[200];
    for (int row = 0; row < log.size(); row++) {
      int c = (int) log.customerId(row);
      if (seen[c]) {
        fromLog[c] += Math.log(log.time(row) - previous[c]);
      }
      seen[c] = true;
      previous[c] = log.time(row);
    }
    for (int i = 0; i < 200; i++) {
      assertEquals(fromLog[i], litt[i], 1e-9, "customer " + i);
    }
    assertEquals("BG/CNBD-k", base.purchaseModel());
  }

  @Test
  void mbgCnbd_fitRecoversKAndTheParameters() {
    SimulatedCustomers customers =
        SyntheticCustomerBase.mbgCnbd(TRUTH, SPEND, 21)
            .withAcquisitionPeriod(12)
            .customers(20_000, 39);
    MbgCnbdModel fitted = MbgCnbdFitter.create().fit(customers.histories(), customers.litt());
    FitReport report = fitted.fitReport().orElseThrow();
    assertEquals(2, fitted.k(), report.summaryTable());
    double[] truth = TRUTH.toArray();
    for (int i = 1; i < truth.length; i++) {
      ParameterEstimate e = report.estimates().get(i);
      double expected = truth[i];
      assertTrue(
          Math.abs(e.value() - expected) <= 3 * e.standardError(),
          () -> e.name() + " = " + e.value() + " vs " + expected + "\n" + report.summaryTable());
    }
  }

  @Test
  void litt_ofParetoNbdSummariesIsRefused() {
    SimulatedCustomers pareto =
        SyntheticCustomerBase.paretoNbd(new ParetoNbdParameters(0.55, 10.6, 0.61, 11.7), SPEND, 1)
            .customers(10, 39);
    assertRejects(
        "litt is not drawn for Pareto/NBD summaries: summarise transactions(count, observationEnd)"
            + " instead",
        pareto::litt);
    SimulatedCustomers bg =
        SyntheticCustomerBase.bgNbd(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), SPEND, 1)
            .customers(10, 39);
    assertEquals(10, bg.litt().length);
  }
}
