package org.clvkit.models.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgbb.BgBbFitter;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdFitter;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.sbg.SbgFitter;
import org.clvkit.models.sbg.SbgModel;
import org.clvkit.models.sbg.SbgParameters;

/** Fitted and given models of every type, on the data sets the literature fits them to. */
final class SampleModels {
  private SampleModels() {}

  /** The CDNOW calibration summary: x, t_x, T (weeks) and zbar of 2,357 customers. */
  static final double[][] CDNOW = cdnow();

  /** BG/NBD on CDNOW (Fader, Hardie &amp; Lee 2005). */
  static final BgNbdModel BGNBD_FITTED = BgNbdFitter.create().fit(CDNOW[0], CDNOW[1], CDNOW[2]);

  /** BG/NBD with the published CDNOW parameters, no fit report. */
  static final BgNbdModel BGNBD_GIVEN =
      BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

  /** MBG/NBD on CDNOW (Batislam, Denizel &amp; Filiztekin 2007). */
  static final MbgNbdModel MBGNBD_FITTED = MbgNbdFitter.create().fit(CDNOW[0], CDNOW[1], CDNOW[2]);

  /** MBG/NBD with the CDNOW parameters of BTYDplus, no fit report. */
  static final MbgNbdModel MBGNBD_GIVEN =
      MbgNbdModel.of(new MbgNbdParameters(0.5248, 6.1831, 0.8914, 1.6140));

  /** Pareto/NBD on CDNOW (Fader, Hardie &amp; Lee 2005, JMR). */
  static final ParetoNbdModel PARETONBD_FITTED =
      ParetoNbdFitter.create().fit(CDNOW[0], CDNOW[1], CDNOW[2]);

  /** Pareto/NBD with the published CDNOW parameters, no fit report. */
  static final ParetoNbdModel PARETONBD_GIVEN =
      ParetoNbdModel.of(new ParetoNbdParameters(0.5533, 10.578, 0.6061, 11.669));

  /**
   * Gamma-Gamma on CDNOW's mean repeat spend (Fader &amp; Hardie 2013): the 1,411 customers without
   * repeat purchases are left out by the fitter.
   */
  static final GammaGammaModel GAMMAGAMMA_FITTED =
      GammaGammaFitter.create().fit(CDNOW[0], CDNOW[3]);

  /** Gamma-Gamma with the published CDNOW parameters, no fit report. */
  static final GammaGammaModel GAMMAGAMMA_GIVEN =
      GammaGammaModel.of(new GammaGammaParameters(6.2493, 3.7443, 15.4443));

  /** BG/BB on the donor cohort of Fader, Hardie &amp; Shang (2010), 11,104 donors. */
  static final BgBbModel BGBB_FITTED = BgBbFitter.create().fit(donations());

  /** BG/BB with the paper's parameters, no fit report. */
  static final BgBbModel BGBB_GIVEN = BgBbModel.of(new BgBbParameters(1.204, 0.750, 0.657, 2.783));

  /**
   * sBG on the "regular" segment of Fader &amp; Hardie (2007), Table 1, years 0–7 (percent alive ×
   * 10: a cohort of 1,000).
   */
  static final SbgModel SBG_FITTED =
      SbgFitter.create().fitSurvivors(1000, 631, 468, 382, 326, 289, 262, 241);

  /** sBG with the DERL example's parameters of Fader &amp; Hardie (2010), no fit report. */
  static final SbgModel SBG_GIVEN = SbgModel.of(new SbgParameters(3.80, 15.20));

  /** The donor cohort as weighted histories, from {@code /data/donations.csv}. */
  static CustomerHistories donations() {
    try (InputStream in = SampleModels.class.getResourceAsStream("/data/donations.csv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // frequency,recency,periods,weights
      List<double[]> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String[] cells = line.split(",");
          double[] row = new double[4];
          for (int c = 0; c < 4; c++) {
            row[c] = Double.parseDouble(cells[c].trim());
          }
          rows.add(row);
        }
      }
      double[][] columns = new double[4][rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < 4; c++) {
          columns[c][r] = rows.get(r)[c];
        }
      }
      return CustomerHistories.of(columns[0], columns[1], columns[2], columns[3]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The CDNOW summary {@code /data/cdnow_customers_summary_with_transactions.csv} (clv-core's test
   * resources; Hardie's sample as shipped with lifetimes): columns x, t_x, T, zbar.
   */
  static double[][] cdnow() {
    String name = "/data/cdnow_customers_summary_with_transactions.csv";
    try (InputStream in = SampleModels.class.getResourceAsStream(name)) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // ID,x,t_x,T,zbar
      List<double[]> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String[] cells = line.split(",");
          double[] row = new double[4];
          for (int c = 0; c < 4; c++) {
            row[c] = Double.parseDouble(cells[c + 1].trim());
          }
          rows.add(row);
        }
      }
      double[][] columns = new double[4][rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < 4; c++) {
          columns[c][r] = rows.get(r)[c];
        }
      }
      return columns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
