package org.clvkit.core.rfm;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.core.data.CustomerSummaries;

/**
 * Quantile RFM scores fitted on a reference customer base, applicable to that base and to any other
 * customer. Immutable, thread-safe and {@link Serializable}; it keeps only {@code levels - 1} break
 * points per measure, not the data.
 *
 * <p><b>Definition and ties.</b> Among the N reference customers let L(v) be the number whose value
 * is strictly worse than v: smaller for frequency and monetary value, larger for the time since the
 * last purchase. The score is {@code min(levels, 1 + floor(levels L(v) / N))}. So scores are
 * quantile classes of the rank, and ties are broken in the only order-independent way: equal values
 * get equal scores, the score of their lowest rank (competition ranking). With distinct values each
 * score holds N / levels customers, give or take one; with many ties a class may be larger and the
 * next ones skipped (in CDNOW 1,411 of 2,357 customers made no repeat purchase, so they all get F =
 * 1 and one repeat purchase scores 1 + floor(5 × 1411 / 2357) = 3). The result does not depend on
 * the order of the customers.
 *
 * <p>Recency in RFM is the time since the last purchase as of a date ({@link
 * CustomerSummaries#timeSinceLastPurchase(LocalDateTime)}), not the first-to-last-purchase time t_x
 * of the customer-base models.
 *
 * <p>The column method {@link #score(double[], double[], double[], int, int, int[], int[], int[])}
 * and the per-customer methods share one kernel and give the same scores.
 */
