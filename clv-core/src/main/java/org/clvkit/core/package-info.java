/**
 * clvkit core: shared types such as {@link org.clvkit.core.ClvArgumentException}.
 *
 * <p>Sub-packages hold one idea each: {@code value} (CLV formulas), {@code data} (transactions to
 * customer summaries), {@code rfm}, {@code lifecycle} (stage Markov models) and {@code kpi}. The
 * package {@code internal} is not API and may change without notice.
 */
package org.clvkit.core;
