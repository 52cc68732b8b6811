package org.clvkit.examples.spark.sql;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataTypes;
import org.clvkit.core.Checks;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.Model;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;

/**
 * Registers clvkit's scoring functions with a {@link SparkSession}, bound to fitted models, so that
 * SQL (and PySpark, through the JVM gateway) can call them. The purchase model is any continuous
 * purchase model of {@link ModelTypes} ({@link ContinuousPurchaseModel}: BG/NBD, MBG/NBD,
 * Pareto/NBD, NBD, GGompertz/NBD, MBG/CNBD-k, BG/CNBD-k, Pareto/NBD (HB)), the spend model a
 * Gamma-Gamma; they come fitted ({@link #register(SparkSession, CustomerLifetimeValue)}), from
 * model files of any such type ({@link #register(SparkSession, String, String, double)}), or are
 * fitted on a summaries table with the model chosen by id ({@link #register(SparkSession, Dataset,
 * String, double)}):
 *
 * <pre>{@code
 * ClvFunctions.register(spark, CustomerLifetimeValue.of(purchases, spend, 0.3));
 * spark.sql("SELECT customer_id, clv_p_alive(frequency, recency, age) AS p_alive,"
 *     + " clv_value(52, 0.01, frequency, recency, age, monetary_value) AS clv FROM summaries");
 * }</pre>
 *
 * <p>The functions (all times in periods of the purchase model; every argument any numeric type):
 *
 * <ul>
 *   <li>{@value #P_ALIVE}{@code (frequency, recency, age)}: P(alive) at the end of observation;
 *   <li>{@value #EXPECTED_PURCHASES}{@code (t, frequency, recency, age)}: expected purchases in the
 *       next {@code t} periods;
 *   <li>{@value #DISCOUNTED_PURCHASES}{@code (periods, discount_rate, frequency, recency, age)}:
 *       expected purchases over the next whole {@code periods}, discounted per period;
 *   <li>{@value #EXPECTED_SPEND}{@code (frequency, monetary_value)}: expected spend per purchase
 *       E[M | x, m̄] of the Gamma-Gamma model;
 *   <li>{@value #VALUE}{@code (periods, discount_rate, frequency, recency, age, monetary_value)}:
 *       CLV over the next whole {@code periods} ({@link CustomerLifetimeValue#conditionalValue(int,
 *       double, double, double, double, double)}, margin included).
 * </ul>
 *
 * <p>Every function reads (frequency, recency, age) only, whatever the model: the MBG/CNBD-k and
 * BG/CNBD-k score from them too (litt, the sum of log inter-purchase times, enters only their fit,
 * to choose k; {@link SummaryFits} asks for it there).
 *
 * <p>Each function is the model's per-customer method, so a query gives the single-JVM values. A
 * null argument gives null (SQL's rule); an argument outside the model's domain (recency above age,
 * a fractional number of periods) fails the query with clvkit's message naming it.
 */
public final class ClvFunctions {
  /** {@code clv_p_alive(frequency, recency, age)}. */
  public static final String P_ALIVE = "clv_p_alive";

  /** {@code clv_expected_purchases(t, frequency, recency, age)}. */
  public static final String EXPECTED_PURCHASES = "clv_expected_purchases";

  /** {@code clv_discounted_purchases(periods, discount_rate, frequency, recency, age)}. */
  public static final String DISCOUNTED_PURCHASES = "clv_discounted_purchases";

  /** {@code clv_expected_spend(frequency, monetary_value)}. */
  public static final String EXPECTED_SPEND = "clv_expected_spend";

  /** {@code clv_value(periods, discount_rate, frequency, recency, age, monetary_value)}. */
  public static final String VALUE = "clv_value";

  /** The names of the functions {@link #register} adds. */
  public static final List<String> NAMES =
      List.of(P_ALIVE, EXPECTED_PURCHASES, DISCOUNTED_PURCHASES, EXPECTED_SPEND, VALUE);

  private ClvFunctions() {}

