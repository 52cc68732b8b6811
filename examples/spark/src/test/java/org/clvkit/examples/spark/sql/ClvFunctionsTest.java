package org.clvkit.examples.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.examples.spark.CdnowSummaries;
import org.clvkit.examples.spark.LocalSpark;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL path: {@link ClvFunctions#register} and a {@code SELECT} over the CDNOW calibration
 * summary (2,357 customers, weeks) give, customer by customer, exactly what the models'
 * per-customer methods give in one JVM (the functions call those methods on the same doubles).
 * Reference: the single-JVM fits of {@link BgNbdFitter} and {@link GammaGammaFitter}; the
 * registration from model files must bind the same models.
 */
class ClvFunctionsTest {
  static final double MARGIN = 0.3;

  @TempDir static Path dir;
  static SparkSession spark;
  static CdnowSummaries cdnow;
  static CustomerLifetimeValue value;

  @BeforeAll
  static void prepare() {
    spark = LocalSpark.session();
    cdnow = CdnowSummaries.read();
    cdnow.frame(spark).createOrReplaceTempView("summaries");
    BgNbdModel purchases = BgNbdFitter.create().fit(cdnow.frequency, cdnow.recency, cdnow.age);
    GammaGammaModel spend = GammaGammaFitter.create().fit(cdnow.frequency, cdnow.monetary);
    value = CustomerLifetimeValue.of(purchases, spend, MARGIN);
  }

  static final String QUERY =
      "SELECT customer_id, clv_p_alive(frequency, recency, age) AS p_alive,"
          + " clv_expected_purchases(39, frequency, recency, age) AS purchases,"
          + " clv_discounted_purchases(52, 0.01, frequency, recency, age) AS discounted,"
          + " clv_expected_spend(frequency, monetary_value) AS spend,"
          + " clv_value(52, 0.01, frequency, recency, age, monetary_value) AS clv"
          + " FROM summaries";

  void assertQueryEqualsSingleJvm(CustomerLifetimeValue expected) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : spark.sql(QUERY).collectAsList()) {
      rows.put(row.getString(0), row);
    }
    assertEquals(cdnow.size(), rows.size());
    for (int i = 0; i < cdnow.size(); i++) {
      Row row = rows.get(cdnow.ids[i]);
      double x = cdnow.frequency[i];
      double tx = cdnow.recency[i];
      double t = cdnow.age[i];
      double m = cdnow.monetary[i];
      assertEquals(expected.purchaseModel().probabilityAlive(x, tx, t), row.getDouble(1), 0.0);
      assertEquals(
          expected.purchaseModel().conditionalExpectedPurchases(39, x, tx, t),
          row.getDouble(2),
          0.0);
      assertEquals(
          expected.purchaseModel().discountedExpectedPurchases(52, 0.01, x, tx, t),
          row.getDouble(3),
          0.0);
      assertEquals(expected.spendModel().conditionalExpectedSpend(x, m), row.getDouble(4), 0.0);
      assertEquals(expected.conditionalValue(52, 0.01, x, tx, t, m), row.getDouble(5), 0.0);
    }
  }

  @Test
  void register_models_sqlEqualsPerCustomerMethods() {
    ClvFunctions.register(spark, value);
    assertQueryEqualsSingleJvm(value);
  }

  @Test
  void register_modelFiles_bindsTheSavedModels() throws IOException {
    ParetoNbdModel pareto = ParetoNbdFitter.create().fit(cdnow.frequency, cdnow.recency, cdnow.age);
    Path purchases = dir.resolve("pareto.properties");
    Path spend = dir.resolve("gamma-gamma.properties");
    ModelFiles.save(pareto, Provenance.now("week"), purchases);
    ModelFiles.save(value.spendModel(), Provenance.now("week"), spend);
    ClvFunctions.register(spark, purchases.toString(), spend.toString(), MARGIN);
    CustomerLifetimeValue loaded =
        CustomerLifetimeValue.of(
            ModelFiles.load(purchases, ParetoNbdModel.class).model(),
            ModelFiles.load(spend, GammaGammaModel.class).model(),
            MARGIN);
    assertQueryEqualsSingleJvm(loaded);
  }

  @Test
  void functions_nullArgument_giveNull() {
    ClvFunctions.register(spark, value);
    Row row =
        spark
            .sql(
                "SELECT clv_p_alive(NULL, 1.0, 2.0), clv_expected_spend(2, CAST(NULL AS DOUBLE)),"
                    + " clv_value(52, 0.0, 1, 1.0, 2.0, NULL)")
            .collectAsList()
            .get(0);
    assertNull(row.get(0));
    assertNull(row.get(1));
    assertNull(row.get(2));
  }

  @Test
  void value_fractionalPeriods_failsTheQueryNamingPeriods() {
    ClvFunctions.register(spark, value);
    Exception e =
        assertThrows(
            Exception.class,
            () -> spark.sql("SELECT clv_value(1.5, 0.0, 1, 1.0, 2.0, 10.0)").collectAsList());
    assertEquals("periods must be a whole number >= 0, was 1.5", clvCause(e).getMessage());
  }

  @Test
  void names_listEveryRegisteredFunction() {
    ClvFunctions.register(spark, value);
    for (String name : ClvFunctions.NAMES) {
      assertEquals(
          List.of(name),
          spark.sql("SHOW USER FUNCTIONS LIKE '" + name + "'").collectAsList().stream()
              .map(r -> r.getString(0))
              .toList());
    }
  }

  static ClvArgumentException clvCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClvArgumentException bad) {
        return bad;
      }
    }
    throw new AssertionError("no ClvArgumentException in " + e, e);
  }
}
