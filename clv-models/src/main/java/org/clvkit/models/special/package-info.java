/**
 * The special functions behind the models, in log space and under one convergence policy: Gauss's
 * hypergeometric function 2F1 (with its transformations near z = 1), the confluent hypergeometric
 * function U on its diagonal, the upper incomplete gamma function and the log-Pochhammer symbol
 * with digamma. They are API so that programs building their own likelihoods (and clvkit's
 * benchmarks) reach the same accuracy without copying them; each method states its domain and
 * accuracy.
 */
package org.clvkit.models.special;
