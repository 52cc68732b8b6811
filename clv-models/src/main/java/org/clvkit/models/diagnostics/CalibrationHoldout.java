package org.clvkit.models.diagnostics;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.models.PurchaseModel;

/**
 * Calibration versus holdout: customers grouped by their number of repeat purchases in calibration
 * (0, 1, …, k−1 and k or more), with the mean number of purchases each group actually made in the
 * holdout period and the mean the model predicted from their calibration histories, {@link
 * PurchaseModel#conditionalExpectedPurchases(double, double, double, double)} over the holdout
 * length (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way", figure 4).
 * Immutable and thread-safe; accessors return copies.
 *
 * <p>Groups without customers are left out, so every mean is defined: the table has {@link #size()}
 * rows, row {@code i} being the group of {@link #frequency(int)} repeat purchases (or more, for the
 * last group when {@link #isOpen(int)}).
 *
 * <pre>{@code
 * CalibrationHoldout check = CalibrationHoldout.of(model, summaries, 7);
 * String csv = check.toCsv(); // frequency,customers,actual,predicted / 0,1411,0.236,0.225 / …
 * }</pre>
 */
public final class CalibrationHoldout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest last group accepted, which bounds the size of the table. */
  public static final int MAX_LAST_BUCKET = 10_000;

  private final int lastBucket;
  private final double holdoutLength;
  private final int[] frequency;
  private final double[] customers;
  private final double[] meanActual;
  private final double[] meanPredicted;

  private CalibrationHoldout(
      int lastBucket,
      double holdoutLength,
      int[] frequency,
      double[] customers,
      double[] meanActual,
      double[] meanPredicted) {
    this.lastBucket = lastBucket;
    this.holdoutLength = holdoutLength;
    this.frequency = frequency;
    this.customers = customers;
    this.meanActual = meanActual;
    this.meanPredicted = meanPredicted;
  }

  /**
   * Compares a model's holdout predictions with what the customers did, one row per customer.
   *
   * @param model the model fitted on the calibration histories
   * @param frequency calibration repeat purchases x per customer
   * @param recency calibration recency t_x per customer
   * @param age calibration age T per customer
   * @param holdoutPurchases purchases per customer in the holdout period, whole numbers &gt;= 0
   * @param holdoutLength the length of the holdout period, finite and &gt; 0, in the model's period
   * @param lastBucket k: groups 0 … k−1 hold customers with exactly that many calibration repeat
   *     purchases, group k those with k or more; in [1, {@value #MAX_LAST_BUCKET}]
   * @return the groups with their mean actual and predicted holdout purchases
   */
  public static CalibrationHoldout of(
      PurchaseModel model,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] holdoutPurchases,
      double holdoutLength,
      int lastBucket) {
    Checks.notNull("model", model);
    Checks.notEmpty("frequency", frequency);
    Checks.notNull("holdoutPurchases", holdoutPurchases);
    Checks.sameLength("holdoutPurchases", holdoutPurchases.length, "frequency", frequency.length);
    Checks.positive("holdoutLength", holdoutLength);
    Checks.integerInRange("lastBucket", lastBucket, 1, MAX_LAST_BUCKET);
    int n = frequency.length;
    for (int i = 0; i < n; i++) {
      Checks.count(Checks.indexed("holdoutPurchases", i), holdoutPurchases[i]);
    }
    // Validates the histories row by row with the model's messages.
    double[] predicted = new double[n];
    model.conditionalExpectedPurchases(holdoutLength, frequency, recency, age, predicted, 0, n);
    return grouped(frequency, predicted, holdoutPurchases, holdoutLength, lastBucket);
  }

  /**
   * Compares per-customer holdout predictions made elsewhere with what the customers did: for a
   * model whose predictions need more than (x, t_x, T), such as the Pareto/GGG (each customer's sum
   * of log inter-purchase times as well). The groups and means are those {@link #of(PurchaseModel,
   * double[], double[], double[], double[], double, int)} makes from a model's own predictions.
   *
   * @param frequency calibration repeat purchases x per customer, whole numbers &gt;= 0
   * @param predicted the predicted purchases in the holdout period per customer, finite and &gt;= 0
   * @param holdoutPurchases purchases per customer in the holdout period, whole numbers &gt;= 0
   * @param holdoutLength the length of the holdout period, finite and &gt; 0
   * @param lastBucket k, as for {@link #of(PurchaseModel, double[], double[], double[], double[],
   *     double, int)}
   */
  public static CalibrationHoldout ofPredictions(
      double[] frequency,
      double[] predicted,
      double[] holdoutPurchases,
      double holdoutLength,
      int lastBucket) {
    Checks.notEmpty("frequency", frequency);
    Checks.notNull("predicted", predicted);
    Checks.notNull("holdoutPurchases", holdoutPurchases);
    Checks.sameLength("predicted", predicted.length, "frequency", frequency.length);
    Checks.sameLength("holdoutPurchases", holdoutPurchases.length, "frequency", frequency.length);
    Checks.positive("holdoutLength", Checks.finite("holdoutLength", holdoutLength));
    Checks.integerInRange("lastBucket", lastBucket, 1, MAX_LAST_BUCKET);
    Checks.nonNegative("predicted", Checks.finite("predicted", predicted));
    for (int i = 0; i < frequency.length; i++) {
      Checks.count(Checks.indexed("frequency", i), frequency[i]);
      Checks.count(Checks.indexed("holdoutPurchases", i), holdoutPurchases[i]);
    }
    return grouped(frequency, predicted, holdoutPurchases, holdoutLength, lastBucket);
  }

  private static CalibrationHoldout grouped(
      double[] frequency,
      double[] predicted,
      double[] holdoutPurchases,
      double holdoutLength,
      int lastBucket) {
    int n = frequency.length;
    double[] count = new double[lastBucket + 1];
    double[] actualSum = new double[lastBucket + 1];
    double[] predictedSum = new double[lastBucket + 1];
    for (int i = 0; i < n; i++) {
      int b = (int) Math.min(frequency[i], lastBucket);
      count[b]++;
      actualSum[b] += holdoutPurchases[i];
      predictedSum[b] += predicted[i];
    }
    int groups = 0;
    for (double c : count) {
      groups += c > 0 ? 1 : 0;
    }
    int[] f = new int[groups];
    double[] c = new double[groups];
    double[] a = new double[groups];
    double[] p = new double[groups];
    int g = 0;
    for (int b = 0; b <= lastBucket; b++) {
      if (count[b] > 0) {
        f[g] = b;
        c[g] = count[b];
        a[g] = actualSum[b] / count[b];
        p[g] = predictedSum[b] / count[b];
        g++;
      }
    }
    return new CalibrationHoldout(lastBucket, holdoutLength, f, c, a, p);
  }

  /**
   * Compares a model's holdout predictions with the holdout purchases of transaction-log summaries
   * made with a holdout period ({@link org.clvkit.core.data.SummaryOptions#withHoldoutUntil}); the
   * holdout length is theirs, in their time unit, which must be the model's.
   *
   * @param model the model fitted on the summaries' calibration histories
   * @param summaries summaries with a holdout period
   * @param lastBucket k, as for {@link #of(PurchaseModel, double[], double[], double[], double[],
   *     double, int)}
   */
  public static CalibrationHoldout of(
      PurchaseModel model, CustomerSummaries summaries, int lastBucket) {
    Checks.notNull("summaries", summaries);
    if (!summaries.hasHoldout()) {
      throw Checks.fail(
          "summaries must have a holdout period (SummaryOptions.withHoldoutUntil), had none");
    }
    return of(
        model,
        summaries.frequency(),
        summaries.recency(),
        summaries.age(),
        summaries.holdoutPurchases(),
        summaries.holdoutLength(),
        lastBucket);
  }

  /** k: the last group holds customers with k or more calibration repeat purchases. */
  public int lastBucket() {
    return lastBucket;
  }

  /** The holdout length the predictions are for, in the model's period. */
  public double holdoutLength() {
    return holdoutLength;
  }

  /** The number of groups with customers, the rows of the table. */
  public int size() {
    return frequency.length;
  }

  /**
   * The calibration repeat purchases of row {@code i}'s group (its lower end when {@link
   * #isOpen(int)}).
   *
   * @param i in [0, size − 1]
   */
  public int frequency(int i) {
    return frequency[Checks.index("i", i, frequency.length)];
  }

  /**
   * Whether row {@code i} is the open group of k or more purchases.
   *
   * @param i in [0, size − 1]
   */
  public boolean isOpen(int i) {
    return frequency(i) == lastBucket;
  }

  /**
   * Row {@code i}'s label: {@code "n"}, or {@code "k+"} for the open group.
   *
   * @param i in [0, size − 1]
   */
  public String label(int i) {
    return isOpen(i) ? frequency(i) + "+" : Integer.toString(frequency(i));
  }

  /**
   * The number of customers in row {@code i}'s group, &gt; 0.
   *
   * @param i in [0, size − 1]
   */
  public double customers(int i) {
    return customers[Checks.index("i", i, customers.length)];
  }

  /**
   * The group's mean actual holdout purchases.
   *
   * @param i in [0, size − 1]
   */
  public double meanActual(int i) {
    return meanActual[Checks.index("i", i, meanActual.length)];
  }

  /**
   * The group's mean predicted holdout purchases.
   *
   * @param i in [0, size − 1]
   */
  public double meanPredicted(int i) {
    return meanPredicted[Checks.index("i", i, meanPredicted.length)];
  }

  /** The groups' calibration repeat purchases, as a copy. */
  public int[] frequency() {
    return frequency.clone();
  }

  /** The groups' numbers of customers, as a copy. */
  public double[] customers() {
    return customers.clone();
  }

  /** The groups' mean actual holdout purchases, as a copy. */
  public double[] meanActual() {
    return meanActual.clone();
  }

  /** The groups' mean predicted holdout purchases, as a copy. */
  public double[] meanPredicted() {
    return meanPredicted.clone();
  }

  /** Total actual holdout purchases over all customers. */
  public double totalActual() {
    double sum = 0;
    for (int i = 0; i < customers.length; i++) {
      sum += customers[i] * meanActual[i];
    }
    return sum;
  }

  /** Total predicted holdout purchases over all customers. */
  public double totalPredicted() {
    double sum = 0;
    for (int i = 0; i < customers.length; i++) {
      sum += customers[i] * meanPredicted[i];
    }
    return sum;
  }

  /**
   * The table as CSV: a header {@code frequency,customers,actual,predicted}, then one line per
   * group, the open group labelled {@code k+}; lines end in {@code \n}.
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder("frequency,customers,actual,predicted\n");
    for (int i = 0; i < frequency.length; i++) {
      out.append(label(i)).append(',');
      Csv.number(out, customers[i]).append(',');
      Csv.number(out, meanActual[i]).append(',');
      Csv.number(out, meanPredicted[i]).append('\n');
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalibrationHoldout other
        && lastBucket == other.lastBucket
        && Double.compare(holdoutLength, other.holdoutLength) == 0
        && Arrays.equals(frequency, other.frequency)
        && Arrays.equals(customers, other.customers)
        && Arrays.equals(meanActual, other.meanActual)
        && Arrays.equals(meanPredicted, other.meanPredicted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(meanActual) * 31 + Arrays.hashCode(meanPredicted);
  }

  @Override
  public String toString() {
    return "CalibrationHoldout[holdoutLength="
        + holdoutLength
        + ", frequency="
        + Arrays.toString(frequency)
        + ", customers="
        + Arrays.toString(customers)
        + ", meanActual="
        + Arrays.toString(meanActual)
        + ", meanPredicted="
        + Arrays.toString(meanPredicted)
        + "]";
  }
}
