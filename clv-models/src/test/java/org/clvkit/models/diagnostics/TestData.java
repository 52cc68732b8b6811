package org.clvkit.models.diagnostics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.TransactionLogFormat;
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

  /**
   * The CDNOW sample log's layout: sample id, date yyyyMMdd and dollar value in columns 2, 3, 5.
   */
  static final TransactionLogFormat CDNOW =
      TransactionLogFormat.whitespace().withColumns(2, 3, 5).withDatePattern("yyyyMMdd");

  /** The start of the CDNOW cohort's observation, the origin of cohort times. */
  static final LocalDate CDNOW_START = LocalDate.of(1997, 1, 1);

  /**
   * The CDNOW sample log ({@code /data/CDNOW_sample.txt}, 2,357 customers) summarised with the
   * given options; its eight $0.00 purchases are kept, as in the literature.
   */
  static CustomerSummaries cdnow(SummaryOptions options) {
    SummaryAccumulator acc = new SummaryAccumulator(options.withZeroAmounts(RowPolicy.KEEP));
    try (BufferedReader log = resource("/data/CDNOW_sample.txt")) {
      CDNOW.read(log, acc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return acc.result();
  }

  /**
   * The literature's CDNOW split: 39 weeks of calibration to 1997-09-30, 39 of holdout to
   * 1998-06-30, in weeks, same-day purchases merged.
   */
  static CustomerSummaries cdnowCalibrationAndHoldout() {
    return cdnow(
        SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30))
            .withHoldoutUntil(LocalDate.of(1998, 6, 30)));
  }

  /**
   * The cohort's actual cumulative repeat purchases at weeks 1 … {@code weeks} from 1997-01-01: the
   * log summarised up to each week's end (purchases at or before it, later ones left out), the
   * repeat purchases of all customers who had joined by then.
   */
  static double[] cdnowCumulativeRepeatPurchases(int weeks) {
    double[] out = new double[weeks];
    for (int k = 1; k <= weeks; k++) {
      SummaryOptions upToWeek =
          SummaryOptions.of(TimeScale.WEEKS, CDNOW_START.plusDays(7L * k))
              .withAfterObservationEnd(RowPolicy.DROP);
      out[k - 1] = cdnow(upToWeek).repeatPurchases();
    }
    return out;
  }

  /** Each customer's first purchase in weeks from 1997-01-01. */
  static double[] joinedWeeks(CustomerSummaries summaries) {
    double[] out = new double[summaries.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = TimeScale.WEEKS.between(CDNOW_START.atStartOfDay(), summaries.firstPurchase(i));
    }
    return out;
  }
}
