/**
 * Probabilistic customer-base models: one sub-package per model with its {@code …Fitter}, {@code
 * …Model} and {@code …Parameters}, and here the shapes they share. The package {@code internal}
 * (special functions, optimisation, likelihood kernels) is not exported.
 *
 * <h2>Design note: one shape for every model</h2>
 *
 * <ul>
 *   <li><b>{@link org.clvkit.models.Model}</b> is the supertype of every model: {@code type()},
 *       {@code name()}, parameter names and values, {@code fitReport()} when fitted, and {@code
 *       logLikelihood(CustomerHistories)} of a data set. Families add their questions: {@link
 *       org.clvkit.models.PurchaseModel} with its two time domains {@link
 *       org.clvkit.models.ContinuousPurchaseModel} (BG/NBD, MBG/NBD, Pareto/NBD) and {@link
 *       org.clvkit.models.DiscretePurchaseModel} (BG/BB), {@link
 *       org.clvkit.models.ResidualValueModel} for DERT in closed form (Pareto/NBD, BG/BB), and the
 *       sBG and Gamma-Gamma models' own methods. A capability is an interface, never a flag.
 *   <li><b>{@link org.clvkit.models.Fitter}{@code <M>}</b> is what every fitter implements: {@code
 *       fit(CustomerHistories)}, {@code logLikelihood(CustomerHistories)} (the function it
 *       maximises, {@link org.clvkit.models.LogLikelihood}), configured by one {@link
 *       org.clvkit.models.FitSettings} and an optional executor. Model-specific data forms ({@code
 *       fit(frequency, recency, age)}, the sBG's survivor counts) are conveniences over it.
 *   <li><b>{@link org.clvkit.models.ModelType}</b> describes a model without an instance (id, name,
 *       parameter names, fitter, factory); each model class holds its {@code TYPE} and {@link
 *       org.clvkit.models.ModelTypes} lists them. The command line, the engines and {@link
 *       org.clvkit.models.io.ModelFiles} go through it, so a new model (NBD, GGom/NBD, BG/CNBD-k,
 *       MBG/CNBD-k, Pareto/NBD (HB), Pareto/GGG, BdW, covariate models) joins by declaring its
 *       {@code TYPE}, implementing the interfaces of its family and adding one line to {@code
 *       ModelTypes}; nothing switches over model names.
 *   <li><b>{@link org.clvkit.models.CustomerHistories}</b> is the one container of model input:
 *       frequency, recency, age and weights, optionally a monetary-value column (Gamma-Gamma) and a
 *       {@link org.clvkit.models.covariates.CovariateMatrix}. {@code CustomerSummaries} (clv-core)
 *       is the output of a transaction log with ids, dates and holdout counts; {@code
 *       CustomerHistories.of(summaries)} bridges the two.
 *   <li><b>Discounting</b> has one convention, the type {@link org.clvkit.models.Discount}: a rate
 *       d per period, equivalently δ = ln(1 + d) compounded continuously; each formula takes the
 *       form it is written in, without rounding the other.
 * </ul>
 *
 * <h2>Room for covariates</h2>
 *
 * A covariate model (time-invariant covariates first, as CLVTools' static covariates) reads its
 * covariate row from {@link org.clvkit.models.CustomerHistories#covariates()}: {@link
 * org.clvkit.models.covariates.CovariateMatrix} (the one covariate type, also the covariate
 * fitters' explicit argument) holds named columns row-major in one {@code double[]} with a column
 * count, so that the kernel reads row i at {@code i * columns()} without allocating. {@link
 * org.clvkit.models.CustomerHistories#compressed()} groups only customers whose covariate rows are
 * equal, so weights stay correct. The covariate models (Pareto/NBD, BG/NBD and sBG with static
 * covariates, Pareto/NBD with time-varying ones) implement {@link
 * org.clvkit.models.covariates.CovariateModel}: their parameters are the base parameters and one
 * coefficient per covariate and process, reported with names in a {@link
 * org.clvkit.models.covariates.CovariateFitReport}; {@link org.clvkit.models.io.ModelFiles} saves
 * and loads them. Their fitters take {@code CustomerHistories} that carry the covariate row; their
 * scoring methods take the covariate row with the customer's history. Per-period covariates ({@link
 * org.clvkit.models.covariates.TimeVaryingCovariates}) are the time-varying fitter's second
 * argument. They are not {@code Model}s of the registry: a fitted covariate model has a parameter
 * list that depends on the covariates chosen, which a {@code ModelType}'s fixed names cannot hold.
 */
package org.clvkit.models;
