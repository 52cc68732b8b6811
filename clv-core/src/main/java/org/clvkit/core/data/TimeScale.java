package org.clvkit.core.data;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import org.clvkit.core.Checks;

/**
 * The length of one period, in which summaries express recency and age. Fixed-length only: there
 * are no calendar months here, so a "month" must be given explicitly, for example {@code
 * TimeScale.of(Duration.ofDays(30))} or {@code Duration.ofHours(730)} (365.25 days / 12), and the
 * choice is the caller's.
 *
 * @param period the length of one period, positive
 */
public record TimeScale(Duration period) implements Serializable {
  /** One day. */
  public static final TimeScale DAYS = new TimeScale(Duration.ofDays(1));

  /** One week of seven days, the unit of the CDNOW literature. */
  public static final TimeScale WEEKS = new TimeScale(Duration.ofDays(7));

  /** Validates that the period is positive. */
  public TimeScale {
    Checks.notNull("period", period);
    if (period.isZero() || period.isNegative()) {
      throw Checks.fail("period must be > 0, was %s", period);
    }
  }

  /** A time scale whose period is {@code period}. */
  public static TimeScale of(Duration period) {
    return new TimeScale(period);
  }

  /** Number of periods from {@code start} to {@code end} (negative when end is before start). */
  public double between(LocalDateTime start, LocalDateTime end) {
    Duration d = Duration.between(start, end);
    return ((double) d.getSeconds() + d.getNano() * 1e-9) / seconds();
  }

  /** The period's length in seconds. */
  public double seconds() {
    return period.getSeconds() + period.getNano() * 1e-9;
  }
}
