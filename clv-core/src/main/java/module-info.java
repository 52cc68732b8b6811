/**
 * clvkit core: CLV formulas ({@code value}), customer summaries from transaction logs ({@code
 * data}), RFM scores ({@code rfm}), lifecycle Markov models ({@code lifecycle}) and KPIs ({@code
 * kpi}). No dependencies.
 *
 * <p>Only the API packages are exported. {@code org.clvkit.core.internal} (parallel chunking, small
 * linear algebra) is exported to {@code org.clvkit.models} alone, which shares it.
 */
@SuppressWarnings("module") // the qualified export names a module compiled after this one
module org.clvkit.core {
  exports org.clvkit.core;
  exports org.clvkit.core.data;
  exports org.clvkit.core.kpi;
  exports org.clvkit.core.lifecycle;
  exports org.clvkit.core.rfm;
  exports org.clvkit.core.value;
  exports org.clvkit.core.internal to
      org.clvkit.models;
}
