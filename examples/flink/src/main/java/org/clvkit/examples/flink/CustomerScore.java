package org.clvkit.examples.flink;

import java.io.Serializable;
import java.time.LocalDateTime;
import org.clvkit.core.Checks;
import org.clvkit.core.lifecycle.LifecycleStage;

/**
 * What the streaming job emits for a customer at one moment of event time: the running summary in
 * the models' terms, the lifecycle stage and the model's scores, all as of {@link #asOf()}.
 *
 * <p>The summary follows clvkit's {@code SummaryAccumulator} with same-day merging: a purchase is a
 * customer-day placed at the start of the day, {@code frequency} x counts repeat purchase days,
 * {@code recency} t_x is the time from the first to the last purchase day, {@code age} T is the
 * time from the first purchase day to {@code asOf}, all in periods of the job's {@code TimeScale};
 * {@code monetaryValue} is the mean value of the repeat purchase days (0 when x = 0). The scores
 * are the purchase model's {@code probabilityAlive(x, t_x, T)} and {@code
 * conditionalExpectedPurchases(horizon, x, t_x, T)} and {@code CustomerLifetimeValue
 * .conditionalValue(periods, discountRate, x, t_x, T, monetaryValue)}, with the horizons of the
 * job's {@link ScoringSettings}.
 *
 * @param customerId the customer
 * @param asOfMillis the event time the values are as of, in milliseconds since 1970-01-01T00:00
 * @param trigger what made the job emit this row
 * @param frequency repeat purchases x, &gt;= 0
 * @param recency t_x, time from the first to the last purchase, in [0, age]
 * @param age T, time from the first purchase to {@code asOf}, &gt;= 0
 * @param monetaryValue mean repeat purchase value, &gt;= 0
 * @param totalSpend value of all purchases, the first included, &gt;= 0
 * @param stage the lifecycle stage as of {@code asOf}
 * @param probabilityAlive P(alive | x, t_x, T), in [0, 1]
 * @param expectedPurchases expected purchases in the next {@link
 *     ScoringSettings#expectedPurchasesHorizon()} periods, &gt;= 0
 * @param clv discounted value of the purchases in the next {@link ScoringSettings#clvPeriods()}
 *     periods, &gt;= 0
 */
public record CustomerScore(
    String customerId,
    long asOfMillis,
    Trigger trigger,
    int frequency,
    double recency,
    double age,
    double monetaryValue,
    double totalSpend,
    LifecycleStage stage,
    double probabilityAlive,
    double expectedPurchases,
    double clv)
    implements Serializable {

  /** Why a row was emitted. */
  public enum Trigger {
    /** A purchase was applied (all rows of the customer with the same event time at once). */
    PURCHASE,
    /** The customer's stage changed on an event-time timer, without a purchase. */
    STAGE_TIMER,
    /** The watermark passed the configured end of observation. */
    OBSERVATION_END
  }

  /** Validates the fields' domains. */
  public CustomerScore {
    Checks.notNull("customerId", customerId);
    Checks.notNull("trigger", trigger);
    Checks.nonNegative("frequency", frequency);
    Checks.nonNegative("recency", recency);
    Checks.nonNegative("age", age);
    Checks.atMost("recency", recency, "age", age);
    Checks.nonNegative("monetaryValue", monetaryValue);
    Checks.nonNegative("totalSpend", totalSpend);
    Checks.notNull("stage", stage);
    Checks.probability("probabilityAlive", probabilityAlive);
    Checks.nonNegative("expectedPurchases", expectedPurchases);
    Checks.nonNegative("clv", clv);
  }

  /** The purchase count, the first purchase included ({@code frequency + 1}). */
  public int purchaseCount() {
    return frequency + 1;
  }

  /** The event time the values are as of. */
  public LocalDateTime asOf() {
    return Times.toLocalDateTime(asOfMillis);
  }
}
