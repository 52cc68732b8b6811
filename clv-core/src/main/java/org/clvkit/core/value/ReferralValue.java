package org.clvkit.core.value;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.clvkit.core.Checks;

/**
 * Customer referral value: what a customer is worth through the customers they refer, following the
 * referral chain over generations (referred customers refer others in turn). This extends the
 * customer referral value (CRV) of Kumar, Petersen and Leone (2007), "How valuable is word of
 * mouth?", Harvard Business Review 85(10), and (2010), "Driving profitability by encouraging
 * customer referrals: who, when, and how", Journal of Marketing 74(5), from one generation to
 * chains.
 *
 * <p><b>Model.</b> Every customer, once acquired, makes in expectation ρ<sub>t</sub> successful
 * referrals in the t-th period after joining (t = 1..T, the {@linkplain
 * Builder#referralSchedule(double...) referral schedule}); a referred customer joins at the end of
 * that period. As in Kumar et al., a share s of the referred customers join only because of the
 * referral and bring their own value V; the others would have joined anyway, so only the
 * acquisition cost A that the referral saved is credited for them. A reward w is paid for every
 * successful referral. The value credited for one referral, at the moment the referred customer
 * joins, is therefore
 *
 * <pre>
 *   u = s V + (1 - s) A - w
 * </pre>
 *
 * and is discounted at rate d per period to the referrer's acquisition (time 0). Every referred
 * customer refers with the same schedule, whichever share they belong to. Let {@code R = sum of
 * ρ_t} be the expected referrals per customer and {@code β = sum of ρ_t / (1 + d)^t} their
 * discounted count. Generation g (g = 1, 2, ...) then has R<sup>g</sup> expected customers and
 * present value {@code u β^g}, and
 *
 * <pre>
 *   referral value over G generations = u (β + β^2 + ... + β^G)
 *   infinite chain (R &lt; 1)             = u β / (1 - β),   with R / (1 - R) referred customers
 * </pre>
 *
 * When R &gt;= 1 each customer replaces themselves at least once and the expected size of the chain
 * is infinite: {@link #infiniteChain()} then says that it diverges; finite generations are always
 * available from {@link #chain(int)}, split by generation and by period. The referrer's own value
 * V<sub>0</sub> ({@link Builder#directValue(double)}) is reported as generation 0 beside the
 * referral value.
 *
 * <pre>{@code
 * ReferralValue referrals = ReferralValue.builder()
 *     .referralsPerPeriod(0.2, 3)   // 0.2 successful referrals a year during the first 3 years
 *     .incrementalShare(0.6)        // 60% would not have joined without the referral
 *     .referredCustomerValue(400)   // their own CLV when they join
 *     .acquisitionCostSaved(80)     // what acquiring each of the other 40% would have cost
 *     .rewardPerReferral(25)
 *     .discount(0.10)
 *     .directValue(500)
 *     .build();
 * referrals.chain(3).valueByGeneration(); // [500, u β, u β^2, u β^3]
 * referrals.infiniteChain().totalValue(); // 500 + u β / (1 - β), since R = 0.6 < 1
 * }</pre>
 *
 * <p>Immutable, thread-safe and {@link Serializable}; array accessors return copies.
 */
public final class ReferralValue implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The largest number of periods (generations times schedule length) {@link #chain(int)} spans.
   */
  public static final long MAX_CHAIN_PERIODS = 1_000_000L;

  private final double[] referralSchedule;
  private final double incrementalShare;
  private final double referredCustomerValue;
  private final double acquisitionCostSaved;
  private final double rewardPerReferral;
  private final double discount;
  private final double directValue;
  private final double expectedReferrals;
  private final double discountedReferrals;
  private final double valuePerReferral;

  private ReferralValue(Builder b) {
    this.referralSchedule = Checks.notEmpty("referralSchedule", b.referralSchedule).clone();
    Checks.nonNegative("referralSchedule", referralSchedule);
    this.incrementalShare = Checks.probability("incrementalShare", b.incrementalShare);
    this.referredCustomerValue = Checks.finite("referredCustomerValue", b.referredCustomerValue);
    this.acquisitionCostSaved = Checks.nonNegative("acquisitionCostSaved", b.acquisitionCostSaved);
    this.rewardPerReferral = Checks.nonNegative("rewardPerReferral", b.rewardPerReferral);
    this.discount = Checks.nonNegative("discount", b.discount);
    this.directValue = Checks.finite("directValue", b.directValue);
    double r = 0;
    double beta = 0;
    for (int t = 1; t <= referralSchedule.length; t++) {
      r += referralSchedule[t - 1];
      beta += referralSchedule[t - 1] * Math.pow(1 + discount, -t);
    }
    this.expectedReferrals = Checks.finite("expectedReferralsPerCustomer", r);
    this.discountedReferrals = beta;
    this.valuePerReferral =
        Checks.finite(
            "valuePerReferral",
            incrementalShare * referredCustomerValue
                + (1 - incrementalShare) * acquisitionCostSaved
                - rewardPerReferral);
  }