public final class RfmScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The fewest score levels allowed. */
  public static final int MIN_LEVELS = 2;

  /** The most score levels allowed (so that {@link RfmScore#code()} has one digit per score). */
  public static final int MAX_LEVELS = 9;

  /** The default number of levels, quintiles. */
  public static final int DEFAULT_LEVELS = 5;

  private final int levels;
  private final int customers;
  // Break points b[s - 1] (s = 1 .. levels - 1): score > s iff value > b[s - 1]. Recency breaks are
  // of the negated time since the last purchase, so that larger is better for all three.
  private final double[] recencyBreaks;
  private final double[] frequencyBreaks;
  private final double[] monetaryBreaks;

  private RfmScorer(int levels, int customers, double[] r, double[] f, double[] m) {
    this.levels = levels;
    this.customers = customers;
    this.recencyBreaks = r;
    this.frequencyBreaks = f;
    this.monetaryBreaks = m;
  }

  /**
   * Quintile scores (5 levels) fitted on the given customers; see {@link #fit(double[], double[],
   * double[], int)}.
   */
  public static RfmScorer fit(double[] timeSinceLast, double[] frequency, double[] monetary) {
    return fit(timeSinceLast, frequency, monetary, DEFAULT_LEVELS);
  }

  /**
   * Scores with {@code levels} classes fitted on the given customers, one per index.
   *
   * @param timeSinceLast time since each customer's last purchase, finite and &gt;= 0, in any unit
   * @param frequency number of purchases (or repeat purchases: the scores are the same), finite,
   *     &gt;= 0
   * @param monetary spend (total or mean, the caller's choice), finite
   * @param levels number of score levels, in [2, 9]
   * @return the fitted scorer
   */
  public static RfmScorer fit(
      double[] timeSinceLast, double[] frequency, double[] monetary, int levels) {
    Checks.integerInRange("levels", levels, MIN_LEVELS, MAX_LEVELS);
    Checks.notEmpty("timeSinceLast", timeSinceLast);
    Checks.notNull("frequency", frequency);
    Checks.notNull("monetary", monetary);
    Checks.sameLength("frequency", frequency.length, "timeSinceLast", timeSinceLast.length);
    Checks.sameLength("monetary", monetary.length, "timeSinceLast", timeSinceLast.length);
    Checks.nonNegative("timeSinceLast", timeSinceLast);
    Checks.nonNegative("frequency", frequency);
    Checks.finite("monetary", monetary);
    int n = timeSinceLast.length;
    double[] negated = new double[n];
    for (int i = 0; i < n; i++) {
      negated[i] = -timeSinceLast[i];
    }
    return new RfmScorer(
        levels,
        n,
        breaks(negated, levels),
        breaks(frequency.clone(), levels),
        breaks(monetary.clone(), levels));
  }

  /**
   * Scores fitted on customer summaries as of {@code asOf}: time since the last calibration
   * purchase, number of calibration purchases, and total calibration spend.
   *
   * @param summaries the customers
   * @param asOf the reference date of the recency measure, not before the calibration end
   * @param levels number of score levels, in [2, 9]
   * @return the fitted scorer
   */
  public static RfmScorer fit(CustomerSummaries summaries, LocalDateTime asOf, int levels) {
    Checks.notNull("summaries", summaries);
    return fit(
        summaries.timeSinceLastPurchase(asOf),
        summaries.frequency(),
        summaries.totalSpend(),
        levels);
  }

  /** The break points of sorted-in-place values: b[s - 1] = sorted[ceil(s N / levels) - 1]. */
  private static double[] breaks(double[] values, int levels) {
    Arrays.sort(values);
    int n = values.length;
    double[] b = new double[levels - 1];
    for (int s = 1; s < levels; s++) {
      // L(v) >= k iff sorted[k - 1] < v, and floor(levels L / N) >= s iff L >= ceil(s N / levels).
      long k = ((long) s * n + levels - 1) / levels;
      b[s - 1] = values[(int) k - 1];
    }
    return b;
  }

  private int kernel(double[] breaks, double value) {
    int score = 1;
    for (double b : breaks) {
      if (value > b) {
        score++;
      }
    }
    return score;
  }

  /** The number of score levels. */
  public int levels() {
    return levels;
  }

  /** The number of reference customers the scorer was fitted on. */
  public int customers() {
    return customers;
  }

  /**
   * The recency score of a time since the last purchase.
   *
   * @param timeSinceLast finite and &gt;= 0, in the unit of the fit
   * @return 1 (longest ago) to {@code levels} (most recent)
   */
  public int recencyScore(double timeSinceLast) {
    Checks.nonNegative("timeSinceLast", timeSinceLast);
    return kernel(recencyBreaks, -timeSinceLast);
  }

  /**
   * The frequency score of a purchase count.
   *
   * @param frequency finite and &gt;= 0
   * @return 1 (fewest) to {@code levels} (most)
   */
  public int frequencyScore(double frequency) {
    Checks.nonNegative("frequency", frequency);
    return kernel(frequencyBreaks, frequency);
  }

  /**
   * The monetary score of a spend.
   *
   * @param monetary finite
   * @return 1 (least) to {@code levels} (most)
   */
  public int monetaryScore(double monetary) {
    Checks.finite("monetary", monetary);
    return kernel(monetaryBreaks, monetary);
  }

  /** The three scores of one customer. */
  public RfmScore score(double timeSinceLast, double frequency, double monetary) {
    return new RfmScore(
        recencyScore(timeSinceLast), frequencyScore(frequency), monetaryScore(monetary), levels);
  }

  /** The segment of one customer ({@link RfmSegment}). */
  public RfmSegment segment(double timeSinceLast, double frequency, double monetary) {
    return RfmSegment.of(
        recencyScore(timeSinceLast), frequencyScore(frequency), monetaryScore(monetary), levels);
  }

  /**
   * Scores the customers with indexes in {@code [from, to)}, writing score i to index i of the
   * outputs; validates the whole range first, then allocates nothing.
   *
   * @param timeSinceLast time since last purchase per customer, finite and &gt;= 0
   * @param frequency purchases per customer, finite and &gt;= 0
   * @param monetary spend per customer, finite
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param recencyOut recency scores (modified in [from, to))
   * @param frequencyOut frequency scores (modified in [from, to))
   * @param monetaryOut monetary scores (modified in [from, to))
   */
  public void score(
      double[] timeSinceLast,
      double[] frequency,
      double[] monetary,
      int from,
      int to,
      int[] recencyOut,
      int[] frequencyOut,
      int[] monetaryOut) {
    checkColumns(timeSinceLast, frequency, monetary, from, to);
    Checks.notNull("recencyOut", recencyOut);
    Checks.notNull("frequencyOut", frequencyOut);
    Checks.notNull("monetaryOut", monetaryOut);
    Checks.range(from, to, recencyOut.length);
    Checks.range(from, to, frequencyOut.length);
    Checks.range(from, to, monetaryOut.length);
    for (int i = from; i < to; i++) {
      recencyOut[i] = kernel(recencyBreaks, -timeSinceLast[i]);
      frequencyOut[i] = kernel(frequencyBreaks, frequency[i]);
      monetaryOut[i] = kernel(monetaryBreaks, monetary[i]);
    }
  }

  /**
   * Segments the customers with indexes in {@code [from, to)}, writing segment i to {@code out[i]};
   * validates first, then allocates nothing.
   *
   * @param timeSinceLast time since last purchase per customer, finite and &gt;= 0
   * @param frequency purchases per customer, finite and &gt;= 0
   * @param monetary spend per customer, finite
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param out segments (modified in [from, to))
   */
  public void segments(
      double[] timeSinceLast,
      double[] frequency,
      double[] monetary,
      int from,
      int to,
      RfmSegment[] out) {
    checkColumns(timeSinceLast, frequency, monetary, from, to);
    Checks.notNull("out", out);
    Checks.range(from, to, out.length);
    for (int i = from; i < to; i++) {
      out[i] =
          RfmSegment.of(
              kernel(recencyBreaks, -timeSinceLast[i]),
              kernel(frequencyBreaks, frequency[i]),
              kernel(monetaryBreaks, monetary[i]),
              levels);
    }
  }

  private static void checkColumns(
      double[] timeSinceLast, double[] frequency, double[] monetary, int from, int to) {
    Checks.notNull("timeSinceLast", timeSinceLast);
    Checks.notNull("frequency", frequency);
    Checks.notNull("monetary", monetary);
    Checks.sameLength("frequency", frequency.length, "timeSinceLast", timeSinceLast.length);
    Checks.sameLength("monetary", monetary.length, "timeSinceLast", timeSinceLast.length);
    Checks.range(from, to, timeSinceLast.length);
    for (int i = from; i < to; i++) {
      // Names are built only for a bad value, so that a valid column allocates nothing.
      if (!(timeSinceLast[i] >= 0) || timeSinceLast[i] == Double.POSITIVE_INFINITY) {
        Checks.nonNegative(Checks.indexed("timeSinceLast", i), timeSinceLast[i]);
      }
      if (!(frequency[i] >= 0) || frequency[i] == Double.POSITIVE_INFINITY) {
        Checks.nonNegative(Checks.indexed("frequency", i), frequency[i]);
      }
      if (!Double.isFinite(monetary[i])) {
        Checks.finite(Checks.indexed("monetary", i), monetary[i]);
      }
    }
  }
}
