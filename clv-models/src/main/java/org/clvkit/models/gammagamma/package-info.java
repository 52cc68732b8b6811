/**
 * The Gamma-Gamma model of monetary value (Fader, Hardie and Lee 2005, "RFM and CLV: Using
 * iso-value curves for customer base analysis", Journal of Marketing Research 42; Fader and Hardie
 * 2013, "The Gamma-Gamma model of monetary value"): the value of each transaction of a customer is
 * Gamma(p, ν) distributed around the customer's mean p/ν, and ν varies across customers as Gamma(q,
 * γ).
 *
 * <p>{@link org.clvkit.models.gammagamma.GammaGammaFitter} fits p, q, γ on the repeat customers'
 * frequency and mean repeat spend; {@link org.clvkit.models.gammagamma.GammaGammaModel} gives the
 * population mean spend and each customer's conditional expected spend per transaction; {@link
 * org.clvkit.models.gammagamma.GammaGammaSimulator} draws data from known parameters; {@link
 * org.clvkit.models.gammagamma.FrequencySpendCorrelation} checks the model's assumption that spend
 * is independent of purchase frequency.
 */
package org.clvkit.models.gammagamma;
