package org.clvkit.models.diagnostics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.CustomerHistories;

/** Test data for the diagnostics tests, loaded from the test class path. */
final class TestData {
  private TestData() {}

  static BufferedReader resource(String name) {
    InputStream in = TestData.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /**
   * The donor cohort of Fader, Hardie &amp; Shang (2010), {@code /data/donations.csv}: 22 patterns
   * (frequency, recency, periods, weights) of 11,104 donors with 6 opportunities.
   */
  static double[][] donationColumns() {
    try (BufferedReader in = resource("/data/donations.csv")) {
      String header = in.readLine();
      if (!"frequency,recency,periods,weights".equals(header)) {
        throw new IllegalStateException("unexpected header " + header);
      }
      List<double[]> rows = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
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
      return columns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The donor cohort as weighted histories. */
  static CustomerHistories donations() {
    double[][] c = donationColumns();
    return CustomerHistories.of(c[0], c[1], c[2], c[3]);
  }
}
