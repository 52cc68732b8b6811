/**
 * clvkit models: the probabilistic customer-base models (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB,
 * shifted-beta-geometric, Gamma-Gamma), customer lifetime value from them, diagnostics tables,
 * model files, synthetic customer bases and the special functions behind them.
 *
 * <p>Only the API packages are exported; {@code org.clvkit.models.internal} (likelihood kernels,
 * optimisation, pattern caches) is not. commons-math3 is required but never appears in a public
 * signature, so it is not re-exported. Core types (for example {@link
 * org.clvkit.core.ClvArgumentException} and {@link org.clvkit.core.data.CustomerSummaries}) do, so
 * {@code org.clvkit.core} is required transitively.
 */
@SuppressWarnings("requires-automatic")
module org.clvkit.models {
  requires transitive org.clvkit.core;
  requires commons.math3;

  exports org.clvkit.models;
  exports org.clvkit.models.bayes;
  exports org.clvkit.models.bdw;
  exports org.clvkit.models.bgbb;
  exports org.clvkit.models.bgnbd;
  exports org.clvkit.models.clv;
  exports org.clvkit.models.cnbd;
  exports org.clvkit.models.covariates;
  exports org.clvkit.models.diagnostics;
  exports org.clvkit.models.gammagamma;
  exports org.clvkit.models.ggomnbd;
  exports org.clvkit.models.io;
  exports org.clvkit.models.mbgnbd;
  exports org.clvkit.models.nbd;
  exports org.clvkit.models.paretonbd;
  exports org.clvkit.models.sbg;
  exports org.clvkit.models.simulation;
  exports org.clvkit.models.special;
  exports org.clvkit.models.uncertainty;
}
