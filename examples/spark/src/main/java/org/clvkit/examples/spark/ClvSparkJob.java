package org.clvkit.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.rfm.RfmScorer;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Fitter;
import org.clvkit.models.Model;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.cnbd.LittFitter;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;

/**
 * A Spark batch job that scores every customer of a transaction log with clvkit:
 *
 * <ol>
 *   <li><b>Read</b> the log (CSV or Parquet, see {@link JobSettings}) and number its rows ({@link
 *       TransactionInput}).
 *   <li><b>Summarise</b>: hash the rows by customer, {@code groupBy(customer)} collecting each
 *       customer's rows sorted by line, and run one of clv-core's {@link
 *       org.clvkit.core.data.SummaryAccumulator}s per partition ({@link #summarise}, {@link
 *       PartitionSummaries}); the summaries equal those of one accumulator reading the whole log,
 *       bit for bit. The summaries stay cached on the executors.
 *   <li><b>Fit from sufficient statistics</b>: the purchase model's likelihood (the model chosen by
 *       {@link JobSettings#model()}, by default the BG/NBD; any continuous purchase model of {@link
 *       org.clvkit.models.ModelTypes}) depends on the customers only through the distinct
 *       (frequency, recency, age) patterns and their counts, the Gamma-Gamma likelihood through the
 *       distinct (frequency, monetary value) patterns and theirs. Spark aggregates those small
 *       tables across the cluster; the driver fits both models on them with weights (the type's
 *       {@link Fitter} on {@link CustomerHistories#of(double[], double[], double[], double[])},
 *       {@link GammaGammaFitter#fit(double[], double[], double[])}), patterns in order of first
 *       appearance so that the likelihood sums run in the single-JVM order and the parameters are
 *       the same. The RFM break points are fitted on the driver from the three RFM measures of
 *       every customer (24 bytes a customer: clv-core's {@link RfmScorer} takes whole columns).
 *   <li><b>Broadcast</b> the fitted models ({@link ScoringModels}, a few hundred bytes).
 *   <li><b>Score</b> each partition in {@code mapPartitions} with the batch methods ({@link
 *       PartitionScorer}) and <b>write</b> Parquet.
 *   <li>Optionally <b>save</b> the fitted models as model files ({@link ModelFiles}) in {@link
 *       JobSettings#modelsOutput()}, on the output's file system, for scoring elsewhere (the Flink
 *       example, the command-line tool, a service).
 * </ol>
 *
 * <p>Bad input fails the job with the {@link ClvArgumentException} of the first bad row found,
 * naming its line ({@code amount (line 12) must be a number, was "12,50"}); rows that the row
 * policies drop are counted in the {@link JobResult}.
 *
 * <p>On a cluster: {@code spark-submit --class org.clvkit.examples.spark.ClvSparkJob
 * clvkit-example-spark-VERSION-job.jar INPUT csv OUTPUT --calibration-end 1997-09-30}; see {@link
 * JobCommandLine#USAGE} for the options.
 */
public final class ClvSparkJob {
  /**
   * File name of the saved BG/NBD model in {@link JobSettings#modelsOutput()}: {@link
   * #purchaseModelFile(String)} of {@code bgnbd}.
   */
  public static final String BG_NBD_FILE = "bgnbd.properties";

  /** File name of the saved Gamma-Gamma model in {@link JobSettings#modelsOutput()}. */
  public static final String GAMMA_GAMMA_FILE = "gamma-gamma.properties";

  private ClvSparkJob() {}

  /**
   * File name of the saved purchase model in {@link JobSettings#modelsOutput()}: its type's id and
   * {@code .properties}, e.g. {@code pnbd.properties}.
   *
   * @param modelId the id of the purchase model's type
   */
  public static String purchaseModelFile(String modelId) {
    return modelId + ".properties";
  }

