package org.clvkit.core.lifecycle;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.Transaction;
import org.junit.jupiter.api.Test;

class StageSequencesTest {
  /** Weeks: established at 3 purchases, at risk after 2 quiet weeks, churned after 4. */
  private static final StageRules RULES = StageRules.of(3, 2, 4);

  /** Monday 2024-01-01; period ends 01-08, 01-15, 01-22, 01-29, 02-05, 02-12. */
  private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

  private static final int N = 0;
  private static final int D = 1;
  private static final int E = 2;
  private static final int R = 3;
  private static final int C = 4;

  private static List<Transaction> log() {
    return List.of(
        Transaction.of("A", LocalDate.of(2024, 1, 2), 10),
        Transaction.of("A", LocalDate.of(2024, 1, 10), 10),
        Transaction.of("A", LocalDate.of(2024, 1, 20), 10),
        Transaction.of("B", LocalDate.of(2023, 12, 20), 25),
        Transaction.of("B", LocalDate.of(2024, 2, 6), 25),
        Transaction.of("C", LocalDate.of(2024, 2, 5), 5));
  }

  @Test
  void fromTransactions_handCheckedSequences() {
    Map<String, int[]> sequences =
        StageSequences.fromTransactions(log(), RULES, TimeScale.WEEKS, START, 6);
    assertEquals(List.of("A", "B", "C"), new ArrayList<>(sequences.keySet()));
    // A: at 01-08 one purchase 6 days ago (NEW); 01-15 two, 5 days (DEVELOPING); 01-22 three,
    // 2 days (ESTABLISHED); 01-29 9 days (ESTABLISHED); 02-05 16 days ≥ 2 weeks (AT_RISK);
    // 02-12 23 days (AT_RISK).
    assertArrayEquals(new int[] {N, D, E, E, R, R}, sequences.get("A"));
    // B: bought before the start; quiet 19 and 26 days (AT_RISK), 33, 40, 47 days ≥ 4 weeks
    // (CHURNED); won back on 02-06 with a second purchase (DEVELOPING at 02-12).
    assertArrayEquals(new int[] {R, R, C, C, C, D}, sequences.get("B"));
    // C: first purchase exactly at the 02-05 period end, so it belongs to the last period only.
    assertArrayEquals(new int[] {N}, sequences.get("C"));
  }

  @Test
  void fromTransactions_orderOfTheLogDoesNotMatter() {
    List<Transaction> shuffled = new ArrayList<>(log());
    Collections.reverse(shuffled);
    Map<String, int[]> a = StageSequences.fromTransactions(log(), RULES, TimeScale.WEEKS, START, 6);
    Map<String, int[]> b =
        StageSequences.fromTransactions(shuffled, RULES, TimeScale.WEEKS, START, 6);
    for (String id : a.keySet()) {
      assertArrayEquals(a.get(id), b.get(id));
    }
  }

  @Test
  void fromTransactions_feedsTheEstimator() {
    Map<String, int[]> sequences =
        StageSequences.fromTransactions(log(), RULES, TimeScale.WEEKS, START, 6);
    TransitionCounts counts =
        new TransitionCounts(StageSet.defaults()).acceptAll(sequences.values());
    // A: N→D, D→E, E→E, E→R, R→R; B: R→R, R→C, C→C, C→C, C→D; C: none.
    assertEquals(1, counts.count(N, D));
    assertEquals(1, counts.count(D, E));
    assertEquals(1, counts.count(E, E));
    assertEquals(1, counts.count(E, R));
    assertEquals(2, counts.count(R, R));
    assertEquals(1, counts.count(R, C));
    assertEquals(2, counts.count(C, C));
    assertEquals(1, counts.count(C, D));
    long total = 0;
    for (long[] row : counts.toArray()) {
      total += Arrays.stream(row).sum();
    }
    assertEquals(10, total);
  }

  @Test
  void fromTransactions_rejectsPurchasesAfterTheLastPeriodAndNulls() {
    List<Transaction> late = new ArrayList<>(log());
    late.add(3, Transaction.of("D", LocalDate.of(2024, 2, 12), 1));
    assertRejects(
        "transactions[3].time = 2024-02-12T00:00 must be before the end of the last period ="
            + " 2024-02-12T00:00",
        () -> StageSequences.fromTransactions(late, RULES, TimeScale.WEEKS, START, 6));
    List<Transaction> withNull = new ArrayList<>(log());
    withNull.add(1, null);
    assertRejects(
        "transactions[1] must not be null",
        () -> StageSequences.fromTransactions(withNull, RULES, TimeScale.WEEKS, START, 6));
    assertRejects(
        "periods must be > 0, was 0",
        () -> StageSequences.fromTransactions(log(), RULES, TimeScale.WEEKS, START, 0));
    assertRejects(
        "assigner must not be null",
        () -> StageSequences.fromTransactions(log(), null, TimeScale.WEEKS, START, 6));
  }
}
