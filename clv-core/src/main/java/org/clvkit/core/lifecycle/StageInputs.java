package org.clvkit.core.lifecycle;

import java.time.LocalDateTime;
import org.clvkit.core.Checks;
import org.clvkit.core.data.TimeScale;

/** Validation of stage-assignment inputs and the search behind {@link StageAssigner#nextChange}. */
final class StageInputs {
  /** About 100 years in nanoseconds: offsets below this are refined to the nanosecond. */
  static final double MAX_REFINED_NANOS = 100.0 * 366 * 86_400 * 1e9;

  private StageInputs() {}

  /** Validates one customer's purchase count and times (the domain of {@link StageAssigner}). */
  static void check(int purchaseCount, double timeSinceFirst, double timeSinceLast) {
    Checks.positive("purchaseCount", purchaseCount);
    Checks.nonNegative("timeSinceFirst", timeSinceFirst);
    Checks.nonNegative("timeSinceLast", timeSinceLast);
    Checks.atMost("timeSinceLast", timeSinceLast, "timeSinceFirst", timeSinceFirst);
  }

  /** Validates rows {@code [from, to)} of the three input columns, naming the row. */
  static void checkColumns(
      double[] purchaseCount, double[] timeSinceFirst, double[] timeSinceLast, int from, int to) {
    Checks.notNull("purchaseCount", purchaseCount);
    Checks.notNull("timeSinceFirst", timeSinceFirst);
    Checks.notNull("timeSinceLast", timeSinceLast);
    Checks.sameLength(
        "timeSinceFirst", timeSinceFirst.length, "purchaseCount", purchaseCount.length);
    Checks.sameLength("timeSinceLast", timeSinceLast.length, "purchaseCount", purchaseCount.length);
    Checks.range(from, to, purchaseCount.length);
    for (int i = from; i < to; i++) {
      String name = Checks.indexed("purchaseCount", i);
      Checks.count(name, purchaseCount[i]);
      if (purchaseCount[i] < 1) {
        Checks.positive(name, (int) purchaseCount[i]);
      }
      Checks.nonNegative(Checks.indexed("timeSinceFirst", i), timeSinceFirst[i]);
      Checks.nonNegative(Checks.indexed("timeSinceLast", i), timeSinceLast[i]);
      Checks.atMost(
          Checks.indexed("timeSinceLast", i),
          timeSinceLast[i],
          Checks.indexed("timeSinceFirst", i),
          timeSinceFirst[i]);
    }
  }

  /** Validates purchase dates and an as-of date: first &lt;= last &lt;= asOf. */
  static void check(
      LocalDateTime firstPurchase,
      LocalDateTime lastPurchase,
      LocalDateTime asOf,
      TimeScale scale) {
    Checks.notNull("firstPurchase", firstPurchase);
    Checks.notNull("lastPurchase", lastPurchase);
    Checks.notNull("asOf", asOf);
    Checks.notNull("scale", scale);
    if (lastPurchase.isBefore(firstPurchase)) {
      throw Checks.fail(
          "lastPurchase = %s must not be before firstPurchase = %s", lastPurchase, firstPurchase);
    }
    if (asOf.isBefore(lastPurchase)) {
      throw Checks.fail("asOf = %s must not be before lastPurchase = %s", asOf, lastPurchase);
    }
  }

  /** Whether the stage {@code offsetNanos} after {@code asOf} differs from {@code current}. */
  static boolean differs(
      StageAssigner assigner,
      int current,
      int purchaseCount,
      LocalDateTime firstPurchase,
      LocalDateTime lastPurchase,
      LocalDateTime asOf,
      TimeScale scale,
      long offsetNanos) {
    LocalDateTime t = asOf.plusNanos(offsetNanos);
    return assigner.assign(
            purchaseCount, scale.between(firstPurchase, t), scale.between(lastPurchase, t))
        != current;
  }
}
