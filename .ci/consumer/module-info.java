/** The consumer on the module path: the README sample needs clvkit's models (and, through them, core). */
module org.clvkit.consumer {
  requires org.clvkit.models;
}
