package org.clvkit.examples.spark.ml;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * Spark ML estimator of the Gamma-Gamma spend model (Fader and Hardie 2013, "The Gamma-Gamma model
 * of monetary value"): fits on the distinct (frequency, monetary value) patterns of a DataFrame of
 * customer summaries with their counts as weights ({@link GammaGammaFitter}; customers without
 * repeat purchases carry no spend information and are left out by the fitter). Parameters: see
 * {@link SpendParams}. Rows with a null in either column fail the fit with their count.
 */
public final class GammaGammaSpend extends Estimator<GammaGammaSpendModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final SpendParams p;

  /** An estimator with a random uid and the default parameters. */
  public GammaGammaSpend() {
    this(Identifiable.randomUID("clvkit-gamma-gamma"));
  }

  /**
   * An estimator with the given uid and the default parameters.
   *
   * @param uid the stage's unique id
   */
  public GammaGammaSpend(String uid) {
    this.uid = uid;
    this.p = new SpendParams(uid);
    p.setDefaults(this);
  }

  @Override
  public String uid() {
    return uid;
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

  /** Sets the two input columns. */
  public GammaGammaSpend setInputCols(String frequency, String monetaryValue) {
    set(p.frequencyCol, frequency);
    set(p.monetaryValueCol, monetaryValue);
    return this;
  }

  /** Sets the margin, in [0, 1]. */
  public GammaGammaSpend setMargin(double value) {
    set(p.margin, value);
    return this;
  }

  @Override
  public GammaGammaSpendModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String f = getOrDefault(p.frequencyCol);
    String m = getOrDefault(p.monetaryValueCol);
    long nulls = dataset.filter(col(f).isNull().or(col(m).isNull())).count();
    if (nulls > 0) {
      throw new ClvArgumentException(
          String.format(
              "columns %s and %s must not hold nulls, held them in %d rows", f, m, nulls));
    }
    List<Row> patterns =
        dataset
            .select(col(f).cast("double").as("f"), col(m).cast("double").as("m"))
            .groupBy("f", "m")
            .count()
            .orderBy("f", "m")
            .collectAsList();
    int n = patterns.size();
    double[] frequency = new double[n];
    double[] monetary = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = patterns.get(i);
      frequency[i] = row.getDouble(0);
      monetary[i] = row.getDouble(1);
      weights[i] = row.getLong(2);
    }
    GammaGammaModel model = GammaGammaFitter.create().fit(frequency, monetary, weights);
    return copyValues(new GammaGammaSpendModel(uid, model), ParamMap.empty()).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return p.outputSchema(schema, this);
  }

  @Override
  public GammaGammaSpend copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** The reader of saved estimators, for ML persistence ({@code Pipeline.load}). */
  public static MLReader<GammaGammaSpend> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an estimator saved with {@code write().save(path)}.
   *
   * @param path the folder
   */
  public static GammaGammaSpend load(String path) {
    return read().load(path);
  }
}
