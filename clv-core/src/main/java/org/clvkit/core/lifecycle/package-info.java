/**
 * Customer-lifecycle stages as a Markov chain: acquisition ({@code NEW}) → development ({@code
 * DEVELOPING}) → retention ({@code ESTABLISHED}) → {@code AT_RISK} → churn ({@code CHURNED}), with
 * win-back.
 *
 * <ul>
 *   <li>{@link org.clvkit.core.lifecycle.StageSet} names the stages ({@link
 *       org.clvkit.core.lifecycle.LifecycleStage} for the defaults, or a custom list);
 *   <li>{@link org.clvkit.core.lifecycle.StageRules} assigns a customer's stage from purchase count
 *       and times since first and last purchase, and says when it next changes without a purchase
 *       (for stream timers);
 *   <li>{@link org.clvkit.core.lifecycle.TransitionMatrix} and {@link
 *       org.clvkit.core.lifecycle.LifecycleModel} forecast stage distributions, analyse absorbing
 *       and win-back chains and value customers by stage (Pfeifer and Carraway 2000);
 *   <li>{@link org.clvkit.core.lifecycle.StageSequences}, {@link
 *       org.clvkit.core.lifecycle.TransitionCounts} and {@link
 *       org.clvkit.core.lifecycle.TransitionEstimator} estimate the matrix from a transaction log.
 * </ul>
 *
 * <p>Example: value a customer base from a transaction log.
 *
 * <pre>{@code
 * StageRules rules = StageRules.of(4, 8, 26);                        // weeks
 * Map<String, int[]> sequences =
 *     StageSequences.fromTransactions(log, rules, TimeScale.WEEKS, start, 52);
 * LifecycleModel model = TransitionEstimator.maximumLikelihood()
 *     .estimate(rules.stages(), sequences.values())
 *     .model();
 * double[] margins = {5, 8, 12, 2, 0};                               // per week in each stage
 * double[] value = model.value(margins, 0.002);                     // per starting stage
 * }</pre>
 */
package org.clvkit.core.lifecycle;