  /**
   * Registers the functions of {@link #NAMES} with the session, bound to {@code value}'s purchase
   * and spend models and margin (replacing functions of the same names).
   *
   * @param spark the session
   * @param value the fitted models and margin; the purchase model a {@link ContinuousPurchaseModel}
   * @throws ClvArgumentException when the purchase model is a discrete-time one (its P(alive) is at
   *     the next opportunity, its times whole opportunities: not what these functions say)
   */
  public static void register(SparkSession spark, CustomerLifetimeValue value) {
    if (spark == null || value == null) {
      throw new ClvArgumentException("spark and value must not be null");
    }
    if (!(value.purchaseModel() instanceof ContinuousPurchaseModel purchases)) {
      throw Checks.fail(
          "purchase model must be one of %s, was %s",
          ModelTypes.ids(ModelTypes.all(ContinuousPurchaseModel.class)),
          value.purchaseModel().type().id());
    }
    GammaGammaModel spend = value.spendModel();
    UDF3<Number, Number, Number, Double> alive =
        (x, tx, t) ->
            anyNull(x, tx, t)
                ? null
                : purchases.probabilityAlive(x.doubleValue(), tx.doubleValue(), t.doubleValue());
    UDF4<Number, Number, Number, Number, Double> expected =
        (h, x, tx, t) ->
            anyNull(h, x, tx, t)
                ? null
                : purchases.conditionalExpectedPurchases(
                    h.doubleValue(), x.doubleValue(), tx.doubleValue(), t.doubleValue());
    UDF5<Number, Number, Number, Number, Number, Double> discounted =
        (n, rate, x, tx, t) ->
            anyNull(n, rate, x, tx, t)
                ? null
                : purchases.discountedExpectedPurchases(
                    periods(n),
                    rate.doubleValue(),
                    x.doubleValue(),
                    tx.doubleValue(),
                    t.doubleValue());
    UDF2<Number, Number, Double> expectedSpend =
        (x, m) ->
            anyNull(x, m) ? null : spend.conditionalExpectedSpend(x.doubleValue(), m.doubleValue());
    UDF6<Number, Number, Number, Number, Number, Number, Double> clv =
        (n, rate, x, tx, t, m) ->
            anyNull(n, rate, x, tx, t, m)
                ? null
                : value.conditionalValue(
                    periods(n),
                    rate.doubleValue(),
                    x.doubleValue(),
                    tx.doubleValue(),
                    t.doubleValue(),
                    m.doubleValue());
    spark.udf().register(P_ALIVE, alive, DataTypes.DoubleType);
    spark.udf().register(EXPECTED_PURCHASES, expected, DataTypes.DoubleType);
    spark.udf().register(DISCOUNTED_PURCHASES, discounted, DataTypes.DoubleType);
    spark.udf().register(EXPECTED_SPEND, expectedSpend, DataTypes.DoubleType);
    spark.udf().register(VALUE, clv, DataTypes.DoubleType);
  }

  /**
   * Registers the functions with models read from clvkit model files ({@link ModelFiles}), for
   * example those the Spark job saves with {@code --save-models DIR} or an ML stage's {@code
   * clvkit/model.properties}. Paths go through Hadoop's file system API (local, HDFS, object
   * stores). This is the entry point for PySpark: {@code
   * spark._jvm.org.clvkit.examples.spark.sql.ClvFunctions.register(spark._jsparkSession,
   * "DIR/bgnbd.properties", "DIR/gamma-gamma.properties", 0.3)}.
   *
   * @param spark the session
   * @param purchaseModelFile a model file of any continuous purchase model type (the file names its
   *     type: BG/NBD, MBG/NBD, Pareto/NBD, NBD, ...)
   * @param spendModelFile a Gamma-Gamma model file
   * @param margin the share of spend kept as profit, in [0, 1]
   * @throws IOException when a file cannot be read
   * @throws org.clvkit.models.io.ModelFileException when a file is not a model of that kind
   */
  public static void register(
      SparkSession spark, String purchaseModelFile, String spendModelFile, double margin)
      throws IOException {
    if (spark == null || purchaseModelFile == null || spendModelFile == null) {
      throw new ClvArgumentException(
          "spark, purchaseModelFile and spendModelFile must not be null");
    }
    ContinuousPurchaseModel purchases =
        load(spark, purchaseModelFile, ContinuousPurchaseModel.class);
    GammaGammaModel spend = load(spark, spendModelFile, GammaGammaModel.class);
    register(spark, CustomerLifetimeValue.of(purchases, spend, margin));
  }

  /**
   * Fits the purchase model of type {@code modelId} and the Gamma-Gamma on a summaries table
   * ({@link SummaryFits}: columns {@code frequency, recency, age, monetary_value}, and {@code litt}
   * for a model whose fitter needs it) and registers the functions bound to them. From PySpark:
   * {@code spark._jvm.org.clvkit.examples.spark.sql.ClvFunctions.register( spark._jsparkSession,
   * summaries._jdf, "pnbd", 0.3)}.
   *
   * @param spark the session
   * @param summaries one row per customer
   * @param modelId a continuous purchase model id of {@link ModelTypes}, e.g. {@code pnbd}
   * @param margin the share of spend kept as profit, in [0, 1]
   * @return the fitted models the functions are bound to
   * @throws ClvArgumentException for an unknown or discrete-time id or a missing column (naming the
   *     model and the column)
   * @throws org.clvkit.models.FitFailedException when a fit fails
   */
  public static CustomerLifetimeValue register(
      SparkSession spark, Dataset<Row> summaries, String modelId, double margin) {
    Checks.notNull("spark", spark);
    CustomerLifetimeValue value = SummaryFits.fit(summaries, modelId, margin);
    register(spark, value);
    return value;
  }

  private static <M extends Model> M load(SparkSession spark, String file, Class<M> type)
      throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (Reader in = new InputStreamReader(fs.open(path), StandardCharsets.UTF_8)) {
      return ModelFiles.load(in, type).model();
    }
  }

  private static boolean anyNull(Object... values) {
    for (Object v : values) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }

  /** A whole number of periods from any numeric SQL value. */
  private static int periods(Number n) {
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
      throw new ClvArgumentException("periods must be a whole number >= 0, was " + n);
    }
    return (int) d;
  }
}
