package org.clvkit.models.covariates;

import java.io.Serializable;
import java.util.Optional;

/**
 * A covariate model: {@link org.clvkit.models.paretonbd.ParetoNbdCovariateModel}, {@link
 * org.clvkit.models.bgnbd.BgNbdCovariateModel}, {@link org.clvkit.models.sbg.SbgCovariateModel} or
 * {@link org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel}. The type under which {@link
 * org.clvkit.models.io.ModelFiles#saveCovariateModel} saves them and {@link
 * org.clvkit.models.io.ModelFiles#loadCovariateModel(java.nio.file.Path, Class)} gives them back;
 * immutable and thread-safe like every model.
 */
public interface CovariateModel extends Serializable {
  /** The report of the fit that produced this model; empty when built from parameters or loaded. */
  Optional<CovariateFitReport> fitReport();
}
