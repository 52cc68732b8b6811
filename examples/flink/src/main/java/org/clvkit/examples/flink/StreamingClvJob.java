package org.clvkit.examples.flink;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.clvkit.core.Checks;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.models.clv.CustomerLifetimeValue;

/**
 * A Flink DataStream job that scores customers from a stream of purchases: events keyed by
 * customer, each customer's running summary in keyed state, and on every purchase, on every
 * lifecycle-stage change of a quiet customer (an event-time timer) and at the end of observation a
 * {@link CustomerScore} with the stage, P(alive), expected purchases and CLV from a model loaded at
 * start-up ({@link ModelLoading}). Late events and events after the end of observation go to the
 * side output {@link #SKIPPED}; see {@link ScoringSettings} for the event-time rules.
 *
 * <p>{@link #main(String[])} replays the bundled CDNOW sample (or a log in its layout) on the
 * environment it is submitted to ({@code flink run}) or, with {@code --local}, in a local
 * mini-cluster bound to 127.0.0.1, and prints a report. In a real deployment, build the pipeline
 * with {@link #scores(DataStream, ScoringSettings, CustomerLifetimeValue)} on a source that assigns
 * {@link PurchaseWatermarks} (Kafka, files), and write the scores to a sink.
 */
public final class StreamingClvJob {
  /** The side output of purchases that were not applied, with the reason. */
  public static final OutputTag<SkippedPurchase> SKIPPED =
      new OutputTag<>("skipped-purchases", TypeInformation.of(SkippedPurchase.class));

  private StreamingClvJob() {}

  /**
   * Builds the scoring step: keys the purchases by customer and scores them.
   *
   * @param purchases purchase events with event timestamps and watermarks assigned (for example by
   *     {@link PurchaseWatermarks})
   * @param settings time scale, stage rules, horizons and end of observation
   * @param value the model, shipped with the job
   * @return the scores; {@code getSideOutput(SKIPPED)} gives the skipped purchases
   */
  public static SingleOutputStreamOperator<CustomerScore> scores(
      DataStream<Purchase> purchases, ScoringSettings settings, CustomerLifetimeValue value) {
    Checks.notNull("purchases", purchases);
    return purchases
        .keyBy(Purchase::customerId, Types.STRING)
        .process(
            new CustomerScoringFunction(settings, value), TypeInformation.of(CustomerScore.class))
        .name("score customers")
        .uid("clvkit-customer-scores");
  }

  /**
   * A stream replaying a list of purchases in list order, with {@link PurchaseWatermarks} of the
   * given bound. Source and watermarks run as one task, so which events are late depends only on
   * the list order.
   *
   * @param env the environment
   * @param purchases the events, in arrival order
   * @param maxOutOfOrderness the watermarks' bound
   */
  public static DataStream<Purchase> replay(
      StreamExecutionEnvironment env, List<Purchase> purchases, Duration maxOutOfOrderness) {
    Checks.notNull("env", env);
    Checks.notNull("purchases", purchases);
    return env.fromData(purchases, TypeInformation.of(Purchase.class))
        .name("purchases")
        .assignTimestampsAndWatermarks(PurchaseWatermarks.boundedOutOfOrderness(maxOutOfOrderness))
        .setParallelism(1)
        .name("event time");
  }

  /**
   * What a run emitted.
   *
   * @param scores every score, in no particular order across customers and in event-time order for
   *     each customer
   * @param skipped every skipped purchase
   */
  public record Result(List<CustomerScore> scores, List<SkippedPurchase> skipped) {
    /** Validates and copies the lists. */
    public Result {
      scores = List.copyOf(Checks.notNull("scores", scores));
      skipped = List.copyOf(Checks.notNull("skipped", skipped));
    }

    /** The scores of one customer, in the order emitted (event-time order). */
    public List<CustomerScore> scoresOf(String customerId) {
      return scores.stream().filter(s -> s.customerId().equals(customerId)).toList();
    }

    /** Each customer's last score, by customer id. */
    public Map<String, CustomerScore> lastScores() {
      Map<String, CustomerScore> last = new HashMap<>();
      for (CustomerScore s : scores) {
        last.put(s.customerId(), s);
      }
      return last;
    }

