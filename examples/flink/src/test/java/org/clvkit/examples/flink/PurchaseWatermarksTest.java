package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/** The punctuated watermarks trail the latest event time by the bound, and only advance. */
class PurchaseWatermarksTest {

  /** Records what a generator emits. */
  static final class Emitted implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {
      throw new AssertionError("the generator never marks idle");
    }

    @Override
    public void markActive() {
      throw new AssertionError("the generator never marks active");
    }
  }

  @Test
  void generator_emitsTheLatestTimeMinusTheBoundMinusOneWhenItAdvances() {
    Seeded.qt()
        .forAll(
            lists().of(longs().between(0, 1_000_000)).ofSizeBetween(1, 50),
            integers().between(0, 10_000))
        .checkAssert(
            (times, bound) -> {
              PurchaseWatermarks.Generator generator = new PurchaseWatermarks.Generator(bound);
              Emitted out = new Emitted();
              List<Long> expected = new ArrayList<>();
              long max = Long.MIN_VALUE;
              for (long t : times) {
                generator.onEvent(new Purchase("c", t, 1), t, out);
                generator.onPeriodicEmit(out);
                if (t > max) {
                  max = t;
                  expected.add(t - bound - 1);
                }
              }
              assertEquals(expected, out.watermarks);
            });
  }

  @Test
  void boundedOutOfOrderness_rejectsAMissingOrNegativeBound() {
    assertRejects("bound must not be null", () -> PurchaseWatermarks.boundedOutOfOrderness(null));
    assertRejects(
        "bound must be >= 0, was PT-0.001S",
        () -> PurchaseWatermarks.boundedOutOfOrderness(Duration.ofMillis(-1)));
  }
}
