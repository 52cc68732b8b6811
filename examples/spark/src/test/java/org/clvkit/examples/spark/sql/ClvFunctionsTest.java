package org.clvkit.examples.spark.sql;

import static org.clvkit.testing.ClvAssertions.assertRejects;
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
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.examples.spark.CdnowSummaries;
import org.clvkit.examples.spark.LocalSpark;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Model;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.cnbd.MbgCnbdFitter;
import org.clvkit.models.cnbd.MbgCnbdModel;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.testing.Tolerance;
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
    assertQueryEqualsSingleJvm(
        expected,
        Tolerance.ulps(0),
        "summaries",
        cdnow.ids,
        cdnow.frequency,
        cdnow.recency,
        cdnow.age,
        cdnow.monetary);
  }

  void assertQueryEqualsSingleJvm(
      CustomerLifetimeValue expected, Tolerance tolerance, String view, CustomerSummaries s) {
    assertQueryEqualsSingleJvm(
        expected,
        tolerance,
        view,
        s.customerIds().toArray(new String[0]),
        s.frequency(),
        s.recency(),
        s.age(),
        s.monetaryValue());
  }

  /**
   * Every function's value for every customer of the view, against {@code expected}'s methods on
   * the customer columns.
   */
  void assertQueryEqualsSingleJvm(
      CustomerLifetimeValue expected,
      Tolerance tolerance,
      String view,
      String[] ids,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] monetary) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : spark.sql(QUERY.replace("FROM summaries", "FROM " + view)).collectAsList()) {
      rows.put(row.getString(0), row);
    }
    assertEquals(ids.length, rows.size());
    for (int i = 0; i < ids.length; i++) {
      Row row = rows.get(ids[i]);
      double x = frequency[i];
      double tx = recency[i];
      double t = age[i];
      double m = monetary[i];
      String who = "customer " + ids[i] + " ";
      tolerance.check(
          who + "P(alive)", expected.purchaseModel().probabilityAlive(x, tx, t), row.getDouble(1));
      tolerance.check(
          who + "expected purchases",
          expected.purchaseModel().conditionalExpectedPurchases(39, x, tx, t),
          row.getDouble(2));
      tolerance.check(
          who + "discounted purchases",
          expected.purchaseModel().discountedExpectedPurchases(52, 0.01, x, tx, t),
          row.getDouble(3));
      tolerance.check(
          who + "expected spend",
          expected.spendModel().conditionalExpectedSpend(x, m),
          row.getDouble(4));
      tolerance.check(
          who + "CLV", expected.conditionalValue(52, 0.01, x, tx, t, m), row.getDouble(5));
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

  /**
   * The model chosen by id and fitted on the summaries table: the Pareto/NBD's functions give the
   * values of the single-JVM {@link ParetoNbdFitter} fit on the same customers to 1e-12 (the
   * parameters agree to 1e-12 relative; the pattern table is summed in the single JVM's order).
   */
  @Test
  void register_paretoNbdById_sqlEqualsSingleJvmFit() {
    CustomerLifetimeValue bound =
        ClvFunctions.register(spark, cdnow.frame(spark), ParetoNbdModel.TYPE.id(), MARGIN);
    ParetoNbdModel single = ParetoNbdFitter.create().fit(cdnow.frequency, cdnow.recency, cdnow.age);
    assertParametersAgree(single, bound.purchaseModel());
    assertParametersAgree(value.spendModel(), bound.spendModel());
    assertQueryEqualsSingleJvm(
        CustomerLifetimeValue.of(single, value.spendModel(), MARGIN),
        CLOSE,
        "summaries",
        cdnow.ids,
        cdnow.frequency,
        cdnow.recency,
        cdnow.age,
        cdnow.monetary);
  }

  /**
   * The MBG/CNBD-k chosen by id, on summaries with a litt column (the sum of log inter-purchase
   * times; {@link CdnowLogSummaries}): its fitter chooses k from litt, and the functions give the
   * values of the single-JVM {@link MbgCnbdFitter} and {@link GammaGammaFitter} fits on the same
   * summaries to 1e-12.
   */
  @Test
  void register_mbgCnbdById_withLitt_sqlEqualsSingleJvmFit() {
    CustomerSummaries s = CdnowLogSummaries.read();
    CdnowLogSummaries.frame(spark, s).createOrReplaceTempView("log_summaries");
    CustomerLifetimeValue bound =
        ClvFunctions.register(spark, spark.table("log_summaries"), "mbgcnbd", MARGIN);
    MbgCnbdModel single =
        MbgCnbdFitter.create()
            .fit(CustomerHistories.of(s.frequency(), s.recency(), s.age()), s.litt());
    GammaGammaModel spend = GammaGammaFitter.create().fit(s.frequency(), s.monetaryValue());
    assertEquals(single.k(), MbgCnbdModel.TYPE.cast(bound.purchaseModel()).k());
    assertParametersAgree(single, bound.purchaseModel());
    assertParametersAgree(spend, bound.spendModel());
    assertQueryEqualsSingleJvm(
        CustomerLifetimeValue.of(single, spend, MARGIN), CLOSE, "log_summaries", s);
  }

  /** A model whose fitter needs litt, asked for on a table without it: refused, naming both. */
  @Test
  void register_littModelWithoutLittColumn_refusedNamingModelAndColumn() {
    assertRejects(
        "summaries must have a litt column to fit bgcnbd (BG/CNBD-k), had columns"
            + " [customer_id, frequency, recency, age, monetary_value]",
        () -> ClvFunctions.register(spark, cdnow.frame(spark), "bgcnbd", MARGIN));
    assertRejects(
        "summaries must have a recency column to fit pnbd (Pareto/NBD), had columns"
            + " [customer_id, frequency, age]",
        () ->
            ClvFunctions.register(
                spark, cdnow.frame(spark).select("customer_id", "frequency", "age"), "pnbd", 1));
  }

  /** Discrete-time models are not what the functions compute: refused by id and as a model. */
  @Test
  void register_discreteTimeModel_refused() {
    String ids = "bgnbd, mbgnbd, pnbd, nbd, ggomnbd, mbgcnbd, bgcnbd, pnbd-hb";
    assertRejects(
        "model must be one of " + ids + ", was bgbb",
        () -> ClvFunctions.register(spark, cdnow.frame(spark), "bgbb", MARGIN));
    assertRejects(
        "purchase model must be one of " + ids + ", was bgbb",
        () ->
            ClvFunctions.register(
                spark,
                CustomerLifetimeValue.of(
                    BgBbModel.TYPE.model(1.2, 0.75, 0.66, 2.78), value.spendModel(), MARGIN)));
  }

  static final Tolerance CLOSE = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-12));

  static void assertParametersAgree(Model expected, Model actual) {
    assertEquals(expected.type(), actual.type());
    double[] e = expected.parameterValues();
    double[] a = actual.parameterValues();
    for (int k = 0; k < e.length; k++) {
      CLOSE.check(expected.name() + " " + expected.parameterNames().get(k), e[k], a[k]);
    }
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
