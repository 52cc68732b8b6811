/**
 * Customer lifetime value from a purchase model and the Gamma-Gamma spend model: margin × expected
 * spend per purchase × discounted expected purchases over an explicit horizon of whole periods and
 * a discount rate per period (Fader, Hardie and Lee 2005, "RFM and CLV: Using iso-value curves for
 * customer base analysis", Journal of Marketing Research 42). Periods are the purchase model's time
 * unit; there is no hidden calendar.
 */
package org.clvkit.models.clv;
