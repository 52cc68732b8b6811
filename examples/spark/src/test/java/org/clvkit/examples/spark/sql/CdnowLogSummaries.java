package org.clvkit.examples.spark.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;

/**
 * The CDNOW sample's calibration summaries (weeks, up to 1997-09-30, purchases of one day merged,
 * zero amounts kept) summarised by clv-core from the event log (clv-core's test resource {@code
 * /data/CDNOW_sample.txt}) rather than read from the rounded summary file, so that recency is exact
 * and the summaries carry litt (each customer's sum of log inter-purchase times; clv-core's {@code
 * CdnowLittTest} checks it against 50-digit mpmath values).
 */
final class CdnowLogSummaries {
  static final SummaryOptions OPTIONS =
      SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30))
          .withZeroAmounts(RowPolicy.KEEP)
          .withAfterObservationEnd(RowPolicy.DROP);

  static final StructType SCHEMA =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("frequency", DataTypes.DoubleType, false)
          .add("recency", DataTypes.DoubleType, false)
          .add("age", DataTypes.DoubleType, false)
          .add("monetary_value", DataTypes.DoubleType, false)
          .add("litt", DataTypes.DoubleType, false);

  private CdnowLogSummaries() {}

  /** The summaries, customers in order of first appearance in the log. */
  static CustomerSummaries read() {
    String name = "/data/CDNOW_sample.txt";
    InputStream in = CdnowLogSummaries.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    DateTimeFormatter days = DateTimeFormatter.BASIC_ISO_DATE;
    SummaryAccumulator accumulator = new SummaryAccumulator(OPTIONS);
    try (BufferedReader log =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = log.readLine()) != null) {
        String[] f = line.trim().split("\\s+");
        accumulator.accept(f[1], LocalDate.parse(f[2], days), Double.parseDouble(f[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CustomerSummaries s = accumulator.result();
    if (!s.hasLitt()) {
      throw new IllegalStateException("the CDNOW summaries must carry litt");
    }
    return s;
  }

  /** The summaries as a DataFrame of {@link #SCHEMA}, in their order. */
  static Dataset<Row> frame(SparkSession spark, CustomerSummaries s) {
    List<Row> rows = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      rows.add(
          RowFactory.create(
              s.customerId(i),
              s.frequency(i),
              s.recency(i),
              s.age(i),
              s.monetaryValue(i),
              s.litt(i)));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