  /**
   * Runs the job on the session's master ({@code spark-submit} sets it; for a local run pass {@code
   * -Dspark.master=local[*]}), prints what it did, and stops the session.
   *
   * @param args as {@link JobCommandLine#USAGE}
   */
  public static void main(String[] args) {
    JobSettings settings;
    try {
      settings = JobCommandLine.parse(args);
    } catch (ClvArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(JobCommandLine.USAGE);
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("clvkit CLV scores").getOrCreate();
    try {
      System.out.print(run(spark, settings).describe());
      if (settings.modelsOutput() != null) {
        System.out.printf("models saved:   %s%n", settings.modelsOutput());
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs every step on the given session and writes the scores to {@link JobSettings#output()}
   * (replacing it), one row of {@link PartitionScorer#SCHEMA} per customer; with {@link
   * JobSettings#modelsOutput()} set, then saves the fitted models there ({@link #saveModels}).
   *
   * @param spark the session
   * @param settings what to read, how to score, where to write
   * @return counts, fitted models and the output path
   * @throws ClvArgumentException for bad input (the first bad row found, by line) or when a model
   *     cannot be fitted or a customer scored
   * @throws org.clvkit.models.FitFailedException when a fit does not converge
   */
  public static JobResult run(SparkSession spark, JobSettings settings) {
    JavaRDD<PartitionSummaries> summaries = null;
    Broadcast<ScoringModels> broadcast = null;
    try {
      summaries = summarise(TransactionInput.read(spark, settings), settings);
      summaries.persist(StorageLevel.MEMORY_AND_DISK());
      long[] counts =
          summaries
              .map(
                  p -> {
                    CustomerSummaries s = p.summaries();
                    PolicyCounts c = s.policyCounts();
                    return new long[] {
                      s.rows(),
                      c.zeroAmountsKept(),
                      c.zeroAmountsDropped(),
                      c.refundsDropped(),
                      c.afterObservationEndDropped(),
                      s.size(),
                      s.holdoutOnlyCustomerIds().size()
                    };
                  })
              .reduce(ClvSparkJob::add);
      if (counts[5] == 0) {
        throw new ClvArgumentException(
            "input must hold at least one customer with a calibration purchase, had none");
      }
      Dataset<Row> histories = histories(spark, summaries, settings.summary());
      List<Row> purchasePatterns =
          needsLitt(settings)
              ? patternsWithLitt(histories)
              : patterns(histories, PATTERN_FREQUENCY, PATTERN_RECENCY, PATTERN_AGE);
      List<Row> spendPatterns = patterns(histories, PATTERN_FREQUENCY, PATTERN_MONETARY);
      ScoringModels models = fit(histories, purchasePatterns, spendPatterns, settings);
      broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(models);
      score(spark, summaries, broadcast)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(settings.output());
      if (settings.modelsOutput() != null) {
        saveModels(spark, models, settings.summary().timeScale(), settings.modelsOutput());
      }
      return new JobResult(
          counts[0],
          new PolicyCounts(counts[1], counts[2], counts[3], counts[4]),
          counts[5],
          counts[6],
          purchasePatterns.size(),
          spendPatterns.size(),
          models,
          settings.output());
    } catch (Exception e) {
      // Spark wraps a task's exception; report clvkit's own message as it was thrown.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ClvArgumentException bad) {
          throw bad;
        }
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Spark job failed: " + e.getMessage(), e);
    } finally {
      if (broadcast != null) {
        broadcast.destroy();
      }
      if (summaries != null) {
        summaries.unpersist(false);
      }
    }
  }

  /**
   * Saves the fitted purchase and Gamma-Gamma models as model files {@link
   * #purchaseModelFile(String)} and {@link #GAMMA_GAMMA_FILE} in {@code directory} (created if
   * missing, files replaced), through Hadoop's file system API so that any path Spark writes works
   * (local, HDFS, object stores). The provenance names the time scale ({@code week}, {@code day},
   * {@code 30 days}) and now as the fit date. {@code ModelFiles.load} reads the files back wherever
   * they are copied.
   *
   * @param spark the session, for its Hadoop configuration
   * @param models the fitted models
   * @param timeScale the period of the summaries the models were fitted on
   * @param directory the directory to write to
   * @throws IOException when a file cannot be written
   */
  public static void saveModels(
      SparkSession spark, ScoringModels models, TimeScale timeScale, String directory)
      throws IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(directory);
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(dir);
    Provenance provenance = Provenance.now(timeUnit(timeScale));
    String purchaseFile = purchaseModelFile(models.purchases().type().id());
    save(fs, new org.apache.hadoop.fs.Path(dir, purchaseFile), models.purchases(), provenance);
    save(fs, new org.apache.hadoop.fs.Path(dir, GAMMA_GAMMA_FILE), models.spend(), provenance);
  }

  private static void save(
      FileSystem fs, org.apache.hadoop.fs.Path file, Model model, Provenance provenance)
      throws IOException {
    try (Writer out = new OutputStreamWriter(fs.create(file, true), StandardCharsets.US_ASCII)) {
      ModelFiles.save(model, provenance, out);
    }
  }

  /** The name of a period for a model file: {@code week}, {@code day}, {@code 30 days}. */
  static String timeUnit(TimeScale timeScale) {
    Duration period = timeScale.period();
    if (period.equals(Duration.ofDays(7))) {
      return "week";
    }
    if (period.equals(Duration.ofDays(1))) {
      return "day";
    }
    return period.equals(Duration.ofDays(period.toDays()))
        ? period.toDays() + " days"
        : period.toString();
  }

  /**
   * Summarises numbered transaction rows ({@link TransactionInput#read}) into one {@link
   * PartitionSummaries} per partition, through the DataFrame API: rows hashed by customer into
   * {@link JobSettings#partitions()} partitions (0: Spark's default parallelism), then {@code
   * groupBy(customer).agg(sort_array(collect_list(struct(line, date, amount))))}, which the
   * optimiser plans as a partial and final aggregation on that partitioning (no second shuffle, no
   * sort of the partition), and one clv-core {@link org.clvkit.core.data.SummaryAccumulator} per
   * partition fed each customer's rows in line order. Each customer's amounts are thus added in log
   * order, as one accumulator reading the whole log adds them: the summaries are equal bit for bit.
   *
   * @param transactions numbered rows {@code (customer_id, date, amount, line)}
   * @param settings the summary options, date pattern and partition count
   * @return one element per partition
   */
  public static JavaRDD<PartitionSummaries> summarise(
      Dataset<Row> transactions, JobSettings settings) {
    int partitions =
        settings.partitions() > 0
            ? settings.partitions()
            : transactions.sparkSession().sparkContext().defaultParallelism();
    SummaryOptions options = settings.summary();
    String pattern = settings.datePattern();
    PartitionSummaries.formatter(pattern); // a bad pattern fails here, on the driver
    return transactions
        .repartition(partitions, col(TransactionInput.CUSTOMER))
        .groupBy(col(TransactionInput.CUSTOMER))
        .agg(
            sort_array(
                    collect_list(
                        struct(
                            col(TransactionInput.LINE),
                            col(TransactionInput.DATE),
                            col(TransactionInput.AMOUNT))))
                .as(ROWS))
        .javaRDD()
        .mapPartitions(
            customers ->
                Collections.singletonList(
                        PartitionSummaries.summarise(inLineOrder(customers), options, pattern))
                    .iterator());
  }

  private static final String ROWS = "rows";

  /**
   * The rows {@code (customer_id, date, amount, line)} of grouped customers, customer after
   * customer, each customer's rows in line order.
   */
  private static Iterator<Row> inLineOrder(Iterator<Row> customers) {
    return new Iterator<>() {
      private Object customer;
      private Iterator<Row> rows = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!rows.hasNext() && customers.hasNext()) {
          Row group = customers.next();
          customer = group.get(0);
          List<Row> list = group.getList(1);
          rows = list.iterator();
        }
        return rows.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        Row r = rows.next();
        return RowFactory.create(customer, r.get(1), r.get(2), r.getLong(0));
      }
    };
  }

  /**
   * Scores every customer of the summaries with the broadcast models, partition by partition.
   *
   * @param spark the session
   * @param summaries one {@link PartitionSummaries} per partition
   * @param models the broadcast models
   * @return one row of {@link PartitionScorer#SCHEMA} per customer
   */
  public static Dataset<Row> score(
      SparkSession spark, JavaRDD<PartitionSummaries> summaries, Broadcast<ScoringModels> models) {
    JavaRDD<Row> rows =
        summaries.mapPartitions(
            (Iterator<PartitionSummaries> partition) -> {
              List<Row> none = List.of();
              Iterator<Row> out = none.iterator();
              while (partition.hasNext()) {
                Iterator<Row> scored = PartitionScorer.score(partition.next(), models.value());
                out = concat(out, scored);
              }
              return out;
            });
    return spark.createDataFrame(rows, PartitionScorer.SCHEMA);
  }

  private static final String PATTERN_FREQUENCY = "frequency";
  private static final String PATTERN_RECENCY = "recency";
  private static final String PATTERN_AGE = "age";
  private static final String PATTERN_MONETARY = "monetary_value";
  private static final String FIRST_LINE = "first_line";
  private static final String SINCE_LAST = "time_since_last_purchase";
  private static final String TOTAL_SPEND = "total_spend";
  private static final String CUSTOMERS = "customers";
  private static final String LITT = "litt";

  /** The per-customer measures the fits need, one row per customer. */
  private static Dataset<Row> histories(
      SparkSession spark, JavaRDD<PartitionSummaries> summaries, SummaryOptions options) {
    StructType schema =
        new StructType()
            .add(PATTERN_FREQUENCY, DataTypes.DoubleType, false)
            .add(PATTERN_RECENCY, DataTypes.DoubleType, false)
            .add(PATTERN_AGE, DataTypes.DoubleType, false)
            .add(PATTERN_MONETARY, DataTypes.DoubleType, false)
            .add(SINCE_LAST, DataTypes.DoubleType, false)
            .add(TOTAL_SPEND, DataTypes.DoubleType, false)
            .add(FIRST_LINE, DataTypes.LongType, false)
            .add(LITT, DataTypes.DoubleType, true);
    JavaRDD<Row> rows =
        summaries.flatMap(
            p -> {
              CustomerSummaries s = p.summaries();
              double[] f = s.frequency();
              double[] r = s.recency();
              double[] a = s.age();
              double[] m = s.monetaryValue();
              double[] since = s.timeSinceLastPurchase(options.calibrationEnd());
              double[] total = s.totalSpend();
              double[] litt = s.hasLitt() ? s.litt() : null;
              List<Row> out = new ArrayList<>(s.size());
              for (int i = 0; i < s.size(); i++) {
                out.add(
                    RowFactory.create(
                        f[i],
                        r[i],
                        a[i],
                        m[i],
                        since[i],
                        total[i],
                        p.firstLine(i),
                        litt == null ? null : litt[i]));
              }
              return out.iterator();
            });
    return spark.createDataFrame(rows, schema);
  }

  /**
   * The distinct values of {@code columns} with the number of customers holding each, in order of
   * the first line at which a customer with that pattern appeared.
   */
  private static List<Row> patterns(Dataset<Row> histories, String... columns) {
    List<Row> patterns =
        new ArrayList<>(
            histories
                .groupBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
                .agg(count(lit(1)).as(CUSTOMERS), min(FIRST_LINE).as(FIRST_LINE))
                .collectAsList());
    patterns.sort(Comparator.comparingLong(row -> row.getLong(row.fieldIndex(FIRST_LINE))));
    return patterns;
  }

  /**
   * Whether the chosen purchase model's fitter reads litt (the (M)BG/CNBD-k choosing k): its
   * pattern table then carries each pattern's Σ litt.
   */
  private static boolean needsLitt(JobSettings settings) {
    return settings.purchaseModelType().fitter() instanceof LittFitter<?> f && f.needsLitt();
  }

  /**
   * The distinct (frequency, recency, age) patterns as {@link #patterns} gives them, each with the
   * sum of its customers' litt (column 5; litt enters the likelihood only through that sum, so it
   * is not part of the pattern).
   *
   * @throws ClvArgumentException when the summaries carry no litt (made without same-day merging)
   */
  private static List<Row> patternsWithLitt(Dataset<Row> histories) {
    if (!histories.filter(histories.col(LITT).isNull()).isEmpty()) {
      throw new ClvArgumentException(
          "the purchase model needs each customer's litt (sum of log inter-purchase times), which"
              + " summaries carry only with same-day merging");
    }
    List<Row> patterns =
        new ArrayList<>(
            histories
                .groupBy(PATTERN_FREQUENCY, PATTERN_RECENCY, PATTERN_AGE)
                .agg(
                    count(lit(1)).as(CUSTOMERS), min(FIRST_LINE).as(FIRST_LINE), sum(LITT).as(LITT))
                .collectAsList());
    patterns.sort(Comparator.comparingLong(row -> row.getLong(row.fieldIndex(FIRST_LINE))));
    return patterns;
  }

  /** Fits both models on their pattern tables and the RFM scorer on every customer. */
  private static ScoringModels fit(
      Dataset<Row> histories,
      List<Row> purchasePatterns,
      List<Row> spendPatterns,
      JobSettings settings) {
    int n = purchasePatterns.size();
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = purchasePatterns.get(i);
      f[i] = row.getDouble(0);
      r[i] = row.getDouble(1);
      a[i] = row.getDouble(2);
      w[i] = row.getLong(3);
    }
    Fitter<? extends ContinuousPurchaseModel> fitter = settings.purchaseModelType().fitter();
    ContinuousPurchaseModel purchases;
    if (fitter instanceof LittFitter<? extends ContinuousPurchaseModel> withLitt
        && withLitt.needsLitt()) {
      // Each pattern's mean litt over its customers, as LittFitter takes it for weighted rows.
      double[] litt = new double[n];
      for (int i = 0; i < n; i++) {
        litt[i] = purchasePatterns.get(i).getDouble(5) / w[i];
      }
      purchases = withLitt.fit(CustomerHistories.of(f, r, a, w), litt);
    } else {
      purchases = fitter.fit(CustomerHistories.of(f, r, a, w));
    }

    int k = spendPatterns.size();
    double[] x = new double[k];
    double[] m = new double[k];
    double[] v = new double[k];
    for (int i = 0; i < k; i++) {
      Row row = spendPatterns.get(i);
      x[i] = row.getDouble(0);
      m[i] = row.getDouble(1);
      v[i] = row.getLong(2);
    }
    GammaGammaModel spend = GammaGammaFitter.create().fit(x, m, v);

    List<Row> measures =
        histories.select(SINCE_LAST, PATTERN_FREQUENCY, TOTAL_SPEND).collectAsList();
    int customers = measures.size();
    double[] since = new double[customers];
    double[] frequency = new double[customers];
    double[] total = new double[customers];
    for (int i = 0; i < customers; i++) {
      Row row = measures.get(i);
      since[i] = row.getDouble(0);
      frequency[i] = row.getDouble(1);
      total[i] = row.getDouble(2);
    }
    RfmScorer rfm = RfmScorer.fit(since, frequency, total, settings.rfmLevels());

    return new ScoringModels(
        purchases,
        spend,
        CustomerLifetimeValue.of(purchases, spend, settings.margin()),
        rfm,
        settings.stageRules(),
        settings.summary().calibrationEnd(),
        settings.horizon(),
        settings.discountRate());
  }

  private static long[] add(long[] left, long[] right) {
    long[] sum = left.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += right[i];
    }
    return sum;
  }

  private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> second) {
    if (!first.hasNext()) {
      return second;
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || second.hasNext();
      }

      @Override
      public T next() {
        return first.hasNext() ? first.next() : second.next();
      }
    };
  }
}
