package org.clvkit.examples.flink;

/**
 * A customer's running summary, the keyed state of {@link CustomerScoringFunction}: a Flink POJO
 * (public fields, public no-argument constructor) so that Flink serializes it with its own POJO
 * serializer, without Kryo and without JVM flags. Times are milliseconds since 1970-01-01T00:00, at
 * the start of a day (purchases on the same day are one purchase). About 50 bytes per customer.
 *
 * <p>This is the streaming form of one customer's row of clvkit's {@code SummaryAccumulator} with
 * same-day merging and ordered input: purchase days are applied in event-time order, so the count
 * of distinct days needs only the last one.
 */
public final class CustomerState {
  /** Start of the day of the first purchase. */
  public long firstPurchase;

  /** Start of the day of the last purchase. */
  public long lastPurchase;

  /** Number of purchase days, the first included, &gt;= 1. */
  public int purchases;

  /** Value of the purchases on the first day. */
  public double firstDaySpend;

  /** Value of all purchases. */
  public double totalSpend;

  /** The pending stage-change timer in milliseconds, or {@link #NO_TIMER}. */
  public long stageTimer = NO_TIMER;

  /** The value of {@link #stageTimer} when no stage timer is set. */
  public static final long NO_TIMER = Long.MIN_VALUE;

  /** An empty state, for Flink's serializer. */
  public CustomerState() {}
}
