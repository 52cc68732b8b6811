/**
 * The shifted-beta-geometric (sBG) model of customer retention in a contractual setting (Fader
 * &amp; Hardie 2007, "How to project customer retention", Journal of Interactive Marketing 21(1);
 * Fader &amp; Hardie 2010, "Customer-base valuation in a contractual setting: the perils of
 * ignoring heterogeneity", Marketing Science 29(1)): customers renew at the end of each period with
 * probability 1 − θ until they leave for good, and θ ~ Beta(α, β) across customers.
 *
 * <p>{@link org.clvkit.models.sbg.SbgFitter} fits {@link org.clvkit.models.sbg.SbgParameters} from
 * a cohort's survivor counts or from customers' observed (possibly censored) lifetimes; {@link
 * org.clvkit.models.sbg.SbgModel} gives the survival and retention curves, projections, expected
 * and discounted lifetimes; {@link org.clvkit.models.sbg.SbgSimulator} simulates lifetimes. The
 * survival curve feeds {@link org.clvkit.core.value.RetentionCurveClv} for a customer's discounted
 * CLV.
 */
package org.clvkit.models.sbg;
