/**
 * The MBG/CNBD-k and BG/CNBD-k models of Platzer &amp; Reutterer (2016): the MBG/NBD and BG/NBD
 * with Erlang-k inter-purchase times, so that regular buyers are told apart from irregular ones; k
 * is chosen by likelihood over 1..12 as BTYDplus does, from each customer's sum of log
 * inter-purchase times (litt).
 */
package org.clvkit.models.cnbd;
