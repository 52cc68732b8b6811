package org.clvkit.models.diagnostics;

import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;

/**
 * The period-transactions histogram: how many customers made 0, 1, …, k−1 and k or more repeat
 * purchases in calibration, actually and according to the model (Fader, Hardie &amp; Lee 2005,
 * "Counting your customers the easy way", figure 2; the "period transactions" plot of the BTYD
 * software). Immutable and thread-safe; accessors return copies.
 *
 * <p>The expected number of customers with n repeat purchases is {@code Σ_i w_i · P(X(T_i) = n)}
 * over the customers (or patterns with weights w_i), each with its own age T_i, from {@link
 * PurchaseModel#probabilityOfPurchases(int, double)}; the last bucket holds the rest, {@code Σ_i
 * w_i · (1 − Σ_{n<k} P(X(T_i) = n))}, so the expected counts sum to the number of customers. The
 * probabilities depend on the age only, so they are computed once per distinct age.
 *
 * <p>Example, the table behind the chart:
 *
 * <pre>{@code
 * PeriodTransactions histogram = PeriodTransactions.of(model, histories, 7);
 * String csv = histogram.toCsv(); // purchases,actual,expected / 0,1411,1423.9 / … / 7+,…
 * }</pre>
 */
public final class PeriodTransactions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest last bucket accepted, which bounds the work and the size of the table. */
  public static final int MAX_LAST_BUCKET = 10_000;

  private final double[] actual;
  private final double[] expected;
  private final double customers;

  private PeriodTransactions(double[] actual, double[] expected, double customers) {
    this.actual = actual;
    this.expected = expected;
    this.customers = customers;
  }

  /**
   * Computes the histogram of a model on calibration data.
   *
   * @param model the fitted model
   * @param data the calibration histories the model describes (with weights for patterns)
   * @param lastBucket k: buckets 0 … k−1 count exactly that many repeat purchases, bucket k counts
   *     k or more; in [1, {@value #MAX_LAST_BUCKET}]
   * @return the actual and expected counts of customers per bucket
   */
  public static PeriodTransactions of(PurchaseModel model, CustomerHistories data, int lastBucket) {
    Checks.notNull("model", model);
    Checks.notNull("data", data);
    Checks.integerInRange("lastBucket", lastBucket, 1, MAX_LAST_BUCKET);
    int rows = data.size();
    double[] actual = new double[lastBucket + 1];
    for (int i = 0; i < rows; i++) {
      actual[(int) Math.min(data.frequency(i), lastBucket)] += data.weight(i);
    }

    // The probabilities depend only on the age: group the weights by distinct age.
    double[] ages = data.ageColumn();
    for (int i = 0; i < rows; i++) {
      ages[i] += 0.0; // -0.0 becomes 0.0, so that sorting and searching see one zero
    }
    Arrays.sort(ages);
    int distinct = 0;
    for (int i = 0; i < rows; i++) {
      if (i == 0 || ages[i] != ages[distinct - 1]) {
        ages[distinct++] = ages[i];
      }
    }
    double[] weightByAge = new double[distinct];
    for (int i = 0; i < rows; i++) {
      weightByAge[Arrays.binarySearch(ages, 0, distinct, data.age(i) + 0.0)] += data.weight(i);
    }

    double[] expected = new double[lastBucket + 1];
    for (int j = 0; j < distinct; j++) {
      double w = weightByAge[j];
      if (w == 0) {
        continue;
      }
      double cumulative = 0;
      for (int n = 0; n < lastBucket; n++) {
        double p = model.probabilityOfPurchases(n, ages[j]);
        cumulative += p;
        expected[n] += w * p;
      }
      expected[lastBucket] += w * Math.max(0, 1 - cumulative);
    }
    return new PeriodTransactions(actual, expected, data.totalWeight());
  }

  /** k: the index of the last bucket, which counts customers with k or more repeat purchases. */
  public int lastBucket() {
    return actual.length - 1;
  }

  /** The number of customers (the sum of the data's weights). */
  public double customers() {
    return customers;
  }

  /**
   * The bucket's label: {@code "n"} for the exact buckets, {@code "k+"} for the last.
   *
   * @param bucket in [0, k]
   */
  public String label(int bucket) {
    Checks.index("bucket", bucket, actual.length);
    return bucket == lastBucket() ? bucket + "+" : Integer.toString(bucket);
  }

  /**
   * Customers with that many repeat purchases in the data (weights summed).
   *
   * @param bucket in [0, k]
   */
  public double actual(int bucket) {
    return actual[Checks.index("bucket", bucket, actual.length)];
  }

  /**
   * Customers the model expects with that many repeat purchases.
   *
   * @param bucket in [0, k]
   */
  public double expected(int bucket) {
    return expected[Checks.index("bucket", bucket, expected.length)];
  }

  /** The actual counts of buckets 0 … k, as a copy. */
  public double[] actual() {
    return actual.clone();
  }

  /** The expected counts of buckets 0 … k, as a copy. */
  public double[] expected() {
    return expected.clone();
  }

  /**
   * The table as CSV: a header {@code purchases,actual,expected}, then one line per bucket, the
   * last labelled {@code k+}; lines end in {@code \n}.
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder("purchases,actual,expected\n");
    for (int n = 0; n < actual.length; n++) {
      out.append(label(n)).append(',');
      Csv.number(out, actual[n]).append(',');
      Csv.number(out, expected[n]).append('\n');
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeriodTransactions other
        && Arrays.equals(actual, other.actual)
        && Arrays.equals(expected, other.expected)
        && Double.compare(customers, other.customers) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(actual) + Arrays.hashCode(expected);
  }

  @Override
  public String toString() {
    return "PeriodTransactions[customers="
        + customers
        + ", actual="
        + Arrays.toString(actual)
        + ", expected="
        + Arrays.toString(expected)
        + "]";
  }
}
