package org.clvkit.core.data;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * What the row policies of {@link SummaryOptions} did: how many zero-amount rows were kept as
 * purchases, and how many rows were dropped, by reason. Rows rejected under {@link
 * RowPolicy#REJECT} throw instead, so with the default options all counts are zero.
 *
 * @param zeroAmountsKept rows with amount 0 (or -0) kept as purchases of value 0 ({@link
 *     RowPolicy#KEEP})
 * @param zeroAmountsDropped rows with amount 0 left out ({@link RowPolicy#DROP})
 * @param refundsDropped rows with a negative amount left out
 * @param afterObservationEndDropped rows after {@link SummaryOptions#observationEnd()} left out
 */
public record PolicyCounts(
    long zeroAmountsKept,
    long zeroAmountsDropped,
    long refundsDropped,
    long afterObservationEndDropped)
    implements Serializable {

  /** Nothing kept or dropped. */
  public static final PolicyCounts NONE = new PolicyCounts(0, 0, 0, 0);

  /** Validates that the counts are not negative. */
  public PolicyCounts {
    Checks.integerInRange("zeroAmountsKept", zeroAmountsKept, 0, Long.MAX_VALUE);
    Checks.integerInRange("zeroAmountsDropped", zeroAmountsDropped, 0, Long.MAX_VALUE);
    Checks.integerInRange("refundsDropped", refundsDropped, 0, Long.MAX_VALUE);
    Checks.integerInRange(
        "afterObservationEndDropped", afterObservationEndDropped, 0, Long.MAX_VALUE);
  }

  /** The number of rows dropped for any reason. */
  public long dropped() {
    return zeroAmountsDropped + refundsDropped + afterObservationEndDropped;
  }

  /** The counts of both, added. */
  public PolicyCounts plus(PolicyCounts other) {
    return new PolicyCounts(
        zeroAmountsKept + other.zeroAmountsKept,
        zeroAmountsDropped + other.zeroAmountsDropped,
        refundsDropped + other.refundsDropped,
        afterObservationEndDropped + other.afterObservationEndDropped);
  }

  /** These counts less {@code earlier} ones: what happened since {@code earlier} was taken. */
  public PolicyCounts minus(PolicyCounts earlier) {
    return new PolicyCounts(
        zeroAmountsKept - earlier.zeroAmountsKept,
        zeroAmountsDropped - earlier.zeroAmountsDropped,
        refundsDropped - earlier.refundsDropped,
        afterObservationEndDropped - earlier.afterObservationEndDropped);
  }
}
