/**
 * Covariates of the customer-base models: {@link org.clvkit.models.covariates.CovariateMatrix} (a
 * named, row-major matrix of customer attributes aligned with the customer histories and attached
 * to them by {@link org.clvkit.models.CustomerHistories#withCovariates}), {@link
 * org.clvkit.models.covariates.CovariateSettings} (which covariates act on which process, equality
 * constraints and the L2 penalty, as CLVTools defines them), and the parts of a covariate fit's
 * report: {@link org.clvkit.models.covariates.CoefficientEstimate}, {@link
 * org.clvkit.models.covariates.LikelihoodRatioTest} and {@link
 * org.clvkit.models.covariates.CovariateFitReport}.
 */
package org.clvkit.models.covariates;
