package org.clvkit.models.bayes;

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
 * The CDNOW 39-week calibration summary (2,357 customers, weeks), from clv-core's test resources
 * {@code /data/cdnow_customers_summary_with_transactions.csv} (columns {@code ID,x,t_x,T,zbar}).
 */
final class Cdnow {
  private Cdnow() {}

  /** One row per customer, in file order. */
  static CustomerHistories histories() {
    String resource = "/data/cdnow_customers_summary_with_transactions.csv";
    try (InputStream in = Cdnow.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<double[]> rows = new ArrayList<>();
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        rows.add(
            new double[] {
              Double.parseDouble(cells[1]),
              Double.parseDouble(cells[2]),
              Double.parseDouble(cells[3])
            });
      }
      int n = rows.size();
      double[] x = new double[n];
      double[] tx = new double[n];
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
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
