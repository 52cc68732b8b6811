package org.clvkit.examples.spark.sql;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Fitter;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.cnbd.LittFitter;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * Fits a purchase model of any continuous type of {@link ModelTypes}, chosen by id, and the
 * Gamma-Gamma on a table of customer summaries, for {@link ClvFunctions#register(
 * org.apache.spark.sql.SparkSession, Dataset, String, double)}.
 *
 * <p>The table has one row per customer with the columns {@value #FREQUENCY}, {@value #RECENCY},
 * {@value #AGE} and {@value #MONETARY_VALUE} (any numeric type, in the periods the model is to be
 * fitted in) and, for a model whose fitter reads it, {@value #LITT}: each customer's sum of the
 * logarithms of their inter-purchase times (the summary column of that name), which the MBG/CNBD-k
 * and BG/CNBD-k need to choose their regularity k. Which models need it is the fitter's to say
 * ({@link LittFitter#needsLitt()}), not a list of names here. Other columns are ignored.
 *
 * <p>Both likelihoods depend on the customers only through their distinct patterns and counts, so
 * Spark aggregates the table into (frequency, recency, age) and (frequency, monetary value)
 * patterns with their counts (and each pattern's litt sum), and the driver fits on those, patterns
 * in order of their first row so that the likelihood sums run in the order of a single-JVM fit on
 * the same rows: the parameters are the single JVM's.
 */
public final class SummaryFits {
  /** Repeat purchases x. */
  public static final String FREQUENCY = "frequency";

  /** Time of the last purchase t_x. */
  public static final String RECENCY = "recency";

  /** Time since the first purchase T. */
  public static final String AGE = "age";

  /** Mean spend of the repeat purchases. */
  public static final String MONETARY_VALUE = "monetary_value";

  /** Sum of the logarithms of the inter-purchase times (needed by some fitters). */
  public static final String LITT = "litt";

  private static final String FIRST = "first_row";
  private static final String CUSTOMERS = "customers";
  private static final String LITT_SUM = "litt_sum";

  private SummaryFits() {}

  /**
   * Fits the purchase model of type {@code modelId} and the Gamma-Gamma on the summaries.
   *
   * @param summaries one row per customer, columns as the class comment says
   * @param modelId a continuous purchase model id of {@link ModelTypes}, e.g. {@code pnbd}
   * @param margin the share of spend kept as profit, in [0, 1]
   * @return the fitted models and margin
   * @throws org.clvkit.core.ClvArgumentException for an unknown or discrete-time id, a missing
   *     column (naming the model when its fitter needs {@value #LITT}), a null or out-of-domain
   *     value
   * @throws org.clvkit.models.FitFailedException when a fit fails
   */
  public static CustomerLifetimeValue fit(Dataset<Row> summaries, String modelId, double margin) {
    Checks.notNull("summaries", summaries);
    Checks.notNull("modelId", modelId);
    Checks.probability("margin", margin);
    ContinuousPurchaseModel purchases = purchases(summaries, modelId);
    return CustomerLifetimeValue.of(purchases, spend(summaries), margin);
  }

  /**
   * Fits the purchase model of type {@code modelId} on the summaries' (frequency, recency, age)
   * patterns, with each pattern's mean litt when the type's fitter needs litt.
   *
   * @param summaries one row per customer
   * @param modelId a continuous purchase model id of {@link ModelTypes}
   * @return the fitted model
   */
  public static ContinuousPurchaseModel purchases(Dataset<Row> summaries, String modelId) {
    Checks.notNull("summaries", summaries);
    ModelType<? extends ContinuousPurchaseModel> type =
        ModelTypes.get(modelId, ContinuousPurchaseModel.class);
    Fitter<? extends ContinuousPurchaseModel> fitter = type.fitter();
    boolean litt = fitter instanceof LittFitter<?> reads && reads.needsLitt();
    requireColumns(summaries, type, litt, FREQUENCY, RECENCY, AGE);
    List<Column> aggregates = new ArrayList<>(List.of(count(lit(1)).as(CUSTOMERS)));
    if (litt) {
      aggregates.add(sum(col(LITT).cast("double")).as(LITT_SUM));
    }
    List<Row> patterns = patterns(summaries, aggregates, FREQUENCY, RECENCY, AGE);
    int n = patterns.size();
    double[] f = new double[n];
    double[] r = new double[n];
    double[] a = new double[n];
    double[] w = new double[n];
    double[] l = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = patterns.get(i);
      f[i] = value(row, 0, FREQUENCY);
      r[i] = value(row, 1, RECENCY);
      a[i] = value(row, 2, AGE);
      w[i] = row.getLong(3);
      if (litt) {
        // The likelihood reads Σ w_i litt_i, so a pattern's mean litt keeps its customers' sum.
        l[i] = value(row, 4, LITT) / w[i];
      }
    }
    CustomerHistories histories = CustomerHistories.of(f, r, a, w);
    return fitter.fit(litt ? histories.withLitt(l) : histories);
  }

  /**
   * Fits the Gamma-Gamma on the summaries' (frequency, monetary value) patterns (customers without
   * repeat purchases are left out, as {@link GammaGammaFitter} leaves them out).
   *
   * @param summaries one row per customer
   * @return the fitted model
   */
  public static GammaGammaModel spend(Dataset<Row> summaries) {
    Checks.notNull("summaries", summaries);
    requireColumns(summaries, GammaGammaModel.TYPE, false, FREQUENCY, MONETARY_VALUE);
    List<Row> patterns =
        patterns(summaries, List.of(count(lit(1)).as(CUSTOMERS)), FREQUENCY, MONETARY_VALUE);
    int n = patterns.size();
    double[] x = new double[n];
    double[] m = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = patterns.get(i);
      x[i] = value(row, 0, FREQUENCY);
      m[i] = value(row, 1, MONETARY_VALUE);
      w[i] = row.getLong(2);
    }
    return GammaGammaFitter.create().fit(x, m, w);
  }

  private static void requireColumns(
      Dataset<Row> summaries, ModelType<?> type, boolean litt, String... names) {
    List<String> have = Arrays.asList(summaries.columns());
    List<String> need = new ArrayList<>(Arrays.asList(names));
    if (litt) {
      need.add(LITT);
    }
    for (String name : need) {
      if (!have.contains(name)) {
        throw Checks.fail(
            "summaries must have a %s column to fit %s (%s), had columns %s",
            name, type.id(), type.name(), have);
      }
    }
  }

  /**
   * The distinct values of {@code columns} (as doubles) with {@code aggregates}, in order of their
   * first row.
   */
  private static List<Row> patterns(
      Dataset<Row> summaries, List<Column> aggregates, String... columns) {
    Column[] keys = new Column[columns.length];
    for (int i = 0; i < columns.length; i++) {
      keys[i] = col(columns[i]).cast("double").as(columns[i]);
    }
    List<Column> all = new ArrayList<>(aggregates);
    all.add(min(FIRST).as(FIRST));
    // monotonically_increasing_id grows with the row order of the table (partition by partition).
    List<Row> out =
        new ArrayList<>(
            summaries
                .withColumn(FIRST, monotonically_increasing_id())
                .groupBy(keys)
                .agg(all.get(0), all.subList(1, all.size()).toArray(new Column[0]))
                .collectAsList());
    out.sort(Comparator.comparingLong(row -> row.getLong(row.fieldIndex(FIRST))));
    return out;
  }

  private static double value(Row row, int index, String name) {
    if (row.isNullAt(index)) {
      throw Checks.fail("%s must not be null in summaries", name);
    }
    return row.getDouble(index);
  }
}
