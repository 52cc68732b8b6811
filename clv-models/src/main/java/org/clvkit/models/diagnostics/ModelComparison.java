package org.clvkit.models.diagnostics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;

/**
 * Fitted purchase models side by side on the same calibration data: log-likelihood, AIC {@code = 2k
 * − 2 LL} and BIC {@code = k ln n − 2 LL} (k parameters, n customers), and, when a holdout period
 * was observed, the per-customer mean absolute and root-mean-square error of the holdout purchases
 * predicted from each calibration history ({@link PurchaseModel#conditionalExpectedPurchases}) and
 * the mean absolute percentage error of the cumulative tracking curve over the holdout periods.
 *
 * <p>The {@linkplain #chosen() chosen} model follows a stated rule: the lowest holdout MAE when
 * there is a holdout (out-of-sample accuracy is what the predictions are for), else the lowest BIC.
 * Ties go to the earlier model. Immutable and thread-safe.
 *
 * <pre>{@code
 * ModelComparison c = ModelComparison.of(List.of(bgnbd, pnbd), histories);
 * PurchaseModel best = c.chosenModel();
 * }</pre>
 */
public final class ModelComparison implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The rule by which the model is chosen. */
  public enum Rule {
    /** Lowest per-customer mean absolute error of holdout purchases. */
    HOLDOUT_MAE,
    /** Lowest Bayesian information criterion on the calibration data. */
    BIC
  }

  /**
   * One model's row.
   *
   * @param model the model's name
   * @param parameters number of parameters k
   * @param customers number of customers n (sum of weights)
   * @param logLikelihood the calibration log-likelihood at the estimates
   * @param aic {@code 2k − 2 LL}
   * @param bic {@code k ln n − 2 LL}
   * @param holdoutMae per-customer mean absolute error of holdout purchases, when there is a
   *     holdout
   * @param holdoutRmse per-customer root-mean-square error of holdout purchases, when there is one
   * @param trackingMape mean absolute percentage error of cumulative repeat purchases over the
   *     holdout periods (in %), when a tracking curve was given
   */
  public record Row(
      String model,
      int parameters,
      double customers,
      double logLikelihood,
      double aic,
      double bic,
      OptionalDouble holdoutMae,
      OptionalDouble holdoutRmse,
      OptionalDouble trackingMape)
      implements Serializable {}

  private final List<PurchaseModel> models;
  private final List<Row> rows;
  private final Rule rule;
  private final int chosen;

  private ModelComparison(List<PurchaseModel> models, List<Row> rows, Rule rule) {
    this.models = List.copyOf(models);
    this.rows = List.copyOf(rows);
    this.rule = rule;
    int best = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (score(rows.get(i)) < score(rows.get(best))) {
        best = i;
      }
    }
    this.chosen = best;
  }

  private double score(Row row) {
    return rule == Rule.HOLDOUT_MAE ? row.holdoutMae().getAsDouble() : row.bic();
  }

  /**
   * Compares models on calibration data alone (the rule is BIC).
   *
   * @param models at least one fitted model
   * @param calibration the histories they were fitted on
   */
  public static ModelComparison of(
      List<? extends PurchaseModel> models, CustomerHistories calibration) {
    Checks.notNull("calibration", calibration);
    List<Row> rows = new ArrayList<>();
    for (PurchaseModel m : checked(models)) {
      rows.add(information(m, calibration, OptionalDouble.empty(), OptionalDouble.empty()));
    }
    return new ModelComparison(List.copyOf(models), rows, Rule.BIC);
  }

  /**
   * Compares models on calibration data and a holdout period (the rule is holdout MAE).
   *
   * @param models at least one fitted model
   * @param frequency calibration repeat purchases per customer
   * @param recency calibration recency per customer
   * @param age calibration age per customer
   * @param holdoutPurchases purchases per customer in the holdout period, finite and &gt;= 0
   * @param holdoutLength the holdout's length in periods, &gt; 0
   * @param tracking one tracking curve per model (same order), or an empty list for none
   * @param calibrationEnd the time (on the tracking curves' axis) at which calibration ends; the
   *     tracking error is taken over the later times
   */
  public static ModelComparison withHoldout(
      List<? extends PurchaseModel> models,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] holdoutPurchases,
      double holdoutLength,
      List<RepeatPurchaseTracking> tracking,
      double calibrationEnd) {
    checked(models);
    CustomerHistories calibration = CustomerHistories.of(frequency, recency, age);
    Checks.nonNegative("holdoutPurchases", Checks.finite("holdoutPurchases", holdoutPurchases));
    Checks.sameLength("holdoutPurchases", holdoutPurchases.length, "frequency", frequency.length);
    Checks.positive("holdoutLength", holdoutLength);
    Checks.notNull("tracking", tracking);
    if (!tracking.isEmpty()) {
      Checks.sameLength("tracking", tracking.size(), "models", models.size());
    }
    Checks.finite("calibrationEnd", calibrationEnd);
    int n = frequency.length;
    double[] predicted = new double[n];
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < models.size(); k++) {
      PurchaseModel m = models.get(k);
      m.conditionalExpectedPurchases(holdoutLength, frequency, recency, age, predicted, 0, n);
      double[] errors = holdoutErrors(predicted, holdoutPurchases);
      rows.add(
          information(m, calibration, OptionalDouble.of(errors[0]), OptionalDouble.of(errors[1])));
    }
    ModelComparison c = new ModelComparison(List.copyOf(models), rows, Rule.HOLDOUT_MAE);
    if (!tracking.isEmpty()) {
      List<Row> withTracking = new ArrayList<>();
      for (int k = 0; k < rows.size(); k++) {
        Row r = rows.get(k);
        withTracking.add(
            new Row(
                r.model(),
                r.parameters(),
                r.customers(),
                r.logLikelihood(),
                r.aic(),
                r.bic(),
                r.holdoutMae(),
                r.holdoutRmse(),
                trackingMape(tracking.get(k), calibrationEnd)));
      }
      c = new ModelComparison(List.copyOf(models), withTracking, Rule.HOLDOUT_MAE);
    }
    return c;
  }

  /**
   * The row of a model compared outside this class: one whose predictions need more than (x, t_x,
   * T), such as the Pareto/GGG (each customer's sum of log inter-purchase times as well), from its
   * calibration log-likelihood and, with a holdout, its per-customer predicted holdout purchases:
   * AIC, BIC, holdout MAE and RMSE as {@link #of} and {@link #withHoldout} compute them for their
   * models, so the row stands beside theirs. It has no tracking error.
   *
   * @param model the model's name
   * @param parameters number of parameters k, &gt;= 0
   * @param customers number of customers n (sum of weights), &gt; 0
   * @param logLikelihood the calibration log-likelihood, finite
   * @param predictedHoldout predicted holdout purchases per customer, finite and &gt;= 0, or null
   *     for no holdout
   * @param holdoutPurchases actual holdout purchases per customer (same length), or null when
   *     {@code predictedHoldout} is
   */
  public static Row row(
      String model,
      int parameters,
      double customers,
      double logLikelihood,
      double[] predictedHoldout,
      double[] holdoutPurchases) {
    Checks.notNull("model", model);
    Checks.nonNegative("parameters", parameters);
    Checks.positive("customers", Checks.finite("customers", customers));
    Checks.finite("logLikelihood", logLikelihood);
    OptionalDouble mae = OptionalDouble.empty();
    OptionalDouble rmse = OptionalDouble.empty();
    if (predictedHoldout != null || holdoutPurchases != null) {
      Checks.notNull("predictedHoldout", predictedHoldout);
      Checks.notNull("holdoutPurchases", holdoutPurchases);
      Checks.notEmpty("predictedHoldout", predictedHoldout);
      Checks.nonNegative("predictedHoldout", Checks.finite("predictedHoldout", predictedHoldout));
      Checks.nonNegative("holdoutPurchases", Checks.finite("holdoutPurchases", holdoutPurchases));
      Checks.sameLength(
          "holdoutPurchases", holdoutPurchases.length, "predictedHoldout", predictedHoldout.length);
      double[] errors = holdoutErrors(predictedHoldout, holdoutPurchases);
      mae = OptionalDouble.of(errors[0]);
      rmse = OptionalDouble.of(errors[1]);
    }
    return new Row(
        model,
        parameters,
        customers,
        logLikelihood,
        2 * parameters - 2 * logLikelihood,
        parameters * Math.log(customers) - 2 * logLikelihood,
        mae,
        rmse,
        OptionalDouble.empty());
  }

  /** The per-customer mean absolute and root-mean-square error of the predictions. */
  private static double[] holdoutErrors(double[] predicted, double[] actual) {
    int n = predicted.length;
    double absolute = 0;
    double squared = 0;
    for (int i = 0; i < n; i++) {
      double e = predicted[i] - actual[i];
      absolute += Math.abs(e);
      squared += e * e;
    }
    return new double[] {absolute / n, Math.sqrt(squared / n)};
  }

  private static List<? extends PurchaseModel> checked(List<? extends PurchaseModel> models) {
    Checks.notNull("models", models);
    if (models.isEmpty()) {
      throw Checks.fail("models must hold at least 1 model, was empty");
    }
    for (int i = 0; i < models.size(); i++) {
      Checks.notNull(Checks.indexed("models", i), models.get(i));
    }
    return models;
  }

  private static Row information(
      PurchaseModel m, CustomerHistories data, OptionalDouble mae, OptionalDouble rmse) {
    CustomerHistories c = data.compressed();
    double ll = 0;
    for (int i = 0; i < c.size(); i++) {
      ll += c.weight(i) * m.logLikelihood(c.frequency(i), c.recency(i), c.age(i));
    }
    Checks.finite(m.name() + " log-likelihood", ll);
    int k = m.parameterValues().length;
    double n = c.totalWeight();
    return new Row(
        m.name(),
        k,
        n,
        ll,
        2 * k - 2 * ll,
        k * Math.log(n) - 2 * ll,
        mae,
        rmse,
        OptionalDouble.empty());
  }

  private static OptionalDouble trackingMape(RepeatPurchaseTracking t, double calibrationEnd) {
    double sum = 0;
    int count = 0;
    for (int k = 0; k < t.size(); k++) {
      if (t.time(k) > calibrationEnd && t.actualCumulative(k) > 0) {
        sum += Math.abs(t.expectedCumulative(k) - t.actualCumulative(k)) / t.actualCumulative(k);
        count++;
      }
    }
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(100 * sum / count);
  }

  /** The rows, in the order of the models given. */
  public List<Row> rows() {
    return rows;
  }

  /** The models, in the order given. */
  public List<PurchaseModel> models() {
    return models;
  }

  /** The rule used to choose. */
  public Rule rule() {
    return rule;
  }

  /** The index of the chosen model. */
  public int chosen() {
    return chosen;
  }

  /** The chosen model. */
  public PurchaseModel chosenModel() {
    return models.get(chosen);
  }

  /**
   * The table as CSV: {@code model,parameters,customers,log_likelihood,aic,bic,holdout_mae,...}.
   */
  public String toCsv() {
    return toCsv(List.of());
  }

  /**
   * The table as CSV ({@link #toCsv()}) with rows made outside the comparison ({@link #row}, such
   * as the Pareto/GGG's) after its own, never the chosen one.
   *
   * @param outside the rows to append, in order
   */
  public String toCsv(List<Row> outside) {
    Checks.notNull("outside", outside);
    for (int i = 0; i < outside.size(); i++) {
      Checks.notNull(Checks.indexed("outside", i), outside.get(i));
    }
    List<Row> all = new ArrayList<>(rows);
    all.addAll(outside);
    StringBuilder out =
        new StringBuilder(
            "model,parameters,customers,log_likelihood,aic,bic,holdout_mae,holdout_rmse,"
                + "tracking_mape_pct,chosen\n");
    for (int i = 0; i < all.size(); i++) {
      Row r = all.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%.0f,%.6f,%.6f,%.6f,%s,%s,%s,%s%n",
              r.model(),
              r.parameters(),
              r.customers(),
              r.logLikelihood(),
              r.aic(),
              r.bic(),
              text(r.holdoutMae()),
              text(r.holdoutRmse()),
              text(r.trackingMape()),
              i == chosen));
    }
    return out.toString();
  }

  private static String text(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.6f", v.getAsDouble()) : "";
  }
}
