/**
 * Hierarchical Bayes fits of customer-base models by Markov chain Monte Carlo: the Pareto/NBD (HB)
 * of Ma &amp; Liu (2007) ({@link org.clvkit.models.bayes.ParetoNbdHbFitter}, registry id {@code
 * pnbd-hb}) and the Pareto/GGG of Platzer &amp; Reutterer (2016) ({@link
 * org.clvkit.models.bayes.ParetoGggFitter}, registry id {@code pggg}). Seeded and reproducible,
 * several chains on the caller's executor with the same draws as on one thread, split R-hat and
 * effective sample size per parameter, posterior means and 95 % intervals for the population
 * parameters and for each customer's P(alive) and expected purchases, and posterior predictive
 * draws.
 */
package org.clvkit.models.bayes;
