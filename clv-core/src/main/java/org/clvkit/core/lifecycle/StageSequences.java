package org.clvkit.core.lifecycle;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clvkit.core.Checks;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.Transaction;

/**
 * Builds per-customer stage sequences from a transaction log, for {@link TransitionCounts} and
 * {@link TransitionEstimator}: each customer's stage is assigned at the end of every period, and
 * consecutive stages are the chain's one-period transitions.
 */
public final class StageSequences {
  private StageSequences() {}

  /**
   * Assigns every customer a stage at each period end {@code e_k = start + k·period}, {@code k = 1,
   * …, periods} (period = {@code scale}'s length), from the purchases strictly before {@code e_k}:
   * the purchase count, the time since the first and since the last of them, in periods of {@code
   * scale}, given to {@code assigner}. A customer's sequence starts at the first period end after
   * their first purchase and runs to {@code e_periods}, so its length is at least 1.
   *
   * <p>Every transaction counts as one purchase, whatever its amount; merge same-day purchases
   * first if that is the convention wanted. Purchases before {@code start} count as history.
   * Nothing is dropped: a purchase at or after the last period end is an error. Memory grows with
   * the number of transactions.
   *
   * @param transactions the log, in any order
   * @param assigner the stage rules, for example {@link StageRules}
   * @param scale the period length
   * @param start the start of the first period
   * @param periods the number of periods, {@code > 0}
   * @return each customer's stage indices (into {@code assigner.stages()}), one per period end from
   *     their first; an unmodifiable map sorted by customer id
   * @throws org.clvkit.core.ClvArgumentException for a null argument or transaction, or a
   *     transaction at or after the last period end: {@code transactions[17].time =
   *     1997-04-01T00:00 must be before the end of the last period = 1997-04-01T00:00}
   */
  public static Map<String, int[]> fromTransactions(
      Iterable<Transaction> transactions,
      StageAssigner assigner,
      TimeScale scale,
      LocalDateTime start,
      int periods) {
    Checks.notNull("transactions", transactions);
    Checks.notNull("assigner", assigner);
    Checks.notNull("scale", scale);
    Checks.notNull("start", start);
    Checks.positive("periods", periods);
    Duration period = scale.period();
    LocalDateTime end = start.plus(period.multipliedBy(periods));
    Map<String, List<LocalDateTime>> purchases = new HashMap<>();
    int index = 0;
    for (Transaction transaction : transactions) {
      String name = Checks.indexed("transactions", index);
      Checks.notNull(name, transaction);
      if (!transaction.time().isBefore(end)) {
        throw Checks.fail(
            "%s.time = %s must be before the end of the last period = %s",
            name, transaction.time(), end);
      }
      purchases
          .computeIfAbsent(transaction.customerId(), id -> new ArrayList<>())
          .add(transaction.time());
      index++;
    }
    Map<String, int[]> sequences = new TreeMap<>();
    for (Map.Entry<String, List<LocalDateTime>> entry : purchases.entrySet()) {
      List<LocalDateTime> times = entry.getValue();
      Collections.sort(times);
      LocalDateTime first = times.get(0);
      int k0 = 1;
      if (!first.isBefore(start)) {
        k0 = (int) (Duration.between(start, first).dividedBy(period) + 1);
      }
      int[] sequence = new int[periods - k0 + 1];
      int count = 0;
      LocalDateTime last = first;
      for (int k = k0; k <= periods; k++) {
        LocalDateTime periodEnd = start.plus(period.multipliedBy(k));
        while (count < times.size() && times.get(count).isBefore(periodEnd)) {
          last = times.get(count);
          count++;
        }
        sequence[k - k0] =
            assigner.assign(count, scale.between(first, periodEnd), scale.between(last, periodEnd));
      }
      sequences.put(entry.getKey(), sequence);
    }
    return Collections.unmodifiableMap(sequences);
  }
}
