/**
 * The beta-geometric/beta-binomial (BG/BB) model of Fader, Hardie and Shang (2010), "Customer-base
 * analysis in a discrete-time noncontractual setting", Marketing Science 29(6), 1086–1108: for
 * businesses whose customers can buy only at discrete opportunities (an annual appeal, a yearly
 * event, a renewal date).
 *
 * <p>While alive a customer buys at each opportunity with probability p; at the start of each
 * opportunity an alive customer dies with probability θ; p ~ Beta(α, β) and θ ~ Beta(γ, δ) across
 * customers. A history is {@code frequency, recency, age} = (x, t_x, n): x purchases at the n
 * opportunities after the first purchase, the last at opportunity t_x (0 when x = 0), all whole
 * numbers with x &lt;= t_x &lt;= n.
 *
 * <p>{@link org.clvkit.models.bgbb.BgBbFitter} fits {@link org.clvkit.models.bgbb.BgBbParameters}
 * by maximum likelihood; {@link org.clvkit.models.bgbb.BgBbModel} predicts; {@link
 * org.clvkit.models.bgbb.BgBbSimulator} simulates from known parameters.
 */
package org.clvkit.models.bgbb;
