package org.clvkit.examples.flink;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * A purchase event the job did not apply, with the reason, emitted on the side output {@link
 * StreamingClvJob#SKIPPED} so that no event is lost without a trace.
 *
 * @param purchase the event
 * @param reason why it was not applied
 * @param watermark the operator's watermark when the event arrived, in milliseconds
 */
public record SkippedPurchase(Purchase purchase, Reason reason, long watermark)
    implements Serializable {

  /** Why a purchase was skipped. */
  public enum Reason {
    /**
     * Its event time was at or before the watermark when it arrived: later than the allowed
     * out-of-orderness, after the job may already have emitted outputs for later times.
     */
    LATE,
    /** Its event time is after the configured end of observation. */
    AFTER_OBSERVATION_END
  }

  /** Validates that nothing is null. */
  public SkippedPurchase {
    Checks.notNull("purchase", purchase);
    Checks.notNull("reason", reason);
  }
}
