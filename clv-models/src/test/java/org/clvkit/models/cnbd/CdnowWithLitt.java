package org.clvkit.models.cnbd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.clvkit.models.CustomerHistories;

/**
 * The CDNOW calibration sample (2,357 customers) summarised from the transaction log {@code
 * /data/CDNOW_sample.txt} (clv-core's test resources) as BTYDplus's {@code elog2cbs} does: weeks of
 * 7 days, same-day purchases merged, calibration purchases up to 1997-09-30, T to the start of that
 * day, and litt the sum of the logarithms of the inter-purchase times in weeks. Until the ingest
 * path carries a litt column, this test code computes it.
 */
public final class CdnowWithLitt {
  public final CustomerHistories histories;
  public final double[] litt;

  private CdnowWithLitt(CustomerHistories histories, double[] litt) {
    this.histories = histories;
    this.litt = litt;
  }

  public static CdnowWithLitt load() {
    String resource = "/data/CDNOW_sample.txt";
    TreeMap<Integer, TreeSet<LocalDate>> days = new TreeMap<>();
    DateTimeFormatter format = DateTimeFormatter.BASIC_ISO_DATE;
    try (InputStream in = CdnowWithLitt.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.trim().split("\\s+");
        if (cells.length < 3) {
          continue;
        }
        days.computeIfAbsent(Integer.parseInt(cells[1]), c -> new TreeSet<>())
            .add(LocalDate.parse(cells[2], format));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalDate end = LocalDate.of(1997, 9, 30);
    List<double[]> rows = new ArrayList<>();
    for (TreeSet<LocalDate> customer : days.values()) {
      LocalDate first = customer.first();
      double previous = 0;
      double litt = 0;
      int x = -1;
      double last = 0;
      for (LocalDate day : customer) {
        if (day.isAfter(end)) {
          break;
        }
        double t = ChronoUnit.DAYS.between(first, day) / 7.0;
        if (x >= 0) {
          litt += Math.log(t - previous);
        }
        previous = t;
        last = t;
        x++;
      }
      rows.add(new double[] {x, last, ChronoUnit.DAYS.between(first, end) / 7.0, litt});
    }
    int n = rows.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] litt = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rows.get(i)[0];
      tx[i] = rows.get(i)[1];
      age[i] = rows.get(i)[2];
      litt[i] = rows.get(i)[3];
    }
    return new CdnowWithLitt(CustomerHistories.of(x, tx, age), litt);
  }
}
