package org.clvkit.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale test of issue 7: 200,000 synthetic customers (about 400,000 transactions) go through
 * the whole job on {@code local[2]}: generated in Spark from a seeded BG/NBD and Gamma-Gamma
 * simulation with CDNOW's published parameters (BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426
 * per week, Fader, Hardie and Lee 2005; Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44, Fader and Hardie
 * 2013), written as Parquet with a {@code DATE} column, then read, summarised, fitted, scored and
 * written. Checks: every customer and row accounted for, every score in its domain, and the
 * parameters recovered from the simulated data (tolerances below: the sampling error at this size
 * and the bias of rounding purchase times down to whole days). Measured with this seed: 413,592
 * rows, 48,063 BG/NBD patterns; r 0.2472 (+1.7 %), α 4.680 (+6.0 %), a 0.7825 (−1.3 %), b 2.4252
 * (−0.03 %); Gamma-Gamma p 5.943 (−4.9 %), mean spend pγ/(q − 1) +0.6 %.
 */
class SyntheticSparkJobTest {
  static final int CUSTOMERS = 200_000;
  static final BgNbdParameters TRUE_PURCHASES = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
  static final GammaGammaParameters TRUE_SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);
  static final LocalDate END = LocalDate.of(1997, 9, 30);

  @TempDir Path dir;

  @Test
  void run_200kSyntheticCustomers_scoresEveryCustomerAndRecoversParameters() {
    SparkSession spark = LocalSpark.session();
    SyntheticLog log =
        new SyntheticLog(
            TRUE_PURCHASES, TRUE_SPEND, CUSTOMERS, LocalDate.of(1997, 1, 1), 84, END, 20_261_123L);
    String input = dir.resolve("log.parquet").toString();
    log.transactions(spark, 4).write().parquet(input);
    long rows = spark.read().parquet(input).count();

    String output = dir.resolve("scores").toString();
    JobResult result =
        ClvSparkJob.run(
            spark,
            JobSettings.builder(
                    input,
                    JobSettings.Format.PARQUET,
                    output,
                    SummaryOptions.of(TimeScale.WEEKS, END))
                .horizon(52)
                .discountRate(0.002)
                .margin(0.25)
                .partitions(4)
                .build());

    assertEquals(rows, result.rows());
    assertEquals(PolicyCounts.NONE, result.policyCounts());
    assertEquals(CUSTOMERS, result.customers());
    assertEquals(0, result.holdoutOnlyCustomers());
    assertTrue(result.purchasePatterns() < CUSTOMERS, "patterns compress the customers");

    Row check =
        spark
            .read()
            .parquet(output)
            .agg(
                count(col("customer_id")),
                countDistinct(col("customer_id")),
                min("p_alive"),
                max("p_alive"),
                min("expected_purchases"),
                min("expected_spend"),
                min("clv"),
                sum("frequency"))
            .first();
    assertEquals(CUSTOMERS, check.getLong(0));
    assertEquals(CUSTOMERS, check.getLong(1));
    assertTrue(check.getDouble(2) >= 0 && check.getDouble(3) <= 1, "P(alive) in [0, 1]");
    assertTrue(check.getDouble(4) >= 0, "expected purchases >= 0");
    assertTrue(check.getDouble(5) > 0, "expected spend > 0");
    assertTrue(check.getDouble(6) >= 0, "CLV >= 0");
    // Every row is a purchase on a distinct day or merged into one: repeats + firsts <= rows.
    assertTrue(check.getDouble(7) + CUSTOMERS <= rows, "repeat purchases fit in the log");

    BgNbdParameters fitted = BgNbdModel.TYPE.cast(result.models().purchases()).parameters();
    Tolerance.relative(0.10).check("r", TRUE_PURCHASES.r(), fitted.r());
    Tolerance.relative(0.10).check("alpha", TRUE_PURCHASES.alpha(), fitted.alpha());
    Tolerance.relative(0.15).check("a", TRUE_PURCHASES.a(), fitted.a());
    Tolerance.relative(0.15).check("b", TRUE_PURCHASES.b(), fitted.b());
    GammaGammaParameters spend = result.models().spend().parameters();
    // p, q and γ are weakly identified one by one; the mean spend pγ/(q − 1) is well determined.
    double trueMean = TRUE_SPEND.p() * TRUE_SPEND.gamma() / (TRUE_SPEND.q() - 1);
    Tolerance.relative(0.03)
        .check("mean spend", trueMean, spend.p() * spend.gamma() / (spend.q() - 1));
    Tolerance.relative(0.15).check("p", TRUE_SPEND.p(), spend.p());
  }
}