  /** A builder; the referral schedule is required, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Expected successful referrals in each period t = 1..T after joining (a copy). */
  public double[] referralSchedule() {
    return referralSchedule.clone();
  }

  /** Share of referred customers who join only because of the referral, s. */
  public double incrementalShare() {
    return incrementalShare;
  }

  /** Own value V of a referred customer who joined only because of the referral, when they join. */
  public double referredCustomerValue() {
    return referredCustomerValue;
  }

  /** Acquisition cost A saved for a referred customer who would have joined anyway. */
  public double acquisitionCostSaved() {
    return acquisitionCostSaved;
  }

  /** Reward w paid per successful referral. */
  public double rewardPerReferral() {
    return rewardPerReferral;
  }

  /** Discount rate per period. */
  public double discount() {
    return discount;
  }

  /** The referring customer's own value V<sub>0</sub>, reported as generation 0. */
  public double directValue() {
    return directValue;
  }

  /**
   * Expected successful referrals per customer, {@code R = sum of ρ_t}: the chain's branching
   * factor.
   */
  public double expectedReferralsPerCustomer() {
    return expectedReferrals;
  }

  /** Discounted referrals per customer, {@code β = sum of ρ_t / (1 + d)^t}, &lt;= R. */
  public double discountedReferralsPerCustomer() {
    return discountedReferrals;
  }

  /**
   * Value credited per referral when the referred customer joins, {@code u = s V + (1 - s) A - w}.
   */
  public double valuePerReferral() {
    return valuePerReferral;
  }

  /** Whether the infinite chain converges, that is whether R &lt; 1. */
  public boolean converges() {
    return expectedReferrals < 1;
  }

  /**
   * Follows the chain for {@code generations} generations, by generation and by period.
   *
   * @param generations number of referral generations G, &gt;= 0 (0 gives the direct value only); G
   *     times the schedule length may not exceed {@link #MAX_CHAIN_PERIODS}
   * @return the chain, split by generation and by period
   */
  public ReferralChain chain(int generations) {
    Checks.nonNegative("generations", generations);
    int t = referralSchedule.length;
    int span =
        (int)
            Checks.atMost(
                "generations * referralSchedule length", (long) generations * t, MAX_CHAIN_PERIODS);
    double[] discountFactor = new double[span + 1];
    for (int tau = 0; tau <= span; tau++) {
      discountFactor[tau] = Math.pow(1 + discount, -tau);
    }
    double[] customersByGeneration = new double[generations + 1];
    double[] valueByGeneration = new double[generations + 1];
    double[] customersByPeriod = new double[span + 1];
    double[] valueByPeriod = new double[span + 1];
    customersByGeneration[0] = 1.0;
    valueByGeneration[0] = directValue;
    // joins[tau]: expected customers of the current generation joining at period tau; next is all
    // 0.
    double[] joins = new double[span + 1];
    double[] next = new double[span + 1];
    joins[0] = 1.0;
    for (int g = 1; g <= generations; g++) {
      for (int from = g - 1; from <= (g - 1) * t; from++) {
        double parents = joins[from];
        if (parents != 0) {
          for (int k = 1; k <= t; k++) {
            next[from + k] += parents * referralSchedule[k - 1];
          }
        }
      }
      double customers = 0;
      double value = 0;
      for (int tau = g; tau <= g * t; tau++) {
        double n = next[tau];
        double v = valuePerReferral * n * discountFactor[tau];
        customers += n;
        value += v;
        customersByPeriod[tau] += n;
        valueByPeriod[tau] += v;
      }
      customersByGeneration[g] = customers;
      valueByGeneration[g] = value;
      double[] swap = joins;
      joins = next;
      next = swap;
      Arrays.fill(next, g - 1, (g - 1) * t + 1, 0.0);
    }
    return new ReferralChain(
        customersByGeneration, valueByGeneration, customersByPeriod, valueByPeriod);
  }

