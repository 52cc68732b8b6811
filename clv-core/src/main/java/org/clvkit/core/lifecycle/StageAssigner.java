package org.clvkit.core.lifecycle;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.core.data.CustomerSummary;
import org.clvkit.core.data.TimeScale;

/**
 * Assigns a customer to a lifecycle stage from three numbers: the purchase count (the first
 * purchase included, at least 1), the time since the first purchase and the time since the last
 * purchase, both in periods and as of the moment of assignment. {@link StageRules} is the
 * documented default; a custom stage set comes with its own implementation.
 *
 * <p>Implementations must be immutable and thread-safe, and must make the stage of a customer who
 * does not buy change only at the moments that {@link #periodsUntilNextChange(int, double, double)}
 * reports, so that streaming jobs can set timers with {@link #nextChange(int, LocalDateTime,
 * LocalDateTime, LocalDateTime, TimeScale)}. The default methods add the forms streams and batch
 * jobs call: from a {@link CustomerSummary}, from purchase dates and an as-of date, and over
 * columns.
 */
public interface StageAssigner extends Serializable {

  /** The stages that {@link #assign(int, double, double)} returns indices of. */
  StageSet stages();

  /**
   * The index in {@link #stages()} of the stage of a customer as of now.
   *
   * @param purchaseCount number of purchases so far, the first included, {@code >= 1}
   * @param timeSinceFirst periods since the first purchase, finite and {@code >= 0}
   * @param timeSinceLast periods since the last purchase, finite, {@code >= 0} and {@code <=
   *     timeSinceFirst}
   * @return the stage index
   * @throws org.clvkit.core.ClvArgumentException when an argument is outside its domain
   */
  int assign(int purchaseCount, double timeSinceFirst, double timeSinceLast);

  /**
   * Periods from now until the customer's stage next changes if they make no purchase, {@code > 0},
   * or {@link Double#POSITIVE_INFINITY} when it never changes without a purchase (for example once
   * churned). Arguments as for {@link #assign(int, double, double)}.
   */
  double periodsUntilNextChange(int purchaseCount, double timeSinceFirst, double timeSinceLast);

  /**
   * The stage of a summarised customer as of the summary's end of observation: the time since the
   * first purchase is its {@code age} and the time since the last purchase is {@code age -
   * recency}, in the summary's periods.
   */
  default int assign(CustomerSummary summary) {
    Checks.notNull("summary", summary);
    return assign(summary.purchaseCount(), summary.age(), summary.age() - summary.recency());
  }

  /**
   * The stage of a summarised customer as of {@code asOf}, measuring times with {@code scale}.
   *
   * @throws org.clvkit.core.ClvArgumentException when {@code asOf} is before the last purchase
   */
  default int assign(CustomerSummary summary, LocalDateTime asOf, TimeScale scale) {
    Checks.notNull("summary", summary);
    return assign(
        summary.purchaseCount(), summary.firstPurchase(), summary.lastPurchase(), asOf, scale);
  }

  /**
   * The stage as of {@code asOf} of a customer with {@code purchaseCount} purchases between {@code
   * firstPurchase} and {@code lastPurchase}, measuring times with {@code scale}: the form a stream
   * keeps in its state.
   *
   * @throws org.clvkit.core.ClvArgumentException when a date is null, {@code lastPurchase} is
   *     before {@code firstPurchase} or {@code asOf} is before {@code lastPurchase}
   */
  default int assign(
      int purchaseCount,
      LocalDateTime firstPurchase,
      LocalDateTime lastPurchase,
      LocalDateTime asOf,
      TimeScale scale) {
    StageInputs.check(firstPurchase, lastPurchase, asOf, scale);
    return assign(
        purchaseCount, scale.between(firstPurchase, asOf), scale.between(lastPurchase, asOf));
  }

