package org.clvkit.models.bgnbd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.CustomerHistories;

/**
 * The CDNOW calibration summary (2,357 customers, 39 weeks, weeks as the period) from clv-core's
 * test resources {@code /data/cdnow_customers_summary_with_transactions.csv} (a copy of the file in
 * the project's shared data; columns ID, x, t_x, T, zbar).
 */
public final class CdnowHistories {
  private CdnowHistories() {}

  /** The 2,357 customers, one row each, in file order. */
  public static CustomerHistories load() {
    String resource = "/data/cdnow_customers_summary_with_transactions.csv";
    try (InputStream in = CdnowHistories.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<double[]> rows = new ArrayList<>();
      String line = reader.readLine();
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String[] cells = line.split(",");
          rows.add(
              new double[] {
                Double.parseDouble(cells[1]),
                Double.parseDouble(cells[2]),
                Double.parseDouble(cells[3])
              });
        }
      }
      double[] x = new double[rows.size()];
      double[] tx = new double[rows.size()];
      double[] t = new double[rows.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = rows.get(i)[0];
        tx[i] = rows.get(i)[1];
        t[i] = rows.get(i)[2];
      }
      return CustomerHistories.of(x, tx, t);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
