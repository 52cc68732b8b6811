/**
 * The NBD model of repeat buying (Ehrenberg 1959; Morrison &amp; Schmittlein 1988): Poisson
 * purchasing at a Gamma-distributed rate, with no drop-out. The baseline against which models with
 * a drop-out process (BG/NBD, Pareto/NBD, …) are compared (Fader &amp; Hardie 2004, "Illustrating
 * the performance of the NBD as a benchmark model for customer-base analysis", Hardie's note 005).
 */
package org.clvkit.models.nbd;
