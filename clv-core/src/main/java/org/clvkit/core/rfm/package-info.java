/**
 * RFM analysis: recency, frequency and monetary quantile scores ({@link
 * org.clvkit.core.rfm.RfmScorer}, {@link org.clvkit.core.rfm.RfmScore}), the ten named segments
 * ({@link org.clvkit.core.rfm.RfmSegment}) and value tiers by CLV percentile ({@link
 * org.clvkit.core.rfm.ValueTiers}). Scorers and tiers are fitted once on a reference base, keep
 * only their break points, and score single customers or columns with the same kernel.
 */
package org.clvkit.core.rfm;
