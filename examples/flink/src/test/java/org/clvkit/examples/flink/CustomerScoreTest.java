package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.junit.jupiter.api.Test;

class CustomerScoreTest {
  static final CustomerScore.Trigger PURCHASE = CustomerScore.Trigger.PURCHASE;
  static final LifecycleStage NEW = LifecycleStage.NEW;

  @Test
  void accessors_giveThePurchaseCountAndTheTime() {
    CustomerScore s = new CustomerScore("c", 86_400_000L, PURCHASE, 2, 1, 3, 5, 20, NEW, 0.5, 1, 9);
    assertEquals(3, s.purchaseCount());
    assertEquals(LocalDateTime.of(1970, 1, 2, 0, 0), s.asOf());
  }

  @Test
  void constructor_rejectsEachInvalidField() {
    assertRejects(
        "customerId must not be null",
        () -> new CustomerScore(null, 0, PURCHASE, 0, 0, 0, 0, 0, NEW, 1, 0, 0));
    assertRejects(
        "trigger must not be null",
        () -> new CustomerScore("c", 0, null, 0, 0, 0, 0, 0, NEW, 1, 0, 0));
    assertRejects(
        "frequency must be >= 0, was -1",
        () -> new CustomerScore("c", 0, PURCHASE, -1, 0, 0, 0, 0, NEW, 1, 0, 0));
    assertRejects(
        "recency must be finite and >= 0, was -1.0",
        () -> new CustomerScore("c", 0, PURCHASE, 0, -1, 0, 0, 0, NEW, 1, 0, 0));
    assertRejects(
        "age must be finite and >= 0, was NaN",
        () -> new CustomerScore("c", 0, PURCHASE, 0, 0, Double.NaN, 0, 0, NEW, 1, 0, 0));
    assertRejects(
        "recency = 2.0 must be <= age = 1.0",
        () -> new CustomerScore("c", 0, PURCHASE, 1, 2, 1, 0, 0, NEW, 1, 0, 0));
    assertRejects(
        "monetaryValue must be finite and >= 0, was -1.0",
        () -> new CustomerScore("c", 0, PURCHASE, 0, 0, 0, -1, 0, NEW, 1, 0, 0));
    assertRejects(
        "totalSpend must be finite and >= 0, was Infinity",
        () ->
            new CustomerScore(
                "c", 0, PURCHASE, 0, 0, 0, 0, Double.POSITIVE_INFINITY, NEW, 1, 0, 0));
    assertRejects(
        "stage must not be null",
        () -> new CustomerScore("c", 0, PURCHASE, 0, 0, 0, 0, 0, null, 1, 0, 0));
    assertRejects(
        "probabilityAlive must be in [0, 1], was 1.5",
        () -> new CustomerScore("c", 0, PURCHASE, 0, 0, 0, 0, 0, NEW, 1.5, 0, 0));
    assertRejects(
        "expectedPurchases must be finite and >= 0, was -0.5",
        () -> new CustomerScore("c", 0, PURCHASE, 0, 0, 0, 0, 0, NEW, 1, -0.5, 0));
    assertRejects(
        "clv must be finite and >= 0, was NaN",
        () -> new CustomerScore("c", 0, PURCHASE, 0, 0, 0, 0, 0, NEW, 1, 0, Double.NaN));
  }

  @Test
  void skippedPurchase_rejectsMissingFields() {
    Purchase p = new Purchase("c", 0, 1);
    assertRejects(
        "purchase must not be null",
        () -> new SkippedPurchase(null, SkippedPurchase.Reason.LATE, 0));
    assertRejects("reason must not be null", () -> new SkippedPurchase(p, null, 0));
  }
}
