package org.clvkit.examples.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The 2,357-customer CDNOW calibration summary in weeks (Fader, Hardie and Lee 2005; clv-core's
 * test resource {@code /data/cdnow_customers_summary_with_transactions.csv}: ID, x, t_x, T, zbar),
 * as columns and as a DataFrame {@code customer_id, frequency, recency, age, monetary_value}.
 */
public final class CdnowSummaries {
  /** The DataFrame's schema. */
  public static final StructType SCHEMA =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("frequency", DataTypes.DoubleType, false)
          .add("recency", DataTypes.DoubleType, false)
          .add("age", DataTypes.DoubleType, false)
          .add("monetary_value", DataTypes.DoubleType, false);

  /** Customer ids, in file order. */
  public final String[] ids;

  /** Repeat purchases x. */
  public final double[] frequency;

  /** Time of the last repeat purchase t_x, weeks. */
  public final double[] recency;

  /** Time since the first purchase T, weeks. */
  public final double[] age;

  /** Mean repeat spend zbar, dollars. */
  public final double[] monetary;

  private CdnowSummaries(List<String[]> rows) {
    int n = rows.size();
    ids = new String[n];
    frequency = new double[n];
    recency = new double[n];
    age = new double[n];
    monetary = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = rows.get(i);
      ids[i] = f[0];
      frequency[i] = Double.parseDouble(f[1]);
      recency[i] = Double.parseDouble(f[2]);
      age[i] = Double.parseDouble(f[3]);
      monetary[i] = Double.parseDouble(f[4]);
    }
  }

  /** Reads the summary from the class path. */
  public static CdnowSummaries read() {
    String name = "/data/cdnow_customers_summary_with_transactions.csv";
    InputStream in = CdnowSummaries.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        rows.add(line.split(","));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CdnowSummaries(rows);
  }

  /** The number of customers. */
  public int size() {
    return ids.length;
  }

  /** The summary as a DataFrame of {@link #SCHEMA}, in file order. */
  public Dataset<Row> frame(SparkSession spark) {
    List<Row> rows = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      rows.add(RowFactory.create(ids[i], frequency[i], recency[i], age[i], monetary[i]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
