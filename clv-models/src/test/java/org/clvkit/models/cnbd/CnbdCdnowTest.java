package org.clvkit.models.cnbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The (M)BG/CNBD-k on the CDNOW sample (2,357 customers, weeks), summarised with litt from the
 * bundled transaction log as BTYDplus's {@code elog2cbs} does.
 */
class CnbdCdnowTest {
  private static final CdnowWithLitt CDNOW = CdnowWithLitt.load();

  /** The summary made here is the bundled one (lifetimes' CSV, rounded to 2 decimals). */
  @Test
  void summary_matchesTheBundledCdnowSummary() {
    CustomerHistories bundled = CdnowHistories.load();
    CustomerHistories ours = CDNOW.histories;
    assertEquals(bundled.size(), ours.size());
    for (int i = 0; i < ours.size(); i++) {
      assertEquals(bundled.frequency(i), ours.frequency(i), "x row " + i);
      Tolerance.absolute(0.005 + 1e-9).check("t_x row " + i, bundled.recency(i), ours.recency(i));
      Tolerance.absolute(0.005 + 1e-9).check("T row " + i, bundled.age(i), ours.age(i));
    }
  }

  /**
   * cnbd_cdnow.csv: scipy fits at k = 1..4 of both models with the full log-likelihood
   * (cnbd_reference.py); tolerances from the table's header.
   */
  @Test
  void fixedK_matchesTheIndependentFits() {
    ReferenceTable table = ReferenceTable.load("cnbd_cdnow.csv");
    Tolerance parameter = Tolerance.relative(1e-4);
    Tolerance logLikelihood = Tolerance.absolute(1e-4);
    for (int i = 0; i < table.size(); i++) {
      int k = (int) table.number(i, "k");
      boolean mbg = table.text(i, "model").equals("mbgcnbd");
      CnbdModelBase m =
          mbg
              ? MbgCnbdFitter.create().withK(k).fit(CDNOW.histories, CDNOW.litt)
              : BgCnbdFitter.create().withK(k).fit(CDNOW.histories, CDNOW.litt);
      String what = table.text(i, "model") + " k=" + k + " ";
      CnbdParameters p = m.parameters();
      parameter.check(what + "r", table.number(i, "r"), p.r());
      parameter.check(what + "alpha", table.number(i, "alpha"), p.alpha());
      parameter.check(what + "a", table.number(i, "a"), p.a());
      parameter.check(what + "b", table.number(i, "b"), p.b());
      double ll = m.fitReport().orElseThrow().diagnostics().logLikelihood();
      logLikelihood.check(what + "log-likelihood", table.number(i, "log_likelihood"), ll);
      Tolerance.relative(1e-12)
          .check(what + "report = model", m.logLikelihood(CDNOW.histories, CDNOW.litt), ll);
    }
  }

  /**
   * The grid over k (1..12, BTYDplus's rule) picks k = 1 for the MBG/CNBD-k on CDNOW, as BTYDplus's
   * demo/cdnow.R states ("k=1 -> no regularity detected for CDNow"), and then gives the MBG/NBD's
   * CDNOW fit (mbgnbd_cdnow_fit.csv, BTYDplus's mbgnbd.EstimateParameters); the BG/CNBD-k picks k =
   * 1 as well and gives the BG/NBD of Fader, Hardie &amp; Lee (2005) (bgnbd_cdnow_fit.csv). The
   * histories are the bundled summary (times rounded to 2 decimals, as those fits used), litt from
   * the log.
   */
  @Test
  void chosenK_isOneAndGivesThePublishedMbgNbdAndBgNbdFits() {
    CustomerHistories rounded = CdnowHistories.load();
    MbgCnbdModel mbg = MbgCnbdFitter.create().fit(rounded, CDNOW.litt);
    BgCnbdModel bg = BgCnbdFitter.create().fit(rounded, CDNOW.litt);
    assertEquals(1, mbg.k(), mbg.toString());
    assertEquals(
        mbg.k(), MbgCnbdFitter.create().fit(CDNOW.histories.withLitt(CDNOW.litt)).k(), "attached");
    assertEquals(1, bg.k(), bg.toString());
    check(ReferenceTable.load("mbgnbd_cdnow_fit.csv"), mbg);
    check(ReferenceTable.load("bgnbd_cdnow_fit.csv"), bg);
  }

  private static void check(ReferenceTable table, CnbdModelBase m) {
    double[] values = m.parameterValues();
    String[] names = {"r", "alpha", "a", "b"};
    for (int j = 0; j < names.length; j++) {
      int row = table.find("quantity", names[j]);
      tolerance(table, row)
          .check(m.name() + " " + names[j], table.number(row, "value"), values[j + 1]);
    }
    int row = table.find("quantity", "log_likelihood");
    tolerance(table, row)
        .check(
            m.name() + " log-likelihood",
            table.number(row, "value"),
            m.fitReport().orElseThrow().diagnostics().logLikelihood());
    assertTrue(m.fitReport().orElseThrow().converged());
  }

  private static Tolerance tolerance(ReferenceTable table, int row) {
    double v = table.number(row, "tolerance");
    return table.text(row, "kind").equals("relative")
        ? Tolerance.relative(v)
        : Tolerance.absolute(v);
  }
}
