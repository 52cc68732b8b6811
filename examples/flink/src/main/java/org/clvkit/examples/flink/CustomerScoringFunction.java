package org.clvkit.examples.flink;

import java.time.LocalDateTime;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.clvkit.core.Checks;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.clv.CustomerLifetimeValue;

/**
 * Scores one customer (the key) from their purchase events: keeps the running summary in keyed
 * state, and emits a {@link CustomerScore} when a purchase is applied, when the customer's
 * lifecycle stage changes on an event-time timer while they are quiet, and at the end of
 * observation if one is set.
 *
 * <p><b>Order.</b> An event is buffered (keyed map state, by event time) and an event-time timer is
 * set at its time; when the watermark passes it, the purchases of that instant are applied, so that
 * each customer's purchases are applied in event-time order however they arrived within the
 * watermark's bound. An event at or before the current watermark is late and goes to the side
 * output {@link StreamingClvJob#SKIPPED}, as do events after the end of observation.
 *
 * <p><b>Timers.</b> After each output the function asks the stage rules when the stage would next
 * change without a purchase ({@link StageRules#nextChange}) and keeps one event-time timer there,
 * rounded up to the millisecond (a new purchase replaces it). A customer who stops buying thus
 * moves to AT_RISK and then CHURNED through timers alone; once churned no timer is left.
 *
 * <p>The model is shipped with the function (it is {@link java.io.Serializable}) and shared by the
 * parallel instances; it is immutable and thread-safe.
 */