  /**
   * The infinite chain in closed form: referral value {@code u β / (1 - β)} and {@code R / (1 - R)}
   * expected referred customers.
   *
   * @return the totals of the infinite chain
   * @throws org.clvkit.core.ClvArgumentException saying that the chain diverges unless R &lt; 1
   */
  public ReferralTotals infiniteChain() {
    Checks.converges(
        "infinite referral chain", "expected referrals per customer", expectedReferrals, 1.0);
    double beta = discountedReferrals;
    return new ReferralTotals(
        directValue,
        valuePerReferral * beta / (1 - beta),
        expectedReferrals / (1 - expectedReferrals));
  }

  private Object writeReplace() {
    return new SerializedForm(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("ReferralValue is serialized through its SerializedForm");
  }

  /** The serialized form: the inputs only; deserializing validates them again. */
  private static final class SerializedForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] referralSchedule;
    private final double incrementalShare;
    private final double referredCustomerValue;
    private final double acquisitionCostSaved;
    private final double rewardPerReferral;
    private final double discount;
    private final double directValue;

    SerializedForm(ReferralValue v) {
      this.referralSchedule = v.referralSchedule;
      this.incrementalShare = v.incrementalShare;
      this.referredCustomerValue = v.referredCustomerValue;
      this.acquisitionCostSaved = v.acquisitionCostSaved;
      this.rewardPerReferral = v.rewardPerReferral;
      this.discount = v.discount;
      this.directValue = v.directValue;
    }

    private Object readResolve() {
      return builder()
          .referralSchedule(referralSchedule)
          .incrementalShare(incrementalShare)
          .referredCustomerValue(referredCustomerValue)
          .acquisitionCostSaved(acquisitionCostSaved)
          .rewardPerReferral(rewardPerReferral)
          .discount(discount)
          .directValue(directValue)
          .build();
    }
  }

  /**
   * Collects the inputs of a {@link ReferralValue}. Not thread-safe. The referral schedule is
   * required; defaults: incremental share 1 (every referred customer joined because of the
   * referral), referred customer value 0, acquisition cost saved 0, no reward, discount 0, direct
   * value 0. Everything is validated by {@link #build()}.
   */
  public static final class Builder {
    private double[] referralSchedule;
    private double incrementalShare = 1.0;
    private double referredCustomerValue;
    private double acquisitionCostSaved;
    private double rewardPerReferral;
    private double discount;
    private double directValue;

    private Builder() {}

    /**
     * Expected successful referrals in each period t = 1..T after a customer joins, each finite and
     * &gt;= 0 (not empty). Fold the customer's survival into it if referrals stop when they leave.
     */
    public Builder referralSchedule(double... referralSchedule) {
      this.referralSchedule = Checks.notNull("referralSchedule", referralSchedule).clone();
      return this;
    }

    /**
     * A constant schedule: {@code referralsPerPeriod} expected successful referrals in each of the
     * first {@code periods} periods after joining.
     *
     * @param referralsPerPeriod expected referrals per period, finite and &gt;= 0
     * @param periods how many periods a customer refers, &gt; 0
     * @return this builder
     */
    public Builder referralsPerPeriod(double referralsPerPeriod, int periods) {
      Checks.nonNegative("referralsPerPeriod", referralsPerPeriod);
      Checks.positive("periods", periods);
      double[] schedule = new double[periods];
      Arrays.fill(schedule, referralsPerPeriod);
      this.referralSchedule = schedule;
      return this;
    }

    /**
     * Share s of referred customers who join only because of the referral, in [0, 1] (default 1).
     */
    public Builder incrementalShare(double incrementalShare) {
      this.incrementalShare = incrementalShare;
      return this;
    }

    /**
     * Own value V of a referred customer who joined only because of the referral: their CLV at the
     * moment they join, without their own referrals (those are the next generation). Finite.
     */
    public Builder referredCustomerValue(double referredCustomerValue) {
      this.referredCustomerValue = referredCustomerValue;
      return this;
    }

    /** Acquisition cost A saved per referred customer who would have joined anyway, &gt;= 0. */
    public Builder acquisitionCostSaved(double acquisitionCostSaved) {
      this.acquisitionCostSaved = acquisitionCostSaved;
      return this;
    }

    /** Reward w paid per successful referral, &gt;= 0. */
    public Builder rewardPerReferral(double rewardPerReferral) {
      this.rewardPerReferral = rewardPerReferral;
      return this;
    }

    /** Discount rate per period, finite and &gt;= 0 (default 0). */
    public Builder discount(double discount) {
      this.discount = discount;
      return this;
    }

    /** The referring customer's own value V<sub>0</sub>, finite (default 0). */
    public Builder directValue(double directValue) {
      this.directValue = directValue;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws org.clvkit.core.ClvArgumentException naming the field, value and rule
     */
    public ReferralValue build() {
      return new ReferralValue(this);
    }
  }
}
