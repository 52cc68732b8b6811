/**
 * Seeded synthetic customer bases for tests, examples and benchmarks: customers acquired over a
 * period and observed to a common end, whose purchases follow the BG/NBD, MBG/NBD or Pareto/NBD and
 * whose spend follows the Gamma-Gamma model, as per-customer summaries or as a transaction log in
 * primitive columns. Built on the per-model simulators ({@code BgNbdSimulator}, {@code
 * MbgNbdSimulator}, {@code ParetoNbdSimulator}, {@code GammaGammaSimulator}).
 */
package org.clvkit.models.simulation;
