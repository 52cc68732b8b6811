package org.clvkit.core.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.clvkit.core.Checks;

/**
 * One purchase: who bought, when, and for how much.
 *
 * @param customerId the customer's identifier, never null
 * @param time when the purchase happened (a date is a purchase at the start of that day)
 * @param amount the purchase value in the caller's currency, finite
 */
public record Transaction(String customerId, LocalDateTime time, double amount) {

  /** Validates that id and time are present and the amount is finite. */
  public Transaction {
    Checks.notNull("customerId", customerId);
    Checks.notNull("time", time);
    Checks.finite("amount", amount);
  }

  /** A purchase on a date, placed at the start of the day. */
  public static Transaction of(String customerId, LocalDate date, double amount) {
    return new Transaction(customerId, Checks.notNull("date", date).atStartOfDay(), amount);
  }

  /** The calendar date of the purchase. */
  public LocalDate date() {
    return time.toLocalDate();
  }
}
