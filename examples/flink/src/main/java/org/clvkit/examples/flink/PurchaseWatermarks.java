package org.clvkit.examples.flink;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.clvkit.core.Checks;

/**
 * Event time for {@link Purchase} streams: timestamps from {@link Purchase#epochMilli()} and
 * bounded-out-of-orderness watermarks emitted with the events (punctuated), so that the watermark
 * after an event is always {@code latest event time - bound - 1 ms}, whatever the processing speed.
 * That makes which events are late a function of the input order alone (the tests rely on it).
 *
 * <p>For high-rate streams, Flink's {@link WatermarkStrategy#forBoundedOutOfOrderness(Duration)}
 * gives the same watermarks with fewer emissions (periodically, every {@code
 * pipeline.auto-watermark-interval}); events are then late a little less often, depending on
 * timing. An idle source partition holds the watermark back: add {@code withIdleness(...)} when
 * partitions can go quiet.
 */
public final class PurchaseWatermarks {
  private PurchaseWatermarks() {}

  /**
   * Watermarks that trail the latest event time by {@code bound}.
   *
   * @param bound the allowed out-of-orderness, &gt;= 0
   * @return a strategy with {@link Purchase#epochMilli()} as the event timestamp
   */
  public static WatermarkStrategy<Purchase> boundedOutOfOrderness(Duration bound) {
    Checks.notNull("bound", bound);
    if (bound.isNegative()) {
      throw Checks.fail("bound must be >= 0, was %s", bound);
    }
    // Purchases lie in years 1..9999, so a bound beyond 20,000 years changes nothing.
    Duration cap = Duration.ofDays(20_000L * 366);
    long millis = (bound.compareTo(cap) > 0 ? cap : bound).toMillis();
    return WatermarkStrategy.<Purchase>forGenerator(context -> new Generator(millis))
        .withTimestampAssigner((purchase, previous) -> purchase.epochMilli());
  }

  /** Emits {@code max event time - bound - 1} whenever it advances. */
  static final class Generator implements WatermarkGenerator<Purchase> {
    private final long bound;
    private long watermark = Long.MIN_VALUE;

    Generator(long bound) {
      this.bound = bound;
    }

    @Override
    public void onEvent(Purchase event, long eventTimestamp, WatermarkOutput output) {
      long candidate = eventTimestamp - bound - 1;
      if (candidate > watermark) {
        watermark = candidate;
        output.emitWatermark(new Watermark(candidate));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      // Watermarks go out with the events.
    }
  }
}
