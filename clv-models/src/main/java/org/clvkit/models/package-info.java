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
 * <h2>Covariates through the same shapes</h2>
 *
 * A covariate model (time-invariant covariates, as CLVTools' static covariates) reads its covariate
 * row from {@link org.clvkit.models.CustomerHistories#covariates()}: {@link
 * org.clvkit.models.covariates.CovariateMatrix} holds named columns row-major in one {@code
 * double[]} with a column count, so that the kernel reads row i at {@code i * columns()} without
 * allocating. {@link org.clvkit.models.CustomerHistories#compressed()} groups only customers whose
 * covariate rows are equal, so weights stay correct. The covariate models (Pareto/NBD, BG/NBD and
 * sBG with static covariates, Pareto/NBD with time-varying ones) are {@link
 * org.clvkit.models.Model}s through {@link org.clvkit.models.covariates.CovariateModel}: their
 * {@code parameterNames()} are the base parameters followed by one coefficient per covariate and
 * process ({@code purchase.gender=m}, {@code dropout.age}; a constrained coefficient under both
 * names), {@code fitReport()} is the shared {@link org.clvkit.models.FitReport} (the coefficient
 * table with constraints, the objective and the likelihood-ratio test stay in {@code
 * covariateFitReport()}), and {@code logLikelihood(CustomerHistories)} reads the histories'
 * covariates. Their fitters are {@link org.clvkit.models.Fitter}s configured by {@link
 * org.clvkit.models.FitSettings}; what only a covariate fit chooses (which covariates act on which
 * process, constraints, the penalty per process) is {@link
 * org.clvkit.models.covariates.CovariateSettings}. {@link org.clvkit.models.io.ModelFiles} saves
 * and loads them like every model.
 *
 * <p><b>Why covariate variants are model types of their own, outside {@link
 * org.clvkit.models.ModelTypes#all()}.</b> A fitted covariate model's parameter list depends on the
 * covariates chosen, so its type ({@link org.clvkit.models.ModelType#ofCovariates}) fixes only the
 * base parameters and the two processes and lets each model name its coefficients; model files
 * record the covariate lists. The alternatives were weaker: a covariate flag on the base type
 * ({@code pnbd} plus "with covariates") would give one id two model classes and two parameter
 * layouts, so a {@code ModelType<ParetoNbdModel>} could not type its fitter or its loaded models;
 * listing the variants in {@code all()} would make every "fit each model to these histories" loop
 * (the report's comparison, the engines' model choice) offer models that cannot fit histories
 * without covariates. So each variant has its own id ({@code pnbd-covariates}, {@code
 * bgnbd-covariates}, {@code sbg-covariates}, {@code pnbd-time-varying}), and a program holding a
 * base id and a covariate file asks {@link org.clvkit.models.ModelTypes#covariateVariant(String)}
 * (or {@link org.clvkit.models.ModelTypes#timeVaryingVariant(String)}) and fits with {@link
 * org.clvkit.models.ModelType#fitter(org.clvkit.models.covariates.CovariateSettings)}: no switch
 * over model names. Per-period covariates ({@link
 * org.clvkit.models.covariates.TimeVaryingCovariates}) do not travel in {@code CustomerHistories}
 * yet: {@code ParetoNbdTimeVaryingFitter.fit(CustomerHistories)} holds each customer's row
 * constant, and the time-varying data are the second argument of its {@code fit(histories,
 * covariates)}.
 */
package org.clvkit.models;
