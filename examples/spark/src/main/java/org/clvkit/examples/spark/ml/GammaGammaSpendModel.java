package org.clvkit.examples.spark.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * A fitted Gamma-Gamma stage. {@link #transform} appends the expected spend per purchase E[M | x,
 * m̄] ({@link GammaGammaModel#conditionalExpectedSpend(double, double)}) and, when the input holds
 * a purchase stage's discounted expected purchases, the CLV {@code margin × E[M | x, m̄] ×
 * discounted purchases}: the product {@link org.clvkit.models.clv.CustomerLifetimeValue} forms, in
 * the same order, so the value equals its {@code conditionalValue}. A null input gives a null
 * output; a row outside the model's domain fails the query with clvkit's message.
 */
public final class GammaGammaSpendModel extends Model<GammaGammaSpendModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final SpendParams p;
  private final GammaGammaModel model;

  /**
   * A stage without a model, which ML persistence creates and then completes; use {@link
   * GammaGammaSpend#fit} or {@link #load} instead.
   *
   * @param uid the stage's unique id
   */
  public GammaGammaSpendModel(String uid) {
    this(uid, null);
  }

  GammaGammaSpendModel(String uid, GammaGammaModel model) {
    this.uid = uid;
    this.p = new SpendParams(uid);
    this.model = model;
    p.setDefaults(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The fitted model. */
  public GammaGammaModel model() {
    if (model == null) {
      throw new IllegalStateException("stage " + uid + " holds no fitted model");
    }
    return model;
  }

  /** Input column of repeat purchases x (default "frequency"). */
  public Param<String> frequencyCol() {
    return p.frequencyCol;
  }

  /** Input column of the mean repeat purchase value (default "monetary_value"). */
  public Param<String> monetaryValueCol() {
    return p.monetaryValueCol;
  }

  /** Output column of expected spend per purchase (default "expected_spend"). */
  public Param<String> expectedSpendCol() {
    return p.expectedSpendCol;
  }

  /** Share of spend kept as profit, in [0, 1] (default 1). */
  public DoubleParam margin() {
    return p.margin;
  }

  /** Input column of discounted expected purchases; CLV is appended when present. */
  public Param<String> discountedPurchasesCol() {
    return p.discountedPurchasesCol;
  }

  /** Output column of CLV (default "clv"). */
  public Param<String> clvCol() {
    return p.clvCol;
  }

  /** The period's name, recorded in the saved model file (default "week"). */
  public Param<String> timeUnit() {
    return p.timeUnit;
  }

  /** Sets the margin, in [0, 1]. */
  public GammaGammaSpendModel setMargin(double value) {
    set(p.margin, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType schema = dataset.schema();
    transformSchema(schema);
    GammaGammaModel m = model();
    double share = (Double) getOrDefault(p.margin);
    Column f = col(getOrDefault(p.frequencyCol)).cast("double");
    Column v = col(getOrDefault(p.monetaryValueCol)).cast("double");
    UDF2<Double, Double, Double> spend =
        (x, mean) -> x == null || mean == null ? null : m.conditionalExpectedSpend(x, mean);
    Dataset<Row> out =
        dataset.withColumn(
            getOrDefault(p.expectedSpendCol), udf(spend, DataTypes.DoubleType).apply(f, v));
    if (!p.withValue(schema, this)) {
      return out;
    }
    UDF3<Double, Double, Double, Double> value =
        (x, mean, purchases) ->
            x == null || mean == null || purchases == null
                ? null
                : share * m.conditionalExpectedSpend(x, mean) * purchases;
    Column d = col(getOrDefault(p.discountedPurchasesCol)).cast("double");
    return out.withColumn(getOrDefault(p.clvCol), udf(value, DataTypes.DoubleType).apply(f, v, d));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return p.outputSchema(schema, this);
  }

  @Override
  public GammaGammaSpendModel copy(ParamMap extra) {
    return copyValues(new GammaGammaSpendModel(uid, model), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return ModelFolder.writer(this, model(), getOrDefault(p.timeUnit));
  }

  /** The reader of saved stages, for ML persistence ({@code PipelineModel.load}). */
  public static MLReader<GammaGammaSpendModel> read() {
    return ModelFolder.reader(
        GammaGammaModel.class,
        (stage, fitted) ->
            stage.copyValues(new GammaGammaSpendModel(stage.uid(), fitted), ParamMap.empty()));
  }

  /**
   * Loads a stage saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static GammaGammaSpendModel load(String path) {
    return read().load(path);
  }
}
