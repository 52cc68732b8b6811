/**
 * Covariates of the customer-base models: {@link org.clvkit.models.covariates.CovariateMatrix} (a
 * named, row-major matrix of customer attributes aligned with the customer histories and attached
 * to them by {@link org.clvkit.models.CustomerHistories#withCovariates}), {@link
 * org.clvkit.models.covariates.CovariateSettings} (which covariates act on which process, equality
 * constraints and the L2 penalty, as CLVTools defines them), {@link
 * org.clvkit.models.covariates.CovariateModel} (the covariate models as {@link
 * org.clvkit.models.Model}s), and the parts of a covariate fit's report: {@link
 * org.clvkit.models.covariates.CoefficientEstimate}, {@link
 * org.clvkit.models.covariates.LikelihoodRatioTest} and {@link
 * org.clvkit.models.covariates.CovariateFitReport} (which gives the shared {@link
 * org.clvkit.models.FitReport}).
 *
 * <p>The covariate models are registry types of their own ({@code pnbd-covariates}, {@code
 * bgnbd-covariates}, {@code sbg-covariates}, {@code pnbd-time-varying}; {@link
 * org.clvkit.models.ModelTypes#covariateTypes()}), reached from a base model's id by {@link
 * org.clvkit.models.ModelTypes#covariateVariant(String)} and fitted through {@link
 * org.clvkit.models.ModelType#fitter(CovariateSettings)}; why they are kept out of {@link
 * org.clvkit.models.ModelTypes#all()} is in the {@code org.clvkit.models} package overview.
 */
package org.clvkit.models.covariates;
