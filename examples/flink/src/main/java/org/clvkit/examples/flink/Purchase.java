package org.clvkit.examples.flink;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.clvkit.core.Checks;

/**
 * One transaction event: a customer bought for an amount at an event time. The time is kept as
 * milliseconds since 1970-01-01T00:00 on the clock of {@link LocalDateTime} without a zone (the
 * clock of clvkit's summaries, {@code LocalDateTime.toEpochSecond(ZoneOffset.UTC)}), which is also
 * the Flink event timestamp. Flink serializes it as a record (no Kryo).
 *
 * @param customerId the customer; not null
 * @param epochMilli event time in milliseconds since 1970-01-01T00:00, in [{@link
 *     #MIN_EPOCH_MILLI}, {@link #MAX_EPOCH_MILLI}]
 * @param amount the purchase value, finite and &gt;= 0; a zero amount is a purchase of value 0 (the
 *     CDNOW convention); refunds must be netted against their purchases before streaming
 */
public record Purchase(String customerId, long epochMilli, double amount) implements Serializable {

  /** The earliest event time, 0001-01-01T00:00. */
  public static final long MIN_EPOCH_MILLI = Times.toEpochMilli(LocalDateTime.of(1, 1, 1, 0, 0));

  /** The latest event time, 9999-12-31T23:59:59.999. */
  public static final long MAX_EPOCH_MILLI =
      Times.toEpochMilli(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000));

  /** Validates the id, the time range and the amount. */
  public Purchase {
    Checks.notNull("customerId", customerId);
    Checks.integerInRange("epochMilli", epochMilli, MIN_EPOCH_MILLI, MAX_EPOCH_MILLI);
    Checks.nonNegative("amount", amount);
  }

  /**
   * A purchase at a time (kept to the millisecond).
   *
   * @param customerId the customer; not null
   * @param time when; not null, in the years 1 to 9999
   * @param amount the value, finite and &gt;= 0
   */
  public static Purchase of(String customerId, LocalDateTime time, double amount) {
    Checks.notNull("time", time);
    Checks.within(
        "time", time, Times.toLocalDateTime(MIN_EPOCH_MILLI), LocalDateTime.of(10_000, 1, 1, 0, 0));
    return new Purchase(customerId, Times.toEpochMilli(time), amount);
  }

  /**
   * A purchase on a date, at the start of the day; arguments as {@link #of(String, LocalDateTime,
   * double)}.
   */
  public static Purchase of(String customerId, LocalDate date, double amount) {
    return of(customerId, Checks.notNull("date", date).atStartOfDay(), amount);
  }

  /** The event time as a date-time. */
  public LocalDateTime time() {
    return Times.toLocalDateTime(epochMilli);
  }
}
