/**
 * The Gamma-Gompertz/NBD model of Bemmaor &amp; Glady (2012): Poisson purchasing at a
 * Gamma-distributed rate until an unobserved drop-out whose hazard changes with age (Gompertz, with
 * Gamma-distributed scale); the Pareto/NBD is its limit b → 0 with β/b fixed.
 */
package org.clvkit.models.ggomnbd;
