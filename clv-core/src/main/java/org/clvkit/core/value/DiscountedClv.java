package org.clvkit.core.value;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * Discounted, retention-based CLV with constant parameters per period: margin m, retention r,
 * discount d and margin growth g. The k-th margin (k = 0, 1, 2, ...) is {@code m (1 + g)^k};
 * whether it arrives at the start or at the end of its period is the {@link CashFlowTiming}. With
 * {@code q = r (1 + g) / (1 + d)}:
 *
 * <pre>
 *                    N periods                            infinite horizon
 *   START_OF_PERIOD:  m (1 - q^N) / (1 - q)                m (1 + d) / (1 + d - r (1 + g))
 *   END_OF_PERIOD:    m r / (1 + d) (1 - q^N) / (1 - q)    m r / (1 + d - r (1 + g))
 * </pre>
 *
 * <p>The end-of-period infinite form is the margin multiple of Gupta and Lehmann (2003), "Customers
 * as assets", Journal of Interactive Marketing 17(1), pp. 9-24 (with growth: Gupta and Lehmann
 * (2005), <i>Managing Customers as Investments</i>, ch. 2): at r = 0.9 and d = 0.12 a customer is
 * worth 4.09 times the margin. The end-of-period value is always the start-of-period value times
 * {@code r / (1 + d)}. Acquisition cost is not included; subtract it, or use {@link
 * RetentionCurveClv} (see {@link #toCurve(int)}), which also takes retention spending.
 *
 * <p>The infinite horizon exists only while {@code r (1 + g) < 1 + d}; {@link
 * #infiniteHorizonValue()} rejects other parameters with a message saying that the sum diverges.
 * Finite horizons are defined for all valid parameters.
 *
 * @param margin margin per period (the first margin), finite; negative for a loss-making customer
 * @param retention probability that a customer active in one period is active in the next, in [0,
 *     1]
 * @param discount discount rate per period, finite and &gt;= 0
 * @param growth margin growth per period, finite and &gt; -1
 * @param timing when each period's margin arrives
 */
public record DiscountedClv(
    double margin, double retention, double discount, double growth, CashFlowTiming timing)
    implements Serializable {

  /** Validates every field. */
  public DiscountedClv {
    Checks.finite("margin", margin);
    checkShared(retention, discount, growth, timing);
  }

  /**
   * Constant margin (no growth).
   *
   * @param margin margin per period, finite
   * @param retention retention rate per period, in [0, 1]
   * @param discount discount rate per period, finite and &gt;= 0
   * @param timing when each period's margin arrives
   * @return the model
   */
  public static DiscountedClv of(
      double margin, double retention, double discount, CashFlowTiming timing) {
    return new DiscountedClv(margin, retention, discount, 0.0, timing);
  }

  /** A copy whose margin grows by {@code growth} per period, finite and &gt; -1. */
  public DiscountedClv withGrowth(double growth) {
    return new DiscountedClv(margin, retention, discount, growth, timing);
  }

  /**
   * The Gupta–Lehmann margin multiple {@code r / (1 + d - r)}: the infinite-horizon value of a
   * customer per unit of constant margin received at the end of each period.
   *
   * @param retention retention rate per period, in [0, 1]
   * @param discount discount rate per period, finite and &gt;= 0; {@code r < 1 + d} is required
   * @return the multiple, &gt;= 0
   */
  public static double marginMultiple(double retention, double discount) {
    return marginMultiple(retention, discount, 0.0);
  }

  /**
   * The Gupta–Lehmann margin multiple with margin growth, {@code r / (1 + d - r (1 + g))}.
   *
   * @param retention retention rate per period, in [0, 1]
   * @param discount discount rate per period, finite and &gt;= 0
   * @param growth margin growth per period, finite and &gt; -1; {@code r (1 + g) < 1 + d} is
   *     required
   * @return the multiple
   */
  public static double marginMultiple(double retention, double discount, double growth) {
    checkShared(retention, discount, growth, CashFlowTiming.END_OF_PERIOD);
    checkConverges(retention, discount, growth);
    return infiniteKernel(1.0, retention, discount, growth, CashFlowTiming.END_OF_PERIOD);
  }

  /**
   * Value over a finite horizon of {@code periods} periods (N margins): {@code sum over k = 0 .. N
   * - 1 of m (1 + g)^k q^k}, times {@code r / (1 + d)} for {@link CashFlowTiming#END_OF_PERIOD}. It
   * is 0 for N = 0 and rises towards {@link #infiniteHorizonValue()} as N grows (for non-negative
   * margin).
   *
   * @param periods the horizon N, &gt;= 0
   * @return the discounted value
   * @throws org.clvkit.core.ClvArgumentException if the horizon is negative, or the value overflows
   */
  public double value(int periods) {
    Checks.nonNegative("periods", periods);
    return Checks.finite(
        "value", finiteKernel(margin, retention, discount, growth, timing, periods));
  }

  /**
   * Value over an infinite horizon, {@code m (1 + d) / (1 + d - r (1 + g))} at the start of each
   * period or {@code m r / (1 + d - r (1 + g))} at the end.
   *
   * @return the discounted value
   * @throws org.clvkit.core.ClvArgumentException saying that the sum diverges unless {@code r (1 +
   *     g) < 1 + d}
   */
  public double infiniteHorizonValue() {
    checkConverges(retention, discount, growth);
    return Checks.finite("value", infiniteKernel(margin, retention, discount, growth, timing));
  }

  /**
   * The same customer as a per-period curve over {@code periods} periods: margins {@code m (1 +
   * g)^(t - 1)} for t = 1..N, constant retention r, no acquisition cost and no retention spending.
   * Its {@link RetentionCurveClv#value()} equals {@link #value(int)}, and it adds the cumulative
   * value curve.
   *
   * @param periods the horizon N, &gt; 0
   * @return the curve
   */
  public RetentionCurveClv toCurve(int periods) {
    Checks.positive("periods", periods);
    double[] margins = new double[periods];
    double[] retentionRates = new double[periods];
    for (int t = 0; t < periods; t++) {
      margins[t] = margin * Math.pow(1 + growth, t);
      retentionRates[t] = retention;
    }
    return RetentionCurveClv.builder()
        .margins(margins)
        .retentionRates(retentionRates)
        .discount(discount)
        .timing(timing)
        .build();
  }

  /**
   * Finite-horizon values of many customers that share discount, growth and timing: {@code out[i] =
   * DiscountedClv(margin[i], retention[i], discount, growth, timing).value(periods)}, bit for bit.
   * Allocates nothing.
   *
   * @param margin column of margins per period
   * @param retention column of retention rates, same length
   * @param discount shared discount rate per period
   * @param growth shared margin growth per period
   * @param timing shared timing
   * @param periods the horizon N, &gt;= 0
   * @param out receives the values, same length; modified
   */
  public static void values(
      double[] margin,
      double[] retention,
      double discount,
      double growth,
      CashFlowTiming timing,
      int periods,
      double[] out) {
    Checks.notNull("margin", margin);
    values(margin, retention, discount, growth, timing, periods, out, 0, margin.length);
  }

  /**
   * The range form of {@link #values(double[], double[], double, double, CashFlowTiming, int,
   * double[])}: rows {@code [from, to)} only.
   */
  public static void values(
      double[] margin,
      double[] retention,
      double discount,
      double growth,
      CashFlowTiming timing,
      int periods,
      double[] out,
      int from,
      int to) {
    checkColumns(margin, retention, out, from, to);
    checkRates(discount, growth, timing);
    Checks.nonNegative("periods", periods);
    for (int i = from; i < to; i++) {
      double m = margin[i];
      double r = retention[i];
      checkRow(m, r, i);
      double value = finiteKernel(m, r, discount, growth, timing, periods);
      if (!Double.isFinite(value)) {
        Checks.finite(Checks.indexed("value", i), value);
      }
      out[i] = value;
    }
  }

  /**
   * Infinite-horizon values of many customers that share discount, growth and timing: {@code out[i]
   * = DiscountedClv(margin[i], retention[i], discount, growth, timing).infiniteHorizonValue()}, bit
   * for bit. Allocates nothing.
   *
   * @param margin column of margins per period
   * @param retention column of retention rates, same length; each needs {@code r (1 + g) < 1 + d}
   * @param discount shared discount rate per period
   * @param growth shared margin growth per period
   * @param timing shared timing
   * @param out receives the values, same length; modified
   */
  public static void infiniteHorizonValues(
      double[] margin,
      double[] retention,
      double discount,
      double growth,
      CashFlowTiming timing,
      double[] out) {
    Checks.notNull("margin", margin);
    infiniteHorizonValues(margin, retention, discount, growth, timing, out, 0, margin.length);
  }

  /**
   * The range form of {@link #infiniteHorizonValues(double[], double[], double, double,
   * CashFlowTiming, double[])}: rows {@code [from, to)} only.
   */
  public static void infiniteHorizonValues(
      double[] margin,
      double[] retention,
      double discount,
      double growth,
      CashFlowTiming timing,
      double[] out,
      int from,
      int to) {
    checkColumns(margin, retention, out, from, to);
    checkRates(discount, growth, timing);
    double bound = 1 + discount;
    for (int i = from; i < to; i++) {
      double m = margin[i];
      double r = retention[i];
      checkRow(m, r, i);
      if (!(r * (1 + growth) < bound)) {
        Checks.converges(
            "infinite horizon",
            Checks.indexed("retention", i) + " * (1 + growth)",
            r * (1 + growth),
            "1 + discount",
            bound);
      }
      double value = infiniteKernel(m, r, discount, growth, timing);
      if (!Double.isFinite(value)) {
        Checks.finite(Checks.indexed("value", i), value);
      }
      out[i] = value;
    }
  }

  /**
   * The finite-horizon sum {@code m (1 - q^N) / (1 - q)}, times {@code r / (1 + d)} at the end of
   * the period, with {@code 1 - q = (1 + d - r (1 + g)) / (1 + d)} formed without cancellation in
   * q. {@code q^N} comes from binary powering (at most 2 log2 N roundings). When it lies in (0.5,
   * 2), {@code 1 - q^N} would cancel, and the series is summed as {@code -expm1(N log1p(q - 1)) /
   * (1 - q)} instead, which keeps full precision as q approaches 1.
   */
  static double finiteKernel(
      double m, double r, double d, double g, CashFlowTiming timing, int periods) {
    if (periods == 0) {
      return 0.0;
    }
    double onePlusD = 1 + d;
    double oneMinusQ = (onePlusD - r * (1 + g)) / onePlusD;
    double series;
    if (oneMinusQ == 0) {
      series = periods;
    } else {
      double qn = power(r * (1 + g) / onePlusD, periods);
      series =
          qn > 0.5 && qn < 2
              ? -Math.expm1(periods * Math.log1p(-oneMinusQ)) / oneMinusQ
              : (1 - qn) / oneMinusQ;
    }
    double start = m * series;
    return timing == CashFlowTiming.START_OF_PERIOD ? start : start * (r / onePlusD);
  }

  /** {@code x^n} for n &gt;= 1 by binary powering. */
  private static double power(double x, int n) {
    double result = 1;
    double base = x;
    int e = n;
    while (true) {
      if ((e & 1) != 0) {
        result *= base;
      }
      e >>>= 1;
      if (e == 0) {
        return result;
      }
      base *= base;
    }
  }

  /** The infinite-horizon closed form; the caller has checked {@code r (1 + g) < 1 + d}. */
  static double infiniteKernel(double m, double r, double d, double g, CashFlowTiming timing) {
    double gap = 1 + d - r * (1 + g);
    return timing == CashFlowTiming.START_OF_PERIOD ? m * (1 + d) / gap : m * r / gap;
  }

  private static void checkConverges(double retention, double discount, double growth) {
    Checks.converges(
        "infinite horizon",
        "retention * (1 + growth)",
        retention * (1 + growth),
        "1 + discount",
        1 + discount);
  }

  private static void checkShared(
      double retention, double discount, double growth, CashFlowTiming timing) {
    Checks.probability("retention", retention);
    checkRates(discount, growth, timing);
  }

  private static void checkRates(double discount, double growth, CashFlowTiming timing) {
    Checks.nonNegative("discount", discount);
    Checks.greaterThan("growth", growth, -1.0);
    Checks.notNull("timing", timing);
  }

  private static void checkColumns(
      double[] margin, double[] retention, double[] out, int from, int to) {
    Checks.notNull("margin", margin);
    Checks.notNull("retention", retention);
    Checks.notNull("out", out);
    Checks.sameLength("retention", retention.length, "margin", margin.length);
    Checks.sameLength("out", out.length, "margin", margin.length);
    Checks.range(from, to, margin.length);
  }

  private static void checkRow(double m, double r, int i) {
    if (!Double.isFinite(m)) {
      Checks.finite(Checks.indexed("margin", i), m);
    }
    if (!(r >= 0 && r <= 1)) {
      Checks.probability(Checks.indexed("retention", i), r);
    }
  }
}