    /** The number of scores with the given trigger. */
    public long count(CustomerScore.Trigger trigger) {
      return scores.stream().filter(s -> s.trigger() == trigger).count();
    }

    /** The number of skipped purchases with the given reason. */
    public long count(SkippedPurchase.Reason reason) {
      return skipped.stream().filter(s -> s.reason() == reason).count();
    }
  }

  /**
   * Replays {@code purchases} through the job on {@code env} and collects both outputs.
   *
   * @param env the environment (see {@link LocalFlink})
   * @param purchases the events in arrival order
   * @param settings the scoring settings
   * @param value the model
   * @return the scores and the skipped purchases
   * @throws Exception when the job fails
   */
  public static Result run(
      StreamExecutionEnvironment env,
      List<Purchase> purchases,
      ScoringSettings settings,
      CustomerLifetimeValue value)
      throws Exception {
    Checks.notNull("settings", settings);
    SingleOutputStreamOperator<CustomerScore> scores =
        scores(replay(env, purchases, settings.maxOutOfOrderness()), settings, value);
    CloseableIterator<CustomerScore> scored = scores.collectAsync();
    CloseableIterator<SkippedPurchase> skipped = scores.getSideOutput(SKIPPED).collectAsync();
    env.executeAsync("clvkit streaming CLV");
    // Drain both outputs at once, so that neither collecting sink waits for the other.
    CompletableFuture<List<SkippedPurchase>> skippedList =
        CompletableFuture.supplyAsync(() -> drain(skipped));
    try {
      List<CustomerScore> scoreList = drain(scored);
      return new Result(scoreList, skippedList.get());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      scored.close();
      skipped.close();
    }
  }

  private static <T> List<T> drain(CloseableIterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }

