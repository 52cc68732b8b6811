/**
 * Uncertainty of fitted models and of what they predict: the covariance of the parameters from the
 * observed information ({@link org.clvkit.models.uncertainty.ParameterCovariance}), the delta
 * method and draws from the asymptotic normal distribution of the log-parameters, a bootstrap over
 * customers ({@link org.clvkit.models.uncertainty.Bootstrap}), and percentile intervals of totals
 * and of per-customer values ({@link org.clvkit.models.uncertainty.Intervals}). Everything is
 * seeded; nothing starts threads.
 *
 * <pre>{@code
 * ParameterCovariance cov = ParameterCovariance.of(model, histories);
 * List<PurchaseModel> draws = cov.sampleModels(model, 200, 42L);
 * Interval total = Intervals.percentile(
 *     sum(model), draws.stream().mapToDouble(m -> sum(m)).toArray(), 0.90);
 * }</pre>
 */
package org.clvkit.models.uncertainty;
