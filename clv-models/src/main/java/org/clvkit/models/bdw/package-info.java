/**
 * The beta-discrete-Weibull (BdW) model of contractual retention (Fader, Hardie, Liu, Davin &amp;
 * Steenburgh 2018), whose individual churn probability may rise or fall with tenure; the
 * shifted-beta-geometric model of {@code org.clvkit.models.sbg} is its special case c = 1.
 */
package org.clvkit.models.bdw;