public final class CustomerScoringFunction
    extends KeyedProcessFunction<String, Purchase, CustomerScore> {
  private static final long serialVersionUID = 1L;

  private final ScoringSettings settings;
  private final CustomerLifetimeValue value;
  private final long observationEnd;

  private transient ValueState<CustomerState> summary;
  private transient MapState<Long, Double> pending;

  /**
   * A function scoring with {@code value} under {@code settings}.
   *
   * @param settings time scale, stage rules, horizons and end of observation
   * @param value the fitted purchase and spend models and the margin
   */
  public CustomerScoringFunction(ScoringSettings settings, CustomerLifetimeValue value) {
    this.settings = Checks.notNull("settings", settings);
    this.value = Checks.notNull("value", value);
    this.observationEnd =
        settings.hasObservationEnd()
            ? Times.toEpochMilli(settings.observationEnd())
            : Long.MAX_VALUE;
  }

  /** Registers the keyed state: the summary and the purchases waiting for the watermark. */
  @Override
  public void open(OpenContext openContext) {
    summary =
        getRuntimeContext().getState(new ValueStateDescriptor<>("summary", CustomerState.class));
    pending =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.DOUBLE));
  }

  /** Buffers a purchase until the watermark passes it, or skips it when late or after the end. */
  @Override
  public void processElement(Purchase purchase, Context context, Collector<CustomerScore> out)
      throws Exception {
    long time = purchase.epochMilli();
    TimerService timers = context.timerService();
    long watermark = timers.currentWatermark();
    if (time > observationEnd) {
      context.output(
          StreamingClvJob.SKIPPED,
          new SkippedPurchase(purchase, SkippedPurchase.Reason.AFTER_OBSERVATION_END, watermark));
      return;
    }
    if (time <= watermark) {
      context.output(
          StreamingClvJob.SKIPPED,
          new SkippedPurchase(purchase, SkippedPurchase.Reason.LATE, watermark));
      return;
    }
    Double sum = pending.get(time);
    // A zero amount is a purchase of value 0; +0.0 keeps sums at +0.0.
    pending.put(time, sum == null ? purchase.amount() + 0.0 : sum + purchase.amount());
    timers.registerEventTimeTimer(time);
    if (observationEnd != Long.MAX_VALUE) {
      timers.registerEventTimeTimer(observationEnd); // set once per key: Flink deduplicates
    }
  }

  /**
   * Applies the purchases at {@code timestamp} and emits their score, or emits the score of a stage
   * change; at the end of observation also emits the final score.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<CustomerScore> out)
      throws Exception {
    String id = context.getCurrentKey();
    CustomerState state = summary.value();
    Double amount = pending.get(timestamp);
    if (amount != null) {
      pending.remove(timestamp);
      state = apply(state, timestamp, amount);
      out.collect(score(id, state, timestamp, CustomerScore.Trigger.PURCHASE));
      setStageTimer(state, timestamp, context.timerService());
      summary.update(state);
    } else if (state != null && timestamp == state.stageTimer) {
      state.stageTimer = CustomerState.NO_TIMER;
      out.collect(score(id, state, timestamp, CustomerScore.Trigger.STAGE_TIMER));
      setStageTimer(state, timestamp, context.timerService());
      summary.update(state);
    }
    if (timestamp == observationEnd && state != null) {
      out.collect(score(id, state, timestamp, CustomerScore.Trigger.OBSERVATION_END));
    }
  }

  /** Adds the purchases of one instant, the latest so far, to the summary (same-day merging). */
  private static CustomerState apply(CustomerState state, long time, double amount) {
    long day = Times.startOfDay(time);
    if (state == null) {
      CustomerState s = new CustomerState();
      s.firstPurchase = day;
      s.lastPurchase = day;
      s.purchases = 1;
      s.firstDaySpend = amount;
      s.totalSpend = amount;
      return s;
    }
    if (day != state.lastPurchase) { // a later day: timers fire in event-time order
      state.purchases++;
      state.lastPurchase = day;
    } else if (day == state.firstPurchase) {
      state.firstDaySpend += amount;
    }
    state.totalSpend += amount;
    return state;
  }

  /** The customer's summary and scores as of {@code asOfMillis}. */
  private CustomerScore score(
      String id, CustomerState state, long asOfMillis, CustomerScore.Trigger trigger) {
    TimeScale scale = settings.timeScale();
    LocalDateTime first = Times.toLocalDateTime(state.firstPurchase);
    LocalDateTime last = Times.toLocalDateTime(state.lastPurchase);
    LocalDateTime asOf = Times.toLocalDateTime(asOfMillis);
    int x = state.purchases - 1;
    double recency = scale.between(first, last);
    double age = scale.between(first, asOf);
    // As SummaryAccumulator: the mean of the repeat days; max() only absorbs rounding.
    double monetary = x == 0 ? 0 : Math.max(0, (state.totalSpend - state.firstDaySpend) / x);
    LifecycleStage stage =
        LifecycleStage.values()[
            settings.stageRules().assign(state.purchases, first, last, asOf, scale)];
    PurchaseModel model = value.purchaseModel();
    return new CustomerScore(
        id,
        asOfMillis,
        trigger,
        x,
        recency,
        age,
        monetary,
        state.totalSpend,
        stage,
        model.probabilityAlive(x, recency, age),
        model.conditionalExpectedPurchases(settings.expectedPurchasesHorizon(), x, recency, age),
        value.conditionalValue(
            settings.clvPeriods(), settings.discountRate(), x, recency, age, monetary));
  }

  /** Replaces the stage timer by one at the next stage change after {@code asOfMillis}, if any. */
  private void setStageTimer(CustomerState state, long asOfMillis, TimerService timers) {
    if (state.stageTimer != CustomerState.NO_TIMER) {
      timers.deleteEventTimeTimer(state.stageTimer);
      state.stageTimer = CustomerState.NO_TIMER;
    }
    Optional<LocalDateTime> next =
        settings
            .stageRules()
            .nextChange(
                state.purchases,
                Times.toLocalDateTime(state.firstPurchase),
                Times.toLocalDateTime(state.lastPurchase),
                Times.toLocalDateTime(asOfMillis),
                settings.timeScale());
    if (next.isEmpty() || next.get().getYear() > 9999) {
      return;
    }
    long at = Times.toEpochMilliCeiling(next.get());
    if (at < observationEnd) {
      timers.registerEventTimeTimer(at);
      state.stageTimer = at;
    }
  }
}
