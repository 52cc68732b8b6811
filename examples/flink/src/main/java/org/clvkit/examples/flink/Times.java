package org.clvkit.examples.flink;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Conversions between Flink's millisecond timestamps and clvkit's zone-less date-times. */
final class Times {
  static final long MILLIS_PER_DAY = 86_400_000L;

  private Times() {}

  /** Milliseconds since 1970-01-01T00:00, sub-millisecond parts truncated. */
  static long toEpochMilli(LocalDateTime time) {
    return time.toEpochSecond(ZoneOffset.UTC) * 1000L + time.getNano() / 1_000_000;
  }

  /** Milliseconds since 1970-01-01T00:00, rounded up to the next millisecond. */
  static long toEpochMilliCeiling(LocalDateTime time) {
    return time.toEpochSecond(ZoneOffset.UTC) * 1000L + (time.getNano() + 999_999) / 1_000_000;
  }

  /** The date-time {@code epochMilli} milliseconds after 1970-01-01T00:00. */
  static LocalDateTime toLocalDateTime(long epochMilli) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(epochMilli, 1000L),
        (int) Math.floorMod(epochMilli, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  /** The start of the day of {@code epochMilli}. */
  static long startOfDay(long epochMilli) {
    return Math.floorDiv(epochMilli, MILLIS_PER_DAY) * MILLIS_PER_DAY;
  }
}
