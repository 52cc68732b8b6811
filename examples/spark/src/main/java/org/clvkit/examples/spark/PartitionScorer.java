package org.clvkit.examples.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.core.rfm.RfmSegment;

/**
 * Scores the customers of one partition with the batch (column) methods of the library: each
 * measure is one call over the partition's columns, validating once and allocating nothing per
 * customer; only the output rows are created one by one, as Spark pulls them.
 *
 * <p>Per customer (see {@link #SCHEMA}): the summary ({@code frequency, recency, age} are Fader and
 * Hardie's x, t_x, T in periods; {@code monetary_value} the mean repeat spend), P(alive) and the
 * expected purchases over the horizon from the BG/NBD (FHL 2005, equations 13 and 10), the expected
 * spend per purchase E[M | x, m̄] from the Gamma-Gamma model (Fader and Hardie 2013), the CLV over
 * the horizon (FHL 2005, "RFM and CLV"; see {@link org.clvkit.models.clv.CustomerLifetimeValue}),
 * the lifecycle stage as of the calibration end, the RFM scores and segment, and last {@code litt},
 * the sum of the logs of the inter-purchase times (BTYDplus's {@code litt}, for the CNBD-k models;
 * the job always merges same-day purchases, which litt needs).
 */
public final class PartitionScorer {
  /** The schema of the scores the job writes, one row per customer. */
  public static final StructType SCHEMA =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("frequency", DataTypes.DoubleType, false)
          .add("recency", DataTypes.DoubleType, false)
          .add("age", DataTypes.DoubleType, false)
          .add("monetary_value", DataTypes.DoubleType, false)
          .add("total_spend", DataTypes.DoubleType, false)
          .add("holdout_purchases", DataTypes.DoubleType, false)
          .add("p_alive", DataTypes.DoubleType, false)
          .add("expected_purchases", DataTypes.DoubleType, false)
          .add("expected_spend", DataTypes.DoubleType, false)
          .add("clv", DataTypes.DoubleType, false)
          .add("lifecycle_stage", DataTypes.StringType, false)
          .add("time_since_last_purchase", DataTypes.DoubleType, false)
          .add("rfm_recency", DataTypes.IntegerType, false)
          .add("rfm_frequency", DataTypes.IntegerType, false)
          .add("rfm_monetary", DataTypes.IntegerType, false)
          .add("rfm_segment", DataTypes.StringType, false)
          .add("litt", DataTypes.DoubleType, false);

  private static final LifecycleStage[] STAGES = LifecycleStage.values();

  private PartitionScorer() {}

  /**
   * Scores one partition's customers.
   *
   * @param partition the partition's summaries
   * @param models the broadcast models
   * @return one row of {@link #SCHEMA} per customer, in the partition's order
   * @throws org.clvkit.core.ClvArgumentException when a customer cannot be scored (for example no
   *     finite expected spend), naming the row within the partition
   */
  public static Iterator<Row> score(PartitionSummaries partition, ScoringModels models) {
    CustomerSummaries s = partition.summaries();
    int n = s.size();
    double[] frequency = s.frequency();
    double[] recency = s.recency();
    double[] age = s.age();
    double[] monetary = s.monetaryValue();
    double[] total = s.totalSpend();
    double[] holdout = s.holdoutPurchases();
    double[] litt = s.litt();
    double[] pAlive = new double[n];
    double[] expected = new double[n];
    double[] spend = new double[n];
    double[] clv = new double[n];
    models.purchases().probabilityAlive(frequency, recency, age, pAlive, 0, n);
    models
        .purchases()
        .conditionalExpectedPurchases(models.horizon(), frequency, recency, age, expected, 0, n);
    models.spend().conditionalExpectedSpend(frequency, monetary, spend, 0, n);
    models
        .value()
        .conditionalValue(
            models.horizon(), models.discountRate(), frequency, recency, age, monetary, clv, 0, n);

    // Stage as of the calibration end: time since the first purchase is the age, time since the
    // last is age - recency (as StageAssigner.assign(CustomerSummary) measures them).
    double[] count = new double[n];
    double[] sinceLast = new double[n];
    for (int i = 0; i < n; i++) {
      count[i] = frequency[i] + 1;
      sinceLast[i] = age[i] - recency[i];
    }
    int[] stage = new int[n];
    models.stageRules().assign(count, age, sinceLast, 0, n, stage);

    double[] rfmRecency = s.timeSinceLastPurchase(models.asOf());
    int[] r = new int[n];
    int[] f = new int[n];
    int[] m = new int[n];
    RfmSegment[] segment = new RfmSegment[n];
    models.rfm().score(rfmRecency, frequency, total, 0, n, r, f, m);
    models.rfm().segments(rfmRecency, frequency, total, 0, n, segment);

    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Row next() {
        if (i >= n) {
          throw new NoSuchElementException();
        }
        int k = i++;
        return RowFactory.create(
            s.customerId(k),
            frequency[k],
            recency[k],
            age[k],
            monetary[k],
            total[k],
            holdout[k],
            pAlive[k],
            expected[k],
            spend[k],
            clv[k],
            STAGES[stage[k]].name(),
            rfmRecency[k],
            r[k],
            f[k],
            m[k],
            segment[k].name(),
            litt[k]);
      }
    };
  }
}
