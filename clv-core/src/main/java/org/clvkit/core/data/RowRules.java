package org.clvkit.core.data;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.clvkit.core.Checks;

/**
 * The row checks of {@link SummaryAccumulator}, one job: decide a row's fate by the documented
 * rules and the options' policies, and count what the policies did. In order, the first failing
 * rule deciding (after the id, which the accumulator checks): amount finite; time not after the
 * observation end; amount not negative; amount not zero. A rejected row throws a {@link
 * org.clvkit.core.ClvArgumentException} naming the field, the value and the row; a dropped row is
 * counted. Not API.
 */
final class RowRules implements Serializable {
  private static final long serialVersionUID = 1L;

  static final long SECONDS_PER_DAY = 86_400L;
  static final long MIN_EPOCH_DAY = LocalDate.MIN.toEpochDay();
  static final long MAX_EPOCH_DAY = LocalDate.MAX.toEpochDay();
  static final long MIN_EPOCH_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
  static final long MAX_EPOCH_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

  /** What {@link #admit} returns for a row that a policy drops. */
  static final long DROPPED = Long.MIN_VALUE;

  /** Names a field of a row in messages; only called when a row is rejected. */
  interface RowNames {
    String name(String field, long row);
  }

  /** Rows named by their index in the accumulator: {@code amount[17]}. */
  static final RowNames INDEXED = (field, row) -> field + "[" + row + "]";

  /** Rows named by their line in the caller's file: {@code amount (line 12)}. */
  static final RowNames LINES = (field, line) -> field + " (line " + line + ")";

  private final SummaryOptions options;
  private final boolean merge;
  private final long observationEnd;

  private long keptZeroAmounts;
  private long droppedZeroAmounts;
  private long droppedRefunds;
  private long droppedAfterEnd;

  RowRules(SummaryOptions options) {
    this.options = options;
    this.merge = options.mergeSameDay();
    this.observationEnd = options.observationEnd().toEpochSecond(ZoneOffset.UTC);
  }

  /**
   * Checks a row's amount and time: returns its key (the time, or the start of its day when
   * merging), or {@link #DROPPED} after counting a dropped row; throws for a rejected one.
   */
  long admit(long second, double amount, long row, RowNames names) {
    if (!Double.isFinite(amount)) {
      Checks.finite(names.name("amount", row), amount);
    }
    long key = merge ? Math.floorDiv(second, SECONDS_PER_DAY) * SECONDS_PER_DAY : second;
    if (key > observationEnd) {
      if (options.afterObservationEnd() == RowPolicy.REJECT) {
        Checks.notAfter(
            names.name("time", row), time(second), "observationEnd", options.observationEnd());
      }
      droppedAfterEnd++;
      return DROPPED;
    }
    if (amount < 0) {
      if (options.refunds() == RowPolicy.REJECT) {
        Checks.nonNegative(names.name("amount", row), amount);
      }
      droppedRefunds++;
      return DROPPED;
    }
    if (amount == 0) {
      RowPolicy zero = options.zeroAmounts();
      if (zero == RowPolicy.REJECT) {
        Checks.positive(names.name("amount", row), amount);
      } else if (zero == RowPolicy.DROP) {
        droppedZeroAmounts++;
        return DROPPED;
      }
      keptZeroAmounts++;
    }
    return key;
  }

  /** Rejects a time outside the range of {@link LocalDateTime}. */
  static void checkEpochSecond(long epochSecond, long row, RowNames names) {
    if (epochSecond < MIN_EPOCH_SECOND || epochSecond > MAX_EPOCH_SECOND) {
      Checks.integerInRange(
          names.name("epochSecond", row), epochSecond, MIN_EPOCH_SECOND, MAX_EPOCH_SECOND);
    }
  }

  /** Rejects a day outside the range of {@link LocalDate}. */
  static void checkEpochDay(long epochDay, long row) {
    if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
      Checks.integerInRange(INDEXED.name("epochDay", row), epochDay, MIN_EPOCH_DAY, MAX_EPOCH_DAY);
    }
  }

  /** What the policies did so far. */
  PolicyCounts counts() {
    return new PolicyCounts(keptZeroAmounts, droppedZeroAmounts, droppedRefunds, droppedAfterEnd);
  }

  /** Adds the counts of another rule set (a combined accumulator's). */
  void add(RowRules other) {
    keptZeroAmounts += other.keptZeroAmounts;
    droppedZeroAmounts += other.droppedZeroAmounts;
    droppedRefunds += other.droppedRefunds;
    droppedAfterEnd += other.droppedAfterEnd;
  }

  static LocalDateTime time(long epochSecond) {
    return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
  }
}
