package org.clvkit.models.gammagamma;

import java.io.Serializable;
import java.util.Locale;
import org.clvkit.core.Checks;

/**
 * The Pearson correlation between purchase frequency and mean spend among repeat customers, the
 * check of the Gamma-Gamma model's assumption that the two are independent (Fader and Hardie 2013,
 * "The Gamma-Gamma model of monetary value", who find a weak correlation for CDNOW and treat it as
 * negligible; it is 0.114 over its 946 repeat customers).
 *
 * <p>The verdict uses a fixed threshold: |r| &lt; {@value #THRESHOLD} (below a "medium" correlation
 * in Cohen's 1988 conventions) counts as weak enough for the model; a larger |r| means that spend
 * per transaction changes with frequency and the model's conditional expected spend is biased for
 * light or heavy buyers. A weak correlation is necessary, not sufficient, for independence.
 *
 * @param correlation the (weighted) Pearson correlation of x and m̄ over the repeat customers, in
 *     [-1, 1]
 * @param customers the number of repeat customers it was computed over (sum of weights), &gt; 0
 */
public record FrequencySpendCorrelation(double correlation, double customers)
    implements Serializable {

  /** The |r| at and above which the independence assumption is called doubtful. */
  public static final double THRESHOLD = 0.3;

  /** Validates the fields. */
  public FrequencySpendCorrelation {
    Checks.inRange("correlation", correlation, -1, 1);
    Checks.positive("customers", customers);
  }

  /**
   * The correlation over the rows with frequency &gt; 0 and monetary value &gt; 0 (the rows the
   * fitter uses), one customer per row.
   *
   * @param frequency repeat transactions x per customer, whole numbers &gt;= 0
   * @param monetaryValue mean repeat transaction value m̄ per customer, finite and &gt;= 0
   * @throws org.clvkit.core.ClvArgumentException for bad input, or when the repeat customers do not
   *     vary in both frequency and spend (the correlation is then undefined)
   */
  public static FrequencySpendCorrelation of(double[] frequency, double[] monetaryValue) {
    SpendPatterns.validate(frequency, monetaryValue, null);
    return compute(frequency, monetaryValue, null);
  }

  /**
   * The weighted correlation over the rows with frequency &gt; 0, monetary value &gt; 0 and weight
   * &gt; 0.
   *
   * @param frequency repeat transactions x per row, whole numbers &gt;= 0
   * @param monetaryValue mean repeat transaction value m̄ per row, finite and &gt;= 0
   * @param weights number of customers per row, finite and &gt;= 0
   * @throws org.clvkit.core.ClvArgumentException for bad input, or when the repeat customers do not
   *     vary in both frequency and spend
   */
  public static FrequencySpendCorrelation of(
      double[] frequency, double[] monetaryValue, double[] weights) {
    Checks.notNull("weights", weights);
    SpendPatterns.validate(frequency, monetaryValue, weights);
    return compute(frequency, monetaryValue, weights);
  }

  /** Two passes over the repeat customers' rows: weighted means, then centred moments. */
  private static FrequencySpendCorrelation compute(
      double[] frequency, double[] monetaryValue, double[] weights) {
    double n = 0;
    double sx = 0;
    double sm = 0;
    for (int i = 0; i < frequency.length; i++) {
      double w = weights == null ? 1 : weights[i];
      if (w > 0 && frequency[i] > 0 && monetaryValue[i] > 0) {
        n += w;
        sx += w * frequency[i];
        sm += w * monetaryValue[i];
      }
    }
    double cxx = 0;
    double cmm = 0;
    double cxm = 0;
    if (n > 0) {
      double mx = sx / n;
      double mm = sm / n;
      for (int i = 0; i < frequency.length; i++) {
        double w = weights == null ? 1 : weights[i];
        if (w > 0 && frequency[i] > 0 && monetaryValue[i] > 0) {
          double dx = frequency[i] - mx;
          double dm = monetaryValue[i] - mm;
          cxx += w * dx * dx;
          cmm += w * dm * dm;
          cxm += w * dx * dm;
        }
      }
    }
    if (!(cxx > 0 && cmm > 0)) {
      throw Checks.fail(
          "a frequency-spend correlation needs repeat customers (frequency > 0, monetaryValue > 0)"
              + " that differ in both frequency and monetaryValue, had %s such customers",
          n);
    }
    double r = cxm / (Math.sqrt(cxx) * Math.sqrt(cmm));
    return new FrequencySpendCorrelation(Math.max(-1, Math.min(1, r)), n);
  }

  /** Whether |r| is below {@link #THRESHOLD}, weak enough for the Gamma-Gamma model. */
  public boolean independencePlausible() {
    return Math.abs(correlation) < THRESHOLD;
  }

  /** The verdict in plain words, for example for a report. */
  public String verdict() {
    return String.format(
        Locale.ROOT,
        independencePlausible()
            ? "frequency and spend are weakly correlated (r = %.3f over %.0f repeat customers,"
                + " |r| < %s): the Gamma-Gamma independence assumption is plausible"
            : "frequency and spend are correlated (r = %.3f over %.0f repeat customers, |r| >= %s):"
                + " the Gamma-Gamma independence assumption is doubtful",
        correlation,
        customers,
        THRESHOLD);
  }
}