  /**
   * Replays a log in event-time order and prints a report: the run's counts, every output for one
   * customer, the customers by stage at the end of observation and the five of highest CLV. The end
   * of observation is the log's last event time.
   *
   * <p>The job runs where it is submitted: {@code flink run clvkit-example-flink-VERSION-job.jar
   * [options]} runs it on the cluster ({@link StreamExecutionEnvironment#getExecutionEnvironment()}
   * gives the cluster's environment). With {@code --local} as the first argument it runs in an
   * in-process mini-cluster bound to 127.0.0.1 with parallelism 2 ({@link LocalFlink}), for a run
   * without a Flink installation.
   *
   * @param args {@code [--local]} followed by the options of {@link JobArguments}
   * @throws Exception when reading the log or the job fails
   */
  public static void main(String[] args) throws Exception {
    boolean local = args.length > 0 && args[0].equals(LOCAL);
    JobArguments arguments =
        JobArguments.parse(local ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
    CustomerLifetimeValue value = ModelLoading.load(arguments);
    List<Purchase> log =
        arguments.log() == null ? CdnowLog.bundled() : CdnowLog.read(arguments.log());
    List<Purchase> events = CdnowLog.inEventTimeOrder(log);
    if (events.isEmpty()) {
      throw Checks.fail("log must contain at least one purchase");
    }
    LocalDateTime end = events.get(events.size() - 1).time();
    ScoringSettings settings = ScoringSettings.weekly().withObservationEnd(end);
    StreamExecutionEnvironment env =
        local ? LocalFlink.environment(2) : StreamExecutionEnvironment.getExecutionEnvironment();
    long start = System.nanoTime();
    Result result = run(env, events, settings, value);
    double seconds = (System.nanoTime() - start) / 1e9;
    String shown = arguments.log() == null ? "0001" : events.get(0).customerId();
    System.out.print(report(events.size(), settings, value, result, shown));
    System.out.printf(
        Locale.ROOT,
        "%nthroughput: %d events in %.1f s (%.0f events/s, submission to last output)%n",
        events.size(),
        seconds,
        events.size() / seconds);
  }

  /** The first argument of {@link #main} that runs the job in a local mini-cluster. */
  public static final String LOCAL = "--local";

  /**
   * The report that {@link #main(String[])} prints.
   *
   * @param events the number of events replayed
   * @param settings the settings of the run
   * @param value the model of the run
   * @param result what the run emitted
   * @param customerId the customer whose every output is listed
   * @return the report, lines ending with {@code \n}
   */
  static String report(
      int events,
      ScoringSettings settings,
      CustomerLifetimeValue value,
      Result result,
      String customerId) {
    StringBuilder out = new StringBuilder();
    Map<String, CustomerScore> last = result.lastScores();
    line(out, "clvkit on Apache Flink: a transaction log replayed as a stream in event-time order");
    line(
        out,
        "model: purchases %s; spend %s; margin %s",
        value.purchaseModel(),
        value.spendModel(),
        value.margin());
    line(
        out,
        "periods of %s; stages: established at %d purchases, at risk after %s quiet periods,"
            + " churned after %s",
        duration(settings.timeScale().period()),
        settings.stageRules().establishedPurchases(),
        number(settings.stageRules().atRiskAfter()),
        number(settings.stageRules().churnedAfter()));
    line(
        out,
        "event time: watermarks %s behind the latest event; end of observation %s",
        duration(settings.maxOutOfOrderness()),
        settings.observationEnd() == null ? "none" : settings.observationEnd());
    line(
        out,
        "events: %d replayed, %d applied, %d late, %d after the end of observation",
        events,
        events - result.skipped().size(),
        result.count(SkippedPurchase.Reason.LATE),
        result.count(SkippedPurchase.Reason.AFTER_OBSERVATION_END));
    line(
        out,
        "outputs: %d on purchases, %d on stage timers, %d at the end of observation; %d customers",
        result.count(CustomerScore.Trigger.PURCHASE),
        result.count(CustomerScore.Trigger.STAGE_TIMER),
        result.count(CustomerScore.Trigger.OBSERVATION_END),
        last.size());
    line(out, "");
    line(
        out,
        "customer %s, every output (E[Y]: purchases in the next %s periods; CLV: next %d periods"
            + " at %s%% a period):",
        customerId,
        number(settings.expectedPurchasesHorizon()),
        settings.clvPeriods(),
        new BigDecimal(Double.toString(settings.discountRate()))
            .movePointRight(2)
            .stripTrailingZeros()
            .toPlainString());
    String timeline = "  %-16s  %-15s";
    header(out, String.format(Locale.ROOT, timeline, "as of", "trigger"));
    for (CustomerScore s : result.scoresOf(customerId)) {
      row(out, String.format(Locale.ROOT, timeline, s.asOf(), s.trigger()), s);
    }
    line(out, "");
    Map<LifecycleStage, Integer> stages = new EnumMap<>(LifecycleStage.class);
    for (LifecycleStage stage : LifecycleStage.values()) {
      stages.put(stage, 0);
    }
    last.values().forEach(s -> stages.merge(s.stage(), 1, Integer::sum));
    StringBuilder counts = new StringBuilder();
    stages.forEach((stage, n) -> counts.append(String.format(Locale.ROOT, "  %s %d", stage, n)));
    line(out, "customers by stage at their last output:%s", counts);
    line(out, "");
    line(out, "highest CLV at their last output:");
    header(out, "  customer");
    last.values().stream()
        .sorted(
            Comparator.comparingDouble(CustomerScore::clv)
                .reversed()
                .thenComparing(CustomerScore::customerId))
        .limit(5)
        .forEach(s -> row(out, String.format(Locale.ROOT, "  %-8s", s.customerId()), s));
    return out.toString();
  }

  private static void header(StringBuilder out, String lead) {
    line(
        out,
        "%s  %-11s %4s %7s %7s %8s %8s %9s",
        lead,
        "stage",
        "x",
        "t_x",
        "T",
        "P(alive)",
        "E[Y]",
        "CLV");
  }

  private static void row(StringBuilder out, String lead, CustomerScore s) {
    line(
        out,
        "%s  %-11s %4d %7.2f %7.2f %8.4f %8.4f %9.2f",
        lead,
        s.stage(),
        s.frequency(),
        s.recency(),
        s.age(),
        s.probabilityAlive(),
        s.expectedPurchases(),
        s.clv());
  }

  private static String duration(Duration d) {
    return d.equals(Duration.ofDays(d.toDays())) ? d.toDays() + " days" : d.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
