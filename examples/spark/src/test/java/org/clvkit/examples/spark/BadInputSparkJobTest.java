package org.clvkit.examples.spark;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the whole job on Spark: each rule's exact message, naming the line of the bad
 * row whatever partition it landed in; rows dropped by a policy are counted.
 */
class BadInputSparkJobTest {
  static final SummaryOptions OPTIONS =
      SummaryOptions.of(TimeScale.WEEKS, LocalDate.of(1997, 9, 30));

  @TempDir Path dir;

  /**
   * A CSV of a header, the rows of 300 simulated customers (BG/NBD and Gamma-Gamma with CDNOW's
   * parameters, so that the fits converge), then {@code extra} lines, whose first is line {@link
   * #firstExtraLine()}.
   */
  Path csv(String... extra) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("customer_id,date,amount");
    for (Row row : good()) {
      lines.add(
          row.getString(0)
              + ","
              + LocalDate.ofEpochDay(row.getInt(1))
              + ","
              + String.format(Locale.ROOT, "%.2f", row.getDouble(2)));
    }
    lines.addAll(List.of(extra));
    Path file = dir.resolve("log.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  static List<Row> good() {
    return new SyntheticLog(
            SyntheticSparkJobTest.TRUE_PURCHASES,
            SyntheticSparkJobTest.TRUE_SPEND,
            300,
            LocalDate.of(1997, 1, 1),
            84,
            LocalDate.of(1997, 9, 30),
            7)
        .partition(0, 1);
  }

  static final int GOOD_ROWS = good().size();

  static long firstExtraLine() {
    return GOOD_ROWS + 2;
  }

  static String line(int extra) {
    return "(line " + (firstExtraLine() + extra) + ")";
  }

  JobResult run(Path input, JobSettings.Format format, SummaryOptions options) {
    return run(
        JobSettings.builder(input.toString(), format, dir.resolve("out").toString(), options)
            .partitions(3)
            .build());
  }

  JobResult run(JobSettings settings) {
    return ClvSparkJob.run(LocalSpark.session(), settings);
  }

  @Test
  void run_goodCsv_countsRowsAndCustomers() throws IOException {
    JobResult result = run(csv(), JobSettings.Format.CSV, OPTIONS);
    assertEquals(GOOD_ROWS, result.rows());
    assertEquals(300, result.customers());
    assertEquals(300, LocalSpark.session().read().parquet(dir.resolve("out").toString()).count());
  }

  @Test
  void run_missingCustomerId_rejectedWithLine() throws IOException {
    Path file = csv("c1,1997-02-01,5", ",1997-02-02,5");
    assertRejects(
        "customerId " + line(1) + " must not be null",
        () -> run(file, JobSettings.Format.CSV, OPTIONS));
  }

  @Test
  void run_unparseableDate_rejectedWithLine() throws IOException {
    Path file = csv("c9,1997-02-30,5");
    assertRejects(
        "date " + line(0) + " must be a date of pattern yyyy-MM-dd, was \"1997-02-30\"",
        () -> run(file, JobSettings.Format.CSV, OPTIONS));
  }

  @Test
  void run_missingDate_rejectedWithLine() throws IOException {
    Path file = csv("c2,,5");
    assertRejects(
        "date " + line(0) + " must not be null", () -> run(file, JobSettings.Format.CSV, OPTIONS));
  }

  @Test
  void run_unparseableAmount_rejectedWithLine() throws IOException {
    Path file = csv("c3,1997-03-01,12.5.0");
    assertRejects(
        "amount " + line(0) + " must be a number, was \"12.5.0\"",
        () -> run(file, JobSettings.Format.CSV, OPTIONS));
  }

  @Test
  void run_missingAmount_rejectedWithLine() throws IOException {
    Path file = csv("c3,1997-03-01,");
    assertRejects(
        "amount " + line(0) + " must not be null",
        () -> run(file, JobSettings.Format.CSV, OPTIONS));
  }

  @Test
  void run_refundRejectedByTheAccumulator_namesTheLine() throws IOException {
    Path file = csv("c0,1997-03-01,-5");
    assertRejects(
        "amount " + line(0) + " must be finite and >= 0, was -5.0",
        () -> run(file, JobSettings.Format.CSV, OPTIONS));
  }

  @Test
  void run_droppedRows_counted() throws IOException {
    Path file = csv("1,1997-03-01,-5", "2,1997-03-02,0", "3,1997-10-01,3");
    JobResult result =
        run(
            file,
            JobSettings.Format.CSV,
            OPTIONS
                .withRefunds(RowPolicy.DROP)
                .withZeroAmounts(RowPolicy.DROP)
                .withAfterObservationEnd(RowPolicy.DROP));
    assertEquals(GOOD_ROWS + 3, result.rows());
    assertEquals(new PolicyCounts(0, 1, 1, 1), result.policyCounts());
    assertEquals(300, result.customers());
  }

  @Test
  void run_badDatePattern_rejected() throws IOException {
    Path file = csv();
    assertRejects(
        "datePattern must be a date pattern, was \"yyyy-MM-dd'\"",
        () ->
            run(
                JobSettings.builder(file.toString(), JobSettings.Format.CSV, "out", OPTIONS)
                    .datePattern("yyyy-MM-dd'")
                    .build()));
  }

  @Test
  void run_missingColumn_rejected() throws IOException {
    Path file = csv();
    assertRejects(
        "column must be one of the input's columns [customer_id, date, amount], was \"when\"",
        () ->
            run(
                JobSettings.builder(file.toString(), JobSettings.Format.CSV, "out", OPTIONS)
                    .columns("customer_id", "when", "amount")
                    .build()));
  }

  Path parquet(StructType schema, Row row) {
    SparkSession spark = LocalSpark.session();
    Path file = dir.resolve("log.parquet");
    spark.createDataFrame(List.of(row), schema).write().parquet(file.toString());
    return file;
  }

  @Test
  void run_dateColumnOfAnotherType_rejected() {
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("date", DataTypes.IntegerType)
            .add("amount", DataTypes.DoubleType);
    Path file = parquet(schema, RowFactory.create("a", 19970101, 1.0));
    assertRejects(
        "type of column date must be date or string, was \"int\"",
        () -> run(file, JobSettings.Format.PARQUET, OPTIONS));
  }

  @Test
  void run_amountColumnOfAnotherType_rejected() {
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("date", DataTypes.StringType)
            .add("amount", DataTypes.BooleanType);
    Path file = parquet(schema, RowFactory.create("a", "1997-01-01", true));
    assertRejects(
        "type of column amount must be a number type or string, was \"boolean\"",
        () -> run(file, JobSettings.Format.PARQUET, OPTIONS));
  }

  @Test
  void run_emptyCustomerIdInParquet_rejectedWithRow() {
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("date", DataTypes.StringType)
            .add("amount", DataTypes.StringType);
    Path file = parquet(schema, RowFactory.create("", "1997-01-01", "1"));
    assertRejects(
        "customerId (line 1) must not be empty",
        () -> run(file, JobSettings.Format.PARQUET, OPTIONS));
  }

  @Test
  void run_noCalibrationCustomer_rejected() throws IOException {
    Path file = dir.resolve("late.csv");
    Files.write(file, List.of("customer_id,date,amount", "a,1997-10-02,5"));
    assertRejects(
        "input must hold at least one customer with a calibration purchase, had none",
        () ->
            run(file, JobSettings.Format.CSV, OPTIONS.withHoldoutUntil(LocalDate.of(1998, 6, 30))));
  }
}
