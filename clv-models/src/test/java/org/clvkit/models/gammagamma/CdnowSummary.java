package org.clvkit.models.gammagamma;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDNOW summary of 2,357 customers over a 39-week calibration period (Fader, Hardie and Lee's
 * data set, in weeks), loaded from clv-core's test resource {@code
 * /data/cdnow_customers_summary_with_transactions.csv} with columns {@code ID,x,t_x,T,zbar}.
 */
public final class CdnowSummary {
  /** Repeat purchases x. */
  public final double[] frequency;

  /** Time of the last repeat purchase t_x, weeks. */
  public final double[] recency;

  /** Age T, weeks. */
  public final double[] age;

  /** Mean repeat spend zbar (0 for customers without repeat purchases). */
  public final double[] monetaryValue;

  private CdnowSummary(double[] f, double[] r, double[] a, double[] m) {
    this.frequency = f;
    this.recency = r;
    this.age = a;
    this.monetaryValue = m;
  }

  /** Loads the summary. */
  public static CdnowSummary load() {
    String resource = "/data/cdnow_customers_summary_with_transactions.csv";
    try (InputStream in = CdnowSummary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (!"ID,x,t_x,T,zbar".equals(header)) {
        throw new IllegalStateException("unexpected header " + header);
      }
      List<double[]> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String[] cells = line.split(",");
          rows.add(
              new double[] {
                Double.parseDouble(cells[1]),
                Double.parseDouble(cells[2]),
                Double.parseDouble(cells[3]),
                Double.parseDouble(cells[4])
              });
        }
      }
      int n = rows.size();
      double[] f = new double[n];
      double[] r = new double[n];
      double[] a = new double[n];
      double[] m = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = rows.get(i)[0];
        r[i] = rows.get(i)[1];
        a[i] = rows.get(i)[2];
        m[i] = rows.get(i)[3];
      }
      return new CdnowSummary(f, r, a, m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Number of customers. */
  public int size() {
    return frequency.length;
  }
}
