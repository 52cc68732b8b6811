package org.clvkit.examples.spark.ml;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.ModelType;
import org.clvkit.models.PurchaseModel;

/**
 * The Spark ML estimator of a purchase model: fits on a DataFrame of customer summaries, one row
 * per customer with numeric frequency, recency and age columns (see {@link PurchaseParams} for the
 * parameters and their defaults).
 *
 * <p>The likelihood of these models depends on the customers only through the distinct (frequency,
 * recency, age) patterns and their counts, so {@link #fit} aggregates that small table in Spark
 * ({@code groupBy(...).count()}), collects it, and fits on the driver with the patterns as weights.
 * Rows with a null in one of the three columns fail the fit with their count.
 *
 * @param <S> the fitted stage
 */
public abstract class PurchaseEstimator<S extends PurchaseStageModel<S>> extends Estimator<S>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final PurchaseParams p;

  /**
   * An estimator with the default parameters.
   *
   * @param uid the stage's unique id
   */
  protected PurchaseEstimator(String uid) {
    this.uid = uid;
    this.p = new PurchaseParams(uid);
    PurchaseStageModel.setDefaults(this, p);
  }

  /**
   * The registered type of the model this estimator fits (one of {@link
   * org.clvkit.models.ModelTypes}); its {@link org.clvkit.models.Fitter} fits the patterns.
   */
  protected abstract ModelType<? extends PurchaseModel> modelType();

  /** Fits the model type's fitter on distinct patterns with their counts as weights. */
  private PurchaseModel fitPatterns(
      double[] frequency, double[] recency, double[] age, double[] weights) {
    return modelType().fitter().fit(CustomerHistories.of(frequency, recency, age, weights));
  }

  /**
   * The fitted stage holding {@code model}.
   *
   * @param uid the stage's id (the estimator's)
   * @param model the fitted model
   */
  protected abstract S fitted(String uid, PurchaseModel model);

  @Override
  public String uid() {
    return uid;
  }

  /** Input column of repeat purchases x (default "frequency"). */
  public Param<String> frequencyCol() {
    return p.frequencyCol;
  }

  /** Input column of the time of the last purchase t_x (default "recency"). */
  public Param<String> recencyCol() {
    return p.recencyCol;
  }

  /** Input column of the time since the first purchase T (default "age"). */
  public Param<String> ageCol() {
    return p.ageCol;
  }

  /** Periods ahead for expected purchases, &gt; 0 (default 52). */
  public DoubleParam horizon() {
    return p.horizon;
  }

  /** Whole periods of discounted expected purchases for CLV, &gt;= 0 (default 52). */
  public IntParam periods() {
    return p.periods;
  }

  /** Discount rate per period, &gt; -1 (default 0). */
  public DoubleParam discountRate() {
    return p.discountRate;
  }

  /** Output column of P(alive) (default "p_alive"). */
  public Param<String> pAliveCol() {
    return p.pAliveCol;
  }

  /** Output column of expected purchases over the horizon (default "expected_purchases"). */
  public Param<String> expectedPurchasesCol() {
    return p.expectedPurchasesCol;
  }

  /** Output column of discounted expected purchases (default "discounted_purchases"). */
  public Param<String> discountedPurchasesCol() {
    return p.discountedPurchasesCol;
  }

  /** The period's name, recorded in the saved model file (default "week"). */
  public Param<String> timeUnit() {
    return p.timeUnit;
  }

  /** Sets the three input columns. */
  public PurchaseEstimator<S> setInputCols(String frequency, String recency, String age) {
    set(p.frequencyCol, frequency);
    set(p.recencyCol, recency);
    set(p.ageCol, age);
    return this;
  }

  /** Sets the horizon of expected purchases, in periods. */
  public PurchaseEstimator<S> setHorizon(double value) {
    set(p.horizon, value);
    return this;
  }

  /** Sets the whole periods and the discount rate per period of discounted purchases. */
  public PurchaseEstimator<S> setDiscounting(int periods, double rate) {
    set(p.periods, periods);
    set(p.discountRate, rate);
    return this;
  }

  /** Sets the period's name recorded in the model file ("week", "day", "30 days"). */
  public PurchaseEstimator<S> setTimeUnit(String value) {
    set(p.timeUnit, value);
    return this;
  }

  @Override
  public S fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String f = getOrDefault(p.frequencyCol);
    String r = getOrDefault(p.recencyCol);
    String a = getOrDefault(p.ageCol);
    long nulls = dataset.filter(col(f).isNull().or(col(r).isNull()).or(col(a).isNull())).count();
    if (nulls > 0) {
      throw new ClvArgumentException(
          String.format(
              "columns %s, %s and %s must not hold nulls, held them in %d rows", f, r, a, nulls));
    }
    List<Row> patterns =
        dataset
            .select(
                col(f).cast("double").as("f"),
                col(r).cast("double").as("r"),
                col(a).cast("double").as("a"))
            .groupBy("f", "r", "a")
            .count()
            .orderBy("f", "r", "a")
            .collectAsList();
    int n = patterns.size();
    if (n == 0) {
      throw new ClvArgumentException("input must hold at least one customer, had none");
    }
    double[] frequency = new double[n];
    double[] recency = new double[n];
    double[] age = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = patterns.get(i);
      frequency[i] = row.getDouble(0);
      recency[i] = row.getDouble(1);
      age[i] = row.getDouble(2);
      weights[i] = row.getLong(3);
    }
    PurchaseModel model = fitPatterns(frequency, recency, age, weights);
    return copyValues(fitted(uid, model), ParamMap.empty()).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return PurchaseStageModel.outputSchema(schema, this, p);
  }

  @Override
  public PurchaseEstimator<S> copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
