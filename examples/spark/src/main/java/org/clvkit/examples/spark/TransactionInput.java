package org.clvkit.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_date;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.Checks;

/**
 * Reads a transaction log into Spark as numbered rows {@code (customer_id, date, amount, line)}:
 * the customer id as text; the date as text (to be parsed with the settings' pattern) or, for a
 * Parquet {@code DATE} column, as the day number since 1970-01-01; the amount as text or as a
 * double; and the row's line number. Parsing is left to {@link PartitionSummaries} so that a bad
 * value is reported with its line, in the wording of clv-core's log reader.
 *
 * <p>Line numbers count rows in the order Spark reads them, from 1, plus one header line for CSV:
 * for a single CSV file without blank lines they are the file's line numbers; for Parquet they are
 * row numbers. Numbering costs one extra pass over the input ({@code zipWithIndex}).
 */
public final class TransactionInput {
  /** Column names of the numbered rows. */
  static final String CUSTOMER = "customer_id";

  static final String DATE = "date";
  static final String AMOUNT = "amount";
  static final String LINE = "line";

  private TransactionInput() {}

  /**
   * The numbered transaction rows of the settings' input.
   *
   * @param spark the session
   * @param settings where and what to read
   * @return rows {@code (customer_id STRING, date STRING|LONG, amount STRING|DOUBLE, line LONG)}
   * @throws org.clvkit.core.ClvArgumentException when a named column is missing or has a type the
   *     job cannot read
   */
  public static Dataset<Row> read(SparkSession spark, JobSettings settings) {
    Dataset<Row> raw;
    long headerLines;
    if (settings.format() == JobSettings.Format.CSV) {
      raw =
          spark
              .read()
              .option("header", "true")
              .option("sep", String.valueOf(settings.delimiter()))
              .option("mode", "FAILFAST")
              .option("inferSchema", "false")
              .csv(settings.input());
      headerLines = 1;
    } else {
      raw = spark.read().parquet(settings.input());
      headerLines = 0;
    }
    return number(spark, select(raw, settings), headerLines);
  }

  /**
   * Selects and normalises the three columns of a log already in Spark (what {@link #read} does
   * after reading), for logs that come from a table or a stream rather than files.
   *
   * @param log the transactions, one per row
   * @param settings the column names
   * @return rows {@code (customer_id STRING, date STRING|LONG, amount STRING|DOUBLE)}
   */
  public static Dataset<Row> select(Dataset<Row> log, JobSettings settings) {
    StructType schema = log.schema();
    List<String> names = Arrays.asList(schema.fieldNames());
    for (String name :
        List.of(settings.customerColumn(), settings.dateColumn(), settings.amountColumn())) {
      if (!names.contains(name)) {
        throw Checks.malformed("column", name, "one of the input's columns " + names);
      }
    }
    DataType dateType = schema.apply(settings.dateColumn()).dataType();
    Column date;
    if (dateType.equals(DataTypes.StringType)) {
      date = col(settings.dateColumn());
    } else if (dateType.equals(DataTypes.DateType)) {
      date = unix_date(col(settings.dateColumn())).cast(DataTypes.LongType);
    } else {
      throw Checks.malformed(
          "type of column " + settings.dateColumn(), dateType.simpleString(), "date or string");
    }
    DataType amountType = schema.apply(settings.amountColumn()).dataType();
    Column amount;
    if (amountType.equals(DataTypes.StringType)) {
      amount = col(settings.amountColumn());
    } else if (amountType instanceof NumericType) {
      amount = col(settings.amountColumn()).cast(DataTypes.DoubleType);
    } else {
      throw Checks.malformed(
          "type of column " + settings.amountColumn(),
          amountType.simpleString(),
          "a number type or string");
    }
    return log.select(
        col(settings.customerColumn()).cast(DataTypes.StringType).as(CUSTOMER),
        date.as(DATE),
        amount.as(AMOUNT));
  }

  /** Appends the line number: the 0-based row index in read order plus 1 plus the header lines. */
  static Dataset<Row> number(SparkSession spark, Dataset<Row> rows, long headerLines) {
    StructType in = rows.schema();
    List<StructField> fields = new ArrayList<>(Arrays.asList(in.fields()));
    fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
    long offset = 1 + headerLines;
    return spark.createDataFrame(
        rows.javaRDD()
            .zipWithIndex()
            .map(
                pair ->
                    RowFactory.create(
                        pair._1().get(0), pair._1().get(1), pair._1().get(2), pair._2() + offset)),
        DataTypes.createStructType(fields));
  }
}
