package org.clvkit.core.value;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.OptionalInt;
import org.clvkit.core.Checks;

/**
 * Discounted CLV of one acquired customer from per-period margins and a survival (retention) curve,
 * for example a retention curve read off a cohort table or projected by a survival model, with
 * acquisition cost and per-period retention spending. Immutable and thread-safe; every array
 * accessor returns a copy.
 *
 * <p>The customer is acquired at time 0, when the acquisition cost is paid (undiscounted). Period t
 * = 1..N runs from time t - 1 to t; S(t) is the probability that the customer is still a customer
 * at time t, with S(0) = 1. The survival curve is given directly ({@link
 * Builder#survival(double...)}, S(1)..S(N)) or as retention rates r<sub>t</sub> = S(t) / S(t - 1)
 * ({@link Builder#retentionRates(double...)}). With discount rate d, margin m<sub>t</sub> and
 * retention spending c<sub>t</sub> of period t:
 *
 * <pre>
 *   weight w(t)  = S(t - 1) / (1 + d)^(t - 1)   START_OF_PERIOD
 *                = S(t)     / (1 + d)^t         END_OF_PERIOD
 *   period value = m_t w(t) - c_t S(t - 1) / (1 + d)^(t - 1)
 *   value        = sum of period values over t = 1..N  -  acquisition cost
 * </pre>
 *
 * Retention spending of period t is spent at the start of the period on the customers active then,
 * under either timing. The expected discounted lifetime is the value of a unit margin, {@code sum
 * of w(t)}; under {@link CashFlowTiming#START_OF_PERIOD} it is the discounted expected lifetime
 * {@code sum over t = 0..N - 1 of S(t) / (1 + d)^t} of Fader and Hardie (2010), Marketing Science
 * 29(1) (truncated at N). With constant margin and retention the value equals {@link
 * DiscountedClv#value(int)}.
 *
 * <pre>{@code
 * RetentionCurveClv clv = RetentionCurveClv.builder()
 *     .margins(100, 100, 100, 100)
 *     .survival(0.63, 0.47, 0.38, 0.32) // share of the cohort still active after each period
 *     .discount(0.10)
 *     .timing(CashFlowTiming.END_OF_PERIOD)
 *     .acquisitionCost(120)
 *     .build();
 * clv.value();            // value net of acquisition cost
 * clv.cumulativeValues(); // for a payback chart
 * clv.paybackPeriod();    // first period whose cumulative value is >= 0, if any
 * }</pre>
 */
