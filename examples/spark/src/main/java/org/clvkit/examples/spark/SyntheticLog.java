package org.clvkit.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.Checks;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.bgnbd.BgNbdSimulator;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.gammagamma.GammaGammaSimulator;

/**
 * A seeded synthetic transaction log generated in Spark, for trying the job at scale: customers
 * join on a uniformly drawn day of a cohort window, buy by the BG/NBD (rates in weeks) until the
 * calibration end, and spend by the Gamma-Gamma model (every purchase, the first included, draws a
 * value). Purchase times are rounded down to the day, so two purchases on one day merge in the
 * summary. Each partition simulates its share of customers with its own seed derived from {@code
 * seed}: the same arguments give the same log. Immutable; {@link Serializable} so that the
 * executors can run it.
 *
 * @param purchases BG/NBD parameters, purchase rates per week
 * @param spend Gamma-Gamma parameters of the transaction values
 * @param customers number of customers, &gt; 0
 * @param cohortStart the first day a customer can join
 * @param cohortDays number of days in the joining window, &gt; 0
 * @param calibrationEnd the end of observation: no purchase is dated after it
 * @param seed the seed
 */
public record SyntheticLog(
    BgNbdParameters purchases,
    GammaGammaParameters spend,
    int customers,
    LocalDate cohortStart,
    int cohortDays,
    LocalDate calibrationEnd,
    long seed)
    implements Serializable {

  /** Validates the arguments; the joining window must end before the calibration end. */
  public SyntheticLog {
    Checks.notNull("purchases", purchases);
    Checks.notNull("spend", spend);
    Checks.positive("customers", customers);
    Checks.notNull("cohortStart", cohortStart);
    Checks.positive("cohortDays", cohortDays);
    Checks.notNull("calibrationEnd", calibrationEnd);
    Checks.notAfter(
        "cohortStart + cohortDays",
        cohortStart.plusDays(cohortDays),
        "calibrationEnd",
        calibrationEnd);
  }

  /**
   * The log as rows {@code (customer_id STRING, date DATE, amount DOUBLE)}, customers spread over
   * {@code partitions} partitions, each customer's rows in time order.
   *
   * @param spark the session
   * @param partitions number of partitions, &gt; 0
   */
  public Dataset<Row> transactions(SparkSession spark, int partitions) {
    Checks.positive("partitions", partitions);
    List<Integer> parts = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    SyntheticLog spec = this;
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(parts, partitions)
            .flatMap(p -> spec.partition(p, partitions).iterator());
    StructType schema =
        new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("day", DataTypes.IntegerType, false)
            .add("amount", DataTypes.DoubleType, false);
    return spark
        .createDataFrame(rows, schema)
        .select(col("customer_id"), date_from_unix_date(col("day")).as("date"), col("amount"));
  }

  /** The rows of partition {@code p} of {@code partitions}: customers [p n / P, (p + 1) n / P). */
  List<Row> partition(int p, int partitions) {
    int from = (int) ((long) p * customers / partitions);
    int to = (int) ((long) (p + 1) * customers / partitions);
    long partitionSeed = seed ^ (0x9E3779B97F4A7C15L * (p + 1));
    SplittableRandom random = new SplittableRandom(partitionSeed);
    int n = to - from;
    long end = calibrationEnd.toEpochDay();
    int[] firstDay = new int[n];
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      firstDay[i] = (int) (cohortStart.toEpochDay() + random.nextInt(cohortDays));
      ages[i] = (end - firstDay[i]) / 7.0;
    }
    double[][] times = BgNbdSimulator.of(purchases, partitionSeed).purchaseTimes(ages);
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      counts[i] = times[i].length + 1;
    }
    double[][] values =
        GammaGammaSimulator.of(spend).simulateTransactionValues(counts, partitionSeed + 1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = Integer.toString(from + i);
      rows.add(RowFactory.create(id, firstDay[i], values[i][0]));
      for (int j = 0; j < times[i].length; j++) {
        int day = firstDay[i] + (int) Math.floor(times[i][j] * 7);
        rows.add(RowFactory.create(id, day, values[i][j + 1]));
      }
    }
    return rows;
  }
}
