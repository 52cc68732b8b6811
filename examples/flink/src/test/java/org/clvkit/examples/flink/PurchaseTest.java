package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PurchaseTest {

  @Test
  void of_keepsTheTimeToTheMillisecond() {
    LocalDateTime time = LocalDateTime.of(1997, 1, 1, 12, 30, 15, 123_456_789);
    Purchase p = Purchase.of("7", time, 12.5);
    assertEquals(LocalDateTime.of(1997, 1, 1, 12, 30, 15, 123_000_000), p.time());
    assertEquals(852_121_815_123L, p.epochMilli());
    assertEquals(
        LocalDate.of(1997, 1, 1).atStartOfDay(),
        Purchase.of("7", LocalDate.of(1997, 1, 1), 0).time());
  }

  @Test
  void constructor_rejectsEachInvalidField() {
    assertRejects("customerId must not be null", () -> new Purchase(null, 0, 1));
    assertRejects(
        "epochMilli must be in [-62135596800000, 253402300799999], was 253402300800000",
        () -> new Purchase("c", Purchase.MAX_EPOCH_MILLI + 1, 1));
    assertRejects("amount must be finite and >= 0, was -1.0", () -> new Purchase("c", 0, -1));
    assertRejects(
        "amount must be finite and >= 0, was NaN", () -> new Purchase("c", 0, Double.NaN));
  }

  @Test
  void of_rejectsAMissingOrOutOfRangeTime() {
    assertRejects("time must not be null", () -> Purchase.of("c", (LocalDateTime) null, 1));
    assertRejects("date must not be null", () -> Purchase.of("c", (LocalDate) null, 1));
    assertRejects(
        "time = +10000-01-01T00:00 must be in [0001-01-01T00:00, +10000-01-01T00:00)",
        () -> Purchase.of("c", LocalDateTime.of(10_000, 1, 1, 0, 0), 1));
  }
}
