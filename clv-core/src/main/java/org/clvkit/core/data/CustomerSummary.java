package org.clvkit.core.data;

import java.time.LocalDateTime;
import org.clvkit.core.Checks;

/**
 * What a customer's purchase history says, in the form the customer-base models take. Times are in
 * periods of the {@link TimeScale} the summary was built with.
 *
 * <p>In Fader and Hardie's notation {@code frequency} is x, {@code recency} is t_x and {@code age}
 * is T.
 *
 * @param customerId the customer's identifier
 * @param frequency number of repeat purchases (the first purchase is not counted)
 * @param recency time from the first to the last purchase; 0 when there was no repeat purchase
 * @param age time from the first purchase to the end of observation
 * @param monetaryValue mean value of the repeat purchases; 0 when there was none
 * @param totalSpend value of all purchases, the first included
 * @param purchaseCount number of purchases, the first included ({@code frequency + 1})
 * @param firstPurchase time of the first purchase
 * @param lastPurchase time of the last purchase
 */
public record CustomerSummary(
    String customerId,
    int frequency,
    double recency,
    double age,
    double monetaryValue,
    double totalSpend,
    int purchaseCount,
    LocalDateTime firstPurchase,
    LocalDateTime lastPurchase) {

  /**
   * Validates the fields and their relations (recency &lt;= age, purchaseCount = frequency + 1).
   */
  public CustomerSummary {
    Checks.notNull("customerId", customerId);
    Checks.nonNegative("frequency", frequency);
    Checks.nonNegative("recency", recency);
    Checks.nonNegative("age", age);
    Checks.atMost("recency", recency, "age", age);
    Checks.nonNegative("monetaryValue", monetaryValue);
    Checks.finite("totalSpend", totalSpend);
    if (purchaseCount != frequency + 1) {
      throw Checks.fail(
          "purchaseCount = %d must be frequency + 1 = %d", purchaseCount, frequency + 1);
    }
    Checks.notNull("firstPurchase", firstPurchase);
    Checks.notNull("lastPurchase", lastPurchase);
    if (lastPurchase.isBefore(firstPurchase)) {
      throw Checks.fail(
          "lastPurchase = %s must not be before firstPurchase = %s", lastPurchase, firstPurchase);
    }
  }
}
