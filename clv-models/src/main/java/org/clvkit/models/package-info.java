/**
 * Probabilistic customer-base models: one sub-package per model with its {@code …Fitter}, {@code
 * …Model} and {@code …Parameters}, and the shared fitting vocabulary here. The package {@code internal}
 * (special functions, optimisation, likelihood kernels) is not API.
 */
package org.clvkit.models;
