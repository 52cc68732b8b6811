package org.clvkit.examples.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDateTime;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/** Millisecond timestamps and date-times convert both ways over the whole range of purchases. */
class TimesTest {

  @Test
  void toLocalDateTime_roundTripsEveryMillisecond() {
    Seeded.qt()
        .forAll(longs().between(Purchase.MIN_EPOCH_MILLI, Purchase.MAX_EPOCH_MILLI))
        .checkAssert(ms -> assertEquals(ms, Times.toEpochMilli(Times.toLocalDateTime(ms))));
  }

  @Test
  void toEpochMilliCeiling_isTheFirstMillisecondNotBeforeTheTime() {
    Seeded.qt()
        .forAll(
            longs().between(Purchase.MIN_EPOCH_MILLI, Purchase.MAX_EPOCH_MILLI - 1),
            integers().between(0, 999_999))
        .checkAssert(
            (ms, nanos) -> {
              LocalDateTime time = Times.toLocalDateTime(ms).plusNanos(nanos);
              long ceiling = Times.toEpochMilliCeiling(time);
              assertEquals(nanos == 0 ? ms : ms + 1, ceiling);
              assertTrue(!Times.toLocalDateTime(ceiling).isBefore(time));
            });
  }

  @Test
  void startOfDay_isMidnightOfTheSameDate() {
    Seeded.qt()
        .forAll(longs().between(Purchase.MIN_EPOCH_MILLI, Purchase.MAX_EPOCH_MILLI))
        .checkAssert(
            ms ->
                assertEquals(
                    Times.toLocalDateTime(ms).toLocalDate().atStartOfDay(),
                    Times.toLocalDateTime(Times.startOfDay(ms))));
  }

  @Test
  void purchaseBounds_areTheYears1To9999() {
    assertEquals(LocalDateTime.of(1, 1, 1, 0, 0), Times.toLocalDateTime(Purchase.MIN_EPOCH_MILLI));
    assertEquals(
        LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000),
        Times.toLocalDateTime(Purchase.MAX_EPOCH_MILLI));
  }
}
