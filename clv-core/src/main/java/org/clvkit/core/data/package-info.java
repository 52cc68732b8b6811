/**
 * Transaction logs to customer summaries: {@link org.clvkit.core.data.Transaction}, the streaming
 * {@link org.clvkit.core.data.SummaryAccumulator} (accept, combine, result; works in parallel
 * streams, Spark and Flink), its {@link org.clvkit.core.data.SummaryOptions} (time unit,
 * calibration and holdout ends, same-day merging, policies for zero amounts, refunds and late
 * rows), the resulting {@link org.clvkit.core.data.CustomerSummaries} columns and {@link
 * org.clvkit.core.data.CustomerSummary} rows, and a text log reader {@link
 * org.clvkit.core.data.TransactionLogFormat}. Times are in periods of a caller-named {@link
 * org.clvkit.core.data.TimeScale}; there are no hidden calendars.
 */
package org.clvkit.core.data;
