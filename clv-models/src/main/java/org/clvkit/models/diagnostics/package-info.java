/**
 * Diagnostics as data: how well a fitted {@link org.clvkit.models.PurchaseModel} describes the
 * data, as small immutable values that a chart or a CSV writer can use.
 *
 * <ul>
 *   <li>{@link org.clvkit.models.diagnostics.PeriodTransactions}: actual and expected numbers of
 *       customers with 0, 1, …, k+ repeat purchases in calibration;
 *   <li>{@link org.clvkit.models.diagnostics.CalibrationHoldout}: mean actual and predicted holdout
 *       purchases grouped by calibration frequency;
 *   <li>{@link org.clvkit.models.diagnostics.RepeatPurchaseTracking}: cumulative and incremental
 *       repeat purchases of a cohort per period against the model's expectation;
 *   <li>{@link org.clvkit.models.diagnostics.FrequencyRecencyMatrix}: P(alive) or conditional
 *       expected purchases over a frequency × recency grid.
 * </ul>
 *
 * <p>These follow Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way", Marketing
 * Science 24(2), figures 2–5, and Fader, Hardie &amp; Shang (2010) for the discrete-time BG/BB.
 *
 * <p>Each value is a final class rather than a record because it holds columns of numbers and
 * records carry no arrays here (STYLE.md): accessors return copies, element accessors read one
 * value, and {@code toCsv()} gives the whole table with a header line, numbers in {@link
 * Double#toString(double)} form (exact, locale-independent).
 */
package org.clvkit.models.diagnostics;
