/**
 * The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): {@link
 * org.clvkit.models.paretonbd.ParetoNbdFitter} fits {@link
 * org.clvkit.models.paretonbd.ParetoNbdParameters} by maximum likelihood into an immutable {@link
 * org.clvkit.models.paretonbd.ParetoNbdModel}, which predicts purchases, P(alive) and the
 * discounted expected residual transactions (DERT) of Fader, Hardie &amp; Lee (2005); {@link
 * org.clvkit.models.paretonbd.ParetoNbdSimulator} draws customers from known parameters.
 */
package org.clvkit.models.paretonbd;