public final class RetentionCurveClv implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] margins;
  private final double[] survival;
  private final double[] retentionSpending;
  private final double discount;
  private final CashFlowTiming timing;
  private final double acquisitionCost;
  private final double[] periodValues;
  private final double expectedDiscountedLifetime;

  private RetentionCurveClv(
      double[] margins,
      double[] survival,
      double[] retentionSpending,
      double discount,
      CashFlowTiming timing,
      double acquisitionCost) {
    this.margins = margins;
    this.survival = survival;
    this.retentionSpending = retentionSpending;
    this.discount = discount;
    this.timing = timing;
    this.acquisitionCost = acquisitionCost;
    validate();
    int n = margins.length;
    double[] values = new double[n];
    double lifetime = 0;
    double onePlusD = 1 + discount;
    double sum = -acquisitionCost;
    for (int t = 1; t <= n; t++) {
      double startWeight = (t == 1 ? 1.0 : survival[t - 2]) * Math.pow(onePlusD, -(t - 1));
      double weight =
          timing == CashFlowTiming.START_OF_PERIOD
              ? startWeight
              : survival[t - 1] * Math.pow(onePlusD, -t);
      values[t - 1] = margins[t - 1] * weight - retentionSpending[t - 1] * startWeight;
      sum += values[t - 1];
      lifetime += weight;
    }
    Checks.finite("value", sum);
    this.periodValues = values;
    this.expectedDiscountedLifetime = lifetime;
  }

  /** A builder; margins and survival (or retention rates) are required, the rest have defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Number of periods N. */
  public int periods() {
    return margins.length;
  }

  /** The margins m<sub>1</sub>..m<sub>N</sub> (a copy). */
  public double[] margins() {
    return margins.clone();
  }

  /** The survival curve S(1)..S(N) (a copy); S(0) = 1 is implied. */
  public double[] survival() {
    return survival.clone();
  }

  /**
   * The retention rates r<sub>t</sub> = S(t) / S(t - 1) for t = 1..N (a copy); 0 once S has reached
   * 0.
   */
  public double[] retentionRates() {
    double[] rates = new double[survival.length];
    double previous = 1.0;
    for (int t = 0; t < survival.length; t++) {
      rates[t] = previous == 0 ? 0.0 : survival[t] / previous;
      previous = survival[t];
    }
    return rates;
  }

  /** The retention spending per active customer c<sub>1</sub>..c<sub>N</sub> (a copy). */
  public double[] retentionSpending() {
    return retentionSpending.clone();
  }

  /** The discount rate per period. */
  public double discount() {
    return discount;
  }

  /** When each period's margin arrives. */
  public CashFlowTiming timing() {
    return timing;
  }

  /** The acquisition cost paid at time 0. */
  public double acquisitionCost() {
    return acquisitionCost;
  }

  /**
   * The discounted expected value of each period, {@code m_t w(t) - c_t S(t - 1) / (1 + d)^(t -
   * 1)}, for t = 1..N (a copy; index t - 1). Acquisition cost is not included.
   */
  public double[] periodValues() {
    return periodValues.clone();
  }

  /**
   * The cumulative value curve: entry t - 1 is {@code -acquisitionCost + sum of period values
   * 1..t}, so the last entry is {@link #value()}. Its first non-negative entry marks the {@link
   * #paybackPeriod()}.
   */
  public double[] cumulativeValues() {
    double[] cumulative = new double[periodValues.length];
    double sum = -acquisitionCost;
    for (int t = 0; t < periodValues.length; t++) {
      sum += periodValues[t];
      cumulative[t] = sum;
    }
    return cumulative;
  }

  /** The discounted CLV over the N periods, net of acquisition cost and retention spending. */
  public double value() {
    double sum = -acquisitionCost;
    for (double v : periodValues) {
      sum += v;
    }
    return sum;
  }

  /**
   * The expected discounted lifetime in periods, {@code sum of w(t)} over t = 1..N: the value of a
   * unit margin each period. Under {@link CashFlowTiming#START_OF_PERIOD} it is {@code sum over t =
   * 0..N - 1 of S(t) / (1 + d)^t}; with d = 0 it is the expected number of periods paid for.
   */
  public double expectedDiscountedLifetime() {
    return expectedDiscountedLifetime;
  }

  /**
   * The first period t (1..N) whose cumulative value is &gt;= 0, that is when the customer has paid
   * back the acquisition cost in expectation; 0 when there is no acquisition cost, and empty
   * ("never") when that does not happen within the N periods.
   */
  public OptionalInt paybackPeriod() {
    double sum = -acquisitionCost;
    if (sum >= 0) {
      return OptionalInt.of(0);
    }
    for (int t = 0; t < periodValues.length; t++) {
      sum += periodValues[t];
      if (sum >= 0) {
        return OptionalInt.of(t + 1);
      }
    }
    return OptionalInt.empty();
  }

  private void validate() {
    int n = Checks.notEmpty("margins", margins).length;
    Checks.finite("margins", margins);
    Checks.notNull("survival", survival);
    Checks.sameLength("survival", survival.length, "margins", n);
    Checks.probability("survival", survival);
    for (int t = 1; t < n; t++) {
      Checks.atMost(
          Checks.indexed("survival", t),
          survival[t],
          Checks.indexed("survival", t - 1),
          survival[t - 1]);
    }
    Checks.notNull("retentionSpending", retentionSpending);
    Checks.sameLength("retentionSpending", retentionSpending.length, "margins", n);
    Checks.nonNegative("retentionSpending", retentionSpending);
    Checks.nonNegative("discount", discount);
    Checks.notNull("timing", timing);
    Checks.nonNegative("acquisitionCost", acquisitionCost);
  }

  private Object writeReplace() {
    return new SerializedForm(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("RetentionCurveClv is serialized through its SerializedForm");
  }

  /**
   * The serialized form: the inputs only; deserializing validates them again through the builder.
   */
  private static final class SerializedForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] margins;
    private final double[] survival;
    private final double[] retentionSpending;
    private final double discount;
    private final CashFlowTiming timing;
    private final double acquisitionCost;

    SerializedForm(RetentionCurveClv clv) {
      this.margins = clv.margins;
      this.survival = clv.survival;
      this.retentionSpending = clv.retentionSpending;
      this.discount = clv.discount;
      this.timing = clv.timing;
      this.acquisitionCost = clv.acquisitionCost;
    }

    private Object readResolve() {
      return builder()
          .margins(margins)
          .survival(survival)
          .retentionSpending(retentionSpending)
          .discount(discount)
          .timing(timing)
          .acquisitionCost(acquisitionCost)
          .build();
    }
  }

  /**
   * Collects the inputs of a {@link RetentionCurveClv}. Not thread-safe; arrays are copied when
   * set. Margins, survival (or retention rates) and timing are required; the defaults are discount
   * 0, no acquisition cost and no retention spending. Everything is validated by {@link #build()}.
   */
  public static final class Builder {
    private double[] margins;
    private double[] survival;
    private double[] retentionSpending;
    private double discount;
    private CashFlowTiming timing;
    private double acquisitionCost;

    private Builder() {}

    /** The margin of each period t = 1..N (N = the number of values); finite. */
    public Builder margins(double... margins) {
      this.margins = Checks.notNull("margins", margins).clone();
      return this;
    }

    /**
     * The survival curve S(1)..S(N), each in [0, 1] and non-increasing (S(0) = 1 is implied).
     * Replaces retention rates set earlier.
     */
    public Builder survival(double... survival) {
      this.survival = Checks.notNull("survival", survival).clone();
      return this;
    }

    /**
     * The retention rate of each period, r<sub>t</sub> = S(t) / S(t - 1), each in [0, 1]; the
     * survival curve is their running product. Replaces a survival curve set earlier.
     */
    public Builder retentionRates(double... retentionRates) {
      Checks.probability("retentionRates", Checks.notNull("retentionRates", retentionRates));
      double[] s = new double[retentionRates.length];
      double product = 1.0;
      for (int t = 0; t < s.length; t++) {
        product *= retentionRates[t];
        s[t] = product;
      }
      this.survival = s;
      return this;
    }

    /** Retention spending per active customer in each period t = 1..N; finite and &gt;= 0. */
    public Builder retentionSpending(double... retentionSpending) {
      this.retentionSpending = Checks.notNull("retentionSpending", retentionSpending).clone();
      return this;
    }

    /** The discount rate per period, finite and &gt;= 0 (default 0). */
    public Builder discount(double discount) {
      this.discount = discount;
      return this;
    }

    /** When each period's margin arrives; required. */
    public Builder timing(CashFlowTiming timing) {
      this.timing = timing;
      return this;
    }

    /** The acquisition cost paid at time 0, finite and &gt;= 0 (default 0). */
    public Builder acquisitionCost(double acquisitionCost) {
      this.acquisitionCost = acquisitionCost;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws org.clvkit.core.ClvArgumentException naming the field, index, value and rule
     */
    public RetentionCurveClv build() {
      Checks.notNull("margins", margins);
      double[] spending =
          retentionSpending != null ? retentionSpending : new double[margins.length];
      return new RetentionCurveClv(
          margins.clone(),
          survival == null ? null : survival.clone(),
          spending.clone(),
          discount,
          timing,
          acquisitionCost);
    }
  }
}
