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
import org.clvkit.models.sbg.SbgFitter;
import org.clvkit.models.sbg.SbgModel;
import org.clvkit.models.sbg.SbgParameters;

/** Fitted and given models of every type, on the data sets the literature fits them to. */
final class SampleModels {
  private SampleModels() {}

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
}
