package org.clvkit.core.data;

import java.time.ZoneOffset;

/**
 * The columns of a {@link CustomerSummaries} being written, one job: filled customer by customer at
 * given positions (by {@link CustomerStates#write}, possibly from several tasks at disjoint
 * positions), then handed over without a copy. Not API.
 */
final class SummaryColumns {
  final SummaryOptions options;
  final double period;
  final long calibrationEnd;
  final String[] ids;
  final long[] longIds;
  final double[] frequency;
  final double[] recency;
  final double[] age;
  final double[] monetaryValue;
  final double[] totalSpend;
  final long[] firstTime;
  final long[] lastTime;
  final double[] holdoutPurchases;
  final double[] holdoutValue;
  final double[] litt;
  final String[] holdoutOnly;
  final long[] holdoutOnlyPurchases;
  final double[] holdoutOnlySpend;

  /** Columns for n rows and total customers; ids as longs when every id is a long. */
  SummaryColumns(SummaryOptions options, int n, int total, boolean longKeys) {
    this.options = options;
    period = options.timeScale().seconds();
    calibrationEnd = options.calibrationEnd().toEpochSecond(ZoneOffset.UTC);
    ids = longKeys ? null : new String[n];
    longIds = longKeys ? new long[n] : null;
    frequency = new double[n];
    recency = new double[n];
    age = new double[n];
    monetaryValue = new double[n];
    totalSpend = new double[n];
    firstTime = new long[n];
    lastTime = new long[n];
    holdoutPurchases = new double[n];
    holdoutValue = new double[n];
    litt = options.mergeSameDay() ? new double[n] : null;
    holdoutOnly = new String[total - n];
    holdoutOnlyPurchases = new long[total - n];
    holdoutOnlySpend = new double[total - n];
  }

  /** The summaries; the holdout-only totals are summed in customer order. */
  CustomerSummaries summaries(long rows, PolicyCounts counts) {
    long purchases = 0;
    double spend = 0;
    for (int h = 0; h < holdoutOnly.length; h++) {
      purchases += holdoutOnlyPurchases[h];
      spend += holdoutOnlySpend[h];
    }
    return new CustomerSummaries(
        options,
        ids,
        longIds,
        frequency,
        recency,
        age,
        monetaryValue,
        totalSpend,
        firstTime,
        lastTime,
        holdoutPurchases,
        holdoutValue,
        litt,
        holdoutOnly,
        purchases,
        spend,
        rows,
        counts);
  }
}