  /**
   * When the stage of a customer who makes no further purchase next changes: the earliest instant
   * after {@code asOf}, to the nanosecond, at which {@link #assign(int, LocalDateTime,
   * LocalDateTime, LocalDateTime, TimeScale)} gives a different stage; empty when the stage never
   * changes without a purchase. A streaming job sets an event-time timer at this instant (rounded
   * up to its clock's resolution) and reassigns when it fires.
   *
   * <p>The instant is {@code asOf} plus {@link #periodsUntilNextChange(int, double, double)}
   * periods, then moved by a few nanoseconds where floating-point rounding of the period arithmetic
   * would otherwise put it just before or after the change. Changes more than about 100 years ahead
   * are returned without that adjustment.
   *
   * @throws org.clvkit.core.ClvArgumentException as {@link #assign(int, LocalDateTime,
   *     LocalDateTime, LocalDateTime, TimeScale)}
   */
  default Optional<LocalDateTime> nextChange(
      int purchaseCount,
      LocalDateTime firstPurchase,
      LocalDateTime lastPurchase,
      LocalDateTime asOf,
      TimeScale scale) {
    int current = assign(purchaseCount, firstPurchase, lastPurchase, asOf, scale);
    double periods =
        periodsUntilNextChange(
            purchaseCount, scale.between(firstPurchase, asOf), scale.between(lastPurchase, asOf));
    if (periods == Double.POSITIVE_INFINITY) {
      return Optional.empty();
    }
    if (!(periods > 0)) {
      throw new IllegalStateException(
          "periodsUntilNextChange must be > 0 or infinite, was " + periods);
    }
    double nanos = Math.ceil(periods * scale.seconds() * 1e9);
    if (!(nanos < StageInputs.MAX_REFINED_NANOS)) {
      double seconds = periods * scale.seconds();
      long whole = (long) Math.floor(seconds);
      return Optional.of(
          asOf.plus(Duration.ofSeconds(whole, (long) Math.ceil((seconds - whole) * 1e9))));
    }
    // Find the earliest offset (in ns after asOf) whose stage differs, starting near the estimate.
    long guess = Math.max(1L, (long) nanos);
    long lo; // offset known to have the current stage
    long hi; // offset known to have a different stage
    if (StageInputs.differs(
        this, current, purchaseCount, firstPurchase, lastPurchase, asOf, scale, guess)) {
      hi = guess;
      long step = 1;
      lo = Math.max(0, guess - step);
      while (lo > 0
          && StageInputs.differs(
              this, current, purchaseCount, firstPurchase, lastPurchase, asOf, scale, lo)) {
        hi = lo;
        step *= 2;
        lo = Math.max(0, guess - step);
      }
    } else {
      lo = guess;
      long step = 1;
      hi = guess + step;
      while (!StageInputs.differs(
          this, current, purchaseCount, firstPurchase, lastPurchase, asOf, scale, hi)) {
        lo = hi;
        if (step > StageInputs.MAX_REFINED_NANOS / 4) {
          throw new IllegalStateException(
              "stage assigner reported a change after " + periods + " periods but none happened");
        }
        step *= 2;
        hi = guess + step;
      }
    }
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (StageInputs.differs(
          this, current, purchaseCount, firstPurchase, lastPurchase, asOf, scale, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return Optional.of(asOf.plusNanos(hi));
  }

  /**
   * As {@link #nextChange(int, LocalDateTime, LocalDateTime, LocalDateTime, TimeScale)} for a
   * summarised customer.
   */
  default Optional<LocalDateTime> nextChange(
      CustomerSummary summary, LocalDateTime asOf, TimeScale scale) {
    Checks.notNull("summary", summary);
    return nextChange(
        summary.purchaseCount(), summary.firstPurchase(), summary.lastPurchase(), asOf, scale);
  }

  /**
   * Column form of {@link #assign(int, double, double)} over rows {@code [from, to)}; the purchase
   * counts are whole numbers held as doubles. Validates the whole range before writing anything;
   * messages name the row, for example {@code timeSinceLast[3] = 5.0 must be <= timeSinceFirst[3] =
   * 2.0}.
   *
   * @param out stage indices, written at rows {@code [from, to)}. Modified.
   */
  default void assign(
      double[] purchaseCount,
      double[] timeSinceFirst,
      double[] timeSinceLast,
      int from,
      int to,
      int[] out) {
    StageInputs.checkColumns(purchaseCount, timeSinceFirst, timeSinceLast, from, to);
    Checks.notNull("out", out);
    Checks.sameLength("out", out.length, "purchaseCount", purchaseCount.length);
    for (int i = from; i < to; i++) {
      out[i] = assign((int) purchaseCount[i], timeSinceFirst[i], timeSinceLast[i]);
    }
  }

  /** Column form of {@link #assign(int, double, double)} over all rows. */
  default void assign(
      double[] purchaseCount, double[] timeSinceFirst, double[] timeSinceLast, int[] out) {
    Checks.notNull("purchaseCount", purchaseCount);
    assign(purchaseCount, timeSinceFirst, timeSinceLast, 0, purchaseCount.length, out);
  }

  /**
   * Column form of {@link #periodsUntilNextChange(int, double, double)} over rows {@code [from,
   * to)}, validated as {@link #assign(double[], double[], double[], int, int, int[])}.
   *
   * @param out periods until the next change, written at rows {@code [from, to)}. Modified.
   */
  default void periodsUntilNextChange(
      double[] purchaseCount,
      double[] timeSinceFirst,
      double[] timeSinceLast,
      int from,
      int to,
      double[] out) {
    StageInputs.checkColumns(purchaseCount, timeSinceFirst, timeSinceLast, from, to);
    Checks.notNull("out", out);
    Checks.sameLength("out", out.length, "purchaseCount", purchaseCount.length);
    for (int i = from; i < to; i++) {
      out[i] = periodsUntilNextChange((int) purchaseCount[i], timeSinceFirst[i], timeSinceLast[i]);
    }
  }
}
