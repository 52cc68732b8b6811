package org.clvkit.examples.spark.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clvkit.models.PurchaseModel;

/**
 * A fitted purchase-model stage: {@link #transform} appends, per customer, P(alive) at the end of
 * observation, the expected purchases over the next {@code horizon} periods (the model's
 * conditional expectation, e.g. FHL 2005 equation 10 for BG/NBD) and the discounted expected
 * purchases over {@code periods} whole periods at {@code discountRate} ({@link
 * PurchaseModel#discountedExpectedPurchases}), which {@link GammaGammaSpendModel} turns into CLV.
 * Each value is the model's per-customer method applied to the row, so it equals the single-JVM
 * result; a null input gives a null output; a row outside the model's domain (recency above age,
 * negative values) fails the query with clvkit's message.
 *
 * @param <S> the concrete stage
 */
public abstract class PurchaseStageModel<S extends PurchaseStageModel<S>> extends Model<S>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final PurchaseParams p;
  private final PurchaseModel model;

  /**
   * A stage with the default parameters.
   *
   * @param uid the stage's unique id
   * @param model the fitted model, or {@code null} only while ML persistence reads the stage
   */
  protected PurchaseStageModel(String uid, PurchaseModel model) {
    this.uid = uid;
    this.p = new PurchaseParams(uid);
    this.model = model;
    setDefaults(this, p);
  }

  /** This stage's class with another model: {@code new Stage(uid, model)}. */
  protected abstract S create(String uid, PurchaseModel model);

  @Override
  public String uid() {
    return uid;
  }

  /** The fitted clvkit model. */
  public PurchaseModel purchaseModel() {
    if (model == null) {
      throw new IllegalStateException("stage " + uid + " holds no fitted model");
    }
    return model;
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

  /** Sets the horizon of expected purchases, in periods. */
  public S setHorizon(double value) {
    set(p.horizon, value);
    return self();
  }

  /** Sets the whole periods and the discount rate per period of discounted purchases. */
  public S setDiscounting(int periods, double rate) {
    set(p.periods, periods);
    set(p.discountRate, rate);
    return self();
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    PurchaseModel m = purchaseModel();
    double t = (Double) getOrDefault(p.horizon);
    int n = (Integer) getOrDefault(p.periods);
    double rate = (Double) getOrDefault(p.discountRate);
    Column f = col(getOrDefault(p.frequencyCol)).cast("double");
    Column r = col(getOrDefault(p.recencyCol)).cast("double");
    Column a = col(getOrDefault(p.ageCol)).cast("double");
    UDF3<Double, Double, Double, Double> alive =
        (x, tx, age) ->
            x == null || tx == null || age == null ? null : m.probabilityAlive(x, tx, age);
    UDF3<Double, Double, Double, Double> expected =
        (x, tx, age) ->
            x == null || tx == null || age == null
                ? null
                : m.conditionalExpectedPurchases(t, x, tx, age);
    UDF3<Double, Double, Double, Double> discounted =
        (x, tx, age) ->
            x == null || tx == null || age == null
                ? null
                : m.discountedExpectedPurchases(n, rate, x, tx, age);
    return dataset
        .withColumn(getOrDefault(p.pAliveCol), doubles(alive).apply(f, r, a))
        .withColumn(getOrDefault(p.expectedPurchasesCol), doubles(expected).apply(f, r, a))
        .withColumn(getOrDefault(p.discountedPurchasesCol), doubles(discounted).apply(f, r, a));
  }

  private static UserDefinedFunction doubles(UDF3<Double, Double, Double, Double> f) {
    return udf(f, DataTypes.DoubleType);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema, this, p);
  }

  @Override
  public S copy(ParamMap extra) {
    return copyValues(create(uid, model), extra).setParent(parent());
  }

  /** This stage (parameters included) with another model; for the persistence reader. */
  S withModel(PurchaseModel fitted) {
    return copyValues(create(uid, fitted), ParamMap.empty());
  }

  @Override
  public MLWriter write() {
    return ModelFolder.writer(this, purchaseModel(), getOrDefault(p.timeUnit));
  }

  static void setDefaults(Params stage, PurchaseParams p) {
    stage.setDefault(p.frequencyCol, "frequency");
    stage.setDefault(p.recencyCol, "recency");
    stage.setDefault(p.ageCol, "age");
    stage.setDefault(p.horizon, 52.0);
    stage.setDefault(p.periods, 52);
    stage.setDefault(p.discountRate, 0.0);
    stage.setDefault(p.pAliveCol, "p_alive");
    stage.setDefault(p.expectedPurchasesCol, "expected_purchases");
    stage.setDefault(p.discountedPurchasesCol, "discounted_purchases");
    stage.setDefault(p.timeUnit, "week");
  }

  static StructType outputSchema(StructType schema, Params stage, PurchaseParams p) {
    Columns.requireNumeric(schema, "frequencyCol", stage.getOrDefault(p.frequencyCol));
    Columns.requireNumeric(schema, "recencyCol", stage.getOrDefault(p.recencyCol));
    Columns.requireNumeric(schema, "ageCol", stage.getOrDefault(p.ageCol));
    StructType out = Columns.appendDouble(schema, "pAliveCol", stage.getOrDefault(p.pAliveCol));
    out =
        Columns.appendDouble(
            out, "expectedPurchasesCol", stage.getOrDefault(p.expectedPurchasesCol));
    return Columns.appendDouble(
        out, "discountedPurchasesCol", stage.getOrDefault(p.discountedPurchasesCol));
  }
}
